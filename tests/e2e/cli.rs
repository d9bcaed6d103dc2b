//! The `launcher` binary as a user runs it: demo, sim + show, info,
//! test-connection, config errors, and secrets kept out of every output.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use authentik_sim::Dataset;
use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::support::{hostile_component, json_stdout, launcher_bin, run_launcher, widget};

const DEMO_NOW: &str = "2026-10-05T09:20:00Z";

fn demo_now() -> DateTime<Utc> {
    DEMO_NOW.parse().unwrap()
}

/// Failed logins from `ip` in the ten minutes before `now`, from the data.
fn failures_from(dataset: &Dataset, ip: &str, now: DateTime<Utc>) -> u64 {
    dataset
        .events()
        .iter()
        .filter(|e| e.action == "login_failed")
        .filter(|e| e.client_ip.as_deref() == Some(ip))
        .filter(|e| e.created > now - Duration::minutes(10) && e.created <= now)
        .count() as u64
}

fn brute_force_alert<'a>(document: &'a Value, ip: &str) -> &'a Value {
    let alerts = widget(document, "security-alerts")["data"]["alerts"]
        .as_array()
        .expect("alerts");
    alerts
        .iter()
        .find(|a| {
            a["source"] == ip
                && a["title"]
                    .as_str()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains("brute")
        })
        .unwrap_or_else(|| panic!("no brute-force alert for {ip} in {alerts:?}"))
}

fn secondary(card: &Value, label: &str) -> i64 {
    card["data"]["secondary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"].as_str().unwrap_or("").contains(label))
        .unwrap_or_else(|| panic!("no `{label}` stat in {card}"))["value"]
        .as_i64()
        .unwrap()
}

#[test]
fn demo_shows_simulator_values() {
    let dataset = Dataset::generate(demo_now());

    let document = json_stdout(&run_launcher(
        &["demo", "--once", "--format", "json", "--now", DEMO_NOW],
        &[],
    ));

    let sessions = widget(&document, "sessions");
    assert_eq!(sessions["kind"], "stat-card");
    assert_eq!(sessions["data"]["value"], dataset.sessions() as i64);
    let users = widget(&document, "user-stats");
    assert_eq!(users["data"]["value"], dataset.users() as i64);
    assert_eq!(secondary(users, "active"), dataset.active_users() as i64);
    assert_eq!(secondary(users, "group"), dataset.groups() as i64);

    let newest_login = dataset
        .events()
        .iter()
        .find(|e| e.action == "login" || e.action == "login_failed")
        .unwrap();
    let first_row = &widget(&document, "login-events")["data"]["items"][0];
    assert_eq!(
        first_row["secondary"].as_str(),
        newest_login.client_ip.as_deref()
    );
    let expected_status = if newest_login.action == "login" {
        "success"
    } else {
        "failure"
    };
    assert_eq!(first_row["status"], expected_status);

    let alert = brute_force_alert(&document, "203.0.113.45");
    assert_eq!(
        alert["count"],
        failures_from(&dataset, "203.0.113.45", demo_now())
    );
    assert_eq!(
        widget(&document, "security-alerts")["data"]["severity"],
        "critical"
    );
}

#[test]
fn demo_text_shows_four_boxes_and_alert() {
    let output = run_launcher(&["demo", "--once", "--now", DEMO_NOW], &[]);
    let text = String::from_utf8_lossy(&output.stdout);

    assert!(output.status.success(), "{text}");
    assert_eq!(text.matches("╭─").count(), 4, "{text}");
    assert!(text.contains("CRITICAL"), "{text}");
    assert!(text.contains("203.0.113.45"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "colours must be off when stdout is not a terminal"
    );
}

/// A long-running `launcher` child process that prints its URL on its first
/// line, ended by PID when dropped.
struct LauncherProcess {
    child: Child,
    base_url: String,
}

impl LauncherProcess {
    /// Starts `launcher sim` on a free port, accepting only `token`.
    fn start(token: &str) -> Self {
        Self::spawn(&["sim", "--port", "0", "--token", token])
    }

    /// Starts `launcher ARGS` and reads the first `http://` word it prints.
    fn spawn(args: &[&str]) -> Self {
        let mut child = Command::new(launcher_bin())
            .args(args)
            .env(
                "LAUNCHER_CACHE_DIR",
                crate::support::tmp_dir().join("cli-cache"),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the launcher");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base_url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no loopback URL in {line:?}"))
            .trim_end_matches('/')
            .to_string();
        Self { child, base_url }
    }
}

