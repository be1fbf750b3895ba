//! The round-trip comparisons as ratios, measured interleaved: every round
//! times each contender once, and the table gives medians over the rounds
//! of the time per resume and of the ratio to the hand-written machine in
//! the same round. `cargo bench -p coro-benches --bench ratios`
//! (`ROUNDS=n` to change the 101 rounds); docs/benchmarks.md has the
//! figures. divan's `resume` bench measures the same workloads one after
//! another.

use std::hint::black_box;
use std::time::Duration;

use coro_benches::interleaved::{Contender, measure, print};
use coro_benches::*;

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(101);
    let sample = Duration::from_micros(500);

    const N: u64 = 1024;
    let pool = StackPool::new();
    let mut counter = [
        Contender::new("hand-written", || run_counter_hand(black_box(N))),
        Contender::new("coro", || run_counter_coro(black_box(N))),
        Contender::new("async fn", || run_counter_async(black_box(N))),
        Contender::new("diapause", || run_counter_diapause(black_box(N))),
        Contender::new("genawaiter (stack)", || {
            run_counter_genawaiter_stack(black_box(N))
        }),
        Contender::new("genawaiter (rc)", || {
            run_counter_genawaiter_rc(black_box(N))
        }),
        Contender::new("corosensei (pooled stack)", || {
            run_counter_corosensei(&pool, black_box(N))
        }),
    ];
    let rows = measure(&mut counter, N + 1, rounds, sample);
    print(
        &format!("counter(1024), created, driven to the end and dropped: {rounds} rounds"),
        &rows,
    );

    const M: u64 = 64;
    let mut live = [
        Contender::new("hand-written", || run_live_hand(black_box(M))),
        Contender::new("coro", || run_live_coro(black_box(M))),
        Contender::new("coro, #[coroutine(inline)]", || {
            run_live_coro_inline(black_box(M))
        }),
        Contender::new("async fn", || run_live_async(black_box(M))),
        Contender::new("diapause", || run_live_diapause(black_box(M))),
        Contender::new("genawaiter (stack)", || {
            run_live_genawaiter_stack(black_box(M))
        }),
        Contender::new("genawaiter (rc)", || run_live_genawaiter_rc(black_box(M))),
        Contender::new("corosensei (pooled stack)", || {
            run_live_corosensei(&pool, black_box(M))
        }),
    ];
    let rows = measure(&mut live, M + 1, rounds, sample);
    print(
        &format!(
            "live_values(64): a 1 KiB buffer, a String and three integers alive across each suspension: {rounds} rounds"
        ),
        &rows,
    );

    use coro_benches::generators as g;
    let mut sums = [
        Contender::new("hand-written Iterator", || g::run_hand(black_box(N))),
        Contender::new("std::iter::from_fn", || g::run_from_fn(black_box(N))),
        Contender::new("coro iter(generator)", || g::run_coro(black_box(N))),
        Contender::new("genawaiter (stack)", || {
            g::run_genawaiter_stack(black_box(N))
        }),
        Contender::new("genawaiter (rc)", || g::run_genawaiter_rc(black_box(N))),
    ];
    let rows = measure(&mut sums, N, rounds, sample);
    print(
        &format!(
            "generator(1024): 1024 values handed out and summed by a `for` loop through each `Iterator`: {rounds} rounds"
        ),
        &rows,
    );

    let mut depths = [
        Contender::new("coro, no delegation", || g::run_coro(black_box(N))),
        Contender::new("coro, 1 yield_from!", || g::run_delegated(0, black_box(N))),
        Contender::new("coro, 8 nested yield_from!", || {
            g::run_delegated(7, black_box(N))
        }),
        Contender::new("coro, 64 nested yield_from!", || {
            g::run_delegated(63, black_box(N))
        }),
    ];
    let rows = measure(&mut depths, N, rounds, sample);
    print(
        &format!(
            "generator(1024) through nested delegations: the same values, handed out by the innermost generator: {rounds} rounds"
        ),
        &rows,
    );
}
