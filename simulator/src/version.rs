//! The authentik releases the simulator imitates, and the API differences between them.

use std::fmt;
use std::str::FromStr;

/// An authentik release whose REST API the simulator reproduces.
///
/// Each variant stands for the last patch release of its line that the simulator copies. The
/// variants are ordered by release date, so `version >= ApiVersion::V2025_12` reads as
/// "2025.12 or later".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiVersion {
    /// 2023.10.7: the last release with `tenant` instead of `brand` on events.
    V2023_10,
    /// 2025.6.4: the last release before the 2025.8 API changes.
    V2025_6,
    /// 2025.12.4: page size default 20 and maximum 100, group `parents`.
    #[default]
    V2025_12,
    /// 2026.2.2.
    V2026_2,
    /// 2026.8.3: `users` and `user.is_current` on `core/users/me/`.
    V2026_8,
}

/// The error returned when a string names no supported authentik release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVersion(pub String);

impl fmt::Display for UnknownVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = ApiVersion::all().iter().map(|v| v.as_str()).collect();
        write!(
            f,
            "unknown authentik version {:?}: expected one of {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownVersion {}

impl ApiVersion {
    /// Returns every supported release, oldest first.
    pub fn all() -> [ApiVersion; 5] {
        [
            ApiVersion::V2023_10,
            ApiVersion::V2025_6,
            ApiVersion::V2025_12,
            ApiVersion::V2026_2,
            ApiVersion::V2026_8,
        ]
    }

    /// Returns the full release string, as `admin/version/` reports it in `version_current`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2023_10 => "2023.10.7",
            ApiVersion::V2025_6 => "2025.6.4",
            ApiVersion::V2025_12 => "2025.12.4",
            ApiVersion::V2026_2 => "2026.2.2",
            ApiVersion::V2026_8 => "2026.8.3",
        }
    }

    /// Returns whether events carry `brand` (2024.2+) rather than `tenant`.
    pub(crate) fn has_brands(self) -> bool {
        self >= ApiVersion::V2025_6
    }

    /// Returns whether `events/events/volume/` exists (2024.2+).
    pub(crate) fn has_event_volume(self) -> bool {
        self >= ApiVersion::V2025_6
    }

    /// Returns whether the 2025.8 API changes apply: the `autocomplete` key, the `actions` filter,
    /// `username` also matching `context.username`, volume rows by action, and the
    /// `authenticated_as` form of unknown users on failed logins.
    pub(crate) fn has_2025_8_api(self) -> bool {
        self >= ApiVersion::V2025_12
    }

    /// Returns whether the 2024.2–2024.8 additions apply: `is_anonymous` on the anonymous user,
    /// `user_agent` and `request_id` in `http_request`, `asn` on sessions and reputation,
    /// `include_users` and `include_groups`, and the extra fields of `admin/version/`.
    pub(crate) fn has_2024_api(self) -> bool {
        self >= ApiVersion::V2025_6
    }

    /// Returns whether the 2025.12 changes apply: page size default 20 with maximum 100, group
    /// `parents`, user `roles`, and a non-Bearer scheme treated as a missing header.
    pub(crate) fn has_2025_12_api(self) -> bool {
        self >= ApiVersion::V2025_12
    }

    /// Returns whether `core/users/me/` returns `users` and `user.is_current` (2026.8).
    pub(crate) fn has_session_users(self) -> bool {
        self >= ApiVersion::V2026_8
    }

    /// Returns the page size used when `page_size` is missing or invalid.
    pub(crate) fn default_page_size(self) -> usize {
        if self.has_2025_12_api() { 20 } else { 100 }
    }

    /// Returns the maximum page size. Larger requests are cut to it without notice.
    pub(crate) fn max_page_size(self) -> Option<usize> {
        if self.has_2025_12_api() {
            Some(100)
        } else {
            None
        }
    }

    /// Returns the maximum `history_days` that `events/events/volume/` accepts: 60 in 2025.8–2026.2,
    /// 90 from 2026.5.
    pub(crate) fn max_history_days(self) -> i64 {
        if self >= ApiVersion::V2026_8 { 90 } else { 60 }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApiVersion {
    type Err = UnknownVersion;

    /// Parses a release line such as `2025.12` or a full release such as `2025.12.4`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        ApiVersion::all()
            .into_iter()
            .find(|version| {
                let full = version.as_str();
                let line = &full[..full.rfind('.').unwrap_or(full.len())];
                wanted == full || wanted == line
            })
            .ok_or_else(|| UnknownVersion(s.to_string()))
    }
}
