//! `test-connection`: who the token is, which version the server runs, and
//! which endpoint permissions the token lacks.

use crate::bindings::launcher::integration::types::{Config, ConnectionInfo, PluginError};
use crate::client::Client;
use crate::config::ConnectionSettings;
use crate::endpoints::{VIEW_EVENTS, VIEW_GROUPS, VIEW_SESSIONS, VIEW_USERS, all_permissions};
use crate::fetch::read_version;
use crate::models::{UserSelf, session_owners};
use crate::requests::{self, ApiRequest};
use crate::transport::Transport;
use crate::version::Version;

/// Checks the configuration against the server.
///
/// Reads `core/users/me/` and `admin/version/`, then probes each endpoint
/// permission with a `page_size=1` list (a 403 means missing). The sessions
/// list returns 200 without its permission; see [`holds_sessions_permission`].
///
/// # Errors
///
/// `invalid-config`, transport errors, `unauthorized` for a rejected token,
/// `invalid-response` ("not an Authentik API") when `core/users/me/` is not
/// JSON with a `user` object, and `unsupported-version`.
pub fn test_connection<T: Transport>(
    transport: T,
    config: &Config,
) -> Result<ConnectionInfo, PluginError> {
    let connection = ConnectionSettings::from_config(config)?;
    let mut client = Client::new(transport, &connection);

    let me = read_me(&mut client, &connection)?;
    let server_version = read_version(&mut client)?;
    Version::parse_supported(&server_version)?;

    let mut missing = Vec::new();
    for permission in all_permissions() {
        let granted = match permission {
            VIEW_SESSIONS => holds_sessions_permission(&mut client, &me)?,
            VIEW_USERS => probe(&mut client, &requests::probe_users(), permission)?,
            VIEW_GROUPS => probe(&mut client, &requests::probe_groups(), permission)?,
            VIEW_EVENTS => probe(&mut client, &requests::probe_events(), permission)?,
            _ => true,
        };
        if !granted {
            missing.push(permission.to_string());
        }
    }

    Ok(ConnectionInfo {
        user: me.username,
        server_version,
        missing_permissions: missing,
    })
}

fn read_me<T: Transport>(
    client: &mut Client<T>,
    connection: &ConnectionSettings,
) -> Result<UserSelf, PluginError> {
    let not_authentik = |reason: String| {
        PluginError::InvalidResponse(format!(
            "not an Authentik API at {}: {reason}; check base_url",
            connection.api_root
        ))
    };
    let value = match client.get_json(&requests::users_me(), "") {
        Ok(value) => value,
        Err(PluginError::InvalidResponse(reason)) => return Err(not_authentik(reason)),
        Err(other) => return Err(other),
    };
    UserSelf::from_value(&value).map_err(|error| not_authentik(format!("core/users/me/: {error}")))
}

/// True when the token may list every session.
///
/// Authentik returns the sessions list with 200 either way: with every
/// session when the token has the permission, else with the token's own.
/// So the permission counts as granted for superusers, for tokens whose
/// `system_permissions` list it, and when a page of sessions holds one of
/// another user.
///
/// NOTE: when every visible session is the token user's own, the two cases
/// look alike and the permission is reported missing; the sessions count is
/// the same in both cases then.
fn holds_sessions_permission<T: Transport>(
    client: &mut Client<T>,
    me: &UserSelf,
) -> Result<bool, PluginError> {
    let codename = VIEW_SESSIONS.rsplit('.').next().unwrap_or(VIEW_SESSIONS);
    let listed = me
        .system_permissions
        .iter()
        .any(|granted| granted == VIEW_SESSIONS || granted == codename);
    if me.is_superuser || listed {
        return Ok(true);
    }
    let Some(my_pk) = me.pk else {
        return Ok(false);
    };
    let page = client.get_json(&requests::probe_sessions(), VIEW_SESSIONS)?;
    Ok(session_owners(&page)
        .into_iter()
        .any(|owner| owner != my_pk))
}

/// Returns false when `request` gets `forbidden`, true when it succeeds.
fn probe<T: Transport>(
    client: &mut Client<T>,
    request: &ApiRequest,
    permission: &str,
) -> Result<bool, PluginError> {
    match client.get(request, permission) {
        Ok(_) => Ok(true),
        Err(PluginError::Forbidden(_)) => Ok(false),
        Err(other) => Err(other),
    }
}
