//! The API endpoints: routing from a path to a handler, and helpers the handlers share.

mod admin;
mod avatar;
mod event_json;
mod events;
mod groups;
mod me;
mod reputation;
mod sessions;
mod users;
mod volume;

use crate::ApiVersion;
use crate::auth::Principal;
use crate::dataset::Dataset;
use crate::json::Json;
use crate::query::Query;
use crate::reply::Reply;

/// DRF's message for a valid token that lacks a permission.
pub(crate) const PERMISSION_DENIED: &str = "You do not have permission to perform this action.";

/// An authenticated API request, as the handlers see it.
pub(crate) struct Call<'a> {
    pub(crate) version: ApiVersion,
    pub(crate) dataset: &'a Dataset,
    pub(crate) principal: Principal<'a>,
    pub(crate) query: &'a Query,
}

/// An endpoint the simulator serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endpoint {
    UsersMe,
    AdminVersion,
    AuthenticatedSessions,
    Events,
    EventVolume,
    Users,
    Groups,
    ReputationScores,
}

impl Endpoint {
    /// Finds the endpoint of a URL path. Paths must match exactly, trailing slash included;
    /// anything else is unknown to authentik's router.
    pub(crate) fn resolve(path: &str, version: ApiVersion) -> Option<Endpoint> {
        let endpoint = match path.strip_prefix("/api/v3/")? {
            "core/users/me/" => Endpoint::UsersMe,
            "admin/version/" => Endpoint::AdminVersion,
            "core/authenticated_sessions/" => Endpoint::AuthenticatedSessions,
            "events/events/" => Endpoint::Events,
            "events/events/volume/" if version.has_event_volume() => Endpoint::EventVolume,
            "core/users/" => Endpoint::Users,
            "core/groups/" => Endpoint::Groups,
            "policies/reputation/scores/" => Endpoint::ReputationScores,
            _ => return None,
        };
        Some(endpoint)
    }

    /// Returns the `Allow` header of the endpoint: the list routes of writable view sets also allow
    /// `POST`.
    pub(crate) fn allow(self) -> &'static str {
        match self {
            Endpoint::Events | Endpoint::Users | Endpoint::Groups => "GET, POST, HEAD, OPTIONS",
            _ => "GET, HEAD, OPTIONS",
        }
    }

    /// Handles a `GET` (or `HEAD`) request.
    pub(crate) fn handle(self, call: &Call<'_>) -> Reply {
        match self {
            Endpoint::UsersMe => me::get(call),
            Endpoint::AdminVersion => admin::version(call),
            Endpoint::AuthenticatedSessions => sessions::list(call),
            Endpoint::Events => events::list(call),
            Endpoint::EventVolume => volume::get(call),
            Endpoint::Users => users::list(call),
            Endpoint::Groups => groups::list(call),
            Endpoint::ReputationScores => reputation::list(call),
        }
    }
}

/// Reads the first field of DRF's `ordering` parameter as `(field, descending)`.
pub(crate) fn ordering(query: &Query) -> Option<(&str, bool)> {
    let first = query.get("ordering")?.split(',').next()?.trim();
    match first.strip_prefix('-') {
        Some(field) => Some((field, true)),
        None => Some((first, false)),
    }
}

/// Sorts stably by a key, ascending or descending.
pub(crate) fn sort<T, K: Ord>(items: &mut [T], descending: bool, key: impl Fn(&T) -> K) {
    if descending {
        items.sort_by_key(|item| std::cmp::Reverse(key(item)));
    } else {
        items.sort_by_key(|item| key(item));
    }
}

/// Renders string attributes as a JSON object.
pub(crate) fn attributes(pairs: &[(&str, &str)]) -> Json {
    Json::object(pairs.iter().map(|(key, value)| (*key, Json::from(*value))))
}

/// Renders a `Role`.
pub(crate) fn render_role(dataset: &Dataset, index: usize) -> Json {
    let role = &dataset.roles[index];
    Json::object([
        ("pk", Json::from(&role.pk)),
        ("name", Json::from(&role.name)),
    ])
}
