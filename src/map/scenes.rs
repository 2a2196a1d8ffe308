//! The scenes of a frame: the base layer (background and land) and the overlay (arcs, dots
//! and the focus ring), in CSS pixels for the current view.

use super::MapState;
use crate::dataset::Partnership;
use crate::geometry::WorldXY;
use crate::hit::Target;
use crate::lines::Polylines;
use crate::raster::{Commands, Sink};
use crate::scene::{ArcBundle, DotItem, LandItem, Rect, Scene};
use crate::style::{ColourBy, Rgba};
use crate::surface::{Stroke, Surface};
use crate::viewport::{ScreenPt, ScreenTransform};

/// The floor of the density factor for the width of arcs at rest, reached at 500 visible arcs
/// (the alpha's floor, [`MapState::density`], is 0.45, reached at about 400).
const DENSE_WIDTH_FLOOR: f64 = 0.4;

use youcheng_kernels::lod::may_show;
pub(super) use youcheng_kernels::lod::{outside, push_arc_lines, screen_extent, CULL_MARGIN_PX};

/// `points` on the screen with each point closer than `tol` (CSS px) to the last one kept left
/// out (the last point is always kept), and the bounds of all of them: `[x0, y0, x1, y1]`.
fn screen_points(tf: &ScreenTransform, points: &[WorldXY], tol: f64) -> (Vec<ScreenPt>, [f64; 4]) {
    let mut out = Vec::with_capacity(points.len().min(64));
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let tol2 = tol * tol;
    let last = points.len().saturating_sub(1);
    for (k, p) in points.iter().enumerate() {
        let s = tf.apply(*p);
        (x0, y0, x1, y1) = (x0.min(s.x), y0.min(s.y), x1.max(s.x), y1.max(s.y));
        let far = out
            .last()
            .is_none_or(|q: &ScreenPt| (s.x - q.x).powi(2) + (s.y - q.y).powi(2) >= tol2);
        if far || k == last {
            out.push(s);
        }
    }
    (out, [x0, y0, x1, y1])
}

/// A bundle's emphasis level and colour group.
type BundleKey = (u8, usize);

/// A bundle in drawing order (see [`cased_order`]).
enum InOrder<T> {
    /// The casing under what stands out, before its first bundle.
    Casing(BundleKey),
    Bundle(BundleKey, T),
}

/// `bundles` (by emphasis level and colour group) in drawing order: dimmed ones first, then by
/// group, and the casing of what stands out (level 2) before the first of its bundles.
fn cased_order<T>(mut bundles: Vec<(BundleKey, T)>) -> Vec<InOrder<T>> {
    crate::sort::sort_by(&mut bundles, |(a, _), (b, _)| a.cmp(b));
    let mut out = Vec::with_capacity(bundles.len() + 1);
    let mut cased = false;
    for (key, b) in bundles {
        if key.0 == 2 && !cased {
            cased = true;
            out.push(InOrder::Casing(key));
        }
        out.push(InOrder::Bundle(key, b));
    }
    out
}

/// Arc bundles under way: each with its emphasis level, and where each (level, colour group)'s
/// bundle is.
#[derive(Debug, Default)]
struct Bundles {
    list: Vec<(u8, ArcBundle)>,
    /// foldhash, not std's SipHash: looked up once per arc (25,000 at a world network).
    slot: foldhash::HashMap<(u8, usize), usize>,
}

/// Each pair's arc on the screen at one view (its lines in CSS px, after the level of detail,
/// simplification and culling of [`push_screen_line`]): made when the arcs layer is built a
/// second time at a view, and kept until the view or the data changes.
#[derive(Debug, Default)]
pub(super) struct ScreenArcs {
    /// The view they were made for: the transform's scale and offsets, the canvas's size.
    view: Option<[f64; 5]>,
    /// Per pair (data order): which of `made` are its lines, once made.
    lines: Vec<Option<std::ops::Range<usize>>>,
    /// The lines made so far, pair after pair.
    made: Polylines,
}

/// Where the map keeps its [`ScreenArcs`]: behind a lock, as scenes are built from a shared
/// map; a copy of the map starts without them.
#[derive(Debug, Default)]
pub(super) struct ScreenArcsCell(std::sync::Mutex<ScreenArcs>);

impl Clone for ScreenArcsCell {
    fn clone(&self) -> Self {
        Self::default()
    }
}

