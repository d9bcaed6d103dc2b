//! `events/events/`: the audit log, and the filters its actions share.

use super::Call;
use super::event_json::{render_event, stored_username};
use crate::dataset::Event;
use crate::pagination::paginated_reply;
use crate::reply::Reply;
use crate::{ApiVersion, Permission};

/// Event actions that every supported release defines.
const ACTIONS: [&str; 27] = [
    "login",
    "login_failed",
    "logout",
    "user_write",
    "suspicious_request",
    "password_set",
    "secret_view",
    "secret_rotate",
    "invitation_used",
    "authorize_application",
    "source_linked",
    "impersonation_started",
    "impersonation_ended",
    "flow_execution",
    "policy_execution",
    "policy_exception",
    "property_mapping_exception",
    "system_task_execution",
    "system_task_exception",
    "system_exception",
    "configuration_error",
    "model_created",
    "model_updated",
    "model_deleted",
    "email_sent",
    "update_available",
    "custom_",
];

/// Actions added by 2026.2.
// NOTE: these may have appeared in 2025.10 or 2025.12 already; the schemas compared are
// 2025.6.4 and 2026.2.2.
const ACTIONS_2026_2: [&str; 6] = [
    "configuration_warning",
    "export_ready",
    "review_initiated",
    "review_overdue",
    "review_attested",
    "review_completed",
];

/// Actions added by 2026.8.
const ACTIONS_2026_8: [&str; 5] = [
    "user_offboarded",
    "access_request_created",
    "access_request_approved",
    "access_request_denied",
    "access_request_revoked",
];

/// Returns whether `action` is a choice of the `actions` filter in the release. Custom actions such
/// as `custom_login_audit` are not choices.
fn is_action_choice(action: &str, version: ApiVersion) -> bool {
    ACTIONS.contains(&action)
        || (version >= ApiVersion::V2026_2 && ACTIONS_2026_2.contains(&action))
        || (version >= ApiVersion::V2026_8 && ACTIONS_2026_8.contains(&action))
}

/// Lists events, newest first unless `ordering=created`.
pub(crate) fn list(call: &Call<'_>) -> Reply {
    if !call.principal.grant.allows(Permission::ViewEvent) {
        return Reply::detail(403, super::PERMISSION_DENIED);
    }
    let mut events = match filter_events(call) {
        Ok(events) => events,
        Err(reply) => return reply,
    };

    // The dataset is newest first; ties keep that order like a stable database sort would.
    match super::ordering(call.query) {
        Some(("created", false)) => events.reverse(),
        Some(("action", descending)) => {
            super::sort(&mut events, descending, |event| event.action.clone())
        }
        Some(("client_ip", descending)) => {
            super::sort(&mut events, descending, |event| event.client_ip.clone())
        }
        _ => {}
    }

    paginated_reply(&events, call.query, call.version, |event| {
        render_event(call, event)
    })
}

/// Applies the event filters: `action` (substring, case-insensitive), `actions` (exact and
/// repeatable, 2025.8+), `username`, `client_ip` (exact) and `context_authorized_app`.
/// Releases before 2025.8 ignore `actions` like any unknown parameter.
pub(crate) fn filter_events<'a>(call: &Call<'a>) -> Result<Vec<&'a Event>, Reply> {
    let query = call.query;
    let version = call.version;
    let mut events: Vec<&Event> = call.dataset.events.iter().collect();

    if let Some(action) = query.filter_value("action") {
        let needle = action.to_lowercase();
        events.retain(|event| event.action.to_lowercase().contains(&needle));
    }

    if version.has_2025_8_api() {
        let actions = query.get_all("actions");
        if let Some(bad) = actions
            .iter()
            .find(|action| !is_action_choice(action, version))
        {
            return Err(Reply::invalid_choice("actions", bad));
        }
        if !actions.is_empty() {
            events.retain(|event| actions.contains(&event.action.as_str()));
        }
    }

    if let Some(username) = query.filter_value("username") {
        events.retain(|event| {
            let stored = stored_username(call, event);
            let typed =
                version.has_2025_8_api() && event.typed_username.as_deref() == Some(username);
            stored.as_deref() == Some(username) || typed
        });
    }

    if let Some(ip) = query.filter_value("client_ip") {
        events.retain(|event| event.client_ip.as_deref() == Some(ip));
    }

    Ok(events)
}
