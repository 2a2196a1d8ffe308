//! What to draw, in CSS pixels, in drawing order. Built from the map state for one frame and
//! rendered through a [`Surface`].

use crate::lines::{Lines, Polylines};
use crate::raster::Sink;
use crate::style::Rgba;
use crate::surface::{ScreenPt, Stroke, Surface, TextStyle};

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
    pub lines: Polylines,
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

/// A line of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// Where, CSS px: the left end or the centre (see [`TextStyle::centred`]), at mid-line.
    pub at: ScreenPt,
    /// The text.
    pub text: String,
    /// How it is drawn.
    pub style: TextStyle,
}

/// The Shandong inset: a framed, magnified copy of the province with its origins labelled,
/// joined to the real province by a frame and two leader lines.
#[derive(Debug, Clone, PartialEq)]
pub struct InsetItem {
    /// The inset's frame.
    pub frame: Rect,
    /// Its background (the ocean) and border.
    pub fill: Rgba,
    /// The frame's stroke, also used for the leaders.
    pub border: Stroke,
    /// The land inside, clipped to the frame.
    pub land: Vec<LandItem>,
    /// The frame round the real province and the leader lines, as polylines.
    pub leaders: Polylines,
    /// The spread origin dots.
    pub dots: Vec<DotItem>,
    /// The title and the origins' names.
    pub labels: Vec<TextItem>,
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
    /// Country names, drawn quietly on the land before the arcs.
    pub country_labels: Vec<TextItem>,
    /// Arc bundles, drawn above the land in this order.
    pub arcs: Vec<ArcBundle>,
    /// Flow dots moving along the arcs (the flow animation), drawn above the arcs and below
    /// the partner dots; empty but in the flow's own scene ([`crate::app::App::flow_scene`]).
    pub flow: Vec<DotBatch>,
    /// Partner dots, drawn above the arcs.
    pub partners: Vec<DotItem>,
    /// Markers of stacked partners (several pairs within a few pixels), above the dots.
    pub stacks: Vec<DotItem>,
    /// Shandong origin dots, drawn above the partner dots.
    pub origins: Vec<DotItem>,
    /// Partner names, stack counts and the emphasised pair's names, above the dots.
    pub labels: Vec<TextItem>,
    /// The Shandong inset, above everything but the focus ring.
    pub inset: Option<InsetItem>,
    /// Rings drawn last: the keyboard focus.
    pub rings: Vec<DotItem>,
}

impl Scene {
    /// Draws the scene: background, land, country names, arcs, partner dots and stacks, origin
    /// dots, labels, the inset, focus rings.
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
        let text = |surface: &mut dyn Surface, t: &TextItem| surface.text(t.at, &t.text, t.style);
        self.country_labels.iter().for_each(|t| text(surface, t));
        for bundle in &self.arcs {
            for batch in stroke_batches(bundle.lines.lines()) {
                surface.stroke_lines(batch, bundle.stroke);
            }
        }
        for batch in &self.flow {
            surface.squares(&batch.centres, batch.side_px, batch.fill);
        }
        // Runs of dots that look alike go to the surface together (one path on a canvas).
        dot_runs(
            surface,
            self.partners
                .iter()
                .chain(&self.stacks)
                .chain(&self.origins),
        );
        self.render_top(surface);
    }

    /// The labels, the inset and the focus rings: the top of the overlay.
    fn render_top(&self, surface: &mut dyn Surface) {
        let text = |surface: &mut dyn Surface, t: &TextItem| surface.text(t.at, &t.text, t.style);
        let dot = |surface: &mut dyn Surface, d: &DotItem| {
            surface.dot(d.centre, d.radius_px, d.fill, d.outline);
        };
        self.labels.iter().for_each(|t| text(surface, t));
        if let Some(inset) = &self.inset {
            surface.stroke_lines(inset.leaders.lines(), inset.border);
            surface.fill_rings(&[inset.frame.ring()], inset.fill, Some(inset.border));
            for land in &inset.land {
                surface.fill_rings(&land.rings, land.fill, None);
            }
            inset.dots.iter().for_each(|d| dot(surface, d));
            inset.labels.iter().for_each(|t| text(surface, t));
        }
        self.rings.iter().for_each(|d| dot(surface, d));
    }
}

