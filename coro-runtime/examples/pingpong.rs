//! Two tasks pass a counter back and forth over unbuffered channels, on the
//! single-threaded executor and on the threaded one, and report the time per
//! round trip (a rough figure; docs/benchmarks.md has measured ones).
//!
//! `cargo run --release --example pingpong [ROUNDS] [local|threaded]`

use std::time::Instant;

use coro_runtime::sched::{Executor, Receiver, Sender, ThreadedExecutor, channel};

/// Sends the counter, gets it back one higher, adds one: `rounds` times.
#[coro_runtime::coroutine]
fn ping(rx: Receiver<u32>, tx: Sender<u32>, rounds: u32) -> u32 {
    let mut counter = 0;
    for _ in 0..rounds {
        tx.send(counter).await.expect("pong listens");
        counter = rx.recv().await.expect("pong answers") + 1;
    }
    counter
}

/// Answers each value with the next one, until the channel closes.
#[coro_runtime::coroutine]
fn pong(rx: Receiver<u32>, tx: Sender<u32>) {
    while let Some(n) = rx.recv().await {
        if tx.send(n + 1).await.is_err() {
            return;
        }
    }
}

fn main() {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let which = std::env::args().nth(2).unwrap_or_default();

    if which != "threaded" {
        single_threaded(rounds);
    }
    if which != "local" {
        threaded(rounds);
    }
}

fn single_threaded(rounds: u32) {
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    let start = Instant::now();
    let result = ex.spawn(ping(b_rx, a_tx, rounds));
    ex.spawn(pong(a_rx, b_tx));
    ex.run().expect("no deadlock");
    let elapsed = start.elapsed();
    let counter = result.try_take().unwrap().unwrap();
    assert_eq!(counter, 2 * rounds);
    println!(
        "single-threaded: {rounds} round trips, {:.1} ns each",
        elapsed.as_nanos() as f64 / f64::from(rounds)
    );
}

fn threaded(rounds: u32) {
    let ex = ThreadedExecutor::new(2);
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    let start = Instant::now();
    let result = ex.spawn(ping(b_rx, a_tx, rounds));
    ex.spawn(pong(a_rx, b_tx));
    ex.run().expect("no deadlock");
    let elapsed = start.elapsed();
    assert_eq!(result.wait().unwrap(), 2 * rounds);
    println!(
        "two worker threads: {rounds} round trips, {:.1} ns each",
        elapsed.as_nanos() as f64 / f64::from(rounds)
    );
}
