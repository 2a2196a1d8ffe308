//! [`Surface`] on a 2D canvas, in CSS px; the context's device-pixel-ratio transform keeps it sharp.

use crate::app::layer::LandPlan;
use crate::lines::Lines;
use crate::map::MapState;
use crate::num::plain;
use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface, TextStyle};
use std::cell::Cell;
use wasm_bindgen::{JsCast, JsError};
use web_sys::{
    CanvasRenderingContext2d, CanvasWindingRule, HtmlCanvasElement, ImageBitmapRenderingContext,
    OffscreenCanvas,
};

pub struct CanvasSurface<'a> {
    ctx: &'a CanvasRenderingContext2d,
    width_css_px: f64,
    height_css_px: f64,
    /// The text state set on the context by [`Surface::text`] so far (font, centred), so that
    /// a run of labels alike sets it once: a world network's layer draws thousands of stack
    /// counts, and a `save`, a font parsed, a `restore` per label were half their time.
    text_state: Option<(TextKey, bool)>,
    /// Whether a label's halo left round line joins on the context.
    round_joins: bool,
    /// The fill, and the stroke colour and width, set on the context so far: each is set only
    /// when it changes (a colour crosses to the page as CSS text, and the land alone was ~700).
    fill: Option<Rgba>,
    stroke: Option<(Rgba, f64)>,
}

/// The font of a label: size (CSS px) and weight.
#[derive(Clone, Copy, PartialEq)]
struct TextKey {
    size_px: f64,
    bold: bool,
}

impl<'a> CanvasSurface<'a> {
    pub fn new(ctx: &'a CanvasRenderingContext2d, width_css_px: f64, height_css_px: f64) -> Self {
        Self {
            ctx,
            width_css_px,
            height_css_px,
            text_state: None,
            round_joins: false,
            fill: None,
            stroke: None,
        }
    }

    fn set_fill(&mut self, colour: Rgba) {
        if self.fill.replace(colour) != Some(colour) {
            self.ctx.set_fill_style_str(&colour.css());
        }
    }

    fn set_stroke(&mut self, colour: Rgba, width_px: f64) {
        let last = self.stroke.replace((colour, width_px));
        if last.map(|(c, _)| c) != Some(colour) {
            self.ctx.set_stroke_style_str(&colour.css());
        }
        if last.map(|(_, w)| w) != Some(width_px) {
            self.ctx.set_line_width(width_px);
        }
    }

    fn path<'l>(&self, lines: impl IntoIterator<Item = &'l [ScreenPt]>, close: bool) {
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

    /// Discs of radius `r` at `centres`, as one path filled with `fill`; the path stays current.
    fn discs(&mut self, centres: &[ScreenPt], r: f64, fill: Rgba) {
        self.ctx.begin_path();
        for c in centres {
            self.ctx.move_to(c.x + r, c.y);
            let _ = self.ctx.arc(c.x, c.y, r, 0.0, std::f64::consts::TAU);
        }
        self.set_fill(fill);
        self.ctx.fill();
    }

    fn stroke(&mut self, stroke: Stroke) {
        if std::mem::take(&mut self.round_joins) {
            self.ctx.set_line_join("miter");
        }
        self.set_stroke(stroke.colour, stroke.width_px);
        self.ctx.stroke();
    }
}

impl Drop for CanvasSurface<'_> {
    /// Leaves the context's line joins as they were (the labels' halos round them).
    fn drop(&mut self) {
        if self.round_joins {
            self.ctx.set_line_join("miter");
        }
    }
}