/// One step of drawing a scene's overlay over several frames (see [`Scene::overlay_steps`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The country names.
    Names,
    /// These lines of arc bundle `bundle`, added to a [`crate::raster::Raster`]'s coverage, then with `paint`
    /// painted on it: after the bundle's last line, unless the next bundle has the same stroke
    /// (bundles alike are then one stroke: where their lines overlap they are painted once).
    Arcs {
        /// Which bundle of [`Scene::arcs`].
        bundle: usize,
        /// Which of its lines.
        lines: std::ops::Range<usize>,
        /// Whether the coverage so far is painted after these lines.
        paint: bool,
    },
    /// The rasterised arcs put on the drawing ([`crate::raster::Raster::rgba`]; the page does this).
    Image,
    /// The flow's dots.
    Flow,
    /// These dots of the partners, stacks and origins, counted in that order, painted on the
    /// [`crate::raster::Raster`].
    Dots(std::ops::Range<usize>),
    /// The labels, the inset and the rings.
    Rest,
}

/// Arc points per [`Step::Arcs`] and dots per [`Step::Dots`]: a few ms of rasterising each in
/// the module.
pub const STEP_POINTS: usize = 20_000;
/// See [`STEP_POINTS`].
pub const STEP_DOTS: usize = 2_000;
/// Above this many bundles, consecutive bundles of one stroke are painted as one (see
/// [`Scene::overlay_steps`]).
pub const MERGE_BUNDLES: usize = 64;

/// Whether a bundle of `stroke`, one of `drawn` bundles with lines, is painted with the `next`
/// one rather than on its own: consecutive bundles of one stroke (a network's thousands of
/// origins in the one calm hue) are painted as one, as painting each costs as much again as
/// covering it; a few bundles (Shandong's 17 cities) are painted each, as the canvas strokes
/// them, so where they cross the lines darken. The arcs layer's steps and its list by number
/// ([`crate::MapState::layer_by_number`]) both paint by this.
pub fn painted_with_next(drawn: usize, stroke: &Stroke, next: Option<&Stroke>) -> bool {
    drawn > MERGE_BUNDLES && next == Some(stroke)
}

impl Scene {
    /// The overlay as steps which, drawn in order by [`Scene::render_overlay_step`] with the
    /// arcs and dots rasterised, draw what [`Scene::render_overlay`] does: the names, the arcs
    /// in runs of about [`STEP_POINTS`] points (a bundle may span several), the dots in runs of
    /// [`STEP_DOTS`], their image, the flow, and the rest. The flow comes after the dots here,
    /// over them, not under: the cached layer this is for has no flow.
    pub fn overlay_steps(&self) -> Vec<Step> {
        let dots = self.partners.len() + self.stacks.len() + self.origins.len();
        let mut steps = vec![Step::Names];
        let drawn: Vec<(usize, &ArcBundle)> = self
            .arcs
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.lines.is_empty())
            .collect();
        for (k, &(bundle, b)) in drawn.iter().enumerate() {
            let next = drawn.get(k + 1).map(|(_, n)| &n.stroke);
            let alike = painted_with_next(drawn.len(), &b.stroke, next);
            let (mut start, mut n) = (0, 0);
            for (j, line) in b.lines.lines().iter().enumerate() {
                n += line.len();
                let last = j + 1 == b.lines.len();
                if n >= STEP_POINTS || last {
                    steps.push(Step::Arcs {
                        bundle,
                        lines: start..j + 1,
                        paint: last && !alike,
                    });
                    (start, n) = (j + 1, 0);
                }
            }
        }
        steps.extend(
            (0..dots)
                .step_by(STEP_DOTS)
                .map(|a| Step::Dots(a..(a + STEP_DOTS).min(dots))),
        );
        steps.push(Step::Image);
        steps.push(Step::Flow);
        steps.push(Step::Rest);
        steps
    }

    /// Draws one of [`Scene::overlay_steps`] on `surface`, or for [`Step::Arcs`] and
    /// [`Step::Dots`] on `raster` (at `dpr` device pixels per CSS pixel). [`Step::Image`] is the
    /// page's (it puts the raster on its canvas): nothing here.
    pub fn render_overlay_step(
        &self,
        surface: &mut dyn Surface,
        (raster, dpr): (&mut dyn Sink, f64),
        step: &Step,
    ) {
        let text = |surface: &mut dyn Surface, t: &TextItem| surface.text(t.at, &t.text, t.style);
        let dots = || {
            self.partners
                .iter()
                .chain(&self.stacks)
                .chain(&self.origins)
        };
        match step {
            Step::Names => self.country_labels.iter().for_each(|t| text(surface, t)),
            Step::Arcs {
                bundle,
                lines,
                paint,
            } => {
                let Some(b) = self.arcs.get(*bundle) else {
                    return;
                };
                for line in b.lines.get(lines.clone()).into_iter().flatten() {
                    raster.cover(line, b.stroke.width_px, dpr);
                }
                if *paint {
                    raster.paint(b.stroke.colour);
                }
            }
            Step::Image => {}
            Step::Flow => {
                for batch in &self.flow {
                    surface.squares(&batch.centres, batch.side_px, batch.fill);
                }
            }
            Step::Dots(r) => {
                for run in runs(dots().skip(r.start).take(r.len())) {
                    let ((r, fill, outline), centres) = run;
                    raster.discs(&centres, r, fill, outline, dpr);
                }
            }
            Step::Rest => self.render_top(surface),
        }
    }
}

