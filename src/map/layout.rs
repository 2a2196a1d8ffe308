//! What is laid out per settled view: the stacks, the labels and the Shandong inset. Worked out
//! by [`MapState::refresh_layout`] once the view settles (the app calls it before a frame that is
//! not part of a gesture) and reused by every frame until the next: a pan frame shifts the
//! labels with the map, a zoom frame keeps the stacks and hides the labels until it settles.

use super::inset::{self, InsetCity};
use super::stacks::{stack_dots, Stack, STACK_PX};
use super::MapState;
use crate::geometry::WorldXY;
use crate::labels::{self, LabelRequest, PlacedLabel, Placement};
use crate::scene::Rect;
use crate::viewport::ScreenPt;
use std::borrow::Cow;

/// Country names are drawn below this zoom.
pub const COUNTRY_LABELS_BELOW_ZOOM: f64 = 4.0;
/// Font size of map labels, CSS px.
pub const LABEL_SIZE_PX: f64 = 11.0;

/// The view and data a layout was made for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    generation: u64,
    scale: f64,
    offset: (f64, f64),
    width: f64,
    height: f64,
}

/// The inset for one canvas size and data: where it goes and its spread, labelled origins.
#[derive(Debug, Clone, PartialEq)]
pub struct InsetLayout {
    /// The inset's frame, CSS px.
    pub rect: Rect,
    /// The title ("山东" / "Shandong").
    pub title: String,
    /// The origins in it.
    pub cities: Vec<InsetCity>,
    /// Land clipped to the inset: rings in CSS px, and whether it is China.
    pub land: Vec<(Vec<Vec<ScreenPt>>, bool)>,
    generation: u64,
    size: (f64, f64),
}

impl InsetLayout {
    /// The origin a pointer at `p` inside the frame hits: its dot's square first, then its label.
    pub fn hit(&self, p: ScreenPt) -> Option<usize> {
        let by = |f: &dyn Fn(&InsetCity) -> Rect| {
            self.cities
                .iter()
                .filter(|c| f(c).contains(p))
                .min_by(|a, b| {
                    let d = |c: &InsetCity| c.dot.distance(p);
                    d(a).total_cmp(&d(b))
                })
                .map(|c| c.city)
        };
        by(&|c| c.target()).or_else(|| by(&|c| c.label))
    }
}

/// A map label: its box at the layout's view, and what kind it is.
#[derive(Debug, Clone, PartialEq)]
pub struct MapLabel {
    /// The placed label (box at the layout's view).
    pub label: PlacedLabel,
    /// A country's name (drawn quietly, under the arcs) rather than a partner's.
    pub country: bool,
}

/// Stacks, labels and the inset for one view.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    key: LayoutKey,
    /// Partner markers: stacks of one or more pairs.
    pub stacks: Vec<Stack>,
    /// Per pair index: its stack's index, if it is drawn.
    stack_of: Vec<Option<usize>>,
    /// Labels placed for the layout's view.
    pub labels: Vec<MapLabel>,
    /// The inset, when it is shown at this view.
    pub inset: Option<InsetLayout>,
    /// Where the inset would be at this view, when the visitor hid it
    /// ([`MapState::set_inset_shown`]).
    pub hidden_inset: Option<Rect>,
}

impl Layout {
    /// What the layout puts over the map for the page to keep its own overlays clear of and to
    /// list: the inset's frame (or where it would be, hidden) and the names' texts and boxes.
    fn overlay(&self) -> (Option<Rect>, Option<Rect>, Vec<(String, Rect)>) {
        let names = (self.labels.iter())
            .map(|l| (l.label.text.clone(), l.label.rect))
            .collect();
        (
            self.inset.as_ref().map(|i| i.rect),
            self.hidden_inset,
            names,
        )
    }

    /// The index in [`Layout::stacks`] of the stack holding pair `i`.
    pub fn stack_index(&self, i: usize) -> Option<usize> {
        self.stack_of.get(i).copied().flatten()
    }

    /// The stack holding pair `i`.
    pub fn stack_of(&self, i: usize) -> Option<&Stack> {
        self.stack_of
            .get(i)
            .copied()
            .flatten()
            .and_then(|s| self.stacks.get(s))
    }

