//! Every pair's arc held where a large arcs layer is rasterised (the page's raster workers), so
//! that a layer is sent as the view and the pairs of each bundle ([`crate::raster::Commands`]
//! tags 4 and 5) rather than as every line's points, and is projected, simplified and culled
//! there, off the page's main thread.
//!
//! A worker is sent the map's arcs once per dataset as they are ([`MapState::arc_numbers`]: each
//! line's points in world units with their importance, ~20 MB at the world network's 25,000
//! pairs, copied in a few ms), not made again there from the pairs' ends (~150 ms of each
//! worker's core, which on a two-core device slowed the page beside it): the same numbers, so a
//! layer drawn by reference has the pixels the map would draw.

use super::scenes::push_arc_lines;
use super::MapState;
use crate::lines::Polylines;
use crate::raster::ArcSource;
use crate::viewport::ScreenTransform;
pub use youcheng_kernels::arcs::ArcPacker;
use youcheng_kernels::arcs::FlatArcs;

/// The map's arcs as a worker holds them (see the module's notes), known by the page's id.
#[derive(Debug, Default)]
pub struct ArcStore {
    id: f64,
    arcs: FlatArcs,
}

impl ArcStore {
    /// The arcs in `numbers` ([`MapState::arc_numbers`]), known as `id`; an error names where
    /// they do not read (a count that is no count, a point that is not finite, numbers left
    /// over or missing).
    pub fn from_numbers(id: f64, numbers: &[f64]) -> Result<Self, String> {
        let arcs = FlatArcs::from_numbers(numbers)?;
        Ok(Self { id, arcs })
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
        if let Some((lines, extent)) = self.arcs.lines(pair) {
            push_arc_lines(out, (lines, extent), tf, clip);
        }
    }
}

impl MapState {
    /// The map's arcs as numbers, for [`ArcStore::from_numbers`]: the pair count, then per pair
    /// (data order) its line count, and per line its point count and each point's x, y (world
    /// units) and importance.
    pub fn arc_numbers(&self) -> Vec<f64> {
        FlatArcs::pack(&self.arcs, &self.arc_lod)
    }

    /// [`MapState::arc_numbers`] a number of pairs at a time: a packer for these arcs, then
    /// [`MapState::pack_arcs_step`] until it says all are in.
    pub fn arc_packer(&self) -> ArcPacker {
        ArcPacker::new(&self.arcs)
    }

    /// Packs up to `pairs` more pairs of the map's arcs into `packer` (made by
    /// [`MapState::arc_packer`] for these arcs) → whether all are in.
    pub fn pack_arcs_step(&self, packer: &mut ArcPacker, pairs: usize) -> bool {
        packer.step(&self.arcs, &self.arc_lod, pairs)
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
            let lines = arc
                .iter()
                .map(Vec::as_slice)
                .zip(lod.iter().map(Vec::as_slice));
            push_arc_lines(out, (lines, b), tf, clip);
        }
    }
}
