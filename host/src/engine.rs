//! The wasmtime engine shared by all plugins, and the epoch ticker that
//! drives CPU limits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use wasmtime::{Config, Engine};

/// Length of one epoch tick: the granularity of the CPU limit.
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// Builds the engine: component model, async calls, epoch interruption.
pub fn build_engine() -> anyhow::Result<Engine> {
    let mut config = Config::new();
    config.wasm_component_model(true);
    config.epoch_interruption(true);
    // Guests are small API clients: a 1 MiB wasm stack is plenty, and it
    // bounds runaway recursion.
    config.max_wasm_stack(1 << 20);
    Ok(Engine::new(&config)?)
}

/// A background thread that advances the engine's epoch every
/// [`EPOCH_TICK`]; stops when dropped.
pub struct EpochTicker {
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl EpochTicker {
    /// Starts ticking `engine`.
    pub fn start(engine: &Engine) -> Self {
        let engine = engine.clone();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = thread::Builder::new()
            .name("epoch-ticker".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    thread::sleep(EPOCH_TICK);
                    engine.increment_epoch();
                }
            })
            .expect("spawning a thread at start-up");
        Self {
            stop,
            handle: Some(handle),
        }
    }
}

impl Drop for EpochTicker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}
