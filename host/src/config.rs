//! The launcher's TOML configuration: which plugins to load, where their
//! servers are, where their tokens come from, and the sandbox limits.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::origin::Origin;

/// Name of the component that is built into the launcher.
pub const BUNDLED_COMPONENT: &str = "authentik";

/// Config values the launcher sets itself, so `[extra]` must not contain them.
pub const RESERVED_KEYS: [&str; 4] = ["base_url", "token", "server_version", "missing_permissions"];

/// A configuration error that names the key and the fix.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config file {path}: {error}")]
    Read {
        /// Path of the file.
        path: PathBuf,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or mistyped keys.
    #[error("invalid config file {path}: {message}")]
    Syntax {
        /// Path of the file.
        path: PathBuf,
        /// The parser's message, which names the key.
        message: String,
    },
    /// A value is present but cannot be used.
    #[error("invalid value for `{key}`: {message}")]
    Invalid {
        /// Dotted key, such as `plugins.authentik.base_url`.
        key: String,
        /// The problem and its fix.
        message: String,
    },
}

/// The whole configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Sandbox limits applied to every plugin unless a plugin overrides them.
    #[serde(default)]
    pub limits: LimitsConfig,
    /// Plugins by id, in file order.
    #[serde(default)]
    pub plugins: BTreeMap<String, PluginConfig>,
}

/// One `[plugins.ID]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginConfig {
    /// `authentik` for the bundled component, or a path to a `.wasm` file.
    pub component: String,
    /// Root URL of the server; its origin is the only one the plugin may reach.
    pub base_url: String,
    /// Environment variable that contains the API token.
    pub token_env: Option<String>,
    /// File whose first line is the API token.
    pub token_file: Option<PathBuf>,
    /// Plugin-specific values, passed to the plugin as text.
    #[serde(default)]
    pub extra: BTreeMap<String, toml::Value>,
    /// Limits for this plugin only; unset fields fall back to `[limits]`.
    #[serde(default)]
    pub limits: LimitsConfig,
}

/// `[limits]`: every field optional, defaults in [`Limits::default`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// Wall-clock limit of one plugin call, in seconds.
    pub call_timeout_secs: Option<f64>,
    /// Time the plugin's own code may run in one call, in milliseconds.
    pub cpu_ms: Option<u64>,
    /// Cap on the plugin's linear memory, in MiB.
    pub memory_mib: Option<u64>,
    /// Connect timeout of outgoing requests, in seconds.
    pub connect_timeout_secs: Option<f64>,
    /// Time to the first byte of a response, in seconds.
    pub first_byte_timeout_secs: Option<f64>,
    /// Maximum pause between bytes of a response body, in seconds.
    pub between_bytes_timeout_secs: Option<f64>,
    /// Cap on a response body streamed to the plugin, in MiB.
    pub max_response_mib: Option<u64>,
}

/// Effective sandbox limits of one plugin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Wall-clock limit of one plugin call.
    pub call_timeout: Duration,
    /// Time the plugin's own code may run in one call, counted in epoch ticks.
    pub cpu: Duration,
    /// Cap on linear memory, in bytes.
    pub memory_bytes: usize,
    /// Connect timeout of outgoing requests.
    pub connect_timeout: Duration,
    /// Time to the first byte of a response.
    pub first_byte_timeout: Duration,
    /// Maximum pause between bytes of a response body.
    pub between_bytes_timeout: Duration,
    /// Cap on a response body streamed to the plugin, in bytes.
    pub max_response_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            call_timeout: Duration::from_secs(30),
            cpu: Duration::from_secs(5),
            memory_bytes: 64 << 20,
            connect_timeout: Duration::from_secs(5),
            first_byte_timeout: Duration::from_secs(10),
            between_bytes_timeout: Duration::from_secs(10),
            max_response_bytes: 8 << 20,
        }
    }
}

/// A plugin ready to load: where its component is, its granted origin, and
/// the values passed to it.
#[derive(Clone)]
pub struct PluginSpec {
    /// Id from the config file, such as `authentik`.
    pub id: String,
    /// Source of the component.
    pub component: ComponentSource,
    /// The only origin the plugin may send requests to.
    pub origin: Origin,
    /// `base_url` as written.
    pub base_url: String,
    /// The API token; never logged or displayed.
    pub token: Secret,
    /// Extra values as text, keyed as in the file.
    pub extra: BTreeMap<String, String>,
    /// Sandbox limits.
    pub limits: Limits,
}

/// Source of a component's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ComponentSource {
    /// The component built into the launcher.
    Bundled,
    /// A `.wasm` file.
    File(PathBuf),
}

