use authentik_sim::ApiVersion;

use crate::client::{self, ADMIN, get, get_raw};

#[tokio::test]
async fn missing_trailing_slash_is_html_404() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get(&sim, "/api/v3/core/users", ADMIN).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(reply.text().contains("Not Found"));
}

#[tokio::test]
async fn core_sessions_is_html_404() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get(&sim, "/api/v3/core/sessions/", ADMIN).await;
    assert_eq!(reply.status, 404);
    assert!(reply.text().contains("<!DOCTYPE html>"));
}

#[tokio::test]
async fn unknown_path_is_404_without_token() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get_raw(sim.addr(), "/api/v3/nothing/here/", None).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
}

#[tokio::test]
async fn volume_missing_in_2023_10() {
    let sim = client::start(ApiVersion::V2023_10).await;
    let reply = get(&sim, "/api/v3/events/events/volume/", ADMIN).await;
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
}

#[tokio::test]
async fn json_replies_carry_authentik_headers() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get(&sim, "/api/v3/events/events/", ADMIN).await;
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(reply.header("allow"), Some("GET, POST, HEAD, OPTIONS"));
    assert_eq!(reply.header("x-authentik-id").map(str::len), Some(32));
    assert_eq!(reply.header("server"), Some("uvicorn"));
    let me = get(&sim, "/api/v3/core/users/me/", ADMIN).await;
    assert_eq!(me.header("allow"), Some("GET, HEAD, OPTIONS"));
}

#[tokio::test]
async fn every_endpoint_answers_200() {
    for version in ApiVersion::all() {
        let sim = client::start(version).await;
        let mut paths = vec![
            "/api/v3/core/users/me/",
            "/api/v3/admin/version/",
            "/api/v3/core/authenticated_sessions/",
            "/api/v3/events/events/",
            "/api/v3/core/users/",
            "/api/v3/core/groups/",
            "/api/v3/policies/reputation/scores/",
        ];
        if version != ApiVersion::V2023_10 {
            paths.push("/api/v3/events/events/volume/");
        }
        for path in paths {
            let reply = get(&sim, path, ADMIN).await;
            assert_eq!(reply.status, 200, "{version} {path}");
            reply.json();
        }
    }
}
