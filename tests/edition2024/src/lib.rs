//! The differential corpus again, as an edition 2024 crate: both the
//! `#[coroutine]` frames and their `async fn` twins are compiled with 2024's
//! rules (temporaries of a block's tail expression drop before its locals,
//! `if let` scrutinees drop before `else`, `impl Trait` captures every
//! lifetime), and must still agree.

#[path = "../../src/harness.rs"]
pub mod harness;

#[path = "../../src/cases/mod.rs"]
pub mod cases;

/// What the cases import.
pub mod prelude {
    pub use crate::harness::{D, log, take_log};
    pub use crate::log;
}
