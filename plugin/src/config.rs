//! Configuration keys, their defaults and their validation.
//!
//! Every value arrives as text in `config.values`. Keys the plugin does not
//! read are ignored, because the host validates its own file.

use std::fmt;

use crate::endpoints::VIEW_SESSIONS;

use crate::bindings::launcher::integration::types::{
    Config, ConfigField, ConfigProblem, FieldKind, PluginError,
};

/// Key of the server root URL.
pub const BASE_URL: &str = "base_url";
/// Key of the API token.
pub const TOKEN: &str = "token";
/// Key of the Authentik version the host detected, such as `2025.12.4`.
pub const SERVER_VERSION: &str = "server_version";
/// Key of the permissions the token lacks, comma-separated, as the host's
/// connection check found them.
pub const MISSING_PERMISSIONS: &str = "missing_permissions";

/// A numeric setting: its key, default, accepted range, kind and help text.
struct NumericKey {
    key: &'static str,
    label: &'static str,
    kind: FieldKind,
    default: u32,
    max: u32,
    help: &'static str,
}

const BRUTE_FORCE_THRESHOLD: NumericKey = NumericKey {
    key: "brute_force_threshold",
    label: "Brute-force threshold",
    kind: FieldKind::Integer,
    default: 5,
    max: 100_000,
    help: "An alert fires when more than this many failed logins come from one client IP \
           within the brute-force window.",
};

const BRUTE_FORCE_WINDOW_MINUTES: NumericKey = NumericKey {
    key: "brute_force_window_minutes",
    label: "Brute-force window",
    kind: FieldKind::Minutes,
    default: 10,
    max: 1440,
    help: "Length in minutes of the sliding window in which failed logins are counted.",
};

const ALERT_LOOKBACK_MINUTES: NumericKey = NumericKey {
    key: "alert_lookback_minutes",
    label: "Alert look-back",
    kind: FieldKind::Minutes,
    default: 60,
    max: 10_080,
    help: "How far back in minutes a window may end and still raise an alert.",
};

const SPRAY_THRESHOLD: NumericKey = NumericKey {
    key: "spray_threshold",
    label: "Password-spraying threshold",
    kind: FieldKind::Integer,
    default: 3,
    max: 100_000,
    help: "An alert fires when one client IP fails on more than this many distinct user \
           names within the window.",
};

const ACCOUNT_ATTACK_THRESHOLD: NumericKey = NumericKey {
    key: "account_attack_threshold",
    label: "Distributed-attack threshold",
    kind: FieldKind::Integer,
    default: 3,
    max: 100_000,
    help: "An alert fires when one user name fails from more than this many distinct \
           client IPs within the window.",
};

const MAX_EVENT_PAGES: NumericKey = NumericKey {
    key: "max_event_pages",
    label: "Maximum event pages",
    kind: FieldKind::Integer,
    default: 10,
    max: 100,
    help: "Maximum number of event pages (100 events each) read per security-alerts refresh. \
           Counts are lower bounds when this cap stops the reading.",
};

const LOGIN_EVENTS_LIMIT: NumericKey = NumericKey {
    key: "login_events_limit",
    label: "Login events shown",
    kind: FieldKind::Integer,
    default: 15,
    max: 100,
    help: "Number of logins and failed logins the login-events list shows.",
};

const NUMERIC_KEYS: [&NumericKey; 7] = [
    &BRUTE_FORCE_THRESHOLD,
    &BRUTE_FORCE_WINDOW_MINUTES,
    &ALERT_LOOKBACK_MINUTES,
    &SPRAY_THRESHOLD,
    &ACCOUNT_ATTACK_THRESHOLD,
    &MAX_EVENT_PAGES,
    &LOGIN_EVENTS_LIMIT,
];

/// Server address and credentials: the keys `fetch` and `test-connection`
/// need.
#[derive(Clone, PartialEq, Eq)]
pub struct ConnectionSettings {
    /// Server root without a trailing slash, such as `https://auth.example.com`.
    pub base_url: String,
    /// API root with a trailing slash: `{base_url}/api/v3/`.
    pub api_root: String,
    /// API token, sent as `Authorization: Bearer <token>`.
    pub token: String,
    /// Version from `server_version`, or `None` when the key is absent or empty.
    pub server_version: Option<String>,
}

impl fmt::Debug for ConnectionSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectionSettings")
            .field("base_url", &self.base_url)
            .field("token", &"[redacted]")
            .field("server_version", &self.server_version)
            .finish()
    }
}

