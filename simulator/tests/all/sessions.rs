use authentik_sim::ApiVersion;

use crate::client::{self, NO_PERMISSIONS, READER, get, get_json};

const SESSIONS: &str = "/api/v3/core/authenticated_sessions/?page_size=100";

#[tokio::test]
async fn superuser_sees_all_sessions() {
    for version in ApiVersion::all() {
        let sim = client::start(version).await;
        let body = get_json(&sim, SESSIONS).await;
        assert_eq!(
            body["pagination"]["count"],
            sim.dataset().sessions(),
            "{version}"
        );
    }
}

#[tokio::test]
async fn user_without_permission_sees_own_sessions() {
    for version in ApiVersion::all() {
        let sim = client::start(version).await;
        let reply = get(&sim, SESSIONS, NO_PERMISSIONS).await;
        assert_eq!(reply.status, 200, "{version}");
        let body = reply.json();
        assert_eq!(
            body["pagination"]["count"],
            sim.dataset().sessions_of("bob"),
            "{version}"
        );
        let me = get(&sim, "/api/v3/core/users/me/", NO_PERMISSIONS)
            .await
            .json();
        for session in body["results"].as_array().expect("results") {
            assert_eq!(session["user"], me["user"]["pk"], "{version}");
        }
    }
}

#[tokio::test]
async fn permission_lists_all_sessions_from_2025() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get(&sim, SESSIONS, READER).await.json();
    assert_eq!(body["pagination"]["count"], sim.dataset().sessions());
}

#[tokio::test]
async fn permission_not_enough_in_2023_10() {
    let sim = client::start(ApiVersion::V2023_10).await;
    let body = get(&sim, SESSIONS, READER).await.json();
    assert_eq!(
        body["pagination"]["count"],
        sim.dataset().sessions_of("svc-monitoring")
    );
    assert_eq!(sim.dataset().sessions_of("svc-monitoring"), 0);
}

#[tokio::test]
async fn sessions_filter_by_username() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let body = get_json(
        &sim,
        "/api/v3/core/authenticated_sessions/?user__username=alice",
    )
    .await;
    assert_eq!(
        body["pagination"]["count"],
        sim.dataset().sessions_of("alice")
    );
    assert!(sim.dataset().sessions_of("alice") > 1);
}
