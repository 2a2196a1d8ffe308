//! [`Surface`] on a 2D canvas. Coordinates arrive in CSS pixels; the context carries a
//! device-pixel-ratio transform so the backing store is sharp on HiDPI screens.

use crate::map::MapState;
use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface};
use wasm_bindgen::{JsCast, JsError};
use web_sys::{CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement};

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

/// The land layer kept in an off-screen canvas. A frame at the view it was drawn for copies
/// it; a frame during a gesture shifts and scales it (the land is re-projected only once the
/// view settles); any other frame redraws it.
pub struct BaseLayer {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The view the layer holds: scale, offset, size in CSS px and device pixel ratio.
    drawn: Option<Drawn>,
    pub renders: u32,
    pub reuses: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Drawn {
    scale: f64,
    offset: (f64, f64),
    width: f64,
    height: f64,
    dpr: f64,
}

impl BaseLayer {
    pub fn new() -> Result<Self, JsError> {
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document to create the land layer in"))?
            .create_element("canvas")
            .map_err(|_| JsError::new("could not create the land layer canvas"))?
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new("the land layer is not a canvas"))?;
        let ctx = canvas
            .get_context("2d")
            .map_err(|_| JsError::new("the land layer refused a 2D context"))?
            .ok_or_else(|| JsError::new("the land layer has no 2D context"))?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| JsError::new("the land layer's context has an unexpected type"))?;
        Ok(Self {
            canvas,
            ctx,
            drawn: None,
            renders: 0,
            reuses: 0,
        })
    }

    /// Forgets the layer (new basemap or colours).
    pub fn invalidate(&mut self) {
        self.drawn = None;
    }

    /// Draws the land for `map`'s view onto `target` (whose transform maps CSS px).
    pub fn draw(
        &mut self,
        target: &CanvasRenderingContext2d,
        map: &MapState,
        dpr: f64,
        moving: bool,
    ) {
        let v = map.viewport;
        let tf = v.transform();
        let now = Drawn {
            scale: tf.scale(),
            offset: tf.offset(),
            width: v.width_css_px,
            height: v.height_css_px,
            dpr,
        };
        let same_frame =
            |d: &Drawn| d.width == now.width && d.height == now.height && d.dpr == now.dpr;
        match self.drawn {
            Some(d) if d == now => {}
            Some(d) if moving && same_frame(&d) => {
                // Shift and scale the layer: screen = offset + world·scale, so the layer's
                // pixel at p lands at offset_now + (p − offset_then)·k with k = scale ratio.
                self.reuses += 1;
                let k = now.scale / d.scale;
                target.set_fill_style_str(&map.theme.ocean.css());
                target.fill_rect(0.0, 0.0, now.width, now.height);
                let _ = target.draw_image_with_html_canvas_element_and_dw_and_dh(
                    &self.canvas,
                    now.offset.0 - d.offset.0 * k,
                    now.offset.1 - d.offset.1 * k,
                    now.width * k,
                    now.height * k,
                );
                return;
            }
            _ => {
                let (w, h) = (
                    (now.width * dpr).round() as u32,
                    (now.height * dpr).round() as u32,
                );
                if self.canvas.width() != w || self.canvas.height() != h {
                    self.canvas.set_width(w);
                    self.canvas.set_height(h);
                }
                let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
                let mut surface = CanvasSurface {
                    ctx: &self.ctx,
                    width_css_px: now.width,
                    height_css_px: now.height,
                };
                map.base_scene().render_base(&mut surface);
                self.drawn = Some(now);
                self.renders += 1;
            }
        }
        let _ = target.draw_image_with_html_canvas_element_and_dw_and_dh(
            &self.canvas,
            0.0,
            0.0,
            now.width,
            now.height,
        );
    }
}
