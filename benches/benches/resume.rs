//! Resume cost: the counter round trip against a hand-written state machine
//! and an `async fn`, and resume at await depths 1, 8, 64 and 512 against
//! nested `async` functions. `cargo bench -p coro-benches --bench resume`.

use std::hint::black_box;
use std::pin::pin;
use std::task::Context;

use coro_benches::*;
use coro_runtime::{Coroutine, Status};
use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

const N: u64 = 1024;

/// `counter(1024)` driven to completion: 1025 resumes.
mod counter_1024 {
    use super::*;

    #[divan::bench]
    fn hand_written(b: Bencher) {
        b.counter(ItemsCount::new(N + 1)).bench(|| {
            let mut c = HandCounter::new(black_box(N));
            while c.resume() {}
            c.total()
        });
    }

    #[divan::bench]
    fn coro(b: Bencher) {
        b.counter(ItemsCount::new(N + 1)).bench(|| {
            let c = pin!(counter(black_box(N)));
            drive(c)
        });
    }

    #[divan::bench]
    fn async_fn(b: Bencher) {
        b.counter(ItemsCount::new(N + 1))
            .bench(|| block_on(async_counter(black_box(N))));
    }
}

const RESUMES: u32 = 256;

/// The cost of one resume of the outermost frame of a chain `DEPTH` awaits
/// deep, when the innermost frame suspends (per resume: the time divided by
/// 256). The chain is built and entered outside the measurement.
mod await_depth {
    use super::*;

    #[divan::bench(consts = [1, 8, 64, 512])]
    fn coro<const DEPTH: u32>(b: Bencher) {
        b.counter(ItemsCount::new(RESUMES))
            .with_inputs(|| {
                let mut f = Box::pin(nested(DEPTH, RESUMES + 1));
                assert_eq!(f.as_mut().resume(), Status::Suspended);
                f
            })
            .bench_local_refs(|f| {
                for _ in 0..RESUMES {
                    black_box(f.as_mut().resume());
                }
            });
    }

    #[divan::bench(consts = [1, 8, 64, 512])]
    fn async_fn<const DEPTH: u32>(b: Bencher) {
        let waker = noop_waker();
        b.counter(ItemsCount::new(RESUMES))
            .with_inputs(|| {
                let mut f = async_nested(DEPTH, RESUMES + 1);
                let mut cx = Context::from_waker(&waker);
                assert!(f.as_mut().poll(&mut cx).is_pending());
                f
            })
            .bench_local_refs(|f| {
                let mut cx = Context::from_waker(&waker);
                for _ in 0..RESUMES {
                    let _ = black_box(f.as_mut().poll(&mut cx));
                }
            });
    }
}
