//! The made-up users and groups of a small homelab.

use std::net::Ipv6Addr;

use chrono::{DateTime, TimeDelta, Utc};

use crate::rng::Rng;

/// The primary key of authentik's `AnonymousUser`, which failed logins are attributed to.
/// The key depends on the install; 2 is the value of authentik's documentation example.
pub(crate) const ANONYMOUS_USER_PK: i64 = 2;

/// The `type` of an authentik user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UserType {
    Internal,
    External,
    ServiceAccount,
    InternalServiceAccount,
}

impl UserType {
    pub(crate) const CHOICES: [&'static str; 4] = [
        "internal",
        "external",
        "service_account",
        "internal_service_account",
    ];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            UserType::Internal => "internal",
            UserType::External => "external",
            UserType::ServiceAccount => "service_account",
            UserType::InternalServiceAccount => "internal_service_account",
        }
    }
}

/// A user account.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub(crate) pk: i64,
    pub(crate) uuid: String,
    pub(crate) uid: String,
    pub(crate) username: String,
    pub(crate) name: String,
    pub(crate) email: String,
    pub(crate) user_type: UserType,
    pub(crate) is_active: bool,
    /// Indexes into the dataset's groups.
    pub(crate) groups: Vec<usize>,
    /// Indexes into the dataset's roles that are assigned to the user directly.
    pub(crate) roles: Vec<usize>,
    pub(crate) attributes: Vec<(&'static str, &'static str)>,
    pub(crate) path: &'static str,
    pub(crate) date_joined: DateTime<Utc>,
    pub(crate) password_change_date: DateTime<Utc>,
    pub(crate) last_updated: DateTime<Utc>,
    /// Set from the newest `login` event once the events exist.
    pub(crate) last_login: Option<DateTime<Utc>>,
    /// The address the user usually signs in from.
    pub(crate) home_ip: String,
    /// Index into the user agent table of the user's usual browser.
    pub(crate) browser: usize,
}

impl User {
    /// Returns whether the account belongs to a person rather than a program.
    pub(crate) fn is_person(&self) -> bool {
        matches!(self.user_type, UserType::Internal | UserType::External)
    }
}

/// A group of users.
#[derive(Clone, Debug)]
pub(crate) struct Group {
    pub(crate) pk: String,
    pub(crate) num_pk: i64,
    pub(crate) name: String,
    pub(crate) is_superuser: bool,
    /// Index of the parent group.
    pub(crate) parent: Option<usize>,
    pub(crate) roles: Vec<usize>,
    pub(crate) attributes: Vec<(&'static str, &'static str)>,
}

/// An RBAC role.
#[derive(Clone, Debug)]
pub(crate) struct Role {
    pub(crate) pk: String,
    pub(crate) name: String,
}

/// The definition of a group.
struct GroupSpec {
    name: &'static str,
    is_superuser: bool,
    parent: Option<&'static str>,
    /// Indexes into [`ROLES`].
    roles: &'static [usize],
    attributes: &'static [(&'static str, &'static str)],
}

const GROUPS: [GroupSpec; 6] = [
    GroupSpec {
        name: "authentik Admins",
        is_superuser: true,
        parent: None,
        roles: &[],
        attributes: &[],
    },
    GroupSpec {
        name: "homelab-users",
        is_superuser: false,
        parent: None,
        roles: &[],
        attributes: &[("notes", "Everyone who lives here")],
    },
    GroupSpec {
        name: "media",
        is_superuser: false,
        parent: Some("homelab-users"),
        roles: &[1],
        attributes: &[("jellyfin_library", "all")],
    },
    GroupSpec {
        name: "family",
        is_superuser: false,
        parent: Some("homelab-users"),
        roles: &[],
        attributes: &[],
    },
    GroupSpec {
        name: "monitoring",
        is_superuser: false,
        parent: None,
        roles: &[0],
        attributes: &[],
    },
    GroupSpec {
        name: "guests",
        is_superuser: false,
        parent: None,
        roles: &[],
        attributes: &[("expires_after_days", "30")],
    },
];

/// Role names.
const ROLES: [&str; 2] = ["Monitoring readers", "Media managers"];

