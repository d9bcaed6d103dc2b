//! A minimal HTTP/1.1 client over a TCP stream, and a simulator started for one test.

use std::net::SocketAddr;

use authentik_sim::{ApiVersion, Permission, SimOptions, Simulator, TokenGrant};
use chrono::{DateTime, Utc};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The token of `akadmin`, a superuser.
pub const ADMIN: &str = "admin-token";
/// The token of `bob`, who has no permissions.
pub const NO_PERMISSIONS: &str = "bob-token";
/// The token of `svc-monitoring`, who may read users, groups, events and all sessions.
pub const READER: &str = "monitoring-token";
/// The token of `ivan`, whose account is inactive.
pub const INACTIVE: &str = "ivan-token";

/// Returns the server time of every test.
pub fn now() -> DateTime<Utc> {
    "2026-10-05T09:20:00.118442Z"
        .parse()
        .expect("valid timestamp")
}

/// Starts a simulator of `version` that accepts the tokens above.
pub async fn start(version: ApiVersion) -> Simulator {
    let grant = |token: &str, username: &str, permissions: Vec<Permission>| TokenGrant {
        token: token.to_string(),
        username: username.to_string(),
        superuser: false,
        permissions,
    };
    let options = SimOptions {
        version,
        now: now(),
        tokens: vec![
            TokenGrant::admin(ADMIN),
            grant(NO_PERMISSIONS, "bob", Vec::new()),
            grant(READER, "svc-monitoring", Permission::all().to_vec()),
            grant(INACTIVE, "ivan", Permission::all().to_vec()),
        ],
        ..SimOptions::default()
    };
    Simulator::start(options).await.expect("simulator starts")
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpReply {
    /// Returns the first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Parses the body as JSON, panicking with the body when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "body is not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// Returns the body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `GET target` with an optional raw `Authorization` header value.
pub async fn get_raw(addr: SocketAddr, target: &str, authorization: Option<&str>) -> HttpReply {
    let mut stream = TcpStream::connect(addr)
        .await
        .expect("connect to simulator");
    let mut request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(value) = authorization {
        request.push_str(&format!("Authorization: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("send request");

    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read response");
    parse(&raw)
}

/// Sends `GET target` with `Authorization: Bearer <token>`.
pub async fn get(sim: &Simulator, target: &str, token: &str) -> HttpReply {
    get_raw(sim.addr(), target, Some(&format!("Bearer {token}"))).await
}

/// Sends `GET target` as the superuser and returns the JSON body of a 200 response.
pub async fn get_json(sim: &Simulator, target: &str) -> Value {
    let reply = get(sim, target, ADMIN).await;
    assert_eq!(reply.status, 200, "GET {target}: {}", reply.text());
    reply.json()
}

fn parse(raw: &[u8]) -> HttpReply {
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("response has a header section");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_string(), value.trim().to_string()))
        .collect();
    let body = raw[split + 4..].to_vec();
    HttpReply {
        status,
        headers,
        body,
    }
}
