//! Authentik API client over a [`Transport`], and the mapping of HTTP
//! statuses and transport failures to [`PluginError`].
//!
//! Authentik reports authentication failures as 403 (never 401) with a JSON
//! `detail`. The texts below are those of Django REST framework and of
//! Authentik's token authentication in releases 2023.10 to 2026.2.
//! No message ever contains the token: a server that echoes it gets it
//! replaced by `[redacted]`.

use serde_json::Value;

use crate::bindings::launcher::integration::types::{Document, MissingPermission, PluginError};
use crate::config::ConnectionSettings;
use crate::models::parse_json;
use crate::requests::ApiRequest;
use crate::transport::{HttpResponse, MAX_BODY_BYTES, Transport, TransportError};

/// `detail` texts of 403 responses that mean the token itself was rejected.
const TOKEN_REJECTED_DETAILS: [&str; 3] = [
    "Token invalid/expired",
    "Authentication credentials were not provided.",
    "Unsupported authentication type",
];

/// `detail` of the 404 a list returns for a page past its end.
const INVALID_PAGE_DETAIL: &str = "Invalid page.";

/// Text that replaces the token wherever a server echoes it.
const REDACTED: &str = "[redacted]";

/// Sends API requests and turns failures into [`PluginError`]s.
pub struct Client<T: Transport> {
    transport: T,
    api_root: String,
    token: String,
}

impl<T: Transport> Client<T> {
    /// Creates a client for the server and token of `settings`.
    pub fn new(transport: T, settings: &ConnectionSettings) -> Self {
        Self {
            transport,
            api_root: settings.api_root.clone(),
            token: settings.token.clone(),
        }
    }

    /// Returns the transport, such as an in-memory one a test inspects.
    pub fn into_transport(self) -> T {
        self.transport
    }

    /// Sends `request` and returns its document when the status is 2xx, or
    /// when it is the 404 `Invalid page.` that ends a paged list (the caller
    /// decides what that means). `permission` is the one the endpoint needs,
    /// named in a `forbidden` error.
    ///
    /// # Errors
    ///
    /// Every other status and every transport failure, mapped as described
    /// in [`status_error`] and [`transport_error`].
    pub fn get(&mut self, request: &ApiRequest, permission: &str) -> Result<Document, PluginError> {
        let url = format!("{}{}", self.api_root, request);
        let response = match self.transport.get(&url, &self.token) {
            Ok(response) => response,
            Err(error) => return Err(self.redact(transport_error(error, &self.url_of(request)))),
        };
        if response.body.len() > MAX_BODY_BYTES {
            let error = transport_error(
                TransportError::BodyTooLarge(format!("{} bytes", response.body.len())),
                &self.url_of(request),
            );
            return Err(error);
        }

        let success = (200..300).contains(&response.status);
        if !success && !is_invalid_page(response.status, &response.body) {
            let error = status_error(&response, request, &self.url_of(request), permission);
            return Err(self.redact(error));
        }

        let Ok(body) = String::from_utf8(response.body) else {
            return Err(PluginError::InvalidResponse(format!(
                "{request}: expected a JSON document, got a body that is not valid UTF-8"
            )));
        };
        Ok(Document {
            request: request.to_string(),
            status: response.status,
            body,
        })
    }

    /// Sends `request` and parses its 2xx body as JSON.
    ///
    /// # Errors
    ///
    /// As [`Client::get`]; a 404 `Invalid page.` and a body that is not JSON
    /// are `invalid-response`.
    pub fn get_json(
        &mut self,
        request: &ApiRequest,
        permission: &str,
    ) -> Result<Value, PluginError> {
        let document = self.get(request, permission)?;
        document_json(&document, permission).map_err(|error| self.redact(error))
    }

    /// Full URL of `request` without its query, for messages.
    fn url_of(&self, request: &ApiRequest) -> String {
        format!("{}{}", self.api_root, request.path)
    }

    fn redact(&self, error: PluginError) -> PluginError {
        redact_error(error, &self.token)
    }
}

/// Parses the body of a document; `permission` is the one its endpoint needs.
///
/// # Errors
///
/// The error of a non-2xx status as [`status_error`] maps it (a 404
/// `Invalid page.` is `invalid-response`), and `invalid-response` for a body
/// that is not JSON.
pub fn document_json(document: &Document, permission: &str) -> Result<Value, PluginError> {
    if !(200..300).contains(&document.status) {
        let response = HttpResponse {
            status: document.status,
            body: document.body.clone().into_bytes(),
            ..HttpResponse::default()
        };
        let request = ApiRequest::parse(&document.request);
        return Err(status_error(&response, &request, &request.path, permission));
    }
    parse_json(document.body.as_bytes())
        .map_err(|reason| PluginError::InvalidResponse(format!("{}: {reason}", document.request)))
}

