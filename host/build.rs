//! Builds the bundled Authentik component for `wasm32-wasip2` so that the
//! `launcher` binary can embed it.
//!
//! The component is built by a nested `cargo build` into its own target
//! directory, because the outer build holds the lock of the main one.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-wasip2";

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = manifest_dir
        .parent()
        .expect("host/ has a parent")
        .to_path_buf();
    for watched in ["plugin/src", "plugin/Cargo.toml", "wit", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    println!("cargo:rerun-if-env-changed=LAUNCHER_PLUGIN_WASM");

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    let bundled = out_dir.join("authentik_plugin.wasm");

    // A prebuilt component can be given instead, for packagers.
    if let Ok(prebuilt) = env::var("LAUNCHER_PLUGIN_WASM") {
        std::fs::copy(&prebuilt, &bundled)
            .unwrap_or_else(|e| panic!("cannot copy LAUNCHER_PLUGIN_WASM={prebuilt}: {e}"));
        return;
    }

    let target_dir = component_target_dir(&root);
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(&root)
        .args(["build", "--quiet", "--locked", "-p", "authentik-plugin"])
        .args(["--target", TARGET, "--profile", "component"])
        .arg("--target-dir")
        .arg(&target_dir);
    // The outer build's flags target the host, not wasm32.
    for var in [
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTFLAGS",
        "CARGO_BUILD_TARGET",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_RUSTFLAGS",
    ] {
        command.env_remove(var);
    }
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot run cargo to build the plugin: {e}"));
    if !status.success() {
        panic!(
            "building the Authentik component failed; if the error says the target \
             may not be installed, run `rustup target add {TARGET}`"
        );
    }

    let built = target_dir
        .join(TARGET)
        .join("component")
        .join("authentik_plugin.wasm");
    std::fs::copy(&built, &bundled)
        .unwrap_or_else(|e| panic!("cannot copy {}: {e}", built.display()));
}

/// Returns `<target>/components`, beside the outer build's profile folders.
fn component_target_dir(root: &Path) -> PathBuf {
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("set by cargo"));
    // OUT_DIR is <target>/<profile>/build/<pkg>-<hash>/out.
    out_dir
        .ancestors()
        .nth(4)
        .map(|target| target.join("components"))
        .unwrap_or_else(|| root.join("target").join("components"))
}
