//! Host bindings of the `launcher:integration` world, generated from `wit/`.

#![allow(missing_docs)]

wasmtime::component::bindgen!({
    path: "../wit",
    // The host only needs the exports: wasi:http is linked from
    // wasmtime-wasi-http, so the world here leaves the import out.
    inline: "
        package launcher:host;
        world plugin-host {
            export launcher:integration/plugin@0.1.0;
        }
    ",
    exports: { default: async },
});

pub use self::exports::launcher::integration::plugin::{ConnectionInfo, Document, PluginInfo};
pub use self::launcher::integration::types::*;

/// The version of the WIT package this host was built against.
pub const INTERFACE_VERSION: (u64, u64) = (0, 1);

/// Name of the exported interface, without its version.
pub const PLUGIN_INTERFACE: &str = "launcher:integration/plugin";
