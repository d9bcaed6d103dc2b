//! Paging of failed logins for `security-alerts`: where it stops, the page
//! cap, and deduplication across pages.

mod support;

use authentik_plugin::fetch::fetch;
use authentik_plugin::{AlertBanner, Widget};
use support::{EventStore, FnTransport, StoredEvent, config};

const MINUTE: i64 = 60_000;
const NOW: i64 = 10_000 * MINUTE;

fn failure(pk: usize, minutes_ago: f64, ip: &str, user: &str) -> StoredEvent {
    StoredEvent {
        pk: format!("event-{pk}"),
        action: "login_failed".to_string(),
        created: NOW - (minutes_ago * MINUTE as f64) as i64,
        client_ip: Some(ip.to_string()),
        user_name: Some(user.to_string()),
    }
}

fn alerts_banner(store: &mut EventStore, extra: &[(&str, &str)]) -> (AlertBanner, Vec<String>) {
    let mut settings = vec![("server_version", "2025.12.4")];
    settings.extend_from_slice(extra);
    let mut server = FnTransport::new(|relative: &str| Ok(store.respond(relative)));
    let widget = fetch(&mut server, &config(&settings), "security-alerts", NOW);
    let Ok(Widget::AlertBanner(banner)) = widget else {
        panic!("expected an alert banner, got {widget:?}");
    };
    (banner, server.requests)
}

#[test]
fn quiet_server_costs_one_request() {
    let mut store = EventStore::new(Vec::new(), 100);
    let (banner, requests) = alerts_banner(&mut store, &[]);
    assert_eq!(
        requests,
        vec!["events/events/?actions=login_failed&ordering=-created&page_size=100"]
    );
    assert_eq!(banner.message, "No attacks in the last 60 minutes");
    assert_eq!(banner.note, None);
}

#[test]
fn paging_stops_at_period_start() {
    // One failure a minute for 200 minutes, 10 per page. The period is the
    // last 70 minutes, so pages 1 to 8 reach back to 79 minutes ago.
    let events = (0..200)
        .map(|n| failure(n, n as f64 + 0.5, "192.0.2.9", "alice"))
        .collect();
    let mut store = EventStore::new(events, 10);
    let (banner, requests) = alerts_banner(&mut store, &[]);
    assert_eq!(requests.len(), 8, "{requests:?}");
    assert!(requests[7].ends_with("&page=8"));
    assert_eq!(banner.note, None);
    assert!(banner.alerts.iter().all(|a| !a.count_is_lower_bound));
}

#[test]
fn paging_stops_at_cap() {
    let events = (0..300)
        .map(|n| failure(n, n as f64 / 10.0, "192.0.2.9", "alice"))
        .collect();
    let mut store = EventStore::new(events, 10);
    let (banner, requests) = alerts_banner(&mut store, &[("max_event_pages", "3")]);
    assert_eq!(requests.len(), 3, "{requests:?}");
    let alert = &banner.alerts[0];
    assert!(alert.count_is_lower_bound);
    assert_eq!(alert.count, 30);
    assert!(
        banner
            .note
            .as_deref()
            .unwrap_or("")
            .contains("lower bounds")
    );
}

#[test]
fn paging_ends_at_last_page() {
    let events = (0..25)
        .map(|n| failure(n, n as f64, "192.0.2.9", "alice"))
        .collect();
    let mut store = EventStore::new(events, 10);
    let (banner, requests) = alerts_banner(&mut store, &[]);
    assert_eq!(requests.len(), 3, "{requests:?}");
    assert_eq!(banner.note, None);
}

#[test]
fn repeated_events_are_counted_once() {
    // Six failures arrive after page 1 is read, pushing page 1's events
    // onto page 2, where they are read again.
    let events = (0..12)
        .map(|n| failure(n, 1.0 + n as f64 / 10.0, "192.0.2.9", "alice"))
        .collect();
    let mut store = EventStore::new(events, 6);
    store.arrivals.push_back(
        (100..106)
            .map(|n| failure(n, 0.5, "198.51.100.7", "bob"))
            .collect(),
    );
    let (banner, requests) = alerts_banner(&mut store, &[]);
    assert_eq!(requests.len(), 3, "{requests:?}");
    let from_first_ip = banner
        .alerts
        .iter()
        .find(|a| a.title == "brute force" && a.source.as_deref() == Some("192.0.2.9"))
        .expect("brute-force alert");
    assert_eq!(from_first_ip.count, 12);
    // The late failures sit on page 1, which was read before they arrived.
    let late = banner
        .alerts
        .iter()
        .any(|a| a.source.as_deref() == Some("198.51.100.7"));
    assert!(!late);
}
