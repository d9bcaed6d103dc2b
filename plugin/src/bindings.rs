//! Rust bindings of the `launcher:integration` world, generated from `wit/`.
//!
//! The generated types compile on every target, so the plugin logic and its
//! native tests use them directly. The generated items carry the WIT
//! documentation, but not every item has some.

#![allow(missing_docs)]

wit_bindgen::generate!({
    path: "../wit",
    world: "integration",
    generate_all,
    additional_derives: [PartialEq],
    additional_derives_ignore: ["stream-error"],
});
