//! `fetch` through an in-memory transport: requests sent, request budgets,
//! version detection and errors.

mod support;

use authentik_plugin::fetch::fetch;
use authentik_plugin::{HttpResponse, PluginError, TransportError, Widget};
use support::{EventStore, FnTransport, StoredEvent, TOKEN, config, recorded};

fn count_page(count: u64) -> HttpResponse {
    let body = format!(
        r#"{{"pagination":{{"next":0,"previous":0,"count":{count},"current":1,"total_pages":1,"start_index":1,"end_index":1}},"results":[{{}}],"autocomplete":{{}}}}"#
    );
    HttpResponse::json(200, body)
}

#[test]
fn sessions_costs_one_request() {
    let mut server = FnTransport::new(|_: &str| Ok(count_page(7)));
    let widget = fetch(
        &mut server,
        &config(&[("server_version", "2025.12.4")]),
        "sessions",
        0,
    );
    let Ok(Widget::StatCard(card)) = widget else {
        panic!("expected a stat card, got {widget:?}");
    };
    assert_eq!(card.value, 7);
    assert_eq!(
        server.requests,
        vec!["core/authenticated_sessions/?page_size=1"]
    );
}

#[test]
fn empty_version_reads_admin_version_first() {
    let mut server = FnTransport::new(|relative: &str| match relative {
        "admin/version/" => Ok(HttpResponse::json(200, recorded("admin_version.json"))),
        _ => Ok(count_page(3)),
    });
    let widget = fetch(
        &mut server,
        &config(&[("server_version", "")]),
        "sessions",
        0,
    );
    assert!(widget.is_ok(), "{widget:?}");
    assert_eq!(
        server.requests,
        vec!["admin/version/", "core/authenticated_sessions/?page_size=1"]
    );
}

#[test]
fn user_stats_costs_three_requests() {
    let mut server = FnTransport::new(|relative: &str| {
        Ok(match relative {
            "core/users/?page_size=1" => count_page(10),
            "core/users/?is_active=true&page_size=1" => count_page(8),
            _ => count_page(4),
        })
    });
    let widget = fetch(
        &mut server,
        &config(&[("server_version", "2025.12.4")]),
        "user-stats",
        0,
    );
    let Ok(Widget::StatCard(card)) = widget else {
        panic!("expected a stat card, got {widget:?}");
    };
    assert_eq!(card.value, 10);
    assert_eq!(card.secondary[0].value, 8);
    assert_eq!(card.secondary[1].value, 4);
    assert_eq!(
        server.requests,
        vec![
            "core/users/?page_size=1",
            "core/users/?is_active=true&page_size=1",
            "core/groups/?page_size=1&include_users=false",
        ]
    );
}

#[test]
fn old_server_groups_omit_include_users() {
    let mut server = FnTransport::new(|_: &str| Ok(count_page(1)));
    let widget = fetch(
        &mut server,
        &config(&[("server_version", "2024.2.3")]),
        "user-stats",
        0,
    );
    assert!(widget.is_ok(), "{widget:?}");
    assert_eq!(server.requests[2], "core/groups/?page_size=1");
}

#[test]
fn old_server_login_events_filter_exact_actions() {
    let event = |pk: &str, action: &str, created: i64| StoredEvent {
        pk: pk.to_string(),
        action: action.to_string(),
        created,
        client_ip: Some("192.0.2.1".to_string()),
        user_name: Some("alice".to_string()),
    };
    let mut store = EventStore::new(
        vec![
            event("a", "login", 3_000),
            event("b", "custom_login_audit", 2_000),
            event("c", "login_failed", 1_000),
            event("d", "logout", 500),
        ],
        100,
    );
    let mut server = FnTransport::new(|relative: &str| Ok(store.respond(relative)));
    let widget = fetch(
        &mut server,
        &config(&[("server_version", "2025.6.4")]),
        "login-events",
        10_000,
    );
    let Ok(Widget::List(list)) = widget else {
        panic!("expected a list, got {widget:?}");
    };
    assert_eq!(
        server.requests,
        vec!["events/events/?action=login&ordering=-created&page_size=100"]
    );
    let times: Vec<Option<i64>> = list.items.iter().map(|item| item.time).collect();
    assert_eq!(times, vec![Some(3_000), Some(1_000)]);
    assert_eq!(list.total, None);
}

