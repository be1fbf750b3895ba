//! The nightly half of `nightly.rs`, in a file of its own: a module that
//! is configured out is not parsed, so stable never sees `yield`.

use std::hint::black_box;
use std::ops::{Coroutine, CoroutineState};
use std::pin::{Pin, pin};

use coro_benches::*;
use divan::Bencher;
use divan::counter::ItemsCount;

const N: u64 = 1024;

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

#[inline(never)]
fn run_counter_nightly(n: u64) -> u64 {
    let mut c = pin!(nightly_counter(n));
    loop {
        match Pin::as_mut(black_box(&mut c)).resume(()) {
            CoroutineState::Yielded(()) => {}
            CoroutineState::Complete(out) => return out,
        }
    }
}

#[divan::bench]
fn nightly_coroutine(b: Bencher) {
    b.counter(ItemsCount::new(N + 1))
        .bench(|| run_counter_nightly(black_box(N)));
}

#[divan::bench]
fn hand_written(b: Bencher) {
    b.counter(ItemsCount::new(N + 1))
        .bench(|| run_counter_hand(black_box(N)));
}

#[divan::bench]
fn coro(b: Bencher) {
    b.counter(ItemsCount::new(N + 1))
        .bench(|| run_counter_coro(black_box(N)));
}

#[divan::bench]
fn async_fn(b: Bencher) {
    b.counter(ItemsCount::new(N + 1))
        .bench(|| run_counter_async(black_box(N)));
}
