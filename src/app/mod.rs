//! The application layer: everything the widget does, in one object, natively testable.
//!
//! [`App`] owns the map state ([`MapState`]), the interaction machine, the selection and pins,
//! the keyboard focus, the loaded tables and the land layer's reuse decision. The page sends it
//! [`Command`]s through one entry, [`App::handle`], and reads what its controls show with one
//! call, [`App::snapshot`]. The web layer only converts these values and draws.
//!
//! | module | holds |
//! |---|---|
//! | `command` | the values crossing the boundary: [`Command`], [`Response`], [`LoadReport`], [`FrameStats`], [`ThemeInput`] |
//! | `load` | loading the basemap, reference tables, partnerships and coverage; the theme |
//! | `job` | a partnerships load in steps (`start_load`, [`Command::LoadStep`]) |
//! | `input` | pointer, wheel and key events and what they answer (hover, click, focus) |
//! | `commands` | selection commands, and the filter, colours, view, URL state and size |
//! | `export` | the report (PNG/SVG export) and the flow animation's switch |
//! | [`fly`] | search results, choosing one, fitting to what is shown, the flight between views |
//! | `read` | what the controls, table, URL and detail panel show ([`App::snapshot`]) |
//! | [`keys`] | the table of every key the map answers |
//! | [`selection`] | pinned and current selections, and what the detail panel shows |
//! | [`views`] | the view models: details, hits, choices, legend, statistics, the snapshot |
//! | [`overlays`] | the Shandong inset and the map's names as the snapshot carries them |
//! | [`layer`] | when the cached land layer is copied, shifted or redrawn |

mod choices;
mod command;
mod commands;
mod export;
pub mod fly;
mod input;
mod job;
pub mod json;
pub mod keys;
pub mod layer;
mod load;
pub mod overlays;
mod read;
pub mod selection;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod typescript;
pub mod views;
pub mod vocabulary;

pub use command::{Command, FrameStats, LoadReport, LoadStatus, Response, ThemeInput};

use crate::basemap::Basemap;
use crate::dataset::Gazetteer;
use crate::interaction::{Interaction, PointerKind};
use crate::map::MapState;
use crate::scene::Scene;
use layer::{ArcsLayer, LandLayer, LandPlan, LayerView};
use selection::Selection;
use std::sync::Arc;

/// Reach of the pointer for hover and mouse clicks, CSS px: thin lines get a generous area.
pub const HIT_PX: f64 = 6.0;
/// Reach of a finger.
pub const HIT_TOUCH_PX: f64 = 14.0;

/// The widget's state and behaviour.
#[derive(Debug, Clone)]
pub struct App {
    /// The map: data, view, filter, emphasis and cached geometry.
    pub map: MapState,
    interaction: Interaction,
    /// Kind of the pointer last pressed (touch gets a wider reach).
    press_kind: PointerKind,
    /// A wheel zoom is in progress (until [`Command::Settle`]).
    wheeling: bool,
    gazetteer: Option<Gazetteer>,
    basemap: Option<Arc<Basemap>>,
    /// The world outlines partners are checked against: the shipped basemap, whatever basemap a
    /// portal shows (its approved map may cover China only).
    outlines: Option<Arc<Basemap>>,
    /// The partnerships load in progress, if any (see `job`).
    job: job::JobSlot,
    /// The id of the last load started.
    jobs_started: u32,
    selection: Selection,
    /// The cached land layer's reuse decisions and counters.
    pub land: LandLayer,
    /// The cached arcs layer's, likewise.
    pub arcs: ArcsLayer,
    dpr: f64,
    /// Frames planned (drawn) so far.
    pub frames: u32,
    /// The year of the last data load's `today` (the year slider's end).
    this_year: i32,
    /// The flow animation is running (the page turns it off when hidden or off-screen).
    flow: bool,
    /// The view's flight to a chosen result, while it lasts.
    flight: Option<fly::Flight>,
    /// The pairs the view was last fitted to (a choice or a fit), until the visitor moves the
    /// view: a resize (the detail panel opening) fits them again.
    fitted: Option<Vec<usize>>,
    /// What was last drawn over the layers, while the page's canvas holds it (see
    /// [`App::plan_top`]).
    top: Option<Scene>,
    /// Frames that left what is over the layers as it was.
    top_reuses: u32,
}

