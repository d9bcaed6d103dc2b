use authentik_sim::ApiVersion;

use crate::client::{self, ADMIN, get, get_json};

fn results_len(body: &serde_json::Value) -> usize {
    body["results"].as_array().expect("results").len()
}

#[tokio::test]
async fn page_size_clamped_from_2025_12() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(&sim, "/api/v3/events/events/?page_size=500").await;
    assert_eq!(results_len(&body), 100);
    let expected_pages = sim.dataset().events().len().div_ceil(100);
    assert_eq!(body["pagination"]["total_pages"], expected_pages);
}

#[tokio::test]
async fn page_size_default_20_from_2025_12() {
    let sim = client::start(ApiVersion::V2026_8).await;
    for query in ["", "?page_size=0", "?page_size=-3", "?page_size=abc"] {
        let body = get_json(&sim, &format!("/api/v3/events/events/{query}")).await;
        assert_eq!(results_len(&body), 20, "{query}");
    }
}

#[tokio::test]
async fn page_size_unlimited_before_2025_12() {
    let sim = client::start(ApiVersion::V2025_6).await;
    let total = sim.dataset().events().len();
    assert!(total > 500);
    let big = get_json(&sim, "/api/v3/events/events/?page_size=500").await;
    assert_eq!(results_len(&big), 500);
    let default = get_json(&sim, "/api/v3/events/events/").await;
    assert_eq!(results_len(&default), 100);
}

#[tokio::test]
async fn invalid_page_is_404() {
    let sim = client::start(ApiVersion::V2025_12).await;
    for page in ["9999", "0", "abc", "-1"] {
        let reply = get(&sim, &format!("/api/v3/events/events/?page={page}"), ADMIN).await;
        assert_eq!(reply.status, 404, "page={page}");
        assert_eq!(
            reply.json(),
            serde_json::json!({"detail": "Invalid page."}),
            "page={page}"
        );
    }
}

#[tokio::test]
async fn empty_list_first_page_is_valid() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(&sim, "/api/v3/events/events/?client_ip=10.9.9.9&page=1").await;
    assert_eq!(
        body["pagination"],
        serde_json::json!({"next": 0, "previous": 0, "count": 0, "current": 1, "total_pages": 1, "start_index": 0, "end_index": 0})
    );
    let second = get(
        &sim,
        "/api/v3/events/events/?client_ip=10.9.9.9&page=2",
        ADMIN,
    )
    .await;
    assert_eq!(second.status, 404);
}

#[tokio::test]
async fn page_numbers_link_neighbours() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(
        &sim,
        "/api/v3/events/events/?action=login_failed&page_size=3&page=2",
    )
    .await;
    let pagination = &body["pagination"];
    assert_eq!(pagination["next"], 3);
    assert_eq!(pagination["previous"], 1);
    assert_eq!(pagination["current"], 2);
    assert_eq!(pagination["start_index"], 4);
    assert_eq!(pagination["end_index"], 6);
}

#[tokio::test]
async fn failed_logins_span_pages_of_100() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let failures = sim
        .dataset()
        .events()
        .iter()
        .filter(|e| e.action == "login_failed")
        .count();
    let first = get_json(
        &sim,
        "/api/v3/events/events/?actions=login_failed&page_size=100",
    )
    .await;
    assert_eq!(first["pagination"]["count"], failures);
    assert_eq!(first["pagination"]["next"], 2);
    let last = get_json(
        &sim,
        "/api/v3/events/events/?actions=login_failed&page_size=100&page=2",
    )
    .await;
    assert_eq!(last["pagination"]["next"], 0);
    assert_eq!(results_len(&first) + results_len(&last), failures);
}

#[tokio::test]
async fn autocomplete_present_from_2025_8() {
    for version in ApiVersion::all() {
        let sim = client::start(version).await;
        let body = get_json(&sim, "/api/v3/core/groups/").await;
        let expected = version >= ApiVersion::V2025_12;
        assert_eq!(body.get("autocomplete").is_some(), expected, "{version}");
    }
}
