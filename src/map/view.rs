//! The view in geographic terms: projecting a place, and the centre and zoom for the URL.

use super::{MapState, Pick};
use crate::geometry::{LonLat, WorldXY};
use crate::search::{SearchBuild, SearchHit, SearchIndex};
use crate::viewport::{RectPx, ScreenPt};

/// The largest zoom a fit chooses (a short pair or one place is not blown up further).
pub const FIT_ZOOM_MAX: f64 = 24.0;
/// The free margin round a fitted view, CSS px.
pub const FIT_PADDING_PX: f64 = 36.0;

impl MapState {
    /// Resizes the canvas, keeping the centre.
    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64) {
        self.viewport.resize(width_css_px, height_css_px);
    }

    /// Screen position of a geographic point in the current view.
    pub fn project(&self, p: LonLat) -> Option<ScreenPt> {
        self.projection
            .project(p)
            .map(|w| self.viewport.to_screen(w))
    }

    /// The view as the geographic centre and zoom (for the URL).
    pub fn view_lonlat(&self) -> Option<(LonLat, f64)> {
        self.projection
            .invert(self.viewport.centre)
            .map(|c| (c, self.viewport.zoom))
    }

    /// Centres the view on a place at a zoom (clamped to the limits; 1 = the whole map fits).
    pub fn set_view_lonlat(&mut self, centre: LonLat, zoom: f64) {
        self.viewport.reset();
        let c = self
            .projection
            .project(centre)
            .unwrap_or(self.viewport.centre);
        self.viewport
            .set(c, if zoom.is_finite() { zoom } else { 1.0 });
    }

    /// What must stay in sight for a pick: a pair's two dots and its arc (when the arc is one
    /// piece; an arc cut at the seam contributes its dots only), a Shandong side's dot.
    pub fn pick_points(&self, pick: Pick) -> Vec<WorldXY> {
        match pick {
            Pick::City(k) => self
                .origin_xy
                .get(k)
                .copied()
                .flatten()
                .into_iter()
                .collect(),
            Pick::Pair(i) => {
                let Some(p) = self.dataset.partnerships.get(i) else {
                    return Vec::new();
                };
                let origin = self
                    .dataset
                    .city_index_of(&self.dataset.city_of(p).key)
                    .and_then(|k| self.origin_xy.get(k).copied().flatten());
                let partner = self.partner_xy.get(i).copied().flatten();
                let mut pts: Vec<WorldXY> = origin.into_iter().chain(partner).collect();
                if let Some([piece]) = self.arcs.get(i).map(Vec::as_slice) {
                    pts.extend_from_slice(piece);
                }
                pts
            }
        }
    }

    /// Pans (zooming out if need be) so that `pick` is drawn inside the canvas and outside the
    /// `covered` rectangles (panels over the map, CSS px from the canvas's corner). Returns
    /// whether the view moved.
    pub fn reveal_pick(&mut self, pick: Pick, covered: &[RectPx]) -> bool {
        let pts = self.pick_points(pick);
        let v = self.viewport;
        let margin = 16.0_f64
            .min(v.width_css_px / 8.0)
            .min(v.height_css_px / 8.0);
        self.viewport.reveal(&pts, covered, margin)
    }

    /// The world box round pairs `pairs`: both ends and the great circle between (pieces on both
    /// sides of the seam span the map, as they are drawn); `None` when none has a place.
    pub fn extent_of(&self, pairs: &[usize]) -> Option<(WorldXY, WorldXY)> {
        let mut points = Vec::new();
        for &i in pairs {
            let Some(p) = self.dataset.partnerships.get(i) else {
                continue;
            };
            points.extend(self.origin_xy.get(p.city).copied().flatten());
            points.extend(self.partner_xy.get(i).copied().flatten());
            points.extend(self.arcs.get(i).into_iter().flatten().flatten().copied());
        }
        let first = *points.first()?;
        Some(points.iter().fold((first, first), |(lo, hi), w| {
            (
                WorldXY {
                    x: lo.x.min(w.x),
                    y: lo.y.min(w.y),
                },
                WorldXY {
                    x: hi.x.max(w.x),
                    y: hi.y.max(w.y),
                },
            )
        }))
    }

    /// The centre and zoom that fit pairs `pairs` on the canvas ([`Self::extent_of`], with
    /// `FIT_PADDING_PX`, at most `FIT_ZOOM_MAX`); `None` when none has a place.
    pub fn fit_view(&self, pairs: &[usize]) -> Option<(WorldXY, f64)> {
        let (min, max) = self.extent_of(pairs)?;
        Some(
            self.viewport
                .fitting(min, max, FIT_PADDING_PX, FIT_ZOOM_MAX),
        )
    }

    /// The best `limit` search results for `text` over the whole data (see
    /// [`crate::search::SearchIndex::search`]).
    pub fn search(&self, text: &str, limit: usize) -> Vec<SearchHit> {
        self.search_index().search(&self.dataset, text, limit)
    }

    /// The pairs of the partner place pair `i` belongs to.
    pub fn place_of(&self, i: usize) -> Vec<usize> {
        self.search_index().place_of(i)
    }

    /// The search index, made now if it is not made yet.
    pub(crate) fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::new(&self.dataset))
    }

    /// Refines coarse arcs (large data's first frame, see [`super::COARSE_FIRST_PAIRS`]) at
    /// most `max_pairs` a call, then makes the hit index, a part of about
    /// [`super::HIT_PART_PIECES`] segments per call, then the search index in steps of at most
    /// `max_pairs` pairs or origins (the page calls this in idle time after the first frame, so
    /// that the first pointer move and the first keystroke find them made; the pointer first:
    /// it comes sooner); `true` once all are made.
    pub fn prepare_when_idle(&mut self, max_pairs: usize) -> bool {
        if self.refine_next.is_some() {
            self.refine_step(max_pairs);
            return false; // the hit index from the refined arcs, in the next calls
        }
        if self.hit.is_none() {
            self.index_part();
            return false; // one piece of work a call: the search index after the last part
        }
        if self.search.get().is_some() {
            return true;
        }
        let (all, g) = (&self.dataset.partnerships, &self.dataset.gazetteer);
        let build = self
            .search_build
            .get_or_insert_with(|| SearchBuild::countries_only(g));
        // The origins' names first (a world network has thousands), then the pairs'.
        let mut budget = max_pairs.max(1);
        while budget > 0 && build.push_city(g) {
            budget -= 1;
        }
        for p in all.iter().skip(build.len()).take(budget) {
            build.push(p);
        }
        if build.cities_pending(g) || build.len() < all.len() {
            return false;
        }
        if let Some(index) = self.search_build.take() {
            let _ = self.search.set(index.finish());
        }
        true
    }
}
