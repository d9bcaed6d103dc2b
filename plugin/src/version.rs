//! Authentik server versions and the request changes they bring.
//!
//! Authentik numbers releases `year.month.patch`, such as `2025.12.4`, and
//! release candidates `2026.2.2-rc1`. Two changes affect the requests this
//! plugin sends: the exact, repeatable `actions` filter on
//! `events/events/` (2025.8) and `include_users` on `core/groups/` (2024.4).

use std::fmt;

use crate::bindings::launcher::integration::types::PluginError;

/// An Authentik release number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// Release year, such as 2025.
    pub year: u32,
    /// Release month, such as 12.
    pub month: u32,
    /// Patch number; 0 when the version string has none.
    pub patch: u32,
}

impl Version {
    /// Oldest release the plugin supports: 2023.10, the first with RBAC, so
    /// that a token without a permission gets 403 instead of an empty list.
    pub const OLDEST_SUPPORTED: Version = Version::new(2023, 10, 0);

    /// Creates a version from its parts.
    pub const fn new(year: u32, month: u32, patch: u32) -> Self {
        Self { year, month, patch }
    }

    /// Parses `version_current` of `admin/version/`, such as `2025.12.4`,
    /// `2026.2.2-rc1` or `v2025.8`, and checks that the plugin supports it.
    ///
    /// # Errors
    ///
    /// `unsupported-version` with the value found when the text is not a
    /// version or names a release older than 2023.10.
    pub fn parse_supported(text: &str) -> Result<Self, PluginError> {
        let Some(version) = Self::parse(text) else {
            return Err(PluginError::UnsupportedVersion(format!(
                "cannot read the server version `{}`: expected year.month.patch, such as \
                 2025.12.4",
                text.trim()
            )));
        };
        if version < Self::OLDEST_SUPPORTED {
            return Err(PluginError::UnsupportedVersion(format!(
                "Authentik {version} is older than {}, the oldest version this plugin \
                 supports: upgrade the server",
                Self::OLDEST_SUPPORTED
            )));
        }
        Ok(version)
    }

    /// Parses a version leniently, or returns `None` when `text` is no version.
    ///
    /// A leading `v`, a missing patch number and a suffix after `-` or `+`
    /// are accepted.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let text = text.strip_prefix(['v', 'V']).unwrap_or(text);
        let core = text.split(['-', '+']).next().unwrap_or("");

        let mut parts = core.split('.');
        let year = parse_number(parts.next()?)?;
        let month = parse_number(parts.next()?)?;
        let patch = match parts.next() {
            Some(part) => parse_number(part)?,
            None => 0,
        };
        if parts.next().is_some() || !(2000..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Self::new(year, month, patch))
    }

    /// True when `events/events/` has the exact, repeatable `actions`
    /// filter (2025.8 and later). Older servers only have `action`, which
    /// matches by substring.
    pub fn has_actions_filter(self) -> bool {
        self >= Self::new(2025, 8, 0)
    }

    /// True when `core/groups/` accepts `include_users` (2024.4 and later).
    pub fn has_group_include_users(self) -> bool {
        self >= Self::new(2024, 4, 0)
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.year, self.month, self.patch)
    }
}

fn parse_number(part: &str) -> Option<u32> {
    if part.is_empty() || part.len() > 9 || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_release_and_candidates() {
        assert_eq!(Version::parse("2025.12.4"), Some(Version::new(2025, 12, 4)));
        assert_eq!(
            Version::parse("2026.2.2-rc1"),
            Some(Version::new(2026, 2, 2))
        );
        assert_eq!(Version::parse(" v2025.8 "), Some(Version::new(2025, 8, 0)));
        assert_eq!(
            Version::parse("2024.4.1+build.7"),
            Some(Version::new(2024, 4, 1))
        );
    }

    #[test]
    fn parse_rejects_non_versions() {
        for text in [
            "",
            "latest",
            "2025",
            "2025.13.1",
            "2025.x.1",
            "1.2.3.4",
            "25.1.0",
        ] {
            assert_eq!(Version::parse(text), None, "text {text:?}");
        }
    }

    #[test]
    fn supported_versions_start_2023_10() {
        assert!(Version::parse_supported("2023.10.7").is_ok());
        assert!(Version::parse_supported("2023.10.0").is_ok());
        let old = Version::parse_supported("2023.8.3");
        assert!(
            matches!(&old, Err(PluginError::UnsupportedVersion(m)) if m.contains("2023.8.3")),
            "{old:?}"
        );
        let garbage = Version::parse_supported("banana");
        assert!(
            matches!(&garbage, Err(PluginError::UnsupportedVersion(m)) if m.contains("banana")),
            "{garbage:?}"
        );
    }

    #[test]
    fn capabilities_follow_releases() {
        assert!(!Version::new(2025, 6, 4).has_actions_filter());
        assert!(Version::new(2025, 8, 0).has_actions_filter());
        assert!(!Version::new(2024, 2, 9).has_group_include_users());
        assert!(Version::new(2024, 4, 0).has_group_include_users());
    }
}
