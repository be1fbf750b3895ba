//! The scheduler against tokio's current-thread runtime, in one run:
//! channel ping-pong between two tasks, and spawning 100,000 tasks.
//! `cargo bench -p coro-benches --bench sched`; docs/benchmarks.md has the
//! figures.
//!
//! Both sides run the same program: a main task spawns the workers and
//! awaits them, on a runtime built once outside the measurement.

use std::hint::black_box;

use coro_benches::sched::*;
use coro_runtime::sched::Executor;
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

const ROUNDS: u32 = 10_000;

/// `ROUNDS` round trips between two tasks over two channels; per item: one
/// round trip (two sends, two receives, two task switches at least). coro's
/// unbuffered channel (capacity 0) is Go's rendezvous; tokio's channels have
/// a capacity of at least 1.
mod pingpong {
    use super::*;

    #[divan::bench(args = [0, 1])]
    fn coro(b: Bencher, capacity: usize) {
        let ex = Executor::new();
        b.counter(ItemsCount::new(ROUNDS)).bench_local(|| {
            ex.block_on(pingpong(black_box(ROUNDS), capacity))
                .expect("no deadlock")
        });
    }

    #[divan::bench(args = [1])]
    fn tokio(b: Bencher, capacity: usize) {
        let rt = tokio_runtime();
        b.counter(ItemsCount::new(ROUNDS))
            .bench_local(|| rt.block_on(tokio_pingpong(black_box(ROUNDS), capacity)));
    }
}

const TASKS: u64 = 100_000;

/// Spawning `TASKS` tasks that return their argument, then joining them all;
/// per item: one task spawned, run, joined and freed.
mod spawn_100k {
    use super::*;

    #[divan::bench(sample_count = 20)]
    fn coro(b: Bencher) {
        let ex = Executor::new();
        b.counter(ItemsCount::new(TASKS)).bench_local(|| {
            ex.block_on(spawn_many(black_box(TASKS)))
                .expect("no deadlock")
        });
    }

    #[divan::bench(sample_count = 20)]
    fn tokio(b: Bencher) {
        let rt = tokio_runtime();
        b.counter(ItemsCount::new(TASKS))
            .bench_local(|| rt.block_on(tokio_spawn_many(black_box(TASKS))));
    }
}