/// Usernames, display names, types, whether active, and group names.
const PEOPLE: [(&str, &str, UserType, bool, &[&str]); 40] = [
    (
        "akadmin",
        "authentik Default Admin",
        UserType::Internal,
        true,
        &["authentik Admins"],
    ),
    (
        "ak-outpost-5f1d2c3b4a5948e7b6c5d4e3f2a1b0c9",
        "Outpost authentik Embedded Outpost Service-Account",
        UserType::InternalServiceAccount,
        true,
        &[],
    ),
    (
        "svc-grafana",
        "Grafana",
        UserType::ServiceAccount,
        true,
        &["monitoring"],
    ),
    (
        "svc-backup",
        "Restic backup job",
        UserType::ServiceAccount,
        false,
        &[],
    ),
    (
        "alice",
        "Alice Anderson",
        UserType::Internal,
        true,
        &["homelab-users", "media", "family"],
    ),
    (
        "bob",
        "Bob Brown",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "carol",
        "Carol Clark",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "dave",
        "Dave Davis",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "svc-monitoring",
        "Monitoring integration",
        UserType::ServiceAccount,
        true,
        &["monitoring"],
    ),
    (
        "erin",
        "Erin Evans",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "frank",
        "Frank Fischer",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "grace",
        "Grace Green",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "heidi",
        "Heidi Hoffmann",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "ivan",
        "Ivan Ivanov",
        UserType::Internal,
        false,
        &["homelab-users"],
    ),
    (
        "judy",
        "Judy Johnson",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "ken",
        "Ken Kowalski",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "laura",
        "Laura Lopez",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "mike",
        "Mike Miller",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "nina",
        "Nina Novak",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "oscar",
        "Oscar Olsen",
        UserType::Internal,
        false,
        &["homelab-users"],
    ),
    (
        "peggy",
        "Peggy Parker",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "quinn",
        "Quinn Quigley",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "rachel",
        "Rachel Reyes",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "sam",
        "Sam Schmidt",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "tina",
        "Tina Torres",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "uma",
        "Uma Udeh",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "victor",
        "Victor Vargas",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "wendy",
        "Wendy Weber",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "xavier",
        "Xavier Xu",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "yara",
        "Yara Yilmaz",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "zoe",
        "Zoe Zimmermann",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "paul",
        "Paul Petrov",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "hannah",
        "Hannah Hall",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "ben",
        "Ben Baker",
        UserType::Internal,
        true,
        &["homelab-users", "family"],
    ),
    (
        "lisa",
        "Lisa Lang",
        UserType::Internal,
        true,
        &["homelab-users", "media"],
    ),
    (
        "tom",
        "Tom Turner",
        UserType::Internal,
        true,
        &["homelab-users"],
    ),
    (
        "svc-homeassistant",
        "Home Assistant",
        UserType::ServiceAccount,
        true,
        &[],
    ),
    (
        "auditor",
        "External Auditor",
        UserType::External,
        true,
        &["guests"],
    ),
    (
        "contractor-jim",
        "Jim (contractor)",
        UserType::External,
        false,
        &["guests"],
    ),
    (
        "guest-tv",
        "Living room TV",
        UserType::External,
        true,
        &["guests", "media"],
    ),
];

/// Builds the roles.
pub(crate) fn generate_roles(rng: &mut Rng) -> Vec<Role> {
    ROLES
        .iter()
        .map(|name| Role {
            pk: rng.uuid(),
            name: name.to_string(),
        })
        .collect()
}

/// Builds the groups.
pub(crate) fn generate_groups(rng: &mut Rng) -> Vec<Group> {
    let position = |name: &str| GROUPS.iter().position(|group| group.name == name);
    GROUPS
        .iter()
        .map(|spec| Group {
            pk: rng.uuid(),
            num_pk: rng.range(10_000, 99_999),
            name: spec.name.to_string(),
            is_superuser: spec.is_superuser,
            parent: spec.parent.and_then(position),
            roles: spec.roles.to_vec(),
            attributes: spec.attributes.to_vec(),
        })
        .collect()
}

/// Builds the users, with primary keys from 3 upwards because 1 and 2 belong to built-in
/// accounts (2 is `AnonymousUser`, which user lists exclude).
pub(crate) fn generate_users(rng: &mut Rng, groups: &[Group], now: DateTime<Utc>) -> Vec<User> {
    let group_index = |name: &str| {
        groups
            .iter()
            .position(|group| group.name == name)
            .expect("every group a user names exists")
    };

    PEOPLE
        .iter()
        .enumerate()
        .map(
            |(index, (username, name, user_type, is_active, group_names))| {
                let date_joined = now - TimeDelta::days(420) + TimeDelta::days(index as i64 * 6)
                    - TimeDelta::microseconds(rng.range(0, 86_400_000_000));
                let password_change_date =
                    date_joined + TimeDelta::microseconds(rng.range(200_000, 900_000));
                let last_updated =
                    now - TimeDelta::microseconds(rng.range(3_600_000_000, 2_000_000_000_000));
                let email = match user_type {
                    UserType::Internal => format!("{username}@home.example"),
                    UserType::External if *username != "guest-tv" => {
                        format!("{username}@partner.example")
                    }
                    _ => String::new(),
                };
                let attributes: Vec<(&str, &str)> = match *user_type {
                    UserType::ServiceAccount => {
                        vec![("goauthentik.io/user/service-account", "true")]
                    }
                    UserType::Internal if index % 3 == 0 => vec![("locale", "de")],
                    _ => Vec::new(),
                };
                let path = match user_type {
                    UserType::ServiceAccount => "users/service-accounts",
                    UserType::InternalServiceAccount => "goauthentik.io/outposts",
                    _ => "users",
                };
                let roles = if *username == "svc-monitoring" {
                    vec![0]
                } else if *username == "alice" {
                    vec![1]
                } else {
                    Vec::new()
                };
                let home_ip = home_ip(index);
                User {
                    pk: index as i64 + 3,
                    uuid: rng.uuid(),
                    uid: rng.hex(64),
                    username: username.to_string(),
                    name: name.to_string(),
                    email,
                    user_type: *user_type,
                    is_active: *is_active,
                    groups: group_names.iter().map(|name| group_index(name)).collect(),
                    roles,
                    attributes,
                    path,
                    date_joined,
                    password_change_date,
                    last_updated,
                    last_login: None,
                    home_ip,
                    browser: index % 5,
                }
            },
        )
        .collect()
}

/// Returns the usual address of the user at `index`: the household shares a few addresses of
/// 192.0.2.0/24, some people sign in from elsewhere, and a few over IPv6.
fn home_ip(index: usize) -> String {
    match index % 7 {
        0..=3 => format!("192.0.2.{}", 10 + index % 4),
        4 => format!("198.51.100.{}", 40 + index),
        5 => Ipv6Addr::new(
            0x2001,
            0xdb8,
            0x100,
            (index % 3) as u16,
            0,
            0,
            0,
            0x20 + index as u16,
        )
        .to_string(),
        _ => format!("203.0.113.{}", 60 + index),
    }
}
