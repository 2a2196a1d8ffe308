//! The map's seam: the meridian opposite the central meridian (30° W for a map centred on 150° E).
//!
//! Inputs here are *rotated* positions: longitude relative to the central meridian, in [−180, 180).
//! A line that jumps across the seam is cut into pieces that end exactly on ±180; a ring is clipped
//! into pieces that each lie on one side. Nothing is ever drawn across the whole map.

use super::{wrap_lon, LonLat};

/// Cuts a polyline (rotated longitudes) wherever a step crosses the seam (|Δlon| > 180°).
/// Each crossing ends the current piece on one edge (±180) and starts the next on the other,
/// at the latitude interpolated along the step. Most lines do not cross: such a line comes back
/// as the one piece, not copied.
pub fn split_line(points: Vec<LonLat>) -> Vec<Vec<LonLat>> {
    let crosses = |w: &[LonLat]| matches!(w, [a, b] if (b.lon - a.lon).abs() > 180.0);
    if !points.windows(2).any(crosses) {
        return if points.len() >= 2 {
            vec![points]
        } else {
            Vec::new()
        };
    }
    let mut pieces = Vec::new();
    let mut current: Vec<LonLat> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        if let Some(&a) = i.checked_sub(1).and_then(|j| points.get(j)) {
            if (p.lon - a.lon).abs() > 180.0 {
                let b_lon = a.lon + wrap_lon(p.lon - a.lon);
                let edge = if b_lon > a.lon { 180.0 } else { -180.0 };
                let t = if (b_lon - a.lon).abs() > 0.0 {
                    (edge - a.lon) / (b_lon - a.lon)
                } else {
                    0.0
                };
                let lat = a.lat + t * (p.lat - a.lat);
                current.push(LonLat::new(edge, lat));
                pieces.push(std::mem::take(&mut current));
                current.push(LonLat::new(-edge, lat));
            }
        }
        current.push(p);
    }
    if current.len() >= 2 {
        pieces.push(current);
    }
    pieces.retain(|piece| piece.len() >= 2);
    pieces
}

/// Clips one polygon ring (rotated longitudes) at the seam. Returns the pieces, each within
/// [−180, 180] and each closed implicitly (first point not repeated at the end).
pub fn clip_ring(ring: &[LonLat]) -> Vec<Vec<LonLat>> {
    let mut ring: Vec<LonLat> = ring.to_vec();
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() < 3 {
        return Vec::new();
    }
    let unwrapped = match polar_coast(&ring) {
        // A ring around a pole (Antarctica): its edges along the pole can span 180° or more, so
        // unwrap only the coast and close the ring along the pole at both ends.
        Some((coast, pole_lat)) => {
            let mut u = unwrap(&coast);
            if let (Some(first), Some(last)) = (u.first().copied(), u.last().copied()) {
                u.push(LonLat::new(last.lon, pole_lat));
                u.push(LonLat::new(first.lon, pole_lat));
            }
            u
        }
        None => unwrap(&ring),
    };
    if unwrapped.len() < 3 {
        return Vec::new();
    }
    let min = unwrapped
        .iter()
        .map(|p| p.lon)
        .fold(f64::INFINITY, f64::min);
    let max = unwrapped
        .iter()
        .map(|p| p.lon)
        .fold(f64::NEG_INFINITY, f64::max);
    if min >= -180.0 && max <= 180.0 {
        return vec![unwrapped];
    }
    let k_min = ((min + 180.0) / 360.0).floor() as i64;
    let k_max = ((max + 180.0) / 360.0).ceil() as i64 - 1;
    if k_max - k_min >= MAX_WINDOWS {
        // A ring that winds round the globe is no outline (the basemap reader refuses one);
        // clipping it window by window would cost its length times its windings.
        return Vec::new();
    }
    let mut out = Vec::new();
    for k in k_min..=k_max {
        let shift = 360.0 * k as f64;
        let lo = -180.0 + shift;
        let hi = 180.0 + shift;
        let piece = clip_half_plane(&unwrapped, |p| p.lon >= lo, lo);
        let piece = clip_half_plane(&piece, |p| p.lon <= hi, hi);
        if piece.len() >= 3 {
            out.push(
                piece
                    .into_iter()
                    .map(|p| LonLat::new(p.lon - shift, p.lat))
                    .collect(),
            );
        }
    }
    out
}