/// The arcs layer's scene under way (see [`MapState::layer_build`]).
#[derive(Debug)]
pub struct LayerBuild {
    /// All but the arcs.
    scene: Scene,
    arcs: Bundles,
    /// How many visible pairs' arcs are in.
    next: usize,
    /// The view is the last build's: the arcs' lines on the screen are kept (and copied) for
    /// the next build. At a new view they go straight into the scene.
    keep: bool,
}

impl MapState {
    /// The base layer (background and land) for the current view.
    pub fn base_scene(&self) -> Scene {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let v = &self.viewport;
        // Rings wholly off the canvas are left out, and the land's vertices closer than
        // `LAND_TOLERANCE_PX` to the last one kept (the basemap's 11,693 vertices are mostly
        // under a pixel apart at the first view). China's marks (its islands and the South China
        // Sea line) are drawn whole.
        let canvas = Rect::new(0.0, 0.0, v.width_css_px, v.height_css_px).grow(2.0);
        let item = |shape: &super::ProjectedShape| LandItem {
            rings: shape
                .rings
                .iter()
                .filter_map(|ring| {
                    let tol = if shape.is_mark {
                        0.0
                    } else {
                        LAND_TOLERANCE_PX
                    };
                    screen_ring(ring, &tf, tol, canvas)
                })
                .collect(),
            fill: if shape.is_china { t.china } else { t.land },
        };
        let (marks, land): (Vec<_>, Vec<_>) = self.land.iter().partition(|s| s.is_mark);
        Scene {
            background: Some(t.ocean),
            land: land.into_iter().map(item).collect(),
            border: Some(Stroke {
                colour: t.border,
                width_px: 0.6,
            }),
            marks: marks.into_iter().map(item).collect(),
            mark_stroke: Some(Stroke {
                colour: t.marks,
                width_px: t.marks_width_px,
            }),
            ..Scene::default()
        }
    }

    /// Arcs, dots, stacks, labels, the inset and focus rings for the current state (no
    /// background or land), with the stacks, labels and inset of the last settled view.
    pub fn overlay_scene(&self) -> Scene {
        let dimming = self.any_emphasis();
        let layout = self.layout();
        let (country_labels, labels) = self.label_items(&layout, dimming, true);
        let inset = self.inset_item(&layout);
        let rings = self.focus_rings(inset.is_some().then_some(&layout));
        Scene {
            country_labels,
            arcs: self.arc_bundles(dimming),
            partners: self.partner_items(dimming, &layout),
            stacks: self.stack_items(dimming, &layout),
            origins: self.origin_items(),
            labels,
            inset,
            rings,
            ..Scene::default()
        }
    }

    /// The arcs layer, cached between frames (see [`crate::app::layer::ArcsLayer`]): country
    /// names, every visible arc, partner dot, stack and origin at rest, and the partner names of
    /// the last settled view, as if nothing were emphasised. What changes with hover, focus and
    /// selection is drawn over it by [`MapState::emphasis_scene`].
    pub fn layer_scene(&self) -> Scene {
        let mut build = self.layer_build();
        loop {
            if let Some(scene) = self.layer_build_step(&mut build, usize::MAX) {
                return scene;
            }
        }
    }

    /// [`MapState::layer_scene`] to be built a run of arcs at a time by
    /// [`MapState::layer_build_step`] (at the world network's 25,000 arcs, projecting them all
    /// is ~50 ms in the module): what is not arcs is built here.
    pub fn layer_build(&self) -> LayerBuild {
        let keep = self.same_layer_view();
        LayerBuild {
            scene: self.layer_without_arcs(),
            arcs: Bundles::default(),
            next: 0,
            keep,
        }
    }

    /// The arcs layer's scene but its arcs.
    fn layer_without_arcs(&self) -> Scene {
        let layout = self.layout();
        let (country_labels, labels) = self.label_items(&layout, false, false);
        Scene {
            country_labels,
            partners: self.partner_items_of(false, &layout, &self.visible),
            stacks: self.stack_items(false, &layout),
            origins: self.origin_items_where(|_| true),
            labels,
            ..Scene::default()
        }
    }

