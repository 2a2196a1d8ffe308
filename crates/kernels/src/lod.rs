//! Level of detail: each arc point's Douglas–Peucker importance, computed once with the data so
//! that a view keeps the points above its tolerance with one comparison each; and an arc's lines
//! made for a view with it (simplified, projected, culled), as the map's layer and the raster
//! workers' copy of the arcs both make them.

use crate::geometry::{great_circle, split_line, LonLat, Projection};
use crate::lines::Polylines;
use crate::screen::ScreenTransform;
use crate::WorldXY;

/// An arc's extent in world units, `[x0, y0, x1, y1]` (inverted, min above max, when it has no
/// points): a view skips an arc wholly off the canvas without looking at its points.
pub type Bounds = [f64; 4];

/// The extent of `points` (see [`Bounds`]).
pub fn bounds<'a>(points: impl Iterator<Item = &'a WorldXY>) -> Bounds {
    points.fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |[x0, y0, x1, y1], p| [x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y)],
    )
}

/// A kept point of a line may lie this far (CSS px) from the segment drawn in its place.
pub const SIMPLIFY_TOLERANCE_PX: f64 = 0.5;

/// Adds `line` to `out` in CSS pixels, simplified to [`SIMPLIFY_TOLERANCE_PX`] (Douglas–Peucker,
/// through each point's precomputed importance `lod`: see [`importance`]); not
/// when it lies wholly outside `clip` (`[x0, y0, x1, y1]`, CSS px, with a margin for the
/// stroke) or is one point.
pub fn push_screen_line(
    out: &mut Polylines,
    tf: &ScreenTransform,
    line: &[WorldXY],
    lod: &[f32],
    clip: [f64; 4],
) {
    let tol = SIMPLIFY_TOLERANCE_PX / tf.scale();
    let points = (line.iter().zip(lod))
        .filter(|(_, &imp)| f64::from(imp) > tol)
        .map(|(p, _)| tf.apply(*p));
    out.push_if(points, |line| {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for s in line {
            (x0, y0, x1, y1) = (x0.min(s.x), y0.min(s.y), x1.max(s.x), y1.max(s.y));
        }
        !outside([x0, y0, x1, y1], CULL_MARGIN_PX, clip) && line.len() >= 2
    });
}

/// How far (CSS px) beyond the canvas a line still counts as on it (its stroke's width).
pub const CULL_MARGIN_PX: f64 = 4.0;

/// Whether screen bounds `[x0, y0, x1, y1]` lie wholly outside `clip` grown by `m`.
pub fn outside([x0, y0, x1, y1]: [f64; 4], m: f64, [cx0, cy0, cx1, cy1]: [f64; 4]) -> bool {
    x1 < cx0 - m || y1 < cy0 - m || x0 > cx1 + m || y0 > cy1 + m
}

/// The screen bounds (`[x0, y0, x1, y1]`, CSS px) of world extent `b` at `tf`; `None` for an
/// extent of no points.
pub fn screen_extent(tf: &ScreenTransform, b: &Bounds) -> Option<[f64; 4]> {
    let [x0, y0, x1, y1] = *b;
    if x0 > x1 {
        return None; // no points
    }
    let (a, c) = (
        tf.apply(WorldXY { x: x0, y: y0 }),
        tf.apply(WorldXY { x: x1, y: y1 }),
    );
    Some([a.x.min(c.x), a.y.min(c.y), a.x.max(c.x), a.y.max(c.y)])
}

/// Whether an arc of world extent `b` may show within `clip`: when it lies wholly outside, so
/// do its lines after any level of detail, and [`push_screen_line`] would drop each of them
/// after projecting its points (at a view zoomed in, most of a world network's arcs).
pub fn may_show(tf: &ScreenTransform, b: &Bounds, clip: [f64; 4]) -> bool {
    screen_extent(tf, b).is_some_and(|e| !outside(e, CULL_MARGIN_PX, clip))
}

/// Adds an arc's lines (`arc`, with their points' importance `lod` and its world extent
/// `bounds`) to `out` in CSS px at `tf`, each through [`push_screen_line`]; nothing when its
/// extent lies outside `clip`. The map's layer and a worker's copy of the arcs
/// (the core's `ArcStore`) both draw an arc through this, so that their lines are the same.
pub fn push_arc_lines<'a>(
    out: &mut Polylines,
    (lines, bounds): (impl Iterator<Item = (&'a [WorldXY], &'a [f32])>, &Bounds),
    tf: &ScreenTransform,
    clip: [f64; 4],
) {
    if !may_show(tf, bounds, clip) {
        return;
    }
    for (line, lod) in lines {
        push_screen_line(out, tf, line, lod, clip);
    }
}

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
    // A span is pushed per point kept: room for them all at once, not grown a few times per line.
    let mut spans = Vec::with_capacity(n.max(1));
    spans.push((0, n.saturating_sub(1), f64::INFINITY));
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

/// A pair's arc from `from` to `to` (its lines in world units: the great circle densified to
/// `max_segment_m`, cut at the seam), each line's points' importance ([`importance`]) and its
/// extent: what the map keeps per pair. Nothing when the place `to` is unknown.
pub fn arc_geometry(
    projection: Projection,
    (from, to): (LonLat, Option<LonLat>),
    max_segment_m: f64,
) -> (Vec<Vec<WorldXY>>, Vec<Vec<f32>>, Bounds) {
    let arc = arc(projection, from, to, max_segment_m);
    let lod = arc.iter().map(|line| importance(line)).collect();
    let extent = bounds(arc.iter().flatten());
    (arc, lod, extent)
}

/// One pair's great circle in world units, cut at the seam (nothing when the place is unknown).
fn arc(
    projection: Projection,
    from: LonLat,
    to: Option<LonLat>,
    max_segment_m: f64,
) -> Vec<Vec<WorldXY>> {
    let Some(to) = to else {
        return Vec::new();
    };
    let line: Vec<LonLat> = great_circle(from, to, max_segment_m)
        .into_iter()
        .map(|q| projection.rotate(q))
        .collect();
    split_line(line)
        .into_iter()
        .map(|piece| {
            piece
                .into_iter()
                .filter_map(|q| projection.forward_rotated(q))
                .collect()
        })
        .collect()
}
