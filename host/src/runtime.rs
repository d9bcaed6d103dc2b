//! Loading plugin components and calling them inside the sandbox: a fresh
//! store per call, with CPU, memory and wall-clock limits.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use wasmtime::component::{Component, Linker};
use wasmtime::{Engine, Store, UpdateDeadline};

use crate::bindings::{
    self, Config as PluginConfig, ConnectionInfo, Document, PluginError, PluginHostPre, PluginInfo,
    Timestamp, Widget,
};
use crate::cache::{CacheOutcome, ComponentCache};
use crate::config::{ComponentSource, Limits, PluginSpec};
use crate::engine::{EPOCH_TICK, EpochTicker, build_engine};
use crate::hooks::HttpGate;
use crate::origin::Origin;
use crate::state::{CallState, SandboxStop};

/// The bundled Authentik component, built by `build.rs`.
pub static BUNDLED_COMPONENT: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/authentik_plugin.wasm"));

/// Failure to load a plugin.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The component file could not be read.
    #[error("cannot read component {path}: {error}")]
    Read {
        /// Path of the component.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The bytes are not a valid component for this engine.
    #[error(
        "invalid component {0}: {1}; a plugin must be a WebAssembly component built with \
         `cargo build --target wasm32-wasip2`"
    )]
    Compile(String, String),
    /// `[extra]` has a key the plugin does not declare.
    #[error("unknown key `{key}` in [plugins.{plugin}.extra]; the plugin reads: {known}")]
    UnknownExtraKey {
        /// Plugin id.
        plugin: String,
        /// The key.
        key: String,
        /// The keys the plugin declares, comma-separated.
        known: String,
    },
    /// The component implements another version of the interface.
    #[error(
        "the component exports `{found}`, but this launcher accepts only `{}@0.1.x`",
        bindings::PLUGIN_INTERFACE
    )]
    UnsupportedInterface {
        /// The export found.
        found: String,
    },
    /// The component imports something the sandbox does not grant.
    #[error("the component cannot be linked in the sandbox: {0}")]
    Link(String),
    /// The component failed while describing itself.
    #[error("the component failed in `info`: {0}")]
    Info(CallError),
}

/// Failure of a call that the host detected: a limit or a trap. Errors the
/// plugin reports itself are [`PluginError`]s instead.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CallError {
    /// The plugin's code ran longer than its CPU limit.
    #[error("stopped: the plugin used more than its CPU limit of {0:?}")]
    CpuLimit(Duration),
    /// The plugin tried to use more memory than its cap.
    #[error("stopped: the plugin tried to use more than its memory limit of {0} MiB")]
    MemoryLimit(usize),
    /// The call took longer than the wall-clock limit.
    #[error("stopped: the call took longer than its time limit of {0:?}")]
    Timeout(Duration),
    /// The plugin trapped (for example, it panicked).
    #[error("the plugin crashed: {0}")]
    Trap(String),
}

/// The engine, linker and cache shared by all plugins of a launcher.
pub struct Runtime {
    engine: Engine,
    linker: Linker<CallState>,
    cache: ComponentCache,
    ticker: Arc<EpochTicker>,
}