    /// The arcs layer for a rasteriser that holds the map's arcs (a page's worker sent them as
    /// an [`super::ArcStore`] with id `arcs`): its arcs added to `commands` by number — the view,
    /// then each bundle of [`MapState::layer_scene`] as its pairs and its paint, what stands out
    /// cased as lines — and the rest of the layer returned as a scene without arcs, drawn after
    /// them as usual. A few thousand numbers instead of the lines' points, and no projecting
    /// here: at the world network, ~25 ms of a view change's main-thread work moves to the
    /// workers. Bundles are merged and painted as [`crate::scene::Scene::overlay_steps`] does,
    /// with "drawn" meaning that one of its arcs' extents reaches the canvas.
    pub fn layer_by_number(&self, commands: &mut Commands, arcs: f64, dpr: f64) -> Scene {
        let tf = self.viewport.transform();
        let (w, h) = (self.viewport.width_css_px, self.viewport.height_css_px);
        let clip = [0.0, 0.0, w, h];
        // A pair's extent on the screen, when it may show there.
        let extent = |i: u32| {
            let b = self.arc_bounds.get(i as usize)?;
            screen_extent(&tf, b).filter(|e| !outside(*e, CULL_MARGIN_PX, clip))
        };
        // Per bundle (as `bundle_of` makes them): its pairs, whether one of them may show.
        let mut slot = foldhash::HashMap::<BundleKey, usize>::default();
        let mut bundles: Vec<(BundleKey, (Vec<u32>, bool))> = Vec::new();
        for &i in &self.visible {
            let arc = self.arcs.get(i).filter(|a| !a.is_empty());
            let Some(key) = arc.and(self.bundle_key(i, false)) else {
                continue;
            };
            let k = *slot.entry(key).or_insert_with(|| {
                bundles.push((key, (Vec::new(), false)));
                bundles.len() - 1
            });
            if let Some((_, (pairs, shows))) = bundles.get_mut(k) {
                pairs.push(i as u32);
                *shows |= (self.arc_bounds.get(i)).is_some_and(|b| may_show(&tf, b, clip));
            }
        }
        // What is drawn, in order: the bundles with a pair that may show, the casing of what
        // stands out (when it has lines).
        enum Content {
            Pairs(Vec<u32>),
            Lines(Polylines),
        }
        let order = cased_order(bundles);
        let mut drawn: Vec<(Stroke, Content)> = Vec::with_capacity(order.len());
        for b in order {
            match b {
                InOrder::Casing(_) => {
                    let lines = self.emphasised_lines(&self.visible);
                    if !lines.is_empty() {
                        drawn.push((self.casing(), Content::Lines(lines)));
                    }
                }
                InOrder::Bundle(key, (pairs, true)) => {
                    drawn.push((self.bundle_stroke(key), Content::Pairs(pairs)));
                }
                InOrder::Bundle(..) => {}
            }
        }
        commands.view(arcs, &tf, (w, h), dpr);
        for (k, (stroke, content)) in drawn.iter().enumerate() {
            match content {
                Content::Pairs(pairs) => commands.arcs(pairs, stroke.width_px, dpr, extent),
                Content::Lines(lines) => {
                    for line in lines.lines().iter() {
                        Sink::cover(commands, line, stroke.width_px, dpr);
                    }
                }
            }
            let next = drawn.get(k + 1).map(|(s, _)| s);
            if !crate::scene::painted_with_next(drawn.len(), stroke, next) {
                Sink::paint(commands, stroke.colour);
            }
        }
        self.layer_without_arcs()
    }

    /// Adds the arcs of up to `pairs` more visible pairs to `build`; the scene once all are in.
    pub fn layer_build_step(&self, build: &mut LayerBuild, pairs: usize) -> Option<Scene> {
        let end = build.next.saturating_add(pairs).min(self.visible.len());
        let run = self.visible.get(build.next..end).unwrap_or_default();
        if build.keep {
            self.add_layer_arcs(&mut build.arcs, run);
        } else {
            self.add_arcs(&mut build.arcs, run, false);
        }
        build.next = end;
        (end >= self.visible.len()).then(|| Scene {
            arcs: self.finish_bundles(std::mem::take(&mut build.arcs), &self.visible),
            ..std::mem::take(&mut build.scene)
        })
    }

