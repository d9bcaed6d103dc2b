//! Generation of a week of audit events: everyday sign-ins and administration, background
//! scanning, and an attack that is going on at `now`.

use std::net::Ipv6Addr;

use chrono::{DateTime, TimeDelta, Utc};

use super::event::{APPLICATIONS, Event, EventDetail, EventKind, MODELS};
use super::sessions::Session;
use super::user_agents::{BROWSERS, CURL, SCRIPT};
use super::users::User;
use crate::rng::Rng;

/// The total number of `login_failed` events; background scanning fills up to it.
pub(crate) const FAILED_LOGINS_TOTAL: usize = 150;

/// The brute-force source and the usernames it tries, oldest first.
pub(crate) const BRUTE_FORCE_IP: &str = "203.0.113.45";
const BRUTE_FORCE_NAMES: [&str; 12] = [
    "admin",
    "admin",
    "alice",
    "alice",
    "root",
    "alice",
    "root",
    "administrator",
    "bob",
    "alice",
    "bob",
    "admin",
];

/// The password spray source and the usernames it tries, oldest first.
pub(crate) const SPRAY_IP: &str = "198.51.100.23";
const SPRAY_NAMES: [&str; 5] = ["dave", "frank", "guest", "test", "backup"];

/// The addresses that each try `carol` once, and the seconds before `now` they do it.
const CAROL_ATTEMPTS: [(&str, i64); 5] = [
    ("192.0.2.77", 575),
    ("198.51.100.188", 460),
    ("203.0.113.201", 350),
    ("2001:db8:cafe::17", 240),
    ("198.51.100.199", 140),
];

/// Usernames that scanners try.
const SCANNER_NAMES: [&str; 12] = [
    "admin",
    "root",
    "test",
    "user",
    "guest",
    "support",
    "oracle",
    "ubuntu",
    "pi",
    "info",
    "webmaster",
    "postgres",
];

/// Collects events while they are generated.
struct Recorder<'a> {
    rng: &'a mut Rng,
    users: &'a [User],
    events: Vec<Event>,
}

impl Recorder<'_> {
    fn user_index(&self, username: &str) -> Option<usize> {
        self.users.iter().position(|user| user.username == username)
    }

    /// Records an event by the account at `user`.
    fn push(
        &mut self,
        kind: EventKind,
        user: Option<usize>,
        client_ip: Option<String>,
        user_agent: &str,
        created: DateTime<Utc>,
    ) {
        let action = match &kind {
            EventKind::Login { .. } => "login",
            EventKind::LoginFailed { .. } => "login_failed",
            EventKind::Logout => "logout",
            EventKind::AuthorizeApplication { .. } => "authorize_application",
            EventKind::ModelUpdated { .. } => "model_updated",
            EventKind::Custom { .. } => "custom_login_audit",
        };
        // authentik computes `expires` a moment before it stamps `created`.
        let expires =
            created + TimeDelta::days(365) - TimeDelta::microseconds(self.rng.range(600, 4_000));
        self.events.push(Event {
            pk: self.rng.uuid(),
            action: action.to_string(),
            username: user.map(|index| self.users[index].username.clone()),
            typed_username: None,
            client_ip,
            created,
            detail: EventDetail {
                user,
                kind,
                user_agent: user_agent.to_string(),
                request_id: self.rng.hex(32),
                expires,
            },
        });
    }

    /// Records a failed password (or TOTP) check for the typed username.
    fn push_failure(
        &mut self,
        typed: &str,
        client_ip: Option<&str>,
        user_agent: &str,
        created: DateTime<Utc>,
        totp: bool,
    ) {
        let user = self.user_index(typed);
        self.push(
            EventKind::LoginFailed { totp },
            user,
            client_ip.map(str::to_string),
            user_agent,
            created,
        );
        if let Some(event) = self.events.last_mut() {
            event.typed_username = Some(typed.to_string());
        }
    }

    fn jitter(&mut self, seconds: i64) -> TimeDelta {
        TimeDelta::microseconds(self.rng.range(0, seconds * 1_000_000))
    }
}

