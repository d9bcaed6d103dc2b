use authentik_sim::ApiVersion;

use crate::client::{self, ADMIN, get, get_json};

fn count(body: &serde_json::Value) -> u64 {
    body["pagination"]["count"]
        .as_u64()
        .expect("pagination.count")
}

#[tokio::test]
async fn action_matches_substring() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let expected = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.action.contains("login"))
        .count();
    let body = get_json(&sim, "/api/v3/events/events/?action=login").await;
    assert_eq!(count(&body), expected as u64);
    let actions: Vec<&str> = body["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|event| event["action"].as_str().expect("action"))
        .collect();
    assert!(actions.iter().all(|action| action.contains("login")));
    let all_actions: std::collections::HashSet<&str> = sim
        .dataset()
        .events()
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| a.contains("login"))
        .collect();
    assert!(all_actions.contains("custom_login_audit"));
    assert!(all_actions.contains("login_failed"));
}

#[tokio::test]
async fn action_is_case_insensitive() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let lower = get_json(&sim, "/api/v3/events/events/?action=login_failed").await;
    let upper = get_json(&sim, "/api/v3/events/events/?action=LOGIN_FAILED").await;
    assert_eq!(count(&lower), count(&upper));
}

#[tokio::test]
async fn actions_matches_exactly() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let logins = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.action == "login")
        .count();
    let failures = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.action == "login_failed")
        .count();
    let body = get_json(&sim, "/api/v3/events/events/?actions=login").await;
    assert_eq!(count(&body), logins as u64);
    let both = get_json(
        &sim,
        "/api/v3/events/events/?actions=login&actions=login_failed",
    )
    .await;
    assert_eq!(count(&both), (logins + failures) as u64);
}

#[tokio::test]
async fn actions_ignored_before_2025_8() {
    for version in [ApiVersion::V2023_10, ApiVersion::V2025_6] {
        let sim = client::start(version).await;
        let body = get_json(&sim, "/api/v3/events/events/?actions=login").await;
        assert_eq!(
            count(&body),
            sim.dataset().events().len() as u64,
            "{version}"
        );
        let bogus = get(&sim, "/api/v3/events/events/?actions=bogus", ADMIN).await;
        assert_eq!(bogus.status, 200, "{version}");
    }
}

#[tokio::test]
async fn invalid_actions_value_is_400() {
    let sim = client::start(ApiVersion::V2026_2).await;
    let reply = get(&sim, "/api/v3/events/events/?actions=bogus", ADMIN).await;
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json(),
        serde_json::json!({"actions": ["Select a valid choice. bogus is not one of the available choices."]})
    );
}

#[tokio::test]
async fn custom_action_is_not_a_choice() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get(
        &sim,
        "/api/v3/events/events/?actions=custom_login_audit",
        ADMIN,
    )
    .await;
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn client_ip_filters_exactly() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let expected = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.client_ip.as_deref() == Some("203.0.113.45"))
        .count();
    let body = get_json(
        &sim,
        "/api/v3/events/events/?client_ip=203.0.113.45&page_size=100",
    )
    .await;
    assert_eq!(count(&body), expected as u64);
    assert_eq!(expected, 12);
}

#[tokio::test]
async fn username_matches_typed_name_from_2025_8() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let typed_root = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.typed_username.as_deref() == Some("root"))
        .count();
    let body = get_json(&sim, "/api/v3/events/events/?username=root").await;
    assert_eq!(count(&body), typed_root as u64);
    assert!(typed_root >= 2);
}

#[tokio::test]
async fn username_ignores_typed_name_before_2025_8() {
    let sim = client::start(ApiVersion::V2025_6).await;
    let body = get_json(&sim, "/api/v3/events/events/?username=root").await;
    assert_eq!(count(&body), 0);
}

#[tokio::test]
async fn username_matches_known_failures_2025_6() {
    let sim = client::start(ApiVersion::V2025_6).await;
    let expected = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.username.as_deref() == Some("alice"))
        .count();
    let body = get_json(&sim, "/api/v3/events/events/?username=alice").await;
    assert_eq!(count(&body), expected as u64);
}

#[tokio::test]
async fn username_skips_failures_in_2023_10() {
    let sim = client::start(ApiVersion::V2023_10).await;
    let expected = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.username.as_deref() == Some("alice") && e.action != "login_failed")
        .count();
    let body = get_json(&sim, "/api/v3/events/events/?username=alice").await;
    assert_eq!(count(&body), expected as u64);
}

#[tokio::test]
async fn ordering_created_is_oldest_first() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let newest = get_json(&sim, "/api/v3/events/events/?page_size=1").await;
    let oldest = get_json(&sim, "/api/v3/events/events/?page_size=1&ordering=created").await;
    let events = sim.dataset().events();
    assert_eq!(newest["results"][0]["pk"], events[0].pk.as_str());
    assert_eq!(
        oldest["results"][0]["pk"],
        events[events.len() - 1].pk.as_str()
    );
}

#[tokio::test]
async fn volume_counts_by_action_from_2025_8() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let rows = get_json(
        &sim,
        "/api/v3/events/events/volume/?actions=login_failed&history_days=7",
    )
    .await;
    let rows = rows.as_array().expect("array");
    let total: u64 = rows
        .iter()
        .map(|row| row["count"].as_u64().expect("count"))
        .sum();
    let since = sim.dataset().now() - chrono::TimeDelta::days(7);
    let expected = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.action == "login_failed" && e.created >= since)
        .count();
    assert_eq!(total, expected as u64);
    let time = rows[0]["time"].as_str().expect("time");
    assert_eq!(time.len(), 19, "no time zone: {time}");
    assert!(time.ends_with(":00:00"));
    let hour: u32 = time[11..13].parse().expect("hour");
    assert_eq!(hour % 6, 0);
}

#[tokio::test]
async fn volume_has_coordinates_before_2025_8() {
    let sim = client::start(ApiVersion::V2025_6).await;
    let points = get_json(&sim, "/api/v3/events/events/volume/").await;
    let points = points.as_array().expect("array");
    assert_eq!(points.len(), 22);
    assert!(points[0].get("x_cord").is_some());
    assert!(points[0].get("y_cord").is_some());
}
