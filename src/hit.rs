//! Hit-testing: what is under the pointer. An R*-tree over the visible arcs' segments and the
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
}

/// A segment (or, with `a == b`, a dot) that belongs to a target.
#[derive(Debug, Clone, Copy)]
struct Piece {
    a: [f64; 2],
    b: [f64; 2],
    target: Target,
}

impl RTreeObject for Piece {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        AABB::from_corners(self.a, self.b)
    }
}

impl PointDistance for Piece {
    fn distance_2(&self, p: &[f64; 2]) -> f64 {
        let (dx, dy) = (self.b[0] - self.a[0], self.b[1] - self.a[1]);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((p[0] - self.a[0]) * dx + (p[1] - self.a[1]) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let (cx, cy) = (self.a[0] + t * dx - p[0], self.a[1] + t * dy - p[1]);
        cx * cx + cy * cy
    }
}

/// The index over the visible geometry.
#[derive(Debug, Default, Clone)]
pub struct HitIndex {
    tree: RTree<Piece>,
}

impl HitIndex {
    /// Builds from polylines (arcs) and dots.
    pub fn new<'a, P: Planar + 'a>(
        lines: impl IntoIterator<Item = (Target, &'a [P])>,
        dots: impl IntoIterator<Item = (Target, P)>,
    ) -> Self {
        let mut pieces = Vec::new();
        for (target, line) in lines {
            pieces.extend(line.windows(2).filter_map(|w| match w {
                [a, b] => Some(Piece {
                    a: a.xy(),
                    b: b.xy(),
                    target,
                }),
                _ => None,
            }));
        }
        pieces.extend(dots.into_iter().map(|(target, p)| Piece {
            a: p.xy(),
            b: p.xy(),
            target,
        }));
        Self {
            tree: RTree::bulk_load(pieces),
        }
    }

    /// The target within `radius` of `p` (in the index's units): origins before partners
    /// before arcs, the nearest of the best kind. `None` when nothing is that close.
    pub fn hit(&self, p: impl Planar, radius: f64) -> Option<Target> {
        let q = p.xy();
        if !(q[0].is_finite() && q[1].is_finite() && radius.is_finite() && radius >= 0.0) {
            return None;
        }
        self.tree
            .locate_within_distance(q, radius * radius)
            .map(|piece| (piece.target, piece.distance_2(&q)))
            .min_by(|a, b| a.0.rank().cmp(&b.0.rank()).then(a.1.total_cmp(&b.1)))
            .map(|(t, _)| t)
    }

    /// Number of indexed pieces, for benchmarks.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// Whether the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
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
