//! Attack detection over failed logins. Pure: no I/O, no clock.
//!
//! # Rules
//!
//! Let `now` be the time the widget is computed for, `W` the window
//! (`brute_force_window_minutes`) and `L` the look-back
//! (`alert_lookback_minutes`). A *window* is a half-open interval
//! `(e − W, e]` whose end `e` lies in the look-back period `[now − L, now]`.
//! Failures later than `now` are ignored.
//!
//! - **Brute force**: for each client IP, the maximum number of failures in
//!   any window. An alert fires when it is above `brute_force_threshold` (T).
//! - **Password spraying**: for each client IP, the maximum number of
//!   distinct user names in any window. An alert fires when it is above
//!   `spray_threshold` (S).
//! - **Distributed attack on one account**: for each user name, the maximum
//!   number of distinct client IPs in any window. An alert fires when it is
//!   above `account_attack_threshold` (A).
//!
//! Severity is `critical` when the measured value is above twice its
//! threshold, otherwise `warning`. Failures without a client IP form one
//! group of unknown origin (`source` none) for the first two rules, and are
//! not counted as a distinct IP by the third. Failures without a user name
//! count as events but not as a distinct user name, and the third rule skips
//! them.
//!
//! Each alert describes the earliest window that reaches the maximum:
//! `count` is the number of failures in it, `first-seen` and `last-seen` the
//! times of its first and last failure, and `targets` its distinct user names
//! in sorted order. Alerts are ordered most severe first, then by `count`
//! descending.
//!
//! # Cost
//!
//! The value measured in a window only changes at a failure time or just
//! after `t + W`, so its maximum over `[now − L, now]` is reached at
//! `now − L` or at a failure time in the period. One pass with two pointers
//! over the failures of a group, sorted by time, visits those ends in order:
//! O(n log n) for n failures, dominated by the sort.

use std::collections::{BTreeSet, HashMap};

use crate::bindings::launcher::integration::types::{Alert, AlertBanner, Severity};
use crate::config::WidgetSettings;

/// Title of a brute-force alert.
pub const BRUTE_FORCE: &str = "brute force";
/// Title of a password-spraying alert.
pub const PASSWORD_SPRAYING: &str = "password spraying";
/// Title of a distributed attack on one account.
pub const ACCOUNT_ATTACK: &str = "distributed attack on one account";

/// Number of client IPs an account-attack alert names in `source`.
const LISTED_SOURCES: usize = 5;

/// A failed login: the fields the detection reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedLogin {
    /// Time of the failure, in milliseconds since the Unix epoch.
    pub time: i64,
    /// Client IP, if the server recorded one.
    pub client_ip: Option<String>,
    /// User name that was typed, if known.
    pub user_name: Option<String>,
}

/// The time bounds of the detection, in milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// Start of the look-back period: `now − L`.
    pub start: i64,
    /// End of the look-back period: `now`.
    pub now: i64,
    /// Window length `W`.
    pub window: i64,
}

impl Period {
    /// Computes the bounds from `now` and the settings.
    pub fn new(now: i64, settings: &WidgetSettings) -> Self {
        Self {
            start: now.saturating_sub(i64::from(settings.alert_lookback_minutes) * 60_000),
            now,
            window: i64::from(settings.brute_force_window_minutes) * 60_000,
        }
    }
}

