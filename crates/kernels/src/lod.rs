//! Level of detail: each arc point's Douglas–Peucker importance, computed once with the data so
//! that a view keeps the points above its tolerance with one comparison each.

use crate::WorldXY;

/// A world unit is a radian at the equator: 10⁻⁷ of it is 0.6 m, a hundredth of a CSS pixel
/// on a 10,000 px wide map at the deepest zoom.
pub const IMPORTANCE_FLOOR: f64 = 1e-7;

/// Per point of `line`: the distance (world units) beyond which Douglas–Peucker keeps it, so
/// that the points whose importance exceeds a tolerance `t` are exactly what Douglas–Peucker
/// at `t` keeps (the ends are always kept: infinite). Which point splits a span does not depend
/// on the tolerance, only whether it does; a point is kept when it and every point whose split
/// made its span lie farther than `t`, so each takes the least of its own distance and its
/// splitter's. A view's screen transform scales distances uniformly, so a line simplified to
/// `tol` CSS px at a scale of `s` px per world unit keeps the points whose importance exceeds
/// `tol / s`: no simplification per view, only a comparison per point.
///
/// Spans whose farthest point lies within [`IMPORTANCE_FLOOR`] are not split further (their
/// points keep importance 0): no view comes near needing them, and most of a densified great
/// circle's points end there, which halves the work.
pub fn importance(line: &[WorldXY]) -> Vec<f32> {
    let n = line.len();
    let mut out = vec![0.0; n];
    if let (Some(first), Some(last)) = (out.first_mut(), n.checked_sub(1)) {
        *first = f32::INFINITY;
        if let Some(end) = out.get_mut(last) {
            *end = f32::INFINITY;
        }
    }
    let mut spans = vec![(0, n.saturating_sub(1), f64::INFINITY)];
    while let Some((a, b, cap)) = spans.pop() {
        let (Some(pa), Some(pb)) = (line.get(a), line.get(b)) else {
            continue;
        };
        let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
        let len2 = dx * dx + dy * dy;
        // The farthest point from the line through a and b (from a when they coincide); the
        // first of equals, as the per-view simplification chose.
        let mut far = (IMPORTANCE_FLOOR * IMPORTANCE_FLOOR, None);
        for (k, p) in line.iter().enumerate().take(b).skip(a + 1) {
            let (px, py) = (p.x - pa.x, p.y - pa.y);
            let d2 = if len2 > 0.0 {
                (px * dy - py * dx).powi(2) / len2
            } else {
                px * px + py * py
            };
            if d2 > far.0 {
                far = (d2, Some(k));
            }
        }
        if let Some(k) = far.1 {
            let d = far.0.sqrt().min(cap);
            if let Some(slot) = out.get_mut(k) {
                *slot = d as f32;
            }
            spans.push((a, k, d));
            spans.push((k, b, d));
        }
    }
    out
}
