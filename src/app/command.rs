//! The values that cross the boundary: [`Command`]s in, [`Response`]s and [`LoadReport`]s out,
//! the frame counters and the portal's theme colours.

use super::views::HitView;
use crate::dataset::{Issue, IssueReport, Problem, Progress, Severity};
use crate::filter::Filter;
use crate::search::{HitKind, SearchHit};
use serde::{Deserialize, Serialize};

/// Everything the page can ask of the map, as data (`{"type": "select", "id": "…"}` in JS).
///
/// The WebAssembly module reads the page's objects by hand (`crate::web`'s `decode`, for size);
/// the derived `Deserialize` is the same shape, for native callers and the tests.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Command {
    /// A pointer pressed at (x, y) CSS px; `kind` is the DOM `pointerType`. A third pointer
    /// and a non-finite position are ignored.
    PointerDown {
        /// The DOM `pointerId`.
        id: i32,
        /// The DOM `pointerType`; anything but `"touch"` or `"pen"` counts as a mouse.
        kind: String,
        /// From the canvas's left edge, CSS px.
        x: f64,
        /// From the canvas's top edge, CSS px.
        y: f64,
    },
    /// A pointer moved to (x, y) CSS px: a hover when it is not pressed, else a drag or a
    /// pinch that moves the view.
    PointerMove {
        /// The DOM `pointerId`.
        id: i32,
        /// From the canvas's left edge, CSS px.
        x: f64,
        /// From the canvas's top edge, CSS px.
        y: f64,
    },
    /// A pointer released; `t` is the event's time stamp in ms (for double clicks).
    PointerUp {
        /// The DOM `pointerId`; a pointer that is not down is ignored.
        id: i32,
        /// From the canvas's left edge, CSS px.
        x: f64,
        /// From the canvas's top edge, CSS px.
        y: f64,
        /// The event's time stamp, in milliseconds.
        t: f64,
        /// Shift was held: a click toggles its target among the pinned selections instead of
        /// making it the current one. `false` when left out.
        #[serde(default)]
        pin: bool,
    },
    /// The browser took the pointer away (scrolling, a system gesture): its press is forgotten
    /// and the hover cleared.
    PointerCancel {
        /// The DOM `pointerId`.
        id: i32,
    },
    /// The pointer left the canvas (the page sends it for a mouse): the hover is cleared.
    PointerLeave,
    /// A wheel turn at (x, y); `delta_mode` as in the DOM (0 pixels, 1 lines, 2 pages).
    Wheel {
        /// From the canvas's left edge, CSS px.
        x: f64,
        /// From the canvas's top edge, CSS px.
        y: f64,
        /// The DOM `deltaY`, in the unit of `delta_mode`; negative zooms in about (x, y).
        delta_y: f64,
        /// The DOM `deltaMode`: 0 pixels, 1 lines, 2 pages.
        delta_mode: u32,
    },
    /// The wheel has been still a moment: draw the land sharply again.
    Settle,
    /// A key pressed on the map (see [`keys`](super::keys)).
    Key {
        /// The DOM `KeyboardEvent.key`, e.g. `"ArrowRight"` or `"+"`.
        key: String,
        /// Shift was held.
        shift: bool,
    },
    /// The map lost the keyboard focus.
    Blur,
    /// Selects a pair by id or a Shandong side as `@key`; `None` drops the current selection.
    /// Refused when the data has no such id.
    Select {
        /// A pair's id or `@key` (surrounding spaces ignored); `None` or blank drops the current
        /// selection.
        id: Option<String>,
        /// Toggle it among the pinned selections instead of making it the current one.
        pin: bool,
    },
    /// Drops the current selection (`all`: the pinned ones too).
    ClearSelection {
        /// Drop the pinned selections too.
        all: bool,
    },
    /// Pins or unpins what the detail panel shows.
    TogglePin,
    /// Unpins one selection.
    Unpin {
        /// A pair's id or `@key`; refused when the data has no such id.
        id: String,
    },
    /// Shows a selection in the detail panel.
    Show {
        /// A pair's id or `@key`; refused when the data has no such id.
        id: String,
    },
    /// Replaces the filter.
    SetFilter {
        /// The new filter.
        filter: Filter,
    },
    /// Colours the arcs by another dimension.
    SetColourBy {
        /// `"city"`, `"relation"` or `"decade"`; anything else is refused.
        colour: String,
    },
    /// Centres the map on a place at a zoom. Refused unless longitude and latitude are finite
    /// and within ±180 and ±90 and the zoom is finite.
    SetView {
        /// Longitude of the centre, in degrees.
        lon: f64,
        /// Latitude of the centre, in degrees.
        lat: f64,
        /// The zoom relative to the default view (1 = the whole map), clamped to
        /// `ZOOM_MIN`…`ZOOM_MAX`.
        zoom: f64,
    },
    /// Back to the default view: the whole map, or on a canvas of quite another shape (a
    /// phone's) the map filling it, centred on Shandong.
    ResetView,
    /// Applies a URL state (the hash or the `filter` attribute); with `keep_view` the view stays.
    ApplyState {
        /// The state in the URL-hash form (see [`crate::urlstate`]); what it cannot use is
        /// reported in [`Response::problems`].
        text: String,
        /// Leave the view as it is, whatever the state says.
        keep_view: bool,
    },
    /// Pans (zooming out if need be) so that what the detail panel shows — a pair's dots and
    /// arc, a Shandong side's dot — is drawn inside the canvas and outside `covered`: the
    /// rectangles panels take over the map, in CSS px from the canvas's top-left corner.
    /// Nothing moves when it is already in sight or nothing is shown.
    Reveal {
        /// Panels over the map (a bottom sheet, a legend opened over it); empty for none.
        #[serde(default)]
        covered: Vec<crate::viewport::RectPx>,
    },
    /// Answers with the ranked results for `text` in [`Response::results`]; nothing changes.
    Search {
        /// What the visitor typed.
        text: String,
        /// The most results wanted (at most 20).
        limit: usize,
    },
    /// Chooses a search result ([`SearchHit`]'s `kind` and `key`): selects it (a country becomes
    /// the country filter), clears the search text and moves the view to it. Refused when the
    /// data has no such key.
    Choose {
        /// What the result is.
        kind: HitKind,
        /// The result's `key`.
        key: String,
        /// Fly there in frames ([`Command::FlyFrame`]) rather than jump (false under reduced
        /// motion).
        animate: bool,
    },
    /// Fits the view to the visible pairs (both ends and the line between, across the seam).
    /// Refused when no visible pair has a place.
    FitVisible {
        /// Fly there in frames rather than jump.
        animate: bool,
    },
    /// The next frame of a flight, `ms` milliseconds after it started; [`Response::flying`]
    /// says whether to send another.
    FlyFrame {
        /// Time since the flight started, ms.
        ms: f64,
    },
    /// The language of the labels drawn on the map: `"en"` for English, anything else Chinese.
    SetLang {
        /// `"zh"` or `"en"`.
        lang: String,
    },
    /// The canvas's CSS size.
    Resize {
        /// Width in CSS px, clamped to 1…`MAX_CANVAS_SIDE_PX / dpr`; 1 when not finite.
        width: f64,
        /// Height in CSS px, clamped like the width.
        height: f64,
        /// Device pixels per CSS pixel (`devicePixelRatio`), capped at 4; 1 when not a finite
        /// positive number.
        dpr: f64,
    },
    /// Shows or hides the Shandong inset (the visitor's button on it: on a small canvas it
    /// covers partners). The answer says the layout changed when it did.
    SetInset {
        /// Whether it is shown.
        shown: bool,
    },
    /// Runs or stops the flow animation along the visible arcs. The page sends `on: false` while
    /// the flow is off, under reduced motion, off-screen or in a hidden tab.
    SetFlow {
        /// Whether the flow's dots are drawn (and the page asks for frames).
        on: bool,
    },
    /// Does the next piece of the partnerships load `id` (started with `App::start_load`): at
    /// most `rows` rows read, checked or prepared. The answer's [`Response::load`] says how far
    /// it is, and carries the report when it is done (or `cancelled` when a newer load replaced it).
    LoadStep {
        /// The load, as its start answered.
        id: u32,
        /// Most rows to do in this step (at least 1).
        rows: usize,
    },
    /// Drops the load in progress, if any; the data shown stays.
    CancelLoad,
    /// Makes the next piece of what the map makes after its data is shown: a large network's
    /// first, coarse arcs refined (at most `pairs` pairs), a part of the hit index, then the
    /// search index, at most `pairs` pairs. The page sends it in idle time after
    /// a frame while the answer's [`Response::pending`] is true (a pointer move before that looks
    /// at the pairs not indexed yet one by one; a search makes the rest of its index at once).
    Prepare {
        /// Most pairs to do in this step (at least 1).
        pairs: usize,
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
    /// What is under the pointer or the keyboard focus now; set only with `hover_changed`
    /// (then `None` means nothing is).
    pub hover: Option<HitView>,
    /// The keyboard focus moved: the page announces `hover` and shows its tooltip.
    pub focus_moved: bool,
    /// The selection (or what the detail panel shows) changed.
    pub selection_changed: bool,
    /// The filter, colours or data changed: the page refreshes its controls.
    pub data_changed: bool,
    /// What a URL state could not use, as readable messages (after [`Command::ApplyState`]).
    pub problems: Vec<String>,
    /// The language a URL state names (`"zh"` or `"en"`), for the page to apply; `None` when
    /// it names none, and after other commands.
    pub lang: Option<String>,
    /// Whether a URL state opens the table view; `Some` only after [`Command::ApplyState`].
    pub table: Option<bool>,
    /// Why a command was refused (an unknown id, a bad colour name); nothing changed.
    pub error: Option<String>,
    /// The ranked results after [`Command::Search`]; empty after other commands.
    pub results: Vec<SearchHit>,
    /// A flight is under way: send [`Command::FlyFrame`] on the next animation frame.
    pub flying: bool,
    /// What the map lays out over itself changed (the Shandong inset came, went, moved or was
    /// hidden, or the names on the map moved, with a new size, a settled view, the language or
    /// the data): the page reads the snapshot again to keep its overlays clear of it (and
    /// `labels()`, `inset()` true).
    pub layout_changed: bool,
    /// After [`Command::LoadStep`]: how far the load is, with its report once done.
    pub load: Option<LoadStatus>,
    /// After [`Command::Prepare`]: work is left; send it again in idle time.
    pub pending: bool,
}

