//! The map's state: data, basemap, filter and view, with the projected geometry cached so a
//! frame only transforms world coordinates to pixels. Geometry is re-projected only when the
//! data or the basemap changes; the visible set only when the filter changes.

use crate::basemap::Basemap;
use crate::dataset::Dataset;
use crate::dataset::{Partnership, Relation};
use crate::filter::Filter;
use crate::geometry::{clip_ring, great_circle, split_line, LonLat, Projection, WorldXY};
use crate::hit::{HitIndex, Target};
use crate::scene::{ArcBundle, DotItem, LandItem, Scene};
use crate::search::SearchIndex;
use crate::style::{ColourBy, Theme, FIRST_DECADE};
use crate::surface::{ScreenPt, Stroke, Surface};
use crate::viewport::Viewport;

/// Longest straight piece of a drawn great circle.
pub const ARC_MAX_SEGMENT_M: f64 = 100_000.0;

/// One basemap feature in world units.
#[derive(Debug, Clone, PartialEq)]
struct ProjectedShape {
    is_china: bool,
    rings: Vec<Vec<WorldXY>>,
}

/// Everything the widget shows.
#[derive(Debug, Clone)]
pub struct MapState {
    pub projection: Projection,
    pub viewport: Viewport,
    pub theme: Theme,
    land: Vec<ProjectedShape>,
    dataset: Dataset,
    /// The search keys of the dataset's pairs, by index (built with the dataset).
    search: SearchIndex,
    /// Per partnership: its great circle in world units, cut at the seam.
    arcs: Vec<Vec<Vec<WorldXY>>>,
    /// Per partnership: its partner dot in world units (`None` when the place is unknown).
    partner_xy: Vec<Option<WorldXY>>,
    /// Per Shandong key: its origin dot in world units.
    origin_xy: Vec<Option<WorldXY>>,
    filter: Filter,
    visible: Vec<usize>,
    /// Shandong keys with at least one visible pair (their origin dots are drawn).
    visible_origins: Vec<usize>,
    /// Which dimension the arc colours show.
    colour_by: ColourBy,
    /// What is hovered, selected and focused.
    emphasis: Emphasis,
    /// Decades from [`FIRST_DECADE`] to the latest in the data (the decade legend's entries
    /// before "unknown"); worked out once per data change, not per pair per frame.
    decades: usize,
    /// Hit-test index over the visible geometry in world units; built on the first query after
    /// a filter or data change, valid for every view.
    hit: Option<HitIndex>,
}

/// Something a visitor selected: one pair, or a Shandong key's whole fan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Pair(usize),
    City(usize),
}

/// What stands out in the drawing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Emphasis {
    pub hover: Option<Target>,
    /// Pinned selections, oldest first; the last one is "the" selection.
    pub selected: Vec<Pick>,
    /// The keyboard focus.
    pub focus: Option<Target>,
}

/// One entry of the colour legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendItem {
    /// `jinan`, `friendship`, `1990s`, `unknown`…
    pub key: String,
    pub colour: crate::style::Rgba,
    /// Visible pairs in this entry under the current filter.
    pub visible: usize,
    /// Pairs in this entry in the whole dataset.
    pub total: usize,
}

/// Keyboard moves between targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    NextCity,
    PrevCity,
    NextPartner,
    PrevPartner,
}

impl MapState {
    pub fn new(width_css_px: f64, height_css_px: f64) -> Self {
        let projection = Projection::default();
        Self {
            viewport: Viewport::new(width_css_px, height_css_px, &projection),
            projection,
            theme: Theme::default(),
            land: Vec::new(),
            dataset: Dataset::default(),
            search: SearchIndex::default(),
            arcs: Vec::new(),
            partner_xy: Vec::new(),
            origin_xy: Vec::new(),
            filter: Filter::default(),
            visible: Vec::new(),
            visible_origins: Vec::new(),
            colour_by: ColourBy::default(),
            emphasis: Emphasis::default(),
            decades: 1,
            hit: None,
        }
    }