    /// The shift that carries the labels from the layout's view to `offset` at `scale`; `None`
    /// when the scale differs (the labels are hidden until the view settles).
    pub fn label_shift(&self, scale: f64, offset: (f64, f64)) -> Option<(f64, f64)> {
        (self.key.scale == scale)
            .then_some((offset.0 - self.key.offset.0, offset.1 - self.key.offset.1))
    }
}

/// The radius of a stack's marker for `n` pairs, CSS px.
pub fn stack_radius_px(n: usize, single_px: f64) -> f64 {
    if n <= 1 {
        single_px
    } else {
        4.5 + (n.min(40) as f64).sqrt() * 0.8
    }
}

/// The most origins in use for which the Shandong inset is drawn.
pub const INSET_MAX_ORIGINS: usize = 32;

impl MapState {
    fn layout_key(&self) -> LayoutKey {
        let tf = self.viewport.transform();
        LayoutKey {
            generation: self.generation,
            scale: tf.scale(),
            offset: tf.offset(),
            width: self.viewport.width_css_px,
            height: self.viewport.height_css_px,
        }
    }

    /// Lays out stacks, labels and the inset for the current view, unless the last layout was
    /// made for exactly this view and data. Call it once a view has settled.
    pub fn refresh_layout(&mut self) {
        let key = self.layout_key();
        if self.layout.as_ref().is_some_and(|l| l.key == key) {
            return;
        }
        let old = self.layout.take();
        let before = old.as_ref().map(Layout::overlay);
        let layout = self.build_layout(key, old);
        self.overlay_changed |= before != Some(layout.overlay());
        self.layout = Some(layout);
    }

    /// Whether what the map lays out over itself (the inset, or where it would be, and the
    /// names) changed since this was last asked: a layout made for a new size, view, language
    /// or data moved it. The app tells the page so after each command (`layoutChanged`), which
    /// then reads the snapshot again.
    pub fn take_overlay_changed(&mut self) -> bool {
        std::mem::take(&mut self.overlay_changed)
    }

    /// Lays out again when the data, the filter, the basemap or the language changed since the
    /// last layout (a layout for an older view is kept: [`Self::refresh_layout`] follows the view
    /// once it settles). The app calls it after every command, so that the snapshot, a hover and
    /// the next frame share one layout instead of each making its own.
    pub fn refresh_stale_layout(&mut self) {
        if self
            .layout
            .as_ref()
            .is_none_or(|l| l.key.generation != self.generation)
        {
            self.refresh_layout();
        }
    }