/// How far a partnerships load in steps is; `report` once it is done or cancelled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LoadStatus {
    /// The load this is about.
    pub id: u32,
    /// Its phase and progress.
    pub progress: Progress,
    /// The report, when done (the data is then on the map if it loaded) or cancelled.
    pub report: Option<LoadReport>,
}

/// What a load answers: the counts, the errors (first of each kind) and warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LoadReport {
    /// Whether the file was loaded (possibly without its rejected rows). `false` also when the
    /// reference tables are not loaded yet, with no errors listed.
    pub ok: bool,
    /// The file's name as given; `"reference"` for the reference tables and
    /// `"official_totals.csv"` for the coverage tables.
    pub file: String,
    /// Pairs loaded; 0 when the load failed, and for the reference and coverage tables.
    pub pairs: usize,
    /// Errors found, listed or only counted (for a load of the valid rows, those of the
    /// rejected rows).
    pub error_count: usize,
    /// The errors listed, the first of each kind; empty when `ok`.
    pub errors: Vec<IssueReport>,
    /// The warnings listed, the first of each kind.
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
    /// Frames planned (drawn) so far; wraps round at `u32::MAX`.
    pub frames: u32,
    /// Times the land layer was drawn afresh.
    pub base_renders: u32,
    /// Times the land layer was shifted and scaled during a gesture instead of drawn (plain
    /// copies are not counted).
    pub base_reuses: u32,
    /// Times the arcs layer was drawn afresh (a new view, filter, data or colours).
    pub arcs_renders: u32,
    /// Times the arcs layer was shifted and scaled during a gesture instead of drawn.
    pub arcs_reuses: u32,
    /// Frames that left what is drawn over the layers as it was (the layers on canvases of
    /// their own, and nothing over them changed: a pan with nothing emphasised).
    pub top_reuses: u32,
}

/// Portal colours as `#rgb` or `#rrggbb` strings; any field may be left out, which keeps the
/// current colour.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(default, rename_all = "camelCase")]
pub struct ThemeInput {
    /// Start from the dark theme's map colours instead of the light one's.
    pub dark: bool,
    /// The background behind the land.
    pub ocean: Option<String>,
    /// The fill of every country but China.
    pub land: Option<String>,
    /// The fill of China.
    pub china: Option<String>,
    /// The country outlines.
    pub border: Option<String>,
    /// The ring around origin dots and emphasised partner dots.
    pub origin_stroke: Option<String>,
    /// The keyboard focus ring.
    pub focus: Option<String>,
    /// One arc colour per Shandong key, in the order of `shandong.csv` (repeated when shorter);
    /// an empty list keeps the current palette.
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
