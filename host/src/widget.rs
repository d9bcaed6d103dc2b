//! The outcome of one endpoint refresh: the widget or why it is missing.

use crate::bindings::{Endpoint, PluginError, Widget, WidgetKind};
use crate::runtime::CallError;

/// One endpoint's widget, or the error to show in its place.
#[derive(Debug, Clone)]
pub struct WidgetResult {
    /// Id of the plugin.
    pub plugin: String,
    /// The endpoint as the plugin described it.
    pub endpoint: Endpoint,
    /// When the widget was computed, in milliseconds since the Unix epoch.
    pub computed_at: i64,
    /// The widget, or the error.
    pub outcome: Result<Widget, WidgetError>,
}

/// Reason a widget is missing.
#[derive(Debug, Clone)]
pub enum WidgetError {
    /// The plugin reported a typed error.
    Plugin(PluginError),
    /// The host stopped the call or the plugin crashed.
    Host(CallError),
}

impl WidgetError {
    /// Short machine-readable kind, such as `forbidden` or `cpu-limit`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Plugin(e) => match e {
                PluginError::InvalidConfig(_) => "invalid-config",
                PluginError::Unauthorized(_) => "unauthorized",
                PluginError::Forbidden(_) => "forbidden",
                PluginError::NotFound(_) => "not-found",
                PluginError::RateLimited(_) => "rate-limited",
                PluginError::Timeout(_) => "timeout",
                PluginError::Unreachable(_) => "unreachable",
                PluginError::Denied(_) => "denied",
                PluginError::InvalidResponse(_) => "invalid-response",
                PluginError::UnsupportedVersion(_) => "unsupported-version",
                PluginError::Internal(_) => "internal",
            },
            Self::Host(e) => match e {
                CallError::CpuLimit(_) => "cpu-limit",
                CallError::MemoryLimit(_) => "memory-limit",
                CallError::Timeout(_) => "call-timeout",
                CallError::Trap(_) => "crashed",
            },
        }
    }

    /// Formats a sentence for the reader of the dashboard.
    pub fn message(&self) -> String {
        match self {
            Self::Plugin(e) => match e {
                PluginError::InvalidConfig(p) => {
                    format!("invalid config `{}`: {}", p.key, p.message)
                }
                PluginError::Unauthorized(m) => format!("unauthorized: {m}"),
                PluginError::Forbidden(p) => {
                    format!(
                        "forbidden: the token lacks permission `{}` ({})",
                        p.permission, p.message
                    )
                }
                PluginError::NotFound(m) => format!("not found: {m}"),
                PluginError::RateLimited(Some(secs)) => {
                    format!("rate limited by the server; retry after {secs} s")
                }
                PluginError::RateLimited(None) => "rate limited by the server".into(),
                PluginError::Timeout(m) => format!("timed out: {m}"),
                PluginError::Unreachable(m) => format!("unreachable: {m}"),
                PluginError::Denied(m) => format!("denied by the sandbox: {m}"),
                PluginError::InvalidResponse(m) => format!("invalid response: {m}"),
                PluginError::UnsupportedVersion(m) => format!("unsupported server version: {m}"),
                PluginError::Internal(m) => format!("plugin error: {m}"),
            },
            Self::Host(e) => e.to_string(),
        }
    }
}

/// Kebab-case name of a widget kind, as in the WIT.
pub fn kind_name(kind: WidgetKind) -> &'static str {
    match kind {
        WidgetKind::StatCard => "stat-card",
        WidgetKind::Gauge => "gauge",
        WidgetKind::List => "list",
        WidgetKind::Progress => "progress",
        WidgetKind::AlertBanner => "alert-banner",
        WidgetKind::Chart => "chart",
    }
}
