//! The JSON form of an event, which changes between releases.

use super::Call;
use crate::ApiVersion;
use crate::dataset::{ANONYMOUS_USER_PK, APPLICATIONS, Event, EventKind, MODELS};
use crate::datetime::format_drf;
use crate::json::Json;

/// The flow executor path of the default login flow.
const LOGIN_FLOW_PATH: &str = "/api/v3/flows/executor/default-authentication-flow/";

/// Renders an `Event` with `user`, `context` and `brand` (or `tenant`) as the release stores
/// them. Stored JSON keeps PostgreSQL `jsonb` key order.
pub(crate) fn render_event(call: &Call<'_>, event: &Event) -> Json {
    let catalog = &call.dataset.catalog;
    let owner = if call.version.has_brands() {
        (
            "brand",
            Json::jsonb([
                ("pk", Json::from(&catalog.brand_pk)),
                ("app", Json::from("authentik_brands")),
                ("name", Json::from("Default brand")),
                ("model_name", Json::from("brand")),
            ]),
        )
    } else {
        (
            "tenant",
            Json::jsonb([
                ("pk", Json::from(&catalog.tenant_pk)),
                ("app", Json::from("authentik_tenants")),
                ("name", Json::from("Default tenant")),
                ("model_name", Json::from("tenant")),
            ]),
        )
    };
    Json::object([
        ("pk", Json::from(&event.pk)),
        ("user", render_event_user(call, event)),
        ("action", Json::from(&event.action)),
        ("app", Json::from(app_of(&event.detail.kind))),
        ("context", render_context(call, event)),
        ("client_ip", Json::from(event.client_ip.as_deref())),
        ("created", Json::from(format_drf(event.created))),
        ("expires", Json::from(format_drf(event.detail.expires))),
        owner,
    ])
}

/// Returns the `username` of the event's `user` as the release stores it, which is what the
/// `username` filter compares until 2025.6.
pub(crate) fn stored_username(call: &Call<'_>, event: &Event) -> Option<String> {
    match render_event_user(call, event) {
        Json::Object(fields) => {
            fields
                .into_iter()
                .find_map(|(key, value)| match (key.as_str(), value) {
                    ("username", Json::Str(name)) => Some(name),
                    _ => None,
                })
        }
        _ => None,
    }
}

/// Returns the module that created the event.
fn app_of(kind: &EventKind) -> &'static str {
    match kind {
        EventKind::Login { .. } | EventKind::LoginFailed { .. } | EventKind::Logout => {
            "authentik.events.signals"
        }
        EventKind::AuthorizeApplication { .. } => "authentik.providers.oauth2.views.authorize",
        EventKind::ModelUpdated { .. } => "authentik.events.middleware",
        EventKind::Custom { .. } => "authentik.policies.expression.evaluator",
    }
}

/// Renders the event's `user`. A failed login is attributed to `AnonymousUser` until 2024.6,
/// to the account with the typed username (else `AnonymousUser`) in 2024.8–2025.6, and from
/// 2025.8 an unknown username gives `{pk: null, email: name, username: name,
/// authenticated_as: AnonymousUser}`.
fn render_event_user(call: &Call<'_>, event: &Event) -> Json {
    let account = event.detail.user.map(|index| &call.dataset.users[index]);
    let account_json = account.map(|user| {
        Json::jsonb([
            ("pk", Json::from(user.pk)),
            ("email", Json::from(&user.email)),
            ("username", Json::from(&user.username)),
        ])
    });
    if !matches!(event.detail.kind, EventKind::LoginFailed { .. }) {
        return account_json.unwrap_or_else(|| anonymous_user(call.version));
    }

    match call.version {
        ApiVersion::V2023_10 => anonymous_user(call.version),
        ApiVersion::V2025_6 => account_json.unwrap_or_else(|| anonymous_user(call.version)),
        _ => account_json.unwrap_or_else(|| {
            let typed = event.typed_username.clone().unwrap_or_default();
            Json::jsonb([
                ("pk", Json::Null),
                ("email", Json::from(typed.clone())),
                ("username", Json::from(typed)),
                ("authenticated_as", anonymous_user(call.version)),
            ])
        }),
    }
}

/// Renders `AnonymousUser`, with `is_anonymous` from 2024.2.
fn anonymous_user(version: ApiVersion) -> Json {
    let mut fields = vec![
        ("pk", Json::from(ANONYMOUS_USER_PK)),
        ("email", Json::from("")),
        ("username", Json::from("AnonymousUser")),
    ];
    if version.has_2024_api() {
        fields.push(("is_anonymous", Json::from(true)));
    }
    Json::jsonb(fields)
}

