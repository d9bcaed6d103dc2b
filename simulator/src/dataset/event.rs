//! The audit event type.

use chrono::{DateTime, Utc};

/// An audit event, as authentik stores it.
///
/// The JSON form of an event differs between releases (the `user` of a failed login, `brand`
/// or `tenant`, the keys of `http_request`), so the server renders it per release. These
/// fields are the facts that do not change.
#[derive(Clone, Debug)]
pub struct Event {
    /// The event's UUID.
    pub pk: String,
    /// The action, such as `login`, `login_failed` or `custom_login_audit`.
    pub action: String,
    /// The username of the account the event belongs to. For `login_failed` this is the
    /// account whose username was typed, and `None` when no account has that username.
    pub username: Option<String>,
    /// The username typed into the login form (`context.username`); set only for
    /// `login_failed`.
    pub typed_username: Option<String>,
    /// The client address, or `None` when it was unknown.
    pub client_ip: Option<String>,
    /// When the event happened.
    pub created: DateTime<Utc>,
    pub(crate) detail: EventDetail,
}

/// The parts of an event that only the JSON rendering needs.
#[derive(Clone, Debug)]
pub(crate) struct EventDetail {
    /// Index into the dataset's users of the account the event belongs to.
    pub(crate) user: Option<usize>,
    pub(crate) kind: EventKind,
    pub(crate) user_agent: String,
    pub(crate) request_id: String,
    pub(crate) expires: DateTime<Utc>,
}

/// The kind of event, with the details that go into its `context`.
#[derive(Clone, Debug)]
pub(crate) enum EventKind {
    Login {
        known_device: bool,
    },
    /// A wrong password, or a wrong TOTP code when `totp` is set.
    LoginFailed {
        totp: bool,
    },
    Logout,
    /// Index into the application table.
    AuthorizeApplication {
        application: usize,
    },
    /// Index into the model table.
    ModelUpdated {
        model: usize,
    },
    /// A custom event that an expression policy created.
    Custom {
        message: String,
    },
}

/// Applications that users authorize, by name and slug.
pub(crate) const APPLICATIONS: [(&str, &str); 6] = [
    ("Jellyfin", "jellyfin"),
    ("Grafana", "grafana"),
    ("Nextcloud", "nextcloud"),
    ("Immich", "immich"),
    ("Home Assistant", "home-assistant"),
    ("Proxmox VE", "proxmox"),
];

/// Objects that the administrator edits: app label, model name, display name and API path.
pub(crate) const MODELS: [(&str, &str, &str, &str); 6] = [
    (
        "authentik_core",
        "application",
        "Jellyfin",
        "/api/v3/core/applications/jellyfin/",
    ),
    ("authentik_core", "group", "media", "/api/v3/core/groups/"),
    (
        "authentik_providers_oauth2",
        "oauth2provider",
        "Grafana",
        "/api/v3/providers/oauth2/3/",
    ),
    (
        "authentik_flows",
        "flow",
        "Welcome to authentik!",
        "/api/v3/flows/instances/default-authentication-flow/",
    ),
    (
        "authentik_core",
        "user",
        "Bob Brown",
        "/api/v3/core/users/8/",
    ),
    (
        "authentik_brands",
        "brand",
        "Default brand",
        "/api/v3/core/brands/",
    ),
];
