//! Every API request the plugin sends, built in one place.
//!
//! Requests are relative to the API root (`{base_url}/api/v3/`). Their text
//! form, `path?query`, is the `request` of the documents `fetch` collects,
//! and `transform` finds documents by it.

use std::fmt;

use crate::config::WidgetSettings;
use crate::version::Version;

/// Page size sent for event pages: the maximum every supported version honours.
pub const EVENT_PAGE_SIZE: u32 = 100;

/// A GET request relative to the API root.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ApiRequest {
    /// Path with a trailing slash, such as `core/users/`.
    pub path: String,
    /// Query parameters in the order they are sent.
    pub query: Vec<(String, String)>,
}

impl ApiRequest {
    fn new(path: &str, query: &[(&str, &str)]) -> Self {
        Self {
            path: path.to_string(),
            query: query
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect(),
        }
    }

    /// Parses the `path?query` text of a document's request.
    ///
    /// Values are taken as they are: the plugin only sends values that need
    /// no percent-encoding.
    pub fn parse(text: &str) -> Self {
        let (path, query) = text.split_once('?').unwrap_or((text, ""));
        let query = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (key.to_string(), value.to_string())
            })
            .collect();
        Self {
            path: path.trim_start_matches('/').to_string(),
            query,
        }
    }

    /// Returns the first value of query parameter `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// Returns this request with `page={page}` appended.
    pub fn with_page(&self, page: u64) -> Self {
        let mut request = self.clone();
        request.query.push(("page".to_string(), page.to_string()));
        request
    }

    /// Page number of this request: the `page` parameter, 1 when absent.
    pub fn page(&self) -> u64 {
        self.param("page")
            .and_then(|page| page.parse().ok())
            .unwrap_or(1)
    }
}

impl fmt::Display for ApiRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        for (index, (key, value)) in self.query.iter().enumerate() {
            let separator = if index == 0 { '?' } else { '&' };
            write!(f, "{separator}{key}={value}")?;
        }
        Ok(())
    }
}

/// `core/users/me/`: the token's account.
pub fn users_me() -> ApiRequest {
    ApiRequest::new("core/users/me/", &[])
}

/// `admin/version/`: the server version.
pub fn server_version() -> ApiRequest {
    ApiRequest::new("admin/version/", &[])
}

/// Count of authenticated sessions, read from `pagination.count`.
pub fn sessions_count() -> ApiRequest {
    ApiRequest::new("core/authenticated_sessions/", &[("page_size", "1")])
}

/// Count of users, read from `pagination.count`.
pub fn users_count() -> ApiRequest {
    ApiRequest::new("core/users/", &[("page_size", "1")])
}

/// Count of active users, read from `pagination.count`.
pub fn active_users_count() -> ApiRequest {
    ApiRequest::new("core/users/", &[("is_active", "true"), ("page_size", "1")])
}

/// Count of groups, read from `pagination.count`; `include_users=false`
/// keeps the response small where the server supports it.
pub fn groups_count(version: Version) -> ApiRequest {
    if version.has_group_include_users() {
        ApiRequest::new(
            "core/groups/",
            &[("page_size", "1"), ("include_users", "false")],
        )
    } else {
        ApiRequest::new("core/groups/", &[("page_size", "1")])
    }
}

/// Latest logins and failed logins, newest first.
///
/// Servers before 2025.8 only have `action`, a substring match, so the
/// request reads a full page and the caller keeps the exact actions.
pub fn login_events(version: Version, limit: u32) -> ApiRequest {
    if version.has_actions_filter() {
        let limit = limit.to_string();
        ApiRequest::new(
            "events/events/",
            &[
                ("actions", "login"),
                ("actions", "login_failed"),
                ("ordering", "-created"),
                ("page_size", &limit),
            ],
        )
    } else {
        ApiRequest::new(
            "events/events/",
            &[
                ("action", "login"),
                ("ordering", "-created"),
                ("page_size", "100"),
            ],
        )
    }
}

/// First page of failed logins, newest first; later pages add `page=N`.
pub fn failed_logins(version: Version) -> ApiRequest {
    let filter = if version.has_actions_filter() {
        "actions"
    } else {
        "action"
    };
    ApiRequest::new(
        "events/events/",
        &[
            (filter, "login_failed"),
            ("ordering", "-created"),
            ("page_size", "100"),
        ],
    )
}

/// Permission probe of `authentik_core.view_user`.
pub fn probe_users() -> ApiRequest {
    users_count()
}

/// Permission probe of `authentik_core.view_authenticatedsession`: one page
/// of sessions, to see whether any belongs to another user.
pub fn probe_sessions() -> ApiRequest {
    ApiRequest::new("core/authenticated_sessions/", &[("page_size", "100")])
}

/// Permission probe of `authentik_core.view_group`.
pub fn probe_groups() -> ApiRequest {
    ApiRequest::new("core/groups/", &[("page_size", "1")])
}

/// Permission probe of `authentik_events.view_event`.
pub fn probe_events() -> ApiRequest {
    ApiRequest::new("events/events/", &[("page_size", "1")])
}

/// Lists every request the plugin may send to a server of `version` with
/// `settings`: the widget requests, every event page up to the cap, and the
/// connection check. A contract test checks them against Authentik's
/// OpenAPI schemas.
pub fn all_requests(version: Version, settings: &WidgetSettings) -> Vec<ApiRequest> {
    let mut requests = vec![
        users_me(),
        server_version(),
        sessions_count(),
        users_count(),
        active_users_count(),
        groups_count(version),
        login_events(version, settings.login_events_limit),
        probe_users(),
        probe_sessions(),
        probe_groups(),
        probe_events(),
    ];
    let first_page = failed_logins(version);
    for page in 2..=u64::from(settings.max_event_pages) {
        requests.push(first_page.with_page(page));
    }
    requests.push(first_page);
    requests
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_text_round_trips() {
        let request = login_events(Version::new(2025, 12, 4), 15);
        let text = request.to_string();
        assert_eq!(
            text,
            "events/events/?actions=login&actions=login_failed&ordering=-created&page_size=15"
        );
        assert_eq!(ApiRequest::parse(&text), request);
    }

    #[test]
    fn old_servers_use_action_substring() {
        let text = failed_logins(Version::new(2025, 6, 4)).to_string();
        assert_eq!(
            text,
            "events/events/?action=login_failed&ordering=-created&page_size=100"
        );
    }

    #[test]
    fn groups_count_omits_include_users_before_2024_4() {
        assert_eq!(
            groups_count(Version::new(2024, 2, 0)).to_string(),
            "core/groups/?page_size=1"
        );
        assert_eq!(
            groups_count(Version::new(2024, 4, 0)).to_string(),
            "core/groups/?page_size=1&include_users=false"
        );
    }

    #[test]
    fn page_defaults_to_one() {
        let request = failed_logins(Version::new(2025, 12, 4));
        assert_eq!(request.page(), 1);
        assert_eq!(request.with_page(3).page(), 3);
    }
}
