//! The counter round trip, and a generator's values summed through an
//! `Iterator`, against rustc's own coroutines (the unstable `Coroutine`
//! trait and `iter::from_coroutine`), which need a nightly compiler. The bench builds on
//! stable too, as a program that says it skipped:
//!
//! ```text
//! RUSTFLAGS="--cfg coro_nightly" cargo +nightly bench -p coro-benches --bench nightly
//! ```
//!
//! (`scripts/bench.sh` runs it when a nightly toolchain is installed). The
//! hand-written machine, ours and the `async fn` run in the same process,
//! interleaved as in `ratios.rs`, so the ratios compare code built by the
//! same compiler.

#![cfg_attr(
    coro_nightly,
    feature(coroutines, coroutine_trait, iter_from_coroutine)
)]

#[cfg(not(coro_nightly))]
fn main() {
    println!(
        "nightly bench skipped: build with RUSTFLAGS=\"--cfg coro_nightly\" and a nightly toolchain"
    );
}

#[cfg(coro_nightly)]
fn main() {
    counter_1024::main();
}

// Out of line: stable must not parse the `yield`s.
#[cfg(coro_nightly)]
#[path = "nightly/counter_1024.rs"]
mod counter_1024;
