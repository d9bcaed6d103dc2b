//! Lenient readers of the Authentik responses the plugin uses.
//!
//! Each reader takes only the fields it needs from a `serde_json::Value`,
//! ignores unknown fields, treats `null` like an absent optional field, and
//! reports a wrong type as "expected X at path". The shapes cover every
//! version from 2023.10: event `user` with or without `pk`, `brand` or
//! `tenant` (both ignored), and timestamps with or without microseconds.

use std::fmt;

use chrono::{DateTime, NaiveDateTime};
use serde_json::Value;

/// A field that is missing or has the wrong type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    /// JSON path of the field, such as `results[3].created`.
    pub path: String,
    /// Expected content of the field, such as "a string".
    pub expected: &'static str,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} at `{}`", self.expected, self.path)
    }
}

impl std::error::Error for ModelError {}

/// Parses a response body as JSON.
///
/// # Errors
///
/// A description of what the body is instead: not UTF-8, HTML, truncated or
/// otherwise invalid JSON.
pub fn parse_json(body: &[u8]) -> Result<Value, String> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err("expected a JSON document, got a body that is not valid UTF-8".to_string());
    };
    parse_json_text(text)
}

/// Parses a UTF-8 body as JSON, with the same errors as [`parse_json`].
///
/// # Errors
///
/// A description of what the body is instead.
pub fn parse_json_text(text: &str) -> Result<Value, String> {
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(error) => {
            let start = text.trim_start();
            if start.starts_with('<') {
                Err("expected a JSON document, got an HTML page".to_string())
            } else if start.is_empty() {
                Err("expected a JSON document, got an empty body".to_string())
            } else if error.is_eof() {
                Err(format!(
                    "expected a JSON document, got truncated JSON ({error})"
                ))
            } else {
                Err(format!(
                    "expected a JSON document, got invalid JSON ({error})"
                ))
            }
        }
    }
}

/// One page of a paginated list.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Number of matching objects on the server (`pagination.count`).
    pub count: u64,
    /// Number of the next page (`pagination.next`); 0 when there is none.
    pub next: u64,
    /// The objects of this page.
    pub results: Vec<Value>,
}

impl Page {
    /// Reads `{pagination: {count, next}, results: [...]}`.
    ///
    /// # Errors
    ///
    /// A [`ModelError`] naming the first missing or mistyped field.
    pub fn from_value(value: &Value) -> Result<Self, ModelError> {
        let pagination = require_object(value, "pagination", "pagination")?;
        let count = require_u64(pagination, "count", "pagination.count")?;
        let next = optional_u64(pagination, "next", "pagination.next")?.unwrap_or(0);
        let results = match field(value, "results") {
            Some(Value::Array(results)) => results.clone(),
            _ => return Err(expected("results", "an array")),
        };
        Ok(Self {
            count,
            next,
            results,
        })
    }
}

/// An event of `events/events/`.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Event id (`pk`, a UUID).
    pub pk: String,
    /// Action, such as `login` or `login_failed`.
    pub action: String,
    /// Creation time, in milliseconds since the Unix epoch.
    pub created: i64,
    /// Client IP; `None` when the server stored none.
    pub client_ip: Option<String>,
    /// `user.username`, when present.
    pub user_name: Option<String>,
    /// `context`, or `Value::Null` when absent.
    pub context: Value,
}

/// User name Authentik records for requests without a logged-in user.
pub const ANONYMOUS_USER: &str = "AnonymousUser";

impl Event {
    /// Reads an event; `path` locates it in the document, such as `results[3]`.
    ///
    /// # Errors
    ///
    /// A [`ModelError`] naming the first missing or mistyped field.
    pub fn from_value(value: &Value, path: &str) -> Result<Self, ModelError> {
        if !value.is_object() {
            return Err(expected(path, "an event object"));
        }
        let pk = match field(value, "pk") {
            Some(Value::String(pk)) => pk.clone(),
            Some(Value::Number(pk)) => pk.to_string(),
            _ => return Err(expected(&format!("{path}.pk"), "a string")),
        };
        let action = require_str(value, "action", &format!("{path}.action"))?.to_string();
        let created_path = format!("{path}.created");
        let created_text = require_str(value, "created", &created_path)?;
        let Some(created) = parse_timestamp(created_text) else {
            return Err(expected(&created_path, "an ISO 8601 timestamp"));
        };
        let client_ip = optional_str(value, "client_ip", &format!("{path}.client_ip"))?
            .filter(|ip| !ip.is_empty())
            .map(str::to_string);
        let user_name = match field(value, "user") {
            Some(user @ Value::Object(_)) => {
                optional_str(user, "username", &format!("{path}.user.username"))?
                    .map(str::to_string)
            }
            Some(_) => return Err(expected(&format!("{path}.user"), "an object")),
            None => None,
        };
        let context = field(value, "context").cloned().unwrap_or(Value::Null);

        Ok(Self {
            pk,
            action,
            created,
            client_ip,
            user_name,
            context,
        })
    }