    /// What is drawn over the arcs layer each frame: the emphasised arcs (cased), dots, stacks
    /// and origins, the emphasised pair's names, the Shandong inset and the focus ring. With
    /// this, the layer is drawn at [`MapState::layer_alpha`].
    pub fn emphasis_scene(&self) -> Scene {
        // One pass over the visible pairs finds those that stand out; the rest of the scene is
        // built from them alone (at a world network, 25,000 pairs and a handful emphasised).
        let lit = self.emphasised_visible();
        let dimming = !lit.is_empty();
        let layout = self.layout();
        // The origins of what is emphasised stay bright; the rest are in the dimmed layer.
        let mut bright = vec![
            false;
            if dimming {
                self.dataset.cities().len()
            } else {
                0
            }
        ];
        for &i in &lit {
            if let Some(b) = self
                .dataset
                .partnerships
                .get(i)
                .and_then(|p| bright.get_mut(p.city))
            {
                *b = true;
            }
        }
        // The stacks holding an emphasised pair stay bright over the dimmed layer, with their
        // counts (the layer's are dimmed with it).
        let mut stack_lit = vec![false; if dimming { layout.stacks.len() } else { 0 }];
        for &i in &lit {
            if let Some(s) = layout.stack_index(i).and_then(|s| stack_lit.get_mut(s)) {
                *s = true;
            }
        }
        let lit_stacks: Vec<&super::Stack> = (layout.stacks.iter().zip(&stack_lit))
            .filter(|(s, &on)| on && s.members.len() > 1)
            .map(|(s, _)| s)
            .collect();
        let stacks = lit_stacks
            .iter()
            .map(|s| self.stack_item(s, true))
            .collect();
        let mut labels = if dimming {
            self.forced_label_items()
        } else {
            Vec::new()
        };
        labels.extend(lit_stacks.iter().map(|s| {
            let at = self.viewport.transform().apply(s.at);
            self.stack_count_item(at, s.members.len())
        }));
        let inset = self.inset_item(&layout);
        let rings = self.focus_rings(inset.is_some().then_some(&layout));
        Scene {
            arcs: self.arc_bundles_of(dimming, &lit),
            partners: self.partner_items_of(dimming, &layout, &lit),
            stacks,
            origins: self.origin_items_where(|k| bright.get(k).copied().unwrap_or(false)),
            labels,
            inset,
            rings,
            ..Scene::default()
        }
    }

    /// How opaque the cached arcs layer is drawn: 1, or when something is emphasised the ratio
    /// that turns an arc at rest into a dimmed one.
    pub fn layer_alpha(&self) -> f64 {
        if self.any_emphasis() {
            f64::from(self.theme.dim_alpha) / f64::from(self.rest_arc().0.max(1))
        } else {
            1.0
        }
    }

    /// How much quieter arcs at rest are drawn because there are many: 1 for up to 80 visible
    /// arcs, down to 0.45 for about 400 and more (alpha and width scale with it).
    pub fn density(&self) -> f64 {
        (80.0 / self.visible.len().max(1) as f64)
            .sqrt()
            .clamp(0.45, 1.0)
    }

    /// The alpha and width of an arc at rest (neither dimmed nor emphasised) at this density.
    /// The width keeps thinning a little past the alpha's floor, to 0.7 of the theme's from
    /// 500 visible arcs (0.98 CSS px at the default 1.4): a line no wider than a device pixel is
    /// stroked as a hairline, several times faster in a software canvas than a wider one (whose
    /// outline is filled), and at that density one pixel is what an arc reads as anyway.
    pub fn rest_arc(&self) -> (u8, f64) {
        let f = self.density();
        let thin = (80.0 / self.visible.len().max(1) as f64)
            .sqrt()
            .clamp(DENSE_WIDTH_FLOOR, 1.0);
        let t = &self.theme;
        (
            (f64::from(t.arc_alpha) * f).round() as u8,
            t.arc_width_px * (0.5 + 0.5 * thin),
        )
    }

    /// Whether arcs at rest take the one calm hue: colouring by Shandong side with more than
    /// four sides shown (17 hues on arcs read as a hairball; the sides' colours stay on the dots
    /// and on an arc that stands out).
    pub fn calm_arcs(&self) -> bool {
        self.colour_by == ColourBy::City && self.visible_origins.len() > 4
    }

    /// Emphasis level of pair `i`: 0 dimmed, 1 normal, 2 emphasised; drawn in that order.
    fn level(&self, i: usize, p: &Partnership, dimming: bool) -> u8 {
        if self.emphasised(i, p) {
            2
        } else if dimming {
            0
        } else {
            1
        }
    }

    /// The stroke of an arc of `colour` at emphasis level `lv`.
    fn arc_stroke(&self, lv: u8, colour: Rgba) -> Stroke {
        let t = &self.theme;
        let (alpha, width_px) = self.rest_arc();
        let calm = if self.calm_arcs() { t.calm_arc } else { colour };
        match lv {
            0 => Stroke {
                colour: calm.with_alpha(t.dim_alpha),
                width_px,
            },
            1 => Stroke {
                colour: calm.with_alpha(alpha),
                width_px,
            },
            _ => Stroke {
                colour,
                width_px: t.highlight_width_px,
            },
        }
    }

