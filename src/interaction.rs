//! The interaction state machine: pointer, wheel and key input in, view changes and
//! hover/click/zoom decisions out. Pure: the page feeds it events with CSS-pixel positions and
//! millisecond times; nothing here knows about the DOM.
//!
//! - A press that moves less than the drag threshold (more on touch) and is released is a
//!   click; one that moves further is a drag that pans the view.
//! - Two pressed pointers pinch: the distance between them zooms about their midpoint and the
//!   midpoint's movement pans. Lifting one finger never turns into a click.
//! - A second click within [`DOUBLE_CLICK_MS`] and [`DOUBLE_CLICK_PX`] of the first zooms in.
//! - The wheel zooms about the pointer; keys zoom about the centre, pan, and reset.

use crate::viewport::ScreenPt;
use crate::viewport::Viewport;

/// Movement (CSS px) before a mouse or pen press becomes a drag.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Movement (CSS px) before a touch becomes a drag: fingers wobble.
pub const DRAG_THRESHOLD_TOUCH_PX: f64 = 10.0;
/// Two clicks at most this many milliseconds apart (and within [`DOUBLE_CLICK_PX`]) are a
/// double click.
pub const DOUBLE_CLICK_MS: f64 = 350.0;
/// Two clicks at most this many CSS px apart (and within [`DOUBLE_CLICK_MS`]) are a double
/// click.
pub const DOUBLE_CLICK_PX: f64 = 24.0;
/// Zoom factor of one keyboard step (`+` zooms in by it, `-` out).
pub const KEY_ZOOM: f64 = 1.5;
/// Zoom factor of a double click (in, about the clicked point).
pub const DOUBLE_CLICK_ZOOM: f64 = 2.0;
/// Pan of one arrow-key press, CSS px.
pub const KEY_PAN_PX: f64 = 80.0;

/// What kind of pointer pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse, or any pointer type not recognised.
    Mouse,
    /// A pen or stylus.
    Pen,
    /// A finger: a larger drag threshold, and no hover.
    Touch,
}

impl PointerKind {
    /// From a DOM `pointerType` string; anything unknown counts as a mouse.
    pub fn parse(text: &str) -> Self {
        match text {
            "touch" => Self::Touch,
            "pen" => Self::Pen,
            _ => Self::Mouse,
        }
    }

    fn drag_threshold(self) -> f64 {
        match self {
            Self::Touch => DRAG_THRESHOLD_TOUCH_PX,
            _ => DRAG_THRESHOLD_PX,
        }
    }
}

/// What an event led to. The page redraws when `view` is set, updates the hover when `hover`
/// is set, and selects what is under `click`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Outcome {
    /// The view moved or zoomed.
    pub view: bool,
    /// The pointer hovers here (no button pressed).
    pub hover: Option<ScreenPt>,
    /// A click or tap happened here.
    pub click: Option<ScreenPt>,
    /// The pointer left or a gesture started: hide the hover.
    pub clear_hover: bool,
    /// The event was used (the page should `preventDefault` it).
    pub handled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Press {
    id: i32,
    kind: PointerKind,
    start: ScreenPt,
    last: ScreenPt,
}

/// The gesture in progress.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interaction {
    presses: Vec<Press>,
    /// The single press became a drag.
    dragging: bool,
    /// Two pointers were down during this gesture: no click at its end.
    pinched: bool,
    /// Time and place of the last click, for double clicks.
    last_click: Option<(f64, ScreenPt)>,
}

fn mid(a: ScreenPt, b: ScreenPt) -> ScreenPt {
    ScreenPt::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0)
}

fn finite(p: ScreenPt) -> bool {
    p.x.is_finite() && p.y.is_finite()
}

impl Interaction {
    /// A gesture is under way (a pointer is down): pan frames may reuse cached layers.
    pub fn active(&self) -> bool {
        !self.presses.is_empty()
    }

    /// The press is a drag (the page shows a grabbing cursor).
    pub fn dragging(&self) -> bool {
        self.dragging || self.pinched
    }

    /// Pointer `id` of `kind` was pressed at `p` (CSS px). A second pointer starts a pinch; a
    /// third, and a non-finite `p`, are ignored (an unhandled [`Outcome`]). Pressing an `id`
    /// that is already down replaces its press.
    pub fn pointer_down(&mut self, id: i32, kind: PointerKind, p: ScreenPt) -> Outcome {
        if !finite(p) {
            return Outcome::default();
        }
        self.presses.retain(|q| q.id != id);
        if self.presses.len() >= 2 {
            // A third finger is ignored.
            return Outcome::default();
        }
        self.presses.push(Press {
            id,
            kind,
            start: p,
            last: p,
        });
        if self.presses.len() == 2 {
            self.pinched = true;
        }
        Outcome {
            handled: true,
            clear_hover: kind == PointerKind::Touch || self.pinched,
            ..Outcome::default()
        }
    }