/// Finds the attacks in `failures`, in any order, by the rules of this module.
///
/// `count_is_lower_bound` is copied into every alert; set it when not every
/// failure of the period could be read.
pub fn detect(
    failures: &[FailedLogin],
    now: i64,
    settings: &WidgetSettings,
    count_is_lower_bound: bool,
) -> Vec<Alert> {
    let period = Period::new(now, settings);
    let mut by_ip: HashMap<Option<&str>, Vec<(i64, Option<&str>)>> = HashMap::new();
    let mut by_user: HashMap<&str, Vec<(i64, Option<&str>)>> = HashMap::new();
    for failure in failures.iter().filter(|f| f.time <= now) {
        let ip = failure.client_ip.as_deref();
        let user = failure.user_name.as_deref();
        by_ip.entry(ip).or_default().push((failure.time, user));
        if let Some(user) = user {
            by_user.entry(user).or_default().push((failure.time, ip));
        }
    }

    let mut alerts = Vec::new();
    for (ip, mut group) in by_ip {
        group.sort_unstable();
        let brute_force = max_window(&group, period, Measure::Events);
        if let Some(best) = brute_force.filter(|b| b.value > settings.brute_force_threshold) {
            alerts.push(alert(
                BRUTE_FORCE,
                ip.map(str::to_string),
                &group,
                best,
                settings.brute_force_threshold,
            ));
        }
        let spraying = max_window(&group, period, Measure::DistinctKeys);
        if let Some(best) = spraying.filter(|b| b.value > settings.spray_threshold) {
            alerts.push(alert(
                PASSWORD_SPRAYING,
                ip.map(str::to_string),
                &group,
                best,
                settings.spray_threshold,
            ));
        }
    }
    for (user, mut group) in by_user {
        group.sort_unstable();
        let attack = max_window(&group, period, Measure::DistinctKeys);
        if let Some(best) = attack.filter(|b| b.value > settings.account_attack_threshold) {
            alerts.push(account_alert(
                user,
                &group,
                best,
                settings.account_attack_threshold,
            ));
        }
    }

    for alert in &mut alerts {
        alert.count_is_lower_bound = count_is_lower_bound;
    }
    sort_alerts(&mut alerts);
    alerts
}

/// Builds the banner of `alerts`; `capped` adds the note that counts are
/// lower bounds because the page cap stopped the reading.
pub fn banner(alerts: Vec<Alert>, settings: &WidgetSettings, capped: bool) -> AlertBanner {
    let minutes = settings.alert_lookback_minutes;
    let note = capped.then(|| {
        format!(
            "Only the latest {} pages of failed logins were read, so counts are lower bounds; \
             raise max_event_pages to read more.",
            settings.max_event_pages
        )
    });
    let Some(top) = alerts.first() else {
        return AlertBanner {
            severity: Severity::Ok,
            message: format!("No attacks in the last {minutes} minutes"),
            alerts,
            note,
        };
    };

    let origin = match (&top.source, top.title.as_str()) {
        (_, ACCOUNT_ATTACK) => format!(" on {}", top.targets.join(", ")),
        (Some(source), _) => format!(" from {source}"),
        (None, _) => " from an unknown client IP".to_string(),
    };
    let mut message = format!("{}{origin}: {} failed logins", top.title, top.count);
    if alerts.len() > 1 {
        message.push_str(&format!(" (and {} more alerts)", alerts.len() - 1));
    }
    AlertBanner {
        severity: top.severity,
        message,
        alerts,
        note,
    }
}

/// Sorts alerts most severe first, then by count descending; the remaining
/// fields make the order total.
pub fn sort_alerts(alerts: &mut [Alert]) {
    alerts.sort_by(|a, b| {
        severity_rank(b.severity)
            .cmp(&severity_rank(a.severity))
            .then(b.count.cmp(&a.count))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.targets.cmp(&b.targets))
    });
}

/// Rank of a severity, higher is more urgent.
pub fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Ok => 0,
        Severity::Info => 1,
        Severity::Warning => 2,
        Severity::Critical => 3,
    }
}

/// Severity of a measured value above its threshold.
pub fn severity_of(value: u32, threshold: u32) -> Severity {
    if u64::from(value) > 2 * u64::from(threshold) {
        Severity::Critical
    } else {
        Severity::Warning
    }
}

/// Quantity measured in a window.
#[derive(Clone, Copy)]
enum Measure {
    /// Number of failures.
    Events,
    /// Number of distinct, present keys.
    DistinctKeys,
}

/// The earliest window reaching the maximum: its value and the index range
/// `[first, end)` of its failures in the sorted group.
#[derive(Clone, Copy, Debug)]
struct Best {
    value: u32,
    first: usize,
    end: usize,
}