impl Surface for CanvasSurface<'_> {
    fn clear(&mut self, colour: Rgba) {
        self.set_fill(colour);
        self.ctx
            .fill_rect(0.0, 0.0, self.width_css_px, self.height_css_px);
    }

    fn fill_rings(&mut self, rings: &[Vec<ScreenPt>], fill: Rgba, outline: Option<Stroke>) {
        self.path(rings.iter().map(Vec::as_slice), true);
        self.set_fill(fill);
        self.ctx
            .fill_with_canvas_winding_rule(CanvasWindingRule::Evenodd);
        if let Some(s) = outline {
            self.stroke(s);
        }
    }

    fn stroke_lines(&mut self, lines: Lines<'_>, stroke: Stroke) {
        self.path(lines, false);
        self.stroke(stroke);
    }

    fn dots(&mut self, centres: &[ScreenPt], radius_px: f64, fill: Rgba, outline: Option<Stroke>) {
        let r = radius_px.max(0.0); // `arc` fails only for r < 0
        let reach = r + outline.map_or(0.0, |s| s.width_px / 2.0) + 1.0;
        let seen = |c: &&ScreenPt| {
            c.x > -reach
                && c.y > -reach
                && c.x < self.width_css_px + reach
                && c.y < self.height_css_px + reach
        };
        if let ([one], Some(ring)) = (centres, outline) {
            if fill.a == 255 && ring.colour.a == 255 && ring.width_px < 2.0 * r {
                // Both opaque: the ring as a disc under a smaller one, two fills instead of a
                // fill and a stroke (which a canvas outlines and fills, twice the time).
                if seen(&one) {
                    let h = ring.width_px / 2.0;
                    self.discs(&[*one], r + h, ring.colour);
                    self.discs(&[*one], r - h, fill);
                }
                return;
            }
        }
        let on: Vec<ScreenPt> = centres.iter().filter(seen).copied().collect();
        if on.is_empty() {
            return;
        }
        self.discs(&on, r, fill);
        if let Some(s) = outline {
            self.stroke(s);
        }
    }

    fn dot(&mut self, centre: ScreenPt, radius_px: f64, fill: Rgba, outline: Option<Stroke>) {
        self.dots(&[centre], radius_px, fill, outline);
    }

    /// All the squares as one path, filled once.
    fn squares(&mut self, centres: &[ScreenPt], side_px: f64, fill: Rgba) {
        let (s, h) = (side_px.max(0.0), side_px.max(0.0) / 2.0);
        self.ctx.begin_path();
        for c in centres {
            self.ctx.rect(c.x - h, c.y - h, s, s);
        }
        self.set_fill(fill);
        self.ctx.fill();
    }

    fn text(&mut self, at: ScreenPt, text: &str, style: TextStyle) {
        let key = TextKey {
            size_px: style.size_px,
            bold: style.bold,
        };
        let last = self.text_state.replace((key, style.centred));
        if last.map(|(k, _)| k) != Some(key) {
            let weight = if style.bold { "bold " } else { "" };
            self.ctx
                .set_font(&format!("{weight}{}px {FONT_FAMILY}", plain(style.size_px)));
        }
        if last.map(|(_, centred)| centred) != Some(style.centred) {
            self.ctx
                .set_text_align(if style.centred { "center" } else { "left" });
        }
        if last.is_none() {
            self.ctx.set_text_baseline("middle");
        }
        if let Some(halo) = style.halo {
            self.set_stroke(halo, 3.0);
            if !std::mem::replace(&mut self.round_joins, true) {
                self.ctx.set_line_join("round");
            }
            let _ = self.ctx.stroke_text(text, at.x, at.y);
        }
        self.set_fill(style.fill);
        let _ = self.ctx.fill_text(text, at.x, at.y);
    }
}

/// The labels' fonts: the system UI font, then CJK fonts for Chinese.
const FONT_FAMILY: &str =
    "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/// The 2D context of a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsError> {
    canvas
        .get_context("2d")
        .map_err(|_| JsError::new("the canvas refused a 2D context"))?
        .ok_or_else(|| JsError::new("the canvas has no 2D context"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsError::new("the 2D context has an unexpected type"))
}

