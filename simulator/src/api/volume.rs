//! `events/events/volume/`: event counts over time (2024.2+).

use std::collections::BTreeMap;

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

use super::Call;
use super::events::filter_events;
use crate::Permission;
use crate::dataset::Event;
use crate::datetime::format_naive;
use crate::json::Json;
use crate::reply::Reply;

/// Returns event counts for the filtered events: from 2025.8 `[{time, action, count}]` per
/// 6-hour UTC bucket over `history_days`, before that 22 `{x_cord, y_cord}` points.
pub(crate) fn get(call: &Call<'_>) -> Reply {
    if !call.principal.grant.allows(Permission::ViewEvent) {
        return Reply::detail(403, super::PERMISSION_DENIED);
    }
    let events = match filter_events(call) {
        Ok(events) => events,
        Err(reply) => return reply,
    };
    let now = call.dataset.now;
    if call.version.has_2025_8_api() {
        Reply::ok(&by_action(call, &events, now))
    } else {
        Reply::ok(&legacy_coordinates(&events, now))
    }
}

/// Counts events per 6-hour bucket and action, oldest bucket first.
// NOTE: an invalid `history_days` falls back to 7 days here; how authentik reacts to one is
// unverified.
fn by_action(call: &Call<'_>, events: &[&Event], now: DateTime<Utc>) -> Json {
    let days = call
        .query
        .get("history_days")
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|days| days.is_finite() && *days > 0.0)
        .map_or(7, |days| days as i64)
        .clamp(1, call.version.max_history_days());
    let since = now - TimeDelta::days(days);

    let mut counts: BTreeMap<(DateTime<Utc>, String), usize> = BTreeMap::new();
    for event in events.iter().filter(|event| event.created >= since) {
        let bucket = event
            .created
            .duration_trunc(TimeDelta::hours(6))
            .unwrap_or(event.created);
        *counts.entry((bucket, event.action.clone())).or_default() += 1;
    }

    let rows = counts
        .into_iter()
        .map(|((time, action), count)| {
            Json::object([
                ("time", Json::from(format_naive(time))),
                ("action", Json::from(action)),
                ("count", Json::from(count)),
            ])
        })
        .collect();
    Json::Array(rows)
}

/// Reproduces `get_events_per(timedelta(days=7), ExtractHour, 21)` of 2024.2–2025.6: 22
/// points 8 hours apart from `now + 8h` backwards, where point `i` counts the events of the
/// last 7 days whose age has an hour component (hours modulo 24) of `i - 1`.
fn legacy_coordinates(events: &[&Event], now: DateTime<Utc>) -> Json {
    let since = now - TimeDelta::days(7);
    let mut by_hour = [0usize; 24];
    for event in events.iter().filter(|event| event.created >= since) {
        let hours = (now - event.created).num_hours().rem_euclid(24) as usize;
        by_hour[hours] += 1;
    }

    let points = (-20..=1)
        .rev()
        .map(|interval: i64| {
            let at = now + TimeDelta::hours(8 * interval);
            let y = usize::try_from(-interval)
                .ok()
                .and_then(|hour| by_hour.get(hour).copied());
            Json::object([
                ("x_cord", Json::from(at.timestamp() * 1000)),
                ("y_cord", Json::from(y.unwrap_or(0))),
            ])
        })
        .collect();
    Json::Array(points)
}
