//! The WebAssembly boundary: one `#[wasm_bindgen]` handle, [`Youcheng`], that owns the map
//! state and draws on a `<canvas>`. Inputs are strings and bytes; results are small plain
//! objects. Nothing here panics on bad input: failures come back as values or `Error`s.

mod canvas;

use crate::basemap::Basemap;
use crate::dataset::{Dataset, Gazetteer, IssueReport, PartialDate, Stats};
use crate::filter::Filter;
use crate::geometry::LonLat;
use crate::map::MapState;
use canvas::CanvasSurface;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The widget's handle: create one per canvas, call `free()` when done.
#[wasm_bindgen]
pub struct Youcheng {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    map: MapState,
    gazetteer: Option<Gazetteer>,
    basemap: Option<Basemap>,
    dpr: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoadReport {
    ok: bool,
    file: String,
    pairs: usize,
    errors: Vec<IssueReport>,
    warnings: Vec<IssueReport>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LegendEntry {
    key: String,
    name_zh: String,
    name_en: String,
    colour: String,
    visible: usize,
}

#[derive(Serialize)]
struct Xy {
    x: f64,
    y: f64,
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
        })
    }

    /// Loads a basemap (GeoJSON or the compact form). On error the previous basemap stays.
    #[wasm_bindgen(js_name = loadBasemap)]
    pub fn load_basemap(&mut self, text: &str) -> Result<usize, JsError> {
        let basemap = Basemap::parse(text).map_err(|e| JsError::new(&e.to_string()))?;
        self.map.set_basemap(&basemap);
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
                    errors: vec![],
                    warnings: vec![],
                }
            }
            Err(issues) => LoadReport {
                ok: false,
                file: "reference".into(),
                pairs: 0,
                errors: issues.iter().map(|i| i.report()).collect(),
                warnings: vec![],
            },
        };
        to_js(&report)
    }

    /// Loads a partnerships CSV (the shipped file or a portal's own). `today_unix_days` is
    /// `Math.floor(Date.now() / 86400000)`. On errors the data already shown stays.
    #[wasm_bindgen(js_name = loadPartnerships)]
    pub fn load_partnerships(
        &mut self,
        file: &str,
        bytes: &[u8],
        today_unix_days: f64,
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
        let report = match Dataset::load(gazetteer, file, bytes, today, self.basemap.as_ref()) {
            Ok(loaded) => {
                let pairs = loaded.dataset.partnerships.len();
                self.map.set_dataset(loaded.dataset);
                LoadReport {
                    ok: true,
                    file: file.into(),
                    pairs,
                    errors: vec![],
                    warnings: loaded.warnings.iter().map(|i| i.report()).collect(),
                }
            }
            Err(issues) => {
                let (errors, warnings) = issues
                    .iter()
                    .partition::<Vec<_>, _>(|i| i.severity() == crate::dataset::Severity::Error);
                LoadReport {
                    ok: false,
                    file: file.into(),
                    pairs: 0,
                    errors: errors.iter().map(|i| i.report()).collect(),
                    warnings: warnings.iter().map(|i| i.report()).collect(),
                }
            }
        };
        to_js(&report)
    }

    /// Sets the drawing size in CSS pixels and the device pixel ratio; sizes the backing store.
    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64, device_pixel_ratio: f64) {
        let dpr = if device_pixel_ratio.is_finite() && device_pixel_ratio > 0.0 {
            device_pixel_ratio.min(4.0)
        } else {
            1.0
        };
        self.dpr = dpr;
        self.map.resize(width_css_px, height_css_px);
        let v = &self.map.viewport;
        self.canvas.set_width((v.width_css_px * dpr).round() as u32);
        self.canvas
            .set_height((v.height_css_px * dpr).round() as u32);
    }

    /// Draws the current state.
    pub fn render(&mut self) {
        let _ = self
            .ctx
            .set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
        let v = self.map.viewport;
        let mut surface = CanvasSurface {
            ctx: &self.ctx,
            width_css_px: v.width_css_px,
            height_css_px: v.height_css_px,
        };
        self.map.render(&mut surface);
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

    /// One entry per Shandong key: names, arc colour and how many of its pairs are visible.
    pub fn legend(&self) -> Result<JsValue, JsError> {
        let ds = self.map.dataset();
        let mut visible = vec![0usize; ds.cities().len()];
        for &i in self.map.visible() {
            if let Some(slot) = ds.partnerships.get(i).and_then(|p| visible.get_mut(p.city)) {
                *slot += 1;
            }
        }
        let entries: Vec<LegendEntry> = ds
            .cities()
            .iter()
            .enumerate()
            .map(|(k, c)| LegendEntry {
                key: c.key.clone(),
                name_zh: c.name_zh.clone(),
                name_en: c.name_en.clone(),
                colour: self.map.theme.city_colour(k).css(),
                visible: visible[k],
            })
            .collect();
        to_js(&entries)
    }

    /// Counts for the current filter.
    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(&Stats::of(
            self.map.dataset(),
            self.map.visible().iter().copied(),
        ))
    }
}