/// Draws `dots` in order, handing runs that look alike to the surface together.
fn dot_runs<'a>(surface: &mut dyn Surface, dots: impl Iterator<Item = &'a DotItem>) {
    for ((r, fill, outline), centres) in runs(dots) {
        surface.dots(&centres, r, fill, outline);
    }
}

/// A dot's look: radius, fill and ring.
type DotStyle = (f64, Rgba, Option<Stroke>);

/// `dots` as runs of consecutive dots that look alike, with their centres.
fn runs<'a>(dots: impl Iterator<Item = &'a DotItem>) -> Vec<(DotStyle, Vec<ScreenPt>)> {
    let mut out: Vec<(DotStyle, Vec<ScreenPt>)> = Vec::new();
    for dot in dots {
        let s = (dot.radius_px, dot.fill, dot.outline);
        match out.last_mut() {
            Some((style, run)) if *style == s => run.push(dot.centre),
            _ => out.push((s, vec![dot.centre])),
        }
    }
    out
}

/// An axis-aligned rectangle in CSS pixels (`x`, `y` its top-left corner).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Rect {
    /// Left edge, CSS px from the canvas's left.
    pub x: f64,
    /// Top edge, CSS px from the canvas's top.
    pub y: f64,
    /// Width, CSS px.
    #[serde(rename = "width")]
    pub w: f64,
    /// Height, CSS px.
    #[serde(rename = "height")]
    pub h: f64,
}

