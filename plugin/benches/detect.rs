//! Attack detection over 100 000 failed logins, natively: the detection
//! alone, and `transform` of one events document (JSON parsing included),
//! the same work `launcher`'s `detect_100k_in_component` benchmark runs
//! inside the component.
//!
//! Run with `cargo bench -p authentik-plugin --bench detect`.

use authentik_plugin::detect::{FailedLogin, detect};
use authentik_plugin::transform::transform;
use authentik_plugin::{Document, EndpointId, WidgetSettings};
use criterion::{Criterion, criterion_group, criterion_main};

/// Milliseconds since the Unix epoch of the detection time.
const NOW: i64 = 1_790_000_000_000;

/// `count` failures spread over the 70 minutes before `NOW` (the default
/// look-back plus window), from 2 000 client IPs and 5 000 user names,
/// with one burst, in a fixed pseudo-random order.
fn failures(count: usize) -> Vec<FailedLogin> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let span = 70 * 60_000;
    (0..count)
        .map(|i| {
            let burst = i % 50 == 0;
            let ip = if burst { 7 } else { next() % 2_000 };
            FailedLogin {
                time: NOW - (next() % span) as i64,
                client_ip: Some(format!("10.0.{}.{}", ip / 256, ip % 256)),
                user_name: Some(format!("user{}", next() % 5_000)),
            }
        })
        .collect()
}

fn bench_detect(c: &mut Criterion) {
    let events = failures(100_000);
    let settings = WidgetSettings::default();
    c.bench_function("detect_100k_native", |b| {
        b.iter(|| detect(std::hint::black_box(&events), NOW, &settings, false))
    });
}

/// Builds one events page of `failures`, newest first, in the JSON shape of
/// Authentik 2025.12.
fn failures_document(failures: &[FailedLogin]) -> Document {
    let mut sorted: Vec<&FailedLogin> = failures.iter().collect();
    sorted.sort_by_key(|failure| std::cmp::Reverse(failure.time));
    let results: Vec<String> = sorted
        .iter()
        .enumerate()
        .map(|(i, failure)| {
            let created = chrono::DateTime::from_timestamp_millis(failure.time)
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            format!(
                r#"{{"pk":"{i:032x}","action":"login_failed","app":"authentik.events.signals","client_ip":"{}","created":"{created}","context":{{"username":"{}"}},"user":{{"pk":2,"email":"","username":"AnonymousUser"}}}}"#,
                failure.client_ip.as_deref().unwrap_or(""),
                failure.user_name.as_deref().unwrap_or("")
            )
        })
        .collect();
    let count = results.len();
    Document {
        request: "events/events/?actions=login_failed&ordering=-created&page_size=100".into(),
        status: 200,
        body: format!(
            r#"{{"pagination":{{"next":0,"previous":0,"count":{count},"current":1,"total_pages":1,"start_index":1,"end_index":{count}}},"results":[{}],"autocomplete":{{}}}}"#,
            results.join(",")
        ),
    }
}

fn bench_transform(c: &mut Criterion) {
    let documents = vec![failures_document(&failures(100_000))];
    let settings = WidgetSettings::default();
    let mut group = c.benchmark_group("transform_100k_native");
    group.sample_size(10);
    group.bench_function("security-alerts", |b| {
        b.iter(|| transform(&settings, EndpointId::SecurityAlerts, &documents, NOW).unwrap())
    });
    group.finish();
}

criterion_group!(benches, bench_detect, bench_transform);
criterion_main!(benches);
