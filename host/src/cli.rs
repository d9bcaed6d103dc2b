//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Runs launcher integration plugins in a WebAssembly sandbox and shows
/// their widgets.
#[derive(Debug, Parser)]
#[command(name = "launcher", version, about)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the built-in Authentik simulator on a free 127.0.0.1 port and
    /// show the Authentik widgets from it.
    Demo {
        /// Authentik release whose API the simulator imitates.
        #[arg(long, default_value = "2025.12.4")]
        server_version: String,
        /// Output options.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Show the widgets of the plugins in a config file.
    Show {
        /// Path of the TOML config file.
        #[arg(long, short)]
        config: PathBuf,
        /// Output options.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Check each configured plugin's server, token and permissions.
    TestConnection {
        /// Path of the TOML config file.
        #[arg(long, short)]
        config: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print what a plugin component declares: endpoints and config fields.
    Info {
        /// Path of a `.wasm` component, or `authentik` for the bundled one.
        plugin: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Run the Authentik simulator alone until Ctrl-C.
    Sim {
        /// Port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = 9000)]
        port: u16,
        /// The only API token the simulator accepts, at least 8 characters.
        #[arg(long, env = "AUTHENTIK_TOKEN", hide_env_values = true)]
        token: String,
        /// Authentik release whose API the simulator imitates.
        #[arg(long, default_value = "2025.12.4")]
        server_version: String,
    },
}

/// Options shared by `demo` and `show`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Render once and exit, instead of refreshing until Ctrl-C.
    #[arg(long)]
    pub once: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Compute the widgets as of this time (RFC 3339), instead of now.
    #[arg(long, value_name = "TIME")]
    pub now: Option<String>,
    /// Serve the dashboard as a web page on this address (such as
    /// 127.0.0.1:8080) instead of printing it; JSON is at /widgets.json.
    #[arg(long, value_name = "ADDR", conflicts_with = "once")]
    pub serve: Option<std::net::SocketAddr>,
    /// Do not read or write the compiled-component cache.
    #[arg(long)]
    pub no_cache: bool,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A terminal dashboard.
    Text,
    /// One JSON document per refresh.
    Json,
    /// An HTML page.
    Html,
}
