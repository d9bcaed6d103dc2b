//! `core/authenticated_sessions/`: signed-in browser sessions.

use super::Call;
use crate::Permission;
use crate::dataset::{BROWSERS, Session};
use crate::datetime::format_drf;
use crate::json::Json;
use crate::pagination::paginated_reply;
use crate::reply::Reply;

/// Lists sessions ordered by username. A superuser gets every session, and so does (from 2025.2)
/// a holder of `view_authenticatedsession`. Everyone else gets 200 with only their own
/// sessions, never 403.
pub(crate) fn list(call: &Call<'_>) -> Reply {
    let dataset = call.dataset;
    let query = call.query;
    let grant = call.principal.grant;

    let sees_all = if call.version.has_2024_api() {
        grant.allows(Permission::ViewAuthenticatedSession)
    } else {
        grant.superuser
    };
    let mut sessions: Vec<&Session> = dataset
        .sessions
        .iter()
        .filter(|session| sees_all || session.user == call.principal.user)
        .collect();

    if let Some(username) = query.filter_value("user__username") {
        sessions.retain(|session| dataset.users[session.user].username == username);
    }
    // 2025.4 moved sessions into the database and renamed the address filters.
    let (ip_filter, agent_filter) = if call.version.has_2024_api() {
        ("session__last_ip", "session__last_user_agent")
    } else {
        ("last_ip", "last_user_agent")
    };
    if let Some(ip) = query.filter_value(ip_filter) {
        sessions.retain(|session| session.last_ip == ip);
    }
    if let Some(agent) = query.filter_value(agent_filter) {
        sessions.retain(|session| BROWSERS[session.browser].string == agent);
    }
    super::sort(&mut sessions, false, |session| {
        (
            dataset.users[session.user].username.clone(),
            session.last_used,
        )
    });

    paginated_reply(&sessions, query, call.version, |session| {
        render_session(call, session)
    })
}

/// Renders an `AuthenticatedSession`. `current` is false because an API token has no
/// session; `geo_ip` and `asn` are null because GeoIP databases do not resolve
/// documentation addresses.
fn render_session(call: &Call<'_>, session: &Session) -> Json {
    let user_agent = &BROWSERS[session.browser];
    let parsed = Json::object([
        ("string", Json::from(user_agent.string)),
        (
            "user_agent",
            Json::object([
                ("family", Json::from(user_agent.browser[0])),
                ("major", Json::from(user_agent.browser[1])),
                ("minor", Json::from(user_agent.browser[2])),
                ("patch", Json::from(user_agent.browser[3])),
            ]),
        ),
        (
            "os",
            Json::object([
                ("family", Json::from(user_agent.os[0])),
                ("major", Json::from(user_agent.os[1])),
                ("minor", Json::from(user_agent.os[2])),
                ("patch", Json::from(user_agent.os[3])),
                ("patch_minor", Json::from(user_agent.os[4])),
            ]),
        ),
        (
            "device",
            Json::object([
                ("family", Json::from(user_agent.device[0])),
                ("brand", Json::from(user_agent.device[1])),
                ("model", Json::from(user_agent.device[2])),
            ]),
        ),
    ]);

    let mut fields = vec![
        ("uuid", Json::from(&session.uuid)),
        ("current", Json::from(false)),
        ("user_agent", parsed),
        ("geo_ip", Json::Null),
    ];
    if call.version.has_2024_api() {
        fields.push(("asn", Json::Null));
    }
    fields.extend([
        ("user", Json::from(call.dataset.users[session.user].pk)),
        ("last_ip", Json::from(&session.last_ip)),
        ("last_user_agent", Json::from(user_agent.string)),
        ("last_used", Json::from(format_drf(session.last_used))),
        ("expires", Json::from(format_drf(session.expires))),
    ]);
    Json::object(fields)
}
