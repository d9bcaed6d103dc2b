//! `core/users/me/`: the token user.

use super::Call;
use super::avatar::initials_avatar;
use crate::json::Json;
use crate::reply::Reply;

/// System permissions of a superuser, as 2025.12.4 returned them for `akadmin`.
// NOTE: other releases may list other system permissions; the simulator sends this list for
// every release.
const SUPERUSER_SYSTEM_PERMISSIONS: [&str; 16] = [
    "assign_role_permissions",
    "access_admin_interface",
    "delete_initialpermissions",
    "view_system_settings",
    "view_media_files",
    "manage_media_files",
    "view_initialpermissions",
    "view_system_info",
    "add_initialpermissions",
    "add_role",
    "view_role",
    "edit_system_settings",
    "change_initialpermissions",
    "change_role",
    "unassign_role_permissions",
    "delete_role",
];

/// Returns `{user: UserSelf}`, plus `users` from 2026.8. Any valid token may call it.
pub(crate) fn get(call: &Call<'_>) -> Reply {
    let mut body = vec![("user", render_user_self(call))];
    if call.version.has_session_users() {
        // NOTE: what 2026.8 puts into `users` for an API token is unverified; this sends an
        // empty list.
        body.push(("users", Json::Array(Vec::new())));
    }
    Reply::ok(&Json::object(body))
}

/// Renders the token user as `UserSelf`. `is_superuser` comes from the token grant, which
/// decides what the token may do.
fn render_user_self(call: &Call<'_>) -> Json {
    let dataset = call.dataset;
    let user = &dataset.users[call.principal.user];
    let superuser = call.principal.grant.superuser;

    let groups: Vec<Json> = user
        .groups
        .iter()
        .map(|&g| {
            let group = &dataset.groups[g];
            Json::object([
                ("name", Json::from(&group.name)),
                ("pk", Json::from(&group.pk)),
            ])
        })
        .collect();

    let mut fields = vec![
        ("pk", Json::from(user.pk)),
        ("username", Json::from(&user.username)),
        ("name", Json::from(&user.name)),
        ("is_active", Json::from(user.is_active)),
        ("is_superuser", Json::from(superuser)),
    ];
    if call.version.has_session_users() {
        fields.push(("is_current", Json::from(true)));
    }
    fields.push(("groups", Json::Array(groups)));
    if call.version.has_2025_12_api() {
        let roles: Vec<Json> = user
            .roles
            .iter()
            .map(|&r| {
                let role = &dataset.roles[r];
                Json::object([
                    ("name", Json::from(&role.name)),
                    ("pk", Json::from(&role.pk)),
                ])
            })
            .collect();
        fields.push(("roles", Json::Array(roles)));
    }
    let system_permissions: Vec<Json> = if superuser {
        SUPERUSER_SYSTEM_PERMISSIONS
            .iter()
            .map(|p| Json::from(*p))
            .collect()
    } else {
        Vec::new()
    };
    fields.extend([
        ("email", Json::from(&user.email)),
        ("avatar", Json::from(initials_avatar(&user.name, user.pk))),
        ("uid", Json::from(&user.uid)),
        ("settings", Json::empty_object()),
        ("type", Json::from(user.user_type.as_str())),
        ("system_permissions", Json::Array(system_permissions)),
    ]);
    Json::object(fields)
}
