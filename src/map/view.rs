//! The view in geographic terms: projecting a place, and the centre and zoom for the URL.

use super::MapState;
use crate::geometry::LonLat;
use crate::viewport::ScreenPt;

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

    /// Centres the view on a place at a zoom (clamped to the limits).
    pub fn set_view_lonlat(&mut self, centre: LonLat, zoom: f64) {
        self.viewport.reset();
        if let Some(w) = self.projection.project(centre) {
            self.viewport.centre = w;
        }
        if zoom.is_finite() {
            let c = ScreenPt::new(
                self.viewport.width_css_px / 2.0,
                self.viewport.height_css_px / 2.0,
            );
            self.viewport.zoom_about(c, zoom);
        }
    }
}
