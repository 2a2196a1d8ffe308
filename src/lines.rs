//! Open polylines in CSS pixels stored flat (defined in `crates/kernels`, whose line-making
//! loops fill them: see [`youcheng_kernels::lines`]).

pub use youcheng_kernels::lines::{LineIter, Lines, Polylines};
