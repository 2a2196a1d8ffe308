//! Stacks: partner dots that would overlap at the current zoom are drawn as one marker with a
//! count (the grouping itself lives in `crates/kernels`, built at full speed in the shipped
//! module; see [`youcheng_kernels::stacks`]).

pub use youcheng_kernels::stacks::{stack_dots, Stack, STACK_PX};
