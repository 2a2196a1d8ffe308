//! The WebAssembly boundary: one `#[wasm_bindgen]` handle, [`Youcheng`], that owns the map
//! state and draws on a `<canvas>`. Inputs are strings and bytes; results are small plain
//! objects. Nothing here panics on bad input: failures come back as values or `Error`s.

mod canvas;

use crate::basemap::Basemap;
use crate::dataset::{
    Coverage, CoverageView, Dataset, Gazetteer, IssueReport, LoadMode, PartialDate, Stats,
};
use crate::filter::Filter;
use crate::geometry::LonLat;
use crate::hit::Target;
use crate::interaction::{Interaction, Outcome, PointerKind};
use crate::limits::MAX_CANVAS_SIDE_PX;
use crate::map::{MapState, Pick, Step};
use crate::style::{ColourBy, Rgba};
use crate::surface::ScreenPt;
use canvas::{BaseLayer, CanvasSurface};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// The page's function that hears of a panic (see [`on_panic`]).
    static PANIC_REPORTER: std::cell::RefCell<Option<js_sys::Function>> =
        const { std::cell::RefCell::new(None) };
}

/// Registers `report(message)`, called with the panic's message and place if the core ever
/// panics. The shipped module aborts on panic, so the page then discards this instance and
/// starts a new one; the message tells it (and the portal, via `youcheng:error`) why.
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(report: js_sys::Function) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    PANIC_REPORTER.with(|r| {
        if let Ok(mut slot) = r.try_borrow_mut() {
            *slot = Some(report);
        }
    });
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            PANIC_REPORTER.with(|r| {
                if let Ok(slot) = r.try_borrow() {
                    if let Some(f) = slot.as_ref() {
                        let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
                    }
                }
            });
        }));
    });
}

/// Reach of the pointer for hover and mouse clicks, CSS px: thin lines get a generous area.
const HIT_PX: f64 = 6.0;
/// Reach of a finger.
const HIT_TOUCH_PX: f64 = 14.0;

/// The widget's handle: create one per canvas, call `free()` when done.
#[wasm_bindgen]
pub struct Youcheng {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    map: MapState,
    gazetteer: Option<Gazetteer>,
    basemap: Option<Basemap>,
    dpr: f64,
    interaction: Interaction,
    /// Kind of the pointer last pressed (touch gets a wider reach).
    press_kind: PointerKind,
    /// A wheel zoom is in progress (until the page calls `settle`).
    wheeling: bool,
    base: BaseLayer,
    frames: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadReport {
    ok: bool,
    file: String,
    pairs: usize,
    /// Errors found, listed or only counted.
    error_count: usize,
    errors: Vec<IssueReport>,
    warnings: Vec<IssueReport>,
    /// Rows left out by a load of the valid rows only, with their errors.
    rejected: Vec<IssueReport>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LegendEntry {
    key: String,
    name_zh: String,
    name_en: String,
    colour: String,
    visible: usize,
    total: usize,
}

/// What the pointer is over or clicked.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HitInfo {
    /// `arc`, `partner` or `origin`.
    kind: &'static str,
    /// The partnership id (arcs and partner dots).
    id: Option<String>,
    /// The Shandong key.
    city: String,
}

/// The answer to an input event.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventResult {
    /// The page should `preventDefault`.
    handled: bool,
    /// Something visible changed: request a frame.
    redraw: bool,
    /// The view moved (the page may update the URL).
    view: bool,
    hover_changed: bool,
    hover: Option<HitInfo>,
    /// A click happened (on `click`, or on nothing when `click` is null).
    clicked: bool,
    click: Option<HitInfo>,
    /// The press became a drag.
    dragging: bool,
}

/// Everything the detail panel and the table show about one pair.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Details {
    id: String,
    line: u64,
    city: String,
    city_zh: String,
    city_en: String,
    subunit_zh: String,
    subunit_en: String,
    partner_zh: String,
    partner_en: String,
    partner_zh_source: String,
    country: String,
    country_zh: String,
    country_en: String,
    continent: &'static str,
    level: &'static str,
    relation: &'static str,
    established: Option<String>,
    year: Option<i32>,
    lon: Option<f64>,
    lat: Option<f64>,
    coord_source: String,
    status: &'static str,
    sources: Vec<SourceView>,
    note: String,
    note_zh: String,
}

