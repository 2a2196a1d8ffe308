//! The geometry cache: the basemap and every pair's great circle projected once, in world units,
//! when the data or the basemap changes; a frame only maps them to pixels.

use super::{Emphasis, MapState, ProjectedShape, ARC_MAX_SEGMENT_M};
use super::{ARC_COARSE_SEGMENT_M, COARSE_FIRST_PAIRS, COARSE_MAX_SCALE};
use crate::basemap::Basemap;
use crate::dataset::{Dataset, PlaceNumbers};
use crate::geometry::{clip_ring, LonLat, Projection, WorldXY};
use crate::hit::{HitIndex, Target};
use crate::style::FIRST_DECADE;
use geo::{BoundingRect, Polygon};

/// China's polygons smaller than this across, in degrees, are drawn as marks (islands and the
/// dashes of the South China Sea line); Hainan and Taiwan are larger.
pub const MARK_MAX_DEG: f64 = 1.6;

fn is_small(p: &Polygon) -> bool {
    p.bounding_rect()
        .is_some_and(|r| r.width().max(r.height()) < MARK_MAX_DEG)
}

impl MapState {
    /// Projects and clips the basemap at the seam, once (world units). China's small parts —
    /// the South China Sea islands and the ten dashes of its boundary line (polygons under
    /// 1.6° across) — become a shape of their own, drawn as marks.
    pub fn set_basemap(&mut self, basemap: &Basemap) {
        let mut land = Vec::new();
        for f in &basemap.features {
            let is_china = f.iso2 == "CN";
            let (marks, rest): (Vec<&Polygon>, Vec<&Polygon>) =
                f.shape.0.iter().partition(|p| is_china && is_small(p));
            let rings = self.project_polygons(&rest);
            land.push(ProjectedShape {
                is_china,
                is_mark: false,
                iso2: f.iso2.clone(),
                anchor: largest_ring_centre(&rings),
                rings,
            });
            if !marks.is_empty() {
                land.push(ProjectedShape {
                    is_china,
                    is_mark: true,
                    iso2: f.iso2.clone(),
                    anchor: None, // the country's name goes at its main land
                    rings: self.project_polygons(&marks),
                });
            }
        }
        self.land = land;
        self.generation += 1;
    }