/// A cached layer (the land, or the arcs) that carries out the core's [`LandPlan`]. Off the
/// page, a canvas element copied onto the map's canvas each frame. On the page (the page gave
/// its canvases: [`Layer::on_page`]), it is drawn in an `OffscreenCanvas` whose picture is then
/// handed (`transferToImageBitmap`, no copy) to a `bitmaprenderer` canvas stacked under the
/// map's, which a frame moves and fades by the style of the element holding it: a pan or a
/// hover frame then copies no layer, and the browser does not copy a picture it already holds
/// (a 2D canvas on the page is copied to the compositor at every frame the page commits, ~0.5
/// ms at 1280 × 720 with software compositing). The price: the `OffscreenCanvas` gets a new
/// picture's memory after each hand-over, which the browser clears (~1.5 ms at that size), so
/// a view change (both layers drawn afresh) costs ~3 ms more than copying did.
pub struct Layer {
    /// Where the layer is drawn: a canvas element, or an `OffscreenCanvas` held as the
    /// element's type (the module calls its methods by name, and the two share every one used
    /// here; [`Layer::offscreen`]).
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// On the page: the canvas showing it.
    shown: Option<Shown>,
    /// Nothing drawn on it since it was cleared ([`Layer::begin`]): an image is put on it as it
    /// is, not through a scratch canvas ([`Layer::put_image_data`]).
    blank: Cell<bool>,
}

/// The page's canvas that shows a layer, and how it is placed.
struct Shown {
    canvas: HtmlCanvasElement,
    bitmap: ImageBitmapRenderingContext,
    /// The transform (x, y, k) and opacity last set on its holder's style.
    placed: Cell<[f64; 4]>,
}

