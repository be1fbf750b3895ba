//! The differential corpus again, as an edition 2024 crate: both the
//! `#[coroutine]` frames and their `async fn` twins are compiled with 2024's
//! rules (temporaries of a block's tail expression drop before its locals,
//! `if let` scrutinees drop before `else`, `impl Trait` captures every
//! lifetime), and must still agree.

// The code `#[coroutine]` generates must not trip the lint in a crate
// that denies it (its `unsafe` blocks are the macro's, not the user's).
#![deny(unsafe_code)]
// The rustc coroutine twins of the generator cases (`yields.rs`), built by
// scripts/nightly-differential.sh only.
#![cfg_attr(
    coro_nightly,
    feature(coroutines, coroutine_trait, stmt_expr_attributes)
)]

#[path = "../../src/harness.rs"]
pub mod harness;

#[path = "../../src/yields.rs"]
pub mod yields;

#[path = "../../src/cases/mod.rs"]
pub mod cases;

/// What the cases import.
pub mod prelude {
    pub use crate::harness::{D, log, take_log};
    pub use crate::log;
}

/// Let chains (edition 2024 syntax), from ../shared/repro
/// (peer_let_chain_edition2024), and chains whose operands suspend: the
/// in-place lowering only; the legacy one rejects them.
pub mod let_chains {
    #[allow(unused_imports)]
    use crate::prelude::*;

    crate::differential! {
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

        /// Awaits in the operands of a chain, in an `else if` chain too;
        /// a binding borrows the argument across the points after it. Each
        /// argument ends in another branch.
        case let_chain_awaits() {
            fn case() -> u32 {
                let then = chain(vec![1, 2, 3]).await;
                let else_if = chain(vec![2, 5]).await;
                let otherwise = chain(Vec::new()).await;
                then * 100 + else_if * 10 + otherwise
            }
            fn chain(v: Vec<u32>) -> u32 {
                let d = D::new("d");
                if let Some(&a) = v.first()
                    && odd(a).await
                    && let Some(b) = v.get(index(a).await)
                    && a + *b > 1
                {
                    suspend!();
                    log!("then {a} {b} {}", d.name());
                    a + b
                } else if let Some(c) = v.last()
                    && *c > one().await
                {
                    log!("else if {c}");
                    *c
                } else {
                    suspend!();
                    log!("else");
                    0
                }
            }
            fn odd(a: u32) -> bool {
                let _g = D::new("odd");
                suspend!();
                a % 2 == 1
            }
            fn index(a: u32) -> usize {
                suspend!();
                a as usize
            }
            fn one() -> u32 {
                suspend!();
                1
            }
        }

        /// Temporaries of a chain's operands, awaited: those of a `let`
        /// operand live until the `if` ends, those of a condition drop
        /// right after it (rustc's order), on each way out.
        case let_chain_temporaries() {
            fn case() -> usize {
                let then = temporaries(1).await;
                let otherwise = temporaries(0).await;
                then * 10 + otherwise
            }
            fn temporaries(k: usize) -> usize {
                if let Some(n) = make("t1").await.name().len().checked_sub(k)
                    && make("t2").await.name().len() > n
                    && let Some(m) = make("t3").await.name().len().checked_add(n)
                {
                    suspend!();
                    log!("then {n} {m}");
                    m
                } else {
                    log!("else");
                    0
                }
            }
            fn make(name: &'static str) -> D {
                suspend!();
                D::new(name)
            }
        }

        /// `while let` with a chain that awaits, its binding borrowed
        /// across the body's point.
        case while_let_chain_awaits(vec![3, 4, 5, 6]) {
            fn case(v: Vec<u32>) -> u32 {
                let mut i = 0;
                let mut sum = 0;
                while let Some(x) = v.get(i)
                    && small(*x).await
                {
                    suspend!();
                    sum += x;
                    i += 1;
                }
                sum
            }
            fn small(x: u32) -> bool {
                suspend!();
                x < 6
            }
        }

        /// An `if let` whose scrutinee's temporary is kept across its
        /// branch's point, in a `let`: dropped at the end of the `if let`
        /// in edition 2024, before the statement ends.
        case if_let_temporary_drops_at_its_end(0) {
            fn case(k: usize) -> usize {
                let x = (if let Some(n) = make("t1").await.name().len().checked_sub(k) {
                    suspend!();
                    n
                } else {
                    0
                }) + {
                    log!("plus");
                    1
                };
                log!("after");
                x
            }
            fn make(name: &'static str) -> D {
                suspend!();
                D::new(name)
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
