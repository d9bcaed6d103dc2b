//! Helpers shared by the integration tests: configurations, recorded
//! fixtures, and in-memory transports.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::PathBuf;

use authentik_plugin::{Config, HttpResponse, Transport, TransportError};
use chrono::{DateTime, SecondsFormat};
use serde_json::{Value, json};

/// API root of the configurations built here.
pub const API_ROOT: &str = "https://auth.example.com/api/v3/";

/// Token of the configurations built here.
pub const TOKEN: &str = "test-token-1234567890";

/// Builds a configuration with a base URL, a token and `extra` pairs.
pub fn config(extra: &[(&str, &str)]) -> Config {
    let mut values = vec![
        (
            "base_url".to_string(),
            "https://auth.example.com".to_string(),
        ),
        ("token".to_string(), TOKEN.to_string()),
    ];
    values.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    Config { values }
}

/// Reads a recorded 2025.12.4 response body from `fixtures/`.
pub fn recorded(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "fixtures",
        "recorded-2025.12.4",
        name,
    ]
    .iter()
    .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Reads the HTML page stored wrapped in `sessions_list_nonexistent_endpoint.json`.
pub fn recorded_html_404() -> String {
    let wrapped: Value = serde_json::from_str(&recorded("sessions_list_nonexistent_endpoint.json"))
        .expect("wrapped HTML fixture is JSON");
    wrapped["body_text"]
        .as_str()
        .expect("body_text")
        .to_string()
}

/// Parses an RFC 3339 time into milliseconds since the Unix epoch.
pub fn millis(text: &str) -> i64 {
    DateTime::parse_from_rfc3339(text)
        .expect("valid RFC 3339 time")
        .timestamp_millis()
}

/// Formats milliseconds since the Unix epoch as Authentik does.
pub fn rfc3339(millis: i64) -> String {
    DateTime::from_timestamp_millis(millis)
        .expect("time in range")
        .to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A transport that replies with a function of the request path and query
/// (relative to [`API_ROOT`]) and records every request.
pub struct FnTransport<F: FnMut(&str) -> Result<HttpResponse, TransportError>> {
    /// Requests sent, relative to the API root.
    pub requests: Vec<String>,
    reply: F,
}

impl<F: FnMut(&str) -> Result<HttpResponse, TransportError>> FnTransport<F> {
    /// Creates a transport that replies with `reply`.
    pub fn new(reply: F) -> Self {
        Self {
            requests: Vec::new(),
            reply,
        }
    }
}

impl<F: FnMut(&str) -> Result<HttpResponse, TransportError>> Transport for &mut FnTransport<F> {
    fn get(&mut self, url: &str, token: &str) -> Result<HttpResponse, TransportError> {
        assert_eq!(token, TOKEN, "the client sends the configured token");
        let relative = url
            .strip_prefix(API_ROOT)
            .unwrap_or_else(|| panic!("request outside the API root: {url}"));
        self.requests.push(relative.to_string());
        (self.reply)(relative)
    }
}

/// A failed login of the fake event store.
#[derive(Clone, Debug)]
pub struct StoredEvent {
    /// Event id.
    pub pk: String,
    /// Action, such as `login_failed`.
    pub action: String,
    /// Creation time, in milliseconds since the Unix epoch.
    pub created: i64,
    /// Client IP.
    pub client_ip: Option<String>,
    /// Typed user name.
    pub user_name: Option<String>,
}

impl StoredEvent {
    /// Renders the event as a 2025.12 server does.
    pub fn to_json(&self) -> Value {
        let user = match &self.user_name {
            Some(name) => json!({"pk": null, "email": name, "username": name,
                                 "authenticated_as": {"pk": 1, "email": "", "username": "AnonymousUser"}}),
            None => json!({"pk": 1, "email": "", "username": "AnonymousUser"}),
        };
        let mut context = json!({"password": "********************"});
        if let Some(name) = &self.user_name {
            context["username"] = json!(name);
        }
        json!({
            "pk": self.pk,
            "user": user,
            "action": self.action,
            "app": "authentik.events.signals",
            "context": context,
            "client_ip": self.client_ip,
            "created": rfc3339(self.created),
            "expires": rfc3339(self.created + 365 * 86_400_000),
            "brand": {"pk": "b", "app": "authentik_brands", "name": "Default brand", "model_name": "brand"}
        })
    }
}

/// An in-memory `events/events/` list ordered by `-created`, served in
/// pages of `page_size` whatever the request sets, like a server whose
/// maximum page size is smaller.
pub struct EventStore {
    /// Events, newest first.
    events: Vec<StoredEvent>,
    /// Events added (newest first) after each page request, to model events
    /// that arrive while the plugin reads pages.
    pub arrivals: VecDeque<Vec<StoredEvent>>,
    /// Events per page.
    pub page_size: usize,
}

impl EventStore {
    /// Creates a store of `events` (any order) served `page_size` per page.
    pub fn new(events: Vec<StoredEvent>, page_size: usize) -> Self {
        let mut store = Self {
            events: Vec::new(),
            arrivals: VecDeque::new(),
            page_size: page_size.max(1),
        };
        store.add(events);
        store
    }

    fn add(&mut self, events: Vec<StoredEvent>) {
        self.events.extend(events);
        self.events
            .sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.pk.cmp(&b.pk)));
    }

    /// Responds to a request for `events/events/`, filtering on `actions` or
    /// `action` (substring) and honouring `page`.
    pub fn respond(&mut self, relative: &str) -> HttpResponse {
        let (path, query) = relative.split_once('?').unwrap_or((relative, ""));
        assert_eq!(path, "events/events/", "unexpected path");
        let params: Vec<(&str, &str)> = query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .collect();
        let exact: Vec<&str> = params
            .iter()
            .filter(|(k, _)| *k == "actions")
            .map(|(_, v)| *v)
            .collect();
        let substring = params.iter().find(|(k, _)| *k == "action").map(|(_, v)| *v);
        let page: usize = params
            .iter()
            .find(|(k, _)| *k == "page")
            .map(|(_, v)| v.parse().expect("numeric page"))
            .unwrap_or(1);

        let matching: Vec<&StoredEvent> = self
            .events
            .iter()
            .filter(|e| exact.is_empty() || exact.contains(&e.action.as_str()))
            .filter(|e| substring.is_none_or(|s| e.action.contains(s)))
            .collect();
        let pages = matching.len().div_ceil(self.page_size).max(1);
        let response = if page == 0 || page > pages {
            HttpResponse::json(404, r#"{"detail":"Invalid page."}"#)
        } else {
            let start = (page - 1) * self.page_size;
            let results: Vec<Value> = matching
                .iter()
                .skip(start)
                .take(self.page_size)
                .map(|e| e.to_json())
                .collect();
            let next = if page < pages { page } else { 0 };
            let body = json!({
                "pagination": {
                    "next": if next == 0 { 0 } else { page + 1 },
                    "previous": page - 1,
                    "count": matching.len(),
                    "current": page,
                    "total_pages": pages,
                    "start_index": start + 1,
                    "end_index": start + results.len(),
                },
                "results": results,
                "autocomplete": {}
            });
            HttpResponse::json(200, body.to_string())
        };
        if let Some(arrived) = self.arrivals.pop_front() {
            self.add(arrived);
        }
        response
    }
}