/// Slides the window end over `period.start` and every failure time in
/// the period; `group` must be sorted by time and hold no time after `now`.
fn max_window(group: &[(i64, Option<&str>)], period: Period, measure: Measure) -> Option<Best> {
    let mut key_counts: HashMap<&str, u32> = HashMap::new();
    let mut first = 0;
    let mut end = 0;
    let mut best: Option<Best> = None;

    let mut visit = |window_end: i64, first: &mut usize, end: &mut usize| {
        while *end < group.len() && group[*end].0 <= window_end {
            if let Some(key) = group[*end].1 {
                *key_counts.entry(key).or_insert(0) += 1;
            }
            *end += 1;
        }
        let window_start = window_end.saturating_sub(period.window);
        while *first < *end && group[*first].0 <= window_start {
            if let Some(key) = group[*first].1
                && let Some(count) = key_counts.get_mut(key)
            {
                *count -= 1;
                if *count == 0 {
                    key_counts.remove(key);
                }
            }
            *first += 1;
        }
        let value = match measure {
            Measure::Events => *end - *first,
            Measure::DistinctKeys => key_counts.len(),
        };
        let value = u32::try_from(value).unwrap_or(u32::MAX);
        if value > 0 && best.is_none_or(|b| value > b.value) {
            best = Some(Best {
                value,
                first: *first,
                end: *end,
            });
        }
    };

    visit(period.start, &mut first, &mut end);
    for (index, (time, _)) in group.iter().enumerate() {
        let last_of_time = group.get(index + 1).is_none_or(|next| next.0 != *time);
        if *time > period.start && last_of_time {
            visit(*time, &mut first, &mut end);
        }
    }
    best
}

fn alert(
    title: &str,
    source: Option<String>,
    group: &[(i64, Option<&str>)],
    best: Best,
    threshold: u32,
) -> Alert {
    let window = &group[best.first..best.end];
    let targets: BTreeSet<&str> = window.iter().filter_map(|(_, user)| *user).collect();
    Alert {
        severity: severity_of(best.value, threshold),
        title: title.to_string(),
        source,
        targets: targets.into_iter().map(str::to_string).collect(),
        count: window.len() as u64,
        first_seen: window.first().map(|(time, _)| *time),
        last_seen: window.last().map(|(time, _)| *time),
        count_is_lower_bound: false,
    }
}

