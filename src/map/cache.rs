//! The geometry cache: the basemap and every pair's great circle projected once, in world units,
//! when the data or the basemap changes; a frame only maps them to pixels.

use super::{Emphasis, MapState, ProjectedShape, ARC_MAX_SEGMENT_M};
use crate::basemap::Basemap;
use crate::dataset::Dataset;
use crate::geometry::{clip_ring, great_circle, split_line, LonLat, Projection, WorldXY};
use crate::search::{search_key, SearchIndex};
use crate::style::FIRST_DECADE;

impl MapState {
    /// Projects and clips the basemap at the seam, once (world units).
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

    /// Replaces the data: projects every pair's great circle and dots, builds the search keys, clears the emphasis and refilters.
    pub fn set_dataset(&mut self, dataset: Dataset) {
        let mut build = DataBuild::new(dataset, self.projection);
        while !build.step(usize::MAX) {}
        self.install(build);
    }

    /// Replaces the data with one prepared by a [`DataBuild`] (finishing it if need be): what
    /// is left is linear and cheap (the dots, the decades, the filter).
    pub fn install(&mut self, mut build: DataBuild) {
        if build.projection != self.projection {
            build = DataBuild::new(build.dataset, self.projection);
        }
        while !build.step(usize::MAX) {}
        let DataBuild {
            dataset,
            projection,
            arcs,
            keys,
        } = build;
        self.arcs = arcs;
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
        self.search = SearchIndex::from_keys(keys);
        self.dataset = dataset;
        self.emphasis = Emphasis::default();
        self.refresh_visible();
    }
}

/// A dataset being made ready for the map a number of pairs at a time: each pair's great
/// circle projected and cut at the seam, then each pair's search keys (pinyin included) — the
/// work proportional to the pairs that [`MapState::install`] would otherwise do at once.
#[derive(Debug, Clone)]
pub struct DataBuild {
    dataset: Dataset,
    projection: Projection,
    arcs: Vec<Vec<Vec<WorldXY>>>,
    keys: Vec<String>,
}

impl DataBuild {
    /// Nothing done yet.
    pub fn new(dataset: Dataset, projection: Projection) -> Self {
        let n = dataset.partnerships.len();
        Self {
            dataset,
            projection,
            arcs: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
        }
    }

    /// Prepares up to `max_pairs` more (arcs first, then search keys); `true` once all are.
    pub fn step(&mut self, max_pairs: usize) -> bool {
        let all = &self.dataset.partnerships;
        let projection = self.projection;
        let mut budget = max_pairs.max(1);
        while budget > 0 && self.arcs.len() < all.len() {
            let Some(p) = all.get(self.arcs.len()) else {
                break;
            };
            let from = self.dataset.city_of(p).location;
            self.arcs.push(arc(projection, from, p.location));
            budget -= 1;
        }
        while budget > 0 && self.keys.len() < all.len() {
            let Some(p) = all.get(self.keys.len()) else {
                break;
            };
            self.keys.push(search_key(&self.dataset.gazetteer, p));
            budget -= 1;
        }
        self.keys.len() >= all.len() && self.arcs.len() >= all.len()
    }

    /// (done, total): pairs projected plus pairs keyed, of twice the pairs.
    pub fn progress(&self) -> (usize, usize) {
        let n = self.dataset.partnerships.len();
        (self.arcs.len() + self.keys.len(), 2 * n)
    }

    /// The dataset being prepared.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }
}

/// One pair's great circle in world units, cut at the seam (nothing when the place is unknown).
fn arc(projection: Projection, from: LonLat, to: Option<LonLat>) -> Vec<Vec<WorldXY>> {
    let Some(to) = to else {
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
}
