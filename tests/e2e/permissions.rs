//! Tokens with fewer permissions, and the failures `test-connection`
//! distinguishes.

use authentik_sim::{Permission, SimOptions, Simulator, TokenGrant};
use launcher::bindings::{PluginError, Widget};

use crate::support::authentik;
use crate::support::server::{Script, ScriptedServer};

const NOW: &str = "2026-10-05T09:20:00Z";

fn grant(token: &str, username: &str, permissions: Vec<Permission>) -> TokenGrant {
    TokenGrant {
        token: token.into(),
        username: username.into(),
        superuser: false,
        permissions,
    }
}

async fn simulator(tokens: Vec<TokenGrant>) -> Simulator {
    Simulator::start(SimOptions {
        now: NOW.parse().unwrap(),
        tokens,
        ..SimOptions::default()
    })
    .await
    .expect("start simulator")
}

fn now() -> i64 {
    chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .timestamp_millis()
}

#[tokio::test]
async fn each_missing_permission_is_listed() {
    for lacking in Permission::all() {
        let others: Vec<Permission> = Permission::all()
            .into_iter()
            .filter(|p| *p != lacking)
            .collect();
        let sim = simulator(vec![grant("limited-token-1", "alice", others)]).await;
        let plugin = authentik(&sim.base_url(), "limited-token-1").await;

        let info = plugin.test_connection().await.unwrap().unwrap();

        assert_eq!(info.user, "alice");
        assert_eq!(
            info.missing_permissions,
            vec![lacking.codename().to_string()]
        );
        sim.shutdown().await;
    }
}

#[tokio::test]
async fn own_sessions_only_carry_a_note() {
    let permissions = vec![
        Permission::ViewUser,
        Permission::ViewGroup,
        Permission::ViewEvent,
    ];
    let sim = simulator(vec![grant("limited-token-2", "alice", permissions)]).await;
    let plugin = authentik(&sim.base_url(), "limited-token-2").await;
    plugin.test_connection().await.unwrap().unwrap();

    let widget = plugin.fetch("sessions", now()).await.unwrap().unwrap();

    let Widget::StatCard(card) = widget else {
        panic!("{widget:?}")
    };
    assert_eq!(card.value, sim.dataset().sessions_of("alice") as i64);
    let note = card
        .note
        .expect("a note on a count limited to own sessions");
    assert!(note.contains("own sessions"), "{note}");
}

#[tokio::test]
async fn full_token_sessions_have_no_note() {
    let sim = simulator(vec![TokenGrant::admin("full-token-3")]).await;
    let plugin = authentik(&sim.base_url(), "full-token-3").await;
    plugin.test_connection().await.unwrap().unwrap();

    let widget = plugin.fetch("sessions", now()).await.unwrap().unwrap();

    let Widget::StatCard(card) = widget else {
        panic!("{widget:?}")
    };
    assert_eq!(card.value, sim.dataset().sessions() as i64);
    assert_eq!(card.note, None);
}

#[tokio::test]
async fn widget_without_permission_names_it() {
    let permissions = vec![
        Permission::ViewUser,
        Permission::ViewGroup,
        Permission::ViewAuthenticatedSession,
    ];
    let sim = simulator(vec![grant("no-events-token", "alice", permissions)]).await;
    let plugin = authentik(&sim.base_url(), "no-events-token").await;

    for endpoint in ["login-events", "security-alerts"] {
        let result = plugin.fetch(endpoint, now()).await.unwrap();

        let Err(PluginError::Forbidden(missing)) = result else {
            panic!("{endpoint}: {result:?}")
        };
        assert_eq!(missing.permission, "authentik_events.view_event");
    }
}

#[tokio::test]
async fn connection_with_invalid_token_is_unauthorized() {
    let sim = simulator(vec![TokenGrant::admin("the-real-token")]).await;
    let plugin = authentik(&sim.base_url(), "not-the-real-token").await;

    let result = plugin.test_connection().await.unwrap();

    assert!(
        matches!(result, Err(PluginError::Unauthorized(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn connection_to_other_web_server_is_not_authentik() {
    let server = ScriptedServer::start(|_| {
        Script::html(200, "<!DOCTYPE html><html>Welcome to nginx</html>")
    })
    .await;
    let plugin = authentik(&server.base_url, "some-token").await;

    let result = plugin.test_connection().await.unwrap();

    let Err(PluginError::InvalidResponse(message)) = result else {
        panic!("{result:?}")
    };
    assert!(message.to_lowercase().contains("authentik"), "{message}");
}

#[tokio::test]
async fn connection_to_closed_port_is_unreachable() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let plugin = authentik(&format!("http://127.0.0.1:{port}"), "some-token").await;

    let result = plugin.test_connection().await.unwrap();

    assert!(
        matches!(result, Err(PluginError::Unreachable(_))),
        "{result:?}"
    );
}
