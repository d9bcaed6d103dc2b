//! Property tests: the two-pointer detection equals a naive reference that
//! checks every window end, also when the events are read page by page.

mod support;

use std::collections::BTreeSet;

use authentik_plugin::detect::{
    ACCOUNT_ATTACK, BRUTE_FORCE, FailedLogin, PASSWORD_SPRAYING, detect, severity_of, sort_alerts,
};
use authentik_plugin::fetch::fetch;
use authentik_plugin::{Alert, Widget, WidgetSettings};
use proptest::prelude::*;
use support::{EventStore, FnTransport, StoredEvent, config};

const MINUTE: i64 = 60_000;
const NOW: i64 = 100_000 * MINUTE;

/// Returns the measured value and the failures of the earliest window end
/// in `ends` that reaches the maximum, or `None` when every window is empty.
fn best_window<'a>(
    group: &[&'a FailedLogin],
    ends: &[i64],
    window: i64,
    measure: &dyn Fn(&[&FailedLogin]) -> usize,
) -> Option<(usize, Vec<&'a FailedLogin>)> {
    let mut best: Option<(usize, Vec<&'a FailedLogin>)> = None;
    for end in ends {
        let inside: Vec<&'a FailedLogin> = group
            .iter()
            .copied()
            .filter(|f| f.time > end - window && f.time <= *end)
            .collect();
        let value = measure(&inside);
        if value > 0 && best.as_ref().is_none_or(|(b, _)| value > *b) {
            best = Some((value, inside));
        }
    }
    best
}

/// Checks every window end: the period start and every failure time in the
/// period, for every group, and keeps the earliest end reaching the maximum.
fn naive_detect(failures: &[FailedLogin], now: i64, settings: &WidgetSettings) -> Vec<Alert> {
    let window = i64::from(settings.brute_force_window_minutes) * MINUTE;
    let start = now - i64::from(settings.alert_lookback_minutes) * MINUTE;
    let valid: Vec<&FailedLogin> = failures.iter().filter(|f| f.time <= now).collect();
    let mut ends: Vec<i64> = valid
        .iter()
        .map(|f| f.time)
        .filter(|t| *t >= start)
        .collect();
    ends.push(start);
    ends.sort_unstable();
    ends.dedup();

    let distinct_users = |inside: &[&FailedLogin]| {
        inside
            .iter()
            .filter_map(|f| f.user_name.as_deref())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let distinct_ips = |inside: &[&FailedLogin]| {
        inside
            .iter()
            .filter_map(|f| f.client_ip.as_deref())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let make = |title: &str,
                source: Option<String>,
                targets: Vec<String>,
                value: usize,
                threshold: u32,
                inside: &[&FailedLogin]| Alert {
        severity: severity_of(value as u32, threshold),
        title: title.to_string(),
        source,
        targets,
        count: inside.len() as u64,
        first_seen: inside.iter().map(|f| f.time).min(),
        last_seen: inside.iter().map(|f| f.time).max(),
        count_is_lower_bound: false,
    };
    let names_of = |inside: &[&FailedLogin]| -> Vec<String> {
        inside
            .iter()
            .filter_map(|f| f.user_name.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };

    let mut alerts = Vec::new();
    let ips: BTreeSet<Option<&str>> = valid.iter().map(|f| f.client_ip.as_deref()).collect();
    for ip in ips {
        let group: Vec<&FailedLogin> = valid
            .iter()
            .copied()
            .filter(|f| f.client_ip.as_deref() == ip)
            .collect();
        let source = ip.map(str::to_string);
        if let Some((value, inside)) = best_window(&group, &ends, window, &|inside| inside.len())
            && value > settings.brute_force_threshold as usize
        {
            let targets = names_of(&inside);
            alerts.push(make(
                BRUTE_FORCE,
                source.clone(),
                targets,
                value,
                settings.brute_force_threshold,
                &inside,
            ));
        }
        if let Some((value, inside)) = best_window(&group, &ends, window, &distinct_users)
            && value > settings.spray_threshold as usize
        {
            let targets = names_of(&inside);
            alerts.push(make(
                PASSWORD_SPRAYING,
                source,
                targets,
                value,
                settings.spray_threshold,
                &inside,
            ));
        }
    }
    let users: BTreeSet<&str> = valid
        .iter()
        .filter_map(|f| f.user_name.as_deref())
        .collect();
    for user in users {
        let group: Vec<&FailedLogin> = valid
            .iter()
            .copied()
            .filter(|f| f.user_name.as_deref() == Some(user))
            .collect();
        if let Some((value, inside)) = best_window(&group, &ends, window, &distinct_ips)
            && value > settings.account_attack_threshold as usize
        {
            let ips: BTreeSet<&str> = inside
                .iter()
                .filter_map(|f| f.client_ip.as_deref())
                .collect();
            let mut listed: Vec<String> = ips.iter().take(5).map(|ip| ip.to_string()).collect();
            if ips.len() > 5 {
                listed.push(format!("and {} more", ips.len() - 5));
            }
            alerts.push(make(
                ACCOUNT_ATTACK,
                Some(listed.join(", ")),
                vec![user.to_string()],
                value,
                settings.account_attack_threshold,
                &inside,
            ));
        }
    }
    sort_alerts(&mut alerts);
    alerts
}

/// Failures on a 15-second grid, so that equal times and failures exactly
/// one window apart are common; some lie after `now`.
fn failures_strategy() -> impl Strategy<Value = Vec<FailedLogin>> {
    let failure = (
        0i64..400,
        proptest::option::weighted(0.9, 0usize..4),
        proptest::option::weighted(0.9, 0usize..6),
    )
        .prop_map(|(steps_ago, ip, user)| FailedLogin {
            time: NOW - (steps_ago - 8) * 15_000,
            client_ip: ip.map(|n| format!("192.0.2.{n}")),
            user_name: user.map(|n| format!("user{n}")),
        });
    proptest::collection::vec(failure, 0..80)
}

fn settings_strategy() -> impl Strategy<Value = WidgetSettings> {
    (1u32..6, 1u32..15, 1u32..90, 1u32..4, 1u32..4).prop_map(
        |(threshold, window, lookback, spray, account)| WidgetSettings {
            brute_force_threshold: threshold,
            brute_force_window_minutes: window,
            alert_lookback_minutes: lookback,
            spray_threshold: spray,
            account_attack_threshold: account,
            max_event_pages: 100,
            login_events_limit: 15,
            sessions_limited_to_own: false,
        },
    )
}

fn config_of(settings: &WidgetSettings) -> Vec<(String, String)> {
    vec![
        ("server_version".to_string(), "2025.12.4".to_string()),
        (
            "brute_force_threshold".to_string(),
            settings.brute_force_threshold.to_string(),
        ),
        (
            "brute_force_window_minutes".to_string(),
            settings.brute_force_window_minutes.to_string(),
        ),
        (
            "alert_lookback_minutes".to_string(),
            settings.alert_lookback_minutes.to_string(),
        ),
        (
            "spray_threshold".to_string(),
            settings.spray_threshold.to_string(),
        ),
        (
            "account_attack_threshold".to_string(),
            settings.account_attack_threshold.to_string(),
        ),
        (
            "max_event_pages".to_string(),
            settings.max_event_pages.to_string(),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn detection_matches_naive_reference(
        failures in failures_strategy(),
        settings in settings_strategy(),
        order in any::<u64>(),
    ) {
        let mut shuffled = failures.clone();
        // A deterministic shuffle: the detection must not depend on input order.
        shuffled.sort_by_key(|f| (f.time.wrapping_mul(order as i64 | 1), f.client_ip.clone()));
        let expected = naive_detect(&failures, NOW, &settings);
        prop_assert_eq!(detect(&shuffled, NOW, &settings, false), expected);
    }

    #[test]
    fn paged_detection_matches_naive_reference(
        failures in failures_strategy(),
        settings in settings_strategy(),
        page_size in 1usize..8,
    ) {
        let stored: Vec<StoredEvent> = failures
            .iter()
            .enumerate()
            .map(|(n, f)| StoredEvent {
                pk: format!("event-{n}"),
                action: "login_failed".to_string(),
                created: f.time,
                client_ip: f.client_ip.clone(),
                user_name: f.user_name.clone(),
            })
            .collect();
        let mut store = EventStore::new(stored, page_size);
        let mut server = FnTransport::new(|relative: &str| Ok(store.respond(relative)));
        let pairs = config_of(&settings);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let widget = fetch(&mut server, &config(&pairs), "security-alerts", NOW);
        let Ok(Widget::AlertBanner(banner)) = widget else {
            panic!("expected an alert banner, got {widget:?}");
        };
        prop_assert_eq!(banner.alerts, naive_detect(&failures, NOW, &settings));
        prop_assert_eq!(banner.note, None);
    }
}
