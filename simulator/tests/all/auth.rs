use authentik_sim::ApiVersion;

use crate::client::{self, ADMIN, INACTIVE, NO_PERMISSIONS, get, get_raw};

const ME: &str = "/api/v3/core/users/me/";

#[tokio::test]
async fn missing_token_is_403_not_provided() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get_raw(sim.addr(), ME, None).await;
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.json(),
        serde_json::json!({"detail": "Authentication credentials were not provided."})
    );
}

#[tokio::test]
async fn unknown_token_is_403_invalid() {
    for version in ApiVersion::all() {
        let sim = client::start(version).await;
        let reply = get(&sim, ME, "nope").await;
        assert_eq!(reply.status, 403, "{version}");
        assert_eq!(
            reply.json(),
            serde_json::json!({"detail": "Token invalid/expired"}),
            "{version}"
        );
    }
}

#[tokio::test]
async fn inactive_user_token_is_invalid() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get(&sim, ME, INACTIVE).await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.json()["detail"], "Token invalid/expired");
}

#[tokio::test]
async fn basic_scheme_depends_on_release() {
    let cases = [
        (ApiVersion::V2023_10, "Unsupported authentication type"),
        (ApiVersion::V2025_6, "Unsupported authentication type"),
        (
            ApiVersion::V2025_12,
            "Authentication credentials were not provided.",
        ),
        (
            ApiVersion::V2026_8,
            "Authentication credentials were not provided.",
        ),
    ];
    for (version, detail) in cases {
        let sim = client::start(version).await;
        let reply = get_raw(sim.addr(), ME, Some(&format!("Basic {ADMIN}"))).await;
        assert_eq!(reply.status, 403, "{version}");
        assert_eq!(reply.json()["detail"], detail, "{version}");
    }
}

#[tokio::test]
async fn bearer_scheme_is_case_insensitive() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let reply = get_raw(sim.addr(), ME, Some(&format!("bearer {ADMIN}"))).await;
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn lists_without_permission_are_403() {
    let sim = client::start(ApiVersion::V2025_12).await;
    for path in [
        "/api/v3/core/users/",
        "/api/v3/core/groups/",
        "/api/v3/events/events/",
        "/api/v3/events/events/?action=login&ordering=-created",
        "/api/v3/events/events/volume/",
    ] {
        let reply = get(&sim, path, NO_PERMISSIONS).await;
        assert_eq!(reply.status, 403, "{path}");
        assert_eq!(
            reply.json(),
            serde_json::json!({"detail": "You do not have permission to perform this action."}),
            "{path}"
        );
    }
}

#[tokio::test]
async fn me_and_version_need_no_permission() {
    let sim = client::start(ApiVersion::V2025_12).await;
    let me = get(&sim, ME, NO_PERMISSIONS).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["user"]["username"], "bob");
    let version = get(&sim, "/api/v3/admin/version/", NO_PERMISSIONS).await;
    assert_eq!(version.status, 200);
}

#[tokio::test]
async fn version_current_names_release() {
    for version in ApiVersion::all() {
        let sim = client::start(version).await;
        let body = get(&sim, "/api/v3/admin/version/", ADMIN).await.json();
        assert_eq!(body["version_current"], version.as_str());
    }
}

#[test]
fn version_parses_line_and_release() {
    assert_eq!("2025.12".parse::<ApiVersion>(), Ok(ApiVersion::V2025_12));
    assert_eq!("2025.12.4".parse::<ApiVersion>(), Ok(ApiVersion::V2025_12));
    assert_eq!("2023.10".parse::<ApiVersion>(), Ok(ApiVersion::V2023_10));
    assert_eq!("2026.8.3".parse::<ApiVersion>(), Ok(ApiVersion::V2026_8));
    assert!("2025.1".parse::<ApiVersion>().is_err());
    assert!("2025.12.3".parse::<ApiVersion>().is_err());
    assert_eq!(ApiVersion::default(), ApiVersion::V2025_12);
}
