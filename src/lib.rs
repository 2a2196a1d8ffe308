//! Youcheng (友城): Shandong province's international friendship cities on a map.
//!
//! The crate is a pure Rust core with one thin WebAssembly layer (`web`, only on `wasm32`).
//! Data flows through four small stages:
//!
//! ```text
//! Dataset ──► Filter ──► Scene ──► Surface
//! (CSV, validated)  (which pairs)  (what to draw, in CSS px)  (canvas, or a recording for tests)
//! ```
//!
//! * [`dataset`] parses and validates the CSV files in `data/` (or a portal's own).
//! * [`filter`] decides which partnerships are visible.
//! * [`geometry`] holds the great-circle, antimeridian and projection maths; [`viewport`] maps the
//!   projected world to CSS pixels; [`scene`] turns visible data into draw items.
//! * [`surface`] is the drawing trait the scene renders through.
//!
//! Nothing outside `src/web/` names `wasm_bindgen`, `web_sys` or `js_sys`.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod app;
pub mod basemap;
pub mod dataset;
pub mod filter;
pub mod geometry;
pub mod hit;
pub mod interaction;
pub mod limits;
pub mod map;
pub mod scene;
pub mod search;
pub mod style;
pub mod surface;
pub mod urlstate;
pub mod viewport;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use basemap::Basemap;
pub use dataset::Dataset;
pub use geometry::{LonLat, Projection};
pub use map::MapState;
pub use surface::{RecordingSurface, Surface};
pub use viewport::Viewport;
