//! The application layer: everything the widget does, in one object, natively testable.
//!
//! [`App`] owns the map state ([`MapState`]), the interaction machine, the selection and pins,
//! the keyboard focus, the loaded tables and the land layer's reuse decision. The page sends it
//! [`Command`]s through one entry, [`App::handle`], and reads what its controls show with one
//! call, [`App::snapshot`]. The web layer only converts these values and draws.
//!
//! | module | holds |
//! |---|---|
//! | [`keys`] | the table of every key the map answers |
//! | [`selection`] | pinned and current selections, and what the detail panel shows |
//! | [`views`] | the view models: details, hits, choices, legend, statistics, the snapshot |
//! | [`layer`] | when the cached land layer is copied, shifted or redrawn |

pub mod keys;
pub mod layer;
pub mod selection;
pub mod views;

use crate::basemap::Basemap;
use crate::dataset::{
    Coverage, Dataset, Gazetteer, Issue, IssueReport, LoadMode, PartialDate, Problem, Severity,
};
use crate::filter::Filter;
use crate::geometry::LonLat;
use crate::interaction::{Interaction, Outcome, PointerKind};
use crate::map::{MapState, Pick};
use crate::style::{ColourBy, Rgba};
use crate::urlstate::{UrlState, View};
use crate::viewport::ScreenPt;
use keys::KeyAction;
use layer::{LandLayer, LandPlan, LayerView};
use selection::Selection;
use serde::{Deserialize, Serialize};
use views::{HitView, Snapshot};

/// Reach of the pointer for hover and mouse clicks, CSS px: thin lines get a generous area.
pub const HIT_PX: f64 = 6.0;
/// Reach of a finger.
pub const HIT_TOUCH_PX: f64 = 14.0;

