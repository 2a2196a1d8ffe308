//! Revealing points from under panels: the largest part of the canvas no panel covers, and the
//! pan (and zoom out) that brings a selection into it.

use super::{Viewport, ZOOM_MAX, ZOOM_MIN};
use crate::geometry::WorldXY;

/// A rectangle in CSS pixels from the canvas's top-left corner (a panel over the map).
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct RectPx {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (a negative or non-finite width makes the rectangle empty).
    pub width: f64,
    /// Height (a negative or non-finite height makes the rectangle empty).
    pub height: f64,
}

impl RectPx {
    fn edges(&self) -> Option<(f64, f64, f64, f64)> {
        let ok = [self.x, self.y, self.width, self.height]
            .iter()
            .all(|v| v.is_finite());
        (ok && self.width > 0.0 && self.height > 0.0).then_some((
            self.x,
            self.y,
            self.x + self.width,
            self.y + self.height,
        ))
    }
}

impl Viewport {
    /// Pans (and if need be zooms out) so that every point of `pts` is drawn inside the canvas,
    /// `margin_px` from its edges, and outside every rectangle of `covered` (panels over the
    /// map): the points go into the largest part of the canvas the panels leave free. Points
    /// already there do not move the view. Returns whether the view changed.
    pub fn reveal(&mut self, pts: &[WorldXY], covered: &[RectPx], margin_px: f64) -> bool {
        let Some(bbox) = world_bbox(pts) else {
            return false;
        };
        let (fx0, fy0, fx1, fy1) = free_rect(self.width_css_px, self.height_css_px, covered);
        let m = margin_px.max(0.0);
        let (fx0, fy0, fx1, fy1) = (fx0 + m, fy0 + m, fx1 - m, fy1 - m);
        if fx1 - fx0 < 1.0 || fy1 - fy0 < 1.0 {
            return false;
        }
        let before = (self.zoom, self.centre);
        // Zoom out until the points' box fits the free part, never below ZOOM_MIN.
        let (bw, bh) = (bbox.2 - bbox.0, bbox.3 - bbox.1);
        let s = self.scale();
        let need = (bw * s / (fx1 - fx0)).max(bh * s / (fy1 - fy0));
        if need > 1.0 + 1e-6 {
            // A hair more room than needed, so the next reveal finds it in sight.
            self.zoom = (self.zoom / (need * 1.001)).clamp(ZOOM_MIN, ZOOM_MAX);
        }
        let tf = self.transform();
        let a = tf.apply(WorldXY {
            x: bbox.0,
            y: bbox.3,
        });
        let b = tf.apply(WorldXY {
            x: bbox.2,
            y: bbox.1,
        });
        let shift = |lo: f64, hi: f64, f0: f64, f1: f64| {
            if hi - lo > f1 - f0 {
                (f0 + f1) / 2.0 - (lo + hi) / 2.0
            } else if lo < f0 - 0.5 {
                f0 - lo
            } else if hi > f1 + 0.5 {
                f1 - hi
            } else {
                0.0
            }
        };
        let dx = shift(a.x, b.x, fx0, fx1);
        let dy = shift(a.y, b.y, fy0, fy1);
        self.pan_by(dx, dy);
        (self.zoom, self.centre) != before
    }
}

/// `(min x, min y, max x, max y)` of finite points in world units; `None` without any.
fn world_bbox(pts: &[WorldXY]) -> Option<(f64, f64, f64, f64)> {
    pts.iter()
        .filter(|p| p.x.is_finite() && p.y.is_finite())
        .fold(None, |acc, p| {
            Some(match acc {
                None => (p.x, p.y, p.x, p.y),
                Some((x0, y0, x1, y1)) => (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y)),
            })
        })
}

/// The largest rectangle `(x0, y0, x1, y1)` of a `width` × `height` canvas that none of the
/// `covered` rectangles overlaps, cutting one side away per rectangle.
fn free_rect(width: f64, height: f64, covered: &[RectPx]) -> (f64, f64, f64, f64) {
    let mut free = (0.0, 0.0, width, height);
    for (cx0, cy0, cx1, cy1) in covered.iter().filter_map(RectPx::edges) {
        let (x0, y0, x1, y1) = free;
        if cx1 <= x0 || cx0 >= x1 || cy1 <= y0 || cy0 >= y1 {
            continue;
        }
        let candidates = [
            (x0, y0, cx0, y1),
            (cx1, y0, x1, y1),
            (x0, y0, x1, cy0),
            (x0, cy1, x1, y1),
        ];
        let area = |r: &(f64, f64, f64, f64)| (r.2 - r.0).max(0.0) * (r.3 - r.1).max(0.0);
        free = candidates.into_iter().fold((x0, y0, x0, y0), |best, r| {
            if area(&r) > area(&best) {
                r
            } else {
                best
            }
        });
    }
    free
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Projection;
    use crate::viewport::ScreenPt;

    fn view() -> Viewport {
        Viewport::new(1000.0, 540.0, &Projection::default())
    }

    #[test]
    fn reveal_moves_points_out_from_under_a_panel_and_leaves_visible_ones_alone() {
        let mut v = Viewport::new(1000.0, 500.0, &Projection::default());
        v.zoom_about(ScreenPt::new(500.0, 250.0), 2.0);
        let w = v.to_world(ScreenPt::new(900.0, 250.0));
        // A panel over the right 300 px covers the point.
        let panel = RectPx {
            x: 700.0,
            y: 0.0,
            width: 300.0,
            height: 500.0,
        };
        assert!(v.reveal(&[w], &[panel], 16.0));
        let s = v.to_screen(w);
        assert!(s.x <= 700.0 - 16.0 + 1e-9 && s.x >= 16.0, "{s:?}");
        assert!(
            !v.reveal(&[w], &[panel], 16.0),
            "already in sight: nothing moves"
        );
        // A bottom sheet over the lower 40 %.
        let low = v.to_world(ScreenPt::new(300.0, 450.0));
        let sheet = RectPx {
            x: 0.0,
            y: 300.0,
            width: 1000.0,
            height: 200.0,
        };
        v.reveal(&[low], &[sheet], 16.0);
        assert!(v.to_screen(low).y <= 300.0 - 16.0 + 1e-9);
    }

    #[test]
    fn reveal_zooms_out_when_the_points_do_not_fit_the_free_part() {
        let mut v = Viewport::new(1000.0, 500.0, &Projection::default());
        v.zoom_about(ScreenPt::new(500.0, 250.0), 8.0);
        let a = v.to_world(ScreenPt::new(-400.0, 250.0));
        let b = v.to_world(ScreenPt::new(1400.0, 250.0));
        assert!(v.reveal(&[a, b], &[], 16.0));
        assert!(v.zoom < 8.0);
        for w in [a, b] {
            let s = v.to_screen(w);
            assert!((15.0..=985.0).contains(&s.x), "{s:?}");
        }
    }

    #[test]
    fn reveal_ignores_empty_input() {
        let mut v = view();
        let bad = RectPx {
            x: f64::NAN,
            y: 0.0,
            width: 10.0,
            height: 10.0,
        };
        assert!(!v.reveal(&[], &[bad], 16.0));
        assert!(!v.reveal(
            &[WorldXY {
                x: f64::NAN,
                y: 0.0
            }],
            &[],
            16.0
        ));
    }
}