#[test]
fn new_server_login_events_use_actions() {
    let mut store = EventStore::new(Vec::new(), 100);
    let mut server = FnTransport::new(|relative: &str| Ok(store.respond(relative)));
    let widget = fetch(
        &mut server,
        &config(&[
            ("server_version", "2026.2.2-rc1"),
            ("login_events_limit", "20"),
        ]),
        "login-events",
        0,
    );
    assert!(matches!(widget, Ok(Widget::List(_))), "{widget:?}");
    assert_eq!(
        server.requests,
        vec!["events/events/?actions=login&actions=login_failed&ordering=-created&page_size=20"]
    );
}

#[test]
fn too_old_server_is_unsupported() {
    let mut server = FnTransport::new(|_: &str| {
        Ok(HttpResponse::json(200, r#"{"version_current":"2023.8.3"}"#))
    });
    let error = fetch(&mut server, &config(&[]), "sessions", 0).unwrap_err();
    assert!(
        matches!(&error, PluginError::UnsupportedVersion(m) if m.contains("2023.8.3")),
        "{error:?}"
    );
}

#[test]
fn unknown_endpoint_is_invalid_config() {
    let mut server = FnTransport::new(|_: &str| Ok(count_page(1)));
    let error = fetch(&mut server, &config(&[]), "nope", 0).unwrap_err();
    assert!(
        matches!(&error, PluginError::InvalidConfig(p) if p.key == "endpoint"),
        "{error:?}"
    );
    assert!(server.requests.is_empty());
}

#[test]
fn transport_timeout_is_timeout() {
    let mut server =
        FnTransport::new(|_: &str| Err(TransportError::Timeout("ConnectionTimeout".into())));
    let error = fetch(
        &mut server,
        &config(&[("server_version", "2025.12.4")]),
        "sessions",
        0,
    )
    .unwrap_err();
    assert!(matches!(error, PluginError::Timeout(_)), "{error:?}");
}

#[test]
fn echoed_token_never_leaks() {
    let mut server = FnTransport::new(|_: &str| {
        Ok(HttpResponse::json(
            400,
            format!(r#"{{"page_size":["Bearer {TOKEN} is invalid"]}}"#),
        ))
    });
    let error = fetch(
        &mut server,
        &config(&[("server_version", "2025.12.4")]),
        "sessions",
        0,
    )
    .unwrap_err();
    let text = format!("{error:?}");
    assert!(!text.contains(TOKEN), "{text}");
}

fn assert_invalid_response(endpoint: &str, body: &[u8]) {
    let mut server = FnTransport::new(|_: &str| Ok(HttpResponse::json(200, body.to_vec())));
    let result = fetch(
        &mut server,
        &config(&[("server_version", "2025.12.4")]),
        endpoint,
        0,
    );
    assert!(
        matches!(result, Err(PluginError::InvalidResponse(_))),
        "{endpoint} with {:?}: {result:?}",
        String::from_utf8_lossy(body)
    );
}

#[test]
fn garbage_pages_are_invalid_responses() {
    let bodies: [&[u8]; 6] = [
        b"",
        b"null",
        b"[]",
        b"{\"pagination\":{\"count\":-1},\"results\":[]}",
        b"{\"pagination\":{\"count\":1,\"next\":\"2\"},\"results\":[]}",
        &[0xc3, 0x28],
    ];
    for endpoint in ["sessions", "login-events", "security-alerts", "user-stats"] {
        for body in bodies {
            assert_invalid_response(endpoint, body);
        }
    }
}

#[test]
fn garbage_events_are_invalid_responses() {
    let bodies: [&[u8]; 3] = [
        b"{\"pagination\":{\"count\":1,\"next\":2},\"results\":[{\"pk\":1}]}",
        b"{\"pagination\":{\"count\":1},\"results\":[{\"pk\":\"x\",\"action\":\"login_failed\",\"created\":\"2026-01-01T00:00:00Z\",\"user\":5}]}",
        b"{\"pagination\":{\"count\":1},\"results\":[{\"pk\":\"x\",\"action\":\"login\",\"created\":1}]}",
    ];
    for endpoint in ["login-events", "security-alerts"] {
        for body in bodies {
            assert_invalid_response(endpoint, body);
        }
    }
}
