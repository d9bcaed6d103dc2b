//! The sandbox against a hostile guest component: origin grant, CPU,
//! memory, time and body limits, and no files, environment or sockets.

use std::time::{Duration, Instant};

use launcher::bindings::{PluginError, Widget};
use launcher::config::{ComponentSource, Limits};
use launcher::runtime::{CallError, Plugin};

use crate::support::server::{Script, ScriptedServer};
use crate::support::{hostile_component, runtime, spec};

const NOW: i64 = 1_790_000_000_000;

async fn hostile(base_url: &str, extra: &[(&str, String)], limits: Limits) -> Plugin {
    let mut spec = spec(
        ComponentSource::File(hostile_component().to_path_buf()),
        base_url,
        "hostile-test-token",
    );
    spec.extra = extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    spec.limits = limits;
    runtime().load(spec).await.expect("load the hostile guest")
}

fn list_outcomes(widget: Widget) -> Vec<(String, String)> {
    let Widget::List(list) = widget else {
        panic!("expected a list widget, got {widget:?}");
    };
    list.items
        .into_iter()
        .map(|item| (item.primary, item.secondary.unwrap_or_default()))
        .collect()
}

#[tokio::test]
async fn requests_to_other_origins_are_denied() {
    let granted = ScriptedServer::start(|_| Script::json(200, "{}")).await;
    let other = ScriptedServer::start(|_| Script::json(200, "{}")).await;
    let port = granted.port;
    let targets = [
        format!("http://127.0.0.1:{}/", other.port),
        format!("http://127.0.0.1:{port}/"),
        format!("http://127.0.0.2:{port}/"),
        format!("http://2130706433:{port}/"),
        format!("http://127.1:{port}/"),
        format!("http://[::1]:{port}/"),
        format!("https://localhost:{port}/"),
        format!("http://localhost:{port}@127.0.0.1:{}/", other.port),
    ];
    let plugin = hostile(
        &format!("http://localhost:{port}"),
        &[("targets", targets.join(","))],
        Limits::default(),
    )
    .await;

    let widget = plugin.fetch("escape", NOW).await.unwrap().unwrap();

    for (target, outcome) in list_outcomes(widget) {
        assert!(
            outcome.contains("HttpRequestDenied"),
            "{target} must be denied, got {outcome}"
        );
    }
    assert!(
        granted.seen().is_empty(),
        "the granted server was reached by another spelling"
    );
    assert!(other.seen().is_empty(), "the other origin was reached");
}

#[tokio::test]
async fn upper_case_host_is_the_same_origin() {
    let granted = ScriptedServer::start(|_| Script::json(200, "{}")).await;
    let plugin = hostile(
        &format!("http://localhost:{}", granted.port),
        &[("targets", format!("http://LOCALHOST:{}/ok", granted.port))],
        Limits::default(),
    )
    .await;

    let widget = plugin.fetch("escape", NOW).await.unwrap().unwrap();

    assert_eq!(list_outcomes(widget)[0].1, "status:200");
    assert_eq!(granted.seen().len(), 1);
}

#[tokio::test]
async fn redirect_to_other_origin_is_denied() {
    let other = ScriptedServer::start(|_| Script::json(200, "{}")).await;
    let location = format!("http://127.0.0.1:{}/api/v3/", other.port);
    let granted = ScriptedServer::start(move |_| Script::Respond {
        status: 302,
        headers: vec![("location".into(), location.clone())],
        body: Vec::new(),
    })
    .await;
    let plugin = hostile(&granted.base_url, &[], Limits::default()).await;

    let result = plugin.fetch("follow-redirect", NOW).await.unwrap();

    assert!(matches!(result, Err(PluginError::Denied(_))), "{result:?}");
    assert!(other.seen().is_empty(), "the redirect target was reached");
}

#[tokio::test]
async fn endless_loop_hits_cpu_limit() {
    let limits = Limits {
        cpu: Duration::from_millis(300),
        ..Limits::default()
    };
    let plugin = hostile("http://127.0.0.1:9", &[], limits).await;
    let started = Instant::now();

    let result = plugin.fetch("spin", NOW).await;

    assert!(matches!(result, Err(CallError::CpuLimit(_))), "{result:?}");
    assert!(
        started.elapsed() < limits.call_timeout,
        "stopped by the wall clock, not the CPU limit"
    );
}