/// Generates the events of the seven days before `now`, newest first.
pub(crate) fn generate_events(
    rng: &mut Rng,
    users: &[User],
    sessions: &[Session],
    now: DateTime<Utc>,
) -> Vec<Event> {
    let mut recorder = Recorder {
        rng,
        users,
        events: Vec::new(),
    };

    record_session_logins(&mut recorder, sessions);
    let typos = record_daily_use(&mut recorder, now);
    record_administration(&mut recorder, now);
    let attack = record_attack(&mut recorder, now);
    let scans = FAILED_LOGINS_TOTAL.saturating_sub(typos + attack);
    record_scanners(&mut recorder, now, scans);

    let mut events = recorder.events;
    events.sort_by(|a, b| b.created.cmp(&a.created).then_with(|| a.pk.cmp(&b.pk)));
    events
}

/// Records the login that opened each session, and often an application authorization.
fn record_session_logins(recorder: &mut Recorder<'_>, sessions: &[Session]) {
    for session in sessions {
        let user_agent = BROWSERS[session.browser].string;
        let known_device = recorder.rng.chance(0.7);
        recorder.push(
            EventKind::Login { known_device },
            Some(session.user),
            Some(session.last_ip.clone()),
            user_agent,
            session.started,
        );
        if recorder.rng.chance(0.6) {
            let application = recorder.rng.range(0, APPLICATIONS.len() as i64) as usize;
            let at = session.started + TimeDelta::seconds(4) + recorder.jitter(50);
            recorder.push(
                EventKind::AuthorizeApplication { application },
                Some(session.user),
                Some(session.last_ip.clone()),
                user_agent,
                at,
            );
        }
    }
}

/// Records everyday sign-ins of active people over the week, with the occasional mistyped
/// password just before a successful login. Returns the number of failed logins recorded.
fn record_daily_use(recorder: &mut Recorder<'_>, now: DateTime<Utc>) -> usize {
    let mut typos = 0;
    let people: Vec<usize> = (0..recorder.users.len())
        .filter(|&index| recorder.users[index].is_person() && recorder.users[index].is_active)
        .collect();

    for day in 0..7 {
        let day_start = now - TimeDelta::days(day + 1);
        for &user in &people {
            if !recorder.rng.chance(0.6) {
                continue;
            }
            // Nothing of the daily routine falls into the last 20 minutes.
            let latest = (now - TimeDelta::minutes(20) - day_start)
                .num_seconds()
                .min(86_400);
            let login_at = day_start + recorder.jitter(latest);
            let ip = recorder.users[user].home_ip.clone();
            let user_agent = BROWSERS[recorder.users[user].browser].string;

            if login_at < now - TimeDelta::hours(1) && recorder.rng.chance(0.16) {
                let failed_at = login_at - TimeDelta::seconds(12) - recorder.jitter(40);
                let username = recorder.users[user].username.clone();
                let totp = typos == 3;
                recorder.push_failure(&username, Some(&ip), user_agent, failed_at, totp);
                typos += 1;
            }

            let known_device = recorder.rng.chance(0.85);
            recorder.push(
                EventKind::Login { known_device },
                Some(user),
                Some(ip.clone()),
                user_agent,
                login_at,
            );

            if recorder.rng.chance(0.6) {
                let application = recorder.rng.range(0, APPLICATIONS.len() as i64) as usize;
                let at = login_at + TimeDelta::seconds(3) + recorder.jitter(90);
                recorder.push(
                    EventKind::AuthorizeApplication { application },
                    Some(user),
                    Some(ip.clone()),
                    user_agent,
                    at,
                );
            }

            let logout_at = login_at + TimeDelta::hours(1) + recorder.jitter(4 * 3600);
            if recorder.rng.chance(0.45) && logout_at < now - TimeDelta::minutes(2) {
                recorder.push(
                    EventKind::Logout,
                    Some(user),
                    Some(ip),
                    user_agent,
                    logout_at,
                );
            }
        }
    }
    typos
}