    /// Returns the user name the event is about.
    ///
    /// For `login_failed` this is the name that was typed (`context.username`);
    /// otherwise `user.username`, except the anonymous user.
    pub fn display_user_name(&self) -> Option<&str> {
        if self.action == "login_failed"
            && let Some(typed) = self.context_str("username")
        {
            return Some(typed);
        }
        self.user_name
            .as_deref()
            .filter(|name| *name != ANONYMOUS_USER && !name.is_empty())
    }

    /// Returns the string at `context.{key}`, if any.
    pub fn context_str(&self, key: &str) -> Option<&str> {
        self.context
            .get(key)
            .and_then(Value::as_str)
            .filter(|text| !text.is_empty())
    }
}

/// The account of a token, from `core/users/me/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserSelf {
    /// Primary key of the user, when the server sends it.
    pub pk: Option<u64>,
    /// User name.
    pub username: String,
    /// True for superusers, who hold every permission.
    pub is_superuser: bool,
    /// Global permissions, as listed in `system_permissions`; empty when the
    /// server does not send the field.
    pub system_permissions: Vec<String>,
}

impl UserSelf {
    /// Reads `{user: {username, is_superuser, system_permissions}}`.
    ///
    /// # Errors
    ///
    /// A [`ModelError`] when `user` or `user.username` is missing.
    pub fn from_value(value: &Value) -> Result<Self, ModelError> {
        let user = require_object(value, "user", "user")?;
        let username = require_str(user, "username", "user.username")?.to_string();
        let is_superuser = match field(user, "is_superuser") {
            Some(Value::Bool(flag)) => *flag,
            None => false,
            Some(_) => return Err(expected("user.is_superuser", "a boolean")),
        };
        let system_permissions = match field(user, "system_permissions") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        };
        Ok(Self {
            pk: optional_u64(user, "pk", "user.pk")?,
            username,
            is_superuser,
            system_permissions,
        })
    }
}

/// Returns the `user` primary keys of the sessions in a sessions page.
pub fn session_owners(value: &Value) -> Vec<u64> {
    field(value, "results")
        .and_then(Value::as_array)
        .map(|sessions| {
            sessions
                .iter()
                .filter_map(|session| field(session, "user").and_then(Value::as_u64))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads `version_current` of `admin/version/`.
///
/// # Errors
///
/// A [`ModelError`] when the field is missing or not a string.
pub fn version_current(value: &Value) -> Result<String, ModelError> {
    Ok(require_str(value, "version_current", "version_current")?.to_string())
}

/// Parses an Authentik timestamp into milliseconds since the Unix epoch.
///
/// Accepts RFC 3339 with or without fractional seconds, with `Z` or an
/// offset, and a time without zone (read as UTC, as `volume` buckets have).
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.timestamp_millis());
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|time| time.and_utc().timestamp_millis())
}

/// Returns `value[key]`, treating `null` as absent.
fn field<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    value.get(key).filter(|found| !found.is_null())
}

fn expected(path: &str, what: &'static str) -> ModelError {
    ModelError {
        path: path.to_string(),
        expected: what,
    }
}

fn require_object<'a>(value: &'a Value, key: &str, path: &str) -> Result<&'a Value, ModelError> {
    match field(value, key) {
        Some(found @ Value::Object(_)) => Ok(found),
        _ => Err(expected(path, "an object")),
    }
}

fn require_str<'a>(value: &'a Value, key: &str, path: &str) -> Result<&'a str, ModelError> {
    field(value, key)
        .and_then(Value::as_str)
        .ok_or_else(|| expected(path, "a string"))
}

