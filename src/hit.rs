//! Hit-testing: what is under the pointer. An R*-tree over runs of the visible arcs' segments and the
//! partner and origin dots. The map builds it in world units, so it stays valid however the
//! view pans or zooms and is rebuilt only when the filter or the data changes; a query turns
//! the pointer into world units and the reach in pixels into world units.

use crate::geometry::WorldXY;
use crate::viewport::ScreenPt;
use rstar::{PointDistance, RTree, RTreeObject, AABB};

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

    /// The index it holds, to break ties the same way however the index was built.
    fn index(self) -> usize {
        match self {
            Target::Origin(i) | Target::Partner(i) | Target::Arc(i) => i,
        }
    }
}

/// Most segments in one indexed piece of a line. One entry per run of segments rather than per
/// segment keeps the tree small (50,000 long arcs are ~3 million segments, ~100,000 runs), so it
/// is quick to build; a query still measures each segment of the runs near the pointer.
const RUN_SEGMENTS: usize = 32;

/// A run of connected segments (or, with one point, a dot) that belongs to a target.
#[derive(Debug, Clone)]
struct Piece {
    points: Box<[[f64; 2]]>,
    envelope: AABB<[f64; 2]>,
    target: Target,
}

impl Piece {
    fn new(points: Box<[[f64; 2]]>, target: Target) -> Option<Self> {
        let envelope = AABB::from_points(points.iter());
        (!points.is_empty()).then_some(Self {
            points,
            envelope,
            target,
        })
    }
}

impl RTreeObject for Piece {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.envelope
    }
}

/// Squared distance from `p` to the segment `a`–`b`.
fn segment_distance_2(a: [f64; 2], b: [f64; 2], p: &[f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a[0] + t * dx - p[0], a[1] + t * dy - p[1]);
    cx * cx + cy * cy
}

impl PointDistance for Piece {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        match &*self.points {
            [only] => segment_distance_2(*only, *only, p),
            points => points
                .windows(2)
                .filter_map(|w| match w {
                    [a, b] => Some(segment_distance_2(*a, *b, p)),
                    _ => None,
                })
                .fold(f64::INFINITY, f64::min),
        }
    }
}

/// The index over the visible geometry: one tree, or several when it was built a part at a
/// time ([`HitIndex::add`]).
#[derive(Debug, Default, Clone)]
pub struct HitIndex {
    trees: Vec<RTree<Piece>>,
}

impl HitIndex {
    /// Builds from polylines (arcs) and dots.
    pub fn new<'a, P: Planar + 'a>(
        lines: impl IntoIterator<Item = (Target, &'a [P])>,
        dots: impl IntoIterator<Item = (Target, P)>,
    ) -> Self {
        let mut index = Self::default();
        index.add(lines, dots);
        index
    }

    /// Adds polylines and dots as one more tree (a part of an index built in steps; a query
    /// looks in every tree).
    pub fn add<'a, P: Planar + 'a>(
        &mut self,
        lines: impl IntoIterator<Item = (Target, &'a [P])>,
        dots: impl IntoIterator<Item = (Target, P)>,
    ) {
        let mut pieces = Vec::new();
        for (target, line) in lines {
            let xy: Vec<[f64; 2]> = line.iter().map(|p| p.xy()).collect();
            if xy.len() < 2 {
                continue;
            }
            // Runs that share their end points, so that no segment is left out.
            let mut start = 0;
            while start + 1 < xy.len() {
                let end = (start + RUN_SEGMENTS).min(xy.len() - 1);
                let run = xy.get(start..=end).unwrap_or_default();
                pieces.extend(Piece::new(run.into(), target));
                start = end;
            }
        }
        pieces.extend(
            dots.into_iter()
                .filter_map(|(target, p)| Piece::new(Box::new([p.xy()]), target)),
        );
        if !pieces.is_empty() {
            self.trees.push(RTree::bulk_load(pieces));
        }
    }

    /// The target within `radius` of `p` (in the index's units): origins before partners
    /// before arcs, the nearest of the best kind (of equals, the first in the data). `None` when
    /// nothing is that close.
    pub fn hit(&self, p: impl Planar, radius: f64) -> Option<Target> {
        let q = p.xy();
        if !(q[0].is_finite() && q[1].is_finite() && radius.is_finite() && radius >= 0.0) {
            return None;
        }
        self.trees
            .iter()
            .flat_map(|tree| tree.locate_within_distance(q, radius * radius))
            .map(|piece| (piece.target, piece.distance_2(&q)))
            .min_by(|a, b| {
                (a.0.rank().cmp(&b.0.rank()))
                    .then(a.1.total_cmp(&b.1))
                    .then(a.0.index().cmp(&b.0.index()))
            })
            .map(|(t, _)| t)
    }

    /// Number of indexed pieces (runs of segments, and dots), for benchmarks.
    pub fn len(&self) -> usize {
        self.trees.iter().map(RTree::size).sum()
    }

    /// Whether the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
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
}