/// Records configuration changes by `akadmin` and the audit events of an expression policy.
fn record_administration(recorder: &mut Recorder<'_>, now: DateTime<Utc>) {
    let admin = recorder.user_index("akadmin").expect("akadmin exists");
    let admin_ip = recorder.users[admin].home_ip.clone();
    let admin_browser = BROWSERS[recorder.users[admin].browser].string;

    for change in 0..18 {
        let at =
            now - TimeDelta::hours(2) - TimeDelta::hours(change * 9) - recorder.jitter(3 * 3600);
        let model = recorder.rng.range(0, MODELS.len() as i64) as usize;
        recorder.push(
            EventKind::ModelUpdated { model },
            Some(admin),
            Some(admin_ip.clone()),
            admin_browser,
            at,
        );
    }

    for audit in 0..14 {
        let at =
            now - TimeDelta::minutes(40) - TimeDelta::hours(audit * 12) - recorder.jitter(3600);
        let user = loop {
            let candidate = recorder.rng.range(0, recorder.users.len() as i64) as usize;
            if recorder.users[candidate].is_person() && recorder.users[candidate].is_active {
                break candidate;
            }
        };
        let username = recorder.users[user].username.clone();
        let ip = recorder.users[user].home_ip.clone();
        let message = format!("Login audit: {username} signed in from a new network");
        let user_agent = BROWSERS[recorder.users[user].browser].string;
        recorder.push(
            EventKind::Custom { message },
            Some(user),
            Some(ip),
            user_agent,
            at,
        );
    }
}

/// Records the attack that is going on at `now`. Returns the number of failed logins.
fn record_attack(recorder: &mut Recorder<'_>, now: DateTime<Utc>) -> usize {
    let mut failures = 0;

    // A brute force: twelve attempts about 14 seconds apart, the last 15 seconds ago.
    for (step, name) in BRUTE_FORCE_NAMES.iter().enumerate() {
        let at = now - TimeDelta::seconds(170)
            + TimeDelta::seconds(step as i64 * 14)
            + recorder.jitter(1);
        recorder.push_failure(name, Some(BRUTE_FORCE_IP), SCRIPT, at, false);
        failures += 1;
    }

    // A password spray: one attempt per username, 90 seconds apart.
    for (step, name) in SPRAY_NAMES.iter().enumerate() {
        let at = now - TimeDelta::seconds(470)
            + TimeDelta::seconds(step as i64 * 90)
            + recorder.jitter(1);
        recorder.push_failure(name, Some(SPRAY_IP), CURL, at, false);
        failures += 1;
    }

    // A distributed attack on carol: one attempt from each of five addresses.
    for (step, (ip, seconds_ago)) in CAROL_ATTEMPTS.iter().enumerate() {
        let at = now - TimeDelta::seconds(*seconds_ago) + recorder.jitter(1);
        let user_agent = BROWSERS[step % BROWSERS.len()].string;
        recorder.push_failure("carol", Some(ip), user_agent, at, false);
        failures += 1;
    }

    // Two failures whose client address was unknown.
    for (name, seconds_ago) in [("kiosk", 250), ("grace", 1_620)] {
        let at = now - TimeDelta::seconds(seconds_ago) + recorder.jitter(1);
        recorder.push_failure(name, None, BROWSERS[2].string, at, false);
        failures += 1;
    }

    failures
}

/// Records `count` failed logins of internet scanners, each from its own address, spread over
/// the week but no later than 75 minutes before `now`.
fn record_scanners(recorder: &mut Recorder<'_>, now: DateTime<Utc>, count: usize) {
    let span = TimeDelta::days(7) - TimeDelta::minutes(75);
    for index in 0..count {
        let slot = span.num_seconds() * index as i64 / count.max(1) as i64;
        let at = now - TimeDelta::days(7) + TimeDelta::seconds(slot) + recorder.jitter(600);
        let ip = scanner_ip(index);
        let name = *recorder.rng.pick(&SCANNER_NAMES);
        let user_agent = if index % 2 == 0 { SCRIPT } else { CURL };
        recorder.push_failure(name, Some(&ip), user_agent, at, false);
    }
}

/// Returns a distinct scanner address per index, outside the ranges the users and the attack use.
fn scanner_ip(index: usize) -> String {
    let host = index / 4;
    match index % 4 {
        0 => format!("203.0.113.{}", 100 + host),
        1 => format!("198.51.100.{}", 120 + host),
        2 => format!("192.0.2.{}", 150 + host),
        _ => Ipv6Addr::new(0x2001, 0xdb8, 0xbad, host as u16, 0, 0, 0, 1).to_string(),
    }
}