/// One source as the detail panel shows it: a readable name, the link (http(s) only) and a remark.
#[derive(Serialize)]
struct SourceView {
    title: String,
    url: Option<String>,
    remark: String,
}

/// A filter choice with its counts.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Choice {
    key: String,
    name_zh: String,
    name_en: String,
    /// Continent of a country; colour of a Shandong key.
    extra: String,
    total: usize,
    visible: usize,
    /// Where a Shandong key's dot is.
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
}

#[derive(Serialize, Deserialize)]
struct View {
    lon: f64,
    lat: f64,
    zoom: f64,
}

/// Portal colours, as `#rrggbb` strings; any field may be left out.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ThemeInput {
    ocean: Option<String>,
    land: Option<String>,
    china: Option<String>,
    border: Option<String>,
    origin_stroke: Option<String>,
    focus: Option<String>,
    palette: Option<Vec<String>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FrameStats {
    frames: u32,
    base_renders: u32,
    base_reuses: u32,
}

/// Statistics of the visible pairs plus, for the shipped data, how complete it is.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatsView {
    #[serde(flatten)]
    stats: Stats,
    coverage: Option<CoverageView>,
}

#[derive(Serialize)]
struct Xy {
    x: f64,
    y: f64,
}

/// GB18030 (GBK) text through the browser's own `TextDecoder`, which costs the module nothing;
/// `None` when the bytes are not valid GB18030.
fn decode_gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    web_sys::TextDecoder::new_with_label_and_options("gb18030", &options)
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// Errors among `issues`, counting those a capped report only summarises.
fn error_count(issues: &[crate::dataset::Issue]) -> usize {
    issues
        .iter()
        .map(|i| match i.problem {
            crate::dataset::Problem::MoreProblems {
                errors_not_shown, ..
            } => errors_not_shown,
            _ => usize::from(i.severity() == crate::dataset::Severity::Error),
        })
        .sum()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[wasm_bindgen]
impl Youcheng {
    /// Takes a canvas; its CSS size is set by the page, its backing store by [`Youcheng::resize`].
    #[wasm_bindgen(constructor)]
    pub fn new(canvas: HtmlCanvasElement) -> Result<Youcheng, JsError> {
        crate::dataset::encoding::set_gb18030_decoder(decode_gb18030);
        let ctx = canvas
            .get_context("2d")
            .map_err(|_| JsError::new("the canvas refused a 2D context"))?
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| JsError::new("the 2D context has an unexpected type"))?;
        let (w, h) = (
            f64::from(canvas.client_width()),
            f64::from(canvas.client_height()),
        );
        Ok(Youcheng {
            canvas,
            ctx,
            map: MapState::new(w.max(1.0), h.max(1.0)),
            gazetteer: None,
            basemap: None,
            dpr: 1.0,
            interaction: Interaction::default(),
            press_kind: PointerKind::Mouse,
            wheeling: false,
            base: BaseLayer::new()?,
            frames: 0,
        })
    }

    /// Loads a basemap (GeoJSON or the compact form). On error the previous basemap stays.
    #[wasm_bindgen(js_name = loadBasemap)]
    pub fn load_basemap(&mut self, text: &str) -> Result<usize, JsError> {
        let basemap = Basemap::parse(text).map_err(|e| JsError::new(&e.to_string()))?;
        self.map.set_basemap(&basemap);
        self.base.invalidate();
        let n = basemap.features.len();
        self.basemap = Some(basemap);
        Ok(n)
    }

    /// The basemap's attribution line.
    #[wasm_bindgen(getter)]
    pub fn attribution(&self) -> String {
        self.basemap
            .as_ref()
            .map_or_else(String::new, |b| b.attribution.clone())
    }

    /// Loads `shandong.csv`, `countries.csv` and `groups.csv`. Returns a load report.
    #[wasm_bindgen(js_name = loadReference)]
    pub fn load_reference(
        &mut self,
        shandong: &[u8],
        countries: &[u8],
        groups: &[u8],
    ) -> Result<JsValue, JsError> {
        let report = match Gazetteer::load(shandong, countries, groups) {
            Ok(g) => {
                self.gazetteer = Some(g);
                LoadReport {
                    ok: true,
                    file: "reference".into(),
                    pairs: 0,
                    error_count: 0,
                    errors: vec![],
                    warnings: vec![],
                    rejected: vec![],
                }
            }
            Err(issues) => LoadReport {
                ok: false,
                file: "reference".into(),
                pairs: 0,
                error_count: error_count(&issues),
                errors: issues.iter().map(|i| i.report()).collect(),
                warnings: vec![],
                rejected: vec![],
            },
        };
        to_js(&report)
    }

    /// Loads a partnerships CSV (the shipped file or a portal's own). `today_unix_days` is
    /// `Math.floor(Date.now() / 86400000)`. On errors the data already shown stays.
    #[wasm_bindgen(js_name = loadPartnerships)]
    /// With `valid_rows_only`, the rows without errors are loaded and the others listed in
    /// `rejected` (a visitor's upload, when asked); otherwise a file with any error is refused.
    pub fn load_partnerships(
        &mut self,
        file: &str,
        bytes: &[u8],
        today_unix_days: f64,
        valid_rows_only: bool,
    ) -> Result<JsValue, JsError> {
        let Some(gazetteer) = &self.gazetteer else {
            return Err(JsError::new(
                "load the reference tables (loadReference) first",
            ));
        };
        if !today_unix_days.is_finite() {
            return Err(JsError::new(
                "today_unix_days must be a number of days since 1970-01-01",
            ));
        }
        let today = PartialDate::from_unix_days(today_unix_days as i64);
        let mode = if valid_rows_only {
            LoadMode::ValidRows
        } else {
            LoadMode::AllOrNothing
        };
        let loaded = Dataset::load_with(gazetteer, file, bytes, today, self.basemap.as_ref(), mode);
        let report = match loaded {
            Ok(loaded) => {
                let pairs = loaded.dataset.partnerships.len();
                self.map.set_dataset(loaded.dataset);
                LoadReport {
                    ok: true,
                    file: file.into(),
                    pairs,
                    error_count: error_count(&loaded.rejected),
                    errors: vec![],
                    warnings: loaded.warnings.iter().map(|i| i.report()).collect(),
                    rejected: loaded.rejected.iter().map(|i| i.report()).collect(),
                }
            }
            Err(issues) => {
                let error_count = error_count(&issues);
                let (errors, warnings) = issues
                    .iter()
                    .partition::<Vec<_>, _>(|i| i.severity() == crate::dataset::Severity::Error);
                LoadReport {
                    ok: false,
                    file: file.into(),
                    pairs: 0,
                    error_count,
                    errors: errors.iter().map(|i| i.report()).collect(),
                    warnings: warnings.iter().map(|i| i.report()).collect(),
                    rejected: vec![],
                }
            }
        };
        to_js(&report)
    }

    /// Panics on purpose, so the page tests can prove that a trapped core is replaced and the
    /// panic's message reaches `youcheng:error`. It only kills the instance it runs in.
    #[wasm_bindgen(js_name = panicForTest)]
    pub fn panic_for_test(&self, message: &str) {
        #[allow(clippy::panic)]
        {
            panic!("{message}");
        }
    }

    /// Sets the drawing size in CSS pixels and the device pixel ratio; sizes the backing store.
    /// The backing store is capped at [`MAX_CANVAS_SIDE_PX`] a side: a huge or non-finite size
    /// from the page draws a smaller map instead of allocating gigabytes.
    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64, device_pixel_ratio: f64) {
        let dpr = if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 {
            device_pixel_ratio.min(4.0)
        } else {
            1.0
        };
        self.dpr = dpr;
        let side = |css: f64| {
            if css.is_finite() {
                css.clamp(1.0, MAX_CANVAS_SIDE_PX / dpr)
            } else {
                1.0
            }
        };
        self.map.resize(side(width_css_px), side(height_css_px));
        let v = &self.map.viewport;
        self.canvas.set_width((v.width_css_px * dpr).round() as u32);
        self.canvas
            .set_height((v.height_css_px * dpr).round() as u32);
    }

    /// Draws the current state. The land comes from a cached layer: redrawn only when the
    /// view settles on a new position; while a gesture is under way the cached layer is shifted
    /// and scaled instead.
    pub fn render(&mut self) {
        self.frames = self.frames.wrapping_add(1);
        let _ = self
            .ctx
            .set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        let moving = self.interaction.active() || self.wheeling;
        self.base.draw(&self.ctx, &self.map, self.dpr, moving);
        let v = self.map.viewport;
        let mut surface = CanvasSurface {
            ctx: &self.ctx,
            width_css_px: v.width_css_px,
            height_css_px: v.height_css_px,
        };
        self.map.overlay_scene().render(&mut surface);
    }

    /// Ends a wheel zoom: the next frame redraws the land sharply. Returns whether a frame is
    /// needed.
    pub fn settle(&mut self) -> bool {
        std::mem::replace(&mut self.wheeling, false)
    }

    /// Frames drawn and how often the land layer was redrawn or reused (for the bench page and
    /// tests).
    #[wasm_bindgen(js_name = frameStats)]
    pub fn frame_stats(&self) -> Result<JsValue, JsError> {
        to_js(&FrameStats {
            frames: self.frames,
            base_renders: self.base.renders,
            base_reuses: self.base.reuses,
        })
    }

    /// Sets colours (hex strings) from the page's CSS custom properties. Errors name the field.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: JsValue) -> Result<(), JsError> {
        let input: ThemeInput = serde_wasm_bindgen::from_value(theme)
            .map_err(|e| JsError::new(&format!("theme: {e}")))?;
        let mut t = self.map.theme.clone();
        let colour = |field: &str, v: &Option<String>, slot: &mut Rgba| -> Result<(), JsError> {
            if let Some(text) = v {
                *slot = Rgba::parse_hex(text).ok_or_else(|| {
                    JsError::new(&format!(
                        "theme: field `{field}` value \"{text}\" is not a #rgb or #rrggbb colour"
                    ))
                })?;
            }
            Ok(())
        };
        colour("ocean", &input.ocean, &mut t.ocean)?;
        colour("land", &input.land, &mut t.land)?;
        colour("china", &input.china, &mut t.china)?;
        colour("border", &input.border, &mut t.border)?;
        colour("originStroke", &input.origin_stroke, &mut t.origin_stroke)?;
        colour("focus", &input.focus, &mut t.focus_ring)?;
        if let Some(list) = &input.palette {
            let mut palette = Vec::new();
            for (k, text) in list.iter().enumerate() {
                let mut c = Rgba::rgb(0, 0, 0);
                colour(&format!("palette[{k}]"), &Some(text.clone()), &mut c)?;
                palette.push(c);
            }
            if !palette.is_empty() {
                t.palette = palette;
            }
        }
        self.map.theme = t;
        self.base.invalidate();
        Ok(())
    }

    /// Colours the arcs by `city`, `relation` or `decade`.
    #[wasm_bindgen(js_name = setColourBy)]
    pub fn set_colour_by(&mut self, key: &str) -> Result<(), JsError> {
        let c = ColourBy::parse(key).ok_or_else(|| {
            JsError::new(&format!(
                "colour: value \"{key}\" is not one of city, relation, decade"
            ))
        })?;
        self.map.set_colour_by(c);
        Ok(())
    }

    #[wasm_bindgen(getter, js_name = colourBy)]
    pub fn colour_by(&self) -> String {
        self.map.colour_by().key().to_string()
    }

    fn hit_info(&self, t: Target) -> Option<HitInfo> {
        let ds = self.map.dataset();
        let (kind, pair) = match t {
            Target::Arc(i) => ("arc", Some(i)),
            Target::Partner(i) => ("partner", Some(i)),
            Target::Origin(_) => ("origin", None),
        };
        let city = match t {
            Target::Origin(k) => ds.cities().get(k)?.key.clone(),
            Target::Arc(i) | Target::Partner(i) => ds.city_of(ds.partnerships.get(i)?).key.clone(),
        };
        Some(HitInfo {
            kind,
            id: pair
                .and_then(|i| ds.partnerships.get(i))
                .map(|p| p.id.clone()),
            city,
        })
    }

    /// Turns an interaction outcome into the page's answer, doing the hover hit-test.
    fn answer(&mut self, o: Outcome) -> Result<JsValue, JsError> {
        let mut hover_changed = false;
        if let Some(p) = o.hover {
            let t = self.map.hit(p, HIT_PX);
            hover_changed = self.map.set_hover(t);
        } else if o.clear_hover {
            hover_changed = self.map.set_hover(None);
        }
        let (clicked, click) = match o.click {
            Some(p) => {
                let reach = if self.press_kind == PointerKind::Touch {
                    HIT_TOUCH_PX
                } else {
                    HIT_PX
                };
                let t = self.map.hit(p, reach);
                (true, t.and_then(|t| self.hit_info(t)))
            }
            None => (false, None),
        };
        let hover = self.map.emphasis().hover.and_then(|t| self.hit_info(t));
        to_js(&EventResult {
            handled: o.handled,
            redraw: o.view || hover_changed,
            view: o.view,
            hover_changed,
            hover,
            clicked,
            click,
            dragging: self.interaction.dragging(),
        })
    }

    /// A pointer was pressed at (x, y) CSS px; `kind` is the DOM `pointerType`.
    #[wasm_bindgen(js_name = pointerDown)]
    pub fn pointer_down(
        &mut self,
        id: i32,
        kind: &str,
        x: f64,
        y: f64,
    ) -> Result<JsValue, JsError> {
        let kind = PointerKind::parse(kind);
        self.press_kind = kind;
        let o = self.interaction.pointer_down(id, kind, ScreenPt::new(x, y));
        self.answer(o)
    }

    #[wasm_bindgen(js_name = pointerMove)]
    pub fn pointer_move(&mut self, id: i32, x: f64, y: f64) -> Result<JsValue, JsError> {
        let o = self
            .interaction
            .pointer_move(id, ScreenPt::new(x, y), &mut self.map.viewport);
        self.answer(o)
    }

    /// A pointer was released; `t_ms` is the event's time stamp (for double clicks).
    #[wasm_bindgen(js_name = pointerUp)]
    pub fn pointer_up(&mut self, id: i32, x: f64, y: f64, t_ms: f64) -> Result<JsValue, JsError> {
        let o = self
            .interaction
            .pointer_up(id, ScreenPt::new(x, y), t_ms, &mut self.map.viewport);
        let mut answer = o;
        // The land layer is redrawn sharply once the gesture ends.
        answer.view |= !self.interaction.active() && o.handled;
        self.answer(answer)
    }

    #[wasm_bindgen(js_name = pointerCancel)]
    pub fn pointer_cancel(&mut self, id: i32) -> Result<JsValue, JsError> {
        let mut o = self.interaction.pointer_cancel(id);
        o.view = true;
        self.answer(o)
    }

    #[wasm_bindgen(js_name = pointerLeave)]
    pub fn pointer_leave(&mut self) -> Result<JsValue, JsError> {
        let o = self.interaction.pointer_leave();
        self.answer(o)
    }

    /// A wheel event at (x, y) CSS px. Call `settle` when the wheel has been still a moment.
    pub fn wheel(
        &mut self,
        x: f64,
        y: f64,
        delta_y: f64,
        delta_mode: u32,
    ) -> Result<JsValue, JsError> {
        let o = self.interaction.wheel(
            ScreenPt::new(x, y),
            delta_y,
            delta_mode,
            &mut self.map.viewport,
        );
        self.wheeling |= o.view;
        self.answer(o)
    }

    /// A key on the focused map: + − Home 0 zoom and reset, Shift+arrows pan, arrows move the
    /// focus between Shandong cities (←/→) and their partners (↓/↑). Returns the event result
    /// with the focused target in `hover`.
    pub fn key(&mut self, key: &str, shift: bool) -> Result<JsValue, JsError> {
        let step = match (key, shift) {
            ("ArrowRight", false) => Some(Step::NextCity),
            ("ArrowLeft", false) => Some(Step::PrevCity),
            ("ArrowDown", false) => Some(Step::NextPartner),
            ("ArrowUp", false) => Some(Step::PrevPartner),
            _ => None,
        };
        if let Some(step) = step {
            self.map.step_focus(step);
            return to_js(&EventResult {
                handled: true,
                redraw: true,
                view: true,
                hover_changed: true,
                hover: self.map.emphasis().focus.and_then(|t| self.hit_info(t)),
                clicked: false,
                click: None,
                dragging: false,
            });
        }
        let o = self.interaction.key(key, shift, &mut self.map.viewport);
        self.answer(o)
    }

    /// The keyboard focus (`{kind, id, city}`) or null.
    pub fn focused(&self) -> Result<JsValue, JsError> {
        match self.map.emphasis().focus.and_then(|t| self.hit_info(t)) {
            Some(h) => to_js(&h),
            None => Ok(JsValue::NULL),
        }
    }

    #[wasm_bindgen(js_name = clearFocus)]
    pub fn clear_focus(&mut self) {
        self.map.clear_focus();
    }

    fn pick(&self, id: &str) -> Option<Pick> {
        let ds = self.map.dataset();
        match id.strip_prefix('@') {
            Some(key) => ds
                .cities()
                .iter()
                .position(|c| c.key == key)
                .map(Pick::City),
            None => ds.by_id(id).map(|(i, _)| Pick::Pair(i)),
        }
    }

    fn pick_id(&self, pick: Pick) -> Option<String> {
        let ds = self.map.dataset();
        match pick {
            Pick::Pair(i) => ds.partnerships.get(i).map(|p| p.id.clone()),
            Pick::City(k) => ds.cities().get(k).map(|c| format!("@{}", c.key)),
        }
    }

    /// Selects a pair by id, or a Shandong key's fan as `@key`; `null`/empty clears. With
    /// `pin`, adds to (or removes from) the pinned selections. Returns false for an unknown id.
    pub fn select(&mut self, id: Option<String>, pin: bool) -> bool {
        match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => {
                self.map.select(None, pin);
                true
            }
            Some(id) => match self.pick(id) {
                Some(p) => {
                    self.map.select(Some(p), pin);
                    true
                }
                None => false,
            },
        }
    }

    /// The selected ids (pairs by id, Shandong keys as `@key`), oldest first.
    pub fn selection(&self) -> Vec<String> {
        self.map
            .emphasis()
            .selected
            .iter()
            .filter_map(|p| self.pick_id(*p))
            .collect()
    }

    /// Everything about one pair, or null for an unknown id.
    pub fn details(&self, id: &str) -> Result<JsValue, JsError> {
        match self.map.dataset().by_id(id) {
            Some((i, _)) => to_js(&self.details_of(i)),
            None => Ok(JsValue::NULL),
        }
    }

    fn details_of(&self, i: usize) -> Option<Details> {
        let ds = self.map.dataset();
        let p = ds.partnerships.get(i)?;
        let city = ds.city_of(p);
        let country = ds.country_of(p);
        Some(Details {
            id: p.id.clone(),
            line: p.line,
            city: city.key.clone(),
            city_zh: city.name_zh.clone(),
            city_en: city.name_en.clone(),
            subunit_zh: p.subunit_zh.clone(),
            subunit_en: p.subunit_en.clone(),
            partner_zh: p.partner_zh.clone(),
            partner_en: p.partner_en.clone(),
            partner_zh_source: p.partner_zh_source.clone(),
            country: country.iso2.clone(),
            country_zh: country.name_zh.clone(),
            country_en: country.name_en.clone(),
            continent: country.continent.key(),
            level: p.level.key(),
            relation: p.relation.key(),
            established: p.established.map(|d| d.to_string()),
            year: p.established.map(|d| d.year),
            lon: p.location.map(|l| l.lon),
            lat: p.location.map(|l| l.lat),
            coord_source: p.coord_source.clone(),
            status: p.status.key(),
            sources: p
                .sources
                .iter()
                .map(|s| SourceView {
                    title: s.label(),
                    url: s.url.clone(),
                    remark: s.remark.clone(),
                })
                .collect(),
            note_zh: p.note_zh.clone(),
            note: p.note.clone(),
        })
    }

    /// The visible pairs, in data order, with the detail fields (for the table view).
    pub fn rows(&self) -> Result<JsValue, JsError> {
        let rows: Vec<Details> = self
            .map
            .visible()
            .iter()
            .filter_map(|&i| self.details_of(i))
            .collect();
        to_js(&rows)
    }

    /// Shandong keys, countries and groups with their total and visible counts (for the filter
    /// controls): `{cities, countries, groups}`; countries only where the data has a pair.
    pub fn choices(&self) -> Result<JsValue, JsError> {
        let ds = self.map.dataset();
        let mut city_n = vec![(0usize, 0usize); ds.cities().len()];
        let mut country_n = vec![(0usize, 0usize); ds.countries().len()];
        let mut visible = vec![false; ds.partnerships.len()];
        for &i in self.map.visible() {
            if let Some(v) = visible.get_mut(i) {
                *v = true;
            }
        }
        for (i, p) in ds.partnerships.iter().enumerate() {
            let v = usize::from(visible[i]);
            if let Some(c) = city_n.get_mut(p.city) {
                c.0 += 1;
                c.1 += v;
            }
            if let Some(c) = country_n.get_mut(p.country) {
                c.0 += 1;
                c.1 += v;
            }
        }
        let cities: Vec<Choice> = ds
            .cities()
            .iter()
            .enumerate()
            .map(|(k, c)| Choice {
                key: c.key.clone(),
                name_zh: c.name_zh.clone(),
                name_en: c.name_en.clone(),
                extra: self.map.theme.city_colour(k).css(),
                total: city_n[k].0,
                visible: city_n[k].1,
                lon: Some(c.location.lon),
                lat: Some(c.location.lat),
            })
            .collect();
        let countries: Vec<Choice> = ds
            .countries()
            .iter()
            .enumerate()
            .filter(|(k, _)| country_n[*k].0 > 0)
            .map(|(k, c)| Choice {
                key: c.iso2.clone(),
                name_zh: c.name_zh.clone(),
                name_en: c.name_en.clone(),
                extra: c.continent.key().to_string(),
                total: country_n[k].0,
                visible: country_n[k].1,
                lon: None,
                lat: None,
            })
            .collect();
        let groups: Vec<Choice> = ds
            .gazetteer
            .groups
            .iter()
            .map(|g| {
                let members = |only_visible: bool| {
                    ds.partnerships
                        .iter()
                        .enumerate()
                        .filter(|(i, p)| {
                            (!only_visible || visible[*i])
                                && ds.country_of(p).groups.contains(&g.key)
                        })
                        .count()
                };
                Choice {
                    key: g.key.clone(),
                    name_zh: g.name_zh.clone(),
                    name_en: g.name_en.clone(),
                    extra: g.source.clone(),
                    total: members(false),
                    visible: members(true),
                    lon: None,
                    lat: None,
                }
            })
            .collect();
        #[derive(Serialize)]
        struct All {
            cities: Vec<Choice>,
            countries: Vec<Choice>,
            groups: Vec<Choice>,
        }
        to_js(&All {
            cities,
            countries,
            groups,
        })
    }

    /// The view: `{lon, lat, zoom}` of the centre.
    pub fn view(&self) -> Result<JsValue, JsError> {
        match self.map.view_lonlat() {
            Some((c, zoom)) => to_js(&View {
                lon: c.lon,
                lat: c.lat,
                zoom,
            }),
            None => Ok(JsValue::NULL),
        }
    }

    /// Centres the map on (lon, lat) at `zoom` (1 = whole map; clamped to the limits).
    #[wasm_bindgen(js_name = setView)]
    pub fn set_view(&mut self, lon: f64, lat: f64, zoom: f64) -> Result<(), JsError> {
        let c = LonLat::new(lon, lat);
        if !c.is_valid() || !zoom.is_finite() {
            return Err(JsError::new(&format!(
                "view: {lon}, {lat} at zoom {zoom} is not a place on the map"
            )));
        }
        self.map.set_view_lonlat(c, zoom);
        Ok(())
    }

    /// The state for the URL hash: filter, `selected` ids, view, `lang`, colour, `table`.
    #[wasm_bindgen(js_name = stateHash)]
    pub fn state_hash(&self, lang: &str, table: bool, selected: Vec<String>) -> String {
        let view = (!self.map.viewport.is_home())
            .then(|| self.map.view_lonlat())
            .flatten()
            .map(|(c, zoom)| crate::urlstate::View {
                lon: c.lon,
                lat: c.lat,
                zoom,
            });
        let colour = self.map.colour_by();
        crate::urlstate::UrlState {
            filter: self.map.filter().clone(),
            selected,
            view,
            lang: (!lang.is_empty()).then(|| lang.to_string()),
            colour: (colour != ColourBy::default()).then(|| colour.key().to_string()),
            table,
        }
        .to_hash()
    }

    /// Parses a URL hash (or the `filter` attribute): `{state, problems}`; what is wrong is
    /// described in `problems` and the rest is kept.
    #[wasm_bindgen(js_name = parseState)]
    pub fn parse_state(&self, text: &str) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Parsed {
            state: crate::urlstate::UrlState,
            problems: Vec<String>,
        }
        let (state, problems) = crate::urlstate::UrlState::parse(text);
        to_js(&Parsed { state, problems })
    }

    /// Back to the whole map.
    #[wasm_bindgen(js_name = resetView)]
    pub fn reset_view(&mut self) {
        self.map.viewport.reset();
    }

    /// Where a place is drawn, in CSS pixels from the canvas's top-left corner (`null` if nowhere).
    pub fn project(&self, lon: f64, lat: f64) -> Result<JsValue, JsError> {
        match self.map.project(LonLat::new(lon, lat)) {
            Some(p) => to_js(&Xy { x: p.x, y: p.y }),
            None => Ok(JsValue::NULL),
        }
    }

    /// Replaces the filter; unknown fields are ignored, wrong types are an error.
    #[wasm_bindgen(js_name = setFilter)]
    pub fn set_filter(&mut self, filter: JsValue) -> Result<(), JsError> {
        let filter: Filter = serde_wasm_bindgen::from_value(filter)
            .map_err(|e| JsError::new(&format!("filter: {e}")))?;
        self.map.set_filter(filter);
        Ok(())
    }

    #[wasm_bindgen(js_name = getFilter)]
    pub fn get_filter(&self) -> Result<JsValue, JsError> {
        to_js(self.map.filter())
    }

    /// Ids of the partnerships the current filter shows.
    #[wasm_bindgen(js_name = visibleIds)]
    pub fn visible_ids(&self) -> Vec<String> {
        let ds = self.map.dataset();
        self.map
            .visible()
            .iter()
            .filter_map(|&i| ds.partnerships.get(i).map(|p| p.id.clone()))
            .collect()
    }

    /// The colour legend for the current colour dimension: key, names (Shandong keys only;
    /// the page names relations and decades), colour, visible and total pairs.
    pub fn legend(&self) -> Result<JsValue, JsError> {
        let ds = self.map.dataset();
        let city_mode = self.map.colour_by() == ColourBy::City;
        let entries: Vec<LegendEntry> = self
            .map
            .legend()
            .into_iter()
            .enumerate()
            .map(|(k, item)| {
                let (name_zh, name_en) = match ds.cities().get(k) {
                    Some(c) if city_mode => (c.name_zh.clone(), c.name_en.clone()),
                    _ => (String::new(), String::new()),
                };
                LegendEntry {
                    key: item.key,
                    name_zh,
                    name_en,
                    colour: item.colour.css(),
                    visible: item.visible,
                    total: item.total,
                }
            })
            .collect();
        to_js(&entries)
    }

    /// Counts for the current filter.
    pub fn stats(&self) -> Result<JsValue, JsError> {
        let ds = self.map.dataset();
        to_js(&StatsView {
            stats: Stats::of(ds, self.map.visible().iter().copied()),
            coverage: ds.coverage.as_ref().and_then(|c| c.view(ds)),
        })
    }

    /// Loads `official_totals.csv` and `about.csv` for the data on screen (call it for the
    /// shipped data only: a portal's own file makes no coverage claim). Returns a load report.
    #[wasm_bindgen(js_name = loadCoverage)]
    pub fn load_coverage(&mut self, totals: &[u8], about: &[u8]) -> Result<JsValue, JsError> {
        let Some(gazetteer) = &self.gazetteer else {
            return Err(JsError::new(
                "load the reference tables (loadReference) first",
            ));
        };
        let report = match Coverage::load(gazetteer, totals, about) {
            Ok(c) => {
                self.map.set_coverage(Some(c));
                LoadReport {
                    ok: true,
                    file: "official_totals.csv".into(),
                    pairs: 0,
                    error_count: 0,
                    errors: vec![],
                    warnings: vec![],
                    rejected: vec![],
                }
            }
            Err(issues) => LoadReport {
                ok: false,
                file: "official_totals.csv".into(),
                pairs: 0,
                error_count: error_count(&issues),
                errors: issues.iter().map(|i| i.report()).collect(),
                warnings: vec![],
                rejected: vec![],
            },
        };
        to_js(&report)
    }
}