impl Rect {
    /// The rectangle of width `w` and height `h` whose top-left corner is (`x`, `y`).
    pub const fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self { x, y, w, h }
    }

    /// The `w` × `h` rectangle centred on `c`.
    pub fn centred(c: ScreenPt, w: f64, h: f64) -> Self {
        Self::new(c.x - w / 2.0, c.y - h / 2.0, w, h)
    }

    /// Whether the two overlap (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Whether `p` lies inside (edges included).
    pub fn contains(&self, p: ScreenPt) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }

    /// Whether `o` lies wholly inside.
    pub fn encloses(&self, o: &Rect) -> bool {
        o.x >= self.x
            && o.y >= self.y
            && o.x + o.w <= self.x + self.w
            && o.y + o.h <= self.y + self.h
    }

    /// The rectangle grown by `d` on every side.
    pub fn grow(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// The centre.
    pub fn centre(&self) -> ScreenPt {
        ScreenPt::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// The area two rectangles share, in px².
    pub fn overlap_area(&self, o: &Rect) -> f64 {
        let w = (self.x + self.w).min(o.x + o.w) - self.x.max(o.x);
        let h = (self.y + self.h).min(o.y + o.h) - self.y.max(o.y);
        w.max(0.0) * h.max(0.0)
    }

    /// The four corners as a closed ring (for filling).
    pub fn ring(&self) -> Vec<ScreenPt> {
        vec![
            ScreenPt::new(self.x, self.y),
            ScreenPt::new(self.x + self.w, self.y),
            ScreenPt::new(self.x + self.w, self.y + self.h),
            ScreenPt::new(self.x, self.y + self.h),
        ]
    }
}

/// Most points stroked as one path. A browser strokes a path with thousands of overlapping lines
/// in more than linear time (50,000 arcs in one colour took a minute in software Chromium), so a
/// bundle that large is stroked in batches; the shipped data's bundles stay far below and are
/// stroked whole, as before.
pub const MAX_POINTS_PER_STROKE: usize = 20_000;

/// `lines` in consecutive batches of at most [`MAX_POINTS_PER_STROKE`] points (a longer single
/// line is a batch of its own).
pub fn stroke_batches(lines: Lines<'_>) -> impl Iterator<Item = Lines<'_>> {
    let mut rest = lines;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut points = 0;
        let mut n = 0;
        for line in rest {
            if n > 0 && points + line.len() > MAX_POINTS_PER_STROKE {
                break;
            }
            points += line.len();
            n += 1;
        }
        let batch = rest.get(0..n)?;
        rest = rest.get(n..rest.len())?;
        Some(batch)
    })
}

#[cfg(test)]
mod batch_tests {
    use super::*;

