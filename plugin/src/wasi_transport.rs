//! [`Transport`] over wasi:http, through the `waki` client.
//!
//! wasi:http never follows redirects, so a 3xx reaches the client as a
//! response.

use std::time::Duration;

use waki::{Client, ErrorCode};

use crate::transport::{HttpResponse, MAX_BODY_BYTES, Transport, TransportError};

/// Time allowed to open a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Bytes requested per body read.
const CHUNK_BYTES: u64 = 64 * 1024;

/// Sends requests through the host's `wasi:http/outgoing-handler`.
///
/// NOTE: waki sets only the connect timeout; the time to the first byte and
/// between bytes is bounded by the host.
#[derive(Clone, Copy, Debug, Default)]
pub struct WasiTransport;

impl Transport for WasiTransport {
    fn get(&mut self, url: &str, token: &str) -> Result<HttpResponse, TransportError> {
        let response = Client::new()
            .get(url)
            .header("authorization", format!("Bearer {token}"))
            .header("accept", "application/json")
            .connect_timeout(CONNECT_TIMEOUT)
            .send()
            .map_err(|error| map_error(&error))?;

        let header = |name: &str| {
            response
                .header(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let status = response.status_code();
        let content_type = header("content-type");
        let retry_after = header("retry-after");
        let location = header("location");

        let mut body = Vec::new();
        loop {
            match response.chunk(CHUNK_BYTES) {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > MAX_BODY_BYTES {
                        return Err(TransportError::BodyTooLarge(format!(
                            "more than {MAX_BODY_BYTES} bytes"
                        )));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                // NOTE: waki hides the wasi:http error code of a failed body
                // read, so a cut-off body, a host-side size cap and a stalled
                // body all land here and cannot be distinguished.
                Err(error) => {
                    return Err(TransportError::BodyIncomplete(error.to_string()));
                }
            }
        }

        Ok(HttpResponse {
            status,
            content_type,
            retry_after,
            location,
            body,
        })
    }
}

/// Maps a waki error to a transport error by its wasi:http error code.
fn map_error(error: &anyhow::Error) -> TransportError {
    let Some(code) = error.downcast_ref::<ErrorCode>() else {
        return TransportError::Other(error.to_string());
    };
    let message = format!("{code:?}");
    match code {
        ErrorCode::HttpRequestDenied => TransportError::Denied(message),
        ErrorCode::ConnectionTimeout
        | ErrorCode::ConnectionReadTimeout
        | ErrorCode::ConnectionWriteTimeout
        | ErrorCode::HttpResponseTimeout
        | ErrorCode::DnsTimeout => TransportError::Timeout(message),
        ErrorCode::ConnectionRefused
        | ErrorCode::DestinationNotFound
        | ErrorCode::DnsError(_)
        | ErrorCode::DestinationUnavailable
        | ErrorCode::DestinationIpProhibited
        | ErrorCode::DestinationIpUnroutable
        | ErrorCode::ConnectionTerminated
        | ErrorCode::ConnectionLimitReached
        | ErrorCode::TlsProtocolError
        | ErrorCode::TlsCertificateError
        | ErrorCode::TlsAlertReceived(_) => TransportError::Unreachable(message),
        ErrorCode::HttpResponseBodySize(_) => TransportError::BodyTooLarge(message),
        _ => TransportError::Other(message),
    }
}
