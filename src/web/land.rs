//! The land layer drawn by the page's worker (`www/land-worker.js`) after a view change: the
//! core's land scene goes as a list of numbers ([`FillCommands`]) and comes back as a picture
//! (an `ImageBitmap`, handed over without a copy) for the layer's canvas on the page. Until it
//! comes, the layer's canvas keeps the picture it holds, moved and scaled to the view as during
//! a gesture. The browser's raster of the land (a fill of ~40 % of the canvas, ~4 ms at 1280 ×
//! 720 on a software rasteriser) and the clearing of the new picture's memory (~1.5 ms) then
//! happen in the worker's thread, not the page's.
//!
//! Only a view change goes to the worker: the first frame, a new canvas size and new colours
//! or basemap at the same view are drawn here at once (the map appears, or changes colour,
//! with no frame in between).

use super::canvas::Layer;
use crate::app::layer::{LandPlan, LayerView};
use crate::fills::FillCommands;
use crate::scene::Scene;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, ImageBitmap};

/// What a picture of the land shows: its view, and the generation of its colours and shapes
/// ([`crate::app::App::land_key`]).
pub type LandKey = (LayerView, u32);

/// The page's worker and what the land's canvas holds.
#[derive(Default)]
pub struct LandWorker {
    /// `post(values: Float64Array, colours: string[], [width, height, dpr, cssWidth,
    /// cssHeight]) → token`: sends a list to the worker (the picture's size in device px, and
    /// the view's in CSS px, which a clear fills); a number back, else (or on a throw) no
    /// worker: the land is drawn here from then on.
    pub post: Option<js_sys::Function>,
    /// What the land's canvas on the page holds, when it was drawn for one.
    holds: Option<LandKey>,
    /// The newest list sent and what it draws.
    waiting: Option<(f64, LandKey)>,
}

impl LandWorker {
    /// Whether a picture is awaited from the worker.
    pub fn pending(&self) -> bool {
        self.waiting.is_some()
    }

    /// How the picture held is shown at `now` (moved and scaled to it), when it is one of the
    /// same colours and canvas size but another view: what the worker is for.
    fn moved_to(&self, now: LandKey) -> Option<LandPlan> {
        let (view, generation) = self.holds?;
        (view != now.0 && generation == now.1)
            .then(|| view.shift_to(&now.0))
            .flatten()
    }

    /// Where the picture held goes at `now`: as it is when it was drawn for `now`, else moved
    /// ([`LandWorker::moved_to`]); `None` when it cannot show `now`.
    fn placement(&self, now: LandKey) -> Option<LandPlan> {
        if self.holds == Some(now) {
            Some(LandPlan::Copy)
        } else {
            self.moved_to(now)
        }
    }

    /// Carries out the core's `plan` for the land at `now` (`size` CSS px) on `layer` (on the
    /// page): a redraw for a new view of the same canvas and colours goes to the worker (unless
    /// it went ahead of the frame: then its picture is shown already, or awaited) while the
    /// picture held is moved to the view; → `false` when the caller is to draw it here (it then
    /// holds `now`).
    pub fn carry_out(
        &mut self,
        layer: &Layer,
        target: &CanvasRenderingContext2d,
        (plan, now, size): (LandPlan, LandKey, (f64, f64)),
        scene: impl FnOnce() -> Scene,
    ) -> bool {
        if self.post.is_none() {
            return false;
        }
        let Some(placed) = self.placement(now) else {
            return plan == LandPlan::Redraw && self.drawn_here(now);
        };
        if plan == LandPlan::Redraw && placed != LandPlan::Copy {
            self.ahead(now, scene);
            if self.waiting.map(|(_, k)| k) != Some(now) {
                return self.drawn_here(now); // not sent after all
            }
        }
        layer.put(target, size, 1.0, placed);
        true
    }

    /// Sends the land for `now` to the worker, when the canvas holds another view of the same
    /// size and colours and it was not sent yet; at once when a command settles the view (the
    /// frame then finds it shown more often than not, or awaits it), else at the frame
    /// ([`LandWorker::carry_out`]).
    pub fn ahead(&mut self, now: LandKey, scene: impl FnOnce() -> Scene) {
        if self.post.is_none()
            || self.moved_to(now).is_none()
            || self.waiting.map(|(_, k)| k) == Some(now)
        {
            return;
        }
        self.waiting = self.send(&scene(), now.0).map(|token| (token, now));
    }

    /// The land is drawn here for `now`: a picture still awaited is not wanted.
    fn drawn_here(&mut self, now: LandKey) -> bool {
        self.waiting = None;
        self.holds = Some(now);
        false
    }

    /// Sends the land of `scene` for `view` to the worker; its token, or `None` (no worker
    /// any more, or a list that does not say all of the land).
    fn send(&mut self, scene: &Scene, view: LayerView) -> Option<f64> {
        let post = self.post.as_ref()?;
        let mut list = FillCommands::default();
        scene.render_base(&mut list);
        if list.unsupported {
            return None;
        }
        let values = js_sys::Float64Array::from(list.values.as_slice());
        let colours: js_sys::Array = list
            .colours
            .iter()
            .map(|c| JsValue::from_str(&c.css()))
            .collect();
        let px = |css: f64| JsValue::from_f64((css * view.dpr).round());
        let size = js_sys::Array::of5(
            &px(view.width_css_px),
            &px(view.height_css_px),
            &JsValue::from_f64(view.dpr),
            &JsValue::from_f64(view.width_css_px),
            &JsValue::from_f64(view.height_css_px),
        );
        let token = post
            .call3(&JsValue::NULL, &values, &colours, &size)
            .ok()
            .and_then(|t| t.as_f64());
        if token.is_none() {
            self.post = None;
        }
        token
    }

    /// The worker's answer for `token`: its picture, or `None` when it failed (then no more
    /// lists go to it). The picture is shown on `layer` moved to the view `now`.
    pub fn arrived(
        &mut self,
        layer: &Layer,
        target: &CanvasRenderingContext2d,
        token: f64,
        picture: Option<ImageBitmap>,
        (now, size): (LandKey, (f64, f64)),
    ) -> Arrival {
        let key = match self.waiting {
            Some((t, key)) if t == token => key,
            _ => {
                if let Some(p) = picture {
                    p.close(); // an older list's, or one no longer wanted
                }
                return Arrival::Unwanted;
            }
        };
        self.waiting = None;
        let Some(picture) = picture else {
            self.post = None;
            return Arrival::Lost;
        };
        layer.show_picture(&picture);
        self.holds = Some(key);
        // At once where it belongs (a gesture may have moved the view since it was sent); the
        // frame this asks for places it again with what goes over it.
        if let Some(placed) = self.placement(now) {
            layer.put(target, size, 1.0, placed);
        }
        Arrival::Shown
    }
}

/// What became of a worker's answer.
pub enum Arrival {
    /// Shown on the layer.
    Shown,
    /// The worker failed: the land is to be drawn afresh here.
    Lost,
    /// Not the picture awaited: dropped.
    Unwanted,
}
