use authentik_sim::ApiVersion;

use crate::client::{self, ADMIN, get, get_raw};

#[tokio::test]
async fn requests_are_recorded_without_token() {
    let sim = client::start(ApiVersion::V2025_12).await;
    get(
        &sim,
        "/api/v3/events/events/?actions=login&actions=login_failed&page_size=5",
        ADMIN,
    )
    .await;
    get_raw(sim.addr(), "/api/v3/core/users/me/", None).await;
    get(&sim, "/api/v3/core/users", ADMIN).await;

    let requests = sim.requests();
    assert_eq!(requests.len(), 3);

    let events = &requests[0];
    assert_eq!(events.method, "GET");
    assert_eq!(events.path, "/api/v3/events/events/");
    assert_eq!(
        events.query,
        "actions=login&actions=login_failed&page_size=5"
    );
    assert_eq!(events.query_pairs.len(), 3);
    assert_eq!(
        events.query_pairs[1],
        ("actions".to_string(), "login_failed".to_string())
    );
    assert_eq!(events.status, 200);
    assert!(events.authenticated);

    assert_eq!(requests[1].status, 403);
    assert!(!requests[1].authenticated);
    assert_eq!(requests[2].status, 404);

    assert!(!format!("{requests:?}").contains(ADMIN));

    sim.clear_requests();
    assert!(sim.requests().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn base_url_points_at_loopback() {
    let sim = client::start(ApiVersion::V2025_12).await;
    assert_eq!(
        sim.base_url(),
        format!("http://127.0.0.1:{}", sim.addr().port())
    );
    sim.shutdown().await;
}
