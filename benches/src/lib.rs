//! Workloads shared by the benchmarks (`benches/*.rs`), written once for
//! each contender. docs/benchmarks.md has the results and the commands.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use coro_runtime::{Coroutine, Status, boxed, suspend};

// ------------------------------------------------------------------ counter

/// `counter(n)`: a loop that suspends `n` times and sums the loop index.
#[coro_runtime::coroutine]
pub fn counter(n: u64) -> u64 {
    let mut total = 0;
    for i in 0..n {
        suspend!();
        total += i;
    }
    total
}

/// The same work as a hand-written state machine: what the transform
/// competes with.
pub struct HandCounter {
    n: u64,
    i: u64,
    total: u64,
    state: u8,
}

impl HandCounter {
    pub fn new(n: u64) -> Self {
        HandCounter {
            n,
            i: 0,
            total: 0,
            state: 0,
        }
    }

    /// Runs to the next suspension: `true` when suspended, `false` when done.
    #[inline]
    pub fn resume(&mut self) -> bool {
        match self.state {
            0 => {
                if self.i < self.n {
                    self.state = 1;
                    true
                } else {
                    self.state = 2;
                    false
                }
            }
            1 => {
                self.total += self.i;
                self.i += 1;
                if self.i < self.n {
                    true
                } else {
                    self.state = 2;
                    false
                }
            }
            _ => panic!("resumed after the end"),
        }
    }

    pub fn total(&self) -> u64 {
        self.total
    }
}

/// A future that is pending once: the `async` version of `suspend!()`.
pub struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

pub fn pending_once() -> PendingOnce {
    PendingOnce(false)
}

/// The counter as an `async fn`, polled with a no-op waker.
pub async fn async_counter(n: u64) -> u64 {
    let mut total = 0;
    for i in 0..n {
        pending_once().await;
        total += i;
    }
    total
}

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

/// A waker that does nothing.
pub fn noop_waker() -> Waker {
    // SAFETY: the vtable's functions do nothing and ignore the pointer.
    unsafe { Waker::from_raw(noop_raw_waker()) }
}

/// Polls `f` until it is ready, counting the polls.
pub fn block_on<F: Future>(f: F) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// Resumes `c` until it returns.
pub fn drive<C: Coroutine>(c: Pin<&mut C>) -> C::Output {
    let mut c = c;
    while c.as_mut().resume() == Status::Suspended {}
    c.take_output().expect("returned")
}

// -------------------------------------------------------------- await depth

/// A chain of `depth` nested awaits whose innermost frame suspends `n`
/// times. The children are boxed (recursion) but owned, so they join their
/// awaiter's segment: resuming the outermost frame enters the innermost one
/// directly.
#[coro_runtime::coroutine]
pub fn nested(depth: u32, n: u32) -> u32 {
    if depth == 0 {
        for _ in 0..n {
            suspend!();
        }
        n
    } else {
        boxed(nested(depth - 1, n)).await
    }
}

/// The same chain of `async` functions: each poll goes through every level.
pub fn async_nested(depth: u32, n: u32) -> Pin<Box<dyn Future<Output = u32>>> {
    Box::pin(async move {
        if depth == 0 {
            for _ in 0..n {
                pending_once().await;
            }
            n
        } else {
            async_nested(depth - 1, n).await
        }
    })
}
