//! The bundled plugin against responses recorded from a real Authentik
//! 2025.12.4 server: the widgets must carry the values in those files.

use std::collections::BTreeSet;
use std::path::PathBuf;

use launcher::bindings::{ItemStatus, Widget};
use serde_json::Value;

use crate::support::authentik;
use crate::support::server::{Script, ScriptedServer};

const TOKEN: &str = "recorded-admin-token";

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/recorded-2025.12.4")
        .join(format!("{name}.json"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// Routes each request to the recorded body of the same endpoint. Event
/// pages: page 1 is the login/login_failed recording, page 2 the
/// login_failed page-2 recording, later pages the recorded `Invalid page.`.
fn recorded_route(target: &str) -> Script {
    let path = target.split('?').next().unwrap_or("");
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let page = query
        .split('&')
        .find_map(|p| p.strip_prefix("page="))
        .and_then(|p| p.parse::<u32>().ok())
        .unwrap_or(1);
    let name = match path {
        "/api/v3/core/users/me/" => "users_me",
        "/api/v3/admin/version/" => "admin_version",
        "/api/v3/core/authenticated_sessions/" => "authenticated_sessions_list",
        "/api/v3/core/users/" => "users_list_page_size_2",
        "/api/v3/core/groups/" => "groups_list",
        "/api/v3/events/events/" if page == 1 => "events_actions_login_and_login_failed",
        "/api/v3/events/events/" if page == 2 => {
            "events_login_failed_page_size_3_page_2_after_bulk"
        }
        "/api/v3/events/events/" => return Script::json(404, &fixture("error_page_9999_events")),
        _ => {
            let page = fixture_json("sessions_list_nonexistent_endpoint");
            return Script::html(404, page["body_text"].as_str().unwrap());
        }
    };
    Script::json(200, &fixture(name))
}

async fn recorded_server() -> ScriptedServer {
    ScriptedServer::start(|request| {
        if request.authorization.as_deref() != Some(&format!("Bearer {TOKEN}")) {
            return Script::json(403, &fixture("error_wrong_token_users_me"));
        }
        recorded_route(&request.target)
    })
    .await
}

/// 2026-12-04T15:46:00Z, a minute after the last recorded failure.
fn now() -> i64 {
    chrono::DateTime::parse_from_rfc3339("2026-12-04T15:46:00Z")
        .unwrap()
        .timestamp_millis()
}

fn millis(text: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .timestamp_millis()
}

fn count(name: &str) -> i64 {
    fixture_json(name)["pagination"]["count"].as_i64().unwrap()
}

#[tokio::test]
async fn sessions_count_matches_recording() {
    let server = recorded_server().await;
    let plugin = authentik(&server.base_url, TOKEN).await;

    let widget = plugin.fetch("sessions", now()).await.unwrap().unwrap();

    let Widget::StatCard(card) = widget else {
        panic!("{widget:?}")
    };
    assert_eq!(card.value, count("authenticated_sessions_list"));
}

#[tokio::test]
async fn user_stats_match_recording() {
    let server = recorded_server().await;
    let plugin = authentik(&server.base_url, TOKEN).await;

    let widget = plugin.fetch("user-stats", now()).await.unwrap().unwrap();

    let Widget::StatCard(card) = widget else {
        panic!("{widget:?}")
    };
    assert_eq!(card.value, count("users_list_page_size_2"));
    let groups = card
        .secondary
        .iter()
        .find(|s| s.label.contains("group"))
        .expect("a groups stat");
    assert_eq!(groups.value, count("groups_list"));
}

#[tokio::test]
async fn login_events_match_recording() {
    let server = recorded_server().await;
    let plugin = authentik(&server.base_url, TOKEN).await;
    let recorded = fixture_json("events_actions_login_and_login_failed");
    let events = recorded["results"].as_array().unwrap();

    let widget = plugin.fetch("login-events", now()).await.unwrap().unwrap();

    let Widget::List(list) = widget else {
        panic!("{widget:?}")
    };
    assert_eq!(list.items.len(), events.len());
    for (item, event) in list.items.iter().zip(events) {
        let typed = event["context"]["username"]
            .as_str()
            .or(event["user"]["username"].as_str());
        assert_eq!(Some(item.primary.as_str()), typed);
        assert_eq!(item.secondary.as_deref(), event["client_ip"].as_str());
        assert_eq!(item.time, Some(millis(event["created"].as_str().unwrap())));
        let failed = event["action"] == "login_failed";
        assert_eq!(
            item.status,
            if failed {
                ItemStatus::Failure
            } else {
                ItemStatus::Success
            }
        );
    }
}

#[tokio::test]
async fn brute_force_alert_matches_recording() {
    let server = recorded_server().await;
    let plugin = authentik(&server.base_url, TOKEN).await;

    // The recorded failures of both pages, without the events that appear on
    // both (the pages were recorded with different page sizes).
    let mut failures = BTreeSet::new();
    for name in [
        "events_actions_login_and_login_failed",
        "events_login_failed_page_size_3_page_2_after_bulk",
    ] {
        for event in fixture_json(name)["results"].as_array().unwrap() {
            if event["action"] == "login_failed" {
                failures.insert((
                    millis(event["created"].as_str().unwrap()),
                    event["pk"].to_string(),
                ));
            }
        }
    }
    let first = failures.iter().next().unwrap().0;
    let last = failures.iter().next_back().unwrap().0;

    let widget = plugin
        .fetch("security-alerts", now())
        .await
        .unwrap()
        .unwrap();

    let Widget::AlertBanner(banner) = widget else {
        panic!("{widget:?}")
    };
    let alert = banner
        .alerts
        .iter()
        .find(|a| {
            a.title.to_lowercase().contains("brute") && a.source.as_deref() == Some("127.0.0.1")
        })
        .unwrap_or_else(|| panic!("no brute-force alert for 127.0.0.1 in {banner:?}"));
    assert_eq!(alert.count, failures.len() as u64);
    assert_eq!(alert.first_seen, Some(first));
    assert_eq!(alert.last_seen, Some(last));
    assert_eq!(alert.targets, vec!["mallory".to_string()]);
}

#[tokio::test]
async fn connection_reports_recorded_user_and_version() {
    let server = recorded_server().await;
    let plugin = authentik(&server.base_url, TOKEN).await;

    let info = plugin.test_connection().await.unwrap().unwrap();

    assert_eq!(
        info.user,
        fixture_json("users_me")["user"]["username"]
            .as_str()
            .unwrap()
    );
    assert_eq!(info.server_version, "2025.12.4");
}
