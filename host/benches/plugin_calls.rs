//! Calls into the bundled Authentik component through the real host.
//!
//! Run with `cargo bench -p launcher --bench plugin_calls`. Every call gets
//! a fresh store and instance, as in the launcher.
//!
//! - `warm_fetch/ENDPOINT`: a whole `fetch` against the simulator on
//!   127.0.0.1, after the component is loaded and the server version known.
//! - `transform_sessions`: a call without I/O, to show the per-call cost of
//!   instantiating and entering the component.
//! - `detect_100k_in_component`: `transform` of the security alerts over
//!   one document of 100 000 failed logins, parsing included.
//! - `load/cached` and `load/compile`: loading the component from the
//!   precompiled artifact or compiling it.

use std::collections::BTreeMap;

use authentik_sim::{SimOptions, Simulator, TokenGrant};
use criterion::{Criterion, criterion_group, criterion_main};
use launcher::bindings::Document;
use launcher::cache::ComponentCache;
use launcher::config::{ComponentSource, Limits, PluginSpec, Secret};
use launcher::origin::Origin;
use launcher::runtime::{Plugin, Runtime};

const TOKEN: &str = "bench-token-0123";
const NOW: i64 = 1_790_000_000_000;

fn spec(base_url: &str, limits: Limits) -> PluginSpec {
    PluginSpec {
        id: "authentik".into(),
        component: ComponentSource::Bundled,
        origin: Origin::from_base_url(base_url).unwrap(),
        base_url: base_url.into(),
        token: Secret::new(TOKEN),
        extra: BTreeMap::new(),
        limits,
    }
}

fn cache_dir() -> std::path::PathBuf {
    std::env::temp_dir().join("launcher-bench-cache")
}

fn warm_fetch(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (sim, plugin, _runtime) = rt.block_on(async {
        let now = chrono::DateTime::from_timestamp_millis(NOW).unwrap();
        let sim = Simulator::start(SimOptions {
            now,
            tokens: vec![TokenGrant::admin(TOKEN)],
            ..SimOptions::default()
        })
        .await
        .unwrap();
        let runtime = Runtime::new(ComponentCache::new(Some(cache_dir()))).unwrap();
        let plugin = runtime
            .load(spec(&sim.base_url(), Limits::default()))
            .await
            .unwrap();
        plugin.test_connection().await.unwrap().unwrap();
        (sim, plugin, runtime)
    });

    let mut group = c.benchmark_group("warm_fetch");
    for endpoint in ["sessions", "login-events", "security-alerts", "user-stats"] {
        group.bench_function(endpoint, |b| {
            b.iter(|| rt.block_on(plugin.fetch(endpoint, NOW)).unwrap().unwrap())
        });
    }
    group.finish();

    let documents = vec![Document {
        request: "core/authenticated_sessions/?page_size=1".into(),
        status: 200,
        body: r#"{"pagination":{"next":0,"previous":0,"count":20,"current":1,"total_pages":20,"start_index":1,"end_index":1},"results":[]}"#.into(),
    }];
    c.bench_function("transform_sessions", |b| {
        b.iter(|| {
            rt.block_on(plugin.transform("sessions", &documents, NOW))
                .unwrap()
                .unwrap()
        })
    });
    rt.block_on(sim.shutdown());
}

/// Builds one events page of `count` failed logins from 2 000 IPs in the
/// 70 minutes before `NOW`.
fn failed_logins_document(count: usize) -> Document {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut times: Vec<i64> = (0..count)
        .map(|_| NOW - (next() % (70 * 60_000)) as i64)
        .collect();
    times.sort_unstable_by(|a, b| b.cmp(a));
    let results: Vec<String> = times
        .iter()
        .enumerate()
        .map(|(i, time)| {
            let ip = next() % 2_000;
            let created = chrono::DateTime::from_timestamp_millis(*time)
                .unwrap()
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            format!(
                r#"{{"pk":"{i:032x}","action":"login_failed","app":"authentik.events.signals","client_ip":"10.0.{}.{}","created":"{created}","context":{{"username":"user{}"}},"user":{{"pk":2,"email":"","username":"AnonymousUser"}}}}"#,
                ip / 256,
                ip % 256,
                next() % 5_000
            )
        })
        .collect();
    Document {
        request: "events/events/?actions=login_failed&ordering=-created&page_size=100".into(),
        status: 200,
        body: format!(
            r#"{{"pagination":{{"next":0,"previous":0,"count":{count},"current":1,"total_pages":1,"start_index":1,"end_index":{count}}},"results":[{}],"autocomplete":{{}}}}"#,
            results.join(",")
        ),
    }
}

fn detect_in_component(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let limits = Limits {
        memory_bytes: 1 << 30,
        ..Limits::default()
    };
    let (plugin, _runtime): (Plugin, Runtime) = rt.block_on(async {
        let runtime = Runtime::new(ComponentCache::new(Some(cache_dir()))).unwrap();
        let plugin = runtime
            .load(spec("http://127.0.0.1:9", limits))
            .await
            .unwrap();
        (plugin, runtime)
    });
    let documents = vec![failed_logins_document(100_000)];

    let mut group = c.benchmark_group("detect_100k_in_component");
    group.sample_size(10);
    group.bench_function("transform", |b| {
        b.iter(|| {
            rt.block_on(plugin.transform("security-alerts", &documents, NOW))
                .unwrap()
                .unwrap()
        })
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    let cached = Runtime::new(ComponentCache::new(Some(cache_dir()))).unwrap();
    group.bench_function("cached", |b| {
        b.iter(|| {
            rt.block_on(cached.load(spec("http://127.0.0.1:9", Limits::default())))
                .unwrap()
        })
    });
    let uncached = Runtime::new(ComponentCache::new(None)).unwrap();
    group.bench_function("compile", |b| {
        b.iter(|| {
            rt.block_on(uncached.load(spec("http://127.0.0.1:9", Limits::default())))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, warm_fetch, detect_in_component, load);
criterion_main!(benches);
