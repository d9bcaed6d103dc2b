//! The terminal dashboard: one box per widget, coloured when the output is
//! a terminal.

use std::fmt::Write;

use crate::bindings::{
    AlertBanner, Chart, Gauge, ItemList, ItemStatus, Progress, Severity, StatCard, Widget,
};
use crate::render::json::{severity_name, time};
use crate::widget::WidgetResult;

/// Inner width of a box, in characters.
const WIDTH: usize = 68;

/// ANSI styles, or none.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colours when `color` is true.
    pub fn new(color: bool) -> Self {
        Self { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    fn red(&self, text: &str) -> String {
        self.paint("1;31", text)
    }

    fn green(&self, text: &str) -> String {
        self.paint("32", text)
    }

    fn yellow(&self, text: &str) -> String {
        self.paint("33", text)
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        match severity {
            Severity::Ok => self.green(text),
            Severity::Info => text.to_string(),
            Severity::Warning => self.yellow(text),
            Severity::Critical => self.red(text),
        }
    }
}

/// Renders every widget result as boxes, followed by a blank line.
pub fn dashboard(results: &[WidgetResult], generated_at: i64, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.bold(&format!("Launcher dashboard · {}", time(generated_at)))
    );
    for result in results {
        out.push_str(&widget_box(result, style));
    }
    out
}

fn widget_box(result: &WidgetResult, style: Style) -> String {
    let title = format!(" {} · {} ", result.plugin, result.endpoint.title);
    let mut lines = Vec::new();
    match &result.outcome {
        Ok(widget) => body(widget, style, &mut lines),
        Err(e) => push_painted(&mut lines, &format!("✖ {}", e.message()), |l| {
            style.red(l)
        }),
    }

    let mut out = String::new();
    let rule = WIDTH.saturating_sub(title.chars().count() + 1);
    let _ = writeln!(out, "╭─{}{}╮", style.bold(&title), "─".repeat(rule));
    for line in lines {
        for wrapped in wrap(&line, WIDTH - 2) {
            let pad = (WIDTH - 2).saturating_sub(visible_len(&wrapped));
            let _ = writeln!(out, "│ {wrapped}{} │", " ".repeat(pad));
        }
    }
    let _ = writeln!(out, "╰{}╯", "─".repeat(WIDTH));
    out
}

fn body(widget: &Widget, style: Style, lines: &mut Vec<String>) {
    match widget {
        Widget::StatCard(card) => stat_card(card, style, lines),
        Widget::Gauge(gauge) => gauge_lines(gauge, lines),
        Widget::List(list) => list_lines(list, style, lines),
        Widget::Progress(progress) => progress_lines(progress, lines),
        Widget::AlertBanner(banner) => banner_lines(banner, style, lines),
        Widget::Chart(chart) => chart_lines(chart, lines),
    }
}

fn stat_card(card: &StatCard, style: Style, lines: &mut Vec<String>) {
    let unit = card
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    lines.push(format!(
        "{}{unit}  {}",
        style.bold(&card.value.to_string()),
        card.label
    ));
    if !card.secondary.is_empty() {
        let parts: Vec<String> = card
            .secondary
            .iter()
            .map(|s| format!("{} {}", s.value, s.label))
            .collect();
        lines.push(parts.join(" · "));
    }
    if let Some(note) = &card.note {
        push_painted(lines, &format!("! {note}"), |l| style.yellow(l));
    }
}

fn gauge_lines(gauge: &Gauge, lines: &mut Vec<String>) {
    let span = (gauge.max - gauge.min).max(f64::EPSILON);
    let ratio = ((gauge.value - gauge.min) / span).clamp(0.0, 1.0);
    let unit = gauge.unit.as_deref().unwrap_or("");
    lines.push(format!("{} {}{unit}", gauge.label, gauge.value));
    lines.push(bar(ratio, 40));
}