impl Default for App {
    fn default() -> Self {
        Self::new(1.0, 1.0)
    }
}

impl App {
    /// An app for a canvas of the given CSS size (at least 1 × 1).
    pub fn new(width_css_px: f64, height_css_px: f64) -> Self {
        Self {
            map: MapState::new(width_css_px.max(1.0), height_css_px.max(1.0)),
            interaction: Interaction::default(),
            press_kind: PointerKind::Mouse,
            wheeling: false,
            gazetteer: None,
            basemap: None,
            outlines: None,
            job: job::JobSlot::default(),
            jobs_started: 0,
            selection: Selection::default(),
            land: LandLayer::default(),
            arcs: ArcsLayer::default(),
            dpr: 1.0,
            frames: 0,
            this_year: 0, // set by the first data load
            flow: false,
            flight: None,
            fitted: None,
            top: None,
            top_reuses: 0,
        }
    }

    /// The one entry for input and commands.
    pub fn handle(&mut self, command: Command) -> Response {
        if matches!(
            command,
            Command::PointerDown { .. }
                | Command::Wheel { .. }
                | Command::Key { .. }
                | Command::SetView { .. }
                | Command::ResetView
                | Command::ApplyState {
                    keep_view: false,
                    ..
                }
        ) {
            self.flight = None; // the visitor moves the view: a flight ends
            self.fitted = None;
        }
        // A load step lays out nothing: the swap that ends a large load is long enough as it
        // is, and the first frame of the new data lays it out.
        let lays_out = !matches!(command, Command::LoadStep { .. });
        let mut response = match command {
            Command::PointerDown { id, kind, x, y } => self.pointer_down(id, &kind, x, y),
            Command::PointerMove { id, x, y } => self.pointer_move(id, x, y),
            Command::PointerUp { id, x, y, t, pin } => self.pointer_up(id, x, y, t, pin),
            Command::PointerCancel { id } => self.pointer_cancel(id),
            Command::PointerLeave => self.pointer_leave(),
            Command::Wheel {
                x,
                y,
                delta_y,
                delta_mode,
            } => self.wheel(x, y, delta_y, delta_mode),
            Command::Settle => self.settle(),
            Command::Key { key, shift } => self.key(&key, shift),
            Command::Blur => self.blur(),
            Command::Select { id, pin } => self.select(id.as_deref(), pin),
            Command::ClearSelection { all } => self.clear_selection(all),
            Command::TogglePin => self.toggle_pin(),
            Command::Unpin { id } => self.unpin(&id),
            Command::Show { id } => self.show(&id),
            Command::SetFilter { filter } => self.set_filter(filter),
            Command::SetColourBy { colour } => self.set_colour_by(&colour),
            Command::SetView { lon, lat, zoom } => self.set_view(lon, lat, zoom),
            Command::ResetView => self.reset_view(),
            Command::ApplyState { text, keep_view } => self.apply_state(&text, keep_view),
            Command::Reveal { covered } => self.reveal(&covered),
            Command::Search { text, limit } => self.search(&text, limit),
            Command::Choose { kind, key, animate } => self.choose(kind, &key, animate),
            Command::FitVisible { animate } => self.fit_visible(animate),
            Command::FlyFrame { ms } => self.fly_frame(ms),
            Command::Resize { width, height, dpr } => self.resize(width, height, dpr),
            Command::SetFlow { on } => self.set_flow(on),
            Command::SetInset { shown } => Response {
                redraw: self.map.set_inset_shown(shown),
                ..Response::default()
            },
            Command::SetLang { lang } => Response {
                redraw: true,
                layout_changed: self.map.set_lang(lang != "en"),
                ..Response::default()
            },
            #[cfg(feature = "files")]
            Command::LoadStep { id, rows } => self.load_step(id, rows),
            // No load in steps was started: the module reads no files of a portal's.
            #[cfg(not(feature = "files"))]
            Command::LoadStep { .. } => Response::default(),
            Command::CancelLoad => self.cancel_load(),
            Command::Prepare { pairs } => Response {
                pending: !self.map.prepare_when_idle(pairs),
                ..Response::default()
            },
        };
        // A view closer than large data's first, coarse arcs are good for refines them now.
        self.map.refine_for_view();
        if lays_out {
            self.map.refresh_stale_layout();
            // A view that settled is laid out now (its frame then finds it made): the inset
            // comes or goes with the zoom, and the page's button on it with it.
            if response.view && !self.moving() {
                self.map.refresh_layout();
            }
            // Whatever moved the inset or the names (a size, a view, the language, the data,
            // the inset hidden), the page reads the snapshot again.
            response.layout_changed |= self.map.take_overlay_changed();
        }
        response
    }

