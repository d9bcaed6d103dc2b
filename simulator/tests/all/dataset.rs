use std::collections::HashSet;

use authentik_sim::{Dataset, Event};
use chrono::TimeDelta;

use crate::client::now;

fn failures_from<'a>(dataset: &'a Dataset, ip: &str, minutes: i64) -> Vec<&'a Event> {
    let since = dataset.now() - TimeDelta::minutes(minutes);
    dataset
        .events()
        .iter()
        .filter(|e| {
            e.action == "login_failed" && e.client_ip.as_deref() == Some(ip) && e.created >= since
        })
        .collect()
}

#[test]
fn brute_force_has_12_failures() {
    let dataset = Dataset::generate(now());
    let burst = failures_from(&dataset, "203.0.113.45", 10);
    assert_eq!(burst.len(), 12);
    let within_3_minutes = failures_from(&dataset, "203.0.113.45", 3);
    assert_eq!(within_3_minutes.len(), 12);
    let count = |name: &str| {
        burst
            .iter()
            .filter(|e| e.typed_username.as_deref() == Some(name))
            .count()
    };
    assert_eq!(count("admin"), 3);
    assert_eq!(count("alice"), 4);
    assert_eq!(count("root"), 2);
    assert_eq!(count("administrator"), 1);
    assert_eq!(count("bob"), 2);
    assert!(
        burst
            .iter()
            .filter(|e| e.typed_username.as_deref() == Some("root"))
            .all(|e| e.username.is_none())
    );
}

#[test]
fn spray_tries_five_names() {
    let dataset = Dataset::generate(now());
    let spray = failures_from(&dataset, "198.51.100.23", 8);
    let names: HashSet<_> = spray
        .iter()
        .filter_map(|e| e.typed_username.as_deref())
        .collect();
    assert_eq!(spray.len(), 5);
    assert_eq!(names.len(), 5);
}

#[test]
fn carol_attacked_from_five_addresses() {
    let dataset = Dataset::generate(now());
    let since = dataset.now() - TimeDelta::minutes(10);
    let addresses: HashSet<_> = dataset
        .events()
        .iter()
        .filter(|e| e.action == "login_failed" && e.created >= since)
        .filter(|e| e.typed_username.as_deref() == Some("carol"))
        .filter_map(|e| e.client_ip.as_deref())
        .collect();
    assert_eq!(addresses.len(), 5);
}

#[test]
fn two_failures_lack_client_ip() {
    let dataset = Dataset::generate(now());
    let without = dataset
        .events()
        .iter()
        .filter(|e| e.action == "login_failed" && e.client_ip.is_none())
        .count();
    assert_eq!(without, 2);
}

#[test]
fn failures_exceed_one_page() {
    let dataset = Dataset::generate(now());
    let failures = dataset
        .events()
        .iter()
        .filter(|e| e.action == "login_failed")
        .count();
    assert!((140..=160).contains(&failures), "{failures}");
}

#[test]
fn events_cover_seven_days_newest_first() {
    let dataset = Dataset::generate(now());
    let events = dataset.events();
    assert!(
        events
            .windows(2)
            .all(|pair| pair[0].created >= pair[1].created)
    );
    assert!(events.iter().all(|e| e.created <= dataset.now()));
    assert!(
        events
            .iter()
            .all(|e| e.created >= dataset.now() - TimeDelta::days(7))
    );
    let actions: HashSet<_> = events.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "login",
        "login_failed",
        "logout",
        "model_updated",
        "authorize_application",
        "custom_login_audit",
    ] {
        assert!(actions.contains(action), "{action}");
    }
    assert!(events.iter().any(|e| {
        e.client_ip
            .as_deref()
            .is_some_and(|ip| ip.starts_with("2001:db8:"))
    }));
}

#[test]
fn dataset_sizes_are_plausible() {
    let dataset = Dataset::generate(now());
    assert!((35..=45).contains(&dataset.users()));
    assert!((3..=5).contains(&(dataset.users() - dataset.active_users())));
    assert_eq!(dataset.groups(), 6);
    assert!((15..=25).contains(&dataset.sessions()));
    assert_eq!(dataset.sessions_of("alice"), 3);
}

#[test]
fn generation_is_deterministic() {
    let first = Dataset::generate(now());
    let second = Dataset::generate(now());
    let pks = |dataset: &Dataset| {
        dataset
            .events()
            .iter()
            .map(|e| e.pk.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(pks(&first), pks(&second));
}
