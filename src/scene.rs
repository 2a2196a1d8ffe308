//! What to draw, in CSS pixels, in drawing order. Built from the map state for one frame and
//! rendered through a [`Surface`].

use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface};

/// A filled country shape.
#[derive(Debug, Clone, PartialEq)]
pub struct LandItem {
    pub rings: Vec<Vec<ScreenPt>>,
    pub fill: Rgba,
}

/// The arcs of one Shandong key, drawn with one stroke.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcBundle {
    pub city: usize,
    pub lines: Vec<Vec<ScreenPt>>,
    pub stroke: Stroke,
}

/// A dot (partner place or Shandong origin).
#[derive(Debug, Clone, PartialEq)]
pub struct DotItem {
    pub centre: ScreenPt,
    pub radius_px: f64,
    pub fill: Rgba,
    pub outline: Option<Stroke>,
}

/// One frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Scene {
    pub background: Option<Rgba>,
    pub land: Vec<LandItem>,
    pub border: Option<Stroke>,
    pub arcs: Vec<ArcBundle>,
    pub partners: Vec<DotItem>,
    pub origins: Vec<DotItem>,
}

impl Scene {
    /// Draws the scene: background, land, arcs, partner dots, origin dots.
    pub fn render(&self, surface: &mut dyn Surface) {
        if let Some(bg) = self.background {
            surface.clear(bg);
        }
        for land in &self.land {
            surface.fill_rings(&land.rings, land.fill, self.border);
        }
        for bundle in &self.arcs {
            surface.stroke_lines(&bundle.lines, bundle.stroke);
        }
        for dot in self.partners.iter().chain(&self.origins) {
            surface.dot(dot.centre, dot.radius_px, dot.fill, dot.outline);
        }
    }
}