/// True for the 404 `{"detail": "Invalid page."}` of a page past the end.
pub fn is_invalid_page(status: u16, body: &[u8]) -> bool {
    status == 404 && detail_of(body).as_deref() == Some(INVALID_PAGE_DETAIL)
}

/// Maps a response that is not 2xx to an error.
///
/// - 3xx: `invalid-response`, because the plugin never follows redirects.
/// - 400: `invalid-response` naming the rejected parameters.
/// - 401 and 403 with a token `detail`: `unauthorized`; other 403:
///   `forbidden` with `permission`.
/// - 404: `not-found`, except `Invalid page.`, which is `invalid-response`.
/// - 429: `rate-limited` with the `Retry-After` seconds.
/// - 502, 503, 504: `unreachable`; other statuses: `invalid-response`.
pub fn status_error(
    response: &HttpResponse,
    request: &ApiRequest,
    url: &str,
    permission: &str,
) -> PluginError {
    let status = response.status;
    let detail = detail_of(&response.body);
    match status {
        300..=399 => {
            let target = response
                .location
                .as_deref()
                .map(|location| location.split(['?', '#']).next().unwrap_or(""))
                .filter(|location| !location.is_empty());
            let message = match target {
                Some(target) => format!("{url}: redirected to {target}"),
                None => format!("{url}: redirected (status {status}) without a Location"),
            };
            PluginError::InvalidResponse(format!(
                "{message}: base_url must point at the Authentik server, not a login page"
            ))
        }
        400 => PluginError::InvalidResponse(bad_request_message(&response.body, request)),
        401 => PluginError::Unauthorized(format!(
            "{url}: the server returned 401: check the token, and any proxy in front of \
             Authentik that requires its own login"
        )),
        403 => match detail {
            Some(detail) if TOKEN_REJECTED_DETAILS.contains(&detail.as_str()) => {
                PluginError::Unauthorized(format!(
                    "the server rejected the token ({detail}): check the token is an \
                     Authentik API token (intent `api`) that is neither expired nor revoked"
                ))
            }
            Some(detail) => PluginError::Forbidden(MissingPermission {
                permission: permission.to_string(),
                message: detail,
            }),
            None => PluginError::Forbidden(MissingPermission {
                permission: permission.to_string(),
                message: format!(
                    "{url}: the server returned 403 without an Authentik error body; a proxy \
                     may block the API"
                ),
            }),
        },
        404 if detail.as_deref() == Some(INVALID_PAGE_DETAIL) => {
            PluginError::InvalidResponse(format!("{url}: the server returned 404 `Invalid page.`"))
        }
        404 => PluginError::NotFound(format!(
            "no Authentik API at {url}: check base_url, or the server is too old for this \
             endpoint"
        )),
        429 => PluginError::RateLimited(
            response
                .retry_after
                .as_deref()
                .and_then(|value| value.trim().parse::<u32>().ok()),
        ),
        502..=504 => PluginError::Unreachable(format!(
            "{url}: the server or a proxy in front of it returned {status}: Authentik is \
             down or starting"
        )),
        500..=599 => {
            PluginError::InvalidResponse(format!("{url}: the server returned error {status}"))
        }
        _ => PluginError::InvalidResponse(format!("{url}: unexpected status {status}")),
    }
}

/// Maps a transport failure of a request to `url` to an error.
pub fn transport_error(error: TransportError, url: &str) -> PluginError {
    match error {
        TransportError::Denied(message) => PluginError::Denied(format!(
            "the host denied the request to {url} ({message}): allow the origin of base_url \
             in the host configuration"
        )),
        TransportError::Timeout(message) => {
            PluginError::Timeout(format!("{url}: timed out ({message})"))
        }
        TransportError::Unreachable(message) => {
            PluginError::Unreachable(format!("{url}: cannot connect ({message})"))
        }
        TransportError::BodyTooLarge(message) => PluginError::InvalidResponse(format!(
            "{url}: the response body is larger than {} MiB ({message})",
            MAX_BODY_BYTES / (1024 * 1024)
        )),
        TransportError::BodyIncomplete(message) => PluginError::InvalidResponse(format!(
            "{url}: the response body could not be read to its end: it was cut off, exceeded \
             the host's size cap or stalled ({message})"
        )),
        TransportError::Other(message) => {
            PluginError::Unreachable(format!("{url}: the request failed ({message})"))
        }
    }
}

