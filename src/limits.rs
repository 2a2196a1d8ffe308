//! Limits on untrusted input, checked before the work they bound: a portal's file, a visitor's
//! upload, a basemap or a link can be large or hostile, and the widget must answer every one of
//! them quickly with a message that names the limit, never by running out of memory.
//!
//! The numbers leave ample room for real data: the world twin-city list (25,917 pairs, 2.4 MB)
//! and the shipped basemap (11,693 vertices) are far inside them.

/// Largest partnerships file (CSV or JSON), in bytes.
pub const MAX_DATA_BYTES: usize = 16 * 1024 * 1024;
/// Most data rows (or JSON records) in one partnerships file.
pub const MAX_ROWS: usize = 50_000;
/// Most fields in one CSV row (the schema has 17 columns).
pub const MAX_FIELDS: usize = 64;
/// Longest single field, in bytes (a `sources` cell with several URLs stays far below).
pub const MAX_FIELD_BYTES: usize = 8 * 1024;
/// Largest basemap file, in bytes.
pub const MAX_BASEMAP_BYTES: usize = 32 * 1024 * 1024;
/// Most vertices in one basemap (the shipped one has 11,693; Natural Earth 1:10m has ~550,000).
pub const MAX_BASEMAP_VERTICES: usize = 2_000_000;
/// Most times one basemap ring may cross the map's seam (real coastlines cross it a few times).
pub const MAX_SEAM_CROSSINGS_PER_RING: usize = 64;
/// Longest URL state (hash or `filter` attribute), in bytes.
pub const MAX_STATE_BYTES: usize = 8 * 1024;
/// Problems of one kind listed in a report; the rest are counted.
pub const MAX_ISSUES_PER_KIND: usize = 20;
/// Problems listed in a report in all; the rest are counted.
pub const MAX_ISSUES: usize = 200;
/// Narrowest report (PNG or SVG export), CSS px.
pub const MIN_REPORT_WIDTH_CSS_PX: f64 = 320.0;
/// Widest report, CSS px.
pub const MAX_REPORT_WIDTH_CSS_PX: f64 = 4000.0;
/// Largest canvas backing store side, in device pixels.
pub const MAX_CANVAS_SIDE_PX: f64 = 8192.0;