    /// The rings of `polygons` rotated, clipped at the seam and projected.
    fn project_polygons(&self, polygons: &[&Polygon]) -> Vec<Vec<crate::geometry::WorldXY>> {
        let projection = self.projection;
        let mut rings = Vec::new();
        for polygon in polygons {
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
        rings
    }

    /// Replaces the data: projects every pair's great circle and dots, clears the emphasis and
    /// refilters. The hit index and the search index are made later, in idle time after the
    /// first frame (see [`MapState::prepare_when_idle`]): at the shipped data the hit index was
    /// a fifth of the load's work before the first frame, at the world network ~50 ms of it.
    pub fn set_dataset(&mut self, dataset: Dataset) {
        self.install(DataBuild::new(dataset, self.projection));
    }

    /// Replaces the data with one prepared by a [`DataBuild`] (finishing it if need be): what
    /// is left is linear and cheap (the origins, the decades, the filter).
    pub fn install(&mut self, mut build: DataBuild) {
        if build.projection != self.projection {
            build = DataBuild::new(build.dataset, self.projection);
        }
        while !build.step(usize::MAX) {}
        let DataBuild {
            dataset,
            projection,
            segment_m,
            arcs,
            arc_lod,
            arc_bounds,
            arc_step,
            partner_xy,
            places,
        } = build;
        self.arcs = arcs;
        self.arc_lod = arc_lod;
        self.arc_bounds = arc_bounds;
        self.arc_step = arc_step;
        self.arcs_version += 1;
        self.flow_paths = std::sync::OnceLock::new();
        self.screen_arcs = Default::default();
        self.partner_xy = partner_xy;
        self.origin_xy = origin_dots(&dataset, projection);
        let last = dataset
            .partnerships
            .iter()
            .filter_map(|p| p.established.map(|d| d.decade()))
            .max()
            .unwrap_or(FIRST_DECADE)
            .max(FIRST_DECADE);
        self.decades = ((last - FIRST_DECADE) / 10 + 1) as usize;
        // Made in idle time after the first frame, or when first needed: a visitor seldom
        // searches in the first second, and the first frame came ~25 ms later for it.
        self.search = std::sync::OnceLock::new();
        self.origin_order = std::sync::OnceLock::new();
        self.search_build = None;
        self.places = places.numbers;
        self.dataset = dataset;
        self.emphasis = Emphasis::default();
        self.refresh_visible();
        // Made in idle time after the first frame, a part at a time (`prepare_when_idle`); a
        // query meanwhile looks at what is not in it yet pair by pair (`hit`). A filter change
        // does not rebuild it: it holds every pair.
        self.hit = None;
        self.hit_part = None;
        self.refine_next = (segment_m != ARC_MAX_SEGMENT_M).then_some(0);
        if !self.coarse_first {
            self.refine_all();
        }
        self.refine_for_view();
    }

    /// Whether large data starts with coarse arcs, refined after its first frame (the
    /// default; see [`COARSE_FIRST_PAIRS`]), or has them at full detail at once (and now).
    pub fn set_coarse_first(&mut self, on: bool) {
        self.coarse_first = on;
        if !on {
            self.refine_all();
        }
    }

    /// Whether some arcs are still coarse (shown before they are refined).
    pub fn arcs_coarse(&self) -> bool {
        self.refine_next.is_some()
    }

    /// Refines up to `max_pairs` more coarse arcs to full detail, each with its extent, step
    /// and points' importance (so a hover and the arcs layer always see one arc's parts alike)
    /// → `true` once none is left. The last one replaces the arcs' version and drops what was
    /// made from the coarse arcs (the flow's paths, the lines kept for the last view, any hit
    /// index: the index is made after this).
    pub(super) fn refine_step(&mut self, max_pairs: usize) -> bool {
        let Some(mut next) = self.refine_next else {
            return true;
        };
        let end = next.saturating_add(max_pairs.max(1)).min(self.arcs.len());
        while next < end {
            let Some((arc, lod, extent, step)) =
                pair_arc(&self.dataset, self.projection, next, ARC_MAX_SEGMENT_M)
            else {
                break;
            };
            if let (Some(a), Some(l), Some(b), Some(s)) = (
                self.arcs.get_mut(next),
                self.arc_lod.get_mut(next),
                self.arc_bounds.get_mut(next),
                self.arc_step.get_mut(next),
            ) {
                (*a, *l, *b, *s) = (arc, lod, extent, step);
            }
            next += 1;
        }
        if next < self.arcs.len().min(self.dataset.partnerships.len()) {
            self.refine_next = Some(next);
            return false;
        }
        self.refine_next = None;
        self.arcs_version += 1;
        self.flow_paths = std::sync::OnceLock::new();
        self.screen_arcs = Default::default();
        self.hit = None;
        self.hit_part = None;
        true
    }

    /// Refines every coarse arc now.
    pub fn refine_all(&mut self) {
        while !self.refine_step(usize::MAX) {}
    }

    /// Refines every coarse arc now if the view draws them larger than coarse arcs are good
    /// for ([`COARSE_MAX_SCALE`]): the app asks after each command.
    pub fn refine_for_view(&mut self) {
        if self.refine_next.is_some() && self.viewport.scale() > COARSE_MAX_SCALE {
            self.refine_all();
        }
    }
}

/// Segments (and dots) in one part of the hit index built in idle time: a part is one grid,
/// built in a few milliseconds (a larger part held a pointer move back while its idle call ran),
/// and a query looks in every part (the world network is ~37 parts).
pub const HIT_PART_PIECES: usize = 20_000;

/// A dataset being made ready for the map a number of pairs at a time: each pair's great
/// circle projected and cut at the seam, then each pair's partner place — the work
/// proportional to the pairs that [`MapState::install`] would otherwise do at once. (The hit
/// index and the search names are made after the data is on the map, in idle time:
/// [`MapState::prepare_when_idle`].)
#[derive(Debug, Clone)]
pub struct DataBuild {
    dataset: Dataset,
    projection: Projection,
    /// The arcs' longest straight piece: [`ARC_COARSE_SEGMENT_M`] for data of more than
    /// [`COARSE_FIRST_PAIRS`] pairs (refined after the first frame), else [`ARC_MAX_SEGMENT_M`].
    segment_m: f64,
    arcs: Vec<Vec<Vec<WorldXY>>>,
    arc_lod: Vec<Vec<Vec<f32>>>,
    arc_bounds: Vec<Bounds>,
    /// Each arc's longest step between two points ([`youcheng_kernels::hit::max_step`]).
    arc_step: Vec<f32>,
    partner_xy: Vec<Option<WorldXY>>,
    /// Each pair's partner place, numbered (for counting places cheaply).
    places: PlaceNumbers,
}

impl DataBuild {
    /// Nothing done yet.
    pub fn new(dataset: Dataset, projection: Projection) -> Self {
        let n = dataset.partnerships.len();
        let coarse = n > COARSE_FIRST_PAIRS;
        Self {
            dataset,
            projection,
            segment_m: if coarse {
                ARC_COARSE_SEGMENT_M
            } else {
                ARC_MAX_SEGMENT_M
            },
            arcs: Vec::with_capacity(n),
            arc_lod: Vec::with_capacity(n),
            arc_bounds: Vec::with_capacity(n),
            arc_step: Vec::with_capacity(n),
            partner_xy: Vec::with_capacity(n),
            places: PlaceNumbers::default(),
        }
    }

    /// Prepares up to `max_pairs` more (arcs, then partner places); `true` once all is done.
    pub fn step(&mut self, max_pairs: usize) -> bool {
        let mut budget = max_pairs.max(1);
        self.step_arcs(&mut budget);
        self.step_places(&mut budget);
        let n = self.dataset.partnerships.len();
        self.arcs.len() >= n && self.places.numbers.len() >= n
    }