    /// The layout to draw and hit-test with: the last one when the data has not changed since
    /// (its view may lag behind during a gesture), else one made now for the current view.
    pub fn layout(&self) -> Cow<'_, Layout> {
        match &self.layout {
            Some(l) if l.key.generation == self.generation => Cow::Borrowed(l),
            _ => Cow::Owned(self.build_layout(self.layout_key(), None)),
        }
    }

    /// The layout for `key`; `old`, the last one, lends its stacks when only the view's offset
    /// or size changed (the stacks depend on the data and the zoom alone: a pan at a world
    /// network need not group its 25,000 dots again) and its inset (see `inset_layout`).
    fn build_layout(&self, key: LayoutKey, old: Option<Layout>) -> Layout {
        let (old_stacks, old_inset) = match old {
            Some(l) => {
                let same = l.key.generation == key.generation && l.key.scale == key.scale;
                (same.then_some((l.stacks, l.stack_of)), l.inset)
            }
            None => (None, None),
        };
        let (stacks, stack_of) = old_stacks.unwrap_or_else(|| self.stacks(key.scale));
        let inset = self
            .origins_crowded()
            .then(|| self.inset_layout(key, old_inset))
            .flatten();
        let (inset, hidden_inset) = match inset {
            Some(i) if self.inset_off => (None, Some(i.rect)),
            inset => (inset, None),
        };
        let mut layout = Layout {
            key,
            stacks,
            stack_of,
            labels: Vec::new(),
            inset,
            hidden_inset,
        };
        layout.labels = self.place_labels(&layout);
        layout
    }

    /// The visible partners' stacks at `scale`, and each pair's stack.
    fn stacks(&self, scale: f64) -> (Vec<Stack>, Vec<Option<usize>>) {
        let dots: Vec<(usize, WorldXY)> = self
            .visible
            .iter()
            .filter_map(|&i| Some((i, (*self.partner_xy.get(i)?)?)))
            .collect();
        let stacks = stack_dots(&dots, scale, STACK_PX);
        let mut stack_of = vec![None; self.dataset.partnerships.len()];
        for (s, st) in stacks.iter().enumerate() {
            for &i in &st.members {
                if let Some(slot) = stack_of.get_mut(i) {
                    *slot = Some(s);
                }
            }
        }
        (stacks, stack_of)
    }

    /// Whether two origins in use lie closer than a target at the current view.
    fn origins_crowded(&self) -> bool {
        // An inset magnifies one province's cities; a network of many origins (a world list of
        // thousands) spreads over the map, and checking every pair of them would be quadratic.
        if self.visible_origins.len() > INSET_MAX_ORIGINS {
            return false;
        }
        let pts: Vec<ScreenPt> = self.origin_dots().map(|(_, p)| p).collect();
        pts.iter().enumerate().any(|(k, a)| {
            pts.iter()
                .skip(k + 1)
                .any(|b| a.distance(*b) < inset::TARGET_PX)
        })
    }

    /// The name of a Shandong key in the UI language.
    pub(super) fn city_name(&self, k: usize) -> String {
        self.dataset
            .cities()
            .get(k)
            .map(|c| self.pick_lang(&c.name_zh, &c.name_en).to_string())
            .unwrap_or_default()
    }

    /// `zh` in Chinese, `en` in English, either when the other is empty.
    pub(super) fn pick_lang<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        match (self.lang_zh, zh.is_empty(), en.is_empty()) {
            (true, false, _) | (false, _, true) => zh,
            _ => en,
        }
    }

    /// A Shandong key's short name for the inset: without 市 in Chinese (济南), as is in English.
    fn inset_name(&self, k: usize) -> String {
        let name = self.city_name(k);
        match name.strip_suffix('市') {
            Some(short) if self.lang_zh && !short.is_empty() => short.to_string(),
            _ => name,
        }
    }

    /// A pair's partner name in the UI language.
    pub(super) fn partner_name(&self, i: usize) -> String {
        self.dataset
            .partnerships
            .get(i)
            .map(|p| self.pick_lang(&p.partner_zh, &p.partner_en).to_string())
            .unwrap_or_default()
    }

    fn inset_layout(&self, key: LayoutKey, old: Option<InsetLayout>) -> Option<InsetLayout> {
        if let Some(o) =
            old.filter(|o| o.generation == key.generation && o.size == (key.width, key.height))
        {
            return Some(o);
        }
        let (w, h) = (key.width, key.height);
        let mut home = self.viewport;
        home.reset();
        let htf = home.transform();
        let partners: Vec<ScreenPt> = self
            .partner_xy
            .iter()
            .flatten()
            .map(|p| htf.apply(*p))
            .collect();
        let origins: Vec<(usize, WorldXY)> = self
            .visible_origins
            .iter()
            .filter_map(|&k| Some((k, (*self.origin_xy.get(k)?)?)))
            .collect();
        let province = bbox(origins.iter().map(|(_, w)| htf.apply(*w)))?.grow(6.0);
        // Sizes tried, smallest first: the free band above the province is wide and low, so
        // wider and lower before larger.
        let sizes = [
            (1.0, 0.62),
            (1.25, 0.52),
            (1.5, 0.44),
            (1.25, 0.62),
            (1.5, 0.52),
            (1.75, 0.44),
            (1.5, 0.62),
            (1.25, 0.8),
            (1.5, 0.8),
            (1.5, 1.0),
            (2.0, 0.8),
        ];
        // Where no spot is free of partners (a short canvas, longer English names), the inset
        // may cover some, the fewest it can: the cities must stay readable and reachable.
        for free in [true, false] {
            for (wide, tall) in sizes {
                let Some(size) = inset::inset_size(w, h, wide, tall) else {
                    continue;
                };
                let Some((rect, held)) = inset::place_inset(w, h, size, &partners, province, &[])
                else {
                    continue;
                };
                if free && held > 0 {
                    continue;
                }
                if let Some(l) = self.fill_inset(rect, &origins, key) {
                    return Some(l);
                }
            }
        }
        None
    }

    /// The origins spread and labelled in `rect`, with the land behind them; `None` when the
    /// labels do not fit.
    fn fill_inset(
        &self,
        rect: Rect,
        origins: &[(usize, WorldXY)],
        key: LayoutKey,
    ) -> Option<InsetLayout> {
        let area = inset::content_rect(rect);
        let fit = world_fit(origins.iter().map(|(_, w)| *w), area)?;
        let map_to = |w: WorldXY| fit.apply(w);
        let unmap = |p: ScreenPt| fit.invert(p);
        let dots: Vec<ScreenPt> = origins.iter().map(|(_, w)| map_to(*w)).collect();
        let texts: Vec<String> = origins.iter().map(|(k, _)| self.inset_name(*k)).collect();
        let title = if self.lang_zh { "山东" } else { "Shandong" };
        let reserved = [inset::title_rect(rect, title)];
        let spread = inset::spread_labelled(&dots, &texts, area, &reserved)?;
        let mut cities: Vec<InsetCity> = origins
            .iter()
            .zip(spread)
            .zip(texts)
            .map(|((&(city, _), s), text)| InsetCity {
                city,
                dot: s.dot,
                label: s.label,
                text,
            })
            .collect();
        crate::sort::sort_by(&mut cities, |a, b| a.city.cmp(&b.city));
        // Only rings that reach into the inset's part of the world are mapped and clipped.
        let (wx0, wy1) = unmap(ScreenPt::new(rect.x, rect.y));
        let (wx1, wy0) = unmap(ScreenPt::new(rect.x + rect.w, rect.y + rect.h));
        let reaches = |r: &&Vec<WorldXY>| {
            let xs = r.iter().map(|w| w.x);
            let ys = r.iter().map(|w| w.y);
            xs.clone().fold(f64::INFINITY, f64::min) <= wx1
                && xs.fold(f64::NEG_INFINITY, f64::max) >= wx0
                && ys.clone().fold(f64::INFINITY, f64::min) <= wy1
                && ys.fold(f64::NEG_INFINITY, f64::max) >= wy0
        };
        let land = self
            .land
            .iter()
            .filter_map(|shape| {
                let rings: Vec<Vec<ScreenPt>> = shape
                    .rings
                    .iter()
                    .filter(reaches)
                    .map(|r| r.iter().map(|w| map_to(*w)).collect::<Vec<_>>())
                    .map(|r| inset::clip_ring(&r, rect))
                    .filter(|r| r.len() >= 3)
                    .collect();
                (!rings.is_empty()).then_some((rings, shape.is_china))
            })
            .collect();
        Some(InsetLayout {
            rect,
            title: title.to_string(),
            cities,
            land,
            generation: key.generation,
            size: (key.width, key.height),
        })
    }

    /// Country names (below [`COUNTRY_LABELS_BELOW_ZOOM`]) and then partner names, each kept
    /// clear of the inset, the markers and the labels placed before it.
    fn place_labels(&self, layout: &Layout) -> Vec<MapLabel> {
        let tf = self.viewport.transform();
        let bounds = Rect::new(0.0, 0.0, layout.key.width, layout.key.height);
        let mut obstacles: Vec<Rect> = layout.inset.iter().map(|i| i.rect.grow(4.0)).collect();
        obstacles.extend(
            self.origin_dots()
                .map(|(_, p)| Rect::centred(p, 10.0, 10.0)),
        );
        let mut out: Vec<MapLabel> = Vec::new();
        if self.viewport.zoom < COUNTRY_LABELS_BELOW_ZOOM {
            let countries = labels::place(self.country_requests(), &obstacles, bounds);
            obstacles.extend(countries.iter().map(|l| l.rect));
            out.extend(countries.into_iter().map(|label| MapLabel {
                label,
                country: true,
            }));
        }
        let markers: Vec<Rect> = layout
            .stacks
            .iter()
            .map(|s| {
                let r = stack_radius_px(s.members.len(), self.theme.partner_radius_px);
                Rect::centred(tf.apply(s.at), 2.0 * r, 2.0 * r)
            })
            .collect();
        obstacles.extend(markers.iter().copied());
        // A calm first view: at most one partner label per 20,000 px² of canvas, more as the
        // visitor zooms in (and the markers spread, leaving room for them). The stacks are
        // placed in priority order (the most pairs first; among equals, data order), and only
        // until the budget is placed: a world network has thousands of stacks, and naming and
        // trying them all cost most of its layout for a few dozen labels kept.
        let budget = (bounds.w * bounds.h / 20_000.0 * self.viewport.zoom).ceil() as usize;
        let priority = |k: usize, s: &Stack| s.members.len() as f64 - k as f64 * 1e-4;
        let mut order: Vec<(f64, usize)> = (layout.stacks.iter().enumerate())
            .map(|(k, s)| (priority(k, s), k))
            .collect();
        crate::sort::sort_by(&mut order, |a, b| b.0.total_cmp(&a.0));
        let requests = order.into_iter().filter_map(|(priority, k)| {
            let s = layout.stacks.get(k)?;
            let first = *s.members.first()?;
            let n = s.members.len();
            let (anchor, gap_px) = (
                tf.apply(s.at),
                stack_radius_px(n, self.theme.partner_radius_px) + 2.0,
            );
            // Each of a label's places touches the square of its gap round its anchor (see
            // `labels::candidates`) and must lie on the canvas, so a stack farther off the
            // canvas can have none: it is passed over before its name is made (zoomed in on a
            // world network, most stacks are off the canvas).
            if !bounds.grow(gap_px).contains(anchor) {
                return None;
            }
            let name = self.partner_name(first);
            let text = if n > 1 {
                format!("{name} +{}", n - 1)
            } else {
                name
            };
            Some(LabelRequest {
                anchor,
                text,
                size_px: LABEL_SIZE_PX,
                priority,
                gap_px,
                placement: Placement::Around,
                forced: false,
                tag: k,
            })
        });
        let partners = labels::place_in_order(requests, &obstacles, bounds, budget);
        out.extend(partners.into_iter().map(|label| MapLabel {
            label,
            country: false,
        }));
        out
    }

    /// One request per country with visible pairs, at its largest land ring's centre,
    /// in the UI language, the countries with the most pairs first.
    fn country_requests(&self) -> Vec<LabelRequest> {
        let tf = self.viewport.transform();
        let mut count = vec![0usize; self.dataset.countries().len()];
        for &i in &self.visible {
            if let Some(c) = self
                .dataset
                .partnerships
                .get(i)
                .and_then(|p| count.get_mut(p.country))
            {
                *c += 1;
            }
        }
        self.dataset
            .countries()
            .iter()
            .zip(&count)
            .enumerate()
            .filter(|(_, (_, &n))| n > 0)
            .filter_map(|(k, (c, &n))| {
                let at = self
                    .land
                    .iter()
                    .find(|s| s.iso2 == c.iso2)
                    .and_then(|s| s.anchor)?;
                Some(LabelRequest {
                    anchor: tf.apply(at),
                    text: self.pick_lang(&c.name_zh, &c.name_en).to_string(),
                    size_px: LABEL_SIZE_PX,
                    priority: n as f64,
                    gap_px: 0.0,
                    placement: Placement::Centred,
                    forced: false,
                    tag: k,
                })
            })
            .collect()
    }
}

