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

/// Arcs drawn with one stroke: one colour group (a Shandong key, a relation or a decade), at
/// one emphasis.
#[derive(Debug, Clone, PartialEq)]
pub struct ArcBundle {
    /// The legend entry the colour belongs to.
    pub group: usize,
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
            surface.stroke_lines(&bundle.lines, bundle.stroke);
        }
        for dot in self.partners.iter().chain(&self.origins).chain(&self.rings) {
            surface.dot(dot.centre, dot.radius_px, dot.fill, dot.outline);
        }
    }
}
