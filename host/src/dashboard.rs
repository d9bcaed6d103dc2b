//! Refreshing the widgets of loaded plugins, once or at each endpoint's
//! interval.

use std::time::Duration;

use crate::bindings::Endpoint;
use crate::runtime::Plugin;
use crate::widget::{WidgetError, WidgetResult};

/// The plugins of a dashboard and the last result of each endpoint.
pub struct Dashboard {
    plugins: Vec<Plugin>,
    results: Vec<WidgetResult>,
}

impl Dashboard {
    /// Creates a dashboard over loaded plugins.
    pub fn new(plugins: Vec<Plugin>) -> Self {
        Self {
            plugins,
            results: Vec::new(),
        }
    }

    /// Checks each plugin's connection once, so that later calls receive
    /// the server version. Failures are logged, and the widgets then show
    /// their own errors.
    pub async fn connect(&self) {
        for plugin in &self.plugins {
            match plugin.test_connection().await {
                Ok(Ok(info)) => tracing::info!(
                    plugin = plugin.id(),
                    user = %plugin.redact(&info.user),
                    server_version = %plugin.redact(&info.server_version),
                    missing_permissions = ?info.missing_permissions,
                    "connected"
                ),
                Ok(Err(e)) => {
                    let message = plugin.redact(&WidgetError::Plugin(e).message());
                    tracing::warn!(plugin = plugin.id(), error = %message, "connection check failed")
                }
                Err(e) => {
                    tracing::warn!(plugin = plugin.id(), error = %e, "connection check failed")
                }
            }
        }
    }

    /// Fetches every endpoint of every plugin, in order.
    pub async fn refresh_all(&mut self, now: i64) -> &[WidgetResult] {
        let mut results = Vec::new();
        for plugin in &self.plugins {
            for endpoint in &plugin.info().endpoints {
                results.push(fetch(plugin, endpoint, now).await);
            }
        }
        self.results = results;
        &self.results
    }

    /// Fetches the endpoints whose interval has passed, keeping the other
    /// results, and returns when the next endpoint is due.
    pub async fn refresh_due(&mut self, now: i64, due: &mut Vec<i64>) -> Duration {
        if due.is_empty() || due.len() != self.results.len() {
            self.refresh_all(now).await;
            *due = self.next_due(now);
        } else {
            let mut index = 0;
            for plugin in &self.plugins {
                for endpoint in &plugin.info().endpoints {
                    if due[index] <= now {
                        self.results[index] = fetch(plugin, endpoint, now).await;
                        due[index] = now + interval_ms(endpoint);
                    }
                    index += 1;
                }
            }
        }
        let next = due.iter().min().copied().unwrap_or(now + 60_000);
        Duration::from_millis((next - now).max(1000) as u64)
    }

    /// Returns the latest results.
    pub fn results(&self) -> &[WidgetResult] {
        &self.results
    }

    fn next_due(&self, now: i64) -> Vec<i64> {
        self.plugins
            .iter()
            .flat_map(|p| p.info().endpoints.iter().map(move |e| now + interval_ms(e)))
            .collect()
    }
}

/// Refresh interval of an endpoint, at least five seconds.
fn interval_ms(endpoint: &Endpoint) -> i64 {
    i64::from(endpoint.refresh_seconds.max(5)) * 1000
}

async fn fetch(plugin: &Plugin, endpoint: &Endpoint, now: i64) -> WidgetResult {
    let outcome = match plugin.fetch(&endpoint.id, now).await {
        Ok(Ok(widget)) => Ok(widget),
        Ok(Err(e)) => {
            let error = WidgetError::Plugin(e);
            tracing::warn!(
                plugin = plugin.id(),
                endpoint = %endpoint.id,
                kind = error.kind(),
                error = %plugin.redact(&error.message()),
                "endpoint failed"
            );
            Err(error)
        }
        Err(e) => Err(WidgetError::Host(e)),
    };
    WidgetResult {
        plugin: plugin.id().to_string(),
        endpoint: endpoint.clone(),
        computed_at: now,
        outcome,
    }
}
