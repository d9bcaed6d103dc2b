//! The made-up directory the simulator serves: users, groups, sessions and a week of events.

mod activity;
mod event;
mod reputation;
mod sessions;
mod user_agents;
mod users;

use chrono::{DateTime, Utc};

pub use event::Event;
pub(crate) use event::{APPLICATIONS, EventKind, MODELS};
pub(crate) use reputation::Reputation;
pub(crate) use sessions::Session;
pub(crate) use user_agents::BROWSERS;
pub(crate) use users::{ANONYMOUS_USER_PK, Group, Role, User, UserType};

use crate::datetime::to_micros;
use crate::rng::Rng;

/// The seed of every generated dataset, so the data depends only on `now`.
const SEED: u64 = 0x6175_7468_656e_7469;

/// Identifiers of built-in objects that events refer to.
#[derive(Clone, Debug)]
pub(crate) struct Catalog {
    pub(crate) brand_pk: String,
    pub(crate) tenant_pk: String,
    pub(crate) password_stage_pk: String,
    pub(crate) mfa_stage_pk: String,
    pub(crate) consent_flow_pk: String,
    pub(crate) application_pks: Vec<String>,
    pub(crate) model_pks: Vec<String>,
}

/// Users, groups, sessions and events of a small homelab, anchored at a point in time.
///
/// The data contains an attack in progress at `now`:
///
/// - 12 failed logins from 203.0.113.45 in the last three minutes,
/// - a password spray from 198.51.100.23 over five usernames in the last eight minutes,
/// - failed logins on `carol` from five addresses in the last ten minutes,
/// - two failures without a client address.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub(crate) now: DateTime<Utc>,
    pub(crate) users: Vec<User>,
    pub(crate) groups: Vec<Group>,
    pub(crate) roles: Vec<Role>,
    pub(crate) sessions: Vec<Session>,
    pub(crate) events: Vec<Event>,
    pub(crate) reputations: Vec<Reputation>,
    pub(crate) catalog: Catalog,
}

impl Dataset {
    /// Generates the dataset for the server time `now`. The same `now` always gives the same
    /// data; `now` is cut to whole microseconds first.
    pub fn generate(now: DateTime<Utc>) -> Dataset {
        let now = to_micros(now);
        let mut rng = Rng::new(SEED);

        let roles = users::generate_roles(&mut rng);
        let groups = users::generate_groups(&mut rng);
        let mut users = users::generate_users(&mut rng, &groups, now);
        let sessions = sessions::generate_sessions(&mut rng, &users, now);
        let events = activity::generate_events(&mut rng, &users, &sessions, now);
        let reputations = reputation::derive_reputations(&mut rng, &events, now);

        for (index, user) in users.iter_mut().enumerate() {
            user.last_login = events
                .iter()
                .find(|event| event.action == "login" && event.detail.user == Some(index))
                .map(|event| event.created);
        }

        let catalog = Catalog {
            brand_pk: rng.hex(32),
            tenant_pk: rng.hex(32),
            password_stage_pk: rng.hex(32),
            mfa_stage_pk: rng.hex(32),
            consent_flow_pk: rng.hex(32),
            application_pks: APPLICATIONS.iter().map(|_| rng.hex(32)).collect(),
            model_pks: MODELS.iter().map(|_| rng.hex(32)).collect(),
        };

        Dataset {
            now,
            users,
            groups,
            roles,
            sessions,
            events,
            reputations,
            catalog,
        }
    }

    /// Returns the server time the data is anchored at.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// Returns the number of users that `core/users/` lists (`AnonymousUser` excluded).
    pub fn users(&self) -> usize {
        self.users.len()
    }

    /// Returns the number of users with `is_active` set.
    pub fn active_users(&self) -> usize {
        self.users.iter().filter(|user| user.is_active).count()
    }

    /// Returns the number of groups.
    pub fn groups(&self) -> usize {
        self.groups.len()
    }

    /// Returns the number of authenticated sessions of all users.
    pub fn sessions(&self) -> usize {
        self.sessions.len()
    }

    /// Returns the number of authenticated sessions of the user with `username`.
    pub fn sessions_of(&self, username: &str) -> usize {
        self.sessions
            .iter()
            .filter(|session| self.users[session.user].username == username)
            .count()
    }

    /// Returns every event, newest first.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Returns the user with `username`.
    pub(crate) fn user_by_name(&self, username: &str) -> Option<(usize, &User)> {
        self.users
            .iter()
            .enumerate()
            .find(|(_, user)| user.username == username)
    }

    /// Returns whether the user is a superuser through one of its groups.
    pub(crate) fn is_superuser(&self, user: &User) -> bool {
        user.groups
            .iter()
            .any(|&group| self.groups[group].is_superuser)
    }
}
