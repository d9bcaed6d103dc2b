//! The HTTP server: accepting connections, handling requests and recording them.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, header};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::SimOptions;
use crate::dataset::Dataset;
use crate::query::Query;
use crate::record::RecordedRequest;
use crate::rng::Rng;
use crate::routing::Backend;

/// State shared by all connections.
struct Shared {
    backend: Backend,
    requests: Mutex<Vec<RecordedRequest>>,
    request_ids: AtomicU64,
}

impl Shared {
    fn requests(&self) -> MutexGuard<'_, Vec<RecordedRequest>> {
        // A panic while the lock was held cannot leave the list half-written, so a poisoned
        // lock is still usable.
        self.requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running simulated authentik server on a local address.
///
/// Dropping the simulator stops accepting connections; [`Simulator::shutdown`] also waits
/// until every connection is closed.
pub struct Simulator {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Generates the dataset for `options.now`, binds `options.addr` and starts serving.
    ///
    /// # Errors
    ///
    /// Returns the error of binding the address, for example when the port is in use.
    pub async fn start(options: SimOptions) -> std::io::Result<Simulator> {
        let listener = TcpListener::bind(options.addr).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            backend: Backend {
                version: options.version,
                dataset: Dataset::generate(options.now),
                tokens: options.tokens,
            },
            requests: Mutex::new(Vec::new()),
            request_ids: AtomicU64::new(0),
        });
        let (stop, stopped) = watch::channel(false);
        let server = tokio::spawn(accept_loop(listener, Arc::clone(&shared), stopped));
        tracing::debug!(%addr, version = %options.version, "authentik simulator started");
        Ok(Simulator {
            addr,
            shared,
            stop,
            server: Some(server),
        })
    }

    /// Returns the address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Returns the server's base URL, such as `http://127.0.0.1:41234`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Returns the data the server serves.
    pub fn dataset(&self) -> &Dataset {
        &self.shared.backend.dataset
    }

    /// Returns every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.requests().clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.requests().clear();
    }

    /// Stops the server and waits until its connections are closed.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take()
            && let Err(error) = server.await
        {
            tracing::warn!(%error, addr = %self.addr, "authentik simulator task failed");
        }
        tracing::debug!(addr = %self.addr, "authentik simulator stopped");
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Accepts connections until `stopped` changes, then closes the open connections.
async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stopped.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    let shared = Arc::clone(&shared);
                    connections.spawn(async move {
                        let service = service_fn(move |request| {
                            let shared = Arc::clone(&shared);
                            async move { Ok::<_, Infallible>(answer(&shared, request)) }
                        });
                        if let Err(error) = http1::Builder::new()
                            .serve_connection(TokioIo::new(stream), service)
                            .await
                        {
                            tracing::debug!(%error, %peer, "authentik simulator connection failed");
                        }
                    });
                }
                Err(error) => tracing::warn!(%error, "authentik simulator failed to accept a connection"),
            },
            // Reap finished connections so the set does not grow without bound.
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// Handles one request and records it without its credentials.
fn answer(shared: &Shared, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let raw_query = request.uri().query().unwrap_or("").to_string();
    let query = Query::parse(&raw_query);
    let authorization = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|value| value.as_bytes());

    let outcome = shared.backend.answer(&method, &path, &query, authorization);
    let reply = outcome.reply;

    shared.requests().push(RecordedRequest {
        method,
        path,
        query: raw_query,
        query_pairs: query.pairs().to_vec(),
        status: reply.status,
        authenticated: outcome.authenticated,
    });

    let request_number = shared.request_ids.fetch_add(1, Ordering::Relaxed);
    let request_id = Rng::new(request_number ^ 0x5eed).hex(32);
    let mut response = Response::builder()
        .status(reply.status)
        .header(header::SERVER, "uvicorn")
        .header(header::CONTENT_TYPE, reply.content_type);
    if let Some(allow) = reply.allow {
        response = response.header(header::ALLOW, allow);
    }
    response
        .header("x-frame-options", "DENY")
        .header("x-content-type-options", "nosniff")
        .header("referrer-policy", "same-origin")
        .header("x-authentik-id", request_id)
        .header(header::VARY, "Accept-Language, Cookie")
        .header(header::CONTENT_LANGUAGE, "en")
        .body(Full::new(Bytes::from(reply.body)))
        .expect("every header value is valid")
}
