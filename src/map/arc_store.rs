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

use super::cache::{bounds, Bounds};
use super::scenes::push_arc_lines;
use super::MapState;
use crate::geometry::WorldXY;
use crate::lines::Polylines;
use crate::raster::ArcSource;
use crate::viewport::ScreenTransform;

/// The map's arcs as a worker holds them (see the module's notes): every point in one buffer,
/// each line a run of it, each pair a run of lines.
#[derive(Debug, Default)]
pub struct ArcStore {
    id: f64,
    points: Vec<WorldXY>,
    /// Per point: its importance (see [`super::cache::importance`]).
    lod: Vec<f32>,
    /// Per line: where it ends in `points` (it starts where the last one ended).
    line_ends: Vec<usize>,
    /// Per pair: where its lines end in `line_ends`, and its extent.
    pairs: Vec<(usize, Bounds)>,
}

impl ArcStore {
    /// The arcs in `numbers` ([`MapState::arc_numbers`]), known as `id`; an error names where
    /// they do not read (a count that is no count, a point that is not finite, numbers left
    /// over or missing).
    pub fn from_numbers(id: f64, numbers: &[f64]) -> Result<Self, String> {
        let bad = |what: &str, at: usize| format!("map arcs: bad {what} at {at}");
        let mut k = 0;
        let count = |k: &mut usize, what: &str| -> Result<usize, String> {
            let at = *k;
            *k += 1;
            match numbers.get(at) {
                Some(&v) if v >= 0.0 && v.fract() == 0.0 && v <= numbers.len() as f64 => {
                    Ok(v as usize)
                }
                _ => Err(bad(what, at)),
            }
        };
        let pairs = count(&mut k, "pair count")?;
        let mut store = Self {
            id,
            pairs: Vec::with_capacity(pairs),
            // At most this many points (each takes three numbers).
            points: Vec::with_capacity(numbers.len() / 3),
            lod: Vec::with_capacity(numbers.len() / 3),
            line_ends: Vec::new(),
        };
        for _ in 0..pairs {
            let lines = count(&mut k, "line count")?;
            let first = store.points.len();
            for _ in 0..lines {
                let n = count(&mut k, "point count")?;
                let at = k;
                let values = (k.checked_add(3 * n))
                    .and_then(|end| numbers.get(k..end))
                    .ok_or_else(|| bad("line", at))?;
                k += 3 * n;
                for p in values.chunks_exact(3) {
                    let [x, y, i] = [0, 1, 2].map(|j| p.get(j).copied().unwrap_or(f64::NAN));
                    if !(x.is_finite() && y.is_finite()) || i.is_nan() {
                        return Err(bad("point", at));
                    }
                    store.points.push(WorldXY { x, y });
                    store.lod.push(i as f32);
                }
                store.line_ends.push(store.points.len());
            }
            let extent = bounds(store.points.get(first..).unwrap_or_default().iter());
            store.pairs.push((store.line_ends.len(), extent));
        }
        if k != numbers.len() {
            return Err(bad("end (numbers left over)", k));
        }
        Ok(store)
    }

    /// How many pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

impl ArcSource for ArcStore {
    fn arcs_id(&self) -> f64 {
        self.id
    }

    fn arc_lines(&self, pair: usize, tf: &ScreenTransform, clip: [f64; 4], out: &mut Polylines) {
        let Some(&(end, extent)) = self.pairs.get(pair) else {
            return;
        };
        let start = (pair.checked_sub(1))
            .and_then(|p| self.pairs.get(p))
            .map_or(0, |&(e, _)| e);
        let mut from = (start.checked_sub(1))
            .and_then(|l| self.line_ends.get(l))
            .copied()
            .unwrap_or(0);
        let lines = self
            .line_ends
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .map(|&to| {
                let range = from..to;
                from = to;
                (
                    self.points.get(range.clone()).unwrap_or_default(),
                    self.lod.get(range).unwrap_or_default(),
                )
            });
        push_arc_lines(out, (lines, &extent), tf, clip);
    }
}

impl MapState {
    /// The map's arcs as numbers, for [`ArcStore::from_numbers`]: the pair count, then per pair
    /// (data order) its line count, and per line its point count and each point's x, y (world
    /// units) and importance.
    pub fn arc_numbers(&self) -> Vec<f64> {
        let points: usize = self.arcs.iter().flatten().map(Vec::len).sum();
        let lines: usize = self.arcs.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(1 + self.arcs.len() + lines + 3 * points);
        out.push(self.arcs.len() as f64);
        for (i, arc) in self.arcs.iter().enumerate() {
            let lod = self.arc_lod.get(i).map_or(&[][..], Vec::as_slice);
            out.push(arc.len() as f64);
            for (k, line) in arc.iter().enumerate() {
                let imp = lod.get(k).map_or(&[][..], Vec::as_slice);
                out.push(line.len() as f64);
                for (j, p) in line.iter().enumerate() {
                    out.extend([p.x, p.y, f64::from(imp.get(j).copied().unwrap_or(0.0))]);
                }
            }
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
            let lines = arc
                .iter()
                .map(Vec::as_slice)
                .zip(lod.iter().map(Vec::as_slice));
            push_arc_lines(out, (lines, b), tf, clip);
        }
    }
}
