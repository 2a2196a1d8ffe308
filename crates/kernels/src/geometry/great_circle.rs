//! Great-circle lines between two places, densified so that straight segments on the map follow
//! the curve. Uses `geo`'s Haversine metric space (a sphere of mean Earth radius).

use super::LonLat;
use geo::{Distance, Haversine, InterpolatePoint, Point};

/// Great-circle distance in metres.
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat))
}

/// Points along the great circle from `a` to `b`, both ends included, no two consecutive points
/// more than `max_segment_m` apart. Coincident ends give just the two points.
pub fn great_circle(a: LonLat, b: LonLat, max_segment_m: f64) -> Vec<LonLat> {
    let pa = Point::new(a.lon, a.lat);
    let pb = Point::new(b.lon, b.lat);
    let d = distance_m(a, b);
    if !(max_segment_m.is_finite() && max_segment_m > 0.0) || d < 1.0 {
        return vec![a, b];
    }
    // `geo`'s iterator does not say its length: room for all the points up front, instead of
    // the vector growing (and being copied) several times per arc. (Collected straight from geo's
    // own vector instead, the points would stay in it without a copy, but the arc would then keep
    // that vector's doubling capacity, up to twice the memory held: sessions 22 and 24.)
    let n = ((d / max_segment_m).ceil() as usize).saturating_add(2);
    let mut out = Vec::with_capacity(n.min(MAX_RESERVED_POINTS));
    out.extend(
        Haversine
            .points_along_line(pa, pb, max_segment_m, true)
            .map(|p| LonLat::new(p.x(), p.y())),
    );
    out
}

/// The most points [`great_circle`] reserves room for at once (more still come, growing the
/// vector): half the Earth's circumference in 100 km steps is 200.
const MAX_RESERVED_POINTS: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    const QINGDAO: LonLat = LonLat::new(120.38042, 36.06488);
    const SHIMONOSEKI: LonLat = LonLat::new(130.93333, 33.95);

    #[test]
    fn london_to_paris_is_about_344_km() {
        let d = distance_m(LonLat::new(-0.1278, 51.5074), LonLat::new(2.3522, 48.8566));
        assert!((d - 343_500.0).abs() < 2_000.0, "{d}");
    }

    #[test]
    fn qingdao_to_shimonoseki_is_about_1000_km() {
        let d = distance_m(QINGDAO, SHIMONOSEKI);
        assert!((980_000.0..1_010_000.0).contains(&d), "{d}");
    }

    #[test]
    fn densified_arc_keeps_both_ends_and_segment_limit() {
        let pts = great_circle(QINGDAO, SHIMONOSEKI, 50_000.0);
        assert_eq!(pts.first().copied(), Some(QINGDAO));
        let last = pts.last().copied().expect("points");
        assert!(
            (last.lon - SHIMONOSEKI.lon).abs() < 1e-9 && (last.lat - SHIMONOSEKI.lat).abs() < 1e-9
        );
        assert!(pts.len() >= 20, "{}", pts.len());
        for w in pts.windows(2) {
            assert!(distance_m(w[0], w[1]) <= 50_001.0);
        }
    }

    #[test]
    fn equatorial_arc_stays_on_the_equator_in_equal_steps() {
        let pts = great_circle(LonLat::new(0.0, 0.0), LonLat::new(90.0, 0.0), 1_000_000.0);
        let step = 90.0 / (pts.len() - 1) as f64;
        for (i, p) in pts.iter().enumerate() {
            assert!(p.lat.abs() < 1e-9, "{p:?}");
            assert!((p.lon - step * i as f64).abs() < 1e-6, "{i}: {p:?}");
        }
    }

    #[test]
    fn great_circle_to_north_america_bends_towards_the_pole() {
        // Jinan to Sacramento: the great circle passes far north of both ends (over the Bering Sea).
        let pts = great_circle(
            LonLat::new(117.0, 36.67),
            LonLat::new(-121.49, 38.58),
            100_000.0,
        );
        let max_lat = pts.iter().map(|p| p.lat).fold(f64::MIN, f64::max);
        assert!(max_lat > 50.0, "{max_lat}");
    }

    #[test]
    fn coincident_points_give_two_point_line() {
        let p = LonLat::new(10.0, 10.0);
        assert_eq!(great_circle(p, p, 10_000.0), vec![p, p]);
    }
}
