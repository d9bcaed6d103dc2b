//! `launcher info`: what a component declares about itself.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;

use crate::bindings::{FieldKind, PluginInfo};
use crate::cache::ComponentCache;
use crate::cli::Format;
use crate::config::{BUNDLED_COMPONENT, ComponentSource, Limits, PluginSpec, Secret};
use crate::origin::Origin;
use crate::runtime::Runtime;
use crate::widget::kind_name;

/// Loads the component without granting it any reachable origin and prints
/// its `info`.
pub async fn run(plugin: &str, format: Format) -> anyhow::Result<ExitCode> {
    let component = if plugin == BUNDLED_COMPONENT {
        ComponentSource::Bundled
    } else {
        ComponentSource::File(PathBuf::from(plugin))
    };
    // Port 9 (discard) on loopback: `info` sends no requests.
    let base_url = "http://127.0.0.1:9".to_string();
    let spec = PluginSpec {
        id: "info".into(),
        component,
        origin: Origin::from_base_url(&base_url).map_err(anyhow::Error::msg)?,
        base_url,
        token: Secret::new(""),
        extra: BTreeMap::new(),
        limits: Limits::default(),
    };
    let runtime = Runtime::new(ComponentCache::new(ComponentCache::default_dir()))?;
    let loaded = runtime.load(spec).await?;
    let info = loaded.info();
    match format {
        Format::Json => println!("{}", info_json(info)),
        Format::Text | Format::Html => print!("{}", info_text(info)),
    }
    Ok(ExitCode::SUCCESS)
}

fn field_kind(kind: FieldKind) -> &'static str {
    match kind {
        FieldKind::Text => "text",
        FieldKind::Url => "url",
        FieldKind::Secret => "secret",
        FieldKind::Integer => "integer",
        FieldKind::Minutes => "minutes",
        FieldKind::Boolean => "boolean",
    }
}

fn info_json(info: &PluginInfo) -> serde_json::Value {
    json!({
        "id": info.id,
        "name": info.name,
        "version": info.version,
        "description": info.description,
        "config_fields": info.config_fields.iter().map(|f| json!({
            "key": f.key, "label": f.label, "kind": field_kind(f.kind),
            "required": f.required, "default": f.default, "help": f.help,
        })).collect::<Vec<_>>(),
        "endpoints": info.endpoints.iter().map(|e| json!({
            "id": e.id, "title": e.title, "kind": kind_name(e.kind),
            "refresh_seconds": e.refresh_seconds, "permissions": e.permissions,
        })).collect::<Vec<_>>(),
    })
}

fn info_text(info: &PluginInfo) -> String {
    let mut out = format!(
        "{} {} ({})\n{}\n\nEndpoints:\n",
        info.name, info.version, info.id, info.description
    );
    for e in &info.endpoints {
        out.push_str(&format!(
            "  {:<16} {:<12} every {:>4} s  needs {}\n",
            e.id,
            kind_name(e.kind),
            e.refresh_seconds,
            e.permissions.join(", ")
        ));
    }
    out.push_str("\nConfig fields:\n");
    for f in &info.config_fields {
        let default = f
            .default
            .as_deref()
            .map(|d| format!(" (default {d})"))
            .unwrap_or_default();
        let required = if f.required { " required" } else { "" };
        out.push_str(&format!(
            "  {:<28} {}{required}{default}: {}\n",
            f.key,
            field_kind(f.kind),
            f.help
        ));
    }
    out
}
