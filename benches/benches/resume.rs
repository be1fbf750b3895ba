//! Resume cost against a hand-written state machine, `async`, diapause,
//! genawaiter and corosensei, in one run: the counter round trip, a frame
//! holding live values (a 1 KiB buffer among them), creation and
//! destruction, and resume at await depths 1, 8, 64 and 512 against nested
//! `async` functions. `cargo bench -p coro-benches --bench resume`;
//! docs/benchmarks.md has the figures.
//!
//! Every contender is driven the same way: each resume goes through
//! `black_box(&mut coroutine)`, so the state is reloaded and stored around
//! every resume (as it is when a scheduler resumes it) and the loop cannot
//! be folded away.

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

/// `counter(1024)` created, driven to completion (1025 resumes) and
/// dropped. Per item: one resume.
mod counter_1024 {
    use super::*;

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

    #[divan::bench]
    fn diapause(b: Bencher) {
        b.counter(ItemsCount::new(N + 1))
            .bench(|| run_counter_diapause(black_box(N)));
    }

    #[divan::bench]
    fn genawaiter_rc(b: Bencher) {
        b.counter(ItemsCount::new(N + 1))
            .bench(|| run_counter_genawaiter_rc(black_box(N)));
    }

    #[divan::bench]
    fn genawaiter_stack(b: Bencher) {
        b.counter(ItemsCount::new(N + 1))
            .bench(|| run_counter_genawaiter_stack(black_box(N)));
    }

    #[divan::bench]
    fn corosensei(b: Bencher) {
        let pool = StackPool::new();
        b.counter(ItemsCount::new(N + 1))
            .bench_local(|| run_counter_corosensei(&pool, black_box(N)));
    }
}

/// `live_values(64)`: a 1 KiB buffer, a `String` and three integers alive
/// across each of 64 suspensions. Per item: one resume.
mod live_values_64 {
    use super::*;

    const M: u64 = 64;

    #[divan::bench]
    fn hand_written(b: Bencher) {
        b.counter(ItemsCount::new(M + 1))
            .bench(|| run_live_hand(black_box(M)));
    }

    #[divan::bench]
    fn coro(b: Bencher) {
        b.counter(ItemsCount::new(M + 1))
            .bench(|| run_live_coro(black_box(M)));
    }

    #[divan::bench]
    fn async_fn(b: Bencher) {
        b.counter(ItemsCount::new(M + 1))
            .bench(|| run_live_async(black_box(M)));
    }

    #[divan::bench]
    fn diapause(b: Bencher) {
        b.counter(ItemsCount::new(M + 1))
            .bench(|| run_live_diapause(black_box(M)));
    }

    #[divan::bench]
    fn genawaiter_rc(b: Bencher) {
        b.counter(ItemsCount::new(M + 1))
            .bench(|| run_live_genawaiter_rc(black_box(M)));
    }

    #[divan::bench]
    fn genawaiter_stack(b: Bencher) {
        b.counter(ItemsCount::new(M + 1))
            .bench(|| run_live_genawaiter_stack(black_box(M)));
    }

    #[divan::bench]
    fn corosensei(b: Bencher) {
        let pool = StackPool::new();
        b.counter(ItemsCount::new(M + 1))
            .bench_local(|| run_live_corosensei(&pool, black_box(M)));
    }
}

/// Creating a `counter` and dropping it: `unstarted` drops it before the
/// first resume, `started` after one (a cancellation). The resume goes
/// through the same out-of-line step as in the round trips.
mod create_destroy {
    use super::*;

    #[divan::bench(args = [false, true])]
    fn coro(b: Bencher, started: bool) {
        b.bench(|| {
            let mut c = pin!(counter(black_box(N)));
            if started {
                black_box(step_coro(black_box(&mut c).as_mut()));
            }
        });
    }

    #[divan::bench(args = [false, true])]
    fn coro_boxed(b: Bencher, started: bool) {
        b.bench(|| {
            let mut c = Box::pin(counter(black_box(N)));
            if started {
                black_box(step_coro(black_box(&mut c).as_mut()));
            }
        });
    }

    #[divan::bench(args = [false, true])]
    fn async_fn(b: Bencher, started: bool) {
        let waker = noop_waker();
        b.bench(|| {
            let mut f = pin!(async_counter(black_box(N)));
            if started {
                let mut cx = Context::from_waker(&waker);
                let _ = black_box(step_async(black_box(&mut f).as_mut(), &mut cx));
            }
        });
    }

    #[divan::bench(args = [false, true])]
    fn diapause(b: Bencher, started: bool) {
        b.bench(|| {
            let mut c = black_box(diapause_counter(black_box(N)));
            if started {
                let _ = black_box(step_diapause(black_box(&mut c), true));
            }
        });
    }

    #[divan::bench(args = [false, true])]
    fn genawaiter_rc(b: Bencher, started: bool) {
        b.bench(|| {
            let mut g = genawaiter_rc_counter(black_box(N));
            if started {
                black_box(step_genawaiter(black_box(&mut g)));
            }
        });
    }

    #[divan::bench(args = [false, true])]
    fn genawaiter_stack(b: Bencher, started: bool) {
        b.bench(|| {
            let mut shelf = genawaiter::stack::Shelf::new();
            let n = black_box(N);
            // SAFETY: as in `run_counter_genawaiter_stack`.
            let mut g = unsafe {
                genawaiter::stack::Gen::new(&mut shelf, |co| genawaiter_stack_counter(co, n))
            };
            if started {
                black_box(step_genawaiter(black_box(&mut g)));
            }
        });
    }

    /// A fresh 1 MiB stack each time (corosensei's default).
    #[divan::bench(args = [false, true])]
    fn corosensei(b: Bencher, started: bool) {
        b.bench(|| {
            let mut c = corosensei::Coroutine::new(corosensei_counter(black_box(N)));
            if started {
                black_box(step_corosensei(black_box(&mut c)));
            }
        });
    }

    /// A stack reused from a pool (a started coroutine is unwound by its
    /// drop: corosensei forces the unwind).
    #[divan::bench(args = [false, true])]
    fn corosensei_pooled(b: Bencher, started: bool) {
        let pool = StackPool::new();
        b.bench_local(|| {
            pool.with_dropped(corosensei_counter(black_box(N)), |c| {
                if started {
                    black_box(step_corosensei(black_box(c)));
                }
            })
        });
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
                    black_box(black_box(&mut *f).as_mut().resume());
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
                    let _ = black_box(black_box(&mut *f).as_mut().poll(&mut cx));
                }
            });
    }
}
