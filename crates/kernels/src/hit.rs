//! Hit-testing: what is under the pointer. A uniform grid over the arcs' segments and the
//! partner and origin dots. The map builds it once per data change in world units over every
//! pair, so it stays valid however the view pans or zooms and whatever the filter shows (a query
//! says which targets are visible); a query turns the pointer into world units and the reach in
//! pixels into world units.
//!
//! A large network's index can be built a part at a time ([`HitIndex::add`], one grid per
//! part, as a load in steps does): a query looks in every part and breaks ties the same way
//! however the parts were cut (rank, then distance, then the target's index).
//!
//! Why a grid and not the R*-tree (`rstar`) this used before: a grid is built in two linear
//! passes (count, then fill), with no sorting: at the world twin-city network's ~800,000
//! segments that is tens of milliseconds where the tree's bulk load took about a second, and a
//! second of main-thread work on the first hover is what a visitor feels. Queries are as fast.

use crate::screen::ScreenPt;
use crate::WorldXY;

/// A point in some plane (screen pixels or world units): the index does not care which, as
/// long as one index uses one.
pub trait Planar: Copy {
    /// The point as `[x, y]` in world units.
    fn xy(self) -> [f64; 2];
}

impl Planar for ScreenPt {
    fn xy(self) -> [f64; 2] {
        [self.x, self.y]
    }
}

impl Planar for WorldXY {
    fn xy(self) -> [f64; 2] {
        [self.x, self.y]
    }
}

/// The longest step between two consecutive points of any of `lines`, along either axis (the
/// larger of |Δx| and |Δy|: every point of a segment lies within it of the segment's start),
/// rounded up to `f32`; infinite when a point is not finite. [`HitIndex::hit_with`] passes over
/// the segments of a line that cannot come within reach with it.
pub fn max_step<P: Planar>(lines: &[impl AsRef<[P]>]) -> f32 {
    let mut step = 0.0_f64;
    for line in lines {
        for w in line.as_ref().windows(2) {
            if let [a, b] = w {
                let (a, b) = (a.xy(), b.xy());
                let s = (b[0] - a[0]).abs().max((b[1] - a[1]).abs());
                if !s.is_finite() {
                    return f32::INFINITY;
                }
                step = step.max(s);
            }
        }
    }
    // Up: `as f32` rounds to the nearest, at most 2⁻²⁴ of it below.
    (step * (1.0 + 1e-6)) as f32
}

/// Something the pointer can be over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A Shandong origin (index into the dataset's cities).
    Origin(usize),
    /// A partner dot (index into the dataset's partnerships).
    Partner(usize),
    /// An arc (index into the dataset's partnerships).
    Arc(usize),
}

impl Target {
    /// Dots win over lines when both are within reach.
    fn rank(self) -> u8 {
        match self {
            Target::Origin(_) => 0,
            Target::Partner(_) => 1,
            Target::Arc(_) => 2,
        }
    }

    /// The index it holds: ties go to the first in the data, however the index was cut.
    fn index(self) -> usize {
        match self {
            Target::Origin(i) | Target::Partner(i) | Target::Arc(i) => i,
        }
    }

    /// The order of the answer among targets within reach: dots first, then the nearest, then
    /// the first in the data.
    fn key(self, d2: f64) -> (u8, f64, usize) {
        (self.rank(), d2, self.index())
    }
}

/// A segment (or, with `a == b`, a dot) that belongs to a target. `f32` halves the memory of a
/// large network; in world units (radians) that is still well under a metre.
#[derive(Debug, Clone, Copy)]
struct Piece {
    a: [f32; 2],
    b: [f32; 2],
    target: Target,
}

impl Piece {
    /// The piece from `a` to `b` of `target` as the index keeps it (`f32` ends).
    fn new(target: Target, a: [f64; 2], b: [f64; 2]) -> Self {
        let f = |p: [f64; 2]| [p[0] as f32, p[1] as f32];
        Self {
            a: f(a),
            b: f(b),
            target,
        }
    }

    /// Whether both ends are finite (an index leaves out the others).
    fn is_finite(&self) -> bool {
        self.a.iter().chain(&self.b).all(|v| v.is_finite())
    }

