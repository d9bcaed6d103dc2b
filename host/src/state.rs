//! The data of the store of one plugin call: a WASI context that grants
//! nothing, the HTTP gate, and the resource limiter.

use wasmtime::ResourceLimiter;
use wasmtime::component::ResourceTable;
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use crate::config::Limits;
use crate::hooks::HttpGate;

/// Bytes of guest stderr kept per call, for panic messages.
const STDERR_CAPACITY: usize = 4096;

/// Reason the sandbox stopped a call, carried as the error of the trap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SandboxStop {
    /// The plugin's code ran longer than its CPU limit.
    #[error("the plugin exceeded its CPU limit")]
    CpuLimit,
    /// The plugin tried to grow its memory past the cap.
    #[error("the plugin exceeded its memory limit")]
    MemoryLimit,
}

/// The data of a store: one per call.
pub struct CallState {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
    gate: HttpGate,
    memory_limit: MemoryLimiter,
    /// Epoch ticks in which the plugin's code ran.
    pub cpu_ticks: u64,
    stderr: MemoryOutputPipe,
}

impl CallState {
    /// Creates the state of one call. The WASI context has no files, no
    /// environment, no arguments and no sockets; stdout is discarded and
    /// stderr kept in a small buffer.
    pub fn new(gate: HttpGate, limits: &Limits) -> Self {
        let stderr = MemoryOutputPipe::new(STDERR_CAPACITY);
        let wasi = WasiCtxBuilder::new()
            .stderr(stderr.clone())
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        Self {
            wasi,
            http: WasiHttpCtx::new(),
            table: ResourceTable::new(),
            gate,
            memory_limit: MemoryLimiter {
                max_bytes: limits.memory_bytes,
            },
            cpu_ticks: 0,
            stderr,
        }
    }

    /// Returns the limiter to register with `Store::limiter`.
    pub fn limiter(&mut self) -> &mut dyn ResourceLimiter {
        &mut self.memory_limit
    }

    /// Returns what the plugin wrote to stderr, lossily decoded.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.contents()).into_owned()
    }
}

impl WasiView for CallState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for CallState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: &mut self.gate,
        }
    }
}

/// Caps linear memory; growing past the cap stops the call.
struct MemoryLimiter {
    max_bytes: usize,
}

/// Tables and instances are not what a plugin needs to grow: fixed caps.
const MAX_TABLE_ELEMENTS: usize = 100_000;

impl ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.max_bytes {
            return Err(SandboxStop::MemoryLimit.into());
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= MAX_TABLE_ELEMENTS)
    }

    fn instances(&self) -> usize {
        32
    }

    fn memories(&self) -> usize {
        32
    }

    fn tables(&self) -> usize {
        64
    }
}
