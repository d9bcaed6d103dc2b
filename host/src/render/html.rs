//! The web page: every widget as a card, alert banners on top, reloaded by
//! the browser every `refresh_seconds`.

use std::fmt::Write;

use crate::bindings::{ItemStatus, Severity, Widget};
use crate::render::json::{severity_name, time};
use crate::widget::WidgetResult;

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#11151c;color:#e6e6e6;margin:0;padding:1.5rem}\
h1{font-size:1.1rem;font-weight:600;color:#9aa4b2}\
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1rem}\
.card{background:#1b212c;border-radius:10px;padding:1rem}\
.card h2{font-size:.9rem;margin:0 0 .6rem;color:#9aa4b2}\
.value{font-size:2.4rem;font-weight:700}.sub{color:#9aa4b2}\
.note{color:#f0b429}.error{color:#ff6b6b}\
.banner{border-radius:10px;padding:1rem;margin-bottom:1rem}\
.sev-ok{background:#16351f}.sev-info{background:#1b2a3c}.sev-warning{background:#3d3212}.sev-critical{background:#4a1618}\
table{width:100%;border-collapse:collapse;font-size:.85rem}td{padding:.2rem .3rem}\
.ok{color:#4cd37a}.fail{color:#ff6b6b}";

/// Renders the page.
pub fn page(results: &[WidgetResult], generated_at: i64, refresh_seconds: u32) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"refresh\" content=\"{refresh_seconds}\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Launcher</title><style>{STYLE}</style></head><body>\
         <h1>Launcher dashboard · {}</h1>",
        escape(&time(generated_at))
    );

    for result in results {
        if let Ok(Widget::AlertBanner(banner)) = &result.outcome
            && banner.severity != Severity::Ok
        {
            let _ = write!(
                out,
                "<div class=\"banner sev-{}\"><strong>{}</strong> {}</div>",
                severity_name(banner.severity),
                escape(&result.endpoint.title),
                escape(&banner.message)
            );
        }
    }

    out.push_str("<div class=\"grid\">");
    for result in results {
        let _ = write!(
            out,
            "<section class=\"card\" data-endpoint=\"{}\"><h2>{} · {}</h2>",
            escape(&result.endpoint.id),
            escape(&result.plugin),
            escape(&result.endpoint.title)
        );
        match &result.outcome {
            Ok(widget) => card_body(widget, &mut out),
            Err(e) => {
                let _ = write!(out, "<p class=\"error\">{}</p>", escape(&e.message()));
            }
        }
        out.push_str("</section>");
    }
    out.push_str("</div></body></html>");
    out
}

fn card_body(widget: &Widget, out: &mut String) {
    match widget {
        Widget::StatCard(card) => {
            let _ = write!(
                out,
                "<div class=\"value\">{}</div><div class=\"sub\">{}</div>",
                card.value,
                escape(&card.label)
            );
            for stat in &card.secondary {
                let _ = write!(
                    out,
                    "<div class=\"sub\">{} {}</div>",
                    stat.value,
                    escape(&stat.label)
                );
            }
            if let Some(note) = &card.note {
                let _ = write!(out, "<p class=\"note\">{}</p>", escape(note));
            }
        }
        Widget::List(list) => {
            out.push_str("<table>");
            for item in &list.items {
                let (class, mark) = match item.status {
                    ItemStatus::Success => ("ok", "✔"),
                    ItemStatus::Failure => ("fail", "✖"),
                    ItemStatus::Neutral => ("", "·"),
                };
                let _ = write!(
                    out,
                    "<tr><td class=\"{class}\">{mark}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(&item.time.map(time).unwrap_or_default()),
                    escape(&item.primary),
                    escape(item.secondary.as_deref().unwrap_or(""))
                );
            }
            out.push_str("</table>");
        }
        Widget::AlertBanner(banner) => {
            let _ = write!(
                out,
                "<div class=\"banner sev-{}\">{}</div>",
                severity_name(banner.severity),
                escape(&banner.message)
            );
            out.push_str("<table>");
            for alert in &banner.alerts {
                let _ = write!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
                    escape(&alert.title),
                    escape(alert.source.as_deref().unwrap_or("unknown origin")),
                    if alert.count_is_lower_bound {
                        "≥"
                    } else {
                        ""
                    },
                    alert.count,
                    escape(&alert.targets.join(", "))
                );
            }
            out.push_str("</table>");
            if let Some(note) = &banner.note {
                let _ = write!(out, "<p class=\"note\">{}</p>", escape(note));
            }
        }
        Widget::Gauge(gauge) => {
            let _ = write!(
                out,
                "<div class=\"value\">{}</div><meter min=\"{}\" max=\"{}\" value=\"{}\"></meter><div class=\"sub\">{}</div>",
                gauge.value,
                gauge.min,
                gauge.max,
                gauge.value,
                escape(&gauge.label)
            );
        }
        Widget::Progress(progress) => {
            let _ = write!(
                out,
                "<progress max=\"{}\" value=\"{}\"></progress><div class=\"sub\">{} {}/{}</div>",
                progress.total,
                progress.current,
                escape(&progress.label),
                progress.current,
                progress.total
            );
        }
        Widget::Chart(chart) => {
            for series in &chart.series {
                let values: Vec<String> =
                    series.points.iter().map(|p| p.value.to_string()).collect();
                let _ = write!(
                    out,
                    "<div class=\"sub\">{}: {}</div>",
                    escape(&series.name),
                    values.join(" ")
                );
            }
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