    /// The visible arcs, one bundle per emphasis level and colour group, dimmed ones first,
    /// what stands out cased. Level of detail: each line is simplified to within
    /// [`youcheng_kernels::lod::SIMPLIFY_TOLERANCE_PX`] (its points' precomputed importance against the view's
    /// scale), and lines wholly off the canvas are left out, so a frame's work follows what
    /// can be seen, not the number of points in the data.
    fn arc_bundles(&self, dimming: bool) -> Vec<ArcBundle> {
        self.arc_bundles_of(dimming, &self.visible)
    }

    /// As [`MapState::arc_bundles`], for `pairs` (visible ones, in visible order).
    fn arc_bundles_of(&self, dimming: bool, pairs: &[usize]) -> Vec<ArcBundle> {
        let mut bundles = Bundles::default();
        self.add_arcs(&mut bundles, pairs, dimming);
        self.finish_bundles(bundles, pairs)
    }

    /// Adds the arcs of `pairs` to their bundles (see [`MapState::arc_bundles`]).
    fn add_arcs(&self, bundles: &mut Bundles, pairs: &[usize], dimming: bool) {
        let tf = self.viewport.transform();
        let size = (self.viewport.width_css_px, self.viewport.height_css_px);
        for &i in pairs {
            let Some(arc) = self.arcs.get(i).filter(|a| !a.is_empty()) else {
                continue;
            };
            if let Some(out) = self.bundle_of(bundles, i, dimming) {
                self.push_screen_arc(out, i, arc, &tf, size);
            }
        }
    }

    /// Adds pair `i`'s `arc` to `out` in CSS px at transform `tf` on a canvas of `size` (see
    /// [`push_arc_lines`]).
    fn push_screen_arc(
        &self,
        out: &mut Polylines,
        i: usize,
        arc: &[Vec<WorldXY>],
        tf: &ScreenTransform,
        (w, h): (f64, f64),
    ) {
        let (Some(lod), Some(bounds)) = (self.arc_lod.get(i), self.arc_bounds.get(i)) else {
            return;
        };
        let lines = arc
            .iter()
            .map(Vec::as_slice)
            .zip(lod.iter().map(Vec::as_slice));
        push_arc_lines(out, (lines, bounds), tf, [0.0, 0.0, w, h]);
    }

    /// Whether the arcs layer was last built for this view (and these arcs): then its lines on
    /// the screen are worth keeping. At a new view, what was kept is dropped.
    fn same_layer_view(&self) -> bool {
        let tf = self.viewport.transform();
        let (x, y) = tf.offset();
        let (w, h) = (self.viewport.width_css_px, self.viewport.height_css_px);
        let view = [tf.scale(), x, y, w, h];
        let mut kept = self.kept_lines();
        if kept.view == Some(view) && kept.lines.len() == self.arcs.len() {
            return true;
        }
        kept.view = Some(view);
        kept.lines.clear();
        kept.lines.resize(self.arcs.len(), None);
        kept.made.clear();
        false
    }

    fn kept_lines(&self) -> std::sync::MutexGuard<'_, ScreenArcs> {
        self.screen_arcs
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// [`MapState::add_arcs`] for the arcs layer built again at the same view (every pair at
    /// rest), with each pair's lines on the screen kept ([`ScreenArcs`]): a filter, colour or
    /// timeline change copies them instead of projecting and simplifying every arc again (at
    /// the world network, ~30 ms of a filter change in the module).
    fn add_layer_arcs(&self, bundles: &mut Bundles, pairs: &[usize]) {
        let tf = self.viewport.transform();
        let size = (self.viewport.width_css_px, self.viewport.height_css_px);
        let mut kept = self.kept_lines();
        let ScreenArcs { lines, made, .. } = &mut *kept;
        for &i in pairs {
            let (Some(arc), Some(slot)) = (self.arcs.get(i), lines.get_mut(i)) else {
                continue;
            };
            if arc.is_empty() {
                continue;
            }
            let range = slot.get_or_insert_with(|| {
                let first = made.len();
                self.push_screen_arc(made, i, arc, &tf, size);
                first..made.len()
            });
            if let (Some(out), Some(lines)) =
                (self.bundle_of(bundles, i, false), made.get(range.clone()))
            {
                out.extend(lines);
            }
        }
    }

