//! `transform` and `test-connection` on responses recorded from a real
//! Authentik 2025.12.4 server (see `fixtures/README.md`).

mod support;

use authentik_plugin::bindings::exports::launcher::integration::plugin::Guest;
use authentik_plugin::{
    Component, Document, HttpResponse, ItemStatus, PluginError, Severity, Widget,
};
use support::{FnTransport, config, millis, recorded, recorded_html_404};

fn document(request: &str, status: u16, body: String) -> Document {
    Document {
        request: request.to_string(),
        status,
        body,
    }
}

fn transform(endpoint: &str, documents: Vec<Document>, now: i64) -> Result<Widget, PluginError> {
    Component::transform(config(&[]), endpoint.to_string(), documents, now)
}

#[test]
fn sessions_count_from_pagination() {
    let documents = vec![document(
        "core/authenticated_sessions/?page_size=1",
        200,
        recorded("authenticated_sessions_list.json"),
    )];
    let Ok(Widget::StatCard(card)) = transform("sessions", documents, 0) else {
        panic!("expected a stat card");
    };
    assert_eq!(card.value, 5);
    assert_eq!(card.note, None);
}

#[test]
fn user_stats_from_pagination() {
    // The recording has no `is_active=true` request, so the users list body
    // is reused for the active-user count.
    let documents = vec![
        document(
            "core/users/?page_size=1",
            200,
            recorded("users_list_page_size_2.json"),
        ),
        document(
            "core/users/?is_active=true&page_size=1",
            200,
            recorded("users_list_page_size_2.json"),
        ),
        document(
            "core/groups/?page_size=1&include_users=false",
            200,
            recorded("groups_list.json"),
        ),
    ];
    let Ok(Widget::StatCard(card)) = transform("user-stats", documents, 0) else {
        panic!("expected a stat card");
    };
    assert_eq!(card.label, "users");
    assert_eq!(card.value, 5);
    assert_eq!(card.secondary.len(), 2);
    assert_eq!(card.secondary[0].label, "active users");
    assert_eq!(card.secondary[0].value, 5);
    assert_eq!(card.secondary[1].label, "groups");
    assert_eq!(card.secondary[1].value, 5);
}

#[test]
fn login_events_show_failed_logins() {
    let documents = vec![document(
        "events/events/?actions=login&actions=login_failed&ordering=-created&page_size=15",
        200,
        recorded("events_actions_login_and_login_failed.json"),
    )];
    let Ok(Widget::List(list)) = transform("login-events", documents, 0) else {
        panic!("expected a list");
    };
    assert_eq!(list.items.len(), 5);
    assert_eq!(list.total, Some(422));
    let first = &list.items[0];
    assert_eq!(first.primary, "mallory");
    assert_eq!(first.secondary.as_deref(), Some("127.0.0.1"));
    assert_eq!(first.time, Some(millis("2026-12-04T15:45:09.990033Z")));
    assert_eq!(first.status, ItemStatus::Failure);
    let stage = first.fields.iter().find(|f| f.key == "stage");
    assert_eq!(
        stage.map(|f| f.value.as_str()),
        Some("default-authentication-password")
    );
}

#[test]
fn login_events_show_logins() {
    let documents = vec![document(
        "events/events/?actions=login&actions=login_failed&ordering=-created&page_size=15",
        200,
        recorded("events_actions_login_exact.json"),
    )];
    let Ok(Widget::List(list)) = transform("login-events", documents, 0) else {
        panic!("expected a list");
    };
    let names: Vec<&str> = list.items.iter().map(|i| i.primary.as_str()).collect();
    assert_eq!(names, vec!["bob", "alice", "carol", "bob", "alice"]);
    assert!(list.items.iter().all(|i| i.status == ItemStatus::Success));
    assert_eq!(
        list.items[0].time,
        Some(millis("2026-12-04T15:40:50.604902Z"))
    );
    assert_eq!(list.total, None);
    let method = list.items[0].fields.iter().find(|f| f.key == "auth method");
    assert_eq!(method.map(|f| f.value.as_str()), Some("password"));
}

