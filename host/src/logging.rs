//! Log set-up: quiet by default, `RUST_LOG` for more, always on stderr.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the subscriber; `RUST_LOG` overrides the default `warn` level.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
