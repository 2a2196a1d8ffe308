//! The view: which part of the projected world fills the canvas, and how big.

use crate::geometry::{Projection, WorldXY};

/// Smallest zoom: the default view, where the whole map fits the canvas.
pub const ZOOM_MIN: f64 = 1.0;
/// Largest zoom, relative to the default view.
pub const ZOOM_MAX: f64 = 40.0;

/// A position in CSS pixels from the top-left corner of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ScreenPt {
    /// CSS pixels rightwards from the left edge.
    pub x: f64,
    /// CSS pixels downwards from the top edge.
    pub y: f64,
}

impl ScreenPt {
    /// A point `x` CSS pixels right of and `y` below the top-left corner.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// Maps world units to CSS pixels: `screen = centre_of_canvas + (world − centre) × scale`,
/// with y flipped (north up).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    /// Canvas width in CSS pixels; at least 1 when set through [`Viewport::new`] or
    /// [`Viewport::resize`].
    pub width_css_px: f64,
    /// Canvas height in CSS pixels; at least 1 when set through [`Viewport::new`] or
    /// [`Viewport::resize`].
    pub height_css_px: f64,
    /// 1 = the default view (the whole map fits the canvas). The methods keep it within
    /// [`ZOOM_MIN`]…[`ZOOM_MAX`].
    pub zoom: f64,
    /// The world position shown at the centre of the canvas.
    pub centre: WorldXY,
    bounds_min: WorldXY,
    bounds_max: WorldXY,
}

impl Viewport {
    /// The default view of `projection`'s [world bounds](Projection::world_bounds) on a canvas
    /// of the given size in CSS pixels. Sizes below 1 or not finite are taken as 1.
    pub fn new(width_css_px: f64, height_css_px: f64, projection: &Projection) -> Self {
        let (bounds_min, bounds_max) = projection.world_bounds();
        let mut v = Self {
            width_css_px: sane_size(width_css_px),
            height_css_px: sane_size(height_css_px),
            zoom: 1.0,
            centre: WorldXY { x: 0.0, y: 0.0 },
            bounds_min,
            bounds_max,
        };
        v.reset();
        v
    }

    /// Back to the default view.
    pub fn reset(&mut self) {
        self.zoom = 1.0;
        self.centre = WorldXY {
            x: (self.bounds_min.x + self.bounds_max.x) / 2.0,
            y: (self.bounds_min.y + self.bounds_max.y) / 2.0,
        };
    }

    /// The default view (nothing worth keeping in a URL).
    pub fn is_home(&self) -> bool {
        let mut home = *self;
        home.reset();
        home.zoom == self.zoom && home.centre == self.centre
    }