impl Runtime {
    /// Creates the engine, links WASI and wasi:http, and starts the epoch
    /// ticker.
    pub fn new(cache: ComponentCache) -> anyhow::Result<Self> {
        let engine = build_engine()?;
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker)?;
        wasmtime_wasi_http::p2::add_only_http_to_linker_async(&mut linker)?;
        let ticker = EpochTicker::start(&engine);
        Ok(Self {
            engine,
            linker,
            cache,
            ticker: Arc::new(ticker),
        })
    }

    /// Returns the engine, for tools that compile components themselves.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Loads a plugin: compiles (or loads the cached artifact), checks the
    /// interface version, links it, and reads its `info`.
    pub async fn load(&self, spec: PluginSpec) -> Result<Plugin, LoadError> {
        let started = Instant::now();
        let bytes = match &spec.component {
            ComponentSource::Bundled => BUNDLED_COMPONENT.to_vec(),
            ComponentSource::File(path) => {
                std::fs::read(path).map_err(|error| LoadError::Read {
                    path: path.display().to_string(),
                    error,
                })?
            }
        };
        let (component, outcome) = self.cache.load(&self.engine, &bytes).map_err(|e| {
            // wasmtime's parse errors can carry a multi-line byte dump.
            let first_line = e.to_string().lines().next().unwrap_or_default().to_string();
            let source = match &spec.component {
                ComponentSource::Bundled => "(bundled)".to_string(),
                ComponentSource::File(path) => path.display().to_string(),
            };
            LoadError::Compile(source, first_line)
        })?;
        self.check_interface_version(&component)?;

        let instance_pre = self
            .linker
            .instantiate_pre(&component)
            .map_err(|e| LoadError::Link(format!("{e:#}")))?;
        let pre =
            PluginHostPre::new(instance_pre).map_err(|e| LoadError::Link(format!("{e:#}")))?;

        let base_url = Origin::normalize_base_url(&spec.base_url).unwrap_or(spec.base_url.clone());
        let mut plugin = Plugin {
            gate: HttpGate::new(&spec.id, spec.origin.clone(), spec.limits),
            spec: Arc::new(spec),
            base_url,
            pre,
            info: None,
            cache: outcome,
            connection: Arc::default(),
            _ticker: self.ticker.clone(),
        };
        let info = plugin.call_info().await.map_err(LoadError::Info)?;
        check_extra_keys(&plugin.spec, &info)?;
        tracing::info!(
            plugin = %plugin.spec.id,
            name = %info.name,
            version = %info.version,
            cache = ?outcome,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "loaded plugin"
        );
        plugin.info = Some(Arc::new(info));
        Ok(plugin)
    }

    /// Rejects components built for another major/minor of the WIT package.
    fn check_interface_version(&self, component: &Component) -> Result<(), LoadError> {
        let ty = component.component_type();
        let exports: Vec<String> = ty
            .exports(&self.engine)
            .map(|(name, _)| name.to_string())
            .collect();
        let Some(found) = exports
            .iter()
            .find(|name| name.starts_with(&format!("{}@", bindings::PLUGIN_INTERFACE)))
        else {
            return Err(LoadError::UnsupportedInterface {
                found: if exports.is_empty() {
                    "nothing".into()
                } else {
                    exports.join(", ")
                },
            });
        };
        let version = &found[bindings::PLUGIN_INTERFACE.len() + 1..];
        let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
        let accepted = (parts.next().flatten(), parts.next().flatten())
            == (
                Some(bindings::INTERFACE_VERSION.0),
                Some(bindings::INTERFACE_VERSION.1),
            );
        if !accepted {
            return Err(LoadError::UnsupportedInterface {
                found: found.clone(),
            });
        }
        Ok(())
    }
}

/// A loaded plugin, ready to call. Cheap to clone.
#[derive(Clone)]
pub struct Plugin {
    spec: Arc<PluginSpec>,
    base_url: String,
    pre: PluginHostPre<CallState>,
    gate: HttpGate,
    info: Option<Arc<PluginInfo>>,
    cache: CacheOutcome,
    /// Outcome of the last successful `test-connection`, passed to later calls.
    connection: Arc<Mutex<Option<ConnectionInfo>>>,
    /// Keeps the epoch advancing while the plugin exists, because the CPU
    /// limit counts epoch ticks.
    _ticker: Arc<EpochTicker>,
}

/// Creates a store and instance for one call and runs `$call` on the
/// plugin's exports, applying every limit.
macro_rules! sandboxed_call {
    ($plugin:expr, |$exports:ident, $store:ident| $call:expr) => {{
        let plugin: &Plugin = $plugin;
        let limits = plugin.spec.limits;
        let mut $store = plugin.new_store();
        let run = async {
            let instance = plugin.pre.instantiate_async(&mut $store).await?;
            let $exports = instance.launcher_integration_plugin();
            $call.await
        };
        let outcome = tokio::time::timeout(limits.call_timeout, run).await;
        plugin.finish_call(outcome, &$store)
    }};
}

impl Plugin {
    /// Id from the configuration.
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// Returns what the plugin reported about itself at load time.
    pub fn info(&self) -> &PluginInfo {
        self.info.as_deref().expect("set by Runtime::load")
    }

    /// Returns whether the component was compiled or loaded from the cache.
    pub fn cache_outcome(&self) -> CacheOutcome {
        self.cache
    }

    /// Removes this plugin's token from text that leaves the host.
    pub fn redact(&self, text: &str) -> String {
        crate::redact::redact(text, self.spec.token.expose())
    }

    /// Returns the sandbox limits of this plugin.
    pub fn limits(&self) -> Limits {
        self.spec.limits
    }

    /// Fetches the widget of one endpoint.
    pub async fn fetch(
        &self,
        endpoint: &str,
        now: Timestamp,
    ) -> Result<Result<Widget, PluginError>, CallError> {
        let config = self.plugin_config();
        sandboxed_call!(self, |exports, store| exports
            .call_fetch(&mut store, &config, endpoint, now))
    }

    /// Computes the widget of one endpoint from documents, without I/O.
    pub async fn transform(
        &self,
        endpoint: &str,
        documents: &[Document],
        now: Timestamp,
    ) -> Result<Result<Widget, PluginError>, CallError> {
        let config = self.plugin_config();
        sandboxed_call!(self, |exports, store| exports
            .call_transform(&mut store, &config, endpoint, documents, now))
    }