#[test]
fn login_events_limit_cuts_rows() {
    let documents = vec![document(
        "events/events/?actions=login&actions=login_failed&ordering=-created&page_size=2",
        200,
        recorded("events_actions_login_exact.json"),
    )];
    let widget = Component::transform(
        config(&[("login_events_limit", "2")]),
        "login-events".to_string(),
        documents,
        0,
    );
    let Ok(Widget::List(list)) = widget else {
        panic!("expected a list");
    };
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.total, Some(5));
}

#[test]
fn security_alerts_dedupe_recorded_pages() {
    // Page 2 (page size 3) was read after more failures arrived, so two of
    // its events repeat events of page 1.
    let documents = vec![
        document(
            "events/events/?actions=login_failed&ordering=-created&page_size=100",
            200,
            recorded("events_actions_login_and_login_failed.json"),
        ),
        document(
            "events/events/?actions=login_failed&ordering=-created&page_size=100&page=2",
            200,
            recorded("events_login_failed_page_size_3_page_2_after_bulk.json"),
        ),
    ];
    let now = millis("2026-12-04T15:46:00Z");

    let widget = Component::transform(
        config(&[("brute_force_threshold", "4"), ("max_event_pages", "2")]),
        "security-alerts".to_string(),
        documents,
        now,
    );
    let Ok(Widget::AlertBanner(banner)) = widget else {
        panic!("expected an alert banner, got {widget:?}");
    };

    let brute_force = banner
        .alerts
        .iter()
        .find(|a| a.title == "brute force")
        .expect("brute-force alert");
    assert_eq!(brute_force.count, 6);
    assert_eq!(brute_force.source.as_deref(), Some("127.0.0.1"));
    assert_eq!(brute_force.targets, vec!["mallory".to_string()]);
    assert_eq!(
        brute_force.first_seen,
        Some(millis("2026-12-04T15:45:06.440543Z"))
    );
    assert_eq!(
        brute_force.last_seen,
        Some(millis("2026-12-04T15:45:09.990033Z"))
    );
    assert_eq!(brute_force.severity, Severity::Warning);
    assert!(brute_force.count_is_lower_bound);
    assert!(banner.note.is_some());
}

#[test]
fn recorded_permission_error_is_forbidden() {
    let documents = vec![document(
        "core/users/?page_size=1",
        403,
        recorded("noperm_users_list.json"),
    )];
    let error = transform("user-stats", documents, 0).unwrap_err();
    let PluginError::Forbidden(missing) = error else {
        panic!("expected forbidden, got {error:?}");
    };
    assert_eq!(missing.permission, "authentik_core.view_user");
}

#[test]
fn recorded_wrong_token_is_unauthorized() {
    let documents = vec![document(
        "core/authenticated_sessions/?page_size=1",
        403,
        recorded("error_wrong_token_users_me.json"),
    )];
    let error = transform("sessions", documents, 0).unwrap_err();
    assert!(matches!(error, PluginError::Unauthorized(_)), "{error:?}");
}

#[test]
fn recorded_html_404_is_not_found() {
    let documents = vec![document(
        "core/authenticated_sessions/?page_size=1",
        404,
        recorded_html_404(),
    )];
    let error = transform("sessions", documents, 0).unwrap_err();
    assert!(matches!(error, PluginError::NotFound(_)), "{error:?}");
}

#[test]
fn recorded_bad_filter_names_parameter() {
    let documents = vec![document(
        "events/events/?actions=login&actions=login_failed&ordering=-created&page_size=15",
        400,
        recorded("error_events_actions_invalid_choice.json"),
    )];
    let error = transform("login-events", documents, 0).unwrap_err();
    assert!(
        matches!(&error, PluginError::InvalidResponse(m) if m.contains("actions")),
        "{error:?}"
    );
}

