//! The nightly half of `nightly.rs`, in a file of its own: a module that
//! is configured out is not parsed, so stable never sees `yield`.

use std::hint::black_box;
use std::ops::{Coroutine, CoroutineState};
use std::pin::{Pin, pin};
use std::time::Duration;

use coro_benches::interleaved::{Contender, measure, print};
use coro_benches::*;

/// `counter(n)` as a rustc coroutine.
fn nightly_counter(n: u64) -> impl Coroutine<Yield = (), Return = u64> {
    #[coroutine]
    move || {
        let mut total = 0;
        for i in 0..n {
            yield;
            total += i;
        }
        total
    }
}

/// One resume, out of line as for every contender.
#[inline(never)]
fn step_nightly<C: Coroutine<Yield = ()>>(c: Pin<&mut C>) -> CoroutineState<(), C::Return> {
    c.resume(())
}

#[inline(never)]
fn run_counter_nightly(n: u64) -> u64 {
    let mut c = pin!(nightly_counter(n));
    loop {
        match step_nightly(Pin::as_mut(black_box(&mut c))) {
            CoroutineState::Yielded(()) => {}
            CoroutineState::Complete(out) => return out,
        }
    }
}

/// The generators section's `values(n)` as a rustc coroutine (movable, so
/// `Unpin`, as `iter::from_coroutine` requires).
fn nightly_values(n: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        for i in 0..n {
            yield generators::f(i);
        }
    }
}

/// The sum of `nightly_values(n)` through `iter::from_coroutine`, by the
/// same consumer loop as the other generator contenders.
#[inline(never)]
fn run_values_nightly(n: u64) -> u64 {
    generators::sum(std::iter::from_coroutine(nightly_values(n)))
}

pub fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(101);
    const N: u64 = 1024;
    let mut counter = [
        Contender::new("hand-written", || run_counter_hand(black_box(N))),
        Contender::new("coro", || run_counter_coro(black_box(N))),
        Contender::new("async fn", || run_counter_async(black_box(N))),
        Contender::new("rustc coroutine (nightly)", || {
            run_counter_nightly(black_box(N))
        }),
    ];
    let rows = measure(&mut counter, N + 1, rounds, Duration::from_micros(500));
    print(
        &format!("counter(1024) on the nightly compiler: {rounds} rounds"),
        &rows,
    );

    let mut values = [
        Contender::new("hand-written Iterator", || {
            generators::run_hand(black_box(N))
        }),
        Contender::new("std::iter::from_fn", || {
            generators::run_from_fn(black_box(N))
        }),
        Contender::new("coro iter(generator)", || {
            generators::run_coro(black_box(N))
        }),
        Contender::new("iter::from_coroutine (nightly)", || {
            run_values_nightly(black_box(N))
        }),
    ];
    let rows = measure(&mut values, N, rounds, Duration::from_micros(500));
    print(
        &format!("generator, 1024 values summed, on the nightly compiler: {rounds} rounds"),
        &rows,
    );
}
