//! Hit-testing: what is under the pointer (the index itself lives in `crates/kernels`, built at
//! full speed in the shipped module: see [`youcheng_kernels::hit`]).

pub use youcheng_kernels::hit::{HitIndex, Planar, Target};
