//! The concurrent prime sieve from Go's documentation, with tasks and
//! channels: a generator sends 2, 3, 4, ...; each prime found starts a
//! filter task that passes on the numbers it does not divide.
//!
//! `cargo run --example sieve [N]` prints the first N primes (default 20).

use coro_runtime::sched::{Executor, Receiver, Sender, channel, spawn_local};

/// Sends 2, 3, 4, ... until nobody listens.
#[coro_runtime::coroutine]
fn generate(tx: Sender<u32>) {
    let mut i = 2;
    while tx.send(i).await.is_ok() {
        i += 1;
    }
}

/// Passes on the numbers `prime` does not divide.
#[coro_runtime::coroutine]
fn filter(rx: Receiver<u32>, tx: Sender<u32>, prime: u32) {
    while let Some(i) = rx.recv().await {
        if i % prime != 0 && tx.send(i).await.is_err() {
            return;
        }
    }
}

/// The first `n` primes.
#[coro_runtime::coroutine]
fn sieve(n: usize) -> Vec<u32> {
    let (tx, first) = channel(0);
    spawn_local(generate(tx));
    let mut rx = first;
    let mut primes = Vec::with_capacity(n);
    for _ in 0..n {
        let prime = rx.recv().await.expect("the generator runs forever");
        primes.push(prime);
        let (tx, next) = channel(0);
        spawn_local(filter(rx, tx, prime));
        rx = next;
    }
    primes
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let ex = Executor::new();
    // The generator and filters still wait when `sieve` returns; dropping
    // the executor ends them, as a Go program's exit does.
    let primes = ex.block_on(sieve(n)).expect("no deadlock");
    println!("{primes:?}");
    assert_eq!(primes.len(), n);
}