    /// Sets the canvas size in CSS pixels (below 1 or not finite is taken as 1), keeping the
    /// zoom and the centre, which is then kept inside the world bounds.
    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64) {
        self.width_css_px = sane_size(width_css_px);
        self.height_css_px = sane_size(height_css_px);
        self.clamp();
    }

    /// CSS pixels per world unit.
    pub fn scale(&self) -> f64 {
        let w = self.bounds_max.x - self.bounds_min.x;
        let h = self.bounds_max.y - self.bounds_min.y;
        (self.width_css_px / w).min(self.height_css_px / h) * self.zoom
    }

    /// Where the world position `w` is drawn, in CSS pixels; may lie outside the canvas.
    pub fn to_screen(&self, w: WorldXY) -> ScreenPt {
        self.transform().apply(w)
    }

    /// The world→screen mapping of this view with its scale worked out once, for mapping many
    /// points in a frame.
    pub fn transform(&self) -> ScreenTransform {
        let scale = self.scale();
        ScreenTransform {
            scale,
            offset_x: self.width_css_px / 2.0 - self.centre.x * scale,
            offset_y: self.height_css_px / 2.0 + self.centre.y * scale,
        }
    }

    /// The world position under the CSS-pixel point `p`; the inverse of
    /// [`to_screen`](Self::to_screen).
    pub fn to_world(&self, p: ScreenPt) -> WorldXY {
        let s = self.scale();
        WorldXY {
            x: self.centre.x + (p.x - self.width_css_px / 2.0) / s,
            y: self.centre.y - (p.y - self.height_css_px / 2.0) / s,
        }
    }

    /// Zooms by `factor` keeping the world point under `anchor` (CSS pixels) where it is. The
    /// zoom is clamped to [`ZOOM_MIN`]…[`ZOOM_MAX`] and the centre kept inside the world; a
    /// factor that is not finite or not positive does nothing.
    pub fn zoom_about(&mut self, anchor: ScreenPt, factor: f64) {
        if !factor.is_finite() || factor <= 0.0 {
            return;
        }
        let before = self.to_world(anchor);
        self.zoom = (self.zoom * factor).clamp(ZOOM_MIN, ZOOM_MAX);
        let after = self.to_world(anchor);
        self.centre.x += before.x - after.x;
        self.centre.y += before.y - after.y;
        self.clamp();
    }

    /// Moves the map by a drag of (dx, dy) CSS pixels (positive right and down), keeping the
    /// centre inside the world. Non-finite input does nothing.
    pub fn pan_by(&mut self, dx_css_px: f64, dy_css_px: f64) {
        if !dx_css_px.is_finite() || !dy_css_px.is_finite() {
            return;
        }
        let s = self.scale();
        self.centre.x -= dx_css_px / s;
        self.centre.y += dy_css_px / s;
        self.clamp();
    }

    /// Shows `centre` at the middle of the canvas at `zoom` (clamped to [`ZOOM_MIN`]…[`ZOOM_MAX`],
    /// the centre kept inside the world). Non-finite values leave the view as it is.
    pub fn set(&mut self, centre: WorldXY, zoom: f64) {
        if !(centre.x.is_finite() && centre.y.is_finite() && zoom.is_finite()) {
            return;
        }
        self.centre = centre;
        self.zoom = zoom.clamp(ZOOM_MIN, ZOOM_MAX);
        self.clamp();
    }

    /// The centre and zoom that show the world box `min`…`max` whole with `padding_css_px` free
    /// on every side (at most a tenth of the canvas's shorter side), the zoom clamped to
    /// [`ZOOM_MIN`]…`max_zoom` (so a single point is not blown up to the last zoom step).
    pub fn fitting(
        &self,
        min: WorldXY,
        max: WorldXY,
        padding_css_px: f64,
        max_zoom: f64,
    ) -> (WorldXY, f64) {
        let pad = padding_css_px.clamp(0.0, self.width_css_px.min(self.height_css_px) / 10.0);
        let base = self.scale() / self.zoom; // CSS px per world unit at zoom 1
        let (w, h) = ((max.x - min.x).abs(), (max.y - min.y).abs());
        let fit = |room: f64, span: f64| {
            if span > 0.0 {
                (room - 2.0 * pad).max(1.0) / (span * base)
            } else {
                f64::INFINITY
            }
        };
        let zoom = fit(self.width_css_px, w)
            .min(fit(self.height_css_px, h))
            .min(max_zoom.max(ZOOM_MIN))
            .clamp(ZOOM_MIN, ZOOM_MAX);
        let centre = WorldXY {
            x: (min.x + max.x) / 2.0,
            y: (min.y + max.y) / 2.0,
        };
        (centre, zoom)
    }

    /// Keeps the map's centre inside the world so the map can never be lost off-screen.
    fn clamp(&mut self) {
        self.centre.x = self.centre.x.clamp(self.bounds_min.x, self.bounds_max.x);
        self.centre.y = self.centre.y.clamp(self.bounds_min.y, self.bounds_max.y);
    }
}

/// `screen = (offset_x + x·scale, offset_y − y·scale)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScreenTransform {
    scale: f64,
    offset_x: f64,
    offset_y: f64,
}

impl ScreenTransform {
    /// CSS pixels per world unit.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// Where the world origin lands, in CSS pixels.
    pub fn offset(&self) -> (f64, f64) {
        (self.offset_x, self.offset_y)
    }

