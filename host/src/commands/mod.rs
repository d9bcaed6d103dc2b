//! The subcommands of `launcher`.

mod demo;
mod info;
mod show;
mod sim;
mod test_connection;

use std::process::ExitCode;

use crate::cli::Command;

pub use show::{DashboardRun, parse_now};

/// Runs one subcommand.
pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Demo {
            server_version,
            output,
        } => demo::run(&server_version, output).await,
        Command::Show { config, output } => show::run_config(&config, output).await,
        Command::TestConnection { config, format } => test_connection::run(&config, format).await,
        Command::Info { plugin, format } => info::run(&plugin, format).await,
        Command::Sim {
            port,
            token,
            server_version,
        } => sim::run(port, token, &server_version).await,
    }
}