    /// The lines of the bundle pair `i`'s arc goes to: that of its colour group and emphasis
    /// level, made if it is the first.
    fn bundle_of<'b>(
        &self,
        bundles: &'b mut Bundles,
        i: usize,
        dimming: bool,
    ) -> Option<&'b mut Polylines> {
        let (lv, group) = self.bundle_key(i, dimming)?;
        let k = match bundles.slot.get(&(lv, group)) {
            Some(&k) => k,
            None => {
                bundles.slot.insert((lv, group), bundles.list.len());
                bundles.list.push((
                    lv,
                    ArcBundle {
                        group,
                        lines: Polylines::default(),
                        stroke: self.bundle_stroke((lv, group)),
                    },
                ));
                bundles.list.len() - 1
            }
        };
        bundles.list.get_mut(k).map(|(_, bundle)| &mut bundle.lines)
    }

    /// The bundle pair `i`'s arc goes to: its emphasis level and colour group.
    fn bundle_key(&self, i: usize, dimming: bool) -> Option<BundleKey> {
        let p = self.dataset.partnerships.get(i)?;
        Some((self.level(i, p, dimming), self.colour_group(p)))
    }

    /// The stroke of the bundle of emphasis level `lv` and colour group `group`.
    fn bundle_stroke(&self, (lv, group): BundleKey) -> Stroke {
        self.arc_stroke(lv, self.group_colour(group))
    }

    /// The bundles of `pairs`' arcs in drawing order, dimmed ones first, what stands out cased.
    fn finish_bundles(&self, bundles: Bundles, pairs: &[usize]) -> Vec<ArcBundle> {
        let bundles = bundles.list.into_iter().map(|(lv, b)| ((lv, b.group), b));
        let order = cased_order(bundles.collect());
        let mut out = Vec::with_capacity(order.len());
        for b in order {
            out.push(match b {
                InOrder::Casing((_, group)) => ArcBundle {
                    group,
                    lines: self.emphasised_lines(pairs),
                    stroke: self.casing(),
                },
                InOrder::Bundle(_, b) => b,
            });
        }
        out
    }

    /// What stands out gets a casing in the ocean's colour, so it reads above the rest.
    fn casing(&self) -> Stroke {
        Stroke {
            colour: self.theme.ocean.with_alpha(170),
            width_px: self.theme.highlight_width_px + 2.5,
        }
    }

    /// The lines of the arcs of `pairs` that stand out, in CSS px. A hover frame passes the
    /// pairs that stand out (a handful), so the visible ones are not looked through again.
    fn emphasised_lines(&self, pairs: &[usize]) -> Polylines {
        let tf = self.viewport.transform();
        let mut out = Polylines::default();
        let lines = (pairs.iter())
            .filter(|&&i| self.emphasised_index(i))
            .filter_map(|&i| self.arcs.get(i))
            .flatten();
        for line in lines {
            out.push_if(line.iter().map(|w| tf.apply(*w)), |_| true);
        }
        out
    }

    /// The visible partner dots not drawn as part of a stack (an emphasised one always is
    /// drawn), dimmed ones first and emphasised ones last.
    fn partner_items(&self, dimming: bool, layout: &super::Layout) -> Vec<DotItem> {
        self.partner_items_of(dimming, layout, &self.visible)
    }

    /// As [`MapState::partner_items`], for `pairs` (visible ones, in visible order).
    fn partner_items_of(
        &self,
        dimming: bool,
        layout: &super::Layout,
        pairs: &[usize],
    ) -> Vec<DotItem> {
        let t = &self.theme;
        let mut partners: Vec<(u8, DotItem)> = self
            .partner_dots_of(pairs)
            .filter_map(|(i, centre)| {
                let p = self.dataset.partnerships.get(i)?;
                let lv = self.level(i, p, dimming);
                let stacked = layout.stack_of(i).is_some_and(|s| s.members.len() > 1);
                if stacked && lv < 2 {
                    return None;
                }
                let fill = self.group_colour(self.colour_group(p));
                Some((
                    lv,
                    DotItem {
                        centre,
                        radius_px: if lv == 2 {
                            t.partner_radius_px + 1.0
                        } else {
                            t.partner_radius_px
                        },
                        fill: if lv == 0 {
                            fill.with_alpha(t.dim_alpha * 2)
                        } else {
                            fill
                        },
                        outline: (lv == 2).then_some(Stroke {
                            colour: t.origin_stroke,
                            width_px: 1.0,
                        }),
                    },
                ))
            })
            .collect();
        crate::sort::sort_by(&mut partners, |(a, _), (b, _)| a.cmp(b));
        partners.into_iter().map(|(_, d)| d).collect()
    }

    /// The fill of Shandong key `k`'s origin dot.
    pub(super) fn origin_colour(&self, k: usize) -> Rgba {
        match self.colour_by {
            ColourBy::City => self.theme.city_colour(k),
            _ => self.theme.city_colour(0),
        }
    }

    /// The origin dots in use.
    fn origin_items(&self) -> Vec<DotItem> {
        self.origin_items_where(|_| true)
    }

    /// The origin dots in use that `take` accepts.
    fn origin_items_where(&self, take: impl Fn(usize) -> bool) -> Vec<DotItem> {
        let t = &self.theme;
        self.origin_dots()
            .filter(|(k, _)| take(*k))
            .map(|(k, centre)| DotItem {
                centre,
                radius_px: t.origin_radius_px,
                fill: self.origin_colour(k),
                outline: Some(Stroke {
                    colour: t.origin_stroke,
                    width_px: 1.5,
                }),
            })
            .collect()
    }

    /// The ring around the keyboard focus, if any (round an origin's inset dot while the
    /// inset is shown).
    fn focus_rings(&self, inset: Option<&super::Layout>) -> Vec<DotItem> {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let in_inset = |k: usize| {
            inset
                .and_then(|l| l.inset.as_ref())
                .and_then(|i| i.cities.iter().find(|c| c.city == k))
                .map(|c| (c.dot, 11.0))
        };
        let focus_at = match self.emphasis.focus {
            Some(Target::Origin(k)) => in_inset(k).or_else(|| {
                self.origin_xy
                    .get(k)
                    .copied()
                    .flatten()
                    .map(|w| (tf.apply(w), t.origin_radius_px + 4.0))
            }),
            Some(Target::Arc(i) | Target::Partner(i)) => self
                .partner_xy
                .get(i)
                .copied()
                .flatten()
                .map(|w| (tf.apply(w), t.partner_radius_px + 5.0)),
            None => None,
        };
        focus_at
            .map(|(centre, r)| DotItem {
                centre,
                radius_px: r,
                fill: t.focus_ring.with_alpha(0),
                outline: Some(Stroke {
                    colour: t.focus_ring,
                    width_px: 2.5,
                }),
            })
            .into_iter()
            .collect()
    }

    /// The whole frame for the current state.
    pub fn scene(&self) -> Scene {
        let base = self.base_scene();
        Scene {
            background: base.background,
            land: base.land,
            border: base.border,
            marks: base.marks,
            mark_stroke: base.mark_stroke,
            ..self.overlay_scene()
        }
    }

    /// Draws the whole frame on `surface`.
    pub fn render(&self, surface: &mut dyn Surface) {
        self.scene().render(surface);
    }
}

