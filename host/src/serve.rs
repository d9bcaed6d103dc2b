//! The dashboard as a web page: an HTTP server that renders the latest
//! widget results as HTML at `/` and as JSON at `/widgets.json`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::redact::redact;
use crate::render::{html, json};
use crate::widget::WidgetResult;

/// The latest results, shared between the refresh loop and the server.
#[derive(Clone, Default)]
pub struct Snapshot {
    inner: Arc<RwLock<(Vec<WidgetResult>, i64)>>,
}

impl Snapshot {
    /// Replaces the results.
    pub fn store(&self, results: &[WidgetResult], at: i64) {
        if let Ok(mut guard) = self.inner.write() {
            *guard = (results.to_vec(), at);
        }
    }

    fn read(&self) -> (Vec<WidgetResult>, i64) {
        self.inner.read().map(|g| g.clone()).unwrap_or_default()
    }
}

/// Binds `addr` and serves `snapshot` until the task is dropped. Returns
/// the bound address.
pub async fn start(
    addr: SocketAddr,
    snapshot: Snapshot,
    secrets: Vec<String>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let secrets = Arc::new(secrets);
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, peer)) = listener.accept().await else {
                continue;
            };
            let snapshot = snapshot.clone();
            let secrets = secrets.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let reply = respond(&request, &snapshot, &secrets);
                    async move { Ok::<_, Infallible>(reply) }
                });
                if let Err(e) = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                {
                    tracing::debug!(%peer, error = %e, "page connection ended with an error");
                }
            });
        }
    });
    Ok((bound, task))
}

fn respond(
    request: &Request<hyper::body::Incoming>,
    snapshot: &Snapshot,
    secrets: &[String],
) -> Response<Full<Bytes>> {
    let (results, at) = snapshot.read();
    let (content_type, body) = match request.uri().path() {
        "/" => {
            let refresh = results
                .iter()
                .map(|r| r.endpoint.refresh_seconds)
                .min()
                .unwrap_or(60);
            (
                "text/html; charset=utf-8",
                html::page(&results, at, refresh.max(5)),
            )
        }
        "/widgets.json" => ("application/json", json::document(&results, at).to_string()),
        _ => {
            return Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body(Full::new(Bytes::from_static(b"not found")))
                .expect("static response");
        }
    };
    let clean = secrets
        .iter()
        .fold(body, |text, secret| redact(&text, secret));
    Response::builder()
        .header("content-type", content_type)
        .header("cache-control", "no-store")
        .body(Full::new(Bytes::from(clean)))
        .expect("valid response")
}
