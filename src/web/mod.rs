//! The WebAssembly boundary: one `#[wasm_bindgen]` handle, [`Youcheng`], around [`crate::app::App`].
//! It converts JS values and draws on the canvas; no logic here. Bad input comes back as values or
//! `Error`s; a panic (a bug) reaches the page through [`on_panic`].

mod canvas;
pub mod decode;
mod land;

/// The module's allocator: talc instead of Rust's default for wasm32 (dlmalloc), 3.1 KB gzip
/// smaller and as fast in the page (a world network's view change allocates and frees the
/// screen lines of 25,000 arcs: the two measured alike, within this machine's spread), with
/// memory grown in larger steps than talc's own wasm source grows it ([`Grow`]: the world
/// network's first frame 983 → 942 ms, medians of nine interleaved loads each).
#[global_allocator]
static ALLOCATOR: talc::cell::TalcSyncCell<Grow, talc::wasm::WasmBinning> =
    talc::cell::TalcSyncCell::new_wasm(Grow { end: None });

/// Where the allocator's memory comes from: the module's memory, grown as talc's own wasm
/// source grows it, but by at least an eighth of its size (and 1 MiB) at a time rather than by
/// the pages one allocation needs: a map's first load allocates its way up through tens of
/// MiB, and each growth is a call into the engine and new views of the memory for the glue.
#[derive(Debug)]
struct Grow {
    end: Option<std::ptr::NonNull<u8>>,
}

// SAFETY: grows the module's memory and hands talc only the pages it grew (as talc's
// `WasmGrowAndExtend` does); allocates nothing itself.
unsafe impl talc::source::Source for Grow {
    fn acquire<B: talc::base::binning::Binning>(
        talc: &mut talc::base::Talc<Self, B>,
        layout: std::alloc::Layout,
    ) -> Result<(), ()> {
        const PAGE: usize = 64 * 1024;
        // The chunk with talc's overheads and alignment, as talc's own source reckons it.
        let needed = layout.size() + layout.align().max(16) + 64;
        let pages = core::arch::wasm32::memory_size::<0>();
        let grow = needed.div_ceil(PAGE).max(pages / 8).max(16);
        let before = core::arch::wasm32::memory_grow::<0>(grow);
        if before == usize::MAX {
            return Err(());
        }
        let (base, bytes) = ((before * PAGE) as *mut u8, grow * PAGE);
        // SAFETY: the pages just grown belong to no one else.
        unsafe {
            match talc.source.end.take() {
                Some(end) if end.as_ptr() == base => {
                    talc.source.end = Some(talc.extend(end, base.add(bytes)));
                }
                _ => talc.source.end = talc.claim(base, bytes),
            }
        }
        Ok(())
    }
}

use crate::app::layer::{LandPlan, LayerView};
use crate::map::{ArcStore, MapState};
use crate::scene::Step;
use crate::{app::App, app::Command, dataset::PartialDate, geometry::LonLat};
use canvas::{CanvasSurface, Layer};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// The page's function that hears of a panic (see [`on_panic`]).
    static PANIC_REPORTER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// In a raster worker: the map's arcs it was sent (see [`Youcheng::set_arcs`]).
    static ARC_STORE: RefCell<Option<ArcStore>> = const { RefCell::new(None) };
}

/// Registers `report(message)`, called with a panic's message; the page then starts a new core.
#[wasm_bindgen(js_name = onPanic)]
pub fn on_panic(report: js_sys::Function) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    PANIC_REPORTER.with(|r| r.try_borrow_mut().map(|mut s| *s = Some(report)).ok());
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = JsValue::from_str(&info.to_string());
            PANIC_REPORTER.with(|r| {
                if let Some(f) = r.try_borrow().ok().as_deref().and_then(Option::as_ref) {
                    let _ = f.call1(&JsValue::NULL, &message);
                }
            });
        }));
    });
}

/// GB18030 (GBK) through the browser's own `TextDecoder`, which costs the module nothing.
fn decode_gb18030(bytes: &[u8]) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true); // invalid bytes are an error, not U+FFFD
    web_sys::TextDecoder::new_with_label_and_options("gb18030", &options)
        .ok()?
        .decode_with_u8_array(bytes)
        .ok()
}

/// A view as the plain JS object the page reads, through JSON text and the browser's `JSON.parse`
/// (the shape `serde_wasm_bindgen`'s `json_compatible` serializer gave: `None` is `null`, maps are
/// objects). The text is written by `app::json`, by hand: serde_json's serializers derived for the
/// views were 2.5 KB gzip more of the module, serde-wasm-bindgen's 3.8 KB more again. A non-finite
/// float, which no view holds, would arrive as `null` rather than `NaN`.
fn to_js<T: crate::app::json::ToJson + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text = crate::app::json::to_json(value);
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("JSON.parse"))
}

/// The page's command object (`{type: 'select', id}`) as a [`Command`]; the error is serde's
/// message as a JS `Error` shows it (`Error: missing field …`; see `decode`).
pub fn command_from_js(command: &JsValue) -> Result<Command, String> {
    decode::command(command)
}