/// The bounding box of some points; `None` when there are none.
fn bbox(points: impl Iterator<Item = ScreenPt>) -> Option<Rect> {
    let (mut x0, mut y0, mut x1, mut y1) = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    x0.is_finite().then(|| Rect::new(x0, y0, x1 - x0, y1 - y0))
}

/// A linear map from world units to CSS px: `(x, y) ↦ (ox + x·s, oy − y·s)`.
#[derive(Debug, Clone, Copy)]
struct Fit {
    s: f64,
    ox: f64,
    oy: f64,
}

impl Fit {
    fn apply(&self, w: WorldXY) -> ScreenPt {
        ScreenPt::new(self.ox + w.x * self.s, self.oy - w.y * self.s)
    }

    /// World `(x, y)` of a CSS-px point.
    fn invert(&self, p: ScreenPt) -> (f64, f64) {
        ((p.x - self.ox) / self.s, (self.oy - p.y) / self.s)
    }
}

/// The mapping that fits world points (with a margin) into `area`, centred, north up.
fn world_fit(points: impl Iterator<Item = WorldXY>, area: Rect) -> Option<Fit> {
    let b = bbox(points.map(|w| ScreenPt::new(w.x, -w.y)))?;
    let pad = (b.w.max(b.h) * 0.1).max(0.2);
    let b = b.grow(pad);
    let s = (area.w / b.w).min(area.h / b.h);
    let ox = area.x + (area.w - b.w * s) / 2.0 - b.x * s;
    let oy = area.y + (area.h - b.h * s) / 2.0 - b.y * s;
    Some(Fit { s, ox, oy })
}