fn optional_str<'a>(
    value: &'a Value,
    key: &str,
    path: &str,
) -> Result<Option<&'a str>, ModelError> {
    match field(value, key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(expected(path, "a string or null")),
    }
}

fn require_u64(value: &Value, key: &str, path: &str) -> Result<u64, ModelError> {
    field(value, key)
        .and_then(Value::as_u64)
        .ok_or_else(|| expected(path, "a non-negative integer"))
}

fn optional_u64(value: &Value, key: &str, path: &str) -> Result<Option<u64>, ModelError> {
    match field(value, key) {
        None => Ok(None),
        Some(found) => found
            .as_u64()
            .map(Some)
            .ok_or_else(|| expected(path, "a non-negative integer or null")),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn timestamps_parse_in_every_form() {
        let whole = parse_timestamp("2026-10-05T06:00:00Z").unwrap();
        assert_eq!(whole, 1_791_180_000_000);
        assert_eq!(
            parse_timestamp("2026-10-05T06:00:00.550271Z"),
            Some(whole + 550)
        );
        assert_eq!(parse_timestamp("2026-10-05T08:00:00+02:00"), Some(whole));
        assert_eq!(parse_timestamp("2026-10-05T06:00:00"), Some(whole));
        assert_eq!(parse_timestamp("yesterday"), None);
    }

    #[test]
    fn non_json_bodies_are_described() {
        assert!(
            parse_json(b"<!DOCTYPE html><html>")
                .unwrap_err()
                .contains("HTML")
        );
        assert!(
            parse_json(b"{\"pagination\": {")
                .unwrap_err()
                .contains("truncated")
        );
        assert!(parse_json(&[0xff, 0xfe]).unwrap_err().contains("UTF-8"));
        assert!(parse_json(b"").unwrap_err().contains("empty"));
    }

    #[test]
    fn page_reports_mistyped_count() {
        let error =
            Page::from_value(&json!({"pagination": {"count": "5"}, "results": []})).unwrap_err();
        assert_eq!(error.path, "pagination.count");
    }

    #[test]
    fn page_accepts_null_next() {
        let page =
            Page::from_value(&json!({"pagination": {"count": 2, "next": null}, "results": []}))
                .unwrap();
        assert_eq!(page.next, 0);
    }

    #[test]
    fn event_reads_every_user_generation() {
        let anonymous = json!({
            "pk": "a", "action": "login_failed", "created": "2024-01-01T00:00:00Z",
            "client_ip": null, "tenant": {},
            "user": {"pk": 2, "email": "", "username": "AnonymousUser"},
            "context": {"username": "root"}
        });
        let event = Event::from_value(&anonymous, "results[0]").unwrap();
        assert_eq!(event.client_ip, None);
        assert_eq!(event.display_user_name(), Some("root"));

        let unknown_name = json!({
            "pk": "b", "action": "login_failed", "created": "2026-01-01T00:00:00.5Z",
            "client_ip": "192.0.2.1", "brand": {},
            "user": {"pk": null, "email": "mallory", "username": "mallory",
                     "authenticated_as": {"pk": 1, "username": "AnonymousUser"}},
            "context": {}
        });
        let event = Event::from_value(&unknown_name, "results[1]").unwrap();
        assert_eq!(event.display_user_name(), Some("mallory"));

        let login_as_anonymous = json!({
            "pk": "c", "action": "login", "created": "2026-01-01T00:00:00Z",
            "user": {"username": "AnonymousUser"}
        });
        let event = Event::from_value(&login_as_anonymous, "results[2]").unwrap();
        assert_eq!(event.display_user_name(), None);
    }

    #[test]
    fn event_reports_bad_timestamp_path() {
        let bad = json!({"pk": "a", "action": "login", "created": "soon"});
        let error = Event::from_value(&bad, "results[4]").unwrap_err();
        assert_eq!(error.path, "results[4].created");
    }

    #[test]
    fn user_self_reads_permissions() {
        let me = UserSelf::from_value(&json!({
            "user": {"username": "svc", "is_superuser": false,
                     "system_permissions": ["view_system_info"]}
        }))
        .unwrap();
        assert_eq!(me.username, "svc");
        assert!(!me.is_superuser);
        assert_eq!(me.system_permissions, vec!["view_system_info".to_string()]);
    }
}
