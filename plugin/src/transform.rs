//! Widgets from documents. Pure: the same documents, settings and `now`
//! give the same widget.
//!
//! Documents are found by the path and parameters of their `request`, so a
//! host may pass them in any order. Counts always come from
//! `pagination.count` of a `page_size=1` request.

use serde_json::Value;

use crate::bindings::launcher::integration::types::{
    Document, Field, ItemList, ItemStatus, ListItem, PluginError, Stat, StatCard, Widget,
};
use crate::client::document_json;
use crate::config::WidgetSettings;
use crate::detect::{banner, detect};
use crate::endpoints::{EndpointId, VIEW_GROUPS, VIEW_SESSIONS, VIEW_USERS};
use crate::events::{LOGIN_FAILED, parse_event_page, read_failed_logins};
use crate::models::{Event, ModelError, Page};
use crate::requests::ApiRequest;

/// Action of a successful login.
pub const LOGIN: &str = "login";

/// Computes the widget of `endpoint` from `documents`.
///
/// # Errors
///
/// The error a document's status maps to (see
/// [`crate::client::status_error`]), and `invalid-response` when a needed
/// document is missing or is not the expected JSON.
pub fn transform(
    settings: &WidgetSettings,
    endpoint: EndpointId,
    documents: &[Document],
    now: i64,
) -> Result<Widget, PluginError> {
    match endpoint {
        EndpointId::Sessions => sessions(settings, documents),
        EndpointId::LoginEvents => login_events(settings, documents),
        EndpointId::SecurityAlerts => security_alerts(settings, documents, now),
        EndpointId::UserStats => user_stats(documents),
    }
}

fn sessions(settings: &WidgetSettings, documents: &[Document]) -> Result<Widget, PluginError> {
    let count = count_of(documents, VIEW_SESSIONS, |request| {
        request.path == "core/authenticated_sessions/"
    })?;
    let note = settings.sessions_limited_to_own.then(|| {
        format!(
            "limited to the token's own sessions: the token lacks {VIEW_SESSIONS}, so \
             Authentik counts no one else's"
        )
    });
    Ok(Widget::StatCard(StatCard {
        label: "active sessions".to_string(),
        value: count,
        unit: None,
        secondary: Vec::new(),
        note,
    }))
}

fn user_stats(documents: &[Document]) -> Result<Widget, PluginError> {
    let users = count_of(documents, VIEW_USERS, |request| {
        request.path == "core/users/" && request.param("is_active").is_none()
    })?;
    let active = count_of(documents, VIEW_USERS, |request| {
        request.path == "core/users/" && request.param("is_active") == Some("true")
    })?;
    let groups = count_of(documents, VIEW_GROUPS, |request| {
        request.path == "core/groups/"
    })?;
    Ok(Widget::StatCard(StatCard {
        label: "users".to_string(),
        value: users,
        unit: None,
        secondary: vec![
            Stat {
                label: "active users".to_string(),
                value: active,
            },
            Stat {
                label: "groups".to_string(),
                value: groups,
            },
        ],
        note: None,
    }))
}

fn login_events(settings: &WidgetSettings, documents: &[Document]) -> Result<Widget, PluginError> {
    let document = find(documents, |request| {
        request.path == "events/events/" && request.page() == 1
    })?;
    let (page, mut events) = parse_event_page(document)?;
    events.retain(|event| event.action == LOGIN || event.action == LOGIN_FAILED);
    events.sort_by_key(|event| std::cmp::Reverse(event.created));

    let limit = settings.login_events_limit as usize;
    let items: Vec<ListItem> = events.iter().take(limit).map(login_item).collect();

    // Only the exact `actions` filter makes the server's count the number
    // of logins and failed logins.
    let exact_filter = ApiRequest::parse(&document.request)
        .param("actions")
        .is_some();
    let total = (exact_filter && page.count > items.len() as u64).then_some(page.count);
    Ok(Widget::List(ItemList { items, total }))
}

fn security_alerts(
    settings: &WidgetSettings,
    documents: &[Document],
    now: i64,
) -> Result<Widget, PluginError> {
    let read = read_failed_logins(documents, settings, now)?;
    let alerts = detect(&read.failures, now, settings, read.capped);
    Ok(Widget::AlertBanner(banner(alerts, settings, read.capped)))
}

/// Builds the list row of a login or failed login.
fn login_item(event: &Event) -> ListItem {
    let failed = event.action == LOGIN_FAILED;
    let mut fields = Vec::new();
    let mut push = |key: &str, value: String| {
        fields.push(Field {
            key: key.to_string(),
            value,
        })
    };

    if let Some(method) = event.context_str("auth_method") {
        push("auth method", method.to_string());
    }
    let method_args = event.context.get("auth_method_args");
    let mfa_devices: Vec<&str> = method_args
        .and_then(|args| args.get("mfa_devices"))
        .and_then(Value::as_array)
        .map(|devices| {
            devices
                .iter()
                .filter_map(|device| device.get("name").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    if !mfa_devices.is_empty() {
        push("MFA", mfa_devices.join(", "));
    }
    if let Some(class) = method_args
        .and_then(|args| args.get("device_class"))
        .and_then(Value::as_str)
    {
        push("MFA device class", class.to_string());
    }
    if let Some(known) = method_args
        .and_then(|args| args.get("known_device"))
        .and_then(Value::as_bool)
    {
        push("known device", if known { "yes" } else { "no" }.to_string());
    }
    if failed
        && let Some(stage) = event
            .context
            .get("stage")
            .and_then(|stage| stage.get("name"))
            .and_then(Value::as_str)
    {
        push("stage", stage.to_string());
    }
    if let Some(country) = event
        .context
        .get("geo")
        .and_then(|geo| geo.get("country"))
        .and_then(Value::as_str)
    {
        push("country", country.to_string());
    }

    ListItem {
        primary: event
            .display_user_name()
            .unwrap_or("unknown user")
            .to_string(),
        secondary: event.client_ip.clone(),
        time: Some(event.created),
        status: if failed {
            ItemStatus::Failure
        } else {
            ItemStatus::Success
        },
        fields,
    }
}

/// Reads `pagination.count` of the document whose request matches.
fn count_of(
    documents: &[Document],
    permission: &str,
    matches: impl Fn(&ApiRequest) -> bool,
) -> Result<i64, PluginError> {
    let document = find(documents, matches)?;
    let value = document_json(document, permission)?;
    let page = Page::from_value(&value).map_err(|error: ModelError| {
        PluginError::InvalidResponse(format!("{}: {error}", document.request))
    })?;
    i64::try_from(page.count).map_err(|_| {
        PluginError::InvalidResponse(format!(
            "{}: pagination.count {} is out of range",
            document.request, page.count
        ))
    })
}

fn find(
    documents: &[Document],
    matches: impl Fn(&ApiRequest) -> bool,
) -> Result<&Document, PluginError> {
    documents
        .iter()
        .find(|document| matches(&ApiRequest::parse(&document.request)))
        .ok_or_else(|| {
            let given: Vec<&str> = documents.iter().map(|d| d.request.as_str()).collect();
            PluginError::InvalidResponse(format!(
                "a needed document is missing; documents given: [{}]",
                given.join(", ")
            ))
        })
}
