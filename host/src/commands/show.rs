//! `launcher show`: the widgets of the configured plugins.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::cache::ComponentCache;
use crate::cli::{Format, OutputArgs};
use crate::config::{Config, PluginSpec};
use crate::dashboard::Dashboard;
use crate::redact::redact;
use crate::render::{html, json, text};
use crate::runtime::Runtime;

/// Loads the plugins of a config file and shows their widgets.
pub async fn run_config(path: &Path, output: OutputArgs) -> anyhow::Result<ExitCode> {
    let config = Config::load(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let specs = config.plugin_specs(dir)?;
    DashboardRun::new(specs, output).run().await
}

/// One run of a dashboard: plugins, output options and the secrets to keep
/// out of the output.
pub struct DashboardRun {
    specs: Vec<PluginSpec>,
    output: OutputArgs,
}

impl DashboardRun {
    /// Prepares a run over resolved plugin specs.
    pub fn new(specs: Vec<PluginSpec>, output: OutputArgs) -> Self {
        Self { specs, output }
    }

    /// Loads the plugins, then renders once or until Ctrl-C.
    pub async fn run(self) -> anyhow::Result<ExitCode> {
        let fixed_now = self.output.now.as_deref().map(parse_now).transpose()?;
        let cache = ComponentCache::new(if self.output.no_cache {
            None
        } else {
            ComponentCache::default_dir()
        });
        let runtime = Runtime::new(cache)?;
        let secrets: Vec<String> = self
            .specs
            .iter()
            .map(|s| s.token.expose().to_string())
            .collect();

        let mut plugins = Vec::new();
        for spec in self.specs {
            let id = spec.id.clone();
            let plugin = runtime
                .load(spec)
                .await
                .with_context(|| format!("cannot load plugin `{id}`"))?;
            plugins.push(plugin);
        }
        let mut dashboard = Dashboard::new(plugins);
        dashboard.connect().await;

        let now = || fixed_now.unwrap_or_else(|| chrono::Utc::now().timestamp_millis());
        if self.output.once {
            let at = now();
            dashboard.refresh_all(at).await;
            emit(
                &render(dashboard.results(), at, self.output.format, false),
                &secrets,
            )?;
            let all_failed = !dashboard.results().is_empty()
                && dashboard.results().iter().all(|r| r.outcome.is_err());
            return Ok(if all_failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            });
        }

        // With --serve the page server renders the latest results on
        // request; otherwise each refresh is printed.
        let snapshot = crate::serve::Snapshot::default();
        if let Some(addr) = self.output.serve {
            let (bound, _task) = crate::serve::start(addr, snapshot.clone(), secrets.clone())
                .await
                .with_context(|| format!("cannot listen on {addr}"))?;
            println!(
                "Serving the dashboard on http://{bound}/ (JSON at /widgets.json); Ctrl-C stops"
            );
        }

        let clear = self.output.format == Format::Text && std::io::stdout().is_terminal();
        let mut due = Vec::new();
        loop {
            let at = now();
            let wait = dashboard.refresh_due(at, &mut due).await;
            if self.output.serve.is_some() {
                snapshot.store(dashboard.results(), at);
            } else {
                let screen = render(dashboard.results(), at, self.output.format, clear);
                emit(&screen, &secrets)?;
            }
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
            }
        }
    }
}

fn render(results: &[crate::widget::WidgetResult], at: i64, format: Format, clear: bool) -> String {
    match format {
        Format::Text => {
            let style = text::Style::new(std::io::stdout().is_terminal());
            let screen = text::dashboard(results, at, style);
            if clear {
                format!("\x1b[2J\x1b[H{screen}")
            } else {
                screen
            }
        }
        Format::Json => {
            let mut doc = json::document(results, at).to_string();
            doc.push('\n');
            doc
        }
        Format::Html => {
            let refresh = results
                .iter()
                .map(|r| r.endpoint.refresh_seconds)
                .min()
                .unwrap_or(60);
            html::page(results, at, refresh.max(5))
        }
    }
}

/// Writes to stdout with every secret removed.
fn emit(output: &str, secrets: &[String]) -> anyhow::Result<()> {
    let clean = secrets
        .iter()
        .fold(output.to_string(), |text, secret| redact(&text, secret));
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(clean.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Parses `--now`: RFC 3339 text to milliseconds since the Unix epoch.
pub fn parse_now(text: &str) -> anyhow::Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .with_context(|| {
            format!("invalid --now value \"{text}\"; use RFC 3339, such as 2026-10-05T09:20:00Z")
        })
}
