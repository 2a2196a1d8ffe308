//! Every pair's arc as numbers (to send to a worker) and read back into flat buffers: every
//! point in one buffer, each line a run of it, each pair a run of lines. The core's map packs its
//! arcs here and a raster worker reads them (see the core's `ArcStore`): ~20 MB at the world
//! network, where packing and reading at the module's size-tuned opt-level took ~50 ms each.

use crate::lod::{bounds, Bounds};
use crate::WorldXY;

/// A line's points (world units) with each one's importance.
pub type Line<'a> = (&'a [WorldXY], &'a [f32]);

/// Arcs read from numbers (see [`FlatArcs::pack`]).
#[derive(Debug, Default)]
pub struct FlatArcs {
    points: Vec<WorldXY>,
    /// Per point: its importance (see [`crate::lod::importance`]).
    lod: Vec<f32>,
    /// Per line: where it ends in `points` (it starts where the last one ended).
    line_ends: Vec<usize>,
    /// Per pair: where its lines end in `line_ends`, and its extent.
    pairs: Vec<(usize, Bounds)>,
}

impl FlatArcs {
    /// `arcs` (per pair, its lines of points in world units) with each point's importance
    /// `lod` as numbers: the pair count, then per pair its line count, and per line its point
    /// count and each point's x, y and importance. [`ArcPacker`] makes the same a few pairs at
    /// a time.
    pub fn pack(arcs: &[Vec<Vec<WorldXY>>], lod: &[Vec<Vec<f32>>]) -> Vec<f64> {
        let mut packer = ArcPacker::new(arcs);
        packer.step(arcs, lod, usize::MAX);
        packer.out
    }

    /// The arcs in `numbers` ([`FlatArcs::pack`]); an error names where they do not read (a
    /// count that is no count, a point that is not finite, numbers left over or missing).
    pub fn from_numbers(numbers: &[f64]) -> Result<Self, String> {
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

    /// Pair `pair`'s lines (each with its points' importance) and its extent; `None` for a
    /// number that is no pair.
    pub fn lines(&self, pair: usize) -> Option<(impl Iterator<Item = Line<'_>>, &Bounds)> {
        let (end, extent) = self.pairs.get(pair)?;
        let start = (pair.checked_sub(1))
            .and_then(|p| self.pairs.get(p))
            .map_or(0, |&(e, _)| e);
        let mut from = (start.checked_sub(1))
            .and_then(|l| self.line_ends.get(l))
            .copied()
            .unwrap_or(0);
        let lines = (self.line_ends.get(start..*end).unwrap_or_default().iter()).map(move |&to| {
            let range = from..to;
            from = to;
            (
                self.points.get(range.clone()).unwrap_or_default(),
                self.lod.get(range).unwrap_or_default(),
            )
        });
        Some((lines, extent))
    }
}

/// [`FlatArcs::pack`] a number of pairs at a time (the world network's ~20 MB of numbers took
/// ~20 ms at once on the page's main thread): give each step the same arcs.
#[derive(Debug, Default)]
pub struct ArcPacker {
    out: Vec<f64>,
    /// The next pair to pack.
    next: usize,
}

impl ArcPacker {
    /// Nothing packed yet but the pair count (room made for all of `arcs`' numbers).
    pub fn new(arcs: &[Vec<Vec<WorldXY>>]) -> Self {
        let points: usize = arcs.iter().flatten().map(Vec::len).sum();
        let lines: usize = arcs.iter().map(Vec::len).sum();
        let mut out = Vec::with_capacity(1 + arcs.len() + lines + 3 * points);
        out.push(arcs.len() as f64);
        Self { out, next: 0 }
    }

    /// Packs up to `pairs` more pairs of `arcs` (with their points' importance `lod`) → whether
    /// all are in.
    pub fn step(
        &mut self,
        arcs: &[Vec<Vec<WorldXY>>],
        lod: &[Vec<Vec<f32>>],
        pairs: usize,
    ) -> bool {
        let end = self.next.saturating_add(pairs.max(1)).min(arcs.len());
        for i in self.next..end {
            let arc = arcs.get(i).map_or(&[][..], Vec::as_slice);
            let lod = lod.get(i).map_or(&[][..], Vec::as_slice);
            self.out.push(arc.len() as f64);
            for (k, line) in arc.iter().enumerate() {
                let imp = lod.get(k).map_or(&[][..], Vec::as_slice);
                self.out.push(line.len() as f64);
                for (j, p) in line.iter().enumerate() {
                    let i = f64::from(imp.get(j).copied().unwrap_or(0.0));
                    self.out.extend([p.x, p.y, i]);
                }
            }
        }
        self.next = end;
        self.done(arcs.len())
    }

    /// Whether every one of `pairs` pairs is in.
    fn done(&self, pairs: usize) -> bool {
        self.next >= pairs
    }

    /// The numbers packed so far (all of them once [`ArcPacker::step`] says so).
    pub fn numbers(&self) -> &[f64] {
        &self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(x: f64, y: f64) -> WorldXY {
        WorldXY { x, y }
    }

    #[test]
    fn arcs_packed_in_steps_are_the_arcs_packed_at_once_and_read_back_as_they_were() {
        // Five pairs: one of two lines (cut at the seam), one of none (no place), three of one.
        let arcs = vec![
            vec![
                vec![w(0.1, 0.2), w(0.3, 0.4)],
                vec![w(-3.0, 0.5), w(-2.9, 0.6), w(-2.8, 0.6)],
            ],
            vec![],
            vec![vec![w(1.0, 1.0), w(1.5, 1.2)]],
            vec![vec![w(2.0, -1.0), w(2.1, -1.1), w(2.2, -1.0)]],
            vec![vec![w(0.0, 0.0), w(0.0, 0.1)]],
        ];
        let lod: Vec<Vec<Vec<f32>>> = arcs
            .iter()
            .map(|a| a.iter().map(|l| crate::lod::importance(l)).collect())
            .collect();
        let whole = FlatArcs::pack(&arcs, &lod);
        for step in [1, 2, 3, 10] {
            let mut packer = ArcPacker::new(&arcs);
            let mut calls = 1;
            while !packer.step(&arcs, &lod, step) {
                calls += 1;
            }
            assert_eq!(packer.numbers(), &whole[..], "{step} a step");
            assert_eq!(calls, arcs.len().div_ceil(step), "{step} a step");
        }
        let read = FlatArcs::from_numbers(&whole).expect("reads");
        assert_eq!(read.len(), arcs.len());
        for (i, arc) in arcs.iter().enumerate() {
            let (lines, extent) = read.lines(i).expect("a pair");
            let lines: Vec<_> = lines.map(|(p, l)| (p.to_vec(), l.to_vec())).collect();
            let want: Vec<_> = arc.iter().cloned().zip(lod[i].iter().cloned()).collect();
            assert_eq!(lines, want, "pair {i}");
            assert_eq!(*extent, bounds(arc.iter().flatten()), "pair {i}");
        }
        assert!(read.lines(arcs.len()).is_none());
    }
}
