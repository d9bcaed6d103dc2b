//! The bundled plugin against the simulator imitating each supported
//! Authentik release: same values, and the request budget per widget.

use authentik_sim::{ApiVersion, Dataset, SimOptions, Simulator, TokenGrant};
use chrono::{DateTime, Duration, Utc};
use launcher::bindings::Widget;

use crate::support::authentik;

const TOKEN: &str = "versions-test-token";

fn anchor() -> DateTime<Utc> {
    "2026-10-05T09:20:00Z".parse().unwrap()
}

async fn simulator(version: ApiVersion) -> Simulator {
    Simulator::start(SimOptions {
        version,
        now: anchor(),
        tokens: vec![TokenGrant::admin(TOKEN)],
        ..SimOptions::default()
    })
    .await
    .expect("start simulator")
}

fn failures_from(dataset: &Dataset, ip: &str, now: DateTime<Utc>) -> u64 {
    dataset
        .events()
        .iter()
        .filter(|e| e.action == "login_failed" && e.client_ip.as_deref() == Some(ip))
        .filter(|e| e.created > now - Duration::minutes(10) && e.created <= now)
        .count() as u64
}

#[tokio::test]
async fn every_version_gives_the_dataset_values() {
    for version in ApiVersion::all() {
        let sim = simulator(version).await;
        let dataset = sim.dataset();
        let plugin = authentik(&sim.base_url(), TOKEN).await;
        let now = anchor().timestamp_millis();

        let info = plugin.test_connection().await.unwrap().unwrap();
        assert_eq!(info.server_version, version.as_str());

        let Widget::StatCard(sessions) = plugin.fetch("sessions", now).await.unwrap().unwrap()
        else {
            panic!("sessions is not a stat card ({version:?})");
        };
        assert_eq!(sessions.value, dataset.sessions() as i64, "{version:?}");

        let Widget::StatCard(users) = plugin.fetch("user-stats", now).await.unwrap().unwrap()
        else {
            panic!("user-stats is not a stat card ({version:?})");
        };
        assert_eq!(users.value, dataset.users() as i64, "{version:?}");

        let Widget::List(logins) = plugin.fetch("login-events", now).await.unwrap().unwrap() else {
            panic!("login-events is not a list ({version:?})");
        };
        assert!(!logins.items.is_empty(), "{version:?}");
        let Widget::AlertBanner(banner) =
            plugin.fetch("security-alerts", now).await.unwrap().unwrap()
        else {
            panic!("security-alerts is not a banner ({version:?})");
        };
        let burst = banner
            .alerts
            .iter()
            .find(|a| {
                a.source.as_deref() == Some("203.0.113.45")
                    && a.title.to_lowercase().contains("brute")
            })
            .unwrap_or_else(|| panic!("no burst alert ({version:?}): {banner:?}"));
        assert_eq!(
            burst.count,
            failures_from(dataset, "203.0.113.45", anchor()),
            "{version:?}"
        );

        let rejected: Vec<_> = sim
            .requests()
            .into_iter()
            .filter(|r| r.status >= 400)
            .collect();
        assert!(rejected.is_empty(), "{version:?} rejected {rejected:?}");
        sim.shutdown().await;
    }
}

#[tokio::test]
async fn quiet_refresh_request_budget() {
    for version in ApiVersion::all() {
        let sim = simulator(version).await;
        let plugin = authentik(&sim.base_url(), TOKEN).await;
        plugin.test_connection().await.unwrap().unwrap();
        // A day after the data ends: no failed login in the look-back period.
        let quiet_now = (anchor() + Duration::days(1)).timestamp_millis();

        let mut counts = Vec::new();
        for (endpoint, budget) in [
            ("sessions", 1),
            ("login-events", 1),
            ("security-alerts", 1),
            ("user-stats", 3),
        ] {
            sim.clear_requests();
            plugin.fetch(endpoint, quiet_now).await.unwrap().unwrap();
            let sent = sim.requests().len();
            assert!(
                sent <= budget,
                "{endpoint} sent {sent} requests on {version:?}, budget {budget}"
            );
            counts.push((endpoint, sent));
        }
        // Printed for BENCHMARKS.md: `cargo test --test e2e quiet -- --nocapture`.
        println!(
            "requests per widget on a quiet {}: {counts:?}",
            version.as_str()
        );
        sim.shutdown().await;
    }
}
