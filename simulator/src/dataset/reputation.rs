//! Reputation scores, derived from the events the way authentik's reputation signals update
//! them: per client address and typed identifier, +1 per login and −1 per failed login.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};

use super::event::Event;
use crate::rng::Rng;

/// The reputation of one `(ip, identifier)` pair.
#[derive(Clone, Debug)]
pub(crate) struct Reputation {
    pub(crate) pk: String,
    pub(crate) identifier: String,
    pub(crate) ip: String,
    /// The score with every step clamped to [−5, 5], as authentik does since 2025.4.
    pub(crate) score_clamped: i64,
    /// The score without limits, as older releases keep it.
    pub(crate) score_unclamped: i64,
    pub(crate) updated: DateTime<Utc>,
}

/// Derives the scores from the events of the last day; older rows have expired
/// (`reputation.expiry` defaults to 86400 seconds).
pub(crate) fn derive_reputations(
    rng: &mut Rng,
    events: &[Event],
    now: DateTime<Utc>,
) -> Vec<Reputation> {
    let since = now - TimeDelta::days(1);
    let mut rows: BTreeMap<(String, String), Reputation> = BTreeMap::new();

    // Events are newest first, so walk them backwards to apply the steps in time order.
    for event in events.iter().rev().filter(|event| event.created >= since) {
        let (step, identifier) = match event.action.as_str() {
            "login" => (1, event.username.clone()),
            "login_failed" => (-1, event.typed_username.clone()),
            _ => continue,
        };
        let (Some(ip), Some(identifier)) = (event.client_ip.clone(), identifier) else {
            continue;
        };
        let row = rows
            .entry((ip.clone(), identifier.clone()))
            .or_insert_with(|| Reputation {
                pk: String::new(),
                identifier,
                ip,
                score_clamped: 0,
                score_unclamped: 0,
                updated: event.created,
            });
        row.score_clamped = (row.score_clamped + step).clamp(-5, 5);
        row.score_unclamped += step;
        row.updated = event.created;
    }

    rows.into_values()
        .map(|mut row| {
            row.pk = rng.uuid();
            row
        })
        .collect()
}