/// A secret string whose `Debug` and `Display` never show the value.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the value, for passing to the plugin only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Config {
    /// Reads and parses a config file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        Self::parse(&text, path)
    }

    /// Parses config text; `path` is only used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    /// Resolves every plugin: checks URLs, reads tokens, merges limits.
    /// Relative component paths are taken from `config_dir`.
    pub fn plugin_specs(&self, config_dir: &Path) -> Result<Vec<PluginSpec>, ConfigError> {
        if self.plugins.is_empty() {
            return Err(ConfigError::Invalid {
                key: "plugins".into(),
                message: "no plugin is configured; add a `[plugins.authentik]` table".into(),
            });
        }
        self.plugins
            .iter()
            .map(|(id, plugin)| plugin.resolve(id, &self.limits, config_dir))
            .collect()
    }
}

impl PluginConfig {
    fn resolve(
        &self,
        id: &str,
        defaults: &LimitsConfig,
        config_dir: &Path,
    ) -> Result<PluginSpec, ConfigError> {
        let key = |name: &str| format!("plugins.{id}.{name}");

        let origin =
            Origin::from_base_url(&self.base_url).map_err(|message| ConfigError::Invalid {
                key: key("base_url"),
                message: format!(
                    "{message}; write the server's root URL, such as \"https://auth.example.com\""
                ),
            })?;

        let token = self.read_token(&key)?;

        let component = if self.component == BUNDLED_COMPONENT {
            ComponentSource::Bundled
        } else {
            let path = PathBuf::from(&self.component);
            let path = if path.is_relative() {
                config_dir.join(path)
            } else {
                path
            };
            if !path.is_file() {
                return Err(ConfigError::Invalid {
                    key: key("component"),
                    message: format!(
                        "no component file at {}; use \"{BUNDLED_COMPONENT}\" for the bundled \
                         plugin or the path of a .wasm file",
                        path.display()
                    ),
                });
            }
            ComponentSource::File(path)
        };

        if let Some(reserved) = self
            .extra
            .keys()
            .find(|k| RESERVED_KEYS.contains(&k.as_str()))
        {
            return Err(ConfigError::Invalid {
                key: key(&format!("extra.{reserved}")),
                message: format!(
                    "`{reserved}` is set by the launcher; remove it from [plugins.{id}.extra] \
                     and use the plugin's own `base_url` and `token_env` or `token_file`"
                ),
            });
        }

        let extra = self
            .extra
            .iter()
            .map(|(name, value)| {
                Ok((
                    name.clone(),
                    extra_value_text(value, &key(&format!("extra.{name}")))?,
                ))
            })
            .collect::<Result<_, ConfigError>>()?;

        let limits = merge_limits(defaults, &self.limits, &|name| {
            format!("plugins.{id}.limits.{name}")
        })?;

        Ok(PluginSpec {
            id: id.to_string(),
            component,
            origin,
            base_url: self.base_url.clone(),
            token,
            extra,
            limits,
        })
    }

    fn read_token(&self, key: &dyn Fn(&str) -> String) -> Result<Secret, ConfigError> {
        match (&self.token_env, &self.token_file) {
            (Some(_), Some(_)) => Err(ConfigError::Invalid {
                key: key("token_env"),
                message: "set either `token_env` or `token_file`, not both".into(),
            }),
            (None, None) => Err(ConfigError::Invalid {
                key: key("token_env"),
                message: "no API token configured; set `token_env = \"AUTHENTIK_TOKEN\"` or \
                          `token_file = \"/run/secrets/authentik-token\"`"
                    .into(),
            }),
            (Some(var), None) => match std::env::var(var) {
                Ok(value) if !value.trim().is_empty() => Ok(Secret::new(value.trim())),
                _ => Err(ConfigError::Invalid {
                    key: key("token_env"),
                    message: format!(
                        "environment variable {var} is not set or empty; set it to an \
                         Authentik API token (intent `api`)"
                    ),
                }),
            },
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Invalid {
                    key: key("token_file"),
                    message: format!("cannot read {}: {e}", path.display()),
                })?;
                let token = text.lines().next().unwrap_or("").trim();
                if token.is_empty() {
                    return Err(ConfigError::Invalid {
                        key: key("token_file"),
                        message: format!(
                            "{} is empty; put the API token on its first line",
                            path.display()
                        ),
                    });
                }
                Ok(Secret::new(token))
            }
        }
    }
}

/// Turns a TOML value of `[extra]` into the text passed to the plugin.
fn extra_value_text(value: &toml::Value, key: &str) -> Result<String, ConfigError> {
    match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Float(f) => Ok(f.to_string()),
        toml::Value::Boolean(b) => Ok(b.to_string()),
        _ => Err(ConfigError::Invalid {
            key: key.to_string(),
            message: "only strings, numbers and booleans can be passed to a plugin".into(),
        }),
    }
}