#[tokio::test]
async fn unbounded_allocation_hits_memory_limit() {
    let limits = Limits {
        memory_bytes: 16 << 20,
        ..Limits::default()
    };
    let plugin = hostile("http://127.0.0.1:9", &[], limits).await;

    let result = plugin.fetch("hog", NOW).await;

    assert!(
        matches!(result, Err(CallError::MemoryLimit(16))),
        "{result:?}"
    );
}

#[tokio::test]
async fn panic_becomes_crash_error() {
    let plugin = hostile("http://127.0.0.1:9", &[], Limits::default()).await;

    let result = plugin.fetch("panic", NOW).await;

    let Err(CallError::Trap(message)) = result else {
        panic!("expected a trap, got {result:?}");
    };
    assert!(message.contains("panicked on purpose"), "{message}");
}

#[tokio::test]
async fn failed_call_does_not_poison_the_next() {
    let plugin = hostile("http://127.0.0.1:9", &[], Limits::default()).await;

    let _ = plugin.fetch("panic", NOW).await;
    let result = plugin.fetch("ok", NOW).await;

    assert!(matches!(result, Ok(Ok(Widget::StatCard(_)))), "{result:?}");
}

#[tokio::test]
async fn silent_server_hits_first_byte_timeout() {
    let server = ScriptedServer::start(|_| Script::Hang).await;
    let limits = Limits {
        first_byte_timeout: Duration::from_millis(300),
        ..Limits::default()
    };
    let plugin = hostile(&server.base_url, &[], limits).await;

    let result = plugin.fetch("big-body", NOW).await.unwrap();

    assert!(
        matches!(result, Err(PluginError::Unreachable(ref m)) if m.contains("Timeout")),
        "{result:?}"
    );
}

#[tokio::test]
async fn hundred_megabyte_body_is_rejected() {
    let server = ScriptedServer::start(|_| Script::Big { len: 100 << 20 }).await;
    let plugin = hostile(&server.base_url, &[], Limits::default()).await;

    let result = plugin.fetch("big-body", NOW).await.unwrap();

    assert!(
        matches!(result, Err(PluginError::InvalidResponse(ref m)) if m.contains("HttpResponseBodySize")),
        "{result:?}"
    );
}

#[tokio::test]
async fn endless_chunked_body_is_cut_at_cap() {
    let server = ScriptedServer::start(|_| Script::Endless).await;
    let limits = Limits {
        max_response_bytes: 1 << 20,
        ..Limits::default()
    };
    let plugin = hostile(&server.base_url, &[], limits).await;

    let result = plugin.fetch("big-body", NOW).await.unwrap();

    assert!(
        matches!(result, Err(PluginError::InvalidResponse(_))),
        "{result:?}"
    );
}

#[tokio::test]
async fn guest_sees_no_files_environment_or_sockets() {
    let listener = ScriptedServer::start(|_| Script::json(200, "{}")).await;
    let plugin = hostile(
        &listener.base_url,
        &[("socket_target", format!("127.0.0.1:{}", listener.port))],
        Limits::default(),
    )
    .await;

    let outcomes = list_outcomes(plugin.fetch("sandbox", NOW).await.unwrap().unwrap());

    let outcome = |name: &str| outcomes.iter().find(|(k, _)| k == name).unwrap().1.clone();
    assert!(outcome("files").starts_with("error"), "{outcomes:?}");
    assert!(outcome("passwd").starts_with("error"), "{outcomes:?}");
    assert_eq!(outcome("env"), "0 variables");
    assert!(outcome("socket").starts_with("error"), "{outcomes:?}");
    assert!(listener.seen().is_empty(), "the guest opened a socket");
}

#[tokio::test]
async fn second_load_uses_cached_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let load = || async {
        let runtime = launcher::runtime::Runtime::new(launcher::cache::ComponentCache::new(Some(
            dir.path().to_path_buf(),
        )))
        .unwrap();
        let spec = spec(
            ComponentSource::Bundled,
            "http://127.0.0.1:9",
            "cache-test-token",
        );
        runtime.load(spec).await.unwrap().cache_outcome()
    };

    let first = load().await;
    let second = load().await;

    assert_eq!(first, launcher::cache::CacheOutcome::Compiled);
    assert_eq!(second, launcher::cache::CacheOutcome::Hit);
}
