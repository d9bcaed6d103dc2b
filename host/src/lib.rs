//! The reference launcher host: loads integration components on wasmtime,
//! grants each only its server's origin, bounds CPU, memory and time, and
//! renders their widgets in the terminal, as JSON or as a web page.

#![deny(missing_docs)]

pub mod bindings;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dashboard;
pub mod engine;
pub mod hooks;
pub mod logging;
pub mod origin;
pub mod redact;
pub mod render;
pub mod runtime;
pub mod serve;
pub mod state;
pub mod widget;
