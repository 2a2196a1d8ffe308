//! What to draw, in CSS pixels, in drawing order. Built from the map state for one frame and
//! rendered through a [`Surface`].

use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface};

/// A filled country shape.
#[derive(Debug, Clone, PartialEq)]
pub struct LandItem {
    /// The shape's rings in CSS pixels, filled together with the even-odd rule.
    pub rings: Vec<Vec<ScreenPt>>,
    /// The fill colour.
    pub fill: Rgba,
}

/// Arcs drawn with one stroke: one colour group (a Shandong key, a relation or a decade), at
/// one emphasis.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcBundle {
    /// The legend entry the colour belongs to.
    pub group: usize,
    /// The arcs as open polylines in CSS pixels (an arc cut at the seam is several lines).
    pub lines: Vec<Vec<ScreenPt>>,
    /// The colour and width all lines share.
    pub stroke: Stroke,
}

/// A dot (partner place or Shandong origin).
#[derive(Debug, Clone, PartialEq)]
pub struct DotItem {
    /// The centre, in CSS pixels.
    pub centre: ScreenPt,
    /// The radius, in CSS pixels.
    pub radius_px: f64,
    /// The fill colour.
    pub fill: Rgba,
    /// The ring drawn around the dot, if any.
    pub outline: Option<Stroke>,
}

/// One frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    /// The colour the whole surface is cleared to first (the ocean); `None` leaves it as is.
    pub background: Option<Rgba>,
    /// Country shapes, drawn after the background.
    pub land: Vec<LandItem>,
    /// The outline stroked around every land shape; `None` for no outline.
    pub border: Option<Stroke>,
    /// Arc bundles, drawn above the land in this order.
    pub arcs: Vec<ArcBundle>,
    /// Partner dots, drawn above the arcs.
    pub partners: Vec<DotItem>,
    /// Shandong origin dots, drawn above the partner dots.
    pub origins: Vec<DotItem>,
    /// Rings drawn last: the keyboard focus.
    pub rings: Vec<DotItem>,
}

impl Scene {
    /// Draws the scene: background, land, arcs, partner dots, origin dots, focus rings.
    pub fn render(&self, surface: &mut dyn Surface) {
        self.render_base(surface);
        self.render_overlay(surface);
    }

    /// The base layer: background and land (what a pan frame may reuse from a cache).
    pub fn render_base(&self, surface: &mut dyn Surface) {
        if let Some(bg) = self.background {
            surface.clear(bg);
        }
        for land in &self.land {
            surface.fill_rings(&land.rings, land.fill, self.border);
        }
    }

    /// Everything above the land.
    pub fn render_overlay(&self, surface: &mut dyn Surface) {
        for bundle in &self.arcs {
            for batch in stroke_batches(&bundle.lines) {
                surface.stroke_lines(batch, bundle.stroke);
            }
        }
        for dot in self.partners.iter().chain(&self.origins).chain(&self.rings) {
            surface.dot(dot.centre, dot.radius_px, dot.fill, dot.outline);
        }
    }
}

/// Most points stroked as one path. A browser strokes a path with thousands of overlapping lines
/// in more than linear time (50,000 arcs in one colour took a minute in software Chromium), so a
/// bundle that large is stroked in batches; the shipped data's bundles stay far below and are
/// stroked whole, as before.
pub const MAX_POINTS_PER_STROKE: usize = 20_000;

/// `lines` in consecutive batches of at most [`MAX_POINTS_PER_STROKE`] points (a longer single
/// line is a batch of its own).
pub fn stroke_batches(lines: &[Vec<ScreenPt>]) -> impl Iterator<Item = &[Vec<ScreenPt>]> {
    let mut rest = lines;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut points = 0;
        let mut n = 0;
        for line in rest {
            if n > 0 && points + line.len() > MAX_POINTS_PER_STROKE {
                break;
            }
            points += line.len();
            n += 1;
        }
        let (batch, after) = rest.split_at(n);
        rest = after;
        Some(batch)
    })
}

#[cfg(test)]
mod batch_tests {
    use super::*;

    #[test]
    fn small_bundles_are_one_stroke_and_large_ones_are_split_without_losing_a_line() {
        let line = |n: usize| vec![ScreenPt::new(0.0, 0.0); n];
        let small: Vec<_> = (0..100).map(|_| line(60)).collect();
        assert_eq!(stroke_batches(&small).count(), 1);
        let large: Vec<_> = (0..1000).map(|_| line(70)).collect();
        let batches: Vec<_> = stroke_batches(&large).collect();
        assert_eq!(
            batches.len(),
            4,
            "70,000 points in batches of at most 20,000"
        );
        assert_eq!(batches.iter().map(|b| b.len()).sum::<usize>(), 1000);
        assert!(batches
            .iter()
            .all(|b| b.iter().map(Vec::len).sum::<usize>() <= MAX_POINTS_PER_STROKE));
        let huge = vec![line(30_000), line(5)];
        assert_eq!(stroke_batches(&huge).count(), 2);
        assert_eq!(stroke_batches(&[]).count(), 0);
    }
}
