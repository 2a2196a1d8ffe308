//! [`Surface`] on a 2D canvas. Coordinates arrive in CSS pixels; the context carries a
//! device-pixel-ratio transform so the backing store is sharp on HiDPI screens.

use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface};
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule};

pub struct CanvasSurface<'a> {
    pub ctx: &'a CanvasRenderingContext2d,
    pub width_css_px: f64,
    pub height_css_px: f64,
}

impl CanvasSurface<'_> {
    fn path(&self, lines: &[Vec<ScreenPt>], close: bool) {
        self.ctx.begin_path();
        for line in lines {
            let mut points = line.iter();
            if let Some(first) = points.next() {
                self.ctx.move_to(first.x, first.y);
                for p in points {
                    self.ctx.line_to(p.x, p.y);
                }
                if close {
                    self.ctx.close_path();
                }
            }
        }
    }

    fn stroke(&self, stroke: Stroke) {
        self.ctx.set_stroke_style_str(&stroke.colour.css());
        self.ctx.set_line_width(stroke.width_px);
        self.ctx.stroke();
    }
}

impl Surface for CanvasSurface<'_> {
    fn clear(&mut self, colour: Rgba) {
        self.ctx.set_fill_style_str(&colour.css());
        self.ctx
            .fill_rect(0.0, 0.0, self.width_css_px, self.height_css_px);
    }

    fn fill_rings(&mut self, rings: &[Vec<ScreenPt>], fill: Rgba, outline: Option<Stroke>) {
        self.path(rings, true);
        self.ctx.set_fill_style_str(&fill.css());
        self.ctx
            .fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
        if let Some(s) = outline {
            self.stroke(s);
        }
    }

    fn stroke_lines(&mut self, lines: &[Vec<ScreenPt>], stroke: Stroke) {
        self.path(lines, false);
        self.stroke(stroke);
    }

    fn dot(&mut self, centre: ScreenPt, radius_px: f64, fill: Rgba, outline: Option<Stroke>) {
        self.ctx.begin_path();
        // `arc` only fails for a negative radius, which the theme never sets.
        let _ = self.ctx.arc(
            centre.x,
            centre.y,
            radius_px.max(0.0),
            0.0,
            std::f64::consts::TAU,
        );
        self.ctx.set_fill_style_str(&fill.css());
        self.ctx.fill();
        if let Some(s) = outline {
            self.stroke(s);
        }
    }
}
