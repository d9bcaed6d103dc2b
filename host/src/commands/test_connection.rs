//! `launcher test-connection`: checks each configured plugin's server.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use serde_json::json;

use crate::cache::ComponentCache;
use crate::cli::Format;
use crate::config::Config;
use crate::redact::redact;
use crate::runtime::Runtime;
use crate::widget::WidgetError;

/// Runs `test-connection` of every plugin and prints the outcome; fails
/// when any plugin fails.
pub async fn run(path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let config = Config::load(path)?;
    let specs = config.plugin_specs(path.parent().unwrap_or(Path::new(".")))?;
    let runtime = Runtime::new(ComponentCache::new(ComponentCache::default_dir()))?;

    let mut ok = true;
    let mut reports = Vec::new();
    for spec in specs {
        let id = spec.id.clone();
        let token = spec.token.expose().to_string();
        let plugin = runtime
            .load(spec)
            .await
            .with_context(|| format!("cannot load plugin `{id}`"))?;
        let report = match plugin.test_connection().await {
            Ok(Ok(info)) => json!({
                "plugin": id,
                "ok": true,
                "user": info.user,
                "server_version": info.server_version,
                "missing_permissions": info.missing_permissions,
            }),
            Ok(Err(e)) => {
                ok = false;
                let error = WidgetError::Plugin(e);
                json!({ "plugin": id, "ok": false, "error": { "kind": error.kind(), "message": redact(&error.message(), &token) } })
            }
            Err(e) => {
                ok = false;
                let error = WidgetError::Host(e);
                json!({ "plugin": id, "ok": false, "error": { "kind": error.kind(), "message": redact(&error.message(), &token) } })
            }
        };
        reports.push(report);
    }

    match format {
        Format::Json => println!("{}", json!({ "plugins": reports })),
        Format::Text | Format::Html => {
            for report in &reports {
                println!("{}", describe(report));
            }
        }
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn describe(report: &serde_json::Value) -> String {
    let id = report["plugin"].as_str().unwrap_or("?");
    if report["ok"].as_bool() == Some(true) {
        let missing: Vec<&str> = report["missing_permissions"]
            .as_array()
            .map(|a| a.iter().filter_map(|p| p.as_str()).collect())
            .unwrap_or_default();
        let mut line = format!(
            "{id}: connected as {} to Authentik {}",
            report["user"].as_str().unwrap_or("?"),
            report["server_version"].as_str().unwrap_or("?")
        );
        if missing.is_empty() {
            line.push_str("; the token has every permission the widgets need");
        } else {
            line.push_str(&format!("; the token lacks: {}", missing.join(", ")));
        }
        line
    } else {
        format!(
            "{id}: {}",
            report["error"]["message"].as_str().unwrap_or("?")
        )
    }
}
