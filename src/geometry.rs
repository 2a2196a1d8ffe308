//! Geometry on the sphere and on the map: great circles, the map's seam, the projection. It lives
//! in `crates/kernels` (built at full speed: the arcs of a network are densified and projected
//! point by point) and is re-exported here unchanged.

pub use youcheng_kernels::geometry::*;