impl Drop for LauncherProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn write_config(dir: &Path, body: &str) -> String {
    let path = dir.join("launcher.toml");
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

fn authentik_config(base_url: &str) -> String {
    format!(
        "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"{base_url}\"\ntoken_env = \"AUTHENTIK_TOKEN\"\n\n\
         [plugins.authentik.extra]\nbrute_force_threshold = 5\nbrute_force_window_minutes = 10\n"
    )
}

#[test]
fn show_against_sim_matches_demo() {
    let token = "sim-token-for-show-test";
    let sim = LauncherProcess::start(token);
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &authentik_config(&sim.base_url));

    let shown = json_stdout(&run_launcher(
        &["show", "--config", &config, "--once", "--format", "json"],
        &[("AUTHENTIK_TOKEN", token)],
    ));
    let demo = json_stdout(&run_launcher(&["demo", "--once", "--format", "json"], &[]));

    for endpoint in ["sessions", "user-stats"] {
        assert_eq!(
            widget(&shown, endpoint)["data"],
            widget(&demo, endpoint)["data"],
            "{endpoint}"
        );
    }
    assert_eq!(
        brute_force_alert(&shown, "203.0.113.45")["count"],
        brute_force_alert(&demo, "203.0.113.45")["count"]
    );
}

#[test]
fn token_never_appears_in_output_or_logs() {
    let token = "sim-token-that-must-stay-secret";
    let sim = LauncherProcess::start(token);
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_component().display().to_string();
    let config = write_config(
        dir.path(),
        &format!(
            "{}\n[plugins.hostile]\ncomponent = \"{hostile}\"\nbase_url = \"{}\"\ntoken_env = \"AUTHENTIK_TOKEN\"\n\n\
             [plugins.hostile.limits]\ncpu_ms = 200\nmemory_mib = 16\n",
            authentik_config(&sim.base_url),
            sim.base_url
        ),
    );

    for format in ["text", "json", "html"] {
        let output = run_launcher(
            &["show", "--config", &config, "--once", "--format", format],
            &[("AUTHENTIK_TOKEN", token), ("RUST_LOG", "trace")],
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stdout.contains("sessions") || stdout.contains("Sessions"),
            "{stdout}"
        );
        assert!(!stdout.contains(token), "token in stdout ({format})");
        assert!(!stderr.contains(token), "token in the trace log ({format})");
        assert!(
            stderr.contains("TRACE") || stderr.contains("DEBUG"),
            "trace logging was not on"
        );
    }

    let output = run_launcher(
        &["test-connection", "--config", &config],
        &[("AUTHENTIK_TOKEN", token), ("RUST_LOG", "trace")],
    );
    assert!(!String::from_utf8_lossy(&output.stdout).contains(token));
    assert!(!String::from_utf8_lossy(&output.stderr).contains(token));
}

#[test]
fn hostile_plugin_does_not_stop_authentik_widgets() {
    let token = "sim-token-for-hostile-test";
    let sim = LauncherProcess::start(token);
    let dir = tempfile::tempdir().unwrap();
    let hostile = hostile_component().display().to_string();
    let config = write_config(
        dir.path(),
        &format!(
            "{}\n[plugins.hostile]\ncomponent = \"{hostile}\"\nbase_url = \"{}\"\ntoken_env = \"AUTHENTIK_TOKEN\"\n\n\
             [plugins.hostile.extra]\ntargets = \"http://localhost:9/,http://127.0.0.2:9/,http://localhost:9/again\"\n\n\
             [plugins.hostile.limits]\ncpu_ms = 200\nmemory_mib = 16\ncall_timeout_secs = 10\n",
            authentik_config(&sim.base_url),
            sim.base_url
        ),
    );

    let output = run_launcher(
        &["show", "--config", &config, "--once", "--format", "json"],
        &[("AUTHENTIK_TOKEN", token), ("RUST_LOG", "warn")],
    );
    let document = json_stdout(&output);

    let of = |plugin: &str, endpoint: &str| {
        document["widgets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["plugin"] == plugin && w["endpoint"] == endpoint)
            .unwrap_or_else(|| panic!("no {plugin}/{endpoint}"))
            .clone()
    };
    for endpoint in ["sessions", "login-events", "security-alerts", "user-stats"] {
        let entry = of("authentik", endpoint);
        assert!(entry["error"].is_null(), "{entry}");
        assert!(!entry["data"].is_null(), "{entry}");
    }
    assert_eq!(of("hostile", "spin")["error"]["kind"], "cpu-limit");
    assert_eq!(of("hostile", "hog")["error"]["kind"], "memory-limit");
    assert_eq!(of("hostile", "panic")["error"]["kind"], "crashed");
    assert_eq!(of("hostile", "leak-token")["error"]["kind"], "internal");
    assert!(!document.to_string().contains(token));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for origin in ["http://localhost:9", "http://127.0.0.2:9"] {
        let denials = stderr
            .lines()
            .filter(|l| {
                l.contains("denied a request")
                    && l.contains("plugin=hostile")
                    && l.contains(&format!("tried={origin}"))
            })
            .count();
        assert_eq!(denials, 1, "{origin} must be logged once:\n{stderr}");
    }
    let escapes = of("hostile", "escape")["data"]["items"].clone();
    for item in escapes.as_array().unwrap() {
        assert!(
            item["secondary"]
                .as_str()
                .unwrap()
                .contains("HttpRequestDenied"),
            "{item}"
        );
    }
}

#[test]
fn test_connection_reports_user_and_version() {
    let token = "sim-token-for-connection-test";
    let sim = LauncherProcess::start(token);
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &authentik_config(&sim.base_url));

    let output = run_launcher(
        &["test-connection", "--config", &config, "--format", "json"],
        &[("AUTHENTIK_TOKEN", token)],
    );

    let report = &json_stdout(&output)["plugins"][0];
    assert_eq!(report["ok"], true);
    assert_eq!(report["user"], "akadmin");
    assert_eq!(report["server_version"], "2025.12.4");
    assert_eq!(report["missing_permissions"], serde_json::json!([]));
}