/// Thresholds and limits that shape the widgets: the keys `transform` needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidgetSettings {
    /// Failed logins from one client IP that a window may hold before an alert fires.
    pub brute_force_threshold: u32,
    /// Window length, in minutes.
    pub brute_force_window_minutes: u32,
    /// Look-back period in which a window may end, in minutes.
    pub alert_lookback_minutes: u32,
    /// Distinct user names from one client IP that a window may hold before an alert fires.
    pub spray_threshold: u32,
    /// Distinct client IPs failing on one user name that a window may hold
    /// before an alert fires.
    pub account_attack_threshold: u32,
    /// Maximum number of event pages read per security-alerts refresh.
    pub max_event_pages: u32,
    /// Rows of the login-events list.
    pub login_events_limit: u32,
    /// True when the token lacks `view_authenticatedsession`, so Authentik
    /// returns the token's own sessions only (200, not 403).
    pub sessions_limited_to_own: bool,
}

impl Default for WidgetSettings {
    fn default() -> Self {
        Self {
            brute_force_threshold: BRUTE_FORCE_THRESHOLD.default,
            brute_force_window_minutes: BRUTE_FORCE_WINDOW_MINUTES.default,
            alert_lookback_minutes: ALERT_LOOKBACK_MINUTES.default,
            spray_threshold: SPRAY_THRESHOLD.default,
            account_attack_threshold: ACCOUNT_ATTACK_THRESHOLD.default,
            max_event_pages: MAX_EVENT_PAGES.default,
            login_events_limit: LOGIN_EVENTS_LIMIT.default,
            sessions_limited_to_own: false,
        }
    }
}

impl WidgetSettings {
    /// Reads and validates the numeric keys, using defaults for absent or empty ones.
    ///
    /// # Errors
    ///
    /// `invalid-config` naming the key, the value and the accepted range when a
    /// value is not a whole number between 1 and its maximum.
    pub fn from_config(config: &Config) -> Result<Self, PluginError> {
        Ok(Self {
            brute_force_threshold: read_numeric(config, &BRUTE_FORCE_THRESHOLD)?,
            brute_force_window_minutes: read_numeric(config, &BRUTE_FORCE_WINDOW_MINUTES)?,
            alert_lookback_minutes: read_numeric(config, &ALERT_LOOKBACK_MINUTES)?,
            spray_threshold: read_numeric(config, &SPRAY_THRESHOLD)?,
            account_attack_threshold: read_numeric(config, &ACCOUNT_ATTACK_THRESHOLD)?,
            max_event_pages: read_numeric(config, &MAX_EVENT_PAGES)?,
            login_events_limit: read_numeric(config, &LOGIN_EVENTS_LIMIT)?,
            sessions_limited_to_own: lookup(config, MISSING_PERMISSIONS)
                .is_some_and(|list| list.split(',').any(|p| p.trim() == VIEW_SESSIONS)),
        })
    }

    /// Start of the period whose failed logins the detection needs, in
    /// milliseconds since the Unix epoch: `now − look-back − window`.
    pub fn period_start(&self, now: i64) -> i64 {
        let minutes =
            i64::from(self.alert_lookback_minutes) + i64::from(self.brute_force_window_minutes);
        now.saturating_sub(minutes * 60_000)
    }
}

impl ConnectionSettings {
    /// Reads and validates `base_url`, `token` and `server_version`.
    ///
    /// # Errors
    ///
    /// `invalid-config` naming the key and the fix when `base_url` or `token`
    /// is missing, or when `base_url` is not an http or https URL without
    /// user information, query or fragment.
    pub fn from_config(config: &Config) -> Result<Self, PluginError> {
        let raw_url = lookup(config, BASE_URL).unwrap_or("").trim();
        if raw_url.is_empty() {
            return Err(invalid(
                BASE_URL,
                "missing: set base_url to the Authentik server root, such as \
                 https://auth.example.com"
                    .to_string(),
            ));
        }
        let base_url = normalize_base_url(raw_url).map_err(|reason| {
            invalid(
                BASE_URL,
                format!(
                    "invalid URL `{raw_url}`: {reason}; set base_url to the Authentik server \
                     root, such as https://auth.example.com"
                ),
            )
        })?;

        let token = lookup(config, TOKEN).unwrap_or("").trim();
        if token.is_empty() {
            return Err(invalid(
                TOKEN,
                "missing: set token to an Authentik API token (intent `api`)".to_string(),
            ));
        }
        if token.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(invalid(
                TOKEN,
                "invalid: the token contains whitespace or control characters; paste the \
                 token value only"
                    .to_string(),
            ));
        }

        let server_version = lookup(config, SERVER_VERSION)
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_string);

        Ok(Self {
            api_root: format!("{base_url}/api/v3/"),
            base_url,
            token: token.to_string(),
            server_version,
        })
    }
}

