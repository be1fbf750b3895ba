//! Static await chains: distinct coroutine fns, each awaiting the next.
//!
//! A regression test of build time as much as of behaviour. While a frame's
//! type named its slots twice (as a parameter of `InFrame` and in its
//! body's signature), each level doubled the size of its parent's type, and
//! rustc walked those types in exponential time: 16 levels built in 3 s, 20
//! in 36 s, 22 in 129 s. The 64 levels of `bottom_up` never finished.
//!
//! How deep a chain can be with rustc's default `recursion_limit` (128)
//! depends on the order in which rustc computes the frames' layouts, which
//! follows the order of the items in the file (docs/limitations.md):
//!
//! - declared from the leaf up (`bottom_up`), each layout is computed
//!   once its child's is known, and chains of 128 levels build;
//! - declared from the root down (`top_down`), the root's layout query
//!   nests every level's, 8 queries deep per level, and rustc stops after
//!   16 levels ("queries overflow the depth limit"; an `async fn` chain of
//!   the same shape stops between 32 and 64). A larger
//!   `#![recursion_limit]` lifts it. `top_down` has the 16 levels that
//!   build: a change that adds a level of nesting to a frame's type (11
//!   queries per level stopped at 11 levels) fails here.

use coro_runtime::{Coroutine, Status, suspend};

/// `chain!(order; c0 c1 .. cn)`: `ck` awaits `c(k+1)(x + 1)`, keeps a
/// `String` alive across the await, and combines the child's output with
/// `x`; the last one suspends once and returns `x + 1`. `order` is
/// `down` to declare `c0` first, `up` to declare `cn` first.
macro_rules! chain {
    ($order:ident; $last:ident) => {
        #[coro_runtime::coroutine]
        pub fn $last(x: u64) -> u64 {
            suspend!();
            x + 1
        }
    };
    (down; $first:ident $next:ident $($rest:ident)*) => {
        chain!(@level $first $next);
        chain!(down; $next $($rest)*);
    };
    (up; $first:ident $next:ident $($rest:ident)*) => {
        chain!(up; $next $($rest)*);
        chain!(@level $first $next);
    };
    (@level $this:ident $next:ident) => {
        #[coro_runtime::coroutine]
        pub fn $this(x: u64) -> u64 {
            let label = format!("level {x}");
            let y = $next(x + 1).await;
            assert_eq!(label, format!("level {x}"));
            y.wrapping_mul(3).wrapping_add(x)
        }
    };
}

mod top_down {
    use super::*;

    chain!(down; c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 c10 c11 c12 c13 c14 c15);
    pub const DEPTH: u64 = 16;
}

mod bottom_up {
    use super::*;

    chain!(up;
        c0 c1 c2 c3 c4 c5 c6 c7 c8 c9 c10 c11 c12 c13 c14 c15
        c16 c17 c18 c19 c20 c21 c22 c23 c24 c25 c26 c27 c28 c29 c30 c31
        c32 c33 c34 c35 c36 c37 c38 c39 c40 c41 c42 c43 c44 c45 c46 c47
        c48 c49 c50 c51 c52 c53 c54 c55 c56 c57 c58 c59 c60 c61 c62 c63
    );
    pub const DEPTH: u64 = 64;
}

/// What `c{level}(x)` of a chain of `depth` returns, without coroutines.
fn expected(depth: u64, level: u64, x: u64) -> u64 {
    if level == depth - 1 {
        x + 1
    } else {
        expected(depth, level + 1, x + 1)
            .wrapping_mul(3)
            .wrapping_add(x)
    }
}

/// Runs a chain's root, which suspends once (at its leaf), to its output.
fn run(root: impl Coroutine<Output = u64>) -> Option<u64> {
    let mut frame = core::pin::pin!(root);
    assert_eq!(frame.as_mut().resume(), Status::Suspended);
    assert_eq!(frame.as_mut().resume(), Status::Returned);
    frame.as_mut().take_output()
}

#[test]
fn chains_run_to_the_same_result_as_plain_recursion() {
    assert_eq!(run(top_down::c0(5)), Some(expected(top_down::DEPTH, 0, 5)));
    assert_eq!(
        run(bottom_up::c0(5)),
        Some(expected(bottom_up::DEPTH, 0, 5))
    );
}

#[test]
fn a_chain_dropped_at_its_deepest_point_drops_every_level() {
    let mut frame = Box::pin(bottom_up::c0(7));
    assert_eq!(frame.as_mut().resume(), Status::Suspended);
    // Each level holds a `String`; under the sanitizers a leak or a double
    // drop of any of them fails here.
    drop(frame);
}

#[test]
fn the_frame_grows_linearly_with_the_depth() {
    // Each level adds its own slots and header and nests the next one: no
    // level is stored twice.
    let sizes = [
        coro_runtime::frame_size_of(bottom_up::c61),
        coro_runtime::frame_size_of(bottom_up::c62),
        coro_runtime::frame_size_of(bottom_up::c63),
    ];
    let top = coro_runtime::frame_size_of(bottom_up::c0);
    let per_level = sizes[0] - sizes[1];
    assert!(sizes[1] > sizes[2], "{sizes:?}");
    assert!(per_level <= 96, "one level costs {per_level} bytes");
    assert_eq!(top, sizes[0] + 61 * per_level, "{top} {sizes:?}");
}
