use authentik_sim::ApiVersion;
use serde_json::Value;

use crate::client::{self, get_json};

/// Returns the newest failed login with the typed username `name`.
async fn failure_for(version: ApiVersion, name: &str) -> Value {
    let sim = client::start(version).await;
    let body = get_json(
        &sim,
        "/api/v3/events/events/?action=login_failed&client_ip=203.0.113.45&page_size=100",
    )
    .await;
    body["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|event| event["context"]["username"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("no failure for {name} in {version}"))
}

#[tokio::test]
async fn unknown_user_failure_in_2023_10() {
    let event = failure_for(ApiVersion::V2023_10, "root").await;
    assert_eq!(
        event["user"],
        serde_json::json!({"pk": 2, "email": "", "username": "AnonymousUser"})
    );
    assert!(event.get("tenant").is_some());
    assert!(event.get("brand").is_none());
    let http_request = event["context"]["http_request"]
        .as_object()
        .expect("http_request");
    assert!(!http_request.contains_key("request_id"));
    assert!(!http_request.contains_key("user_agent"));
}

#[tokio::test]
async fn known_user_failure_in_2023_10() {
    let event = failure_for(ApiVersion::V2023_10, "alice").await;
    assert_eq!(event["user"]["username"], "AnonymousUser");
}

#[tokio::test]
async fn failures_in_2025_6() {
    let unknown = failure_for(ApiVersion::V2025_6, "root").await;
    assert_eq!(
        unknown["user"],
        serde_json::json!({"pk": 2, "email": "", "username": "AnonymousUser", "is_anonymous": true})
    );
    let known = failure_for(ApiVersion::V2025_6, "alice").await;
    assert_eq!(known["user"]["username"], "alice");
    assert!(known["user"]["pk"].is_i64());
    assert!(known.get("brand").is_some());
}

#[tokio::test]
async fn unknown_user_failure_from_2025_8() {
    for version in [
        ApiVersion::V2025_12,
        ApiVersion::V2026_2,
        ApiVersion::V2026_8,
    ] {
        let event = failure_for(version, "administrator").await;
        assert_eq!(
            event["user"],
            serde_json::json!({
                "pk": null,
                "email": "administrator",
                "username": "administrator",
                "authenticated_as": {"pk": 2, "email": "", "username": "AnonymousUser", "is_anonymous": true}
            }),
            "{version}"
        );
        assert_eq!(event["context"]["password"], "********************");
        assert_eq!(event["app"], "authentik.events.signals");
        assert_eq!(event["brand"]["name"], "Default brand");
    }
}

#[tokio::test]
async fn datetimes_use_drf_format() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(&sim, "/api/v3/events/events/?page_size=100").await;
    for event in body["results"].as_array().expect("results") {
        let created = event["created"].as_str().expect("created");
        assert!(created.ends_with('Z'), "{created}");
        assert!(!created.contains("+00:00"), "{created}");
        let parsed: chrono::DateTime<chrono::Utc> = created.parse().expect("RFC 3339");
        let expected = sim
            .dataset()
            .events()
            .iter()
            .find(|e| e.pk == event["pk"])
            .expect("known pk");
        assert_eq!(parsed, expected.created);
    }
}

#[tokio::test]
async fn groups_use_parent_until_2025_6() {
    let sim = client::start(ApiVersion::V2025_6).await;
    let body = get_json(&sim, "/api/v3/core/groups/").await;
    let group = &body["results"][0];
    assert!(group.get("parent").is_some());
    assert!(group.get("parents").is_none());
    assert_eq!(body["pagination"]["count"], sim.dataset().groups());
}

#[tokio::test]
async fn groups_use_parents_from_2025_12() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(&sim, "/api/v3/core/groups/?include_users=false").await;
    let group = &body["results"][0];
    assert!(group.get("parents").is_some());
    assert!(group.get("parent").is_none());
    assert!(group["users_obj"].is_null());
}

#[tokio::test]
async fn users_list_counts_match_dataset() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let all = get_json(&sim, "/api/v3/core/users/?page_size=100").await;
    assert_eq!(all["pagination"]["count"], sim.dataset().users());
    let active = get_json(
        &sim,
        "/api/v3/core/users/?is_active=true&include_groups=false",
    )
    .await;
    assert_eq!(active["pagination"]["count"], sim.dataset().active_users());
    let inactive = get_json(&sim, "/api/v3/core/users/?is_active=false").await;
    assert_eq!(
        inactive["pagination"]["count"],
        sim.dataset().users() - sim.dataset().active_users()
    );
    assert!(active["results"][0]["groups_obj"].is_null());
    let names: Vec<&str> = all["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|user| user["username"].as_str().expect("username"))
        .collect();
    assert!(!names.contains(&"AnonymousUser"));
}

#[tokio::test]
async fn users_invalid_type_is_400() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = client::get(&sim, "/api/v3/core/users/?type=robot", client::ADMIN).await;
    assert_eq!(reply.status, 400);
    let service = get_json(&sim, "/api/v3/core/users/?type=service_account").await;
    assert!(service["pagination"]["count"].as_u64().expect("count") >= 3);
}

#[tokio::test]
async fn me_gains_users_in_2026_8() {
    let current = client::start(ApiVersion::V2026_8).await;
    let body = get_json(&current, "/api/v3/core/users/me/").await;
    assert!(body["users"].is_array());
    assert_eq!(body["user"]["is_current"], true);
    assert!(body["user"]["system_permissions"].is_array());

    let older = client::start(ApiVersion::V2025_12).await;
    let body = get_json(&older, "/api/v3/core/users/me/").await;
    assert!(body.get("users").is_none());
    assert!(body["user"].get("is_current").is_none());
    assert!(body["user"]["roles"].is_array());
    assert_eq!(body["user"]["username"], "akadmin");
    assert_eq!(body["user"]["is_superuser"], true);
}

#[tokio::test]
async fn reputation_reflects_brute_force() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(
        &sim,
        "/api/v3/policies/reputation/scores/?ip=203.0.113.45&identifier=alice",
    )
    .await;
    assert_eq!(body["results"][0]["score"], -4);
}