impl Layer {
    /// An off-screen layer: a canvas element (not on the page).
    pub fn new() -> Result<Self, JsError> {
        let canvas = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsError::new("no document to create a layer in"))?
            .create_element("canvas")
            .map_err(|_| JsError::new("could not create a layer canvas"))?
            .dyn_into::<HtmlCanvasElement>()
            .map_err(|_| JsError::new("the layer is not a canvas"))?;
        let ctx = context(&canvas)?;
        Ok(Self {
            canvas,
            ctx,
            shown: None,
            blank: Cell::new(false),
        })
    }

    /// An off-screen layer in an `OffscreenCanvas` (its picture can be handed to a page's
    /// canvas without a copy), or `None` where the browser has no 2D `OffscreenCanvas`.
    pub fn offscreen() -> Option<Self> {
        let canvas = OffscreenCanvas::new(300, 150).ok()?;
        let ctx = canvas.get_context("2d").ok()??;
        Some(Self {
            canvas: canvas.unchecked_into(),
            ctx: ctx.unchecked_into(),
            shown: None,
            blank: Cell::new(false),
        })
    }

    /// A layer shown by the page's `canvas` (stacked under the map's canvas, in an element of
    /// its own that the page's stylesheet sizes as the map's canvas, with its transform's
    /// origin at its top-left corner and a compositing layer of its own), or `None` where the
    /// browser cannot show it so: no 2D `OffscreenCanvas` or no `bitmaprenderer` context (or
    /// no element holding the canvas, to move).
    pub fn on_page(canvas: HtmlCanvasElement) -> Option<Self> {
        let bitmap = canvas
            .get_context("bitmaprenderer")
            .ok()??
            .dyn_into::<ImageBitmapRenderingContext>()
            .ok()?;
        canvas.parent_element()?;
        let mut layer = Self::offscreen()?;
        layer.shown = Some(Shown {
            canvas,
            bitmap,
            placed: Cell::new([f64::NAN; 4]),
        });
        Some(layer)
    }

    /// Whether the layer is on the page (shown by its own canvas, not copied).
    pub fn is_on_page(&self) -> bool {
        self.shown.is_some()
    }

    /// Shows the layer as `plan` says at opacity `alpha`: on the page by its holder's style
    /// (set only when it changes), else copied onto `target`.
    pub fn put(
        &self,
        target: &CanvasRenderingContext2d,
        size: (f64, f64),
        alpha: f64,
        plan: LandPlan,
    ) {
        let Some(shown) = &self.shown else {
            return self.show(target, size, alpha, plan);
        };
        let (x, y, k) = plan.placement();
        if shown.placed.replace([x, y, k, alpha]) == [x, y, k, alpha] {
            return;
        }
        let Some(holder) = shown.canvas.parent_element() else {
            return;
        };
        // At rest no transform: a layer drawn for this view shows pixel for pixel. A shift to
        // a thousandth of a pixel (the float noise of the view's arithmetic left out).
        let transform = if (x, y, k) == (0.0, 0.0, 1.0) {
            String::from("none")
        } else {
            let r = |v: f64| (v * 1000.0).round() / 1000.0;
            format!(
                "translate({}px,{}px) scale({})",
                plain(r(x)),
                plain(r(y)),
                plain(k)
            )
        };
        // Through the CSS object model: a page's `style-src 'self'` refuses style attributes.
        let style = holder.unchecked_into::<web_sys::HtmlElement>().style();
        let _ = style.set_property("transform", &transform);
        let _ = style.set_property("opacity", &plain(alpha));
    }

    /// On the page: shows what was drawn in `from` (this layer, or the arcs' back buffer) on
    /// this layer's canvas; `from` is left empty.
    pub fn present(&self, from: &Layer) {
        if self.shown.is_none() {
            return;
        }
        if let Ok(bitmap) = from
            .canvas
            .unchecked_ref::<OffscreenCanvas>()
            .transfer_to_image_bitmap()
        {
            self.show_picture(&bitmap);
        }
    }

    /// On the page: shows `picture` (this layer's own, or the land's worker's) on this
    /// layer's canvas, sized as the picture.
    pub fn show_picture(&self, picture: &web_sys::ImageBitmap) {
        let Some(shown) = &self.shown else {
            return;
        };
        let (w, h) = (picture.width(), picture.height());
        if shown.canvas.width() != w || shown.canvas.height() != h {
            shown.canvas.set_width(w);
            shown.canvas.set_height(h);
        }
        shown.bitmap.transfer_from_image_bitmap(picture);
    }

    /// Draws what the page shows of this layer on the page (its canvas where its style puts
    /// it) onto `target` (whose transform maps CSS px).
    pub fn show_as_placed(&self, target: &CanvasRenderingContext2d, (w, h): (f64, f64)) {
        let Some(shown) = &self.shown else {
            return;
        };
        let [x, y, k, alpha] = shown.placed.get();
        if x.is_nan() || shown.canvas.width() == 0 || shown.canvas.height() == 0 {
            return; // never shown
        }
        copy_onto(target, &shown.canvas, (x, y, k, alpha), (w, h));
    }

    /// Sets the background of the stack holding this layer on the page.
    pub fn set_stack_background(&self, colour: Rgba) {
        let holder = self.shown.as_ref().and_then(|s| s.canvas.parent_element());
        if let Some(stack) = holder.and_then(|h| h.parent_element()) {
            let style = stack.unchecked_into::<web_sys::HtmlElement>().style();
            let _ = style.set_property("background-color", &colour.css());
        }
    }

    /// Sizes the layer for a `w` × `h` CSS px view at `dpr` and clears it.
    pub fn begin(&self, (w, h): (f64, f64), dpr: f64) {
        let (pw, ph) = ((w * dpr).round() as u32, (h * dpr).round() as u32);
        if self.canvas.width() != pw || self.canvas.height() != ph {
            self.canvas.set_width(pw);
            self.canvas.set_height(ph);
        }
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        self.ctx.clear_rect(0.0, 0.0, w, h);
        self.blank.set(true);
    }

    /// A surface drawing into the layer (after [`Layer::begin`]).
    pub fn surface(&self, (w, h): (f64, f64)) -> CanvasSurface<'_> {
        self.blank.set(false);
        CanvasSurface::new(&self.ctx, w, h)
    }

    /// Has the canvas carry out what was drawn so far (its raster is otherwise deferred to the
    /// copy, all in one task).
    pub fn flush(&self) {
        let _ = self.ctx.get_image_data(0.0, 0.0, 1.0, 1.0);
    }

    /// Draws `image` (straight RGBA, device pixels) over this layer, through `scratch`
    /// (`putImageData` replaces pixels; drawing the scratch canvas blends them over the layer).
    pub fn put_image(&self, scratch: &Layer, image: crate::raster::Image, dpr: f64) {
        let crate::raster::Image { rgba, at, size } = image;
        let (w, h) = (size.0 as u32, size.1 as u32);
        if let Ok(image) =
            web_sys::ImageData::new_with_u8_clamped_array_and_sh(wasm_bindgen::Clamped(rgba), w, h)
        {
            self.put_image_data(scratch, &image, at, dpr);
        }
    }

    /// As [`Layer::put_image`], for an image the page made (the worker's pixels), with its
    /// top-left corner at `at` device px.
    pub fn put_image_data(
        &self,
        scratch: &Layer,
        image: &web_sys::ImageData,
        at: (usize, usize),
        dpr: f64,
    ) {
        // On a layer cleared since anything was drawn on it, `putImageData` leaves what drawing
        // the image over it would (source-over onto transparent is the source): no copy into
        // the scratch canvas and composite from it (an arcs layer's first image, at the shipped
        // data the whole layer, each time it is drawn afresh).
        if self.blank.replace(false) {
            let _ = self.ctx.put_image_data(image, at.0 as f64, at.1 as f64);
            return;
        }
        let (w, h) = (image.width(), image.height());
        if scratch.canvas.width() < w || scratch.canvas.height() < h {
            scratch.canvas.set_width(w.max(scratch.canvas.width()));
            scratch.canvas.set_height(h.max(scratch.canvas.height()));
        }
        let _ = scratch.ctx.put_image_data(image, 0.0, 0.0);
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        let _ = self
            .ctx
            .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                &scratch.canvas,
                0.0,
                0.0,
                f64::from(w),
                f64::from(h),
                at.0 as f64,
                at.1 as f64,
                f64::from(w),
                f64::from(h),
            );
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
    }

    /// Copies the layer onto `target` as `plan` says ([`LandPlan::Shift`]: scaled by `k` at
    /// (`x`, `y`); anything else: as it is) at opacity `alpha`.
    pub fn show(
        &self,
        target: &CanvasRenderingContext2d,
        (w, h): (f64, f64),
        alpha: f64,
        plan: LandPlan,
    ) {
        let (x, y, k) = plan.placement();
        copy_onto(target, &self.canvas, (x, y, k, alpha), (w, h));
    }

    /// Carries out `plan` onto `target` (whose transform maps CSS px) at opacity `alpha`;
    /// `paint` draws the layer's content when it must be drawn afresh, `under` is the colour
    /// laid first where a shifted layer leaves the canvas uncovered (the ocean, for the land).
    pub fn draw(
        &self,
        target: &CanvasRenderingContext2d,
        map: &MapState,
        (dpr, alpha): (f64, f64),
        plan: LandPlan,
        under: Option<Rgba>,
        paint: impl FnOnce(&mut CanvasSurface),
    ) {
        let v = map.viewport;
        let (w, h) = (v.width_css_px, v.height_css_px);
        match plan {
            // On the page, the stack's background (the ocean) shows where the layer is not.
            LandPlan::Shift { .. } if self.is_on_page() => {}
            LandPlan::Shift { .. } => {
                if let Some(c) = under {
                    target.set_fill_style_str(&c.css());
                    target.fill_rect(0.0, 0.0, w, h);
                }
            }
            LandPlan::Redraw => {
                self.begin((w, h), dpr);
                paint(&mut self.surface((w, h)));
                self.present(self);
            }
            LandPlan::Copy => {}
        }
        self.put(target, (w, h), alpha, plan);
    }
}

/// Draws `source` (a `w` × `h` CSS px layer) onto `target` with its top-left corner at (`x`,
/// `y`), scaled by `k`, at opacity `alpha`.
fn copy_onto(
    target: &CanvasRenderingContext2d,
    source: &HtmlCanvasElement,
    (x, y, k, alpha): (f64, f64, f64, f64),
    (w, h): (f64, f64),
) {
    target.set_global_alpha(alpha);
    let _ = target.draw_image_with_html_canvas_element_and_dw_and_dh(source, x, y, w * k, h * k);
    target.set_global_alpha(1.0);
}