    /// Maps a world position to CSS pixels.
    #[inline]
    pub fn apply(&self, w: WorldXY) -> ScreenPt {
        ScreenPt::new(
            self.offset_x + w.x * self.scale,
            self.offset_y - w.y * self.scale,
        )
    }
}

fn sane_size(px: f64) -> f64 {
    if px.is_finite() && px >= 1.0 {
        px
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::LonLat;

    fn view() -> Viewport {
        Viewport::new(1000.0, 600.0, &Projection::default())
    }

    #[test]
    fn the_default_view_puts_the_whole_map_inside_the_canvas() {
        let v = view();
        let p = Projection::default();
        for &(lon, lat) in &[(-29.9, 0.0), (-30.1, 0.0), (150.0, 83.0), (150.0, -57.0)] {
            let s = v.to_screen(p.project(LonLat::new(lon, lat)).expect("projects"));
            assert!(
                (-0.5..=1000.5).contains(&s.x) && (-0.5..=600.5).contains(&s.y),
                "{lon},{lat}: {s:?}"
            );
        }
    }

    #[test]
    fn screen_and_world_round_trip() {
        let mut v = view();
        v.zoom_about(ScreenPt::new(300.0, 200.0), 3.0);
        let w = WorldXY { x: 0.3, y: 0.4 };
        let back = v.to_world(v.to_screen(w));
        assert!((back.x - w.x).abs() < 1e-12 && (back.y - w.y).abs() < 1e-12);
    }

    #[test]
    fn zoom_keeps_the_anchor_point_fixed() {
        let mut v = view();
        let anchor = ScreenPt::new(700.0, 150.0);
        let before = v.to_world(anchor);
        v.zoom_about(anchor, 2.0);
        let after = v.to_world(anchor);
        assert!((before.x - after.x).abs() < 1e-12 && (before.y - after.y).abs() < 1e-12);
        assert_eq!(v.zoom, 2.0);
    }

    #[test]
    fn zoom_is_limited() {
        let mut v = view();
        v.zoom_about(ScreenPt::new(10.0, 10.0), 0.1);
        assert_eq!(v.zoom, ZOOM_MIN);
        v.zoom_about(ScreenPt::new(10.0, 10.0), 1e9);
        assert_eq!(v.zoom, ZOOM_MAX);
    }

    #[test]
    fn a_fitted_box_is_inside_the_canvas_with_its_padding() {
        let mut v = view();
        let (min, max) = (WorldXY { x: 0.2, y: 0.5 }, WorldXY { x: 0.5, y: 0.6 });
        let (centre, zoom) = v.fitting(min, max, 40.0, 20.0);
        v.set(centre, zoom);
        let (a, b) = (v.to_screen(min), v.to_screen(max));
        for p in [a, b] {
            assert!(
                (39.9..=960.1).contains(&p.x) && (39.9..=560.1).contains(&p.y),
                "{p:?}"
            );
        }
        // The box fills the width (its wider side) up to the padding.
        assert!(((b.x - a.x) - 920.0).abs() < 1e-6, "{a:?} {b:?}");
        // A point alone gets the largest fitting zoom, not the last zoom step.
        let (_, z) = v.fitting(min, min, 40.0, 12.0);
        assert_eq!(z, 12.0);
        // A box wider than the world is shown at the default zoom.
        let (_, z) = v.fitting(
            WorldXY { x: -3.2, y: 0.0 },
            WorldXY { x: 3.2, y: 0.1 },
            40.0,
            12.0,
        );
        assert_eq!(z, ZOOM_MIN);
    }

    #[test]
    fn pan_moves_the_map_with_the_pointer() {
        let mut v = view();
        v.zoom_about(ScreenPt::new(500.0, 300.0), 4.0);
        let w = WorldXY { x: 0.1, y: 0.2 };
        let before = v.to_screen(w);
        v.pan_by(25.0, -10.0);
        let after = v.to_screen(w);
        assert!(
            (after.x - before.x - 25.0).abs() < 1e-9 && (after.y - before.y + 10.0).abs() < 1e-9
        );
    }
}
