//! The exported `plugin` interface.

use crate::bindings::exports::launcher::integration::plugin::Guest;
use crate::bindings::launcher::integration::types::{
    Config, ConnectionInfo, Document, Endpoint, PluginError, PluginInfo, Widget,
};
use crate::client::redact_error;
use crate::config::{TOKEN, WidgetSettings, lookup};
use crate::endpoints::{EndpointId, endpoints, plugin_info};
use crate::transport::Transport;

/// The component: implements the WIT `plugin` interface.
pub struct Component;

impl Guest for Component {
    fn info() -> PluginInfo {
        plugin_info()
    }

    fn endpoints() -> Vec<Endpoint> {
        endpoints()
    }

    fn fetch(config: Config, endpoint: String, now: i64) -> Result<Widget, PluginError> {
        crate::fetch::fetch(host_transport(), &config, &endpoint, now)
    }

    /// Unknown endpoint ids are `invalid-config` with key `endpoint`.
    fn transform(
        config: Config,
        endpoint: String,
        documents: Vec<Document>,
        now: i64,
    ) -> Result<Widget, PluginError> {
        let token = lookup(&config, TOKEN).unwrap_or("").trim().to_string();
        let result = EndpointId::parse(&endpoint).and_then(|endpoint| {
            let settings = WidgetSettings::from_config(&config)?;
            crate::transform::transform(&settings, endpoint, &documents, now)
        });
        result.map_err(|error| redact_error(error, &token))
    }

    fn test_connection(config: Config) -> Result<ConnectionInfo, PluginError> {
        crate::connection::test_connection(host_transport(), &config)
    }
}

#[cfg(target_arch = "wasm32")]
fn host_transport() -> impl Transport {
    crate::wasi_transport::WasiTransport
}

#[cfg(not(target_arch = "wasm32"))]
fn host_transport() -> impl Transport {
    crate::transport::NoTransport
}

#[cfg(target_arch = "wasm32")]
crate::bindings::export!(Component with_types_in crate::bindings);