    /// Pointer `id` moved to `p` (CSS px). Not pressed: a hover at `p`. One press: once it has
    /// moved beyond the drag threshold from where it started, a drag that pans `view`. Two
    /// presses: a pinch that pans `view` with the midpoint and zooms it about the midpoint by
    /// the change in distance. A non-finite `p` is ignored.
    // k is a position found in `presses`; with two presses, 1 - k is the other one.
    #[allow(clippy::indexing_slicing)]
    pub fn pointer_move(&mut self, id: i32, p: ScreenPt, view: &mut Viewport) -> Outcome {
        if !finite(p) {
            return Outcome::default();
        }
        let Some(k) = self.presses.iter().position(|q| q.id == id) else {
            // Nothing pressed: a hover.
            return Outcome {
                hover: Some(p),
                ..Outcome::default()
            };
        };
        if self.presses.len() == 2 {
            let other = self.presses[1 - k].last;
            let before_mid = mid(self.presses[k].last, other);
            let before_d = self.presses[k].last.distance(other);
            self.presses[k].last = p;
            let after_mid = mid(p, other);
            let after_d = p.distance(other);
            view.pan_by(after_mid.x - before_mid.x, after_mid.y - before_mid.y);
            if before_d > 1.0 && after_d > 1.0 {
                view.zoom_about(after_mid, after_d / before_d);
            }
            return Outcome {
                view: true,
                handled: true,
                clear_hover: true,
                ..Outcome::default()
            };
        }
        let press = self.presses[k];
        if !self.dragging && press.start.distance(p) > press.kind.drag_threshold() {
            self.dragging = true;
        }
        self.presses[k].last = p;
        if self.dragging {
            view.pan_by(p.x - press.last.x, p.y - press.last.y);
            return Outcome {
                view: true,
                handled: true,
                clear_hover: true,
                ..Outcome::default()
            };
        }
        Outcome {
            handled: true,
            ..Outcome::default()
        }
    }

    /// A pointer was released at `p` (CSS px) at time `t_ms` (milliseconds). Ends in a click
    /// at `p` unless the press was a drag or pinch; a click within [`DOUBLE_CLICK_MS`] and
    /// [`DOUBLE_CLICK_PX`] of the previous one zooms `view` in by [`DOUBLE_CLICK_ZOOM`] about
    /// `p` instead. An `id` that is not down is ignored.
    pub fn pointer_up(&mut self, id: i32, p: ScreenPt, t_ms: f64, view: &mut Viewport) -> Outcome {
        let Some(k) = self.presses.iter().position(|q| q.id == id) else {
            return Outcome::default();
        };
        let press = self.presses.remove(k);
        let was_gesture = self.dragging || self.pinched;
        if !self.presses.is_empty() {
            // One finger of a pinch lifted: the rest of the gesture is not a click.
            return Outcome {
                handled: true,
                ..Outcome::default()
            };
        }
        self.dragging = false;
        self.pinched = false;
        if was_gesture || !finite(p) {
            return Outcome {
                handled: true,
                hover: (press.kind != PointerKind::Touch && finite(p)).then_some(p),
                ..Outcome::default()
            };
        }
        let double = self.last_click.is_some_and(|(t0, p0)| {
            t_ms.is_finite()
                && t_ms - t0 >= 0.0
                && t_ms - t0 <= DOUBLE_CLICK_MS
                && p.distance(p0) <= DOUBLE_CLICK_PX
        });
        if double {
            self.last_click = None;
            view.zoom_about(p, DOUBLE_CLICK_ZOOM);
            return Outcome {
                view: true,
                handled: true,
                ..Outcome::default()
            };
        }
        self.last_click = t_ms.is_finite().then_some((t_ms, p));
        Outcome {
            click: Some(p),
            handled: true,
            ..Outcome::default()
        }
    }

    /// The browser took the pointer away (scrolling, a system gesture): forget the press.
    pub fn pointer_cancel(&mut self, id: i32) -> Outcome {
        self.presses.retain(|q| q.id != id);
        if self.presses.is_empty() {
            self.dragging = false;
            self.pinched = false;
        }
        Outcome {
            clear_hover: true,
            ..Outcome::default()
        }
    }

    /// The pointer left the map.
    pub fn pointer_leave(&mut self) -> Outcome {
        Outcome {
            clear_hover: true,
            ..Outcome::default()
        }
    }

    /// A wheel turn: `delta_y` in the DOM's units (`delta_mode` 0 = pixels, 1 = lines,
    /// 2 = pages); negative zooms in, about `p`.
    pub fn wheel(
        &mut self,
        p: ScreenPt,
        delta_y: f64,
        delta_mode: u32,
        view: &mut Viewport,
    ) -> Outcome {
        if !finite(p) || !delta_y.is_finite() || delta_y == 0.0 {
            return Outcome::default();
        }
        let px = match delta_mode {
            1 => delta_y * 16.0,
            2 => delta_y * view.height_css_px,
            _ => delta_y,
        };
        // 100 px of wheel (one notch on most mice) zooms by about 1.22×.
        let factor = (-px * 0.002).clamp(-1.0, 1.0).exp();
        view.zoom_about(p, factor);
        Outcome {
            view: true,
            handled: true,
            clear_hover: true,
            ..Outcome::default()
        }
    }

    /// A key press on the focused map: `+`/`=` and `-` zoom about the centre, Shift+arrows pan,
    /// Home or `0` resets. Other keys are not handled here.
    pub fn key(&mut self, key: &str, shift: bool, view: &mut Viewport) -> Outcome {
        let centre = ScreenPt::new(view.width_css_px / 2.0, view.height_css_px / 2.0);
        match (key, shift) {
            ("+" | "=", _) => view.zoom_about(centre, KEY_ZOOM),
            ("-" | "_", _) => view.zoom_about(centre, 1.0 / KEY_ZOOM),
            ("Home" | "0", _) => view.reset(),
            ("ArrowLeft", true) => view.pan_by(KEY_PAN_PX, 0.0),
            ("ArrowRight", true) => view.pan_by(-KEY_PAN_PX, 0.0),
            ("ArrowUp", true) => view.pan_by(0.0, KEY_PAN_PX),
            ("ArrowDown", true) => view.pan_by(0.0, -KEY_PAN_PX),
            _ => return Outcome::default(),
        }
        Outcome {
            view: true,
            handled: true,
            clear_hover: true,
            ..Outcome::default()
        }
    }
}