/// A decoded page value, or its error as a JS `Error` naming `what` it is.
fn read<T>(what: &str, value: Result<T, String>) -> Result<T, JsError> {
    value.map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// The widget's handle: one per canvas; call `free()` when done.
#[wasm_bindgen]
pub struct Youcheng {
    ctx: CanvasRenderingContext2d,
    canvas: HtmlCanvasElement,
    app: App,
    /// The cached land and arcs layers.
    layers: [Layer; 2],
    /// The arcs layer drawn over several frames when it is large.
    arcs: Progressive,
    /// What the last frame drawn showed (see [`Youcheng::render`]).
    last_frame: Option<FrameKey>,
    /// The colour last set on the page's stack of layers (the ocean).
    stack_ocean: Option<crate::style::Rgba>,
    /// Whether the map's canvas holds only what was last drawn over the layers (on the page:
    /// no layer under way drawn on it, no flow, not sized since), so that a frame that would
    /// draw the same may leave it ([`App::plan_top`]).
    top_kept: bool,
    /// The land drawn by the page's worker after a view change.
    land: land::LandWorker,
}

/// What a frame shows, as far as it changes between frames: the view, the content (data,
/// filter, colours, language) and what is emphasised.
#[derive(PartialEq)]
struct FrameKey {
    view: LayerView,
    content: u64,
    emphasis: crate::map::Emphasis,
}

impl Youcheng {
    /// The arcs layer for this frame, as the core planned it (`plan`), drawn at `alpha`: a
    /// gesture shifts the layer shown; otherwise a layer not holding this view and content is
    /// drawn afresh in steps (its scene built a run of arcs at a time, then its arcs and dots
    /// rasterised by the core and put on the layer in one call): a small layer all in this
    /// frame, a large one as many steps a frame as fit in its budget from `start` (ms) on. →
    /// whether a layer is under way, and whether what it has so far is to be shown on the map's
    /// canvas (no complete layer to show meanwhile, and the layers on canvases of their own:
    /// the caller draws it there, under what goes over the layers).
    fn draw_arcs(&mut self, plan: LandPlan, (dpr, alpha): (f64, f64), start: f64) -> (bool, bool) {
        let map = &self.app.map;
        let v = map.viewport;
        let size = (v.width_css_px, v.height_css_px);
        let now = (LayerView::of(&v, dpr), map.content_version());
        let (front, p) = (&self.layers[1], &mut self.arcs);
        let shifted = |holds: Option<(LayerView, u64)>| holds.and_then(|(h, _)| h.shift_to(&now.0));
        if let (LandPlan::Shift { .. }, Some(shift)) = (plan, shifted(p.holds)) {
            p.job = None;
            front.put(&self.ctx, size, alpha, shift);
            return (false, false);
        }
        if p.holds == Some(now) {
            p.job = None;
            front.put(&self.ctx, size, alpha, LandPlan::Copy);
            return (false, false);
        }
        if p.job.as_ref().is_none_or(|j| j.target != now) {
            p.back.begin(size, dpr); // nothing stale shows while it is built
            let phase = match p.workers_hold_arcs(map) {
                // The workers make the arcs' lines themselves: sent by number.
                Some(id) => {
                    p.commands.clear();
                    let scene = map.layer_by_number(&mut p.commands, id, dpr);
                    Phase::Drawing {
                        steps: scene.overlay_steps(),
                        scene,
                        next: 0,
                        remote: true,
                        waiting: None,
                    }
                }
                None => Phase::Building(map.layer_build()),
            };
            p.job = Some(Job { phase, target: now });
        }
        if p.advance(map, size, dpr, start) {
            if front.is_on_page() {
                front.present(&p.back); // the page's canvas stays where it is
            } else {
                std::mem::swap(&mut self.layers[1], &mut p.back);
            }
            p.holds = Some(now);
            p.job = None;
            self.layers[1].put(&self.ctx, size, alpha, LandPlan::Copy);
            return (false, false);
        }
        match shifted(p.holds) {
            // The last complete layer, where the current view puts it.
            Some(shift) => front.put(&self.ctx, size, alpha, shift),
            // None yet: what is drawn so far, on the map's canvas (hiding one of another size).
            None if front.is_on_page() => {
                front.put(&self.ctx, size, 0.0, LandPlan::Copy);
                return (true, true);
            }
            None => p.back.put(&self.ctx, size, alpha, LandPlan::Copy),
        }
        (true, false)
    }
}

impl Progressive {
    /// The id of the copy of the map's arcs the page's workers hold, when a layer is theirs to
    /// rasterise (a large one, and workers there) and they hold these arcs: then it is sent by
    /// number ([`MapState::layer_by_number`]).
    fn workers_hold_arcs(&self, map: &MapState) -> Option<f64> {
        let large = map.visible().len() > BUILD_PAIRS;
        let (version, id) = self.arcs_sent?;
        (large && workers(&self.post).is_some() && version == map.arcs_version()).then_some(id)
    }

    /// Packs up to `pairs` more pairs of the map's arcs for the workers and, once all are in,
    /// sends them ([`MapState::arc_numbers`]) → whether more is to do. Once per dataset, for
    /// large data when the workers do not hold these arcs yet; for small data, has them drop
    /// the arcs they hold.
    #[cfg(feature = "files")]
    fn share_arcs(&mut self, map: &MapState, pairs: usize) -> bool {
        let version = map.arcs_version();
        let large = map.dataset().partnerships.len() > BUILD_PAIRS;
        let (Some(send), Some(_)) = (&self.send_arcs, &self.post) else {
            return false;
        };
        if self.arcs_sent.is_some_and(|(v, _)| v == version) {
            return false;
        }
        if !large {
            // Data too small for the workers: they drop the arcs of the last large data (tens
            // of MB each at a world network), if they hold any.
            self.packing = None;
            if self.arcs_sent.take().is_some() {
                let none = js_sys::Float64Array::from(&[0.0][..]);
                for worker in 0..self.bands {
                    let _ = send.call2(&JsValue::NULL, &none, &JsValue::from(worker));
                }
            }
            return false;
        }
        let (mut packer, worker, from) = match self.packing.take() {
            Some((v, packer, at)) if v == version => (packer, at.0, at.1),
            _ => (map.arc_packer(), 0, 0),
        };
        if !map.pack_arcs_step(&mut packer, pairs) {
            self.packing = Some((version, packer, (0, 0)));
            return true;
        }
        // Then a piece of one worker's copy a call: the whole copy (~20 MB at the world
        // network) took ~10-15 ms, long enough to hold a pointer move up.
        let numbers = packer.numbers();
        let to = from.saturating_add(SHARE_PIECE).min(numbers.len());
        let piece = numbers.get(from..to).unwrap_or_default();
        // SAFETY: a view of the module's memory, which nothing here grows before the call
        // returns: `sendArcs` copies it into that worker's array (one copy fewer than making
        // an array of its own first).
        let view = unsafe { js_sys::Float64Array::view(piece) };
        let args = js_sys::Array::of4(
            &view,
            &JsValue::from(worker),
            &JsValue::from(from as f64),
            &JsValue::from(numbers.len() as f64),
        );
        let answer = send.apply(&JsValue::NULL, &args);
        let id = answer
            .ok()
            .and_then(|id| id.as_f64())
            .filter(|id| id.is_finite());
        match id {
            // A number back: the id that worker knows these arcs by.
            Some(_) if to < numbers.len() => {
                self.packing = Some((version, packer, (worker, to)));
                true
            }
            Some(_) if worker + 1 < self.bands => {
                self.packing = Some((version, packer, (worker + 1, 0)));
                true
            }
            Some(id) => {
                self.arcs_sent = Some((version, id));
                false
            }
            None => false, // not sent (no workers any more)
        }
    }

    /// Does the next steps of the layer under way (see [`Youcheng::draw_arcs`]); true once it
    /// is complete (or when there is none).
    fn advance(&mut self, map: &MapState, size: (f64, f64), dpr: f64, start: f64) -> bool {
        let Some(job) = self.job.as_mut() else {
            return true;
        };
        // At least one step a frame; more while the frame's budget lasts (a small layer, all in
        // this frame). First the scene is built a run of arcs at a time, then drawn in its steps;
        // the arcs and dots are rasterised by the core whatever the size: even the shipped few
        // hundred arcs cost the canvas more (Europe at zoom 4: 22 ms of the canvas's raster vs
        // 8 ms here with the image put on the layer). A large layer's are rasterised by the
        // page's worker when it has one: here they are only listed, and the frames go on
        // showing the last complete layer until the worker's image comes (`putArcsImage`).
        let small = map.visible().len() <= BUILD_PAIRS;
        let device = |css: f64| device_px(css, dpr);
        let mut first = true;
        loop {
            match &job.phase {
                Phase::Drawing { steps, next, .. } if *next >= steps.len() => break true,
                // The worker's image is awaited (`putArcsImage`).
                Phase::Drawing {
                    waiting: Some(_), ..
                } => break false,
                _ => {}
            }
            if !(first || small || js_sys::Date::now() - start < STEP_BUDGET_MS) {
                break false;
            }
            first = false;
            match &mut job.phase {
                Phase::Building(build) => {
                    // `back` was cleared when the job began.
                    if let Some(scene) = map.layer_build_step(build, BUILD_PAIRS) {
                        let remote = !small && workers(&self.post).is_some();
                        if remote {
                            self.commands.clear();
                        } else {
                            self.raster.begin(device(size.0), device(size.1));
                        }
                        let steps = scene.overlay_steps();
                        job.phase = Phase::Drawing {
                            scene,
                            steps,
                            next: 0,
                            remote,
                            waiting: None,
                        };
                    }
                }
                Phase::Drawing {
                    scene,
                    steps,
                    next,
                    remote,
                    waiting,
                } => {
                    let Some(step) = steps.get(*next) else {
                        break true; // (checked above)
                    };
                    *next += 1;
                    if let Step::Image = step {
                        let (w, h) = (device(size.0), device(size.1));
                        if !*remote {
                            put_raster(&mut self.raster, &self.back, &self.scratch, dpr);
                        } else if let Some(token) = workers(&self.post)
                            .and_then(|post| send(post, &self.commands, (w, h), self.bands))
                        {
                            *waiting = Some(token);
                        } else {
                            // No worker after all: the same list, rasterised here.
                            (self.post, *remote) = (None, false);
                            let layers = (&self.back, &self.scratch);
                            let part = ((w, h), 0..h);
                            let arcs = own_arcs(map, self.arcs_sent);
                            let list = (&self.commands, part);
                            replay_onto(&mut self.raster, list, layers, (dpr, &arcs));
                        }
                        continue;
                    }
                    let sink: &mut dyn crate::raster::Sink = if *remote {
                        &mut self.commands
                    } else {
                        &mut self.raster
                    };
                    scene.render_overlay_step(&mut self.back.surface(size), (sink, dpr), step);
                    if !small && !matches!(step, Step::Arcs { .. } | Step::Dots(_)) {
                        self.back.flush(); // its raster in this frame, not all in the last one's
                    }
                }
            }
        }
    }

    /// Whether the layer under way waits for the worker's image (no frames needed meanwhile).
    fn waiting(&self) -> bool {
        matches!(
            self.job.as_ref().map(|j| &j.phase),
            Some(Phase::Drawing {
                waiting: Some(_),
                ..
            })
        )
    }

    /// What the worker answered for (a band of rows of) the list sent with `token`, put on the
    /// layer under way; `last`: the list's last answer → whether it was awaited (a newer layer
    /// may have replaced that one meanwhile).
    #[cfg(feature = "files")]
    fn arrived(
        &mut self,
        (token, answer, last): (u32, Arrival, bool),
        map: &MapState,
        size: (f64, f64),
        dpr: f64,
    ) -> bool {
        let Some(Job {
            phase: Phase::Drawing {
                waiting, remote, ..
            },
            ..
        }) = self.job.as_mut()
        else {
            return false;
        };
        if *waiting != Some(token) {
            return false;
        }
        if last {
            *waiting = None;
        }
        match answer {
            Arrival::Image(image, at) => self.back.put_image_data(&self.scratch, image, at, dpr),
            Arrival::Empty => {}
            Arrival::Failed(rows) => {
                (self.post, *remote) = (None, false);
                let size = (device_px(size.0, dpr), device_px(size.1, dpr));
                let layers = (&self.back, &self.scratch);
                let arcs = own_arcs(map, self.arcs_sent);
                let list = (&self.commands, (size, rows));
                replay_onto(&mut self.raster, list, layers, (dpr, &arcs));
            }
        }
        last
    }
}

/// The worker's answer (see [`Progressive::arrived`]).
#[cfg(feature = "files")]
enum Arrival<'a> {
    /// Its pixels, with their top-left corner in device px.
    Image(&'a web_sys::ImageData, (usize, usize)),
    /// Nothing was painted.
    Empty,
    /// It failed for these rows (device px): they are rasterised here, and later layers too.
    Failed(std::ops::Range<usize>),
}

/// The page's function that sends a large layer to its workers (`post`, see
/// [`Youcheng::set_raster_worker`]). The small module has none: its data, the shipped pairs,
/// never makes a large layer (over [`BUILD_PAIRS`] pairs), and without the exchange with the
/// workers (this and the exports that only they and their answers call) it is 17.8 KB (8.4 KB
/// gzip) smaller.
fn workers(post: &Option<js_sys::Function>) -> Option<&js_sys::Function> {
    #[cfg(feature = "files")]
    return post.as_ref();
    #[cfg(not(feature = "files"))]
    {
        let _ = post;
        None
    }
}

/// CSS px to device px, as the layer's canvases are sized.
fn device_px(css: f64, dpr: f64) -> usize {
    (css * dpr).round().max(0.0) as usize
}

/// Sends `commands` for a `size` (device px) image to the page's workers in `bands` bands of
/// about equal work → the token the page gave them; `None` when the page has no worker.
fn send(
    post: &js_sys::Function,
    commands: &crate::raster::Commands,
    (w, h): (usize, usize),
    bands: usize,
) -> Option<u32> {
    let values = js_sys::Float64Array::from(commands.values());
    let size = js_sys::Array::of2(&w.into(), &h.into());
    let cuts: Vec<u32> = commands
        .bands(h, bands)
        .into_iter()
        .map(|r| r as u32)
        .collect();
    let cuts = js_sys::Uint32Array::from(&cuts[..]);
    let token = post.call3(&JsValue::NULL, &values, &size, &cuts).ok()?;
    token.as_f64().filter(|t| *t >= 0.0).map(|t| t as u32)
}

/// What `raster` painted, put on `back` (through `scratch`).
fn put_raster(raster: &mut crate::raster::Raster, back: &Layer, scratch: &Layer, dpr: f64) {
    if let Some(image) = raster.rgba() {
        back.put_image(scratch, image, dpr);
    }
}

/// The rows `rows` of a `size` (device px) image from `commands`, rasterised here on `raster`
/// and put on `back` (through `scratch`): a list this module made always reads (one that did
/// not would leave those rows without arcs, not stop the map).
fn replay_onto(
    raster: &mut crate::raster::Raster,
    (commands, (size, rows)): (&crate::raster::Commands, RowsOf),
    (back, scratch): (&Layer, &Layer),
    (dpr, arcs): (f64, &dyn crate::raster::ArcSource),
) {
    raster.begin_rows(size.0, size.1, rows);
    let _ = crate::raster::Commands::replay(commands.values(), raster, Some(arcs));
    put_raster(raster, back, scratch, dpr);
}

/// An image's size and the rows of it wanted (device px).
type RowsOf = ((usize, usize), std::ops::Range<usize>);

/// The map's own arcs, known by the id of the copy the workers were sent (`sent`), for a list
/// made for them that is rasterised here when they cannot.
fn own_arcs(map: &MapState, sent: Option<(u64, f64)>) -> crate::map::MapArcs<'_> {
    let id = sent.map_or(f64::NAN, |(_, id)| id);
    crate::map::MapArcs { map, id }
}