#[test]
fn recorded_invalid_page_ends_alert_paging() {
    let documents = vec![
        document(
            "events/events/?actions=login_failed&ordering=-created&page_size=100",
            200,
            recorded("events_actions_login_and_login_failed.json"),
        ),
        document(
            "events/events/?actions=login_failed&ordering=-created&page_size=100&page=2",
            404,
            recorded("error_page_9999_events.json"),
        ),
    ];
    let widget = transform("security-alerts", documents, millis("2026-12-04T15:46:00Z"));
    let Ok(Widget::AlertBanner(banner)) = widget else {
        panic!("expected an alert banner, got {widget:?}");
    };
    assert_eq!(banner.note, None);
    assert_eq!(banner.severity, Severity::Ok);
}

#[test]
fn connection_check_with_superuser_token() {
    let mut server = FnTransport::new(|relative: &str| {
        let body = match relative {
            "core/users/me/" => recorded("users_me.json"),
            "admin/version/" => recorded("admin_version.json"),
            "core/users/?page_size=1" => recorded("users_list_page_size_2.json"),
            "core/groups/?page_size=1" => recorded("groups_list.json"),
            "events/events/?page_size=1" => recorded("events_actions_login_exact.json"),
            other => panic!("unexpected request {other}"),
        };
        Ok(HttpResponse::json(200, body))
    });
    let info = authentik_plugin::connection::test_connection(&mut server, &config(&[])).unwrap();
    assert_eq!(info.user, "akadmin");
    assert_eq!(info.server_version, "2025.12.4");
    assert!(info.missing_permissions.is_empty());
    assert_eq!(server.requests.len(), 5);
}

#[test]
fn connection_check_lists_missing_permissions() {
    let mut server = FnTransport::new(|relative: &str| match relative {
        "core/users/me/" => Ok(HttpResponse::json(
            200,
            r#"{"user":{"username":"dave-noperm","is_superuser":false,"system_permissions":[]}}"#,
        )),
        "admin/version/" => Ok(HttpResponse::json(200, recorded("admin_version.json"))),
        "core/users/?page_size=1" => {
            Ok(HttpResponse::json(403, recorded("noperm_users_list.json")))
        }
        "core/groups/?page_size=1" => {
            Ok(HttpResponse::json(403, recorded("noperm_users_list.json")))
        }
        "events/events/?page_size=1" => Ok(HttpResponse::json(
            403,
            recorded("noperm_events_login.json"),
        )),
        other => panic!("unexpected request {other}"),
    });
    let info = authentik_plugin::connection::test_connection(&mut server, &config(&[])).unwrap();
    assert_eq!(info.user, "dave-noperm");
    assert_eq!(
        info.missing_permissions,
        vec![
            "authentik_core.view_authenticatedsession".to_string(),
            "authentik_events.view_event".to_string(),
            "authentik_core.view_user".to_string(),
            "authentik_core.view_group".to_string(),
        ]
    );
}

#[test]
fn connection_check_rejects_wrong_token() {
    let mut server = FnTransport::new(|_: &str| {
        Ok(HttpResponse::json(
            403,
            recorded("error_no_token_users_me.json"),
        ))
    });
    let error =
        authentik_plugin::connection::test_connection(&mut server, &config(&[])).unwrap_err();
    assert!(matches!(error, PluginError::Unauthorized(_)), "{error:?}");
}

#[test]
fn connection_check_rejects_html_page() {
    let mut server = FnTransport::new(|_: &str| {
        Ok(HttpResponse {
            status: 200,
            content_type: Some("text/html".to_string()),
            body: recorded_html_404().into_bytes(),
            ..HttpResponse::default()
        })
    });
    let error =
        authentik_plugin::connection::test_connection(&mut server, &config(&[])).unwrap_err();
    assert!(
        matches!(&error, PluginError::InvalidResponse(m) if m.contains("not an Authentik API")),
        "{error:?}"
    );
}

#[test]
fn connection_check_rejects_json_without_user() {
    let mut server = FnTransport::new(|_: &str| Ok(HttpResponse::json(200, r#"{"status":"ok"}"#)));
    let error =
        authentik_plugin::connection::test_connection(&mut server, &config(&[])).unwrap_err();
    assert!(
        matches!(&error, PluginError::InvalidResponse(m) if m.contains("not an Authentik API")),
        "{error:?}"
    );
}
