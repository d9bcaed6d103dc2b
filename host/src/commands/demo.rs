//! `launcher demo`: the bundled Authentik plugin against the built-in
//! simulator on a free loopback port.

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::Context;
use authentik_sim::{ApiVersion, SimOptions, Simulator, TokenGrant};

use crate::cli::OutputArgs;
use crate::commands::show::{DashboardRun, parse_now};
use crate::config::{ComponentSource, Limits, PluginSpec, Secret};
use crate::origin::Origin;

/// Starts the simulator and shows its widgets.
pub async fn run(server_version: &str, output: OutputArgs) -> anyhow::Result<ExitCode> {
    let version: ApiVersion = server_version
        .parse()
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("invalid --server-version")?;
    let now = match output.now.as_deref() {
        Some(text) => chrono::DateTime::from_timestamp_millis(parse_now(text)?)
            .unwrap_or_else(chrono::Utc::now),
        None => chrono::Utc::now(),
    };
    let token = demo_token();
    let simulator = Simulator::start(SimOptions {
        version,
        now,
        tokens: vec![TokenGrant::admin(token.clone())],
        ..SimOptions::default()
    })
    .await
    .context("cannot start the simulator")?;
    tracing::info!(url = %simulator.base_url(), version = version.as_str(), "simulator started");

    let base_url = simulator.base_url();
    let spec = PluginSpec {
        id: "authentik".into(),
        component: ComponentSource::Bundled,
        origin: Origin::from_base_url(&base_url).map_err(anyhow::Error::msg)?,
        base_url,
        token: Secret::new(token),
        extra: BTreeMap::new(),
        limits: Limits::default(),
    };
    let code = DashboardRun::new(vec![spec], output).run().await;
    simulator.shutdown().await;
    code
}

/// Generates a token that only this process has.
fn demo_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    hasher.write_u32(std::process::id());
    format!("demo-{:016x}", hasher.finish())
}