/// How many of the arcs' numbers a call to `sendArcs` copies (4 MB: ~1-3 ms; the world
/// network's ~2.6 million numbers go in five pieces a worker).
#[cfg(feature = "files")]
const SHARE_PIECE: usize = 1 << 19;

/// The arcs layer is drawn in steps into a second canvas (see
/// [`crate::scene::Scene::overlay_steps`]), as many a frame as fit in [`STEP_BUDGET_MS`], while
/// the one shown holds the last complete layer, shifted to the current view; the two are swapped
/// when the new one is complete.
struct Progressive {
    back: Layer,
    /// Where the arcs' image is put before it is drawn on `back` (see [`Layer::put_image`]).
    scratch: Layer,
    /// The arcs and dots rasterised by the core (see [`crate::raster`]).
    raster: crate::raster::Raster,
    /// The page's function that sends a large layer's arcs and dots to its worker
    /// (`setRasterWorker`), and what is sent.
    post: Option<js_sys::Function>,
    /// Into how many bands of rows of about equal work the page's workers split a layer.
    bands: usize,
    /// The page's function that sends the workers the map's arcs (`setRasterWorker`), and
    /// which arcs they hold: the map's [`MapState::arcs_version`] and the page's id for them.
    #[cfg(feature = "files")]
    send_arcs: Option<js_sys::Function>,
    arcs_sent: Option<(u64, f64)>,
    /// The arcs being packed for the workers, with the map's arcs version they are of, the
    /// next worker to send them to and the first number of the next piece for it.
    #[cfg(feature = "files")]
    packing: Option<(u64, crate::map::ArcPacker, (usize, usize))>,
    commands: crate::raster::Commands,
    /// The view and content the shown layer holds.
    holds: Option<(LayerView, u64)>,
    job: Option<Job>,
}