/// Everything the page can ask of the map, as data (`{"type": "select", "id": "…"}` in JS).
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
    /// A key pressed on the map (see [`keys`]).
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
    fn ok(file: &str, pairs: usize, warnings: &[Issue], rejected: &[Issue]) -> Self {
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

    fn failed(file: &str, issues: &[Issue]) -> Self {
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
#[serde(rename_all = "camelCase")]
pub struct FrameStats {
    pub frames: u32,
    pub base_renders: u32,
    pub base_reuses: u32,
}

/// Portal colours as `#rrggbb` strings; any field may be left out.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
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

/// The widget's state and behaviour.
#[derive(Debug, Clone)]
pub struct App {
    pub map: MapState,
    interaction: Interaction,
    /// Kind of the pointer last pressed (touch gets a wider reach).
    press_kind: PointerKind,
    /// A wheel zoom is in progress (until [`Command::Settle`]).
    wheeling: bool,
    gazetteer: Option<Gazetteer>,
    basemap: Option<Basemap>,
    selection: Selection,
    pub land: LandLayer,
    dpr: f64,
    /// Frames planned (drawn) so far.
    pub frames: u32,
}

impl Default for App {
    fn default() -> Self {
        Self::new(1.0, 1.0)
    }
}

impl App {
    pub fn new(width_css_px: f64, height_css_px: f64) -> Self {
        Self {
            map: MapState::new(width_css_px.max(1.0), height_css_px.max(1.0)),
            interaction: Interaction::default(),
            press_kind: PointerKind::Mouse,
            wheeling: false,
            gazetteer: None,
            basemap: None,
            selection: Selection::default(),
            land: LandLayer::default(),
            dpr: 1.0,
            frames: 0,
        }
    }

    /// Loads a basemap (GeoJSON or the compact form); on error the previous one stays.
    pub fn load_basemap(&mut self, text: &str) -> Result<usize, String> {
        let basemap = Basemap::parse(text).map_err(|e| e.to_string())?;
        self.map.set_basemap(&basemap);
        self.land.invalidate();
        let n = basemap.features.len();
        self.basemap = Some(basemap);
        Ok(n)
    }

    /// The basemap's attribution line.
    pub fn attribution(&self) -> &str {
        self.basemap.as_ref().map_or("", |b| b.attribution.as_str())
    }

    /// Loads `shandong.csv`, `countries.csv` and `groups.csv`.
    pub fn load_reference(
        &mut self,
        shandong: &[u8],
        countries: &[u8],
        groups: &[u8],
    ) -> LoadReport {
        match Gazetteer::load(shandong, countries, groups) {
            Ok(g) => {
                self.gazetteer = Some(g);
                LoadReport::ok("reference", 0, &[], &[])
            }
            Err(issues) => LoadReport::failed("reference", &issues),
        }
    }

    /// Loads a partnerships file (the shipped one or a portal's). On errors the data shown stays,
    /// unless `mode` loads the valid rows.
    pub fn load_partnerships(
        &mut self,
        file: &str,
        bytes: &[u8],
        today: PartialDate,
        mode: impl Into<LoadMode>,
    ) -> LoadReport {
        let mode = mode.into();
        let Some(gazetteer) = &self.gazetteer else {
            return LoadReport::failed(file, &[]);
        };
        match Dataset::load_with(gazetteer, file, bytes, today, self.basemap.as_ref(), mode) {
            Ok(loaded) => {
                let pairs = loaded.dataset.partnerships.len();
                self.map.set_dataset(loaded.dataset);
                self.selection = Selection::default();
                self.sync_selection();
                LoadReport::ok(file, pairs, &loaded.warnings, &loaded.rejected)
            }
            Err(issues) => LoadReport::failed(file, &issues),
        }
    }

    /// Loads `official_totals.csv` and `about.csv` for the data shown (the shipped data only: a
    /// portal's own file makes no coverage claim; new data drops them).
    pub fn load_coverage(&mut self, totals: &[u8], about: &[u8]) -> LoadReport {
        let Some(gazetteer) = &self.gazetteer else {
            return LoadReport::failed("official_totals.csv", &[]);
        };
        match Coverage::load(gazetteer, totals, about) {
            Ok(c) => {
                self.map.set_coverage(Some(c));
                LoadReport::ok("official_totals.csv", 0, &[], &[])
            }
            Err(issues) => LoadReport::failed("official_totals.csv", &issues),
        }
    }

    /// Sets colours from the page's CSS custom properties; an error names the field and value.
    pub fn set_theme(&mut self, input: &ThemeInput) -> Result<(), String> {
        let mut t = self.map.theme.clone();
        let colour = |field: &str, v: &Option<String>, slot: &mut Rgba| -> Result<(), String> {
            if let Some(text) = v {
                *slot = Rgba::parse_hex(text).ok_or_else(|| {
                    format!(
                        "theme: field `{field}` value \"{text}\" is not a #rgb or #rrggbb colour"
                    )
                })?;
            }
            Ok(())
        };
        colour("ocean", &input.ocean, &mut t.ocean)?;
        colour("land", &input.land, &mut t.land)?;
        colour("china", &input.china, &mut t.china)?;
        colour("border", &input.border, &mut t.border)?;
        colour("originStroke", &input.origin_stroke, &mut t.origin_stroke)?;
        colour("focus", &input.focus, &mut t.focus_ring)?;
        if let Some(list) = &input.palette {
            let mut palette = Vec::new();
            for (k, text) in list.iter().enumerate() {
                let mut c = Rgba::rgb(0, 0, 0);
                colour(&format!("palette[{k}]"), &Some(text.clone()), &mut c)?;
                palette.push(c);
            }
            if !palette.is_empty() {
                t.palette = palette;
            }
        }
        self.map.theme = t;
        self.land.invalidate();
        Ok(())
    }

    /// The one entry for input and commands.
    pub fn handle(&mut self, command: Command) -> Response {
        match command {
            Command::PointerDown { id, kind, x, y } => {
                let kind = PointerKind::parse(&kind);
                self.press_kind = kind;
                let o = self.interaction.pointer_down(id, kind, ScreenPt::new(x, y));
                self.answer(o)
            }
            Command::PointerMove { id, x, y } => {
                let o =
                    self.interaction
                        .pointer_move(id, ScreenPt::new(x, y), &mut self.map.viewport);
                self.answer(o)
            }
            Command::PointerUp { id, x, y, t, pin } => {
                let mut o =
                    self.interaction
                        .pointer_up(id, ScreenPt::new(x, y), t, &mut self.map.viewport);
                // The land layer is redrawn sharply once the gesture ends.
                o.view |= !self.interaction.active() && o.handled;
                self.answer_pinning(o, pin)
            }
            Command::PointerCancel { id } => {
                let mut o = self.interaction.pointer_cancel(id);
                o.view = true;
                self.answer(o)
            }
            Command::PointerLeave => {
                let o = self.interaction.pointer_leave();
                self.answer(o)
            }
            Command::Wheel {
                x,
                y,
                delta_y,
                delta_mode,
            } => {
                let o = self.interaction.wheel(
                    ScreenPt::new(x, y),
                    delta_y,
                    delta_mode,
                    &mut self.map.viewport,
                );
                self.wheeling |= o.view;
                self.answer(o)
            }
            Command::Settle => Response {
                redraw: std::mem::replace(&mut self.wheeling, false),
                ..Response::default()
            },
            Command::Key { key, shift } => self.key(&key, shift),
            Command::Blur => {
                self.map.clear_focus();
                Response {
                    redraw: true,
                    hover_changed: true,
                    ..Response::default()
                }
            }
            Command::Select { id, pin } => self.select(id.as_deref(), pin),
            Command::ClearSelection { all } => {
                self.selection.clear(all);
                self.selection_response()
            }
            Command::TogglePin => {
                self.selection.toggle_pin_shown();
                self.selection_response()
            }
            Command::Unpin { id } => match views::pick_of(&self.map, &id) {
                Some(p) => {
                    self.selection.unpin(p);
                    self.selection_response()
                }
                None => refused(format!("unpin: no selection \"{id}\"")),
            },
            Command::Show { id } => match views::pick_of(&self.map, &id) {
                Some(p) => {
                    self.selection.shown = Some(p);
                    self.selection_response()
                }
                None => refused(format!("show: no pair or Shandong key \"{id}\"")),
            },
            Command::SetFilter { filter } => {
                self.map.set_filter(filter);
                changed_data()
            }
            Command::SetColourBy { colour } => match ColourBy::parse(&colour) {
                Some(c) => {
                    self.map.set_colour_by(c);
                    changed_data()
                }
                None => refused(format!(
                    "colour: value \"{colour}\" is not one of city, relation, decade"
                )),
            },
            Command::SetView { lon, lat, zoom } => {
                let c = LonLat::new(lon, lat);
                if !c.is_valid() || !zoom.is_finite() {
                    return refused(format!(
                        "view: {lon}, {lat} at zoom {zoom} is not a place on the map"
                    ));
                }
                self.map.set_view_lonlat(c, zoom);
                moved_view()
            }
            Command::ResetView => {
                self.map.viewport.reset();
                moved_view()
            }
            Command::ApplyState { text, keep_view } => self.apply_state(&text, keep_view),
            Command::Resize { width, height, dpr } => {
                self.dpr = if dpr.is_finite() && dpr > 0.0 {
                    dpr.min(4.0)
                } else {
                    1.0
                };
                let side = |css: f64| {
                    if css.is_finite() {
                        css.clamp(1.0, crate::limits::MAX_CANVAS_SIDE_PX / self.dpr)
                    } else {
                        1.0
                    }
                };
                self.map.resize(side(width), side(height));
                Response {
                    redraw: true,
                    ..Response::default()
                }
            }
        }
    }

    /// The device pixel ratio the canvas is drawn at (after [`Command::Resize`]).
    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    /// The canvas's backing store in device pixels: the CSS size times the pixel ratio (capped).
    pub fn backing_store_px(&self) -> (u32, u32) {
        let v = &self.map.viewport;
        (
            (v.width_css_px * self.dpr).round() as u32,
            (v.height_css_px * self.dpr).round() as u32,
        )
    }

    /// Frames drawn and how often the land layer was redrawn or reused.
    pub fn frame_stats(&self) -> FrameStats {
        FrameStats {
            frames: self.frames,
            base_renders: self.land.renders,
            base_reuses: self.land.reuses,
        }
    }

    /// The plan for the land layer this frame (counted as a frame).
    pub fn plan_frame(&mut self) -> LandPlan {
        self.frames = self.frames.wrapping_add(1);
        let moving = self.interaction.active() || self.wheeling;
        self.land
            .plan(LayerView::of(&self.map.viewport, self.dpr), moving)
    }

    fn key(&mut self, key: &str, shift: bool) -> Response {
        match keys::action(key, shift) {
            Some(KeyAction::Focus(step)) => {
                let focus = self.map.step_focus(step);
                Response {
                    handled: true,
                    redraw: true,
                    view: true,
                    hover_changed: true,
                    focus_moved: true,
                    hover: focus.and_then(|t| views::hit_view(&self.map, t)),
                    ..Response::default()
                }
            }
            Some(KeyAction::SelectFocused { pin }) => {
                let Some(focus) = self.map.emphasis().focus else {
                    return Response::default();
                };
                let pick = match focus {
                    crate::hit::Target::Origin(k) => Pick::City(k),
                    crate::hit::Target::Arc(i) | crate::hit::Target::Partner(i) => Pick::Pair(i),
                };
                self.selection.select(pick, pin);
                Response {
                    handled: true,
                    ..self.selection_response()
                }
            }
            Some(KeyAction::ClearSelection) => {
                self.selection.clear(false);
                Response {
                    handled: true,
                    ..self.selection_response()
                }
            }
            Some(KeyAction::View) => {
                let o = self.interaction.key(key, shift, &mut self.map.viewport);
                self.answer(o)
            }
            None => Response::default(),
        }
    }

    fn select(&mut self, id: Option<&str>, pin: bool) -> Response {
        match id.map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                self.selection.clear(false);
                self.selection_response()
            }
            Some(id) => match views::pick_of(&self.map, id) {
                Some(p) => {
                    self.selection.select(p, pin);
                    self.selection_response()
                }
                None => refused(format!("select: no pair or Shandong key \"{id}\"")),
            },
        }
    }

    fn sync_selection(&mut self) {
        let all = self.selection.all();
        self.map.select(None, false);
        for p in all {
            self.map.select(Some(p), true);
        }
    }

    fn selection_response(&mut self) -> Response {
        self.sync_selection();
        Response {
            redraw: true,
            selection_changed: true,
            ..Response::default()
        }
    }

    fn answer(&mut self, o: Outcome) -> Response {
        self.answer_pinning(o, false)
    }

    /// Turns an interaction outcome into the page's answer: hover hit-test, click selection
    /// (`pin`: a Shift-click adds to the pinned selections).
    fn answer_pinning(&mut self, o: Outcome, pin: bool) -> Response {
        let mut hover_changed = false;
        if let Some(p) = o.hover {
            let t = self.map.hit(p, HIT_PX);
            hover_changed = self.map.set_hover(t);
        } else if o.clear_hover {
            hover_changed = self.map.set_hover(None);
        }
        let mut r = Response {
            handled: o.handled,
            redraw: o.view || hover_changed,
            view: o.view,
            dragging: self.interaction.dragging(),
            hover_changed,
            hover: if hover_changed {
                self.map
                    .emphasis()
                    .hover
                    .and_then(|t| views::hit_view(&self.map, t))
            } else {
                None
            },
            ..Response::default()
        };
        if let Some(p) = o.click {
            let reach = if self.press_kind == PointerKind::Touch {
                HIT_TOUCH_PX
            } else {
                HIT_PX
            };
            match self.map.hit(p, reach) {
                Some(t) => {
                    let pick = match t {
                        crate::hit::Target::Origin(k) => Pick::City(k),
                        crate::hit::Target::Arc(i) | crate::hit::Target::Partner(i) => {
                            Pick::Pair(i)
                        }
                    };
                    self.selection.select(pick, pin);
                }
                None => self.selection.clear(false),
            }
            let s = self.selection_response();
            r.redraw = true;
            r.selection_changed = s.selection_changed;
        }
        r
    }

    /// The state for the URL hash; `lang` and `table` are the page's.
    pub fn state_hash(&self, lang: &str, table: bool) -> String {
        let view = (!self.map.viewport.is_home())
            .then(|| self.map.view_lonlat())
            .flatten()
            .map(|(c, zoom)| View {
                lon: c.lon,
                lat: c.lat,
                zoom,
            });
        let colour = self.map.colour_by();
        UrlState {
            filter: self.map.filter().clone(),
            selected: self.selection_ids(),
            view,
            lang: (!lang.is_empty()).then(|| lang.to_string()),
            colour: (colour != ColourBy::default()).then(|| colour.key().to_string()),
            table,
        }
        .to_hash()
    }

    fn apply_state(&mut self, text: &str, keep_view: bool) -> Response {
        let (state, problems) = UrlState::parse(text);
        self.map.set_filter(state.filter);
        if let Some(c) = state.colour.as_deref().and_then(ColourBy::parse) {
            self.map.set_colour_by(c);
        }
        if let (Some(v), false) = (state.view, keep_view) {
            self.map.set_view_lonlat(LonLat::new(v.lon, v.lat), v.zoom);
        }
        let picks = state
            .selected
            .iter()
            .filter_map(|id| views::pick_of(&self.map, id))
            .collect();
        self.selection.restore(picks);
        self.sync_selection();
        Response {
            redraw: true,
            view: !keep_view,
            selection_changed: true,
            data_changed: true,
            problems,
            lang: state.lang,
            table: Some(state.table),
            ..Response::default()
        }
    }

    /// Selected ids, pinned first.
    pub fn selection_ids(&self) -> Vec<String> {
        self.selection
            .all()
            .into_iter()
            .filter_map(|p| views::pick_id(&self.map, p))
            .collect()
    }

    /// Everything the controls show, in one read.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            filter: self.map.filter().clone(),
            colour_by: self.map.colour_by().key(),
            stats: views::stats(&self.map),
            legend: views::legend(&self.map),
            choices: views::choices(&self.map),
            selection: self.selection_ids(),
            pinned: self
                .selection
                .pinned
                .iter()
                .filter_map(|p| views::pick_id(&self.map, *p))
                .collect(),
            shown: self
                .selection
                .shown
                .and_then(|p| views::shown(&self.map, p)),
        }
    }

    /// The pair `id`, or `None`.
    pub fn details(&self, id: &str) -> Option<views::Details> {
        let (i, _) = self.map.dataset().by_id(id)?;
        views::details(&self.map, i)
    }

    /// The visible pairs, in data order (the table view).
    pub fn rows(&self) -> Vec<views::Details> {
        self.map
            .visible()
            .iter()
            .filter_map(|&i| views::details(&self.map, i))
            .collect()
    }

    /// Ids of the visible pairs.
    pub fn visible_ids(&self) -> Vec<String> {
        let ds = self.map.dataset();
        self.map
            .visible()
            .iter()
            .filter_map(|&i| ds.partnerships.get(i).map(|p| p.id.clone()))
            .collect()
    }

    /// The centre and zoom of the view.
    pub fn view(&self) -> Option<View> {
        self.map.view_lonlat().map(|(c, zoom)| View {
            lon: c.lon,
            lat: c.lat,
            zoom,
        })
    }
}

fn refused(error: String) -> Response {
    Response {
        error: Some(error),
        ..Response::default()
    }
}

fn changed_data() -> Response {
    Response {
        redraw: true,
        data_changed: true,
        ..Response::default()
    }
}

fn moved_view() -> Response {
    Response {
        redraw: true,
        view: true,
        ..Response::default()
    }
}
