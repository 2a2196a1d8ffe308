//! The flow animation: comet dots moving along the visible arcs from the Shandong side to the
//! partner, as a pure function of time, so a frame needs no state and tests need no clock.

use super::MapState;
use crate::geometry::WorldXY;
use crate::scene::DotItem;

/// How long one dot takes from the Shandong side to the partner, in milliseconds.
pub const FLOW_PERIOD_MS: f64 = 3200.0;
/// How far behind the head each trailing dot of a comet runs, as a share of the arc.
const TAIL_STEP: f64 = 0.025;
/// The comet's dots from the head back: radius added to the arc's width, and alpha.
const COMET: [(f64, u8); 3] = [(1.6, 255), (0.9, 170), (0.4, 90)];

/// The point a share `t` (0 = start, 1 = end) of the way along `lines` taken as one path (the
/// pieces of an arc cut at the seam, in order; the jump between pieces counts for nothing).
/// `None` for an empty or zero-length path or a `t` outside 0…1.
pub fn point_along(lines: &[Vec<WorldXY>], t: f64) -> Option<WorldXY> {
    if !(0.0..=1.0).contains(&t) {
        return None;
    }
    let segments = || {
        lines
            .iter()
            .flat_map(|line| line.iter().zip(line.iter().skip(1)))
    };
    let length = |(a, b): (&WorldXY, &WorldXY)| (b.x - a.x).hypot(b.y - a.y);
    let total: f64 = segments().map(length).sum();
    if total.is_nan() || total <= 0.0 {
        return None;
    }
    let mut left = t * total;
    let mut last = None;
    for (a, b) in segments() {
        let d = length((a, b));
        if d > 0.0 && left <= d {
            let k = left / d;
            return Some(WorldXY {
                x: a.x + (b.x - a.x) * k,
                y: a.y + (b.y - a.y) * k,
            });
        }
        left -= d;
        last = Some(*b);
    }
    last // rounding left a sliver past the end
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

impl MapState {
    /// The flow dots at `now_ms` (any clock in milliseconds): one comet of three dots per visible
    /// arc that is not dimmed, in its arc's colour, in CSS pixels.
    pub fn flow_dots(&self, now_ms: f64) -> Vec<DotItem> {
        let tf = self.viewport.transform();
        let dimming = self.any_emphasis();
        let width = self.theme.arc_width_px;
        let mut dots = Vec::with_capacity(self.visible.len() * COMET.len());
        for &i in &self.visible {
            let (Some(p), Some(arc)) = (self.dataset.partnerships.get(i), self.arcs.get(i)) else {
                continue;
            };
            if dimming && !self.emphasised(i, p) {
                continue; // the dimmed arcs stay quiet
            }
            let colour = self.group_colour(self.colour_group(p));
            let head = phase(now_ms, i);
            for (k, (grow, alpha)) in COMET.iter().enumerate() {
                let Some(w) = point_along(arc, head - TAIL_STEP * k as f64) else {
                    continue;
                };
                dots.push(DotItem {
                    centre: tf.apply(w),
                    radius_px: width + grow,
                    fill: colour.with_alpha(*alpha),
                    outline: None,
                });
            }
        }
        dots
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
        assert_eq!(point_along(&[], 0.5), None);
        assert_eq!(point_along(&[vec![xy(1.0, 1.0)]], 0.5), None);
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