/// Replaces every occurrence of `token` in the messages of `error`.
pub fn redact_error(error: PluginError, token: &str) -> PluginError {
    let clean = |text: String| redact(&text, token);
    match error {
        PluginError::InvalidConfig(mut problem) => {
            problem.message = clean(problem.message);
            PluginError::InvalidConfig(problem)
        }
        PluginError::Unauthorized(message) => PluginError::Unauthorized(clean(message)),
        PluginError::Forbidden(mut missing) => {
            missing.message = clean(missing.message);
            PluginError::Forbidden(missing)
        }
        PluginError::NotFound(message) => PluginError::NotFound(clean(message)),
        PluginError::RateLimited(seconds) => PluginError::RateLimited(seconds),
        PluginError::Timeout(message) => PluginError::Timeout(clean(message)),
        PluginError::Unreachable(message) => PluginError::Unreachable(clean(message)),
        PluginError::Denied(message) => PluginError::Denied(clean(message)),
        PluginError::InvalidResponse(message) => PluginError::InvalidResponse(clean(message)),
        PluginError::UnsupportedVersion(message) => PluginError::UnsupportedVersion(clean(message)),
        PluginError::Internal(message) => PluginError::Internal(clean(message)),
    }
}

/// Replaces every occurrence of `token` in `text` by `[redacted]`.
pub fn redact(text: &str, token: &str) -> String {
    if token.is_empty() {
        return text.to_string();
    }
    text.replace(token, REDACTED)
}

/// Returns `detail` of a JSON error body.
fn detail_of(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    value.get("detail")?.as_str().map(str::to_string)
}

