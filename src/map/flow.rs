//! The flow animation: comet dots moving along the visible arcs from the Shandong side to the
//! partner, as a pure function of time, so a frame needs no state and tests need no clock.

use super::MapState;
use crate::geometry::WorldXY;
use crate::scene::DotBatch;

/// How long one dot takes from the Shandong side to the partner, in milliseconds.
pub const FLOW_PERIOD_MS: f64 = 3200.0;
/// How far behind the head each trailing dot of a comet runs, as a share of the arc.
const TAIL_STEP: f64 = 0.025;
/// The comet's dots from the head back: side in CSS px, and alpha.
const COMET: [(f64, u8); 3] = [(4.0, 255), (3.0, 170), (2.0, 90)];

/// An arc's pieces (cut at the seam, in order) flattened for walking along: each point with the
/// length walked to it, the jump between pieces counting for nothing. Built once per data change,
/// so a frame finds a point by binary search instead of walking every segment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowPath {
    points: Vec<WorldXY>,
    walked: Vec<f64>,
    /// Whether each point starts a new piece (is not joined to the one before).
    starts: Vec<bool>,
}

impl FlowPath {
    /// The path along `lines`.
    pub fn new(lines: &[Vec<WorldXY>]) -> Self {
        let mut path = Self::default();
        let mut walked = 0.0;
        for line in lines {
            for (k, p) in line.iter().enumerate() {
                if let (false, Some(q)) = (k == 0, path.points.last()) {
                    walked += ((p.x - q.x).powi(2) + (p.y - q.y).powi(2)).sqrt();
                }
                path.points.push(*p);
                path.walked.push(walked);
                path.starts.push(k == 0);
            }
        }
        path
    }

    /// The point a share `t` (0 = start, 1 = end) of the way along; `None` for a zero-length
    /// path or a share outside 0…1.
    pub fn at(&self, t: f64) -> Option<WorldXY> {
        let total = *self.walked.last()?;
        if !(0.0..=1.0).contains(&t) || total.is_nan() || total <= 0.0 {
            return None;
        }
        let target = t * total;
        let k = self.walked.partition_point(|&w| w < target);
        let b = *self.points.get(k).or(self.points.last())?;
        if k == 0 || self.starts.get(k).copied().unwrap_or(true) {
            return Some(b);
        }
        let (a, wa, wb) = (
            *self.points.get(k - 1)?,
            *self.walked.get(k - 1)?,
            *self.walked.get(k)?,
        );
        let s = if wb > wa {
            (target - wa) / (wb - wa)
        } else {
            1.0
        };
        Some(WorldXY {
            x: a.x + (b.x - a.x) * s,
            y: a.y + (b.y - a.y) * s,
        })
    }
}

/// Where pair `i`'s comet head is at `now_ms`: staggered by the golden ratio so the dots of
/// neighbouring pairs do not march in step.
pub fn phase(now_ms: f64, i: usize) -> f64 {
    let stagger = (i as f64 * 0.618_033_988_75).fract();
    let p = (now_ms / FLOW_PERIOD_MS + stagger).fract();
    if p.is_finite() {
        p
    } else {
        0.0
    }
}

/// The most arcs that carry a comet at once. A world network's 25,000 comets cost ~90 ms a
/// frame (computing and filling 75,000 dots) and read as noise; a couple of thousand show the
/// flow as well.
pub const FLOW_MAX_COMETS: usize = 2_000;

