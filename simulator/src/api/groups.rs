//! `core/groups/`: the group list.

use super::Call;
use crate::Permission;
use crate::dataset::Group;
use crate::datetime::format_drf;
use crate::json::Json;
use crate::pagination::paginated_reply;
use crate::reply::Reply;

/// Lists groups ordered by name, filtered by `name`, `is_superuser` and
/// `members_by_username`.
pub(crate) fn list(call: &Call<'_>) -> Reply {
    if !call.principal.grant.allows(Permission::ViewGroup) {
        return Reply::detail(403, super::PERMISSION_DENIED);
    }
    let dataset = call.dataset;
    let query = call.query;

    let mut groups: Vec<(usize, &Group)> = dataset.groups.iter().enumerate().collect();
    if let Some(name) = query.filter_value("name") {
        groups.retain(|(_, group)| group.name == name);
    }
    if let Some(superuser) = query.boolean_filter("is_superuser") {
        groups.retain(|(_, group)| group.is_superuser == superuser);
    }
    let members = query.get_all("members_by_username");
    if !members.is_empty() {
        groups.retain(|(index, _)| {
            dataset.users.iter().any(|user| {
                user.groups.contains(index) && members.contains(&user.username.as_str())
            })
        });
    }
    super::sort(&mut groups, false, |(_, group)| group.name.to_lowercase());

    paginated_reply(&groups, query, call.version, |(index, group)| {
        render_group(call, *index, group)
    })
}

/// Renders a `Group`: `parent` and `parent_name` until 2025.6, `parents`, `children` and
/// inherited roles from 2025.12.
fn render_group(call: &Call<'_>, index: usize, group: &Group) -> Json {
    let dataset = call.dataset;
    let query = call.query;
    let version = call.version;

    let members: Vec<_> = dataset
        .users
        .iter()
        .filter(|user| user.groups.contains(&index))
        .collect();
    let member_pks: Vec<Json> = members.iter().map(|user| Json::from(user.pk)).collect();
    let include_users = !version.has_2024_api() || query.include_switch("include_users");
    let users_obj = if include_users {
        let objects = members
            .iter()
            .map(|user| {
                Json::object([
                    ("pk", Json::from(user.pk)),
                    ("username", Json::from(&user.username)),
                    ("name", Json::from(&user.name)),
                    ("is_active", Json::from(user.is_active)),
                    ("last_login", Json::from(user.last_login.map(format_drf))),
                    ("email", Json::from(&user.email)),
                    ("attributes", super::attributes(&user.attributes)),
                    ("uid", Json::from(&user.uid)),
                ])
            })
            .collect();
        Json::Array(objects)
    } else {
        Json::Null
    };
    let role_pks: Vec<Json> = group
        .roles
        .iter()
        .map(|&r| Json::from(&dataset.roles[r].pk))
        .collect();
    let roles_obj: Vec<Json> = group
        .roles
        .iter()
        .map(|&r| super::render_role(dataset, r))
        .collect();

    let mut fields = vec![
        ("pk", Json::from(&group.pk)),
        ("num_pk", Json::from(group.num_pk)),
        ("name", Json::from(&group.name)),
        ("is_superuser", Json::from(group.is_superuser)),
    ];
    if !version.has_2025_12_api() {
        let parent = group.parent.map(|p| &dataset.groups[p]);
        fields.push(("parent", Json::from(parent.map(|p| &p.pk))));
        fields.push(("parent_name", Json::from(parent.map(|p| &p.name))));
        fields.extend([
            ("users", Json::Array(member_pks)),
            ("users_obj", users_obj),
            ("attributes", super::attributes(&group.attributes)),
            ("roles", Json::Array(role_pks)),
            ("roles_obj", Json::Array(roles_obj)),
        ]);
        return Json::object(fields);
    }

    let parents: Vec<usize> = group.parent.into_iter().collect();
    let children: Vec<usize> = (0..dataset.groups.len())
        .filter(|&other| dataset.groups[other].parent == Some(index))
        .collect();
    let related = |indexes: &[usize], switch: &str| {
        if query
            .get(switch)
            .is_some_and(|value| value.eq_ignore_ascii_case("true"))
        {
            Json::Array(
                indexes
                    .iter()
                    .map(|&i| render_related_group(call, i))
                    .collect(),
            )
        } else {
            Json::Null
        }
    };
    let inherited_roles = if query
        .get("include_inherited_roles")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        let roles = group
            .parent
            .map(|p| {
                dataset.groups[p]
                    .roles
                    .iter()
                    .map(|&r| super::render_role(dataset, r))
                    .collect()
            })
            .unwrap_or_default();
        Json::Array(roles)
    } else {
        Json::Null
    };

    fields.extend([
        (
            "parents",
            Json::Array(
                parents
                    .iter()
                    .map(|&p| Json::from(&dataset.groups[p].pk))
                    .collect(),
            ),
        ),
        ("parents_obj", related(&parents, "include_parents")),
        ("users", Json::Array(member_pks)),
        ("users_obj", users_obj),
        ("attributes", super::attributes(&group.attributes)),
        ("roles", Json::Array(role_pks)),
        ("roles_obj", Json::Array(roles_obj)),
        ("inherited_roles_obj", inherited_roles),
        (
            "children",
            Json::Array(
                children
                    .iter()
                    .map(|&c| Json::from(&dataset.groups[c].pk))
                    .collect(),
            ),
        ),
        ("children_obj", related(&children, "include_children")),
    ]);
    Json::object(fields)
}

/// Renders a `RelatedGroup`, the form of parents and children from 2025.12.
fn render_related_group(call: &Call<'_>, index: usize) -> Json {
    let group = &call.dataset.groups[index];
    Json::object([
        ("pk", Json::from(&group.pk)),
        ("name", Json::from(&group.name)),
        ("is_superuser", Json::from(group.is_superuser)),
        ("attributes", super::attributes(&group.attributes)),
        ("group_uuid", Json::from(&group.pk)),
    ])
}
