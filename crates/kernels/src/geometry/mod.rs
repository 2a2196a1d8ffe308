//! Geometry on the sphere and on the map: great circles, the map's seam, the projection.

mod antimeridian;
mod great_circle;
mod projection;

pub use antimeridian::{clip_ring, split_line, unwrapped_span_deg};
pub use great_circle::{distance_m, great_circle};
pub use projection::{Projection, WorldXY, LAT_MAX, LAT_MIN};

/// A geographic position in degrees, longitude first (WGS84).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LonLat {
    /// Longitude in degrees, east positive.
    pub lon: f64,
    /// Latitude in degrees, north positive.
    pub lat: f64,
}

impl LonLat {
    /// A point at `lon`, `lat` degrees.
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// True when both numbers are finite and within −180…180 / −90…90.
    pub fn is_valid(&self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }
}

/// Wraps a longitude difference into [−180, 180).
pub fn wrap_lon(deg: f64) -> f64 {
    // Most values are in range already. `rem_euclid` is a software `fmod` in WebAssembly, a
    // loop over the exponent's bits (~8 ms of the shipped basemap's first projection in the
    // page); a value in range is returned as it is, exactly.
    if (-180.0..180.0).contains(&deg) {
        return deg;
    }
    let w = (deg + 180.0).rem_euclid(360.0) - 180.0;
    // rem_euclid can return 360.0 - ε rounding to 360.0 for tiny negatives.
    if w >= 180.0 {
        w - 360.0
    } else {
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_lon_keeps_values_in_half_open_range() {
        assert_eq!(wrap_lon(0.0), 0.0);
        assert_eq!(wrap_lon(180.0), -180.0);
        assert_eq!(wrap_lon(-180.0), -180.0);
        assert_eq!(wrap_lon(190.0), -170.0);
        assert_eq!(wrap_lon(-190.0), 170.0);
        assert_eq!(wrap_lon(540.0), -180.0);
        // In range, a value is kept exactly (the +180 and −180 of the general case round).
        assert_eq!(wrap_lon(0.1), 0.1);
        assert_eq!(wrap_lon(-179.999_999_999_999_97), -179.999_999_999_999_97);
        assert_eq!(wrap_lon(179.999_999_999_999_97), 179.999_999_999_999_97);
        assert!(wrap_lon(f64::NAN).is_nan());
    }

    #[test]
    fn lon_lat_validity_rejects_out_of_range_and_nan() {
        assert!(LonLat::new(120.0, 36.0).is_valid());
        assert!(!LonLat::new(181.0, 0.0).is_valid());
        assert!(!LonLat::new(0.0, -90.5).is_valid());
        assert!(!LonLat::new(f64::NAN, 0.0).is_valid());
    }
}
