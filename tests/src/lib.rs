//! The test support crate of coro: the differential harness and its corpus
//! of cases, shared by the test binaries and by `frame_sizes`, which prints
//! the frame-size table of docs/frame-sizes.md.

// The code `#[coroutine]` generates must not trip the lint in a crate
// that denies it (its `unsafe` blocks are the macro's, not the user's).
#![deny(unsafe_code)]
// The rustc coroutine twins of the generator cases (`yields.rs`), built by
// scripts/nightly-differential.sh only.
#![cfg_attr(
    coro_nightly,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

pub mod cases;
pub mod generator;
pub mod harness;
pub mod yields;

/// What the cases import.
pub mod prelude {
    pub use crate::harness::{D, log, take_log};
    pub use crate::log;
}
