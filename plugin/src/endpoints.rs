//! The plugin's identity and its widget sources (endpoints).
//!
//! | id | widget | refresh | permissions | requests |
//! | --- | --- | --- | --- | --- |
//! | `sessions` | stat card | 30 s | `authentik_core.view_authenticatedsession` | 1 |
//! | `login-events` | list | 60 s | `authentik_events.view_event` | 1 |
//! | `security-alerts` | alert banner | 60 s | `authentik_events.view_event` | 1 to `max_event_pages` |
//! | `user-stats` | stat card | 300 s | `authentik_core.view_user`, `authentik_core.view_group` | 3 |
//!
//! A token without `view_authenticatedsession` still gets 200 from the
//! sessions list, counting only its own sessions; `test-connection` reports
//! the permission as missing in that case.

use crate::bindings::launcher::integration::types::{
    ConfigProblem, Endpoint, PluginError, PluginInfo, WidgetKind,
};
use crate::config::config_fields;

/// Permission to list every authenticated session.
pub const VIEW_SESSIONS: &str = "authentik_core.view_authenticatedsession";
/// Permission to list events.
pub const VIEW_EVENTS: &str = "authentik_events.view_event";
/// Permission to list users.
pub const VIEW_USERS: &str = "authentik_core.view_user";
/// Permission to list groups.
pub const VIEW_GROUPS: &str = "authentik_core.view_group";

/// A widget source of the plugin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EndpointId {
    /// `sessions`: count of authenticated sessions.
    Sessions,
    /// `login-events`: latest logins and failed logins.
    LoginEvents,
    /// `security-alerts`: brute force, password spraying and distributed attacks.
    SecurityAlerts,
    /// `user-stats`: users, active users and groups.
    UserStats,
}

/// Static description of one endpoint.
struct EndpointSpec {
    id: EndpointId,
    name: &'static str,
    title: &'static str,
    kind: WidgetKind,
    refresh_seconds: u32,
    permissions: &'static [&'static str],
}

const ENDPOINTS: [EndpointSpec; 4] = [
    EndpointSpec {
        id: EndpointId::Sessions,
        name: "sessions",
        title: "Active sessions",
        kind: WidgetKind::StatCard,
        refresh_seconds: 30,
        permissions: &[VIEW_SESSIONS],
    },
    EndpointSpec {
        id: EndpointId::LoginEvents,
        name: "login-events",
        title: "Recent logins",
        kind: WidgetKind::List,
        refresh_seconds: 60,
        permissions: &[VIEW_EVENTS],
    },
    EndpointSpec {
        id: EndpointId::SecurityAlerts,
        name: "security-alerts",
        title: "Security alerts",
        kind: WidgetKind::AlertBanner,
        refresh_seconds: 60,
        permissions: &[VIEW_EVENTS],
    },
    EndpointSpec {
        id: EndpointId::UserStats,
        name: "user-stats",
        title: "Users and groups",
        kind: WidgetKind::StatCard,
        refresh_seconds: 300,
        permissions: &[VIEW_USERS, VIEW_GROUPS],
    },
];

impl EndpointId {
    /// Every endpoint, in display order.
    pub const ALL: [EndpointId; 4] = [
        EndpointId::Sessions,
        EndpointId::LoginEvents,
        EndpointId::SecurityAlerts,
        EndpointId::UserStats,
    ];

    /// Looks up an endpoint by its id, such as `login-events`.
    ///
    /// # Errors
    ///
    /// `invalid-config` with key `endpoint` for an unknown id, because the id
    /// comes from the host's configuration.
    pub fn parse(id: &str) -> Result<Self, PluginError> {
        ENDPOINTS
            .iter()
            .find(|spec| spec.name == id)
            .map(|spec| spec.id)
            .ok_or_else(|| {
                let known: Vec<&str> = ENDPOINTS.iter().map(|spec| spec.name).collect();
                PluginError::InvalidConfig(ConfigProblem {
                    key: "endpoint".to_string(),
                    message: format!(
                        "unknown endpoint `{id}`: expected one of {}",
                        known.join(", ")
                    ),
                })
            })
    }

    /// Id of the endpoint, such as `login-events`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// Permissions the endpoint needs.
    pub fn permissions(self) -> &'static [&'static str] {
        self.spec().permissions
    }

    /// Describes the endpoint for `info()`.
    pub fn endpoint(self) -> Endpoint {
        let spec = self.spec();
        Endpoint {
            id: spec.name.to_string(),
            title: spec.title.to_string(),
            kind: spec.kind,
            refresh_seconds: spec.refresh_seconds,
            permissions: spec.permissions.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn spec(self) -> &'static EndpointSpec {
        ENDPOINTS
            .iter()
            .find(|spec| spec.id == self)
            .unwrap_or(&ENDPOINTS[0])
    }
}

/// Lists the endpoints, in display order.
pub fn endpoints() -> Vec<Endpoint> {
    EndpointId::ALL.iter().map(|id| id.endpoint()).collect()
}

/// Lists every distinct permission the endpoints need, in endpoint order.
pub fn all_permissions() -> Vec<&'static str> {
    let mut permissions: Vec<&'static str> = Vec::new();
    for id in EndpointId::ALL {
        for permission in id.permissions() {
            if !permissions.contains(permission) {
                permissions.push(permission);
            }
        }
    }
    permissions
}

/// Describes the plugin: identity, configuration fields and endpoints.
pub fn plugin_info() -> PluginInfo {
    PluginInfo {
        id: "authentik".to_string(),
        name: "Authentik".to_string(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        description: "Sessions, recent logins, login attacks and user counts of an Authentik \
                      identity provider."
            .to_string(),
        config_fields: config_fields(),
        endpoints: endpoints(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for id in EndpointId::ALL {
            assert_eq!(EndpointId::parse(id.name()), Ok(id));
        }
    }

    #[test]
    fn unknown_id_is_invalid_config() {
        let error = EndpointId::parse("sessionz").unwrap_err();
        assert!(
            matches!(&error, PluginError::InvalidConfig(p) if p.key == "endpoint" && p.message.contains("sessionz")),
            "{error:?}"
        );
    }

    #[test]
    fn info_lists_endpoints() {
        let info = plugin_info();
        assert_eq!(info.id, "authentik");
        assert_eq!(info.endpoints, endpoints());
        assert_eq!(info.endpoints.len(), 4);
        assert_eq!(info.endpoints[2].refresh_seconds, 60);
    }

    #[test]
    fn permissions_are_distinct() {
        assert_eq!(
            all_permissions(),
            vec![VIEW_SESSIONS, VIEW_EVENTS, VIEW_USERS, VIEW_GROUPS]
        );
    }
}