impl MapState {
    /// The flow's dots at `now_ms` (any clock in milliseconds): one comet of three dots per
    /// visible arc that is not dimmed (of more than [`FLOW_MAX_COMETS`], every k-th in data
    /// order), in its arc's colour, in CSS pixels, batched by colour and size so a frame fills a
    /// few shapes rather than a thousand.
    pub fn flow_dots(&self, now_ms: f64) -> Vec<DotBatch> {
        let tf = self.viewport.transform();
        // The arcs that move: the visible ones, or while something stands out only those that
        // do (the dimmed arcs stay quiet); of more than FLOW_MAX_COMETS, every k-th in data order.
        let moving: std::borrow::Cow<'_, [usize]> = if self.any_emphasis() {
            std::borrow::Cow::Owned(self.emphasised_visible())
        } else {
            std::borrow::Cow::Borrowed(&self.visible)
        };
        let stride = moving.len().div_ceil(FLOW_MAX_COMETS).max(1);
        let mut batches: Vec<DotBatch> = Vec::new();
        // Each (colour group, dot of the comet)'s batch, in the order they first come. Looked
        // up, not searched for: colouring by origin, a world network has thousands of groups,
        // and a search per dot made each frame of its flow ~400 ms.
        let mut slot = foldhash::HashMap::<(usize, usize), usize>::default();
        let paths = self
            .flow_paths
            .get_or_init(|| self.arcs.iter().map(|a| FlowPath::new(a)).collect());
        for &i in moving.iter().step_by(stride) {
            let (Some(p), Some(path)) = (self.dataset.partnerships.get(i), paths.get(i)) else {
                continue;
            };
            let group = self.colour_group(p);
            let head = phase(now_ms, i);
            let shares = [head, head - TAIL_STEP, head - 2.0 * TAIL_STEP];
            for (k, point) in shares.into_iter().map(|t| path.at(t)).enumerate() {
                let (Some(w), Some((side_px, alpha))) = (point, COMET.get(k)) else {
                    continue;
                };
                let at = *slot.entry((group, k)).or_insert_with(|| {
                    let fill = self.group_colour(group).with_alpha(*alpha);
                    let (side_px, centres) = (*side_px, Vec::new());
                    batches.push(DotBatch {
                        centres,
                        side_px,
                        fill,
                    });
                    batches.len() - 1
                });
                if let Some(batch) = batches.get_mut(at) {
                    batch.centres.push(tf.apply(w));
                }
            }
        }
        batches
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xy(x: f64, y: f64) -> WorldXY {
        WorldXY { x, y }
    }

    #[test]
    fn a_share_of_the_way_is_measured_along_all_pieces_in_order() {
        // Two pieces of length 1 and 3: a quarter of the way is the end of the first piece.
        let lines = vec![
            vec![xy(0.0, 0.0), xy(1.0, 0.0)],
            vec![xy(10.0, 0.0), xy(10.0, 3.0)],
        ];
        let path = FlowPath::new(&lines);
        let point_along = |_: &Vec<Vec<WorldXY>>, t: f64| path.at(t);
        assert_eq!(point_along(&lines, 0.0), Some(xy(0.0, 0.0)));
        assert_eq!(point_along(&lines, 0.25), Some(xy(1.0, 0.0)));
        let mid = point_along(&lines, 0.5).unwrap();
        assert!(
            (mid.x - 10.0).abs() < 1e-12 && (mid.y - 1.0).abs() < 1e-12,
            "{mid:?}"
        );
        assert_eq!(point_along(&lines, 1.0), Some(xy(10.0, 3.0)));
        assert_eq!(point_along(&lines, 1.5), None);
        assert_eq!(point_along(&lines, -0.1), None);
        assert_eq!(FlowPath::new(&[]).at(0.5), None);
        assert_eq!(FlowPath::new(&[vec![xy(1.0, 1.0)]]).at(0.5), None);
        // Just past the seam's jump: on the second piece, never on the jump.
        let p = path.at(0.2501).unwrap();
        assert!((p.x - 10.0).abs() < 1e-9 && p.y < 0.01, "{p:?}");
    }

    #[test]
    fn the_phase_runs_once_per_period_and_stays_within_a_lap() {
        let a = phase(0.0, 0);
        let b = phase(FLOW_PERIOD_MS / 4.0, 0);
        assert!((b - a - 0.25).abs() < 1e-9);
        assert!((phase(FLOW_PERIOD_MS, 0) - a).abs() < 1e-9);
        assert_ne!(phase(0.0, 1), phase(0.0, 2), "neighbours are staggered");
        for t in [0.0, 1.0, 1e6, 1e12, f64::NAN, f64::INFINITY] {
            let p = phase(t, 7);
            assert!((0.0..1.0).contains(&p), "{t} → {p}");
        }
    }
}