/// Most 360° windows one ring may span: a real outline spans one, or two across the seam.
const MAX_WINDOWS: i64 = 3;

/// The longitude span, in degrees, a ring covers once unwrapped (consecutive vertices never
/// more than 180° apart): above 360° the ring winds round the globe.
pub fn unwrapped_span_deg(points: &[LonLat]) -> f64 {
    let u = unwrap(points);
    let (lo, hi) = u
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p.lon), hi.max(p.lon))
        });
    if u.is_empty() {
        0.0
    } else {
        hi - lo
    }
}

/// Makes consecutive vertices differ by at most 180° of longitude (values may leave ±180).
fn unwrap(points: &[LonLat]) -> Vec<LonLat> {
    let mut out: Vec<LonLat> = Vec::with_capacity(points.len() + 2);
    for &p in points {
        let lon = match out.last() {
            Some(prev) => prev.lon + wrap_lon(p.lon - prev.lon),
            None => p.lon,
        };
        out.push(LonLat::new(lon, p.lat));
    }
    out
}

/// Latitude beyond which a vertex counts as lying on the pole.
const POLE_LAT: f64 = 89.9;

/// For a ring that runs along a pole, its coast (the vertices off the pole, starting just after
/// the pole run) and the pole's latitude; `None` for an ordinary ring.
#[allow(clippy::indexing_slicing)] // every index is taken modulo n = ring.len(), or found in 0..n
fn polar_coast(ring: &[LonLat]) -> Option<(Vec<LonLat>, f64)> {
    let n = ring.len();
    let on_pole = |i: usize| ring[i % n].lat.abs() >= POLE_LAT;
    let pole = (0..n).find(|&i| on_pole(i))?;
    let start = (0..n).find(|&i| !on_pole(i) && on_pole(i + n - 1))?;
    let coast: Vec<LonLat> = (0..n)
        .map(|k| ring[(start + k) % n])
        .filter(|p| p.lat.abs() < POLE_LAT)
        .collect();
    Some((coast, 90f64.copysign(ring[pole].lat)))
}

