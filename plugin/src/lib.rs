//! Authentik integration plugin for launcher dashboards.
//!
//! The crate builds a WebAssembly component (`wasm32-wasip2`) of the
//! `launcher:integration` world. It reads an Authentik server's REST API
//! (`/api/v3/`) over wasi:http and turns the responses into widgets: active
//! sessions, recent logins, attack alerts and user counts.
//!
//! The logic is target-independent and tested natively. Only the wasi:http
//! transport and the component export are specific to `wasm32`.

#![deny(missing_docs)]

pub mod bindings;
pub mod client;
pub mod component;
pub mod config;
pub mod connection;
pub mod detect;
pub mod endpoints;
pub mod events;
pub mod fetch;
pub mod models;
pub mod requests;
pub mod transform;
pub mod transport;
pub mod version;
#[cfg(target_arch = "wasm32")]
pub mod wasi_transport;

pub use bindings::launcher::integration::types::{
    Alert, AlertBanner, Config, ConnectionInfo, Document, Endpoint, ItemList, ItemStatus, ListItem,
    PluginError, PluginInfo, Severity, StatCard, Widget,
};
pub use component::Component;
pub use config::{ConnectionSettings, WidgetSettings};
pub use endpoints::EndpointId;
pub use transport::{HttpResponse, Transport, TransportError};
pub use version::Version;
