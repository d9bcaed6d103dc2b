//! `core/users/`: the user list.

use super::Call;
use super::avatar::initials_avatar;
use crate::Permission;
use crate::dataset::{User, UserType};
use crate::datetime::format_drf;
use crate::json::Json;
use crate::pagination::paginated_reply;
use crate::reply::Reply;

/// Lists users, filtered by `is_active`, `type`, `username`, `is_superuser` and `search`,
/// ordered by username unless `ordering` names another supported field.
pub(crate) fn list(call: &Call<'_>) -> Reply {
    if !call.principal.grant.allows(Permission::ViewUser) {
        return Reply::detail(403, super::PERMISSION_DENIED);
    }
    let query = call.query;
    let dataset = call.dataset;

    let types = query.get_all("type");
    if let Some(bad) = types
        .iter()
        .find(|value| !UserType::CHOICES.contains(value))
    {
        return Reply::invalid_choice("type", bad);
    }

    let mut users: Vec<&User> = dataset.users.iter().collect();
    if let Some(active) = query.boolean_filter("is_active") {
        users.retain(|user| user.is_active == active);
    }
    if let Some(superuser) = query.boolean_filter("is_superuser") {
        users.retain(|user| dataset.is_superuser(user) == superuser);
    }
    if !types.is_empty() {
        users.retain(|user| types.contains(&user.user_type.as_str()));
    }
    if let Some(username) = query.filter_value("username") {
        users.retain(|user| user.username == username);
    }
    if let Some(term) = query.filter_value("search") {
        let term = term.to_lowercase();
        users.retain(|user| {
            [&user.username, &user.name, &user.email]
                .iter()
                .any(|field| field.to_lowercase().contains(&term))
        });
    }

    match super::ordering(query) {
        Some(("pk", descending)) => super::sort(&mut users, descending, |user| user.pk),
        Some(("name", descending)) => super::sort(&mut users, descending, |user| user.name.clone()),
        Some(("username", true)) => super::sort(&mut users, true, |user| user.username.clone()),
        _ => super::sort(&mut users, false, |user| user.username.clone()),
    }

    let version = call.version;
    let include_groups = !version.has_2024_api() || query.include_switch("include_groups");
    let include_roles = query.include_switch("include_roles");
    paginated_reply(&users, query, version, |user| {
        render_user(call, user, include_groups, include_roles)
    })
}

/// Renders a `User` with the fields of the release.
fn render_user(call: &Call<'_>, user: &User, include_groups: bool, include_roles: bool) -> Json {
    let dataset = call.dataset;
    let version = call.version;

    let group_pks: Vec<Json> = user
        .groups
        .iter()
        .map(|&g| Json::from(&dataset.groups[g].pk))
        .collect();
    let groups_obj = if include_groups {
        Json::Array(
            user.groups
                .iter()
                .map(|&g| render_user_group(call, g))
                .collect(),
        )
    } else {
        Json::Null
    };

    let mut fields = vec![
        ("pk", Json::from(user.pk)),
        ("username", Json::from(&user.username)),
        ("name", Json::from(&user.name)),
        ("is_active", Json::from(user.is_active)),
        ("last_login", Json::from(user.last_login.map(format_drf))),
    ];
    if version.has_2024_api() {
        fields.push(("date_joined", Json::from(format_drf(user.date_joined))));
    }
    fields.push(("is_superuser", Json::from(dataset.is_superuser(user))));
    fields.push(("groups", Json::Array(group_pks)));
    fields.push(("groups_obj", groups_obj));
    if version.has_2025_12_api() {
        let role_pks: Vec<Json> = user
            .roles
            .iter()
            .map(|&r| Json::from(&dataset.roles[r].pk))
            .collect();
        let roles_obj = if include_roles {
            Json::Array(
                user.roles
                    .iter()
                    .map(|&r| super::render_role(dataset, r))
                    .collect(),
            )
        } else {
            Json::Null
        };
        fields.push(("roles", Json::Array(role_pks)));
        fields.push(("roles_obj", roles_obj));
    }
    fields.extend([
        ("email", Json::from(&user.email)),
        ("avatar", Json::from(initials_avatar(&user.name, user.pk))),
        ("attributes", super::attributes(&user.attributes)),
        ("uid", Json::from(&user.uid)),
        ("path", Json::from(user.path)),
        ("type", Json::from(user.user_type.as_str())),
        ("uuid", Json::from(&user.uuid)),
    ]);
    if version.has_2024_api() {
        fields.push((
            "password_change_date",
            Json::from(format_drf(user.password_change_date)),
        ));
    }
    if version.has_2025_8_api() {
        fields.push(("last_updated", Json::from(format_drf(user.last_updated))));
    }
    Json::object(fields)
}

/// Renders a group as it appears in a user's `groups_obj`: `UserGroup` with its parent until
/// 2025.6, `PartialGroup` from 2025.12.
fn render_user_group(call: &Call<'_>, index: usize) -> Json {
    let group = &call.dataset.groups[index];
    let mut fields = vec![
        ("pk", Json::from(&group.pk)),
        ("num_pk", Json::from(group.num_pk)),
        ("name", Json::from(&group.name)),
        ("is_superuser", Json::from(group.is_superuser)),
    ];
    if !call.version.has_2025_12_api() {
        let parent = group.parent.map(|p| &call.dataset.groups[p]);
        fields.push(("parent", Json::from(parent.map(|p| &p.pk))));
        fields.push(("parent_name", Json::from(parent.map(|p| &p.name))));
    }
    fields.push(("attributes", super::attributes(&group.attributes)));
    Json::object(fields)
}