fn progress_lines(progress: &Progress, lines: &mut Vec<String>) {
    let ratio = if progress.total == 0 {
        0.0
    } else {
        progress.current as f64 / progress.total as f64
    };
    lines.push(format!(
        "{} {}/{}",
        progress.label, progress.current, progress.total
    ));
    lines.push(bar(ratio.clamp(0.0, 1.0), 40));
}

fn bar(ratio: f64, width: usize) -> String {
    let filled = (ratio * width as f64).round() as usize;
    format!(
        "[{}{}] {:>3.0}%",
        "█".repeat(filled),
        "·".repeat(width - filled),
        ratio * 100.0
    )
}

fn list_lines(list: &ItemList, style: Style, lines: &mut Vec<String>) {
    if list.items.is_empty() {
        lines.push(style.dim("nothing to show"));
    }
    for item in &list.items {
        let mark = match item.status {
            ItemStatus::Success => style.green("✔"),
            ItemStatus::Failure => style.red("✖"),
            ItemStatus::Neutral => "·".to_string(),
        };
        let when = item.time.map(short_time).unwrap_or_default();
        let secondary = item.secondary.as_deref().unwrap_or("");
        lines.push(format!(
            "{mark} {when:<8} {:<22} {}",
            truncate(&item.primary, 22),
            style.dim(secondary)
        ));
    }
    if let Some(total) = list.total {
        lines.push(style.dim(&format!("{} of {total} shown", list.items.len())));
    }
}

/// Wraps `text` to the box width, then paints each line, so that escape
/// sequences never break the wrapping.
fn push_painted(lines: &mut Vec<String>, text: &str, paint: impl Fn(&str) -> String) {
    for line in wrap(text, WIDTH - 2) {
        lines.push(paint(&line));
    }
}

fn banner_lines(banner: &AlertBanner, style: Style, lines: &mut Vec<String>) {
    let label = severity_name(banner.severity).to_uppercase();
    push_painted(lines, &format!("{label}: {}", banner.message), |l| {
        style.severity(banner.severity, l)
    });
    for alert in &banner.alerts {
        let source = alert.source.as_deref().unwrap_or("unknown origin");
        let bound = if alert.count_is_lower_bound {
            "≥"
        } else {
            ""
        };
        let span = match (alert.first_seen, alert.last_seen) {
            (Some(first), Some(last)) => format!(" {}–{}", short_time(first), short_time(last)),
            _ => String::new(),
        };
        let finding = format!(
            "▲ {}: {source}, {bound}{} events{span}",
            alert.title, alert.count
        );
        push_painted(lines, &finding, |l| style.severity(alert.severity, l));
        if !alert.targets.is_empty() {
            lines.push(format!("  targets: {}", alert.targets.join(", ")));
        }
    }
    if let Some(note) = &banner.note {
        push_painted(lines, &format!("! {note}"), |l| style.yellow(l));
    }
}

fn chart_lines(chart: &Chart, lines: &mut Vec<String>) {
    const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    for series in &chart.series {
        let max = series
            .points
            .iter()
            .map(|p| p.value)
            .fold(0.0_f64, f64::max);
        let spark: String = series
            .points
            .iter()
            .map(|p| {
                let index = if max > 0.0 {
                    (p.value / max * 7.0).round() as usize
                } else {
                    0
                };
                SPARKS[index.min(7)]
            })
            .collect();
        lines.push(format!(
            "{:<16} {spark} max {max}",
            truncate(&series.name, 16)
        ));
    }
}

/// `HH:MM:SS` in UTC.
fn short_time(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.format("%H:%M:%S").to_string())
        .unwrap_or_default()
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Length without ANSI escape sequences.
fn visible_len(text: &str) -> usize {
    let mut len = 0;
    let mut in_escape = false;
    for c in text.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, _) => len += 1,
        }
    }
    len
}

/// Splits a line without escapes at spaces to fit `width`; lines with
/// escapes are kept whole, because they are short by construction.
fn wrap(line: &str, width: usize) -> Vec<String> {
    if visible_len(line) <= width || line.contains('\x1b') {
        return vec![line.to_string()];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&truncate(word, width));
    }
    out.push(current);
    out
}
