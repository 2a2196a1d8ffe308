//! Commands: the selection (select, pin, show, clear) and the view and state (filter, colours,
//! view, URL state, size).

use super::command::{changed_data, moved_view, refused, Response};
use super::views;
use super::App;
use crate::filter::Filter;
use crate::geometry::LonLat;
use crate::style::ColourBy;
use crate::urlstate::UrlState;

impl App {
    pub(super) fn select(&mut self, id: Option<&str>, pin: bool) -> Response {
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

    pub(super) fn clear_selection(&mut self, all: bool) -> Response {
        self.selection.clear(all);
        self.selection_response()
    }

    pub(super) fn toggle_pin(&mut self) -> Response {
        self.selection.toggle_pin_shown();
        self.selection_response()
    }

    pub(super) fn unpin(&mut self, id: &str) -> Response {
        match views::pick_of(&self.map, id) {
            Some(p) => {
                self.selection.unpin(p);
                self.selection_response()
            }
            None => refused(format!("unpin: no selection \"{id}\"")),
        }
    }

    pub(super) fn show(&mut self, id: &str) -> Response {
        match views::pick_of(&self.map, id) {
            Some(p) => {
                self.selection.shown = Some(p);
                self.selection_response()
            }
            None => refused(format!("show: no pair or Shandong key \"{id}\"")),
        }
    }

    pub(super) fn sync_selection(&mut self) {
        let all = self.selection.all();
        self.map.select(None, false);
        for p in all {
            self.map.select(Some(p), true);
        }
    }

    pub(super) fn selection_response(&mut self) -> Response {
        self.sync_selection();
        Response {
            redraw: true,
            selection_changed: true,
            ..Response::default()
        }
    }

    pub(super) fn set_filter(&mut self, filter: Filter) -> Response {
        self.map.set_filter(filter);
        changed_data()
    }

    pub(super) fn set_colour_by(&mut self, colour: &str) -> Response {
        match ColourBy::parse(colour) {
            Some(c) => {
                self.map.set_colour_by(c);
                changed_data()
            }
            None => refused(format!(
                "colour: value \"{colour}\" is not one of city, relation, decade"
            )),
        }
    }

    pub(super) fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) -> Response {
        let c = LonLat::new(lon, lat);
        if !c.is_valid() || !zoom.is_finite() {
            return refused(format!(
                "view: {}, {} at zoom {} is not a place on the map",
                crate::num::plain(lon),
                crate::num::plain(lat),
                crate::num::plain(zoom)
            ));
        }
        self.map.set_view_lonlat(c, zoom);
        moved_view()
    }

    pub(super) fn reset_view(&mut self) -> Response {
        self.map.viewport.reset();
        moved_view()
    }

    pub(super) fn apply_state(&mut self, text: &str, keep_view: bool) -> Response {
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

    /// Brings what the detail panel shows into sight, outside the panels over the map.
    pub(super) fn reveal(&mut self, covered: &[crate::viewport::RectPx]) -> Response {
        match self.selection.shown {
            Some(pick) if self.map.reveal_pick(pick, covered) => moved_view(),
            _ => Response::default(),
        }
    }

    /// The canvas's CSS size and pixel ratio (capped so the backing store stays drawable).
    pub(super) fn resize(&mut self, width: f64, height: f64, dpr: f64) -> Response {
        self.dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr.min(4.0)
        } else {
            1.0
        };
        let side = |css: f64| {
            if css.is_finite() {
                crate::num::clamp(css, 1.0, crate::limits::MAX_CANVAS_SIDE_PX / self.dpr)
            } else {
                1.0
            }
        };
        self.map.resize(side(width), side(height));
        self.refit();
        // Laid out now: the inset or the names it moves make the answer say the layout
        // changed (`App::handle`).
        self.map.refresh_layout();
        Response {
            redraw: true,
            ..Response::default()
        }
    }
}
