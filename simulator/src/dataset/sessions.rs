//! Authenticated browser sessions of the users.

use std::net::Ipv6Addr;

use chrono::{DateTime, TimeDelta, Utc};

use super::users::User;
use crate::rng::Rng;

/// A signed-in browser session.
#[derive(Clone, Debug)]
pub(crate) struct Session {
    pub(crate) uuid: String,
    /// Index into the dataset's users.
    pub(crate) user: usize,
    pub(crate) last_ip: String,
    /// Index into the user agent table.
    pub(crate) browser: usize,
    pub(crate) last_used: DateTime<Utc>,
    pub(crate) expires: DateTime<Utc>,
    /// When the session's login happened.
    pub(crate) started: DateTime<Utc>,
}

/// Usernames with the number of sessions each has open.
const OPEN_SESSIONS: [(&str, usize); 15] = [
    ("akadmin", 2),
    ("alice", 3),
    ("bob", 2),
    ("carol", 1),
    ("dave", 1),
    ("erin", 1),
    ("grace", 2),
    ("heidi", 1),
    ("judy", 1),
    ("laura", 1),
    ("mike", 1),
    ("nina", 1),
    ("peggy", 1),
    ("rachel", 1),
    ("sam", 1),
];

/// Builds the open sessions. A user's second and third sessions come from other devices.
pub(crate) fn generate_sessions(rng: &mut Rng, users: &[User], now: DateTime<Utc>) -> Vec<Session> {
    let mut sessions = Vec::new();
    for (username, count) in OPEN_SESSIONS {
        let user = users
            .iter()
            .position(|user| user.username == username)
            .expect("every user with sessions exists");
        for device in 0..count {
            let started =
                now - TimeDelta::microseconds(rng.range(1_800_000_000, 20 * 3_600_000_000));
            let idle = TimeDelta::microseconds(rng.range(20_000_000, 1_700_000_000));
            let last_used = (started + TimeDelta::hours(device as i64)).min(now) - idle;
            let last_used = last_used.max(started);
            let last_ip = if device == 0 {
                users[user].home_ip.clone()
            } else {
                Ipv6Addr::new(
                    0x2001,
                    0xdb8,
                    0x200,
                    user as u16,
                    0,
                    0,
                    0,
                    0x10 + device as u16,
                )
                .to_string()
            };
            sessions.push(Session {
                uuid: rng.uuid(),
                user,
                last_ip,
                browser: (users[user].browser + device * 2) % super::user_agents::BROWSERS.len(),
                last_used,
                expires: last_used + TimeDelta::days(1),
                started,
            });
        }
    }
    sessions
}
