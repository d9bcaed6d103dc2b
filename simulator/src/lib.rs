//! A simulated authentik server for tests and demos.
//!
//! [`Simulator`] serves a read-only subset of authentik's REST API (`/api/v3/`) on a local
//! address and responds like the release chosen in [`SimOptions::version`]: the same paths,
//! status codes, error bodies, pagination, filters and JSON shapes. The data is a generated
//! [`Dataset`] of a small homelab, anchored at [`SimOptions::now`], with an attack in progress.
//! Every request is recorded as a [`RecordedRequest`], without its token.

#![deny(missing_docs)]

mod api;
mod auth;
mod dataset;
mod datetime;
mod grant;
mod json;
mod options;
mod pagination;
mod query;
mod record;
mod reply;
mod rng;
mod routing;
mod server;
mod version;

pub use dataset::{Dataset, Event};
pub use grant::{Permission, TokenGrant};
pub use options::SimOptions;
pub use record::RecordedRequest;
pub use server::Simulator;
pub use version::{ApiVersion, UnknownVersion};