/// Renders `context.http_request`: `user_agent` from 2024.2 and `request_id` from 2024.8.
fn render_http_request(call: &Call<'_>, event: &Event, path: &str, method: &str) -> Json {
    render_http_request_with_args(call, event, path, method, Json::empty_object())
}

/// Renders `context.http_request` with the request's query parameters in `args`.
fn render_http_request_with_args(
    call: &Call<'_>,
    event: &Event,
    path: &str,
    method: &str,
    args: Json,
) -> Json {
    let mut fields = vec![
        ("args", args),
        ("path", Json::from(path)),
        ("method", Json::from(method)),
    ];
    if call.version.has_2024_api() {
        fields.push(("request_id", Json::from(&event.detail.request_id)));
        fields.push(("user_agent", Json::from(&event.detail.user_agent)));
    }
    Json::jsonb(fields)
}

/// Renders a model reference (`{pk, app, name, model_name}`) as authentik's
/// `sanitize_item` stores it.
fn model_reference(pk: Json, app: &str, name: &str, model_name: &str) -> Json {
    Json::jsonb([
        ("pk", pk),
        ("app", Json::from(app)),
        ("name", Json::from(name)),
        ("model_name", Json::from(model_name)),
    ])
}

/// Renders the event's `context`.
fn render_context(call: &Call<'_>, event: &Event) -> Json {
    let catalog = &call.dataset.catalog;
    match &event.detail.kind {
        EventKind::Login { known_device } => {
            let arguments = if call.version.has_2025_8_api() {
                Json::object([("known_device", Json::from(*known_device))])
            } else {
                Json::empty_object()
            };
            Json::jsonb([
                ("auth_method", Json::from("password")),
                (
                    "http_request",
                    render_http_request(call, event, LOGIN_FLOW_PATH, "GET"),
                ),
                ("auth_method_args", arguments),
            ])
        }
        EventKind::LoginFailed { totp } => {
            let typed = Json::from(event.typed_username.as_deref());
            let http_request = render_http_request(call, event, LOGIN_FLOW_PATH, "POST");
            if *totp {
                let stage = model_reference(
                    Json::from(&catalog.mfa_stage_pk),
                    "authentik_stages_authenticator_validate",
                    "default-authentication-mfa-validation",
                    "authenticatorvalidatestage",
                );
                Json::jsonb([
                    ("stage", stage),
                    ("username", typed),
                    ("http_request", http_request),
                    (
                        "auth_method_args",
                        Json::object([("device_class", Json::from("totp"))]),
                    ),
                ])
            } else {
                let stage = model_reference(
                    Json::from(&catalog.password_stage_pk),
                    "authentik_stages_password",
                    "default-authentication-password",
                    "passwordstage",
                );
                Json::jsonb([
                    ("stage", stage),
                    ("password", Json::from("********************")),
                    ("username", typed),
                    ("http_request", http_request),
                ])
            }
        }
        EventKind::Logout => Json::jsonb([(
            "http_request",
            render_http_request(
                call,
                event,
                "/api/v3/flows/executor/default-invalidation-flow/",
                "GET",
            ),
        )]),
        EventKind::AuthorizeApplication { application } => {
            let (name, slug) = APPLICATIONS[*application];
            let args = Json::jsonb([
                ("scope", Json::from("openid email profile")),
                ("client_id", Json::from(slug)),
                ("response_type", Json::from("code")),
            ]);
            let path = "/application/o/authorize/";
            Json::jsonb([
                ("flow", Json::from(&catalog.consent_flow_pk)),
                ("scopes", Json::from("openid email profile")),
                (
                    "http_request",
                    render_http_request_with_args(call, event, path, "GET", args),
                ),
                (
                    "authorized_application",
                    model_reference(
                        Json::from(&catalog.application_pks[*application]),
                        "authentik_core",
                        name,
                        "application",
                    ),
                ),
            ])
        }
        EventKind::ModelUpdated { model } => {
            let (app, model_name, name, path) = MODELS[*model];
            Json::jsonb([
                (
                    "model",
                    model_reference(
                        Json::from(&catalog.model_pks[*model]),
                        app,
                        name,
                        model_name,
                    ),
                ),
                (
                    "http_request",
                    render_http_request(call, event, path, "PATCH"),
                ),
            ])
        }
        EventKind::Custom { message } => Json::jsonb([
            ("message", Json::from(message)),
            (
                "http_request",
                render_http_request(call, event, LOGIN_FLOW_PATH, "GET"),
            ),
        ]),
    }
}
