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
}