/// A layer under way, and the view and content it is for.
struct Job {
    phase: Phase,
    target: (LayerView, u64),
}

/// Where a layer under way is: its scene being built, then drawn step by step.
enum Phase {
    Building(crate::map::LayerBuild),
    Drawing {
        scene: crate::scene::Scene,
        steps: Vec<Step>,
        /// The next of `steps`.
        next: usize,
        /// The arcs and dots go to the page's worker as [`crate::raster::Commands`] rather
        /// than to the rasteriser here.
        remote: bool,
        /// The worker's answer awaited, by the token the page gave the list it sent.
        waiting: Option<u32>,
    },
}

/// Visible pairs whose arcs are projected per building step of a layer (~4 ms in the module).
const BUILD_PAIRS: usize = 2_000;

/// Main-thread time a frame may spend on steps of a layer under way, ms (the step that crosses
/// it is finished).
const STEP_BUDGET_MS: f64 = 12.0;

impl Youcheng {
    /// A command that settled the view on a new one (a view set, a key, the end of a drag or
    /// a wheel zoom) sends the land for it to the page's worker at once, not at the next
    /// frame: drawn while the page waits for that frame, it is there for it more often than
    /// not (see [`land::LandWorker::ahead`]).
    fn land_ahead(&mut self) {
        let [l0, _] = &self.layers;
        if !l0.is_on_page() || self.app.moving() {
            return;
        }
        let now = self.app.land_key();
        let map = &self.app.map;
        self.land.ahead(now, || map.base_scene());
    }
}

