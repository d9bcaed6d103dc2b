//! A plugin that misbehaves on purpose, one way per endpoint, so that the
//! end-to-end tests can check that the host contains it.
//!
//! Endpoints: `ok` returns a stat card. `escape` sends a GET to every URL in
//! the `targets` config value. `follow-redirect` sends a GET to
//! `{base_url}/redirect`, then to its `Location`. `spin` loops forever and
//! `hog` allocates without bound. `panic` panics. `big-body` reads
//! `{base_url}/big` whole. `sandbox` tries files, environment and sockets.
//! `leak-token` returns the token in an error message.

#![cfg(target_arch = "wasm32")]

wit_bindgen::generate!({ path: "../../../wit", world: "integration", generate_all });

use exports::launcher::integration::plugin::{Guest, PluginInfo};
use launcher::integration::types::*;

struct Hostile;

const ENDPOINTS: &[(&str, WidgetKind)] = &[
    ("ok", WidgetKind::StatCard),
    ("escape", WidgetKind::List),
    ("follow-redirect", WidgetKind::StatCard),
    ("spin", WidgetKind::StatCard),
    ("hog", WidgetKind::StatCard),
    ("panic", WidgetKind::StatCard),
    ("big-body", WidgetKind::StatCard),
    ("sandbox", WidgetKind::List),
    ("leak-token", WidgetKind::StatCard),
];

fn value(config: &Config, key: &str) -> String {
    config
        .values
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

fn stat(value: i64) -> Widget {
    Widget::StatCard(StatCard {
        label: "value".into(),
        value,
        unit: None,
        secondary: vec![],
        note: None,
    })
}

fn item(primary: String, outcome: String) -> ListItem {
    ListItem {
        primary,
        secondary: Some(outcome),
        time: None,
        status: ItemStatus::Neutral,
        fields: vec![],
    }
}

/// Sends a GET and names the outcome: `status:N`, or the wasi:http error
/// code such as `HttpRequestDenied`.
fn get(url: &str) -> Result<(u16, Option<String>, Vec<u8>), String> {
    let response = waki::Client::new().get(url).send().map_err(|e| {
        match e.downcast_ref::<waki::ErrorCode>() {
            Some(code) => format!("{code:?}"),
            None => format!("other: {e}"),
        }
    })?;
    let status = response.status_code();
    let location = response
        .header("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.body().map_err(|e| format!("body: {e}"))?;
    Ok((status, location, body))
}

fn error_kind(message: String) -> PluginError {
    if message.contains("HttpRequestDenied") {
        PluginError::Denied(message)
    } else if message.contains("HttpResponseBodySize") || message.starts_with("body") {
        PluginError::InvalidResponse(message)
    } else {
        PluginError::Unreachable(message)
    }
}

impl Guest for Hostile {
    fn info() -> PluginInfo {
        PluginInfo {
            id: "hostile".into(),
            name: "Hostile test plugin".into(),
            version: "0.1.0".into(),
            description: "Misbehaves on purpose, one way per endpoint.".into(),
            config_fields: ["targets", "socket_target"]
                .into_iter()
                .map(|key| ConfigField {
                    key: key.to_string(),
                    label: key.to_string(),
                    kind: FieldKind::Text,
                    required: false,
                    default: None,
                    help: "URLs or an address the guest tries to reach.".to_string(),
                })
                .collect(),
            endpoints: Self::endpoints(),
        }
    }

    fn endpoints() -> Vec<Endpoint> {
        ENDPOINTS
            .iter()
            .map(|(id, kind)| Endpoint {
                id: id.to_string(),
                title: id.to_string(),
                kind: *kind,
                refresh_seconds: 60,
                permissions: vec![],
            })
            .collect()
    }

    fn fetch(config: Config, endpoint: String, _now: Timestamp) -> Result<Widget, PluginError> {
        let base_url = value(&config, "base_url");
        match endpoint.as_str() {
            "ok" => Ok(stat(1)),
            "escape" => {
                let items = value(&config, "targets")
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(|target| {
                        let outcome = match get(target) {
                            Ok((status, _, _)) => format!("status:{status}"),
                            Err(e) => e,
                        };
                        item(target.to_string(), outcome)
                    })
                    .collect();
                Ok(Widget::List(ItemList { items, total: None }))
            }
            "follow-redirect" => {
                let (status, location, _) =
                    get(&format!("{base_url}/redirect")).map_err(error_kind)?;
                let location = location.ok_or_else(|| {
                    PluginError::InvalidResponse(format!("status {status} without Location"))
                })?;
                let (status, _, _) = get(&location).map_err(error_kind)?;
                Ok(stat(i64::from(status)))
            }
            "spin" => {
                let mut counter: u64 = 0;
                loop {
                    counter = std::hint::black_box(counter.wrapping_add(1));
                }
            }
            "hog" => {
                let mut blocks: Vec<Vec<u8>> = Vec::new();
                loop {
                    blocks.push(std::hint::black_box(vec![1u8; 1 << 20]));
                }
            }
            "panic" => panic!("hostile guest panicked on purpose"),
            "big-body" => {
                let (_, _, body) = get(&format!("{base_url}/big")).map_err(error_kind)?;
                Ok(stat(body.len() as i64))
            }
            "sandbox" => {
                let files = match std::fs::read_dir("/") {
                    Ok(entries) => format!("listed {} entries", entries.count()),
                    Err(e) => format!("error: {e}"),
                };
                let env = format!("{} variables", std::env::vars().count());
                let target = value(&config, "socket_target");
                let socket = match std::net::TcpStream::connect(target.as_str()) {
                    Ok(_) => "connected".to_string(),
                    Err(e) => format!("error: {e}"),
                };
                let passwd = match std::fs::read_to_string("/etc/passwd") {
                    Ok(_) => "read".to_string(),
                    Err(e) => format!("error: {e}"),
                };
                Ok(Widget::List(ItemList {
                    items: vec![
                        item("files".into(), files),
                        item("passwd".into(), passwd),
                        item("env".into(), env),
                        item("socket".into(), socket),
                    ],
                    total: None,
                }))
            }
            "leak-token" => Err(PluginError::Internal(format!(
                "the token is {}",
                value(&config, "token")
            ))),
            other => Err(PluginError::Internal(format!("no endpoint {other}"))),
        }
    }

    fn transform(
        _config: Config,
        _endpoint: String,
        _documents: Vec<Document>,
        _now: Timestamp,
    ) -> Result<Widget, PluginError> {
        Ok(stat(0))
    }

    fn test_connection(_config: Config) -> Result<ConnectionInfo, PluginError> {
        Ok(ConnectionInfo {
            user: "hostile".into(),
            server_version: "0".into(),
            missing_permissions: vec![],
        })
    }
}

export!(Hostile);
