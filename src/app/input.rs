//! Input: pointer, wheel and key events through the interaction machine, and what they answer
//! (hover hit-tests, click selections, keyboard focus moves).

use super::command::Response;
use super::keys::{self, KeyAction};
use super::views;
use super::{App, HIT_PX, HIT_TOUCH_PX};
use crate::hit::Target;
use crate::interaction::{Outcome, PointerKind};
use crate::map::Pick;
use crate::viewport::ScreenPt;

impl App {
    pub(super) fn pointer_down(&mut self, id: i32, kind: &str, x: f64, y: f64) -> Response {
        let kind = PointerKind::parse(kind);
        self.press_kind = kind;
        let o = self.interaction.pointer_down(id, kind, ScreenPt::new(x, y));
        self.answer(o)
    }

    pub(super) fn pointer_move(&mut self, id: i32, x: f64, y: f64) -> Response {
        let o = self
            .interaction
            .pointer_move(id, ScreenPt::new(x, y), &mut self.map.viewport);
        self.answer(o)
    }

    /// A release at time `t` ms; `pin`: a Shift-click adds to the pinned selections.
    pub(super) fn pointer_up(&mut self, id: i32, x: f64, y: f64, t: f64, pin: bool) -> Response {
        let mut o = self
            .interaction
            .pointer_up(id, ScreenPt::new(x, y), t, &mut self.map.viewport);
        // The land layer is redrawn sharply once the gesture ends.
        o.view |= !self.interaction.active() && o.handled;
        self.answer_pinning(o, pin)
    }

    pub(super) fn pointer_cancel(&mut self, id: i32) -> Response {
        let mut o = self.interaction.pointer_cancel(id);
        o.view = true;
        self.answer(o)
    }

    pub(super) fn pointer_leave(&mut self) -> Response {
        let o = self.interaction.pointer_leave();
        self.answer(o)
    }

    pub(super) fn wheel(&mut self, x: f64, y: f64, delta_y: f64, delta_mode: u32) -> Response {
        let o = self.interaction.wheel(
            ScreenPt::new(x, y),
            delta_y,
            delta_mode,
            &mut self.map.viewport,
        );
        self.wheeling |= o.view;
        self.answer(o)
    }

    /// The wheel has been still: redraw the land sharply if it was zooming.
    pub(super) fn settle(&mut self) -> Response {
        Response {
            redraw: std::mem::replace(&mut self.wheeling, false),
            ..Response::default()
        }
    }

    pub(super) fn blur(&mut self) -> Response {
        self.map.clear_focus();
        Response {
            redraw: true,
            hover_changed: true,
            ..Response::default()
        }
    }

    pub(super) fn key(&mut self, key: &str, shift: bool) -> Response {
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
                self.selection.select(pick_of_target(focus), pin);
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
                Some(t) => self.selection.select(pick_of_target(t), pin),
                None => self.selection.clear(false),
            }
            let s = self.selection_response();
            r.redraw = true;
            r.selection_changed = s.selection_changed;
        }
        r
    }
}

/// The selection a hit target stands for: a Shandong key's fan or one pair.
fn pick_of_target(t: Target) -> Pick {
    match t {
        Target::Origin(k) => Pick::City(k),
        Target::Arc(i) | Target::Partner(i) => Pick::Pair(i),
    }
}
