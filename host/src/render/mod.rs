//! Renderers of widget results: terminal text, JSON and an HTML page.

pub mod html;
pub mod json;
pub mod text;
