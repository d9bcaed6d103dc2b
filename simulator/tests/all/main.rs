//! Tests of the simulator over real HTTP on 127.0.0.1.

mod auth;
mod client;
mod dataset;
mod events;
mod pagination;
mod recording;
mod routing;
mod sessions;
mod shapes;
