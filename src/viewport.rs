//! The view: which part of the projected world fills the canvas, and how big.

use crate::geometry::{Projection, WorldXY};
use crate::num::clamp;

mod reveal;
pub use reveal::RectPx;

/// Smallest zoom: the default view, where the whole map fits the canvas.
pub const ZOOM_MIN: f64 = 1.0;
/// Largest zoom, relative to the whole map fitting the canvas.
pub const ZOOM_MAX: f64 = 40.0;
/// Longitude, degrees east, the default view centres on when it fills a canvas taller than the
/// map (Shandong, where every arc starts).
pub const HOME_LON: f64 = 118.5;
/// When the canvas's shape differs from the map's by more than this factor (a phone's tall
/// canvas, a very wide strip), the default view fills the canvas instead of leaving empty ocean
/// bands; closer shapes show the whole map.
pub const HOME_FILL_RATIO: f64 = 1.3;
/// Largest zoom of the default view (the most a filling view crops).
pub const HOME_ZOOM_MAX: f64 = 4.0;

/// A position in CSS pixels, and the world-to-screen transform (defined in `crates/kernels`,
/// whose loops take them).
pub use youcheng_kernels::screen::{ScreenPt, ScreenTransform};

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
    /// 1 = the whole map fits the canvas (the default view on a canvas of about the map's
    /// shape; see [`Viewport::home`]). The methods keep it within [`ZOOM_MIN`]…[`ZOOM_MAX`].
    pub zoom: f64,
    /// The world position shown at the centre of the canvas.
    pub centre: WorldXY,
    bounds_min: WorldXY,
    bounds_max: WorldXY,
    /// World x of [`HOME_LON`].
    home_x: f64,
}

impl Viewport {
    /// The default view of `projection`'s [world bounds](Projection::world_bounds) on a canvas
    /// of the given size in CSS pixels. Sizes below 1 or not finite are taken as 1.
    pub fn new(width_css_px: f64, height_css_px: f64, projection: &Projection) -> Self {
        let (bounds_min, bounds_max) = projection.world_bounds();
        let home_x = projection
            .project(crate::geometry::LonLat::new(HOME_LON, 0.0))
            .map_or(0.0, |w| w.x);
        let mut v = Self {
            width_css_px: sane_size(width_css_px),
            height_css_px: sane_size(height_css_px),
            zoom: 1.0,
            centre: WorldXY { x: 0.0, y: 0.0 },
            bounds_min,
            bounds_max,
            home_x,
        };
        v.reset();
        v
    }

    /// The default view for this canvas: `(zoom, centre)`. On a canvas of about the map's shape
    /// the whole map fits (zoom 1, centred). On one whose shape differs by more than
    /// [`HOME_FILL_RATIO`] the map fills it, with no empty bands, up to [`HOME_ZOOM_MAX`]: a
    /// tall canvas (a phone) shows the map's full height centred on Shandong's longitude (kept
    /// inside the map), a wide strip the full width centred on the map's middle.
    pub fn home(&self) -> (f64, WorldXY) {
        let (w, h) = self.world_size();
        let mid = WorldXY {
            x: (self.bounds_min.x + self.bounds_max.x) / 2.0,
            y: (self.bounds_min.y + self.bounds_max.y) / 2.0,
        };
        let by_width = self.width_css_px / w;
        let by_height = self.height_css_px / h;
        let cover = by_width.max(by_height) / by_width.min(by_height);
        if !cover.is_finite() || cover <= HOME_FILL_RATIO {
            return (1.0, mid);
        }
        let zoom = cover.min(HOME_ZOOM_MAX);
        if by_height > by_width {
            let half = w / zoom / 2.0;
            let x = clamp(
                self.home_x,
                self.bounds_min.x + half,
                self.bounds_max.x - half,
            );
            (zoom, WorldXY { x, y: mid.y })
        } else {
            (zoom, mid)
        }
    }

    fn world_size(&self) -> (f64, f64) {
        (
            self.bounds_max.x - self.bounds_min.x,
            self.bounds_max.y - self.bounds_min.y,
        )
    }

    /// Back to the default view ([`Viewport::home`]).
    pub fn reset(&mut self) {
        (self.zoom, self.centre) = self.home();
    }

    /// The default view (nothing worth keeping in a URL).
    pub fn is_home(&self) -> bool {
        let (zoom, centre) = self.home();
        zoom == self.zoom && centre == self.centre
    }

