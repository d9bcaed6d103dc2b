//! The HTTP GET the API client needs, behind a trait.
//!
//! The component uses wasi:http (`wasi_transport`); tests use in-memory
//! transports.

use std::fmt;

/// Largest response body the plugin reads, in bytes (16 MiB).
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// A response: status, the headers the client reads, and the body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type` header.
    pub content_type: Option<String>,
    /// `Retry-After` header.
    pub retry_after: Option<String>,
    /// `Location` header.
    pub location: Option<String>,
    /// Response body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// Creates a JSON response with `status` and `body`.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            content_type: Some("application/json".to_string()),
            body: body.into(),
            ..Self::default()
        }
    }
}

/// Failure of a request that got no complete response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The host rejected the request because its origin is not granted.
    Denied(String),
    /// Connecting or waiting for the response timed out.
    Timeout(String),
    /// The server could not be reached: refused, DNS failure, TLS failure,
    /// or a connection closed early.
    Unreachable(String),
    /// The body is larger than [`MAX_BODY_BYTES`] or the host's limit.
    BodyTooLarge(String),
    /// The headers arrived but the body could not be read to its end.
    BodyIncomplete(String),
    /// Any other failure.
    Other(String),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Denied(message) => write!(f, "request denied by the host: {message}"),
            Self::Timeout(message) => write!(f, "request timed out: {message}"),
            Self::Unreachable(message) => write!(f, "server unreachable: {message}"),
            Self::BodyTooLarge(message) => write!(f, "response body too large: {message}"),
            Self::BodyIncomplete(message) => write!(f, "response body incomplete: {message}"),
            Self::Other(message) => write!(f, "request failed: {message}"),
        }
    }
}

impl std::error::Error for TransportError {}

/// Sends GET requests with a bearer token.
///
/// Implementations never follow redirects: a 3xx comes back as a response.
pub trait Transport {
    /// Sends `GET url` with `Authorization: Bearer {token}`.
    ///
    /// # Errors
    ///
    /// A [`TransportError`] when no complete response arrived.
    fn get(&mut self, url: &str, token: &str) -> Result<HttpResponse, TransportError>;
}

/// A transport for builds without wasi:http: every request fails with
/// [`TransportError::Other`].
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTransport;

impl Transport for NoTransport {
    fn get(&mut self, _url: &str, _token: &str) -> Result<HttpResponse, TransportError> {
        Err(TransportError::Other(
            "this build has no HTTP transport: fetch works in the wasm32-wasip2 component"
                .to_string(),
        ))
    }
}
