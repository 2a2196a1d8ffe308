//! The map projection: Miller cylindrical, centred on a chosen meridian.
//!
//! Chinese world maps centre on the Pacific (about 150° E): China near the middle, the Americas
//! on the right, Europe and Africa on the left, the seam in the Atlantic. Miller keeps the
//! familiar cylindrical look with less polar stretch than Mercator and projects the poles.

use super::{wrap_lon, LonLat};

/// Southernmost latitude shown by the default view.
pub const LAT_MIN: f64 = -58.0;
/// Northernmost latitude shown by the default view.
pub const LAT_MAX: f64 = 84.0;

/// A projected position in world units (defined in `crates/kernels`, whose loops take it).
pub use crate::WorldXY;

/// Miller cylindrical with a central meridian in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// The central meridian, degrees east; [`Projection::new`] wraps it into [−180, 180).
    /// The default is 150° E.
    pub central_lon: f64,
}

impl Default for Projection {
    fn default() -> Self {
        Self { central_lon: 150.0 }
    }
}

impl Projection {
    /// A projection centred on `central_lon` degrees east, wrapped into [−180, 180).
    pub fn new(central_lon: f64) -> Self {
        Self {
            central_lon: wrap_lon(central_lon),
        }
    }

    /// Longitude relative to the central meridian, in [−180, 180); latitude unchanged.
    pub fn rotate(&self, p: LonLat) -> LonLat {
        LonLat::new(wrap_lon(p.lon - self.central_lon), p.lat)
    }

    /// Projects an already rotated position. `None` for non-finite or out-of-range input.
    pub fn forward_rotated(&self, p: LonLat) -> Option<WorldXY> {
        if !p.lon.is_finite() || !p.lat.is_finite() || p.lon.abs() > 180.0 || p.lat.abs() > 90.0 {
            return None;
        }
        let phi = p.lat.to_radians();
        let y = 1.25 * (std::f64::consts::FRAC_PI_4 + 0.4 * phi).tan().ln();
        Some(WorldXY {
            x: p.lon.to_radians(),
            y,
        })
    }

    /// Projects a geographic position (lon/lat degrees) to world units. `None` when the
    /// position is not [valid](LonLat::is_valid).
    pub fn project(&self, p: LonLat) -> Option<WorldXY> {
        if !p.is_valid() {
            return None;
        }
        self.forward_rotated(self.rotate(p))
    }

    /// The inverse of [`Projection::project`], with the longitude wrapped into [−180, 180).
    /// `None` outside the map: non-finite input, |x| > π, or y beyond the poles.
    pub fn invert(&self, w: WorldXY) -> Option<LonLat> {
        if !w.x.is_finite() || !w.y.is_finite() || w.x.abs() > std::f64::consts::PI + 1e-12 {
            return None;
        }
        let lat = (2.5 * (0.8 * w.y).exp().atan() - 0.625 * std::f64::consts::PI).to_degrees();
        if lat.abs() > 90.0 {
            return None;
        }
        let lon = wrap_lon(w.x.to_degrees() + self.central_lon);
        Some(LonLat::new(lon, lat))
    }

    /// World-unit bounds of the default view: the full width, [`LAT_MIN`]…[`LAT_MAX`] tall.
    pub fn world_bounds(&self) -> (WorldXY, WorldXY) {
        let lo = self.forward_rotated(LonLat::new(-180.0, LAT_MIN));
        let hi = self.forward_rotated(LonLat::new(180.0, LAT_MAX));
        match (lo, hi) {
            (Some(lo), Some(hi)) => (lo, hi),
            // Unreachable with the constants above; keep a sane box rather than panic.
            _ => (
                WorldXY {
                    x: -std::f64::consts::PI,
                    y: -1.2,
                },
                WorldXY {
                    x: std::f64::consts::PI,
                    y: 2.0,
                },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_meridian_projects_to_x_zero() {
        let p = Projection::default();
        let w = p.project(LonLat::new(150.0, 0.0)).expect("projects");
        assert!(w.x.abs() < 1e-12 && w.y.abs() < 1e-12);
    }

    #[test]
    fn americas_are_right_of_china_and_europe_left() {
        let p = Projection::default();
        let jinan = p.project(LonLat::new(117.0, 36.7)).expect("jinan").x;
        let new_york = p.project(LonLat::new(-74.0, 40.7)).expect("ny").x;
        let paris = p.project(LonLat::new(2.35, 48.85)).expect("paris").x;
        assert!(
            new_york > jinan && paris < jinan,
            "{paris} {jinan} {new_york}"
        );
    }

    #[test]
    fn project_then_invert_round_trips() {
        let p = Projection::new(150.0);
        for &(lon, lat) in &[
            (120.38, 36.06),
            (-46.63, -23.55),
            (-0.1, 51.5),
            (179.9, -17.0),
            (-29.0, 64.0),
        ] {
            let w = p.project(LonLat::new(lon, lat)).expect("projects");
            let back = p.invert(w).expect("inverts");
            assert!(
                (wrap_lon(back.lon - lon)).abs() < 1e-9 && (back.lat - lat).abs() < 1e-9,
                "{lon},{lat} -> {back:?}"
            );
        }
    }

    #[test]
    fn miller_puts_the_pole_at_2_3034_earth_radii() {
        // Miller's well-known property: the poles project to y = ±2.3034 R (finite, unlike Mercator).
        let p = Projection::new(0.0);
        let north = p.project(LonLat::new(0.0, 90.0)).expect("projects");
        let south = p.project(LonLat::new(0.0, -90.0)).expect("projects");
        assert!(
            (north.y - 2.3034).abs() < 1e-4 && (south.y + 2.3034).abs() < 1e-4,
            "{}",
            north.y
        );
    }

    #[test]
    fn invalid_positions_do_not_project() {
        let p = Projection::default();
        assert_eq!(p.project(LonLat::new(f64::NAN, 0.0)), None);
        assert_eq!(p.project(LonLat::new(0.0, 91.0)), None);
        assert_eq!(p.invert(WorldXY { x: 4.0, y: 0.0 }), None);
    }
}
