//! The arcs layer's lines and dots rasterised by the core into a pixel buffer, which the page
//! puts on its layer canvas in one call (the rasteriser itself is the `youcheng-raster` crate,
//! built at full speed in the otherwise size-tuned module; this adapts the scene's types to it).
//!
//! Why by hand: a browser's 2D canvas strokes a path point by point through one call per point
//! from the module (about 150,000 at the world network), and in a software canvas each stroke of
//! a few thousand overlapping lines, and each run of thousands of dots, is slow: at 25,000 arcs
//! that was most of a view change. A rasteriser crate (tiny-skia) would add ~100 KB to the module
//! for features this layer never uses (curves, fills, gradients, joins). What the layer needs is
//! narrow — open polylines of one width and colour per bundle, anti-aliased, with the canvas's
//! semantics (a bundle is one stroke: its own overlaps are painted once; bundles blend
//! source-over), and filled discs with rings.

use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke};
pub use youcheng_raster::{Image, Raster};

/// Adds `line` (CSS px; ×`dpr` to device px), `width_css_px` wide, to `raster`'s bundle under way.
pub fn cover(raster: &mut Raster, line: &[ScreenPt], width_css_px: f64, dpr: f64) {
    let half = (width_css_px * dpr / 2.0).max(0.0);
    for pair in line.windows(2) {
        if let [a, b] = pair {
            raster.segment((a.x * dpr, a.y * dpr), (b.x * dpr, b.y * dpr), half);
        }
    }
}

/// Paints `raster`'s bundle under way in `colour`.
pub fn paint(raster: &mut Raster, colour: Rgba) {
    raster.paint([colour.r, colour.g, colour.b, colour.a]);
}

/// Paints discs of radius `radius_css_px` at `centres` (CSS px) in `fill`, then their rings
/// (`outline`, centred on the edge): a canvas fills a run of dots as one path and strokes their
/// rings as another.
pub fn discs(
    raster: &mut Raster,
    centres: &[ScreenPt],
    radius_css_px: f64,
    fill: Rgba,
    outline: Option<Stroke>,
    dpr: f64,
) {
    let r = (radius_css_px * dpr).max(0.0);
    let device = |c: &ScreenPt| (c.x * dpr, c.y * dpr);
    for c in centres {
        raster.fill_disc(device(c), r, [fill.r, fill.g, fill.b, fill.a]);
    }
    if let Some(s) = outline {
        let ring = [s.colour.r, s.colour.g, s.colour.b, s.colour.a];
        for c in centres {
            raster.ring(device(c), r, s.width_px * dpr / 2.0, ring);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_pixels_are_scaled_to_device_pixels() {
        let mut r = Raster::default();
        r.begin(40, 20);
        let line = [ScreenPt::new(0.0, 4.0), ScreenPt::new(10.0, 6.0)];
        cover(&mut r, &line, 1.0, 2.0);
        paint(&mut r, Rgba::rgb(255, 0, 0));
        // 2 device px wide at slope 0.2 from (0, 8) to (20, 12).
        let ink: u32 = (0..20).map(|y| u32::from(r.pixel(10, y)[3])).sum();
        assert!((f64::from(ink) / 255.0 - 2.04).abs() < 0.05, "{ink}");
        assert_eq!(r.pixel(25, 10), [0; 4], "ends at device x 20");
        r.begin(40, 40);
        let ring = Stroke {
            colour: Rgba::rgb(0, 0, 255),
            width_px: 1.0,
        };
        discs(
            &mut r,
            &[ScreenPt::new(10.25, 10.25)],
            4.0,
            Rgba::rgb(255, 0, 0),
            Some(ring),
            2.0,
        );
        assert_eq!(r.pixel(20, 20), [255, 0, 0, 255], "the centre");
        assert_eq!(
            r.pixel(28, 20),
            [0, 0, 255, 255],
            "8 device px out: the ring"
        );
        assert_eq!(r.rgba().map(|i| (i.at, i.size)), Some(((11, 11), (19, 19))));
    }
}