    /// Checks the connection. On success it stores the server version and
    /// the missing permissions, which later calls receive as the config
    /// values `server_version` and `missing_permissions`.
    pub async fn test_connection(&self) -> Result<Result<ConnectionInfo, PluginError>, CallError> {
        let config = self.plugin_config();
        let result = sandboxed_call!(self, |exports, store| exports
            .call_test_connection(&mut store, &config))?;
        if let Ok(info) = &result
            && let Ok(mut connection) = self.connection.lock()
        {
            *connection = Some(info.clone());
        }
        Ok(result)
    }

    async fn call_info(&self) -> Result<PluginInfo, CallError> {
        sandboxed_call!(self, |exports, store| exports.call_info(&mut store))
    }

    /// Builds the configuration passed to the plugin: base URL, token, the
    /// outcome of the connection check, and the extra values.
    fn plugin_config(&self) -> PluginConfig {
        let mut values = vec![
            ("base_url".to_string(), self.base_url.clone()),
            ("token".to_string(), self.spec.token.expose().to_string()),
        ];
        let connection = self.connection.lock().ok().and_then(|c| c.clone());
        if let Some(info) = connection {
            values.push(("server_version".into(), info.server_version));
            values.push((
                "missing_permissions".into(),
                info.missing_permissions.join(","),
            ));
        }
        for (key, value) in &self.spec.extra {
            values.push((key.clone(), value.clone()));
        }
        PluginConfig { values }
    }

    fn new_store(&self) -> Store<CallState> {
        let limits = self.spec.limits;
        let mut store = Store::new(
            self.pre.engine(),
            CallState::new(self.gate.clone(), &limits),
        );
        store.limiter(|state| state.limiter());

        // The callback runs once per tick in which guest code was running,
        // so the tick count approximates the plugin's CPU time. Time spent
        // waiting on HTTP in the host does not count.
        let budget = cpu_ticks(limits.cpu);
        store.set_epoch_deadline(1);
        store.epoch_deadline_callback(move |mut context| {
            let state = context.data_mut();
            state.cpu_ticks += 1;
            if state.cpu_ticks > budget {
                return Err(SandboxStop::CpuLimit.into());
            }
            Ok(UpdateDeadline::Yield(1))
        });
        store
    }

    fn finish_call<R>(
        &self,
        outcome: Result<wasmtime::Result<R>, tokio::time::error::Elapsed>,
        store: &Store<CallState>,
    ) -> Result<R, CallError> {
        let limits = self.spec.limits;
        let error = match outcome {
            Ok(Ok(value)) => return Ok(value),
            Err(_) => CallError::Timeout(limits.call_timeout),
            Ok(Err(e)) => match e.downcast_ref::<SandboxStop>() {
                Some(SandboxStop::CpuLimit) => CallError::CpuLimit(limits.cpu),
                Some(SandboxStop::MemoryLimit) => CallError::MemoryLimit(limits.memory_bytes >> 20),
                None => CallError::Trap(self.describe_trap(&e, store)),
            },
        };
        tracing::warn!(plugin = %self.spec.id, error = %error, "plugin call failed");
        Err(error)
    }

    /// Formats the trap message with the guest's last stderr lines (a Rust
    /// panic message), with the token removed.
    fn describe_trap(&self, error: &wasmtime::Error, store: &Store<CallState>) -> String {
        let trap = error
            .downcast_ref::<wasmtime::Trap>()
            .map(|t| t.to_string())
            .unwrap_or_else(|| format!("{error}"));
        // A Rust panic writes "thread '…' panicked at FILE:LINE:COL:", the
        // message, then a "note:" line about backtraces.
        let stderr = store.data().stderr();
        let lines: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("note:"))
            .collect();
        let tail = lines[lines.len().saturating_sub(2)..].join(" ");
        let message = if tail.is_empty() {
            trap
        } else {
            format!("{trap}: {tail}")
        };
        crate::redact::redact(&message, self.spec.token.expose())
    }
}

/// Rejects `[extra]` keys that the plugin does not list in its config
/// fields, so that a misspelt key is not silently ignored.
fn check_extra_keys(spec: &PluginSpec, info: &PluginInfo) -> Result<(), LoadError> {
    let declared: Vec<&str> = info.config_fields.iter().map(|f| f.key.as_str()).collect();
    let Some(unknown) = spec
        .extra
        .keys()
        .find(|key| !declared.contains(&key.as_str()))
    else {
        return Ok(());
    };
    let known: Vec<&str> = declared
        .into_iter()
        .filter(|key| !crate::config::RESERVED_KEYS.contains(key))
        .collect();
    Err(LoadError::UnknownExtraKey {
        plugin: spec.id.clone(),
        key: unknown.clone(),
        known: if known.is_empty() {
            "nothing".into()
        } else {
            known.join(", ")
        },
    })
}

/// Number of epoch ticks in a CPU budget, at least one.
fn cpu_ticks(cpu: Duration) -> u64 {
    (cpu.as_millis() / EPOCH_TICK.as_millis()).max(1) as u64
}
