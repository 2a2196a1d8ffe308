//! The geometry cache: the basemap and every pair's great circle projected once, in world units,
//! when the data or the basemap changes; a frame only maps them to pixels.

use super::picking::{add_origins, add_pairs};
use super::{Emphasis, MapState, ProjectedShape, ARC_MAX_SEGMENT_M};
use crate::basemap::Basemap;
use crate::dataset::{Dataset, PlaceNumbers};
use crate::filter::Filter;
use crate::geometry::{clip_ring, great_circle, split_line, LonLat, Projection, WorldXY};
use crate::hit::HitIndex;
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
        let mut build = DataBuild::new(dataset, self.projection, self.filter.clone());
        while !build.step(usize::MAX) {}
        self.install(build);
    }

    /// Replaces the data with one prepared by a [`DataBuild`] (finishing it if need be): what
    /// is left is linear and cheap (the dots, the decades, the filter). The hit index built with
    /// it is kept when the filter is still the one it was built for.
    pub fn install(&mut self, mut build: DataBuild) {
        if build.projection != self.projection {
            build = DataBuild::new(build.dataset, self.projection, self.filter.clone());
        }
        while !build.step(usize::MAX) {}
        let DataBuild {
            dataset,
            projection,
            arcs,
            keys,
            places,
            search,
            filter,
            visible,
            hit,
            ..
        } = build;
        self.arcs = arcs;
        self.partner_xy = partner_dots(&dataset, projection);
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
        self.search = search.unwrap_or_else(|| SearchIndex::from_keys(keys));
        self.places = places.numbers;
        self.dataset = dataset;
        self.emphasis = Emphasis::default();
        self.refresh_visible();
        if filter == self.filter && visible.as_deref() == Some(self.visible()) {
            self.hit = Some(hit);
        }
    }
}

/// A dataset being made ready for the map a number of pairs at a time: each pair's great
/// circle projected and cut at the seam, then each pair's search keys (pinyin included), then
/// the hit index of the pairs the filter in force shows — the work proportional to the pairs
/// that [`MapState::install`] would otherwise do at once.
#[derive(Debug, Clone)]
pub struct DataBuild {
    dataset: Dataset,
    projection: Projection,
    arcs: Vec<Vec<Vec<WorldXY>>>,
    keys: Vec<String>,
    /// Each pair's partner place, numbered with its keys (for counting places cheaply).
    places: PlaceNumbers,
    /// The keys as an index, once all are made.
    search: Option<SearchIndex>,
    /// The filter the hit index is built for, and the pairs it shows (once the keys are made).
    filter: Filter,
    visible: Option<Vec<usize>>,
    partner_xy: Vec<Option<WorldXY>>,
    hit: HitIndex,
    /// Visible pairs indexed so far.
    indexed: usize,
    /// The origin dots are in the index.
    origins_indexed: bool,
}

impl DataBuild {
    /// Nothing done yet; the hit index will be built for `filter`.
    pub fn new(dataset: Dataset, projection: Projection, filter: Filter) -> Self {
        let n = dataset.partnerships.len();
        Self {
            dataset,
            projection,
            arcs: Vec::with_capacity(n),
            keys: Vec::with_capacity(n),
            places: PlaceNumbers::default(),
            search: None,
            filter,
            visible: None,
            partner_xy: Vec::new(),
            hit: HitIndex::default(),
            indexed: 0,
            origins_indexed: false,
        }
    }

    /// Prepares up to `max_pairs` more (arcs, then search keys, then the hit index); `true` once
    /// all is done.
    pub fn step(&mut self, max_pairs: usize) -> bool {
        if self.origins_indexed {
            return true;
        }
        let mut budget = max_pairs.max(1);
        self.step_arcs(&mut budget);
        self.step_keys(&mut budget);
        if budget > 0 {
            self.step_index(budget);
        }
        self.origins_indexed
    }

    fn step_arcs(&mut self, budget: &mut usize) {
        let all = &self.dataset.partnerships;
        while *budget > 0 && self.arcs.len() < all.len() {
            let Some(p) = all.get(self.arcs.len()) else {
                break;
            };
            let from = self.dataset.city_of(p).location;
            self.arcs.push(arc(self.projection, from, p.location));
            *budget -= 1;
        }
    }

    fn step_keys(&mut self, budget: &mut usize) {
        if self.search.is_some() {
            return; // made, and moved into the index
        }
        let all = &self.dataset.partnerships;
        while *budget > 0 && self.keys.len() < all.len() {
            let Some(p) = all.get(self.keys.len()) else {
                break;
            };
            self.keys.push(search_key(&self.dataset.gazetteer, p));
            self.places.push(p);
            *budget -= 1;
        }
    }

    /// Indexes up to `budget` visible pairs (as one more tree), then the origins.
    fn step_index(&mut self, budget: usize) {
        if self.search.is_none() && self.keys.len() < self.dataset.partnerships.len() {
            return; // the keys first: the filter matches text against them
        }
        let search = self
            .search
            .get_or_insert_with(|| SearchIndex::from_keys(std::mem::take(&mut self.keys)));
        let visible = self
            .visible
            .get_or_insert_with(|| self.filter.apply_indexed(&self.dataset, search));
        if self.partner_xy.is_empty() {
            self.partner_xy = partner_dots(&self.dataset, self.projection);
        }
        let end = self.indexed.saturating_add(budget).min(visible.len());
        if let Some(part) = visible.get(self.indexed..end) {
            if !part.is_empty() {
                add_pairs(&mut self.hit, &self.arcs, &self.partner_xy, part);
            }
        }
        self.indexed = end;
        if self.indexed >= visible.len() && !self.origins_indexed {
            let mut used = vec![false; self.dataset.cities().len()];
            for p in visible
                .iter()
                .filter_map(|&i| self.dataset.partnerships.get(i))
            {
                if let Some(u) = used.get_mut(p.city) {
                    *u = true;
                }
            }
            let origins: Vec<usize> = (0..used.len())
                .filter(|&k| used.get(k) == Some(&true))
                .collect();
            let origin_xy: Vec<Option<WorldXY>> = self
                .dataset
                .cities()
                .iter()
                .map(|c| self.projection.project(c.location))
                .collect();
            add_origins(&mut self.hit, &origin_xy, &origins);
            self.origins_indexed = true;
        }
    }

    /// (done, total): pairs projected, keyed and indexed, of twice the pairs plus those shown.
    pub fn progress(&self) -> (usize, usize) {
        let n = self.dataset.partnerships.len();
        let keyed = if self.search.is_some() {
            n
        } else {
            self.keys.len()
        };
        let shown = self.visible.as_ref().map_or(n, Vec::len);
        (self.arcs.len() + keyed + self.indexed, 2 * n + shown)
    }

    /// The dataset being prepared.
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }
}

/// Each pair's partner dot in world units (`None` when the place is unknown).
fn partner_dots(dataset: &Dataset, projection: Projection) -> Vec<Option<WorldXY>> {
    dataset
        .partnerships
        .iter()
        .map(|p| p.location.and_then(|l| projection.project(l)))
        .collect()
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
