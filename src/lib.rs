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
//! Input goes through the application layer: [`app::App`] takes the page's commands (pointer,
//! wheel, keys, selection, filter, view), drives the [`interaction`] machine and the
//! [`MapState`], and answers with small values and one snapshot of what the controls show.
//!
//! | module | holds |
//! |---|---|
//! | [`dataset`] | CSV files parsed and validated: reference tables, partnerships, coverage, statistics |
//! | [`filter`] | which partnerships are visible |
//! | [`search`] | zh/en/pinyin search keys and the [`search::SearchIndex`] the filter matches text against |
//! | [`geometry`] | great circles, the seam (antimeridian) split and clip, the Miller projection |
//! | [`viewport`] | the view: world units to CSS pixels; [`viewport::ScreenPt`] |
//! | [`scene`] | what to draw, in CSS pixels |
//! | [`surface`] | the drawing trait, and a recording surface for tests |
//! | [`fills`] | the land's drawing as a list of numbers, for a worker's canvas |
//! | [`svg`] | an SVG writer implementing the drawing trait |
//! | [`report`] | the export image: map frame, title, summary, legend, attribution, date |
//! | [`map`] | [`MapState`]: the state, geometry cache, emphasis, colours, focus walk, scenes |
//! | [`hit`] | grid hit-testing in world units |
//! | [`labels`] | greedy, collision-aware label placement and text width estimates |
//! | [`interaction`] | the pointer, wheel and key state machine |
//! | [`app`] | the application layer: commands, responses, selection, keys, view models |
//! | [`style`] | colours, the theme and colour modes |
//! | [`urlstate`] | the state in the URL hash |
//! | [`basemap`] | the world's outlines (GeoJSON or a compact form) |
//! | [`limits`] | size limits on untrusted input |
//! | [`num`] | numbers as text without core's float printing and parsing (size) |
//! | `web` | (wasm32 only) the `#[wasm_bindgen]` handle and the canvas surface |
//!
//! Nothing outside `src/web/` names `wasm_bindgen`, `web_sys` or `js_sys`.

#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
// Unit tests index freely: a panic there is a failed test.
#![cfg_attr(
    all(test, not(target_arch = "wasm32")),
    allow(clippy::indexing_slicing)
)]

pub mod app;
pub mod basemap;
mod case;
pub mod dataset;
pub mod fills;
pub mod filter;
pub mod geometry;
pub mod hit;
pub mod interaction;
pub mod labels;
pub mod limits;
pub mod lines;
pub mod map;
pub mod num;
pub mod raster;
pub mod report;
pub mod scene;
pub mod search;
mod sort;
pub mod style;
pub mod surface;
pub mod svg;
pub mod unpack;
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

/// A small deterministic pseudo-random source for the unit tests' generated cases (see
/// `crates/kernels`, whose tests share it).
#[cfg(test)]
pub(crate) use youcheng_kernels::test_rng;