/// Lists the configuration fields the plugin reads, for `info()`.
pub fn config_fields() -> Vec<ConfigField> {
    let mut fields = vec![
        ConfigField {
            key: BASE_URL.to_string(),
            label: "Server URL".to_string(),
            kind: FieldKind::Url,
            required: true,
            default: None,
            help: "Root URL of the Authentik server, such as https://auth.example.com. \
                   The plugin reads the API at {base_url}/api/v3/."
                .to_string(),
        },
        ConfigField {
            key: TOKEN.to_string(),
            label: "API token".to_string(),
            kind: FieldKind::Secret,
            required: true,
            default: None,
            help: "Authentik API token (intent `api`) of an account with the permissions \
                   the endpoints list."
                .to_string(),
        },
        ConfigField {
            key: SERVER_VERSION.to_string(),
            label: "Server version".to_string(),
            kind: FieldKind::Text,
            required: false,
            default: None,
            help: "Authentik version, such as 2025.12.4. When empty, every fetch first reads \
                   admin/version/."
                .to_string(),
        },
        ConfigField {
            key: MISSING_PERMISSIONS.to_string(),
            label: "Missing permissions".to_string(),
            kind: FieldKind::Text,
            required: false,
            default: None,
            help: "Permissions the token lacks, comma-separated, as test-connection reports \
                   them; a host fills this in. When it lists \
                   authentik_core.view_authenticatedsession, the sessions card says that it \
                   counts only the token's own sessions."
                .to_string(),
        },
    ];
    for numeric in NUMERIC_KEYS {
        fields.push(ConfigField {
            key: numeric.key.to_string(),
            label: numeric.label.to_string(),
            kind: numeric.kind,
            required: false,
            default: Some(numeric.default.to_string()),
            help: format!("{} Accepted range: 1 to {}.", numeric.help, numeric.max),
        });
    }
    fields
}

/// Returns the value of `key`; the last one wins when a key repeats.
pub fn lookup<'a>(config: &'a Config, key: &str) -> Option<&'a str> {
    config
        .values
        .iter()
        .rev()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
}

fn read_numeric(config: &Config, numeric: &NumericKey) -> Result<u32, PluginError> {
    let Some(raw) = lookup(config, numeric.key) else {
        return Ok(numeric.default);
    };
    let value = raw.trim();
    if value.is_empty() {
        return Ok(numeric.default);
    }

    let range = format!("a whole number from 1 to {}", numeric.max);
    match value.parse::<i64>() {
        Ok(number) if (1..=i64::from(numeric.max)).contains(&number) => {
            Ok(u32::try_from(number).unwrap_or(numeric.default))
        }
        Ok(number) => Err(invalid(
            numeric.key,
            format!("invalid value `{number}`: expected {range}"),
        )),
        Err(_) => Err(invalid(
            numeric.key,
            format!("invalid value `{value}`: expected {range}"),
        )),
    }
}

/// Checks `raw` and returns it without a trailing `/` or `/api/v3`.
fn normalize_base_url(raw: &str) -> Result<String, &'static str> {
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("it contains whitespace");
    }
    let Some((scheme, rest)) = raw.split_once("://") else {
        return Err("it has no scheme");
    };
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err("the scheme must be http or https");
    }
    if rest.contains('?') || rest.contains('#') {
        return Err("it must not contain a query or fragment");
    }

    let (authority, path) = match rest.find('/') {
        Some(index) => rest.split_at(index),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err("it must not contain a user name or password");
    }
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((address, after)) = bracketed.split_once(']') else {
            return Err("an IPv6 address misses its closing bracket");
        };
        match after.strip_prefix(':') {
            Some(port) => (address, Some(port)),
            None if after.is_empty() => (address, None),
            None => return Err("unexpected text after the IPv6 address"),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if let Some(port) = port
        && (port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("the port must be a number");
    }
    if host.is_empty() {
        return Err("it has no host");
    }

    let mut path = path.trim_end_matches('/');
    if let Some(stripped) = path.strip_suffix("/api/v3") {
        path = stripped.trim_end_matches('/');
    }
    Ok(format!("{scheme}://{authority}{path}"))
}