    /// Sets the canvas size in CSS pixels (below 1 or not finite is taken as 1). A default view
    /// stays the default view (fitted to the new shape); any other keeps its zoom and centre,
    /// which is then kept inside the world bounds.
    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64) {
        let was_home = self.is_home();
        self.width_css_px = sane_size(width_css_px);
        self.height_css_px = sane_size(height_css_px);
        if was_home {
            self.reset();
        }
        self.clamp();
    }

    /// Centres the view on `centre` at `zoom` (clamped to [`ZOOM_MIN`]…[`ZOOM_MAX`]; a zoom that
    /// is not finite keeps the current one), kept inside the world.
    pub fn set(&mut self, centre: WorldXY, zoom: f64) {
        if zoom.is_finite() {
            self.zoom = zoom.clamp(ZOOM_MIN, ZOOM_MAX);
        }
        if centre.x.is_finite() && centre.y.is_finite() {
            self.centre = centre;
        }
        self.clamp();
    }

    /// Height over width of the whole projected world: the shape of a frame the default view
    /// fills exactly.
    pub fn world_aspect(&self) -> f64 {
        let w = self.bounds_max.x - self.bounds_min.x;
        let h = self.bounds_max.y - self.bounds_min.y;
        if w > 0.0 && h > 0.0 {
            h / w
        } else {
            0.5
        }
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
        ScreenTransform::new(
            scale,
            self.width_css_px / 2.0 - self.centre.x * scale,
            self.height_css_px / 2.0 + self.centre.y * scale,
        )
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
        let pad = clamp(
            padding_css_px,
            0.0,
            self.width_css_px.min(self.height_css_px) / 10.0,
        );
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

    /// Keeps the map on the canvas: along an axis where the world is larger than the canvas its
    /// edge never comes inside it (no empty band past the seam or the poles' cut, as a pan could
    /// leave); along one where it is smaller, it stays wholly on the canvas.
    fn clamp(&mut self) {
        let s = self.scale();
        let axis = |c: f64, lo: f64, hi: f64, px: f64| {
            let half = px / s / 2.0;
            if !half.is_finite() {
                clamp(c, lo, hi)
            } else if hi - lo >= 2.0 * half {
                clamp(c, lo + half, hi - half)
            } else {
                clamp(c, hi - half, lo + half)
            }
        };
        let (lo, hi) = (self.bounds_min, self.bounds_max);
        self.centre.x = axis(self.centre.x, lo.x, hi.x, self.width_css_px);
        self.centre.y = axis(self.centre.y, lo.y, hi.y, self.height_css_px);
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
        Viewport::new(1000.0, 540.0, &Projection::default())
    }

    #[test]
    fn the_default_view_puts_the_whole_map_inside_the_canvas() {
        let v = view();
        let p = Projection::default();
        for &(lon, lat) in &[(-29.9, 0.0), (-30.1, 0.0), (150.0, 83.0), (150.0, -57.0)] {
            let s = v.to_screen(p.project(LonLat::new(lon, lat)).expect("projects"));
            assert!(
                (-0.5..=1000.5).contains(&s.x) && (-0.5..=540.5).contains(&s.y),
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

    fn corners_on_screen(v: &Viewport) -> (ScreenPt, ScreenPt) {
        let (lo, hi) = Projection::default().world_bounds();
        (
            v.to_screen(WorldXY { x: lo.x, y: hi.y }),
            v.to_screen(WorldXY { x: hi.x, y: lo.y }),
        )
    }

    #[test]
    fn a_phone_canvas_is_filled_top_to_bottom_with_shandong_in_sight() {
        let v = Viewport::new(390.0, 640.0, &Projection::default());
        let (top_left, bottom_right) = corners_on_screen(&v);
        // The map's height fills the canvas: no empty ocean band above or below.
        assert!(
            top_left.y <= 0.5 && bottom_right.y >= 639.5,
            "{top_left:?} {bottom_right:?}"
        );
        // ...and it is cropped left and right, never showing beyond the map's edges.
        assert!(top_left.x <= 0.5 && bottom_right.x >= 389.5);
        assert!(v.zoom > 1.0 && v.zoom <= HOME_ZOOM_MAX);
        let qingdao = Projection::default()
            .project(LonLat::new(120.38, 36.07))
            .expect("projects");
        let s = v.to_screen(qingdao);
        assert!(
            (40.0..350.0).contains(&s.x) && (0.0..640.0).contains(&s.y),
            "{s:?}"
        );
        assert!(v.is_home());
    }

    #[test]
    fn a_canvas_of_about_the_maps_shape_shows_the_whole_map() {
        let v = Viewport::new(1000.0, 560.0, &Projection::default());
        assert_eq!(v.zoom, 1.0);
        let (top_left, bottom_right) = corners_on_screen(&v);
        assert!(top_left.x >= -0.5 && bottom_right.x <= 1000.5);
        assert!(top_left.y >= -0.5 && bottom_right.y <= 560.5);
    }

    #[test]
    fn a_default_view_follows_a_resize_and_a_moved_one_stays() {
        let mut v = Viewport::new(1000.0, 560.0, &Projection::default());
        v.resize(390.0, 640.0);
        assert!(v.is_home() && v.zoom > 1.0, "refitted to the phone's shape");
        v.pan_by(30.0, 0.0);
        let (zoom, centre) = (v.zoom, v.centre);
        v.resize(400.0, 640.0);
        assert_eq!((v.zoom, v.centre), (zoom, centre));
    }
}
