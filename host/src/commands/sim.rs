//! `launcher sim`: the Authentik simulator alone, for pointing any client
//! at it.

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;

use anyhow::Context;
use authentik_sim::{ApiVersion, SimOptions, Simulator, TokenGrant};

/// Runs the simulator until Ctrl-C.
pub async fn run(port: u16, token: String, server_version: &str) -> anyhow::Result<ExitCode> {
    if token.trim().len() < 8 {
        anyhow::bail!("--token must have at least 8 characters");
    }
    let version: ApiVersion = server_version
        .parse()
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("invalid --server-version")?;
    let simulator = Simulator::start(SimOptions {
        version,
        now: chrono::Utc::now(),
        tokens: vec![TokenGrant::admin(token)],
        addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
    })
    .await
    .with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
    println!(
        "Authentik {} simulator listening on {}",
        version.as_str(),
        simulator.base_url()
    );
    tokio::signal::ctrl_c().await?;
    simulator.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
