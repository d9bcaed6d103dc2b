//! Shared parts of the end-to-end tests: the launcher binary, an in-process
//! runtime with a shared artifact cache, plugin specs and test guests.

pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use launcher::cache::ComponentCache;
use launcher::config::{ComponentSource, Limits, PluginSpec, Secret};
use launcher::origin::Origin;
use launcher::runtime::{Plugin, Runtime};

/// Path of the `launcher` binary under test.
pub fn launcher_bin() -> &'static str {
    env!("CARGO_BIN_EXE_launcher")
}

/// Folder for artifacts shared by the tests of one build.
pub fn tmp_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// Runs the launcher binary with `args` and extra environment, with the
/// artifact cache in the build's temporary folder.
pub fn run_launcher(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(launcher_bin());
    command
        .args(args)
        .env("LAUNCHER_CACHE_DIR", tmp_dir().join("cli-cache"))
        .env_remove("RUST_LOG");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("run the launcher binary")
}

/// Creates a runtime whose artifact cache is shared by all tests of this build.
pub fn runtime() -> Runtime {
    Runtime::new(ComponentCache::new(Some(tmp_dir().join("lib-cache")))).expect("create runtime")
}

/// Builds a plugin spec for `component`, granted the origin of `base_url`.
pub fn spec(component: ComponentSource, base_url: &str, token: &str) -> PluginSpec {
    PluginSpec {
        id: "test".into(),
        component,
        origin: Origin::from_base_url(base_url).expect("valid base URL"),
        base_url: base_url.into(),
        token: Secret::new(token),
        extra: BTreeMap::new(),
        limits: Limits::default(),
    }
}

/// Loads the bundled Authentik plugin against `base_url`.
pub async fn authentik(base_url: &str, token: &str) -> Plugin {
    runtime()
        .load(spec(ComponentSource::Bundled, base_url, token))
        .await
        .expect("load the bundled plugin")
}

/// Builds the hostile guest component once per test run and returns its
/// path.
pub fn hostile_component() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf();
        let target_dir = tmp_dir().join("guests");
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(root.join("tests/guests"))
            .args([
                "build",
                "--quiet",
                "--locked",
                "--release",
                "--target",
                "wasm32-wasip2",
            ])
            .arg("--target-dir")
            .arg(&target_dir)
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env_remove("RUSTFLAGS")
            .status()
            .expect("run cargo to build the test guests");
        assert!(status.success(), "building tests/guests failed");
        target_dir.join("wasm32-wasip2/release/hostile.wasm")
    })
}

/// Parses stdout of a `--format json` run.
pub fn json_stdout(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "launcher failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON document")
}

/// Returns the widget of `endpoint` in a JSON document.
pub fn widget<'a>(document: &'a serde_json::Value, endpoint: &str) -> &'a serde_json::Value {
    document["widgets"]
        .as_array()
        .expect("widgets array")
        .iter()
        .find(|w| w["endpoint"] == endpoint)
        .unwrap_or_else(|| panic!("no widget for {endpoint} in {document}"))
}