/// Sutherland–Hodgman against one vertical line `lon = edge`, keeping the side where `inside` holds.
#[allow(clippy::indexing_slicing)] // i and (i + n - 1) % n are in 0..n = ring.len()
fn clip_half_plane(ring: &[LonLat], inside: impl Fn(&LonLat) -> bool, edge: f64) -> Vec<LonLat> {
    let mut out = Vec::with_capacity(ring.len() + 4);
    let n = ring.len();
    for i in 0..n {
        let cur = ring[i];
        let prev = ring[(i + n - 1) % n];
        let (cur_in, prev_in) = (inside(&cur), inside(&prev));
        if cur_in != prev_in {
            let t = (edge - prev.lon) / (cur.lon - prev.lon);
            out.push(LonLat::new(edge, prev.lat + t * (cur.lat - prev.lat)));
        }
        if cur_in {
            out.push(cur);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ll(lon: f64, lat: f64) -> LonLat {
        LonLat::new(lon, lat)
    }

    #[test]
    fn a_line_that_does_not_cross_stays_whole() {
        let line = vec![ll(-10.0, 0.0), ll(0.0, 1.0), ll(10.0, 2.0)];
        assert_eq!(split_line(line.clone()), vec![line]);
    }

    #[test]
    fn a_line_crossing_the_seam_eastwards_ends_at_plus_180_and_resumes_at_minus_180() {
        let pieces = split_line(vec![ll(170.0, 10.0), ll(-170.0, 20.0)]);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0], vec![ll(170.0, 10.0), ll(180.0, 15.0)]);
        assert_eq!(pieces[1], vec![ll(-180.0, 15.0), ll(-170.0, 20.0)]);
    }

    #[test]
    fn a_line_crossing_the_seam_westwards_ends_at_minus_180() {
        let pieces = split_line(vec![ll(-175.0, 0.0), ll(175.0, 10.0)]);
        assert_eq!(pieces[0].last().copied(), Some(ll(-180.0, 5.0)));
        assert_eq!(pieces[1].first().copied(), Some(ll(180.0, 5.0)));
    }

    #[test]
    fn no_piece_of_a_split_line_spans_more_than_half_the_map_in_one_step() {
        let line: Vec<LonLat> = (0..100)
            .map(|i| ll(wrap_lon(100.0 + i as f64 * 3.0), 0.0))
            .collect();
        for piece in split_line(line) {
            for w in piece.windows(2) {
                assert!((w[1].lon - w[0].lon).abs() <= 180.0);
            }
        }
    }

    #[test]
    fn a_ring_inside_the_map_is_returned_unchanged() {
        let ring = vec![ll(0.0, 0.0), ll(10.0, 0.0), ll(10.0, 10.0), ll(0.0, 10.0)];
        assert_eq!(clip_ring(&ring), vec![ring]);
    }

    #[test]
    fn a_ring_straddling_the_seam_is_cut_into_two_pieces_on_the_edges() {
        // A square from 170° to −170° (20° wide across the seam).
        let ring = vec![
            ll(170.0, 0.0),
            ll(-170.0, 0.0),
            ll(-170.0, 10.0),
            ll(170.0, 10.0),
        ];
        let pieces = clip_ring(&ring);
        assert_eq!(pieces.len(), 2);
        for piece in &pieces {
            let min = piece.iter().map(|p| p.lon).fold(f64::INFINITY, f64::min);
            let max = piece
                .iter()
                .map(|p| p.lon)
                .fold(f64::NEG_INFINITY, f64::max);
            assert!(max - min <= 10.0 + 1e-9, "{piece:?}");
            assert!(piece.iter().any(|p| p.lon.abs() == 180.0));
        }
    }

    #[test]
    fn a_ring_around_the_south_pole_is_closed_along_the_pole_on_both_sides_of_the_seam() {
        // Antarctica as Natural Earth draws it, rotated by 150°: coast from 30° eastwards all the
        // way round, then back along the pole with an edge of more than 180°.
        let mut ring: Vec<LonLat> = (0..=36)
            .map(|i| ll(wrap_lon(30.0 + i as f64 * 10.0), -70.0))
            .collect();
        ring.push(ll(30.0, -89.999));
        ring.push(ll(-151.4, -89.999));
        ring.push(ll(30.0, -89.999));
        let pieces = clip_ring(&ring);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        for piece in &pieces {
            assert!(piece.iter().all(|p| (-180.0..=180.0).contains(&p.lon)));
            assert!(
                piece.iter().any(|p| p.lat == -90.0),
                "closed along the pole"
            );
            assert!(piece.iter().all(|p| p.lat == -90.0 || p.lat == -70.0));
        }
        // Together the pieces cover the whole width once.
        let span: f64 = pieces
            .iter()
            .map(|p| {
                let lons = p.iter().map(|q| q.lon);
                lons.clone().fold(f64::NEG_INFINITY, f64::max) - lons.fold(f64::INFINITY, f64::min)
            })
            .sum();
        assert!((span - 360.0).abs() < 1e-9, "{span}");
    }

    #[test]
    fn a_closed_ring_with_repeated_first_point_is_accepted() {
        let ring = vec![ll(0.0, 0.0), ll(1.0, 0.0), ll(1.0, 1.0), ll(0.0, 0.0)];
        assert_eq!(clip_ring(&ring)[0].len(), 3);
    }
}