    fn distance_2(&self, p: [f64; 2]) -> f64 {
        let (ax, ay) = (f64::from(self.a[0]), f64::from(self.a[1]));
        let (dx, dy) = (f64::from(self.b[0]) - ax, f64::from(self.b[1]) - ay);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((p[0] - ax) * dx + (p[1] - ay) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (cx, cy) = (ax + t * dx - p[0], ay + t * dy - p[1]);
        cx * cx + cy * cy
    }

    fn bounds(&self) -> [f64; 4] {
        let (ax, ay, bx, by) = (
            f64::from(self.a[0]),
            f64::from(self.a[1]),
            f64::from(self.b[0]),
            f64::from(self.b[1]),
        );
        [ax.min(bx), ay.min(by), ax.max(bx), ay.max(by)]
    }
}

/// A piece covering more cells than this goes into a short list every query checks (a grid
/// sized for short segments would otherwise repeat a long one in many cells).
const MAX_CELLS_PER_PIECE: usize = 64;
/// Cells per piece, on average: about two pieces per cell.
const PIECES_PER_CELL: usize = 2;
/// At most this many cells (8 MB of offsets), whatever the input.
const MAX_CELLS: usize = 1 << 21;

/// The index over the geometry: one grid, or several when it was built a part at a time.
#[derive(Debug, Default, Clone)]
pub struct HitIndex {
    parts: Vec<Grid>,
}

/// One grid over a part of the geometry.
#[derive(Debug, Default, Clone)]
struct Grid {
    pieces: Vec<Piece>,
    /// Lower-left corner of the grid and the side of a cell, in world units.
    origin: [f64; 2],
    cell: f64,
    cols: usize,
    rows: usize,
    /// Cell `c`'s pieces are `items[starts[c]..starts[c + 1]]` (compressed rows).
    starts: Vec<u32>,
    items: Vec<u32>,
    /// Pieces too long for the grid, checked by every query.
    long: Vec<u32>,
}

impl HitIndex {
    /// Builds from polylines (arcs) and dots; non-finite points are left out.
    pub fn new<'a, P: Planar + 'a>(
        lines: impl IntoIterator<Item = (Target, &'a [P])>,
        dots: impl IntoIterator<Item = (Target, P)>,
    ) -> Self {
        let mut index = Self::default();
        index.add(lines, dots);
        index
    }

    /// Adds polylines and dots as one more part (an index built in steps; a query looks in
    /// every part).
    pub fn add<'a, P: Planar + 'a>(
        &mut self,
        lines: impl IntoIterator<Item = (Target, &'a [P])>,
        dots: impl IntoIterator<Item = (Target, P)>,
    ) {
        let grid = Grid::new(lines, dots);
        if !grid.pieces.is_empty() {
            self.parts.push(grid);
        }
    }

    /// The target within `radius` of `p` (in the index's units): origins before partners
    /// before arcs, the nearest of the best kind, the first in the data of equals. `None` when
    /// nothing is that close.
    pub fn hit(&self, p: impl Planar, radius: f64) -> Option<Target> {
        self.hit_where(p, radius, |_| true)
    }

    /// As [`HitIndex::hit`], among the targets `shown` accepts (what the filter shows).
    pub fn hit_where(
        &self,
        p: impl Planar,
        radius: f64,
        shown: impl Fn(Target) -> bool,
    ) -> Option<Target> {
        let nothing_else = std::iter::empty::<(Target, &[WorldXY], f32)>();
        self.hit_with(p, radius, shown, (nothing_else, std::iter::empty()))
    }

    /// As [`HitIndex::hit_where`], also among polylines and dots not in the index (yet), each
    /// looked at as the index would look at it (the same pieces, the same order and ties): a
    /// query while the index is being built a part at a time answers as the finished index
    /// will, without waiting for it. Each line comes with its longest step between two points
    /// along either axis ([`max_step`], or more), with which the segments that
    /// cannot come within reach are passed over several at a time; the caller may leave out
    /// lines it knows to be out of reach (an arc whose extent is).
    pub fn hit_with<'a, P: Planar + 'a>(
        &self,
        p: impl Planar,
        radius: f64,
        shown: impl Fn(Target) -> bool,
        (lines, dots): (
            impl IntoIterator<Item = (Target, &'a [P], f32)>,
            impl IntoIterator<Item = (Target, P)>,
        ),
    ) -> Option<Target> {
        let q = p.xy();
        if !(q[0].is_finite() && q[1].is_finite() && radius.is_finite() && radius >= 0.0) {
            return None;
        }
        let mut best = Nearest::new(q, radius, &shown);
        // The margin covers the index's rounding to `f32`.
        let m = radius + 1e-5 * (1.0 + q[0].abs().max(q[1].abs()));
        let (x0, x1, y0, y1) = (q[0] - m, q[0] + m, q[1] - m, q[1] + m);
        for (target, line, step) in lines {
            let step = f64::from(step);
            let mut k = 0;
            while let (Some(a), Some(b)) = (line.get(k), line.get(k + 1)) {
                let (a, b) = (a.xy(), b.xy());
                // Every point of segment k + t lies at least d − (t + 1) · step from the query
                // along one axis: while that is beyond `m`, the segment is out of reach, and
                // the ceiling of (d − step − m) / step segments are passed over at once.
                let d = (a[0] - q[0]).abs().max((a[1] - q[1]).abs());
                if d > m + step {
                    let skip = ((d - m - step) / step).ceil();
                    k = k.saturating_add(if skip < 1.0 { 1 } else { skip as usize });
                    continue;
                }
                k += 1;
                // A segment whose ends both lie beyond the same side of the query's box, before
                // its distance is measured.
                if (a[0] < x0 && b[0] < x0)
                    || (a[0] > x1 && b[0] > x1)
                    || (a[1] < y0 && b[1] < y0)
                    || (a[1] > y1 && b[1] > y1)
                {
                    continue;
                }
                best.consider_new(Piece::new(target, a, b));
            }
        }
        for (target, p) in dots {
            best.consider_new(Piece::new(target, p.xy(), p.xy()));
        }
        let scanned = best.best;
        self.parts
            .iter()
            .filter_map(|g| g.nearest(q, radius, &shown))
            .chain(scanned)
            .min_by(|a, b| {
                a.0.key(a.1)
                    .partial_cmp(&b.0.key(b.1))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(t, _)| t)
    }

    /// Number of indexed pieces (segments and dots), for benchmarks.
    pub fn len(&self) -> usize {
        self.parts.iter().map(|g| g.pieces.len()).sum()
    }

    /// Whether the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// Number of parts (grids) it was built in.
    pub fn parts(&self) -> usize {
        self.parts.len()
    }
}

impl Grid {
    fn new<'a, P: Planar + 'a>(
        lines: impl IntoIterator<Item = (Target, &'a [P])>,
        dots: impl IntoIterator<Item = (Target, P)>,
    ) -> Self {
        let mut pieces = Vec::new();
        for (target, line) in lines {
            pieces.extend(line.windows(2).filter_map(|w| match w {
                [a, b] => Some(Piece::new(target, a.xy(), b.xy())),
                _ => None,
            }));
        }
        pieces.extend(
            dots.into_iter()
                .map(|(target, p)| Piece::new(target, p.xy(), p.xy())),
        );
        pieces.retain(Piece::is_finite);
        Self::from_pieces(pieces)
    }

    fn from_pieces(pieces: Vec<Piece>) -> Self {
        let mut b = [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ];
        for p in &pieces {
            let q = p.bounds();
            b = [
                b[0].min(q[0]),
                b[1].min(q[1]),
                b[2].max(q[2]),
                b[3].max(q[3]),
            ];
        }
        if pieces.is_empty() {
            return Self::default();
        }
        let (w, h) = ((b[2] - b[0]).max(1e-9), (b[3] - b[1]).max(1e-9));
        let want = (pieces.len() / PIECES_PER_CELL).clamp(1, MAX_CELLS) as f64;
        let cell = (w * h / want)
            .sqrt()
            .max(w / MAX_CELLS as f64)
            .max(h / MAX_CELLS as f64);
        let cols = ((w / cell).floor() as usize + 1).max(1);
        let rows = ((h / cell).floor() as usize + 1).max(1);
        let mut index = Self {
            origin: [b[0], b[1]],
            cell,
            cols,
            rows,
            ..Self::default()
        };
        // Two passes: count the pieces of each cell, then place them.
        let mut counts = vec![0u32; cols * rows + 1];
        let mut spans = Vec::with_capacity(pieces.len());
        for (k, p) in pieces.iter().enumerate() {
            let span = index.span(p.bounds());
            let n = (span.2 - span.0 + 1) * (span.3 - span.1 + 1);
            if n > MAX_CELLS_PER_PIECE {
                index.long.push(k as u32);
                spans.push(None);
                continue;
            }
            index.each_cell(span, |c| {
                if let Some(n) = counts.get_mut(c + 1) {
                    *n += 1;
                }
            });
            spans.push(Some(span));
        }
        for c in 1..counts.len() {
            let prev = counts.get(c - 1).copied().unwrap_or(0);
            if let Some(n) = counts.get_mut(c) {
                *n += prev;
            }
        }
        let mut next = counts.clone();
        let mut items = vec![0u32; counts.last().copied().unwrap_or(0) as usize];
        for (k, span) in spans.iter().enumerate() {
            let Some(span) = *span else { continue };
            index.each_cell(span, |c| {
                if let Some(at) = next.get_mut(c) {
                    if let Some(slot) = items.get_mut(*at as usize) {
                        *slot = k as u32;
                    }
                    *at += 1;
                }
            });
        }
        index.starts = counts;
        index.items = items;
        index.pieces = pieces;
        index
    }

    /// The cells (col0, row0, col1, row1) a box `[x0, y0, x1, y1]` touches, clamped to the grid.
    fn span(&self, q: [f64; 4]) -> (usize, usize, usize, usize) {
        let cell = |v: f64, o: f64, n: usize| {
            let c = ((v - o) / self.cell).floor();
            if c.is_nan() || c < 0.0 {
                0
            } else {
                (c as usize).min(n.saturating_sub(1))
            }
        };
        (
            cell(q[0], self.origin[0], self.cols),
            cell(q[1], self.origin[1], self.rows),
            cell(q[2], self.origin[0], self.cols),
            cell(q[3], self.origin[1], self.rows),
        )
    }

    fn each_cell(&self, (c0, r0, c1, r1): (usize, usize, usize, usize), mut f: impl FnMut(usize)) {
        for r in r0..=r1 {
            for c in c0..=c1 {
                f(r * self.cols + c);
            }
        }
    }

    /// The best target of this grid within `radius` of `q` that `shown` accepts, with its
    /// squared distance.
    fn nearest(
        &self,
        q: [f64; 2],
        radius: f64,
        shown: &impl Fn(Target) -> bool,
    ) -> Option<(Target, f64)> {
        if self.pieces.is_empty() {
            return None;
        }
        let span = self.span([q[0] - radius, q[1] - radius, q[0] + radius, q[1] + radius]);
        let outside = q[0] + radius < self.origin[0]
            || q[1] + radius < self.origin[1]
            || q[0] - radius > self.origin[0] + self.cell * self.cols as f64
            || q[1] - radius > self.origin[1] + self.cell * self.rows as f64;
        let mut best = Nearest::new(q, radius, shown);
        let mut consider = |k: u32| {
            if let Some(piece) = self.pieces.get(k as usize) {
                best.consider(piece);
            }
        };
        if !outside {
            self.each_cell(span, |c| {
                let (Some(&a), Some(&b)) = (self.starts.get(c), self.starts.get(c + 1)) else {
                    return;
                };
                for &k in self.items.get(a as usize..b as usize).unwrap_or(&[]) {
                    consider(k);
                }
            });
        }
        for &k in &self.long {
            consider(k);
        }
        best.best
    }
}

/// The best piece so far within reach of a query point: the key of [`Target::key`].
struct Nearest<'s, S> {
    q: [f64; 2],
    r2: f64,
    shown: &'s S,
    best: Option<(Target, f64)>,
}

impl<'s, S: Fn(Target) -> bool> Nearest<'s, S> {
    fn new(q: [f64; 2], radius: f64, shown: &'s S) -> Self {
        Self {
            q,
            r2: radius * radius,
            shown,
            best: None,
        }
    }

    /// A piece as a grid holds it (finite ends).
    fn consider(&mut self, piece: &Piece) {
        let d = piece.distance_2(self.q);
        if d > self.r2 || !(self.shown)(piece.target) {
            return;
        }
        if self
            .best
            .is_none_or(|(t, bd)| piece.target.key(d) < t.key(bd))
        {
            self.best = Some((piece.target, d));
        }
    }

    /// A piece not in a grid: left out, as a grid leaves it out, when an end is not finite.
    fn consider_new(&mut self, piece: Piece) {
        if piece.is_finite() {
            self.consider(&piece);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pt(x: f64, y: f64) -> ScreenPt {
        ScreenPt::new(x, y)
    }

    #[test]
    fn a_point_near_a_segment_finds_it_and_a_far_point_does_not() {
        let line = [pt(0.0, 0.0), pt(100.0, 0.0)];
        let index = HitIndex::new(
            [(Target::Arc(7), &line[..])],
            Vec::<(Target, ScreenPt)>::new(),
        );
        assert_eq!(index.hit(pt(50.0, 3.0), 4.0), Some(Target::Arc(7)));
        assert_eq!(index.hit(pt(50.0, 5.0), 4.0), None);
        assert_eq!(
            index.hit(pt(104.0, 0.0), 4.0),
            Some(Target::Arc(7)),
            "past the end, within reach"
        );
        assert_eq!(index.hit(pt(f64::NAN, 0.0), 4.0), None);
    }

    #[test]
    fn geometry_not_yet_indexed_with_a_non_finite_point_is_left_out_as_an_index_leaves_it() {
        let line = [pt(0.0, 0.0), pt(f64::INFINITY, 0.0), pt(0.0, 10.0)];
        let dots = [(Target::Partner(3), pt(f64::NAN, 0.0))];
        let index = HitIndex::new([(Target::Arc(1), &line[..])], dots);
        let none = HitIndex::default();
        let rest = ([(Target::Arc(1), &line[..], max_step(&[line]))], dots);
        for q in [pt(0.0, 0.0), pt(1.0, 0.0), pt(0.0, 5.0), pt(50.0, 0.0)] {
            assert_eq!(
                none.hit_with(q, 4.0, |_| true, rest),
                index.hit(q, 4.0),
                "{q:?}"
            );
        }
        assert_eq!(none.hit_with(pt(50.0, 0.0), 4.0, |_| true, rest), None);
    }

    #[test]
    fn dots_win_over_arcs_and_the_nearest_arc_wins_among_arcs() {
        let a = [pt(0.0, 0.0), pt(100.0, 0.0)];
        let b = [pt(0.0, 4.0), pt(100.0, 4.0)];
        let index = HitIndex::new(
            [(Target::Arc(1), &a[..]), (Target::Arc(2), &b[..])],
            [(Target::Partner(1), pt(100.0, 0.0))],
        );
        assert_eq!(index.hit(pt(50.0, 1.0), 6.0), Some(Target::Arc(1)));
        assert_eq!(index.hit(pt(50.0, 3.0), 6.0), Some(Target::Arc(2)));
        assert_eq!(index.hit(pt(98.0, 2.0), 6.0), Some(Target::Partner(1)));
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn a_long_segment_and_a_dot_far_from_the_rest_are_found() {
        let short: Vec<ScreenPt> = (0..200).map(|i| pt(f64::from(i), 0.0)).collect();
        let long = [pt(0.0, 500.0), pt(10_000.0, 500.0)];
        let index = HitIndex::new(
            [(Target::Arc(1), &short[..]), (Target::Arc(2), &long[..])],
            [(Target::Partner(3), pt(-3000.0, -3000.0))],
        );
        assert_eq!(index.hit(pt(7000.0, 502.0), 4.0), Some(Target::Arc(2)));
        assert_eq!(
            index.hit(pt(-3001.0, -3000.0), 4.0),
            Some(Target::Partner(3))
        );
        assert_eq!(index.hit(pt(150.0, 2.0), 4.0), Some(Target::Arc(1)));
        assert_eq!(index.hit(pt(150.0, 250.0), 4.0), None);
    }

    #[test]
    fn a_hidden_target_is_passed_over_for_the_next_one() {
        let a = [pt(0.0, 0.0), pt(100.0, 0.0)];
        let b = [pt(0.0, 3.0), pt(100.0, 3.0)];
        let index = HitIndex::new(
            [(Target::Arc(1), &a[..]), (Target::Arc(2), &b[..])],
            Vec::<(Target, ScreenPt)>::new(),
        );
        assert_eq!(index.hit(pt(50.0, 1.0), 6.0), Some(Target::Arc(1)));
        assert_eq!(
            index.hit_where(pt(50.0, 1.0), 6.0, |t| t != Target::Arc(1)),
            Some(Target::Arc(2))
        );
        assert_eq!(index.hit_where(pt(50.0, 1.0), 6.0, |_| false), None);
    }

    #[test]
    fn the_grid_agrees_with_a_scan_of_every_piece() {
        // Arcs of a pseudo-random walk; many probes: the grid's answer is the scan's.
        let mut rnd = crate::test_rng(12345);
        let lines: Vec<Vec<ScreenPt>> = (0..60)
            .map(|_| {
                let (mut x, mut y) = (rnd() * 1000.0, rnd() * 500.0);
                (0..30)
                    .map(|_| {
                        x += rnd() * 20.0 - 10.0;
                        y += rnd() * 20.0 - 10.0;
                        pt(x, y)
                    })
                    .collect()
            })
            .collect();
        let index = HitIndex::new(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| (Target::Arc(i), &l[..])),
            Vec::<(Target, ScreenPt)>::new(),
        );
        for _ in 0..2000 {
            let q = pt(rnd() * 1000.0, rnd() * 500.0);
            let scan = lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| l.windows(2).map(move |w| (i, w[0], w[1])))
                .map(|(i, a, b)| {
                    let p = Piece {
                        a: [a.x as f32, a.y as f32],
                        b: [b.x as f32, b.y as f32],
                        target: Target::Arc(i),
                    };
                    (i, p.distance_2([q.x, q.y]))
                })
                .filter(|(_, d)| *d <= 36.0)
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(i, _)| Target::Arc(i));
            assert_eq!(index.hit(q, 6.0), scan, "at {q:?}");
        }
    }

    #[test]
    fn an_index_built_in_parts_answers_as_one_built_at_once() {
        let mut rnd = crate::test_rng(777);
        let lines: Vec<Vec<ScreenPt>> = (0..90)
            .map(|_| {
                let (mut x, mut y) = (rnd() * 800.0, rnd() * 400.0);
                (0..20)
                    .map(|_| {
                        x += rnd() * 30.0 - 15.0;
                        y += rnd() * 30.0 - 15.0;
                        pt(x, y)
                    })
                    .collect()
            })
            .collect();
        let dots: Vec<(Target, ScreenPt)> = (0..90)
            .map(|i| (Target::Partner(i), pt(rnd() * 800.0, rnd() * 400.0)))
            .collect();
        let whole = HitIndex::new(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| (Target::Arc(i), &l[..])),
            dots.iter().copied(),
        );
        let mut parts = HitIndex::default();
        for k in (0..90).step_by(25) {
            let end = (k + 25).min(90);
            parts.add(
                (k..end).filter_map(|i| Some((Target::Arc(i), &lines.get(i)?[..]))),
                dots.get(k..end).unwrap_or(&[]).iter().copied(),
            );
        }
        assert_eq!(parts.parts(), 4);
        assert_eq!(parts.len(), whole.len());
        // Half made (the first 50 pairs), the rest looked at one by one; and none made.
        let mut half = HitIndex::default();
        half.add(
            (0..50).filter_map(|i| Some((Target::Arc(i), &lines.get(i)?[..]))),
            dots.get(..50).unwrap_or(&[]).iter().copied(),
        );
        let rest = |from: usize| {
            (
                (from..90).filter_map(|i| {
                    let line = lines.get(i)?;
                    Some((Target::Arc(i), &line[..], max_step(&[line])))
                }),
                dots.get(from..).unwrap_or(&[]).iter().copied(),
            )
        };
        let mut found = 0;
        for _ in 0..3000 {
            let q = pt(rnd() * 800.0, rnd() * 400.0);
            let a = whole.hit(q, 8.0);
            assert_eq!(parts.hit(q, 8.0), a, "at {q:?}");
            let odd = |t: Target| t.index() % 2 == 1;
            assert_eq!(parts.hit_where(q, 8.0, odd), whole.hit_where(q, 8.0, odd));
            assert_eq!(
                half.hit_with(q, 8.0, |_| true, rest(50)),
                a,
                "half at {q:?}"
            );
            let none = HitIndex::default();
            assert_eq!(
                none.hit_with(q, 8.0, odd, rest(0)),
                whole.hit_where(q, 8.0, odd)
            );
            found += usize::from(a.is_some());
        }
        assert!(found > 500, "the probes found something ({found})");
    }
}
