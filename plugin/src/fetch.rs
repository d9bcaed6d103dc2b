//! `fetch`: collect the documents an endpoint needs, then transform them.

use crate::bindings::launcher::integration::types::{Config, Document, PluginError, Widget};
use crate::client::{Client, redact_error};
use crate::config::{ConnectionSettings, WidgetSettings};
use crate::endpoints::{EndpointId, VIEW_EVENTS, VIEW_GROUPS, VIEW_SESSIONS, VIEW_USERS};
use crate::events::collect_failed_logins;
use crate::models::version_current;
use crate::requests;
use crate::transform::transform;
use crate::transport::Transport;
use crate::version::Version;

/// Fetches the documents of `endpoint` through `transport` and returns its
/// widget, computed by [`transform`] for `now`.
///
/// When `server_version` is empty, `admin/version/` is read first.
///
/// # Errors
///
/// `invalid-config` for a bad configuration or endpoint id, the client's
/// errors, and `unsupported-version`.
pub fn fetch<T: Transport>(
    transport: T,
    config: &Config,
    endpoint: &str,
    now: i64,
) -> Result<Widget, PluginError> {
    let endpoint = EndpointId::parse(endpoint)?;
    let connection = ConnectionSettings::from_config(config)?;
    let settings = WidgetSettings::from_config(config)?;
    let mut client = Client::new(transport, &connection);

    let version = resolve_version(&mut client, &connection)?;
    let documents = collect_documents(&mut client, version, &settings, endpoint, now)?;
    transform(&settings, endpoint, &documents, now).map_err(|e| redact_error(e, &connection.token))
}

/// Returns the configured server version, or reads it from `admin/version/`.
///
/// # Errors
///
/// The client's errors, and `unsupported-version` for a version older than
/// 2023.10 or one that cannot be read.
pub fn resolve_version<T: Transport>(
    client: &mut Client<T>,
    connection: &ConnectionSettings,
) -> Result<Version, PluginError> {
    if let Some(configured) = &connection.server_version {
        return Version::parse_supported(configured);
    }
    read_version(client).and_then(|text| Version::parse_supported(&text))
}

/// Reads `version_current` from `admin/version/`.
///
/// # Errors
///
/// The client's errors, and `invalid-response` when the field is missing.
pub fn read_version<T: Transport>(client: &mut Client<T>) -> Result<String, PluginError> {
    let request = requests::server_version();
    let value = client.get_json(&request, "")?;
    version_current(&value)
        .map_err(|error| PluginError::InvalidResponse(format!("{request}: {error}")))
}

/// Sends the requests of `endpoint` and returns their documents.
///
/// # Errors
///
/// The client's errors.
pub fn collect_documents<T: Transport>(
    client: &mut Client<T>,
    version: Version,
    settings: &WidgetSettings,
    endpoint: EndpointId,
    now: i64,
) -> Result<Vec<Document>, PluginError> {
    match endpoint {
        EndpointId::Sessions => Ok(vec![
            client.get(&requests::sessions_count(), VIEW_SESSIONS)?,
        ]),
        EndpointId::LoginEvents => {
            let request = requests::login_events(version, settings.login_events_limit);
            Ok(vec![client.get(&request, VIEW_EVENTS)?])
        }
        EndpointId::SecurityAlerts => collect_failed_logins(client, version, settings, now),
        EndpointId::UserStats => Ok(vec![
            client.get(&requests::users_count(), VIEW_USERS)?,
            client.get(&requests::active_users_count(), VIEW_USERS)?,
            client.get(&requests::groups_count(version), VIEW_GROUPS)?,
        ]),
    }
}