/// A land vertex closer than this (CSS px) to the last one kept is not drawn.
pub const LAND_TOLERANCE_PX: f64 = 0.5;

/// `ring` on the screen with [`screen_points`]' tolerance `tol` (a ring left with fewer than
/// four vertices is drawn whole, so a small island keeps its shape); `None` when it lies wholly
/// outside `canvas`.
fn screen_ring(
    ring: &[WorldXY],
    tf: &ScreenTransform,
    tol: f64,
    canvas: Rect,
) -> Option<Vec<ScreenPt>> {
    let (mut out, [x0, y0, x1, y1]) = screen_points(tf, ring, tol);
    if out.len() < 4 && ring.len() >= 4 {
        out = ring.iter().map(|w| tf.apply(*w)).collect();
    }
    let bounds = Rect::new(x0, y0, x1 - x0, y1 - y0);
    (!out.is_empty() && (canvas.overlaps(&bounds) || canvas.encloses(&bounds))).then_some(out)
}

#[cfg(test)]
mod tests {
    use crate::surface::ScreenPt;

    fn pt(x: f64, y: f64) -> ScreenPt {
        ScreenPt { x, y }
    }

    // Douglas–Peucker on a line, as each view did before the points' importance was
    // precomputed: the reference for `importance`.
    /// `line` with the points that lie within `tol` of the segment between their kept neighbours
    /// left out (Douglas–Peucker): a great-circle arc across the world view keeps about one point
    /// in six of its 0.75 px steps, and the canvas strokes that many fewer segments.
    fn simplify(line: Vec<crate::surface::ScreenPt>, tol: f64) -> Vec<crate::surface::ScreenPt> {
        let n = line.len();
        let (Some(&start), Some(&end)) = (line.first(), line.last()) else {
            return line;
        };
        if n <= 2 {
            return line;
        }
        // Whether each point is kept; the ends always are.
        let mut keep: Vec<bool> = (0..n).map(|k| k == 0 || k == n - 1).collect();
        let mut spans = vec![((0, start), (n - 1, end))];
        while let Some(((a, pa), (b, pb))) = spans.pop() {
            let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
            let len2 = dx * dx + dy * dy;
            // The farthest point from the segment a–b (from a itself when a and b coincide).
            let mut far = (tol * tol, None);
            for (k, p) in line.iter().enumerate().take(b).skip(a + 1) {
                let (px, py) = (p.x - pa.x, p.y - pa.y);
                let d2 = if len2 > 0.0 {
                    (px * dy - py * dx).powi(2) / len2
                } else {
                    px * px + py * py
                };
                if d2 > far.0 {
                    far = (d2, Some((k, *p)));
                }
            }
            if let Some((k, p)) = far.1 {
                if let Some(x) = keep.get_mut(k) {
                    *x = true;
                }
                spans.push(((a, pa), (k, p)));
                spans.push(((k, p), (b, pb)));
            }
        }
        line.into_iter()
            .zip(keep)
            .filter_map(|(p, k)| k.then_some(p))
            .collect()
    }

