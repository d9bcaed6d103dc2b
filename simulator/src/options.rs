//! Settings for starting a simulator.

use std::net::{Ipv4Addr, SocketAddr};

use chrono::{DateTime, Utc};

use crate::{ApiVersion, TokenGrant};

/// Settings for [`Simulator::start`](crate::Simulator::start).
#[derive(Clone, Debug)]
pub struct SimOptions {
    /// The authentik release to imitate.
    pub version: ApiVersion,
    /// The server's clock: the dataset is anchored here and the clock does not advance.
    pub now: DateTime<Utc>,
    /// The API tokens the server accepts. Any other token gets `Token invalid/expired`.
    pub tokens: Vec<TokenGrant>,
    /// The address to listen on. Port 0 picks a free port.
    pub addr: SocketAddr,
}

impl Default for SimOptions {
    /// Returns options for the default release at the current time, with no tokens, listening
    /// on a free port of 127.0.0.1.
    fn default() -> Self {
        SimOptions {
            version: ApiVersion::default(),
            now: Utc::now(),
            tokens: Vec::new(),
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
        }
    }
}