/// Describes a 400 body `{"<param>": ["<message>", ...]}`.
fn bad_request_message(body: &[u8], request: &ApiRequest) -> String {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let Some(Value::Object(map)) = parsed else {
        return format!("{request}: the server rejected the request (status 400)");
    };
    let names: Vec<&str> = map.keys().map(String::as_str).collect();
    let first_message = map
        .values()
        .next()
        .and_then(|value| match value {
            Value::Array(items) => items.first().and_then(Value::as_str).map(str::to_string),
            Value::String(text) => Some(text.clone()),
            _ => None,
        })
        .unwrap_or_default();
    format!(
        "{request}: the server rejected the parameter(s) {}: {first_message}",
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::launcher::integration::types::Config;
    use crate::requests;

    struct Canned(Result<HttpResponse, TransportError>);

    impl Transport for Canned {
        fn get(&mut self, _url: &str, _token: &str) -> Result<HttpResponse, TransportError> {
            self.0.clone()
        }
    }

    const TOKEN: &str = "s3cret-token-value";

    fn client(reply: Result<HttpResponse, TransportError>) -> Client<Canned> {
        let config = Config {
            values: vec![
                (
                    "base_url".to_string(),
                    "https://auth.example.com".to_string(),
                ),
                ("token".to_string(), TOKEN.to_string()),
            ],
        };
        let settings = ConnectionSettings::from_config(&config).unwrap();
        Client::new(Canned(reply), &settings)
    }

    fn error_for(reply: Result<HttpResponse, TransportError>) -> PluginError {
        client(reply)
            .get(&requests::users_count(), "authentik_core.view_user")
            .unwrap_err()
    }

    fn html(status: u16) -> HttpResponse {
        HttpResponse {
            status,
            content_type: Some("text/html".to_string()),
            body: b"<!DOCTYPE html><html></html>".to_vec(),
            ..HttpResponse::default()
        }
    }

    #[test]
    fn invalid_token_is_unauthorized() {
        let error = error_for(Ok(HttpResponse::json(
            403,
            r#"{"detail":"Token invalid/expired"}"#,
        )));
        assert!(matches!(&error, PluginError::Unauthorized(m) if m.contains("check the token")));
    }

    #[test]
    fn missing_credentials_is_unauthorized() {
        let body = r#"{"detail":"Authentication credentials were not provided."}"#;
        let error = error_for(Ok(HttpResponse::json(403, body)));
        assert!(matches!(error, PluginError::Unauthorized(_)));
    }

    #[test]
    fn unsupported_auth_type_is_unauthorized() {
        let body = r#"{"detail":"Unsupported authentication type"}"#;
        let error = error_for(Ok(HttpResponse::json(403, body)));
        assert!(matches!(error, PluginError::Unauthorized(_)));
    }

    #[test]
    fn permission_denied_is_forbidden() {
        let body = r#"{"detail":"You do not have permission to perform this action."}"#;
        let error = error_for(Ok(HttpResponse::json(403, body)));
        let PluginError::Forbidden(missing) = error else {
            panic!("expected forbidden, got {error:?}");
        };
        assert_eq!(missing.permission, "authentik_core.view_user");
        assert_eq!(
            missing.message,
            "You do not have permission to perform this action."
        );
    }

    #[test]
    fn html_404_is_not_found() {
        let error = error_for(Ok(html(404)));
        let PluginError::NotFound(message) = error else {
            panic!("expected not-found, got {error:?}");
        };
        assert!(message.contains("https://auth.example.com/api/v3/core/users/"));
        assert!(message.contains("base_url"));
    }

    #[test]
    fn invalid_page_ends_paging_only() {
        let reply = Ok(HttpResponse::json(404, r#"{"detail":"Invalid page."}"#));
        let document = client(reply.clone())
            .get(&requests::probe_events(), "authentik_events.view_event")
            .unwrap();
        assert_eq!(document.status, 404);
        let error = client(reply)
            .get_json(&requests::users_count(), "authentik_core.view_user")
            .unwrap_err();
        assert!(matches!(error, PluginError::InvalidResponse(_)));
    }

    #[test]
    fn bad_request_names_parameter() {
        let body =
            r#"{"actions":["Select a valid choice. bogus is not one of the available choices."]}"#;
        let error = error_for(Ok(HttpResponse::json(400, body)));
        assert!(
            matches!(&error, PluginError::InvalidResponse(m) if m.contains("actions") && m.contains("bogus")),
            "{error:?}"
        );
    }

    #[test]
    fn too_many_requests_reads_retry_after() {
        let mut response = HttpResponse::json(429, "{}");
        response.retry_after = Some("30".to_string());
        assert_eq!(error_for(Ok(response)), PluginError::RateLimited(Some(30)));
        let mut dated = HttpResponse::json(429, "{}");
        dated.retry_after = Some("Wed, 21 Oct 2026 07:28:00 GMT".to_string());
        assert_eq!(error_for(Ok(dated)), PluginError::RateLimited(None));
    }

    #[test]
    fn gateway_errors_are_unreachable() {
        for status in [502, 503, 504] {
            assert!(matches!(
                error_for(Ok(html(status))),
                PluginError::Unreachable(_)
            ));
        }
    }

    #[test]
    fn server_error_is_invalid_response() {
        let error = error_for(Ok(html(500)));
        assert!(matches!(&error, PluginError::InvalidResponse(m) if m.contains("500")));
    }

    #[test]
    fn redirect_names_target_without_query() {
        let response = HttpResponse {
            status: 302,
            location: Some("https://sso.example.com/login?next=/api/v3/&token=x".to_string()),
            ..HttpResponse::default()
        };
        let error = error_for(Ok(response));
        let PluginError::InvalidResponse(message) = error else {
            panic!("expected invalid-response, got {error:?}");
        };
        assert!(message.contains("redirected to https://sso.example.com/login:"));
        assert!(!message.contains("next="));
    }

    #[test]
    fn html_200_is_invalid_response() {
        let error = client(Ok(html(200)))
            .get_json(&requests::users_count(), "")
            .unwrap_err();
        assert!(matches!(&error, PluginError::InvalidResponse(m) if m.contains("HTML")));
    }

    #[test]
    fn invalid_utf8_is_invalid_response() {
        let error = error_for(Ok(HttpResponse::json(200, vec![b'{', 0xff, b'}'])));
        assert!(matches!(&error, PluginError::InvalidResponse(m) if m.contains("UTF-8")));
    }

    #[test]
    fn transport_errors_map_to_variants() {
        let cases = [
            (TransportError::Denied("x".into()), "denied"),
            (TransportError::Timeout("x".into()), "timeout"),
            (TransportError::Unreachable("x".into()), "unreachable"),
            (TransportError::BodyTooLarge("x".into()), "invalid-response"),
            (
                TransportError::BodyIncomplete("x".into()),
                "invalid-response",
            ),
        ];
        for (transport, expected) in cases {
            let kind = match error_for(Err(transport)) {
                PluginError::Denied(_) => "denied",
                PluginError::Timeout(_) => "timeout",
                PluginError::Unreachable(_) => "unreachable",
                PluginError::InvalidResponse(_) => "invalid-response",
                other => panic!("unexpected {other:?}"),
            };
            assert_eq!(kind, expected);
        }
    }

    #[test]
    fn echoed_token_is_redacted() {
        let body = format!(r#"{{"detail":"bad header Bearer {TOKEN}"}}"#);
        let error = error_for(Ok(HttpResponse::json(403, body)));
        let text = format!("{error:?}");
        assert!(!text.contains(TOKEN), "{text}");
        assert!(text.contains("[redacted]"));
    }
}
