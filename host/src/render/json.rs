//! The JSON document: every widget with its plugin id, endpoint id, kind
//! and data, or its error. Times are RFC 3339 strings in UTC.

use serde_json::{Value, json};

use crate::bindings::{
    Alert, AlertBanner, Chart, ChartStyle, Field, Gauge, ItemList, ItemStatus, ListItem, Progress,
    Severity, StatCard, Widget,
};
use crate::widget::{WidgetResult, kind_name};

/// Version of the JSON document layout.
pub const FORMAT_VERSION: u32 = 1;

/// Builds the document for a set of widget results.
pub fn document(results: &[WidgetResult], generated_at: i64) -> Value {
    json!({
        "format": FORMAT_VERSION,
        "generated_at": time(generated_at),
        "widgets": results.iter().map(widget_entry).collect::<Vec<_>>(),
    })
}

fn widget_entry(result: &WidgetResult) -> Value {
    let (data, error) = match &result.outcome {
        Ok(widget) => (widget_data(widget), Value::Null),
        Err(e) => (
            Value::Null,
            json!({ "kind": e.kind(), "message": e.message() }),
        ),
    };
    json!({
        "plugin": result.plugin,
        "endpoint": result.endpoint.id,
        "title": result.endpoint.title,
        "kind": kind_name(result.endpoint.kind),
        "computed_at": time(result.computed_at),
        "data": data,
        "error": error,
    })
}

/// Converts the data of one widget to JSON.
pub fn widget_data(widget: &Widget) -> Value {
    match widget {
        Widget::StatCard(card) => stat_card(card),
        Widget::Gauge(gauge) => gauge_data(gauge),
        Widget::List(list) => list_data(list),
        Widget::Progress(progress) => progress_data(progress),
        Widget::AlertBanner(banner) => banner_data(banner),
        Widget::Chart(chart) => chart_data(chart),
    }
}

fn stat_card(card: &StatCard) -> Value {
    json!({
        "label": card.label,
        "value": card.value,
        "unit": card.unit,
        "secondary": card.secondary.iter().map(|s| json!({"label": s.label, "value": s.value})).collect::<Vec<_>>(),
        "note": card.note,
    })
}

fn gauge_data(gauge: &Gauge) -> Value {
    json!({ "label": gauge.label, "value": gauge.value, "min": gauge.min, "max": gauge.max, "unit": gauge.unit })
}

fn list_data(list: &ItemList) -> Value {
    json!({
        "items": list.items.iter().map(list_item).collect::<Vec<_>>(),
        "total": list.total,
    })
}

fn list_item(item: &ListItem) -> Value {
    json!({
        "primary": item.primary,
        "secondary": item.secondary,
        "time": item.time.map(time),
        "status": status_name(item.status),
        "fields": item.fields.iter().map(|Field { key, value }| json!({"key": key, "value": value})).collect::<Vec<_>>(),
    })
}

fn progress_data(progress: &Progress) -> Value {
    json!({ "label": progress.label, "current": progress.current, "total": progress.total })
}

fn banner_data(banner: &AlertBanner) -> Value {
    json!({
        "severity": severity_name(banner.severity),
        "message": banner.message,
        "alerts": banner.alerts.iter().map(alert).collect::<Vec<_>>(),
        "note": banner.note,
    })
}

fn alert(alert: &Alert) -> Value {
    json!({
        "severity": severity_name(alert.severity),
        "title": alert.title,
        "source": alert.source,
        "targets": alert.targets,
        "count": alert.count,
        "first_seen": alert.first_seen.map(time),
        "last_seen": alert.last_seen.map(time),
        "count_is_lower_bound": alert.count_is_lower_bound,
    })
}

fn chart_data(chart: &Chart) -> Value {
    json!({
        "style": match chart.style { ChartStyle::Line => "line", ChartStyle::Bar => "bar" },
        "unit": chart.unit,
        "series": chart.series.iter().map(|s| json!({
            "name": s.name,
            "points": s.points.iter().map(|p| json!({"time": time(p.time), "value": p.value})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// Lower-case name of a severity.
pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Ok => "ok",
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Critical => "critical",
    }
}

fn status_name(status: ItemStatus) -> &'static str {
    match status {
        ItemStatus::Neutral => "neutral",
        ItemStatus::Success => "success",
        ItemStatus::Failure => "failure",
    }
}

/// RFC 3339 text of a timestamp in milliseconds.
pub fn time(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_else(|| millis.to_string())
}