fn account_alert(user: &str, group: &[(i64, Option<&str>)], best: Best, threshold: u32) -> Alert {
    let window = &group[best.first..best.end];
    let ips: BTreeSet<&str> = window.iter().filter_map(|(_, ip)| *ip).collect();
    let mut listed: Vec<&str> = ips.iter().copied().take(LISTED_SOURCES).collect();
    let more = ips.len().saturating_sub(LISTED_SOURCES);
    let more_text = format!("and {more} more");
    if more > 0 {
        listed.push(&more_text);
    }
    Alert {
        severity: severity_of(best.value, threshold),
        title: ACCOUNT_ATTACK.to_string(),
        source: Some(listed.join(", ")),
        targets: vec![user.to_string()],
        count: window.len() as u64,
        first_seen: window.first().map(|(time, _)| *time),
        last_seen: window.last().map(|(time, _)| *time),
        count_is_lower_bound: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000;
    const NOW: i64 = 1_000 * MINUTE;

    fn failure(minutes_ago: i64, ip: Option<&str>, user: Option<&str>) -> FailedLogin {
        FailedLogin {
            time: NOW - minutes_ago * MINUTE,
            client_ip: ip.map(str::to_string),
            user_name: user.map(str::to_string),
        }
    }

    fn burst(count: usize, ip: &str, user: &str) -> Vec<FailedLogin> {
        (0..count)
            .map(|_| failure(5, Some(ip), Some(user)))
            .collect()
    }

    #[test]
    fn brute_force_fires_above_threshold() {
        let settings = WidgetSettings::default();
        assert!(detect(&burst(5, "192.0.2.1", "alice"), NOW, &settings, false).is_empty());
        let alerts = detect(&burst(6, "192.0.2.1", "alice"), NOW, &settings, false);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].title, BRUTE_FORCE);
        assert_eq!(alerts[0].count, 6);
        assert_eq!(alerts[0].severity, Severity::Warning);
        assert_eq!(alerts[0].source.as_deref(), Some("192.0.2.1"));
        assert_eq!(alerts[0].targets, vec!["alice".to_string()]);
    }

    #[test]
    fn brute_force_critical_above_twice_threshold() {
        let alerts = detect(
            &burst(11, "192.0.2.1", "alice"),
            NOW,
            &WidgetSettings::default(),
            false,
        );
        assert_eq!(alerts[0].severity, Severity::Critical);
    }

    #[test]
    fn window_is_open_at_its_start() {
        // Failures exactly W apart never share a window.
        let settings = WidgetSettings {
            brute_force_threshold: 1,
            ..WidgetSettings::default()
        };
        let failures = vec![
            failure(20, Some("192.0.2.1"), Some("a")),
            failure(10, Some("192.0.2.1"), Some("a")),
        ];
        assert!(detect(&failures, NOW, &settings, false).is_empty());
    }

    #[test]
    fn window_may_start_before_lookback() {
        // The window ending at now − L reaches back W further.
        let settings = WidgetSettings {
            brute_force_threshold: 1,
            ..WidgetSettings::default()
        };
        let failures = vec![
            failure(65, Some("192.0.2.1"), Some("a")),
            failure(62, Some("192.0.2.1"), Some("a")),
        ];
        let alerts = detect(&failures, NOW, &settings, false);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].count, 2);
        assert!(
            detect(&failures, NOW + 6 * MINUTE, &settings, false).is_empty(),
            "the window ending at now − L no longer holds both"
        );
    }

    #[test]
    fn future_failures_are_ignored() {
        let settings = WidgetSettings::default();
        let failures: Vec<FailedLogin> = (0..10)
            .map(|_| failure(-1, Some("192.0.2.1"), Some("a")))
            .collect();
        assert!(detect(&failures, NOW, &settings, false).is_empty());
    }

    #[test]
    fn unknown_origin_is_grouped() {
        let failures: Vec<FailedLogin> = (0..6).map(|_| failure(1, None, Some("bob"))).collect();
        let alerts = detect(&failures, NOW, &WidgetSettings::default(), false);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].source, None);
    }

    #[test]
    fn spraying_counts_distinct_names() {
        let failures: Vec<FailedLogin> = ["a", "b", "c", "d", "d"]
            .iter()
            .map(|user| failure(2, Some("198.51.100.23"), Some(user)))
            .collect();
        let alerts = detect(&failures, NOW, &WidgetSettings::default(), false);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].title, PASSWORD_SPRAYING);
        assert_eq!(alerts[0].count, 5);
        assert_eq!(alerts[0].targets.len(), 4);
    }

    #[test]
    fn account_attack_counts_distinct_ips() {
        let failures: Vec<FailedLogin> = (1..=4)
            .map(|n| failure(3, Some(&format!("203.0.113.{n}")), Some("alice")))
            .collect();
        let alerts = detect(&failures, NOW, &WidgetSettings::default(), false);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].title, ACCOUNT_ATTACK);
        assert_eq!(alerts[0].targets, vec!["alice".to_string()]);
        assert_eq!(
            alerts[0].source.as_deref(),
            Some("203.0.113.1, 203.0.113.2, 203.0.113.3, 203.0.113.4")
        );
    }

    #[test]
    fn alerts_sort_by_severity_then_count() {
        let mut failures = burst(6, "192.0.2.1", "a");
        failures.extend(burst(8, "192.0.2.2", "a"));
        failures.extend(burst(11, "192.0.2.3", "a"));
        let alerts = detect(&failures, NOW, &WidgetSettings::default(), true);
        let counts: Vec<u64> = alerts.iter().map(|a| a.count).collect();
        assert_eq!(counts, vec![11, 8, 6]);
        assert!(alerts.iter().all(|a| a.count_is_lower_bound));
    }

    #[test]
    fn quiet_banner_is_ok() {
        let banner = banner(Vec::new(), &WidgetSettings::default(), false);
        assert_eq!(banner.severity, Severity::Ok);
        assert_eq!(banner.message, "No attacks in the last 60 minutes");
        assert_eq!(banner.note, None);
    }

    #[test]
    fn hundred_thousand_failures_finish_quickly() {
        let failures: Vec<FailedLogin> = (0..100_000)
            .map(|n| FailedLogin {
                time: NOW - (n % 3_600) * 1_000,
                client_ip: Some(format!("10.0.{}.{}", n % 7, n % 13)),
                user_name: Some(format!("user{}", n % 101)),
            })
            .collect();
        let started = std::time::Instant::now();
        let alerts = detect(&failures, NOW, &WidgetSettings::default(), false);
        assert!(!alerts.is_empty());
        assert!(
            started.elapsed().as_secs() < 10,
            "took {:?}",
            started.elapsed()
        );
    }
}