    #[test]
    fn small_bundles_are_one_stroke_and_large_ones_are_split_without_losing_a_line() {
        let line = |n: usize| vec![ScreenPt::new(0.0, 0.0); n];
        let small: Polylines = (0..100).map(|_| line(60)).collect();
        assert_eq!(stroke_batches(small.lines()).count(), 1);
        let large: Polylines = (0..1000).map(|_| line(70)).collect();
        let batches: Vec<_> = stroke_batches(large.lines()).collect();
        assert_eq!(
            batches.len(),
            4,
            "70,000 points in batches of at most 20,000"
        );
        assert_eq!(batches.iter().map(|b| b.len()).sum::<usize>(), 1000);
        assert!(batches
            .iter()
            .all(|b| b.point_count() <= MAX_POINTS_PER_STROKE));
        assert_eq!(
            batches.iter().flat_map(|b| b.to_vecs()).collect::<Vec<_>>(),
            large.lines().to_vecs(),
            "the lines in order"
        );
        let huge: Polylines = [line(30_000), line(5)].iter().collect();
        assert_eq!(stroke_batches(huge.lines()).count(), 2);
        assert_eq!(stroke_batches(Polylines::default().lines()).count(), 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raster::Raster;
    use crate::surface::RecordingSurface;

    fn big_scene() -> Scene {
        let stroke = Stroke {
            colour: Rgba::rgb(1, 2, 3),
            width_px: 1.0,
        };
        let line = |k: usize| -> Vec<ScreenPt> {
            (0..30)
                .map(|j| ScreenPt::new(k as f64 + 0.5, j as f64))
                .collect()
        };
        let dot = |k: usize| DotItem {
            centre: ScreenPt::new(k as f64, 1.0),
            radius_px: 2.0,
            fill: Rgba::rgb((k % 3) as u8, 0, 0),
            outline: None,
        };
        Scene {
            arcs: (0..3000)
                .map(|g| ArcBundle {
                    group: g,
                    lines: [line(g)].iter().collect(),
                    stroke,
                })
                .collect(),
            partners: (0..3000).map(dot).collect(),
            origins: (0..2500).map(dot).collect(),
            ..Scene::default()
        }
    }

    /// The scene drawn in steps: its steps, what reached the surface, and the raster.
    fn in_steps(scene: &Scene) -> (usize, Vec<crate::surface::Command>, Raster) {
        let steps = scene.overlay_steps();
        let mut s = RecordingSurface::default();
        let mut raster = Raster::default();
        raster.begin(3100, 40);
        for step in &steps {
            scene.render_overlay_step(&mut s, (&mut raster, 1.0), step);
        }
        (steps.len(), s.commands, raster)
    }

    #[test]
    fn a_scene_drawn_in_steps_draws_what_it_draws_at_once_with_the_arcs_rasterised() {
        let scene = big_scene();
        let mut once = RecordingSurface::default();
        scene.render_overlay(&mut once);
        let (n, steps, mut raster) = in_steps(&scene);
        assert!(n > 5, "{n} steps");
        let rasterised = |c: &crate::surface::Command| {
            matches!(
                c,
                crate::surface::Command::StrokeLines { .. } | crate::surface::Command::Dot { .. }
            )
        };
        once.commands.retain(|c| !rasterised(c));
        assert_eq!(
            steps, once.commands,
            "all but the arcs and dots on the surface"
        );
        // Every bundle painted: each of its 30-point lines put ink in its column; the dots (in
        // row 1, radius 2) too.
        let crate::raster::Image { rgba, at, size } = raster.rgba().expect("arcs painted");
        assert_eq!((at, size), ((0, 0), (3002, 29)));
        assert!(rgba.chunks_exact(4).filter(|p| p[3] > 0).count() >= 3000 * 28);
        let alpha = |x: usize| rgba.get((3002 + x) * 4 + 3).copied();
        assert!(
            (0..3000).all(|x| alpha(x) == Some(255)),
            "row 1 under the opaque dots"
        );
        // A bundle larger than a step is split across steps and painted once, at its end: as
        // one stroke, where its lines overlap they are painted once (and so are the 3,000
        // bundles of one stroke).
        let one = Scene {
            arcs: vec![ArcBundle {
                lines: (scene.arcs.iter())
                    .flat_map(|b| b.lines.lines().iter())
                    .collect(),
                ..scene.arcs[0].clone()
            }],
            ..Scene::default()
        };
        let steps = one.overlay_steps();
        let arcs = steps
            .iter()
            .filter(|s| matches!(s, Step::Arcs { .. }))
            .count();
        assert_eq!(arcs, 3000 * 30 / STEP_POINTS + 1, "{steps:?}");
        let (_, _, mut split) = in_steps(&one);
        let mut whole = Raster::default();
        whole.begin(3100, 40);
        for line in one.arcs[0].lines.lines() {
            whole.cover(line, 1.0, 1.0);
        }
        Sink::paint(&mut whole, one.arcs[0].stroke.colour);
        let image = |r: &mut Raster| r.rgba().map(|i| (i.rgba.to_vec(), i.at, i.size));
        assert!(
            image(&mut split) == image(&mut whole),
            "split: as painted whole"
        );
    }

    #[test]
    fn a_few_bundles_of_one_stroke_are_painted_each_so_their_crossings_darken() {
        let stroke = Stroke {
            colour: Rgba::rgb(10, 20, 30).with_alpha(100),
            width_px: 1.0,
        };
        let line: Vec<ScreenPt> = (0..30).map(|j| ScreenPt::new(5.5, j as f64)).collect();
        let bundles = |n: usize| Scene {
            arcs: (0..n)
                .map(|g| ArcBundle {
                    group: g,
                    lines: [&line].into_iter().collect(),
                    stroke,
                })
                .collect(),
            ..Scene::default()
        };
        let alpha = |scene: &Scene| {
            let mut raster = Raster::default();
            raster.begin(12, 40);
            for step in &scene.overlay_steps() {
                scene.render_overlay_step(
                    &mut RecordingSurface::default(),
                    (&mut raster, 1.0),
                    step,
                );
            }
            let crate::raster::Image { rgba, at, size } = raster.rgba().expect("painted");
            let (x, y) = (5 - at.0, 10 - at.1);
            rgba[(y * size.0 + x) * 4 + 3]
        };
        let (one, two) = (alpha(&bundles(1)), alpha(&bundles(2)));
        assert_eq!(one, 100);
        assert!(two > one, "two bundles on one line: {two} vs {one}");
        // Past MERGE_BUNDLES, bundles alike are one stroke: the line painted once.
        assert_eq!(alpha(&bundles(MERGE_BUNDLES + 1)), one);
    }
}
