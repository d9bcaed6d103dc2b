//! API tokens the simulator accepts, and the permissions granted to them.

/// A global authentik permission that a token's user may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    /// `authentik_core.view_user`: required by `core/users/`.
    ViewUser,
    /// `authentik_core.view_group`: required by `core/groups/`.
    ViewGroup,
    /// `authentik_events.view_event`: required by `events/events/` and its `volume/` action.
    ViewEvent,
    /// `authentik_core.view_authenticatedsession`: lets `core/authenticated_sessions/` list
    /// the sessions of every user instead of only the token user's own.
    ViewAuthenticatedSession,
}

impl Permission {
    /// Returns every permission.
    pub fn all() -> [Permission; 4] {
        [
            Permission::ViewUser,
            Permission::ViewGroup,
            Permission::ViewEvent,
            Permission::ViewAuthenticatedSession,
        ]
    }

    /// Returns the permission's `app_label.codename`, such as `authentik_core.view_user`.
    pub fn codename(self) -> &'static str {
        match self {
            Permission::ViewUser => "authentik_core.view_user",
            Permission::ViewGroup => "authentik_core.view_group",
            Permission::ViewEvent => "authentik_events.view_event",
            Permission::ViewAuthenticatedSession => "authentik_core.view_authenticatedsession",
        }
    }
}

/// An API token (intent `api`) and what its user may do.
///
/// `username` must name an active user of the dataset: a token of an unknown or inactive user
/// is rejected with `Token invalid/expired`, as authentik does for tokens of inactive users.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGrant {
    /// The secret sent as `Authorization: Bearer <token>`.
    pub token: String,
    /// The username of the user that owns the token.
    pub username: String,
    /// Whether the user is a superuser, which grants every permission.
    pub superuser: bool,
    /// The global permissions of a user that is not a superuser.
    pub permissions: Vec<Permission>,
}

impl TokenGrant {
    /// Creates a token of `akadmin`, a superuser holding every permission.
    pub fn admin(token: impl Into<String>) -> Self {
        TokenGrant {
            token: token.into(),
            username: "akadmin".to_string(),
            superuser: true,
            permissions: Permission::all().to_vec(),
        }
    }

    /// Returns whether the token may use `permission`, either by holding it or as a superuser.
    pub fn allows(&self, permission: Permission) -> bool {
        self.superuser || self.permissions.contains(&permission)
    }
}
