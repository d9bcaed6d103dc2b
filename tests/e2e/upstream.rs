//! Failures of the server behind a widget, each from a loopback server
//! that produces it, mapped to the WIT error variant.

use std::time::Duration;

use launcher::bindings::PluginError;
use launcher::config::{ComponentSource, Limits};
use launcher::runtime::Plugin;

use crate::support::server::{Script, ScriptedServer};
use crate::support::{runtime, spec};

const TOKEN: &str = "upstream-secret-token";
const NOW: i64 = 1_790_000_000_000;
const VERSION: &str = r#"{"version_current":"2025.12.4","version_latest":"2025.12.4","build_hash":"","outdated":false}"#;

async fn plugin_for(server: &ScriptedServer, limits: Limits) -> Plugin {
    let mut spec = spec(ComponentSource::Bundled, &server.base_url, TOKEN);
    spec.limits = limits;
    runtime().load(spec).await.expect("load the bundled plugin")
}

/// Fetches `sessions` from a server that returns a normal `admin/version/`
/// and runs `script` for every other request.
async fn sessions_error(script: Script, limits: Limits) -> PluginError {
    let server = ScriptedServer::start(move |request| {
        if request.target.starts_with("/api/v3/admin/version/") {
            Script::json(200, VERSION)
        } else {
            script.clone()
        }
    })
    .await;
    let plugin = plugin_for(&server, limits).await;

    let result = plugin
        .fetch("sessions", NOW)
        .await
        .expect("the call completes");

    let error = result.expect_err("the fetch must fail");
    assert!(!format!("{error:?}").contains(TOKEN), "token in {error:?}");
    error
}

#[tokio::test]
async fn invalid_token_is_unauthorized() {
    let error = sessions_error(
        Script::json(403, r#"{"detail":"Token invalid/expired"}"#),
        Limits::default(),
    )
    .await;
    assert!(matches!(error, PluginError::Unauthorized(_)), "{error:?}");
}

#[tokio::test]
async fn missing_credentials_is_unauthorized() {
    let body = r#"{"detail":"Authentication credentials were not provided."}"#;
    let error = sessions_error(Script::json(403, body), Limits::default()).await;
    assert!(matches!(error, PluginError::Unauthorized(_)), "{error:?}");
}

#[tokio::test]
async fn missing_permission_is_named() {
    let body = r#"{"detail":"You do not have permission to perform this action."}"#;
    let error = sessions_error(Script::json(403, body), Limits::default()).await;
    let PluginError::Forbidden(missing) = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        missing.permission,
        "authentik_core.view_authenticatedsession"
    );
}

#[tokio::test]
async fn html_not_found_page_is_not_found() {
    let error = sessions_error(
        Script::html(404, "<!DOCTYPE html><html>Not Found</html>"),
        Limits::default(),
    )
    .await;
    assert!(matches!(error, PluginError::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn filter_error_names_parameter() {
    let body =
        r#"{"actions":["Select a valid choice. bogus is not one of the available choices."]}"#;
    let error = sessions_error(Script::json(400, body), Limits::default()).await;
    let PluginError::InvalidResponse(message) = error else {
        panic!("{error:?}")
    };
    assert!(message.contains("actions"), "{message}");
}

#[tokio::test]
async fn rate_limit_carries_retry_after() {
    let script = Script::Respond {
        status: 429,
        headers: vec![("retry-after".into(), "30".into())],
        body: b"{}".to_vec(),
    };
    let error = sessions_error(script, Limits::default()).await;
    assert!(
        matches!(error, PluginError::RateLimited(Some(30))),
        "{error:?}"
    );
}

#[tokio::test]
async fn rate_limit_without_retry_after() {
    let error = sessions_error(Script::json(429, "{}"), Limits::default()).await;
    assert!(matches!(error, PluginError::RateLimited(None)), "{error:?}");
}

#[tokio::test]
async fn gateway_errors_are_unreachable() {
    for status in [502, 503, 504] {
        let error = sessions_error(
            Script::html(status, "<html>Bad Gateway</html>"),
            Limits::default(),
        )
        .await;
        assert!(
            matches!(error, PluginError::Unreachable(_)),
            "{status}: {error:?}"
        );
    }
}

#[tokio::test]
async fn server_error_is_invalid_response() {
    let error = sessions_error(
        Script::html(500, "<html>Server Error</html>"),
        Limits::default(),
    )
    .await;
    let PluginError::InvalidResponse(message) = error else {
        panic!("{error:?}")
    };
    assert!(message.contains("500"), "{message}");
}

#[tokio::test]
async fn redirect_to_login_page_is_explained() {
    let script = Script::Respond {
        status: 302,
        headers: vec![(
            "location".into(),
            "https://sso.example.com/login?next=/api/v3/".into(),
        )],
        body: Vec::new(),
    };
    let error = sessions_error(script, Limits::default()).await;
    let PluginError::InvalidResponse(message) = error else {
        panic!("{error:?}")
    };
    assert!(message.contains("redirect"), "{message}");
}

#[tokio::test]
async fn html_page_with_200_is_invalid_response() {
    let error = sessions_error(
        Script::html(200, "<!DOCTYPE html><html>Welcome</html>"),
        Limits::default(),
    )
    .await;
    assert!(
        matches!(error, PluginError::InvalidResponse(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn truncated_body_is_invalid_response() {
    let script = Script::Truncated {
        declared: 400,
        body: br#"{"pagination":{"count":3,"#.to_vec(),
    };
    let error = sessions_error(script, Limits::default()).await;
    assert!(
        matches!(error, PluginError::InvalidResponse(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn wrong_types_are_invalid_response() {
    let body = r#"{"pagination":{"count":"many","next":0},"results":[]}"#;
    let error = sessions_error(Script::json(200, body), Limits::default()).await;
    assert!(
        matches!(error, PluginError::InvalidResponse(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn invalid_utf8_is_invalid_response() {
    let script = Script::Respond {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: vec![b'{', 0xff, 0xfe, b'}'],
    };
    let error = sessions_error(script, Limits::default()).await;
    assert!(
        matches!(error, PluginError::InvalidResponse(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn token_echoed_by_server_is_redacted() {
    let body = format!(r#"{{"detail":"Bearer {TOKEN} is not allowed here"}}"#);
    let _ = sessions_error(Script::json(403, &body), Limits::default()).await;
}

#[tokio::test]
async fn slow_server_is_timeout() {
    let limits = Limits {
        first_byte_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let slow = Script::Delay(Duration::from_secs(3), Box::new(Script::json(200, "{}")));
    let error = sessions_error(slow, limits).await;
    assert!(matches!(error, PluginError::Timeout(_)), "{error:?}");
}

#[tokio::test]
async fn silent_server_is_timeout() {
    let limits = Limits {
        first_byte_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let error = sessions_error(Script::Hang, limits).await;
    assert!(matches!(error, PluginError::Timeout(_)), "{error:?}");
}

#[tokio::test]
async fn body_over_cap_is_invalid_response() {
    let limits = Limits {
        max_response_bytes: 1 << 20,
        ..Limits::default()
    };
    let error = sessions_error(Script::Big { len: 4 << 20 }, limits).await;
    assert!(
        matches!(error, PluginError::InvalidResponse(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn closed_port_is_unreachable() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let plugin = runtime()
        .load(spec(
            ComponentSource::Bundled,
            &format!("http://127.0.0.1:{port}"),
            TOKEN,
        ))
        .await
        .unwrap();

    let result = plugin.fetch("sessions", NOW).await.unwrap();

    assert!(
        matches!(result, Err(PluginError::Unreachable(_))),
        "{result:?}"
    );
}
