//! Every pair's arc held where a large arcs layer is rasterised (the page's raster workers), so
//! that a layer is sent as the view and the pairs of each bundle ([`crate::raster::Commands`]
//! tags 4 and 5) rather than as every line's points, and is projected, simplified and culled
//! there, off the page's main thread.
//!
//! A worker is sent the pairs' ends once per dataset (four numbers a pair, ~0.8 MB at the world
//! network's 25,000 pairs, instead of its ~2 million points) and makes the arcs from them with
//! the map's own code ([`super::cache::arc_geometry`]): the same numbers in, the same lines out,
//! so a layer drawn by reference has the pixels the map would draw.

use super::cache::{arc_geometry, Bounds};
use super::scenes::push_arc_lines;
use super::MapState;
use crate::geometry::{LonLat, Projection, WorldXY};
use crate::lines::Polylines;
use crate::raster::ArcSource;
use crate::viewport::ScreenTransform;

/// Arcs made from the pairs' ends (see the module's notes).
#[derive(Debug, Default)]
pub struct ArcStore {
    id: f64,
    arcs: Vec<Vec<Vec<WorldXY>>>,
    lod: Vec<Vec<Vec<f32>>>,
    bounds: Vec<Bounds>,
}

/// Numbers per pair in [`MapState::arc_ends`].
pub const ENDS_PER_PAIR: usize = 4;

impl ArcStore {
    /// The arcs of the pairs whose ends are `ends` ([`MapState::arc_ends`]) in the projection
    /// centred on `central_lon`, known as `id`; an error names what does not read.
    pub fn from_ends(id: f64, central_lon: f64, ends: &[f64]) -> Result<Self, String> {
        if !central_lon.is_finite() || !ends.len().is_multiple_of(ENDS_PER_PAIR) {
            return Err(format!(
                "arc ends: {} numbers, not {ENDS_PER_PAIR} a pair, or a bad meridian",
                ends.len()
            ));
        }
        let projection = Projection { central_lon };
        let n = ends.len() / ENDS_PER_PAIR;
        let mut store = Self {
            id,
            arcs: Vec::with_capacity(n),
            lod: Vec::with_capacity(n),
            bounds: Vec::with_capacity(n),
        };
        for pair in ends.chunks_exact(ENDS_PER_PAIR) {
            let [a, b, c, d] = [0, 1, 2, 3].map(|k| pair.get(k).copied().unwrap_or(f64::NAN));
            let to = (c.is_finite() && d.is_finite()).then(|| LonLat::new(c, d));
            let (arc, lod, extent) = arc_geometry(projection, LonLat::new(a, b), to);
            store.arcs.push(arc);
            store.lod.push(lod);
            store.bounds.push(extent);
        }
        Ok(store)
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.arcs.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.arcs.is_empty()
    }
}

impl ArcSource for ArcStore {
    fn arcs_id(&self) -> f64 {
        self.id
    }

    fn arc_lines(&self, pair: usize, tf: &ScreenTransform, clip: [f64; 4], out: &mut Polylines) {
        if let (Some(arc), Some(lod), Some(b)) = (
            self.arcs.get(pair),
            self.lod.get(pair),
            self.bounds.get(pair),
        ) {
            push_arc_lines(out, (arc, lod, b), tf, clip);
        }
    }
}

impl MapState {
    /// Each pair's ends, in data order, for [`ArcStore::from_ends`]: its origin's longitude
    /// and latitude, then its partner's (NaN for a partner with no place).
    pub fn arc_ends(&self) -> Vec<f64> {
        let data = &self.dataset;
        let mut out = Vec::with_capacity(data.partnerships.len() * ENDS_PER_PAIR);
        for p in &data.partnerships {
            let from = data.city_of(p).location;
            let to = p.location.map_or([f64::NAN; 2], |l| [l.lon, l.lat]);
            out.extend([from.lon, from.lat, to[0], to[1]]);
        }
        out
    }

    /// Which arcs the map holds: a new number each time the data (and with it the arcs) is
    /// replaced, for [`ArcSource::arcs_id`].
    pub fn arcs_version(&self) -> u64 {
        self.arcs_version
    }
}

/// The map draws a layer's arcs named by number from its own arcs (when a worker could not).
/// Its id is its [`MapState::arcs_version`]; the id a worker's copy has is the page's.
pub struct MapArcs<'a> {
    /// The map.
    pub map: &'a MapState,
    /// The id the list names.
    pub id: f64,
}

impl ArcSource for MapArcs<'_> {
    fn arcs_id(&self) -> f64 {
        self.id
    }

    fn arc_lines(&self, pair: usize, tf: &ScreenTransform, clip: [f64; 4], out: &mut Polylines) {
        let m = self.map;
        if let (Some(arc), Some(lod), Some(b)) = (
            m.arcs.get(pair),
            m.arc_lod.get(pair),
            m.arc_bounds.get(pair),
        ) {
            push_arc_lines(out, (arc, lod, b), tf, clip);
        }
    }
}