    /// Lays the map out now if its data changed since the last layout (a load's last step
    /// leaves it stale): the page calls this before reading the snapshot, so that the snapshot
    /// and the next frame share one layout instead of each making its own.
    pub fn lay_out(&mut self) {
        self.map.refresh_stale_layout();
        let _ = self.map.take_overlay_changed(); // the snapshot read next has it
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
            arcs_renders: self.arcs.layer.renders,
            arcs_reuses: self.arcs.layer.reuses,
            top_reuses: self.top_reuses,
        }
    }

    /// Whether a gesture or a flight is moving the view.
    pub fn moving(&self) -> bool {
        self.interaction.active() || self.wheeling || self.flight.is_some()
    }

    /// What to draw over the cached layers this frame (the emphasis, the inset, the focus
    /// rings), or `None` when it is what was drawn last and `canvas_holds_it` (the page's
    /// canvas holds only that, as it does when the layers are canvases of their own): then the
    /// canvas is left as it is. While a gesture or a flight moves the view, the inset's leader
    /// lines are left out (one end stays with the inset, the other moves with the map), so that
    /// a pan with nothing emphasised draws nothing over the layers, which the browser moves.
    pub fn plan_top(&mut self, canvas_holds_it: bool) -> Option<&Scene> {
        let mut scene = self.map.emphasis_scene();
        if self.moving() {
            if let Some(inset) = &mut scene.inset {
                inset.leaders = Default::default();
            }
        }
        if canvas_holds_it && self.top.as_ref() == Some(&scene) {
            self.top_reuses = self.top_reuses.wrapping_add(1);
            return None;
        }
        Some(&*self.top.insert(scene))
    }

    /// The plan for the land layer this frame (counted as a frame).
    pub fn plan_frame(&mut self) -> LandPlan {
        self.frames = self.frames.wrapping_add(1);
        let moving = self.moving();
        if !moving {
            // Stacks, labels and the inset once per settled view, never per gesture frame.
            self.map.refresh_layout();
        }
        self.land
            .plan(LayerView::of(&self.map.viewport, self.dpr), moving)
    }

    /// What the land layer shows: its view at the device pixel ratio, and how many times its
    /// colours or shapes changed (a picture of the land is for this pair only).
    pub fn land_key(&self) -> (LayerView, u32) {
        (
            LayerView::of(&self.map.viewport, self.dpr),
            self.land.generation,
        )
    }

    /// The land layer's picture did not come (the page's worker drawing it failed): the next
    /// frame draws it afresh.
    pub fn land_lost(&mut self) {
        self.land.invalidate();
    }

    /// The plan for the arcs layer this frame, and the opacity to draw it at (see
    /// [`MapState::layer_alpha`](crate::map::MapState::layer_alpha)).
    pub fn plan_arcs(&mut self) -> (LandPlan, f64) {
        let moving = self.interaction.active() || self.wheeling;
        let now = LayerView::of(&self.map.viewport, self.dpr);
        let plan = self.arcs.plan(now, moving, self.map.content_version());
        (plan, self.map.layer_alpha())
    }
}