    fn step_arcs(&mut self, budget: &mut usize) {
        let all = &self.dataset.partnerships;
        while *budget > 0 && self.arcs.len() < all.len() {
            let i = self.arcs.len();
            let (Some(p), Some((arc, lod, extent, step))) = (
                all.get(i),
                pair_arc(&self.dataset, self.projection, i, self.segment_m),
            ) else {
                break;
            };
            self.arc_lod.push(lod);
            self.arc_bounds.push(extent);
            self.arc_step.push(step);
            self.arcs.push(arc);
            self.partner_xy
                .push(p.location.and_then(|l| self.projection.project(l)));
            *budget -= 1;
        }
    }

    fn step_places(&mut self, budget: &mut usize) {
        let all = &self.dataset.partnerships;
        while *budget > 0 && self.places.numbers.len() < all.len() {
            let Some(p) = all.get(self.places.numbers.len()) else {
                break;
            };
            self.places.push(p);
            *budget -= 1;
        }
    }

    /// (done, total): pairs projected and placed, of twice the pairs.
    pub fn progress(&self) -> (usize, usize) {
        let n = self.dataset.partnerships.len();
        (self.arcs.len() + self.places.numbers.len(), 2 * n)
    }

    /// The dataset being prepared.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }
}

pub(crate) use youcheng_kernels::lod::Bounds;

/// Adds to `hit` one part of about [`HIT_PART_PIECES`] segments: the arcs and partner dots of
/// the pairs from `start` on → the first pair not added.
pub(super) fn index_part(
    hit: &mut HitIndex,
    (arcs, partner_xy): (&[Vec<Vec<WorldXY>>], &[Option<WorldXY>]),
    start: usize,
) -> usize {
    let n = arcs.len();
    let mut end = start;
    let mut pieces = 0;
    while end < n && pieces < HIT_PART_PIECES {
        pieces += arcs
            .get(end)
            .map_or(0, |a| a.iter().map(Vec::len).sum::<usize>())
            + 1;
        end += 1;
    }
    let lines = (start..end).flat_map(|i| {
        arcs.get(i)
            .into_iter()
            .flatten()
            .map(move |piece| (Target::Arc(i), piece.as_slice()))
    });
    let dots = (start..end)
        .filter_map(|i| Some((Target::Partner(i), (*partner_xy.get(i)?)?)))
        .collect::<Vec<_>>();
    hit.add(lines, dots);
    end
}

/// Adds the origins' dots to `hit`: its last part.
pub(super) fn index_origins(hit: &mut HitIndex, origins: &[Option<WorldXY>]) {
    let dots = (origins.iter().enumerate()).filter_map(|(k, w)| Some((Target::Origin(k), (*w)?)));
    hit.add(std::iter::empty::<(Target, &[WorldXY])>(), dots);
}

/// Each origin's dot in world units (`None` where it does not project).
fn origin_dots(dataset: &Dataset, projection: Projection) -> Vec<Option<WorldXY>> {
    dataset
        .cities()
        .iter()
        .map(|c| projection.project(c.location))
        .collect()
}

#[cfg(test)]
pub(crate) use youcheng_kernels::lod::importance;

/// What the map keeps of one pair's arc: its lines, their points' importance, its extent and
/// its longest step.
type PairArc = (Vec<Vec<WorldXY>>, Vec<Vec<f32>>, Bounds, f32);

/// Pair `i`'s arc from its origin to its partner, densified to `segment_m` (see
/// [`youcheng_kernels::lod::arc_geometry`]) with its longest step
/// ([`youcheng_kernels::hit::max_step`]): made alike for the first arcs and when refined.
fn pair_arc(
    dataset: &Dataset,
    projection: Projection,
    i: usize,
    segment_m: f64,
) -> Option<PairArc> {
    let p = dataset.partnerships.get(i)?;
    let ends = (dataset.city_of(p).location, p.location);
    let (arc, lod, extent) = youcheng_kernels::lod::arc_geometry(projection, ends, segment_m);
    let step = youcheng_kernels::hit::max_step(&arc);
    Some((arc, lod, extent, step))
}

/// The area-weighted centre of the largest of `rings` (by the shoelace formula); `None` when
/// every ring is degenerate.
fn largest_ring_centre(rings: &[Vec<WorldXY>]) -> Option<WorldXY> {
    rings
        .iter()
        .filter_map(|r| {
            let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
            for (p, q) in r.iter().zip(r.iter().cycle().skip(1)) {
                let cross = p.x * q.y - q.x * p.y;
                a += cross;
                cx += (p.x + q.x) * cross;
                cy += (p.y + q.y) * cross;
            }
            (a.abs() > 1e-12).then(|| {
                (
                    a.abs(),
                    WorldXY {
                        x: cx / (3.0 * a),
                        y: cy / (3.0 * a),
                    },
                )
            })
        })
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, c)| c)
}
