//! Responses before they become HTTP: status, content type and body.

use crate::ApiVersion;
use crate::json::Json;

/// The HTML page that authentik's Django router returns for unknown URLs (recorded from
/// 2025.12.4; the release string in asset names is replaced per release).
const NOT_FOUND_PAGE: &str = include_str!("not_found.html");

/// The content type of every JSON response.
pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A response to send.
#[derive(Clone, Debug)]
pub(crate) struct Reply {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) body: Vec<u8>,
    /// The `Allow` header that DRF adds to every response of an API view.
    pub(crate) allow: Option<&'static str>,
}

impl Reply {
    /// Builds a JSON response.
    pub(crate) fn json(status: u16, body: &Json) -> Reply {
        Reply {
            status,
            content_type: JSON_CONTENT_TYPE,
            body: body.to_bytes(),
            allow: None,
        }
    }

    /// Builds a 200 response with a JSON body.
    pub(crate) fn ok(body: &Json) -> Reply {
        Reply::json(200, body)
    }

    /// Builds a DRF error: `{"detail": message}`.
    pub(crate) fn detail(status: u16, message: &str) -> Reply {
        Reply::json(status, &Json::object([("detail", Json::from(message))]))
    }

    /// Builds a django-filter validation error on one query parameter: 400 `{"name": [message]}`.
    pub(crate) fn invalid_filter(name: &str, message: String) -> Reply {
        Reply::json(
            400,
            &Json::object([(name, Json::Array(vec![Json::Str(message)]))]),
        )
    }

    /// Builds the error of a multiple-choice filter given a value that is not a choice.
    pub(crate) fn invalid_choice(name: &str, value: &str) -> Reply {
        Reply::invalid_filter(
            name,
            format!("Select a valid choice. {value} is not one of the available choices."),
        )
    }

    /// Builds the HTML 404 page of an unknown URL.
    pub(crate) fn not_found_page(version: ApiVersion) -> Reply {
        Reply {
            status: 404,
            content_type: "text/html; charset=utf-8",
            body: NOT_FOUND_PAGE
                .replace("2025.12.4", version.as_str())
                .into_bytes(),
            allow: None,
        }
    }
}
