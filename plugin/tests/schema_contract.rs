//! Contract test: every request the plugin sends exists in Authentik's
//! OpenAPI schema of the matching release, with GET and with every query
//! parameter declared (and, for enumerations, an allowed value).
//!
//! The schemas are read from `../../shared/authentik/schema/` relative to
//! this crate: `shared/` sits beside the repository clone.

use std::path::PathBuf;

use authentik_plugin::requests::all_requests;
use authentik_plugin::{Version, WidgetSettings};
use serde_yaml_ng::Value;

const SCHEMAS: [(&str, Version); 4] = [
    ("authentik-2023.10.7.schema.yml", Version::new(2023, 10, 7)),
    ("authentik-2025.6.4.schema.yml", Version::new(2025, 6, 4)),
    ("authentik-2026.2.2.schema.yml", Version::new(2026, 2, 2)),
    ("authentik-2026.8.3.schema.yml", Version::new(2026, 8, 3)),
];

fn schema_dir() -> PathBuf {
    [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "..",
        "shared",
        "authentik",
        "schema",
    ]
    .iter()
    .collect()
}

/// Returns the query parameters of a GET operation: name and allowed values
/// (empty when any value is allowed).
/// Parameters given as `$ref: '#/components/parameters/<name>'` (2025.8 and
/// later) are resolved in `schema`.
fn query_parameters(
    schema: &Value,
    operation: &Value,
    path_item: &Value,
) -> Vec<(String, Vec<String>)> {
    let mut parameters = Vec::new();
    for list in [path_item.get("parameters"), operation.get("parameters")] {
        let Some(Value::Sequence(items)) = list else {
            continue;
        };
        for item in items {
            let parameter = resolve(schema, item);
            if parameter.get("in").and_then(Value::as_str) != Some("query") {
                continue;
            }
            let Some(name) = parameter.get("name").and_then(Value::as_str) else {
                continue;
            };
            let schema = parameter.get("schema");
            let allowed = schema
                .and_then(|s| {
                    s.get("enum")
                        .or_else(|| s.get("items").and_then(|i| i.get("enum")))
                })
                .and_then(Value::as_sequence)
                .map(|values| {
                    values
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            parameters.push((name.to_string(), allowed));
        }
    }
    parameters
}

/// Follows a local `$ref` such as `#/components/parameters/QuerySearch`.
fn resolve<'a>(schema: &'a Value, item: &'a Value) -> &'a Value {
    let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
        return item;
    };
    let mut target = schema;
    for part in reference.trim_start_matches("#/").split('/') {
        target = target
            .get(part)
            .unwrap_or_else(|| panic!("unresolved reference {reference}"));
    }
    target
}

#[test]
fn requests_exist_in_every_schema() {
    let settings = WidgetSettings {
        max_event_pages: 3,
        ..WidgetSettings::default()
    };
    for (file, version) in SCHEMAS {
        let path = schema_dir().join(file);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let schema: Value = serde_yaml_ng::from_str(&text)
            .unwrap_or_else(|e| panic!("parse {}: {e}", path.display()));
        let paths = schema.get("paths").expect("schema has paths");

        for request in all_requests(version, &settings) {
            let schema_path = format!("/{}", request.path);
            let path_item = paths
                .get(schema_path.as_str())
                .unwrap_or_else(|| panic!("{file}: no path {schema_path}"));
            let operation = path_item
                .get("get")
                .unwrap_or_else(|| panic!("{file}: no GET on {schema_path}"));
            let declared = query_parameters(&schema, operation, path_item);
            for (name, value) in &request.query {
                let Some((_, allowed)) = declared.iter().find(|(n, _)| n == name) else {
                    panic!("{file}: {schema_path} does not declare query parameter `{name}`");
                };
                assert!(
                    allowed.is_empty() || allowed.contains(value),
                    "{file}: {schema_path} does not allow {name}={value}"
                );
            }
        }
    }
}