/// Applies `[limits]` and then a plugin's own limits over the defaults.
fn merge_limits(
    global: &LimitsConfig,
    local: &LimitsConfig,
    key: &dyn Fn(&str) -> String,
) -> Result<Limits, ConfigError> {
    let mut limits = Limits::default();
    for layer in [global, local] {
        if let Some(v) = layer.call_timeout_secs {
            limits.call_timeout = seconds(v, &key("call_timeout_secs"), 0.1, 600.0)?;
        }
        if let Some(v) = layer.cpu_ms {
            limits.cpu = Duration::from_millis(whole(v, &key("cpu_ms"), 10, 600_000)?);
        }
        if let Some(v) = layer.memory_mib {
            limits.memory_bytes = (whole(v, &key("memory_mib"), 2, 4096)? << 20) as usize;
        }
        if let Some(v) = layer.connect_timeout_secs {
            limits.connect_timeout = seconds(v, &key("connect_timeout_secs"), 0.1, 300.0)?;
        }
        if let Some(v) = layer.first_byte_timeout_secs {
            limits.first_byte_timeout = seconds(v, &key("first_byte_timeout_secs"), 0.1, 300.0)?;
        }
        if let Some(v) = layer.between_bytes_timeout_secs {
            limits.between_bytes_timeout =
                seconds(v, &key("between_bytes_timeout_secs"), 0.1, 300.0)?;
        }
        if let Some(v) = layer.max_response_mib {
            limits.max_response_bytes = whole(v, &key("max_response_mib"), 1, 1024)? << 20;
        }
    }
    Ok(limits)
}

fn seconds(value: f64, key: &str, min: f64, max: f64) -> Result<Duration, ConfigError> {
    if !(min..=max).contains(&value) {
        return Err(ConfigError::Invalid {
            key: key.to_string(),
            message: format!(
                "{value} is out of range; use a number of seconds from {min} to {max}"
            ),
        });
    }
    Ok(Duration::from_secs_f64(value))
}

fn whole(value: u64, key: &str, min: u64, max: u64) -> Result<u64, ConfigError> {
    if !(min..=max).contains(&value) {
        return Err(ConfigError::Invalid {
            key: key.to_string(),
            message: format!("{value} is out of range; use a whole number from {min} to {max}"),
        });
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"
[plugins.authentik]
component = "authentik"            # the bundled plugin, or a path to a .wasm file
base_url = "https://auth.example.com"
token_env = "LAUNCHER_CONFIG_TEST_TOKEN"

[plugins.authentik.extra]
brute_force_threshold = 5
brute_force_window_minutes = 10
"#;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("launcher.toml"))
    }

    #[test]
    fn example_config_resolves() {
        // SAFETY: this test is the only one that touches this variable.
        unsafe { std::env::set_var("LAUNCHER_CONFIG_TEST_TOKEN", "example-token") };
        let specs = parse(EXAMPLE)
            .unwrap()
            .plugin_specs(Path::new("."))
            .unwrap();
        assert_eq!(specs.len(), 1);
        assert_eq!(specs[0].component, ComponentSource::Bundled);
        assert_eq!(specs[0].origin.to_string(), "https://auth.example.com:443");
        assert_eq!(specs[0].extra["brute_force_threshold"], "5");
        assert_eq!(specs[0].token.expose(), "example-token");
        assert_eq!(specs[0].limits, Limits::default());
    }

    #[test]
    fn unknown_key_is_named() {
        let err = parse("[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a\"\ntoken_envv = \"X\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("token_envv"), "{err}");
    }

    #[test]
    fn missing_token_names_key_and_fix() {
        let config = parse(
            "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\n",
        )
        .unwrap();
        let err = config
            .plugin_specs(Path::new("."))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("plugins.authentik.token_env"), "{err}");
        assert!(err.contains("token_file"), "{err}");
    }

    #[test]
    fn unset_token_variable_is_named() {
        let config = parse("[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\ntoken_env = \"LAUNCHER_SURELY_UNSET_VARIABLE\"\n").unwrap();
        let err = config
            .plugin_specs(Path::new("."))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("LAUNCHER_SURELY_UNSET_VARIABLE"), "{err}");
    }

    #[test]
    fn malformed_url_names_key() {
        let config = parse("[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"auth.example.com\"\ntoken_file = \"/nonexistent\"\n").unwrap();
        let err = config
            .plugin_specs(Path::new("."))
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("plugins.authentik.base_url"), "{err}");
    }

    #[test]
    fn limits_override_per_plugin() {
        let global = LimitsConfig {
            memory_mib: Some(32),
            ..Default::default()
        };
        let local = LimitsConfig {
            cpu_ms: Some(100),
            ..Default::default()
        };
        let limits = merge_limits(&global, &local, &|k| k.to_string()).unwrap();
        assert_eq!(limits.memory_bytes, 32 << 20);
        assert_eq!(limits.cpu, Duration::from_millis(100));
        assert_eq!(limits.call_timeout, Limits::default().call_timeout);
    }

    #[test]
    fn zero_memory_limit_is_rejected() {
        let local = LimitsConfig {
            memory_mib: Some(0),
            ..Default::default()
        };
        let err = merge_limits(&LimitsConfig::default(), &local, &|k| k.to_string()).unwrap_err();
        assert!(err.to_string().contains("memory_mib"));
    }
}