fn invalid(key: &str, message: String) -> PluginError {
    PluginError::InvalidConfig(ConfigProblem {
        key: key.to_string(),
        message,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config {
            values: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn problem(result: Result<impl fmt::Debug, PluginError>) -> ConfigProblem {
        match result {
            Err(PluginError::InvalidConfig(problem)) => problem,
            other => panic!("expected invalid-config, got {other:?}"),
        }
    }

    fn base_url_of(url: &str) -> Result<ConnectionSettings, PluginError> {
        ConnectionSettings::from_config(&config(&[("base_url", url), ("token", "t0ken")]))
    }

    #[test]
    fn missing_session_permission_limits_sessions() {
        let limited = config(&[(
            "missing_permissions",
            "authentik_core.view_user, authentik_core.view_authenticatedsession",
        )]);
        let settings = WidgetSettings::from_config(&limited).unwrap();
        assert!(settings.sessions_limited_to_own);
    }

    #[test]
    fn other_missing_permissions_do_not_limit_sessions() {
        let other = config(&[("missing_permissions", "authentik_core.view_user")]);
        let settings = WidgetSettings::from_config(&other).unwrap();
        assert!(!settings.sessions_limited_to_own);
    }

    #[test]
    fn base_url_forms_normalize() {
        for (input, expected) in [
            ("https://auth.example.com", "https://auth.example.com"),
            ("https://auth.example.com/", "https://auth.example.com"),
            (
                "https://auth.example.com/api/v3",
                "https://auth.example.com",
            ),
            (
                "https://auth.example.com/api/v3/",
                "https://auth.example.com",
            ),
            ("HTTP://127.0.0.1:9000", "http://127.0.0.1:9000"),
            ("http://[::1]:9000/", "http://[::1]:9000"),
            (
                "https://example.com/authentik/",
                "https://example.com/authentik",
            ),
        ] {
            let settings = base_url_of(input).unwrap();
            assert_eq!(settings.base_url, expected, "input {input}");
            assert_eq!(settings.api_root, format!("{expected}/api/v3/"));
        }
    }

    #[test]
    fn base_url_rejects_bad_forms() {
        for input in [
            "auth.example.com",
            "ftp://auth.example.com",
            "https://user:pw@auth.example.com",
            "https://",
            "https://auth.example.com/?x=1",
            "https://auth.example.com:abc",
            "https://auth example.com",
        ] {
            let problem = problem(base_url_of(input));
            assert_eq!(problem.key, "base_url", "input {input}");
            assert!(problem.message.contains("base_url"), "{}", problem.message);
        }
    }

    #[test]
    fn missing_keys_name_the_key() {
        let missing_url = problem(ConnectionSettings::from_config(&config(&[("token", "x")])));
        assert_eq!(missing_url.key, "base_url");
        let missing_token = problem(ConnectionSettings::from_config(&config(&[(
            "base_url",
            "https://a.example",
        )])));
        assert_eq!(missing_token.key, "token");
    }

    #[test]
    fn empty_server_version_is_none() {
        let settings = ConnectionSettings::from_config(&config(&[
            ("base_url", "https://a.example"),
            ("token", "x"),
            ("server_version", " "),
        ]))
        .unwrap();
        assert_eq!(settings.server_version, None);
    }

    #[test]
    fn debug_output_redacts_token() {
        let settings = base_url_of("https://a.example").unwrap();
        assert!(!format!("{settings:?}").contains("t0ken"));
    }

    #[test]
    fn numeric_defaults_apply() {
        let settings = WidgetSettings::from_config(&config(&[("unknown_key", "x")])).unwrap();
        assert_eq!(settings, WidgetSettings::default());
        assert_eq!(settings.brute_force_threshold, 5);
        assert_eq!(settings.login_events_limit, 15);
    }

    #[test]
    fn numeric_values_parse() {
        let settings = WidgetSettings::from_config(&config(&[
            ("brute_force_threshold", "7"),
            ("brute_force_window_minutes", " 15 "),
            ("max_event_pages", "100"),
        ]))
        .unwrap();
        assert_eq!(settings.brute_force_threshold, 7);
        assert_eq!(settings.brute_force_window_minutes, 15);
        assert_eq!(settings.max_event_pages, 100);
    }

    #[test]
    fn numeric_invalid_values_rejected() {
        for (key, value) in [
            ("brute_force_threshold", "0"),
            ("brute_force_threshold", "-3"),
            ("brute_force_threshold", "five"),
            ("brute_force_threshold", "2.5"),
            ("brute_force_threshold", "100001"),
            ("brute_force_window_minutes", "1441"),
            ("alert_lookback_minutes", "10081"),
            ("spray_threshold", "99999999999999999999"),
            ("account_attack_threshold", "0"),
            ("max_event_pages", "101"),
            ("login_events_limit", "101"),
        ] {
            let problem = problem(WidgetSettings::from_config(&config(&[(key, value)])));
            assert_eq!(problem.key, key);
            assert!(problem.message.contains(value), "{}", problem.message);
            assert!(problem.message.contains("from 1 to"), "{}", problem.message);
        }
    }

    #[test]
    fn period_start_subtracts_lookback_and_window() {
        let settings = WidgetSettings::default();
        assert_eq!(settings.period_start(70 * 60_000), 0);
    }

    #[test]
    fn config_fields_list_every_key() {
        let keys: Vec<String> = config_fields().into_iter().map(|f| f.key).collect();
        assert_eq!(keys.len(), 11);
        assert!(keys.contains(&"missing_permissions".to_string()));
        assert!(keys.contains(&"login_events_limit".to_string()));
    }
}
