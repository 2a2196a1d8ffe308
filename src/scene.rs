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

/// Small squares of one size and colour drawn together (the flow animation's comets).
#[derive(Debug, Clone, PartialEq)]
pub struct DotBatch {
    /// The centres, in CSS pixels.
    pub centres: Vec<ScreenPt>,
    /// The side of each square, in CSS pixels.
    pub side_px: f64,
    /// The fill colour.
    pub fill: Rgba,
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
    /// Small shapes drawn above the land with [`Scene::mark_stroke`] so they stay visible at
    /// every zoom: China's islands and the dashes of the South China Sea line.
    pub marks: Vec<LandItem>,
    /// The outline of the marks; `None` draws them like land.
    pub mark_stroke: Option<Stroke>,
    /// Arc bundles, drawn above the land in this order.
    pub arcs: Vec<ArcBundle>,
    /// Flow dots moving along the arcs (the flow animation), drawn above the arcs and below
    /// the partner dots; empty but in the flow's own scene ([`crate::app::App::flow_scene`]).
    pub flow: Vec<DotBatch>,
    /// Partner dots, drawn above the arcs.
    pub partners: Vec<DotItem>,
    /// Shandong origin dots, drawn above the partner dots.
    pub origins: Vec<DotItem>,
    /// Rings drawn last: the keyboard focus.
    pub rings: Vec<DotItem>,
}

impl Scene {
    /// Draws the scene: background, land, arcs, flow dots, partner dots, origin dots, focus rings.
    pub fn render(&self, surface: &mut dyn Surface) {
        self.render_base(surface);
        self.render_overlay(surface);
    }

    /// The base layer: background, land and marks (what a pan frame may reuse from a cache).
    pub fn render_base(&self, surface: &mut dyn Surface) {
        if let Some(bg) = self.background {
            surface.clear(bg);
        }
        for land in &self.land {
            surface.fill_rings(&land.rings, land.fill, self.border);
        }
        for mark in &self.marks {
            surface.fill_rings(&mark.rings, mark.fill, self.mark_stroke.or(self.border));
        }
    }

    /// Everything above the land.
    pub fn render_overlay(&self, surface: &mut dyn Surface) {
        for bundle in &self.arcs {
            surface.stroke_lines(&bundle.lines, bundle.stroke);
        }
        for batch in &self.flow {
            surface.squares(&batch.centres, batch.side_px, batch.fill);
        }
        // Runs of dots that look alike go to the surface together (one path on a canvas).
        let mut run: Vec<ScreenPt> = Vec::new();
        let mut style: Option<(f64, Rgba, Option<Stroke>)> = None;
        for dot in self.partners.iter().chain(&self.origins).chain(&self.rings) {
            let s = (dot.radius_px, dot.fill, dot.outline);
            if style != Some(s) {
                if let Some((r, fill, outline)) = style {
                    surface.dots(&run, r, fill, outline);
                }
                run.clear();
                style = Some(s);
            }
            run.push(dot.centre);
        }
        if let Some((r, fill, outline)) = style {
            surface.dots(&run, r, fill, outline);
        }
    }
}