#[wasm_bindgen]
impl Youcheng {
    /// A map drawing on `canvas` (sized from its CSS box), with no data yet. `land` and `arcs`:
    /// the page's canvases stacked under it (sized as it by CSS, on the ocean colour) for the
    /// cached land and arcs layers, which are then moved and faded by their style during a
    /// gesture or an emphasis instead of copied onto `canvas` each frame; without them the
    /// layers are off-screen and each frame copies them onto `canvas`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        canvas: HtmlCanvasElement,
        land: Option<HtmlCanvasElement>,
        arcs: Option<HtmlCanvasElement>,
    ) -> Result<Youcheng, JsError> {
        crate::dataset::encoding::set_gb18030_decoder(decode_gb18030);
        // On the page where the browser can show them so (see [`Layer`]), else off it.
        let on_page = (land.and_then(Layer::on_page), arcs.and_then(Layer::on_page));
        let (layers, back) = match on_page {
            (Some(land), Some(arcs)) => match Layer::offscreen() {
                Some(back) => ([land, arcs], back),
                None => ([Layer::new()?, Layer::new()?], Layer::new()?),
            },
            _ => ([Layer::new()?, Layer::new()?], Layer::new()?),
        };
        let ctx = canvas::context(&canvas)?;
        let (w, h) = (canvas.client_width(), canvas.client_height());
        let app = App::new(f64::from(w), f64::from(h));
        let arcs = Progressive {
            back,
            scratch: Layer::new()?,
            raster: crate::raster::Raster::default(),
            post: None,
            bands: 1,
            #[cfg(feature = "files")]
            send_arcs: None,
            arcs_sent: None,
            #[cfg(feature = "files")]
            packing: None,
            commands: crate::raster::Commands::default(),
            holds: None,
            job: None,
        };
        Ok(Youcheng {
            ctx,
            canvas,
            app,
            layers,
            arcs,
            last_frame: None,
            stack_ocean: None,
            top_kept: false,
            land: land::LandWorker::default(),
        })
    }

    /// A basemap to draw, or with `outlines_only` the world outlines partners are checked against:
    /// a file's bytes, the binary form (`basemap.bin`) or JSON (GeoJSON or the compact form;
    /// only with the `files` feature: the small module reads the binary form alone).
    #[wasm_bindgen(js_name = loadBasemap)]
    pub fn load_basemap(&mut self, bytes: &[u8], outlines_only: bool) -> Result<usize, JsError> {
        self.app
            .load_basemap(bytes, outlines_only)
            .map_err(|e| JsError::new(&e))
    }

    /// The basemap's attribution line.
    #[wasm_bindgen(getter)]
    pub fn attribution(&self) -> String {
        self.app.attribution().to_string()
    }

    /// The origins (`shandong.csv` or a portal's file named `name`), `countries.csv`,
    /// `groups.csv` → a load report.
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = loadReference)]
    pub fn load_reference(
        &mut self,
        s: &[u8],
        c: &[u8],
        g: &[u8],
        name: Option<String>,
    ) -> Result<JsValue, JsError> {
        let name = name.as_deref().unwrap_or("shandong.csv");
        to_js(&self.app.load_reference_named(name, s, c, g))
    }

    /// A partnerships file → a load report (`valid_rows_only`: load the rows without errors).
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = loadPartnerships)]
    pub fn load_partnerships(
        &mut self,
        file: &str,
        bytes: &[u8],
        today_unix_days: f64,
        valid_rows_only: bool,
    ) -> Result<JsValue, JsError> {
        let today = PartialDate::from_unix_days(today_unix_days as i64);
        to_js(
            &self
                .app
                .load_partnerships(file, bytes, today, valid_rows_only),
        )
    }

    /// The shipped data pre-validated (`shipped.bin`: the reference tables and the pairs at once,
    /// see `Dataset::unpack`) → a load report naming the partnerships file it was made from.
    #[wasm_bindgen(js_name = loadPacked)]
    pub fn load_packed(
        &mut self,
        file: &str,
        bytes: &[u8],
        today_unix_days: f64,
    ) -> Result<JsValue, JsError> {
        let today = PartialDate::from_unix_days(today_unix_days as i64);
        to_js(&self.app.load_packed(file, bytes, today))
    }

    /// Starts loading a partnerships file in steps (then `handle({type: 'loadStep', id, rows})`
    /// until the answer's `load.report`) → `{id, progress, report}`; the data shown stays meanwhile.
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = startLoad)]
    pub fn start_load(
        &mut self,
        file: &str,
        bytes: Vec<u8>,
        today_unix_days: f64,
        valid_rows_only: bool,
    ) -> Result<JsValue, JsError> {
        let today = PartialDate::from_unix_days(today_unix_days as i64);
        to_js(&self.app.start_load(file, bytes, today, valid_rows_only))
    }

    /// `official_totals.csv` and `about.csv`, for the shipped data only → a load report.
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = loadCoverage)]
    pub fn load_coverage(&mut self, totals: &[u8], about: &[u8]) -> Result<JsValue, JsError> {
        to_js(&self.app.load_coverage(totals, about))
    }

    /// `notes.csv` for the data shown (the shipped data's notes and sources, read when first
    /// needed) → a load report.
    #[wasm_bindgen(js_name = loadNotes)]
    pub fn load_notes(&mut self, file: &str, bytes: &[u8]) -> Result<JsValue, JsError> {
        to_js(&self.app.load_notes(file, bytes))
    }

    /// One command (`{type: 'pointerMove', id, x, y}`, …) → what changed, with the hover.
    pub fn handle(&mut self, command: JsValue) -> Result<JsValue, JsError> {
        let command = read("command", decode::command(&command))?;
        let response = self.app.handle(command);
        self.land_ahead();
        to_js(&response)
    }

    /// Everything the controls show: filter, counts, legend, choices, statistics, selection.
    pub fn snapshot(&mut self) -> Result<JsValue, JsError> {
        self.app.lay_out();
        to_js(&self.app.snapshot())
    }

    /// Draws the current state at `now_ms` (the frame's time, for the flow): the land and the
    /// arcs from their cached layers as the core plans them, then what is emphasised. True when
    /// the flow wants the next frame.
    pub fn render(&mut self, now_ms: Option<f64>) -> bool {
        let (dpr, (w, h)) = (self.app.dpr(), self.app.backing_store_px());
        if (self.canvas.width(), self.canvas.height()) != (w, h) {
            self.canvas.set_width(w); // the size of the backing store; the page sets the CSS size
            self.canvas.set_height(h);
            self.top_kept = false; // (sizing clears it)
        }
        let _ = self.ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
        let start = js_sys::Date::now();
        let map = &self.app.map;
        let key = FrameKey {
            view: LayerView::of(&map.viewport, dpr),
            content: map.content_version(),
            emphasis: map.emphasis().clone(),
        };
        // While a large arcs layer is built over frames and nothing shown changes, the canvas
        // keeps the last frame (the last complete layer, shifted to the view) and only the
        // build goes on: drawing that frame again each time cost a full-canvas copy to the
        // compositor per frame (a world network's view change spent ~40 ms of its main-thread
        // work committing identical frames).
        let quiet = !self.app.animating()
            && self.last_frame.as_ref() == Some(&key)
            && self.arcs.holds.is_some()
            && (self.arcs.job.as_ref()).is_some_and(|j| j.target == (key.view, key.content));
        let size = (map.viewport.width_css_px, map.viewport.height_css_px);
        if quiet && !self.arcs.advance(map, size, dpr, start) {
            return !self.arcs.waiting(); // the worker's image asks for the next frame
        }
        self.last_frame = Some(key);
        let (land, (arcs, alpha)) = (self.app.plan_frame(), self.app.plan_arcs());
        let (map, [l0, _]) = (&self.app.map, &self.layers);
        let ocean = Some(map.theme.ocean);
        // The layers on canvases of their own: this canvas holds only what is over them.
        let on_page = l0.is_on_page();
        // Where a shifted land layer leaves its stack uncovered, the ocean.
        if on_page && self.stack_ocean != ocean {
            self.stack_ocean = ocean;
            l0.set_stack_background(map.theme.ocean);
        }
        let now = (land, self.app.land_key(), size);
        if !on_page || !self.land.carry_out(l0, &self.ctx, now, || map.base_scene()) {
            l0.draw(&self.ctx, map, (dpr, 1.0), land, ocean, |s| {
                map.base_scene().render_base(s)
            });
        }
        let (pending, partial) = self.draw_arcs(arcs, (dpr, alpha), start);
        let flowing = self.app.animating() && now_ms.is_some();
        // What goes over the layers, unless this canvas holds it already (a pan with nothing
        // emphasised): then the canvas stays as it is.
        if let Some(top) = self.app.plan_top(self.top_kept && !partial && !flowing) {
            if on_page {
                self.ctx.clear_rect(0.0, 0.0, size.0, size.1);
                if partial {
                    self.arcs.back.show(&self.ctx, size, alpha, LandPlan::Copy);
                }
            }
            let mut surface = CanvasSurface::new(&self.ctx, size.0, size.1);
            top.render(&mut surface);
            if let Some(t) = now_ms {
                self.app.flow_scene(t).render(&mut surface);
            }
        }
        self.top_kept = on_page && !partial && !flowing;
        self.app.animating() || (pending && !self.arcs.waiting())
    }

    /// The map as the page shows it, drawn on `out` (sized as the map's canvas): the ocean, the
    /// land and arcs layers where their styles put them, then the map's canvas over them. For
    /// reading its pixels or keeping the view as an image.
    pub fn picture(&self, out: HtmlCanvasElement) -> Result<(), JsError> {
        out.set_width(self.canvas.width());
        out.set_height(self.canvas.height());
        let ctx = canvas::context(&out)?;
        let (dpr, v) = (self.app.dpr(), self.app.map.viewport);
        let size = (v.width_css_px, v.height_css_px);
        let [land, arcs] = &self.layers;
        if land.is_on_page() {
            let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
            if let Some(ocean) = self.stack_ocean {
                ctx.set_fill_style_str(&ocean.css());
                ctx.fill_rect(0.0, 0.0, size.0, size.1);
            }
            land.show_as_placed(&ctx, size);
            arcs.show_as_placed(&ctx, size);
            let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        }
        ctx.draw_image_with_html_canvas_element(&self.canvas, 0.0, 0.0)
            .map_err(|_| JsError::new("the map's canvas could not be drawn"))
    }

    /// The page's function that sends a large arcs layer's arcs and dots to its workers, in
    /// `bands` bands of rows: `post(values: Float64Array, [width, height], cuts: Uint32Array)
    /// → token` (`cuts`: the `bands + 1` rows between the bands, of about equal work; a
    /// number back, else, or on a throw, this layer and the next are rasterised here). `null`:
    /// none. `sendArcs(numbers: Float64Array, worker, from, total) → id`: copies a piece of the
    /// map's arcs (see [`ArcStore`]; `numbers`, a view of the module's memory valid only during
    /// the call, are numbers `from` on of `total`) for worker `worker` (0 to `bands − 1`, one
    /// after the other, each's pieces in order; the worker is sent them once its last piece has
    /// come) and returns the id it knows them by (a number never given before for worker 0's
    /// first piece, the same for the rest; anything else: not sent); once every worker has
    /// them, large layers name the arcs by number instead of listing their lines.
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = setRasterWorker)]
    pub fn set_raster_worker(
        &mut self,
        post: Option<js_sys::Function>,
        bands: u32,
        send_arcs: Option<js_sys::Function>,
    ) {
        self.arcs.post = post;
        self.arcs.bands = (bands as usize).clamp(1, 16);
        self.arcs.send_arcs = send_arcs;
        self.arcs.arcs_sent = None;
        self.arcs.packing = None;
    }

    /// Packs up to `pairs` more pairs of the map's arcs for the page's workers and, once all
    /// are in, sends them (`sendArcs`, see [`Youcheng::set_raster_worker`]) → whether more is
    /// to do; nothing when the data is small or they hold these arcs already. The page calls it
    /// in idle time after new data, a few thousand pairs a call: packing, copying (~20 MB at the
    /// world network) and reading them take the device's cores for a few tens of ms, which at
    /// load would delay the first frame (its layer goes as lines) and the first pointer moves.
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = shareArcs)]
    pub fn share_arcs(&mut self, pairs: u32) -> bool {
        self.arcs.share_arcs(&self.app.map, pairs as usize)
    }

    /// In the page's worker: holds the map's arcs sent as `numbers` (see
    /// [`MapState::arc_numbers`]), known as `id`, for the lists that name them
    /// ([`Youcheng::rasterize`]); an error names where they do not read.
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = setArcs)]
    pub fn set_arcs(id: f64, numbers: &[f64]) -> Result<(), JsError> {
        ARC_STORE.with(|held| {
            let mut held = held.try_borrow_mut().map_err(|_| JsError::new("busy"))?;
            *held = None; // the last arcs freed before the next are read (tens of MB each)
            *held = Some(ArcStore::from_numbers(id, numbers).map_err(|e| JsError::new(&e))?);
            Ok(())
        })
    }

    /// The worker's pixels (straight RGBA, device px, top-left at `x`, `y`) for (a band of rows
    /// of) the list sent with `token`; `image` null when nothing was painted there; `last` for
    /// the list's last answer → whether a frame should be drawn (false before the last answer,
    /// and for a layer replaced meanwhile).
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = putArcsImage)]
    pub fn put_arcs_image(
        &mut self,
        token: u32,
        image: Option<web_sys::ImageData>,
        x: u32,
        y: u32,
        last: bool,
    ) -> bool {
        let (dpr, v) = (self.app.dpr(), self.app.map.viewport);
        let size = (v.width_css_px, v.height_css_px);
        let arrival = match &image {
            Some(image) => Arrival::Image(image, (x as usize, y as usize)),
            None => Arrival::Empty,
        };
        let map = &self.app.map;
        self.arcs.arrived((token, arrival, last), map, size, dpr)
    }

    /// The worker could not rasterise the rows `y0`..`y1` (device px) of the list sent with
    /// `token`: they are rasterised here, and later layers too (the page has no worker any
    /// more) → as [`Youcheng::put_arcs_image`].
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = arcsImageFailed)]
    pub fn arcs_image_failed(&mut self, token: u32, y0: u32, y1: u32, last: bool) -> bool {
        let (dpr, v) = (self.app.dpr(), self.app.map.viewport);
        let size = (v.width_css_px, v.height_css_px);
        let rows = y0 as usize..y1 as usize;
        let arrival = (token, Arrival::Failed(rows), last);
        self.arcs.arrived(arrival, &self.app.map, size, dpr)
    }

    /// In the page's worker: rasterises the rows `y0`..`y1` of a `width` × `height` (device
    /// px) image from a list of [`crate::raster::Commands`] → `{rgba, x, y, width, height}`
    /// (`rgba` a Uint8ClampedArray of the painted part, straight RGBA; `y` in the whole
    /// image), or `null` when nothing was painted there; an error names where a list that
    /// does not read as one breaks. Bands rasterised apart make the whole image's pixels.
    #[cfg(feature = "files")]
    pub fn rasterize(
        values: &[f64],
        width: u32,
        height: u32,
        y0: u32,
        y1: u32,
    ) -> Result<JsValue, JsError> {
        thread_local! {
            static RASTER: RefCell<crate::raster::Raster> = RefCell::default();
        }
        RASTER.with(|raster| {
            let mut raster = raster.try_borrow_mut().map_err(|_| JsError::new("busy"))?;
            raster.begin_rows(width as usize, height as usize, y0 as usize..y1 as usize);
            ARC_STORE.with(|held| {
                let held = held.try_borrow().map_err(|_| JsError::new("busy"))?;
                let arcs = held.as_ref().map(|s| s as &dyn crate::raster::ArcSource);
                crate::raster::Commands::replay(values, &mut raster, arcs)
                    .map_err(|e| JsError::new(&format!("raster commands: bad value at {}", e.at)))
            })?;
            let Some(crate::raster::Image { rgba, at, size }) = raster.rgba() else {
                return Ok(JsValue::NULL);
            };
            let out = js_sys::Object::new();
            let pixels = js_sys::Uint8ClampedArray::from(rgba);
            for (key, value) in [
                ("rgba", JsValue::from(pixels)),
                ("x", at.0.into()),
                ("y", at.1.into()),
                ("width", size.0.into()),
                ("height", size.1.into()),
            ] {
                let _ = js_sys::Reflect::set(&out, &key.into(), &value);
            }
            Ok(out.into())
        })
    }

    /// The page's function that sends the land to its worker after a view change (see
    /// `www/land-worker.js`): `post(values: Float64Array, colours: string[], [width, height,
    /// dpr, cssWidth, cssHeight]) → token` (the land as [`crate::fills`] lists it; the
    /// picture's size in device px, the view's in CSS px; a number back, else, or on a throw,
    /// the land is drawn here from then on). `null`: none.
    #[wasm_bindgen(js_name = setLandWorker)]
    pub fn set_land_worker(&mut self, post: Option<js_sys::Function>) {
        self.land.post = post;
    }

    /// The worker's picture of the land for `token`, or `null` when it failed (the land is then
    /// drawn here, now and from then on). True when a frame is wanted.
    #[wasm_bindgen(js_name = putLand)]
    pub fn put_land(&mut self, token: f64, picture: Option<web_sys::ImageBitmap>) -> bool {
        let v = self.app.map.viewport;
        let now = (self.app.land_key(), (v.width_css_px, v.height_css_px));
        let [l0, _] = &self.layers;
        match self.land.arrived(l0, &self.ctx, token, picture, now) {
            land::Arrival::Shown => true,
            land::Arrival::Lost => {
                self.app.land_lost();
                true
            }
            land::Arrival::Unwanted => false,
        }
    }

    /// Whether the land's picture for the view shown is still awaited from the page's worker.
    #[wasm_bindgen(js_name = landPending)]
    pub fn land_pending(&self) -> bool {
        self.land.pending()
    }

    /// Whether the arcs layer shown is still the last complete one while a new one is drawn.
    #[wasm_bindgen(js_name = arcsPending)]
    pub fn arcs_pending(&self) -> bool {
        self.arcs.job.is_some()
    }

    /// Draws the report for `spec` (a `ReportSpec`) on `canvas`, sized by the core. The full
    /// build only: a visitor seldom exports, so the small one a default map loads goes without
    /// the reports (~7 KB gzip) and the page moves a map to the full build before its first
    /// export (`www/element.js`, `reportCore`).
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = renderReport)]
    pub fn render_report(
        &mut self,
        canvas: HtmlCanvasElement,
        spec: JsValue,
    ) -> Result<(), JsError> {
        let report = self
            .app
            .report(&read("report", decode::report_spec(&spec))?);
        let ((w, h), s) = (report.device_px(), report.scale);
        canvas.set_width(w);
        canvas.set_height(h);
        let ctx = canvas::context(&canvas)?;
        let _ = ctx.set_transform(s, 0.0, 0.0, s, 0.0, 0.0);
        let (cw, ch) = (report.width_css_px, report.height_css_px);
        report.render(&mut CanvasSurface::new(&ctx, cw, ch));
        Ok(())
    }

    /// The report for `spec` as an SVG document (the full build only, as `renderReport`).
    #[cfg(feature = "files")]
    #[wasm_bindgen(js_name = reportSvg)]
    pub fn report_svg(&mut self, spec: JsValue) -> Result<String, JsError> {
        Ok(self
            .app
            .report(&read("report", decode::report_spec(&spec))?)
            .to_svg())
    }

    /// Frames drawn and how often the land layer was redrawn or reused.
    #[wasm_bindgen(js_name = frameStats)]
    pub fn frame_stats(&self) -> Result<JsValue, JsError> {
        to_js(&self.app.frame_stats())
    }

    /// Colours (hex strings) from the page's CSS custom properties; errors name the field.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, theme: JsValue) -> Result<(), JsError> {
        let input = read("theme", decode::theme(&theme))?;
        self.app.set_theme(&input).map_err(|e| JsError::new(&e))
    }

    /// The pair `id` with every detail, or null.
    pub fn details(&self, id: &str) -> Result<JsValue, JsError> {
        to_js(&self.app.details(id))
    }

    /// The visible pairs as a CSV file's text (the CSV export; see `App::export_csv`).
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(&self) -> String {
        self.app.export_csv()
    }

    /// The visible pairs as the table view lists them (`TableColumns`: no sources or notes).
    pub fn table(&self) -> Result<JsValue, JsError> {
        to_js(&self.app.table())
    }

    /// Ids of the visible pairs, in data order.
    #[wasm_bindgen(js_name = visibleIds)]
    pub fn visible_ids(&self) -> Vec<String> {
        self.app.visible_ids()
    }

    /// `{lon, lat, zoom}` of the view's centre.
    pub fn view(&self) -> Result<JsValue, JsError> {
        to_js(&self.app.view())
    }

    /// Where a place is drawn, CSS px from the canvas's top-left (`null` if nowhere).
    pub fn project(&self, lon: f64, lat: f64) -> Result<JsValue, JsError> {
        to_js(&self.app.map.project(LonLat::new(lon, lat)))
    }

    /// The URL-hash state; `lang` and `table` are the page's.
    #[wasm_bindgen(js_name = stateHash)]
    pub fn state_hash(&self, lang: &str, table: bool) -> String {
        self.app.state_hash(lang, table)
    }

    /// Panics on purpose: the page tests prove a trapped core is replaced.
    #[wasm_bindgen(js_name = panicForTest)]
    #[allow(clippy::panic)]
    pub fn panic_for_test(&self, message: &str) {
        panic!("{message}");
    }
}