    #[test]
    fn keeping_the_points_above_a_tolerance_is_douglas_peucker_at_that_tolerance() {
        use crate::geometry::WorldXY;
        // A great-circle-like bend, a zigzag, a spiral with collinear runs, a line doubling
        // back: at several tolerances, the points whose importance exceeds it are exactly those
        // the per-view simplification keeps.
        let lines: Vec<Vec<ScreenPt>> = vec![
            (0..=120)
                .map(|k| f64::from(k) / 40.0)
                .map(|t| pt(300.0 * t.cos(), 120.0 * t.sin() + t * t))
                .collect(),
            (0..60)
                .map(|k| {
                    pt(
                        f64::from(k) * 3.0,
                        if k % 2 == 0 {
                            0.0
                        } else {
                            1.7 + f64::from(k % 7)
                        },
                    )
                })
                .collect(),
            (0..200)
                .map(|k| f64::from(k / 3) * 0.2)
                .map(|t| pt(t * 20.0 * t.cos(), t * 20.0 * t.sin()))
                .collect(),
            vec![
                pt(0.0, 0.0),
                pt(10.0, 0.0),
                pt(20.0, 0.5),
                pt(5.0, 0.2),
                pt(30.0, 0.0),
                pt(30.0, 0.0),
            ],
        ];
        for line in &lines {
            let world: Vec<WorldXY> = line.iter().map(|p| WorldXY { x: p.x, y: p.y }).collect();
            let imp = super::super::cache::importance(&world);
            assert_eq!(imp.len(), line.len());
            for tol in [0.05, 0.5, 1.0, 3.3, 25.0] {
                let want = simplify(line.clone(), tol);
                let got: Vec<ScreenPt> = (line.iter().zip(&imp))
                    .filter(|(_, &i)| f64::from(i) > tol)
                    .map(|(p, _)| *p)
                    .collect();
                assert_eq!(got, want, "tolerance {tol}");
            }
        }
        assert!(super::super::cache::importance(&[]).is_empty());
    }

    #[test]
    fn simplifying_keeps_the_ends_and_stays_within_the_tolerance() {
        let straight: Vec<_> = (0..50)
            .map(|k| pt(f64::from(k), 2.0 * f64::from(k)))
            .collect();
        assert_eq!(simplify(straight, 0.5), vec![pt(0.0, 0.0), pt(49.0, 98.0)]);
        // A half circle of radius 200 px in 1 px steps: far fewer points, none more than the
        // tolerance from the polyline kept.
        let arc: Vec<_> = (0..=628)
            .map(|k| f64::from(k) / 200.0)
            .map(|t| pt(200.0 * t.cos(), 200.0 * t.sin()))
            .collect();
        let kept = simplify(arc.clone(), 0.5);
        assert!(kept.len() < arc.len() / 10, "{} points kept", kept.len());
        assert_eq!((kept.first(), kept.last()), (arc.first(), arc.last()));
        let dist = |p: &ScreenPt, a: &ScreenPt, b: &ScreenPt| {
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let t = (((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
            ((p.x - a.x - t * dx).powi(2) + (p.y - a.y - t * dy).powi(2)).sqrt()
        };
        for p in &arc {
            let d = kept
                .windows(2)
                .filter_map(|w| Some(dist(p, w.first()?, w.get(1)?)))
                .fold(f64::MAX, f64::min);
            assert!(d <= 0.5 + 1e-9, "{p:?} is {d} px from the line kept");
        }
        assert_eq!(simplify(vec![pt(1.0, 1.0)], 0.5).len(), 1);
    }
}
