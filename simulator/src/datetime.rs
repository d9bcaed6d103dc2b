//! Datetime formats of authentik responses.

use chrono::{DateTime, DurationRound, TimeDelta, Timelike, Utc};

/// Formats a datetime like DRF's `DateTimeField`: UTC with a `Z` suffix, and microseconds only
/// when they are not zero (`2026-10-05T09:16:41.550271Z`, `2026-10-05T06:00:00Z`).
pub(crate) fn format_drf(at: DateTime<Utc>) -> String {
    if at.nanosecond() / 1000 == 0 {
        at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
    }
}

/// Formats a datetime without a time zone, as the 2025.8+ `volume` action renders its
/// buckets (`2026-12-04T12:00:00`).
pub(crate) fn format_naive(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Cuts a datetime to whole microseconds, the precision PostgreSQL stores.
pub(crate) fn to_micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(at)
}
