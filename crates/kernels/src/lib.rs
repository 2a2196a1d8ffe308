//! The loops of Youcheng's core that run over every pair or point of a network and are worth
//! the module's bytes at full speed: the shipped module is otherwise built for size
//! (`opt-level = "z"`), and there the partner markers' stacking ran ~3× slower than built at
//! `opt-level = 3` (the world network's 25,000 dots at a new zoom: ~6 ms against ~2 ms in the
//! page), and the hit index's grid over its ~800,000 segments (a quarter of preparing its data)
//! and the arcs' points' importance and the making of their lines for a view (the map's layer
//! and the raster workers') are as hot. Plain types, no dependency on the rest of the core,
//! which re-exports them.
// Tests index freely: a panic there is a failed test.
#![cfg_attr(test, allow(clippy::indexing_slicing))]

pub mod arcs;
pub mod geometry;
pub mod hit;
pub mod lines;
pub mod lod;
pub mod screen;
pub mod stacks;

/// A projected position in world units (x east, y north; one unit = one radian at the equator).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorldXY {
    /// East of the central meridian, in radians of longitude: −π…π across the map.
    pub x: f64,
    /// North of the equator, Miller's y: about ±2.3034 at the poles.
    pub y: f64,
}

/// A small deterministic pseudo-random source for the unit tests' generated cases (a 64-bit
/// linear congruential generator): numbers in [0, 1). The core's unit tests use it too; nothing
/// else calls it (the shipped module leaves it out).
#[doc(hidden)]
pub fn test_rng(mut seed: u64) -> impl FnMut() -> f64 {
    move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as f64 / f64::from(1u32 << 31)
    }
}
