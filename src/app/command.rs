//! The values that cross the boundary: [`Command`]s in, [`Response`]s and [`LoadReport`]s out,
//! the frame counters and the portal's theme colours.
// Not every public item here has its doc comment yet (the `missing_docs` lint came later).
#![allow(missing_docs)]

use super::views::HitView;
use crate::dataset::{Issue, IssueReport, Problem, Severity};
use crate::filter::Filter;
use serde::{Deserialize, Serialize};

/// Everything the page can ask of the map, as data (`{"type": "select", "id": "…"}` in JS).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Command {
    /// A pointer pressed at (x, y) CSS px; `kind` is the DOM `pointerType`.
    PointerDown {
        id: i32,
        kind: String,
        x: f64,
        y: f64,
    },
    PointerMove {
        id: i32,
        x: f64,
        y: f64,
    },
    /// A pointer released; `t` is the event's time stamp in ms (for double clicks).
    PointerUp {
        id: i32,
        x: f64,
        y: f64,
        t: f64,
        #[serde(default)]
        pin: bool,
    },
    PointerCancel {
        id: i32,
    },
    PointerLeave,
    /// A wheel turn at (x, y); `delta_mode` as in the DOM (0 pixels, 1 lines, 2 pages).
    Wheel {
        x: f64,
        y: f64,
        delta_y: f64,
        delta_mode: u32,
    },
    /// The wheel has been still a moment: draw the land sharply again.
    Settle,
    /// A key pressed on the map (see [`keys`](super::keys)).
    Key {
        key: String,
        shift: bool,
    },
    /// The map lost the keyboard focus.
    Blur,
    /// Selects a pair by id or a Shandong side as `@key`; `None` drops the current selection.
    Select {
        id: Option<String>,
        pin: bool,
    },
    /// Drops the current selection (`all`: the pinned ones too).
    ClearSelection {
        all: bool,
    },
    /// Pins or unpins what the detail panel shows.
    TogglePin,
    /// Unpins one selection.
    Unpin {
        id: String,
    },
    /// Shows a selection in the detail panel.
    Show {
        id: String,
    },
    SetFilter {
        filter: Filter,
    },
    SetColourBy {
        colour: String,
    },
    SetView {
        lon: f64,
        lat: f64,
        zoom: f64,
    },
    ResetView,
    /// Applies a URL state (the hash or the `filter` attribute); with `keep_view` the view stays.
    ApplyState {
        text: String,
        keep_view: bool,
    },
    /// The canvas's CSS size.
    Resize {
        width: f64,
        height: f64,
        dpr: f64,
    },
}

/// What a command changed, for the page to act on.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The page should `preventDefault` the event.
    pub handled: bool,
    /// Something visible changed: request a frame.
    pub redraw: bool,
    /// The view moved (the page may update the URL).
    pub view: bool,
    /// A press became a drag.
    pub dragging: bool,
    /// What is under the pointer (or, after a key, the keyboard focus) changed.
    pub hover_changed: bool,
    pub hover: Option<HitView>,
    /// The keyboard focus moved: the page announces `hover` and shows its tooltip.
    pub focus_moved: bool,
    /// The selection (or what the detail panel shows) changed.
    pub selection_changed: bool,
    /// The filter, colours or data changed: the page refreshes its controls.
    pub data_changed: bool,
    /// What a URL state could not use, and the parts the page owns (language, table).
    pub problems: Vec<String>,
    pub lang: Option<String>,
    pub table: Option<bool>,
    /// Why a command was refused (an unknown id, a bad colour name); nothing changed.
    pub error: Option<String>,
}

/// What a load answers: the counts, the errors (first of each kind) and warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
    pub ok: bool,
    pub file: String,
    pub pairs: usize,
    /// Errors found, listed or only counted.
    pub error_count: usize,
    pub errors: Vec<IssueReport>,
    pub warnings: Vec<IssueReport>,
    /// Rows left out by a load of the valid rows only, with their errors.
    pub rejected: Vec<IssueReport>,
}

impl LoadReport {
    pub(super) fn ok(file: &str, pairs: usize, warnings: &[Issue], rejected: &[Issue]) -> Self {
        Self {
            ok: true,
            file: file.into(),
            pairs,
            error_count: error_count(rejected),
            errors: vec![],
            warnings: warnings.iter().map(Issue::report).collect(),
            rejected: rejected.iter().map(Issue::report).collect(),
        }
    }

    pub(super) fn failed(file: &str, issues: &[Issue]) -> Self {
        let (errors, warnings): (Vec<&Issue>, Vec<&Issue>) =
            issues.iter().partition(|i| i.severity() == Severity::Error);
        Self {
            ok: false,
            file: file.into(),
            pairs: 0,
            error_count: error_count(issues),
            errors: errors.into_iter().map(Issue::report).collect(),
            warnings: warnings.into_iter().map(Issue::report).collect(),
            rejected: vec![],
        }
    }
}

/// Errors among `issues`, counting those a capped report only summarises.
fn error_count(issues: &[Issue]) -> usize {
    issues
        .iter()
        .map(|i| match i.problem {
            Problem::MoreProblems {
                errors_not_shown, ..
            } => errors_not_shown,
            _ => usize::from(i.severity() == Severity::Error),
        })
        .sum()
}

/// Frames drawn, and how often the land layer was redrawn or reused (for tests and tuning).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FrameStats {
    pub frames: u32,
    pub base_renders: u32,
    pub base_reuses: u32,
}

/// Portal colours as `#rrggbb` strings; any field may be left out.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(default, rename_all = "camelCase")]
pub struct ThemeInput {
    pub ocean: Option<String>,
    pub land: Option<String>,
    pub china: Option<String>,
    pub border: Option<String>,
    pub origin_stroke: Option<String>,
    pub focus: Option<String>,
    pub palette: Option<Vec<String>>,
}

/// A refused command: nothing changed.
pub(super) fn refused(error: String) -> Response {
    Response {
        error: Some(error),
        ..Response::default()
    }
}

/// The filter, colours or data changed.
pub(super) fn changed_data() -> Response {
    Response {
        redraw: true,
        data_changed: true,
        ..Response::default()
    }
}

/// The view moved.
pub(super) fn moved_view() -> Response {
    Response {
        redraw: true,
        view: true,
        ..Response::default()
    }
}