#[test]
fn test_connection_rejects_wrong_token() {
    let sim = LauncherProcess::start("the-right-token-1234");
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(dir.path(), &authentik_config(&sim.base_url));

    let output = run_launcher(
        &["test-connection", "--config", &config],
        &[("AUTHENTIK_TOKEN", "a-wrong-token-5678")],
    );

    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("unauthorized"), "{stdout}");
}

#[test]
fn info_lists_the_four_endpoints() {
    let document = json_stdout(&run_launcher(
        &["info", "authentik", "--format", "json"],
        &[],
    ));

    let ids: Vec<&str> = document["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["sessions", "login-events", "security-alerts", "user-stats"]
    );
    let keys: Vec<&str> = document["config_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"brute_force_threshold"), "{keys:?}");
    assert!(keys.contains(&"brute_force_window_minutes"), "{keys:?}");
}

#[test]
fn config_errors_name_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\ntoken_env = \"X\"\ncolour = 1\n",
            "colour",
        ),
        (
            "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\n",
            "token_env",
        ),
        (
            "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"a.example\"\ntoken_env = \"HOME\"\n",
            "base_url",
        ),
        (
            "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\ntoken_env = \"LAUNCHER_UNSET_TOKEN_VARIABLE\"\n",
            "LAUNCHER_UNSET_TOKEN_VARIABLE",
        ),
    ];
    let misspelt = "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\ntoken_env = \"HOME\"\n\n[plugins.authentik.extra]\nbrute_force_treshold = 5\n";
    let reserved = "[plugins.authentik]\ncomponent = \"authentik\"\nbase_url = \"https://a.example\"\ntoken_env = \"HOME\"\n\n[plugins.authentik.extra]\ntoken = \"x\"\n";
    let not_wasm = "[plugins.authentik]\ncomponent = \"launcher.toml\"\nbase_url = \"https://a.example\"\ntoken_env = \"HOME\"\n";
    let cases = cases.into_iter().chain([
        (misspelt, "brute_force_treshold"),
        (reserved, "extra.token"),
        (not_wasm, "wasm32-wasip2"),
    ]);
    for (body, key) in cases {
        let config = write_config(dir.path(), body);

        let output = run_launcher(&["show", "--config", &config, "--once"], &[]);

        assert!(!output.status.success(), "{body}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(key), "{key} not named in: {stderr}");
    }
}

/// Sends a GET to 127.0.0.1 with std only and returns the body.
fn http_get(base_url: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let authority = base_url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(authority).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default()
}

#[test]
fn demo_serves_page_and_json() {
    let demo = LauncherProcess::spawn(&["demo", "--serve", "127.0.0.1:0"]);
    let base_url = demo.base_url.clone();

    // The first refresh runs right after the server starts.
    let mut document = Value::Null;
    for _ in 0..50 {
        document =
            serde_json::from_str(&http_get(&base_url, "/widgets.json")).unwrap_or(Value::Null);
        if document["widgets"].as_array().is_some_and(|w| w.len() == 4) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let page = http_get(&base_url, "/");
    drop(demo);

    assert_eq!(
        document["widgets"].as_array().map(Vec::len),
        Some(4),
        "{document}"
    );
    assert!(page.contains("<!doctype html>"), "{page}");
    assert!(page.contains("Active sessions"), "{page}");
    assert!(page.contains("banner sev-critical"), "{page}");
}
