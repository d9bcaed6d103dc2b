//! The outgoing-HTTP gate of the sandbox: every request a plugin sends
//! through wasi:http passes here, where the origin is checked, timeouts are
//! set and the response body is capped.

use std::collections::HashSet;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use wasmtime_wasi_http::{Error as HttpError, RequestOptions, WasiBody, WasiHttpHooks};

use crate::config::Limits;
use crate::origin::Origin;

/// Per-plugin state of the gate, shared by every call of that plugin.
#[derive(Clone)]
pub struct HttpGate {
    plugin_id: Arc<str>,
    origin: Arc<Origin>,
    limits: Limits,
    /// Origins already logged as denied, so each is logged once.
    denied: Arc<Mutex<HashSet<String>>>,
}

impl HttpGate {
    /// Creates the gate of one plugin.
    pub fn new(plugin_id: &str, origin: Origin, limits: Limits) -> Self {
        Self {
            plugin_id: plugin_id.into(),
            origin: Arc::new(origin),
            limits,
            denied: Arc::default(),
        }
    }

    fn log_denied_once(&self, tried: &str) {
        let first = self
            .denied
            .lock()
            .map(|mut seen| seen.insert(tried.to_string()))
            .unwrap_or(true);
        if first {
            tracing::warn!(
                plugin = %self.plugin_id,
                tried = %tried,
                granted = %self.origin,
                "denied a request outside the plugin's granted origin"
            );
        }
    }

    /// Returns the host's timeouts, tightened by any the plugin asked for.
    fn options(&self, requested: Option<RequestOptions>) -> RequestOptions {
        let requested = requested.unwrap_or_default();
        let tighter =
            |asked: Option<std::time::Duration>, cap| Some(asked.map_or(cap, |a| a.min(cap)));
        RequestOptions {
            connect_timeout: tighter(requested.connect_timeout, self.limits.connect_timeout),
            first_byte_timeout: tighter(
                requested.first_byte_timeout,
                self.limits.first_byte_timeout,
            ),
            between_bytes_timeout: tighter(
                requested.between_bytes_timeout,
                self.limits.between_bytes_timeout,
            ),
        }
    }
}

type SendFuture = Box<
    dyn Future<
            Output = Result<
                (
                    http::Response<WasiBody>,
                    Box<dyn Future<Output = Result<(), HttpError>> + Send>,
                ),
                HttpError,
            >,
        > + Send,
>;

impl WasiHttpHooks for HttpGate {
    fn send_request(
        &mut self,
        request: http::Request<WasiBody>,
        options: Option<RequestOptions>,
        _response_done: Box<dyn Future<Output = Result<(), HttpError>> + Send>,
    ) -> SendFuture {
        if let Err(tried) = self.origin.allows(request.uri()) {
            self.log_denied_once(&tried);
            return Box::new(async { Err(HttpError::HttpRequestDenied) });
        }

        let options = self.options(options);
        let cap = self.limits.max_response_bytes;
        let plugin = self.plugin_id.clone();
        let path = request.uri().path().to_string();
        Box::new(async move {
            tracing::debug!(plugin = %plugin, path = %path, "sending request");
            let (response, io) = wasmtime_wasi_http::default_send_request(request, Some(options))
                .await
                .inspect_err(|e| tracing::debug!(plugin = %plugin, path = %path, error = ?e, "request failed"))?;

            let declared = response
                .headers()
                .get(http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok());
            if let Some(length) = declared.filter(|&length| length > cap) {
                tracing::warn!(plugin = %plugin, path = %path, length, cap, "response body exceeds the cap");
                return Err(HttpError::HttpResponseBodySize(Some(length)));
            }

            let response = response.map(|body| {
                CappedBody {
                    inner: body.boxed_unsync(),
                    remaining: cap,
                }
                .boxed_unsync()
            });
            Ok((response, Box::new(io) as Box<dyn Future<Output = _> + Send>))
        })
    }
}

/// A response body that fails once more than `remaining` bytes arrive.
struct CappedBody<B> {
    inner: B,
    remaining: u64,
}

impl<B> Body for CappedBody<B>
where
    B: Body<Data = Bytes, Error = HttpError> + Unpin,
{
    type Data = Bytes;
    type Error = HttpError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, HttpError>>> {
        let frame = std::task::ready!(Pin::new(&mut self.inner).poll_frame(cx));
        if let Some(Ok(frame)) = &frame
            && let Some(data) = frame.data_ref()
        {
            let len = data.len() as u64;
            if len > self.remaining {
                self.remaining = 0;
                return Poll::Ready(Some(Err(HttpError::HttpResponseBodySize(None))));
            }
            self.remaining -= len;
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
