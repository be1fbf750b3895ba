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

/// Let chains (edition 2024 syntax), from ../shared/repro
/// (peer_let_chain_edition2024): the in-place lowering only; the default one
/// rejects them.
pub mod let_chains {
    #[allow(unused_imports)]
    use crate::prelude::*;

    crate::inplace_differential! {
        /// The body of an `if` with a let chain suspends.
        case let_chain_body_suspends(Some(3), true) {
            fn case(opt: Option<u32>, c: bool) -> u32 {
                let mut out: u32 = 0;
                if let Some(v) = opt
                    && v > 0
                    && c
                {
                    suspend!();
                    out = v;
                }
                out
            }
        }

        /// The chain fails at its last condition; the `else` suspends.
        case let_chain_else_suspends(Some(3), false) {
            fn case(opt: Option<u32>, c: bool) -> u32 {
                let d = D::new("d");
                if let Some(v) = opt
                    && c
                {
                    suspend!();
                    v
                } else {
                    suspend!();
                    log!("{}", d.name());
                    0
                }
            }
        }
    }
}