    pub fn set_basemap(&mut self, basemap: &Basemap) {
        let projection = self.projection;
        self.land = basemap
            .features
            .iter()
            .map(|f| {
                let mut rings = Vec::new();
                for polygon in &f.shape.0 {
                    for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                        let rotated: Vec<LonLat> = ring
                            .0
                            .iter()
                            .map(|c| projection.rotate(LonLat::new(c.x, c.y)))
                            .collect();
                        for piece in clip_ring(&rotated) {
                            rings.push(
                                piece
                                    .iter()
                                    .filter_map(|p| projection.forward_rotated(*p))
                                    .collect(),
                            );
                        }
                    }
                }
                ProjectedShape {
                    is_china: f.iso2 == "CN",
                    rings,
                }
            })
            .collect();
    }

    pub fn set_dataset(&mut self, dataset: Dataset) {
        let projection = self.projection;
        self.arcs = dataset
            .partnerships
            .iter()
            .map(|p| {
                let from = dataset.city_of(p).location;
                let Some(to) = p.location else {
                    return Vec::new();
                };
                let line: Vec<LonLat> = great_circle(from, to, ARC_MAX_SEGMENT_M)
                    .into_iter()
                    .map(|q| projection.rotate(q))
                    .collect();
                split_line(&line)
                    .into_iter()
                    .map(|piece| {
                        piece
                            .into_iter()
                            .filter_map(|q| projection.forward_rotated(q))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        self.partner_xy = dataset
            .partnerships
            .iter()
            .map(|p| p.location.and_then(|l| projection.project(l)))
            .collect();
        self.origin_xy = dataset
            .cities()
            .iter()
            .map(|c| projection.project(c.location))
            .collect();
        let last = dataset
            .partnerships
            .iter()
            .filter_map(|p| p.established.map(|d| d.decade()))
            .max()
            .unwrap_or(FIRST_DECADE)
            .max(FIRST_DECADE);
        self.decades = ((last - FIRST_DECADE) / 10 + 1) as usize;
        self.search = SearchIndex::new(&dataset);
        self.dataset = dataset;
        self.emphasis = Emphasis::default();
        self.refresh_visible();
    }

    /// Recomputes what the filter shows: once per filter or data change, not per frame.
    fn refresh_visible(&mut self) {
        self.visible = self.filter.apply_indexed(&self.dataset, &self.search);
        let mut used = vec![false; self.dataset.cities().len()];
        for &i in &self.visible {
            if let Some(u) = self
                .dataset
                .partnerships
                .get(i)
                .and_then(|p| used.get_mut(p.city))
            {
                *u = true;
            }
        }
        self.visible_origins = (0..used.len()).filter(|&k| used[k]).collect();
        self.hit = None;
        // What the filter hid can no longer be hovered or focused; selections stay pinned.
        let shown = |t: Option<Target>| match t {
            Some(Target::Origin(k)) => used.get(k).copied().unwrap_or(false),
            Some(Target::Arc(i) | Target::Partner(i)) => self.visible.binary_search(&i).is_ok(),
            None => true,
        };
        if !shown(self.emphasis.hover) {
            self.emphasis.hover = None;
        }
        if !shown(self.emphasis.focus) {
            self.emphasis.focus = None;
        }
    }

    /// Screen positions of the visible partner dots, with their partnership index.
    fn partner_dots(&self) -> impl Iterator<Item = (usize, ScreenPt)> + '_ {
        let tf = self.viewport.transform();
        self.visible
            .iter()
            .filter_map(move |&i| Some((i, tf.apply((*self.partner_xy.get(i)?)?))))
    }

    /// Screen positions of the origin dots in use, with their Shandong key index.
    fn origin_dots(&self) -> impl Iterator<Item = (usize, ScreenPt)> + '_ {
        let tf = self.viewport.transform();
        self.visible_origins
            .iter()
            .filter_map(move |&k| Some((k, tf.apply((*self.origin_xy.get(k)?)?))))
    }

    /// Attaches the official totals to the data on screen (the shipped data only); replacing the
    /// data drops them again.
    pub fn set_coverage(&mut self, coverage: Option<crate::dataset::Coverage>) {
        self.dataset.coverage = coverage;
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
        self.refresh_visible();
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Indices of the visible partnerships.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    pub fn resize(&mut self, width_css_px: f64, height_css_px: f64) {
        self.viewport.resize(width_css_px, height_css_px);
    }

    /// Screen position of a geographic point in the current view.
    pub fn project(&self, p: LonLat) -> Option<ScreenPt> {
        self.projection
            .project(p)
            .map(|w| self.viewport.to_screen(w))
    }

    pub fn colour_by(&self) -> ColourBy {
        self.colour_by
    }

    pub fn set_colour_by(&mut self, colour_by: ColourBy) {
        self.colour_by = colour_by;
    }

    pub fn emphasis(&self) -> &Emphasis {
        &self.emphasis
    }

    /// Sets the hovered target; returns whether it changed (the page redraws only then).
    pub fn set_hover(&mut self, hover: Option<Target>) -> bool {
        let changed = self.emphasis.hover != hover;
        self.emphasis.hover = hover;
        changed
    }

    /// Replaces the selection (`pin` = add to it instead; picking a pinned one again unpins it).
    pub fn select(&mut self, pick: Option<Pick>, pin: bool) {
        match (pick, pin) {
            (None, _) => self.emphasis.selected.clear(),
            (Some(p), true) => {
                if let Some(k) = self.emphasis.selected.iter().position(|q| *q == p) {
                    self.emphasis.selected.remove(k);
                } else {
                    self.emphasis.selected.push(p);
                }
            }
            (Some(p), false) => self.emphasis.selected = vec![p],
        }
    }

    /// The legend keys of the current colour dimension, in order.
    pub fn legend_keys(&self) -> Vec<String> {
        match self.colour_by {
            ColourBy::City => self
                .dataset
                .cities()
                .iter()
                .map(|c| c.key.clone())
                .collect(),
            ColourBy::Relation => Relation::ALL.iter().map(|r| r.key().to_string()).collect(),
            ColourBy::Decade => (0..self.decades)
                .map(|k| format!("{}s", FIRST_DECADE + 10 * k as i32))
                .chain(std::iter::once("unknown".to_string()))
                .collect(),
        }
    }

    /// The legend entry a pair belongs to under the current colour dimension.
    pub fn colour_group(&self, p: &Partnership) -> usize {
        match self.colour_by {
            ColourBy::City => p.city,
            ColourBy::Relation => Relation::ALL
                .iter()
                .position(|r| *r == p.relation)
                .unwrap_or(2),
            ColourBy::Decade => match p.established {
                Some(d) if d.year >= FIRST_DECADE => ((d.decade() - FIRST_DECADE) / 10) as usize,
                Some(_) => 0,
                None => self.decades,
            },
        }
    }

    fn group_colour(&self, group: usize) -> crate::style::Rgba {
        let t = &self.theme;
        match self.colour_by {
            ColourBy::City => t.city_colour(group),
            ColourBy::Relation => t.relation_palette.get(group).copied().unwrap_or(t.unknown),
            ColourBy::Decade if group == self.decades => t.unknown,
            ColourBy::Decade => t.decade_colour(group),
        }
    }

    /// The colour legend with live counts for the current filter.
    pub fn legend(&self) -> Vec<LegendItem> {
        let keys = self.legend_keys();
        let mut visible = vec![0usize; keys.len()];
        let mut total = vec![0usize; keys.len()];
        let mut is_visible = vec![false; self.dataset.partnerships.len()];
        for &i in &self.visible {
            if let Some(v) = is_visible.get_mut(i) {
                *v = true;
            }
        }
        for (i, p) in self.dataset.partnerships.iter().enumerate() {
            let g = self.colour_group(p);
            if let Some(t) = total.get_mut(g) {
                *t += 1;
            }
            if is_visible[i] {
                if let Some(v) = visible.get_mut(g) {
                    *v += 1;
                }
            }
        }
        keys.into_iter()
            .enumerate()
            .map(|(g, key)| LegendItem {
                key,
                colour: self.group_colour(g),
                visible: visible[g],
                total: total[g],
            })
            .collect()
    }

    /// Whether pair `i` stands out: hovered, focused or selected, itself or through its city.
    fn emphasised(&self, i: usize, p: &Partnership) -> bool {
        let by_target = |t: Option<Target>| match t {
            Some(Target::Arc(j) | Target::Partner(j)) => j == i,
            Some(Target::Origin(k)) => k == p.city,
            None => false,
        };
        by_target(self.emphasis.hover)
            || by_target(self.emphasis.focus)
            || self.emphasis.selected.iter().any(|s| match *s {
                Pick::Pair(j) => j == i,
                Pick::City(k) => k == p.city,
            })
    }

    /// Whether any visible pair stands out (then the others are dimmed).
    fn any_emphasis(&self) -> bool {
        let e = &self.emphasis;
        (e.hover.is_some() || e.focus.is_some() || !e.selected.is_empty())
            && self.visible.iter().any(|&i| {
                self.dataset
                    .partnerships
                    .get(i)
                    .is_some_and(|p| self.emphasised(i, p))
            })
    }

    /// The base layer (background and land) for the current view.
    pub fn base_scene(&self) -> Scene {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let land = self
            .land
            .iter()
            .map(|shape| LandItem {
                rings: shape
                    .rings
                    .iter()
                    .map(|line| line.iter().map(|w| tf.apply(*w)).collect())
                    .collect(),
                fill: if shape.is_china { t.china } else { t.land },
            })
            .collect();
        Scene {
            background: Some(t.ocean),
            land,
            border: Some(Stroke {
                colour: t.border,
                width_px: 0.6,
            }),
            ..Scene::default()
        }
    }

    /// Arcs, dots and focus rings for the current state (no background or land).
    pub fn overlay_scene(&self) -> Scene {
        let tf = self.viewport.transform();
        let t = &self.theme;
        let to_screen = |line: &Vec<WorldXY>| line.iter().map(|w| tf.apply(*w)).collect::<Vec<_>>();
        let dimming = self.any_emphasis();
        // Emphasis level per pair: 0 dimmed, 1 normal, 2 emphasised; drawn in that order.
        let level = |i: usize, p: &Partnership| -> u8 {
            if self.emphasised(i, p) {
                2
            } else if dimming {
                0
            } else {
                1
            }
        };
        let mut bundles: Vec<(u8, ArcBundle)> = Vec::new();
        for &i in &self.visible {
            let (Some(p), Some(arc)) = (self.dataset.partnerships.get(i), self.arcs.get(i)) else {
                continue;
            };
            if arc.is_empty() {
                continue;
            }
            let group = self.colour_group(p);
            let lv = level(i, p);
            let k = match bundles
                .iter()
                .position(|(l, b)| *l == lv && b.group == group)
            {
                Some(k) => k,
                None => {
                    let colour = self.group_colour(group);
                    let stroke = match lv {
                        0 => Stroke {
                            colour: colour.with_alpha(t.dim_alpha),
                            width_px: t.arc_width_px,
                        },
                        1 => Stroke {
                            colour: colour.with_alpha(t.arc_alpha),
                            width_px: t.arc_width_px,
                        },
                        _ => Stroke {
                            colour,
                            width_px: t.highlight_width_px,
                        },
                    };
                    bundles.push((
                        lv,
                        ArcBundle {
                            group,
                            lines: Vec::new(),
                            stroke,
                        },
                    ));
                    bundles.len() - 1
                }
            };
            bundles[k].1.lines.extend(arc.iter().map(to_screen));
        }
        bundles.sort_by_key(|(l, b)| (*l, b.group));
        let mut partners: Vec<(u8, DotItem)> = self
            .partner_dots()
            .filter_map(|(i, centre)| {
                let p = self.dataset.partnerships.get(i)?;
                let lv = level(i, p);
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
        partners.sort_by_key(|(l, _)| *l);
        let city_colour = |k: usize| match self.colour_by {
            ColourBy::City => t.city_colour(k),
            _ => t.city_colour(0),
        };
        let origins = self
            .origin_dots()
            .map(|(k, centre)| DotItem {
                centre,
                radius_px: t.origin_radius_px,
                fill: city_colour(k),
                outline: Some(Stroke {
                    colour: t.origin_stroke,
                    width_px: 1.5,
                }),
            })
            .collect();
        let focus_at = match self.emphasis.focus {
            Some(Target::Origin(k)) => self
                .origin_xy
                .get(k)
                .copied()
                .flatten()
                .map(|w| (w, t.origin_radius_px + 4.0)),
            Some(Target::Arc(i) | Target::Partner(i)) => self
                .partner_xy
                .get(i)
                .copied()
                .flatten()
                .map(|w| (w, t.partner_radius_px + 5.0)),
            None => None,
        };
        let rings = focus_at
            .map(|(w, r)| DotItem {
                centre: tf.apply(w),
                radius_px: r,
                fill: t.focus_ring.with_alpha(0),
                outline: Some(Stroke {
                    colour: t.focus_ring,
                    width_px: 2.5,
                }),
            })
            .into_iter()
            .collect();
        Scene {
            arcs: bundles.into_iter().map(|(_, b)| b).collect(),
            partners: partners.into_iter().map(|(_, d)| d).collect(),
            origins,
            rings,
            ..Scene::default()
        }
    }

    /// The whole frame for the current state.
    pub fn scene(&self) -> Scene {
        let base = self.base_scene();
        Scene {
            background: base.background,
            land: base.land,
            border: base.border,
            ..self.overlay_scene()
        }
    }

    /// An index of the visible arcs and dots in world units (valid for every view).
    pub fn hit_index(&self) -> HitIndex {
        let lines = self
            .visible
            .iter()
            .filter_map(|&i| self.arcs.get(i).map(|arc| (i, arc)))
            .flat_map(|(i, arc)| {
                arc.iter()
                    .map(move |piece| (Target::Arc(i), piece.as_slice()))
            });
        let dots = self
            .visible
            .iter()
            .filter_map(|&i| Some((Target::Partner(i), (*self.partner_xy.get(i)?)?)))
            .chain(
                self.visible_origins
                    .iter()
                    .filter_map(|&k| Some((Target::Origin(k), (*self.origin_xy.get(k)?)?))),
            )
            .collect::<Vec<_>>();
        HitIndex::new(lines, dots)
    }

    /// What is within `radius_px` CSS pixels of the screen point `p` (dots before arcs). Builds
    /// the index on the first call after a filter or data change.
    pub fn hit(&mut self, p: ScreenPt, radius_px: f64) -> Option<Target> {
        if self.hit.is_none() {
            self.hit = Some(self.hit_index());
        }
        let scale = self.viewport.scale();
        let world = self.viewport.to_world(p);
        self.hit.as_ref()?.hit(world, radius_px / scale)
    }

    /// Moves the keyboard focus: left/right between Shandong keys in use, down/up through the
    /// focused key's visible partners (up from the first goes back to the key). Pans the view
    /// if the new focus is off-screen. Returns the new focus.
    pub fn step_focus(&mut self, step: Step) -> Option<Target> {
        let origins = &self.visible_origins;
        if origins.is_empty() {
            self.emphasis.focus = None;
            return None;
        }
        let city_of = |t: Target| match t {
            Target::Origin(k) => Some(k),
            Target::Arc(i) | Target::Partner(i) => self.dataset.partnerships.get(i).map(|p| p.city),
        };
        let current_city = self.emphasis.focus.and_then(city_of);
        let pos = current_city.and_then(|k| origins.iter().position(|&o| o == k));
        let n = origins.len();
        let partners_of = |k: usize| -> Vec<usize> {
            self.visible
                .iter()
                .copied()
                .filter(|&i| {
                    self.dataset
                        .partnerships
                        .get(i)
                        .is_some_and(|p| p.city == k && p.location.is_some())
                })
                .collect()
        };
        let next = match step {
            Step::NextCity => Target::Origin(origins[pos.map_or(0, |p| (p + 1) % n)]),
            Step::PrevCity => Target::Origin(origins[pos.map_or(n - 1, |p| (p + n - 1) % n)]),
            Step::NextPartner | Step::PrevPartner => {
                let k = current_city.unwrap_or(origins[0]);
                let list = partners_of(k);
                let at = match self.emphasis.focus {
                    Some(Target::Arc(i) | Target::Partner(i)) => list.iter().position(|&j| j == i),
                    _ => None,
                };
                match (step, at) {
                    (_, _) if list.is_empty() => Target::Origin(k),
                    (Step::NextPartner, None) => Target::Arc(list[0]),
                    (Step::NextPartner, Some(a)) => Target::Arc(list[(a + 1) % list.len()]),
                    (_, None) => Target::Arc(list[list.len() - 1]),
                    (_, Some(0)) => Target::Origin(k),
                    (_, Some(a)) => Target::Arc(list[a - 1]),
                }
            }
        };
        self.emphasis.focus = Some(next);
        self.reveal(next);
        Some(next)
    }

    /// Clears the keyboard focus.
    pub fn clear_focus(&mut self) {
        self.emphasis.focus = None;
    }

    /// The world position of a target's dot.
    pub fn target_xy(&self, t: Target) -> Option<WorldXY> {
        match t {
            Target::Origin(k) => self.origin_xy.get(k).copied().flatten(),
            Target::Arc(i) | Target::Partner(i) => self.partner_xy.get(i).copied().flatten(),
        }
    }

    /// Pans so that the target's dot is on screen (with a margin), if it is not.
    fn reveal(&mut self, t: Target) {
        let Some(w) = self.target_xy(t) else {
            return;
        };
        let s = self.viewport.to_screen(w);
        let v = self.viewport;
        let margin = 24.0_f64
            .min(v.width_css_px / 4.0)
            .min(v.height_css_px / 4.0);
        if s.x < margin
            || s.y < margin
            || s.x > v.width_css_px - margin
            || s.y > v.height_css_px - margin
        {
            self.viewport.centre = w;
            self.viewport.pan_by(0.0, 0.0);
        }
    }

    /// The view as the geographic centre and zoom (for the URL).
    pub fn view_lonlat(&self) -> Option<(LonLat, f64)> {
        self.projection
            .invert(self.viewport.centre)
            .map(|c| (c, self.viewport.zoom))
    }

    /// Centres the view on a place at a zoom (clamped to the limits).
    pub fn set_view_lonlat(&mut self, centre: LonLat, zoom: f64) {
        self.viewport.reset();
        if let Some(w) = self.projection.project(centre) {
            self.viewport.centre = w;
        }
        if zoom.is_finite() {
            let c = ScreenPt::new(
                self.viewport.width_css_px / 2.0,
                self.viewport.height_css_px / 2.0,
            );
            self.viewport.zoom_about(c, zoom);
        }
    }

    pub fn render(&self, surface: &mut dyn Surface) {
        self.scene().render(surface);
    }
}
