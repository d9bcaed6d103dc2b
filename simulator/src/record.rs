//! The log of requests the simulator received.

/// One request the simulator received, without its credentials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The HTTP method, such as `GET`.
    pub method: String,
    /// The URL path, such as `/api/v3/events/events/`.
    pub path: String,
    /// The raw query string without the `?`, empty when there was none.
    pub query: String,
    /// The decoded query parameters, in request order.
    pub query_pairs: Vec<(String, String)>,
    /// The HTTP status code of the response.
    pub status: u16,
    /// Whether the request carried a token that the simulator accepted.
    pub authenticated: bool,
}
