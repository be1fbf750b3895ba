//! `Future` interop: a coroutine driven as a `Future` ([`as_future`]), and
//! a `Future` awaited inside a coroutine ([`from_future`], what `.await` on
//! a `Future` uses).

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use super::cx;
use crate::{Coroutine, Status};

/// A coroutine as a `Future`: what [`as_future`] returns.
#[must_use = "futures do nothing unless polled"]
pub struct CoroFuture<C> {
    coroutine: C,
}

/// Drives `coroutine` as a `Future`, so that tokio (or any executor) can
/// run it. Each poll resumes it once, with the poll's waker as the task's
/// waker: channels, [`Mutex`](super::Mutex) and
/// [`WaitGroup`](super::WaitGroup) wake it through that waker. A
/// suspension that waits for nothing (`suspend!()`, a yield) wakes the task
/// at once, so that the executor polls it again.
///
/// ```
/// use coro_runtime::sched::{as_future, channel};
/// use std::future::Future;
///
/// #[coro_runtime::coroutine]
/// fn double(rx: coro_runtime::sched::Receiver<u32>) -> u32 {
///     rx.recv().await.unwrap() * 2
/// }
///
/// let (tx, rx) = channel(1);
/// tx.try_send(21).unwrap();
/// let out = std::thread::spawn(move || {
///     // Any executor: here a minimal one.
///     let mut fut = std::pin::pin!(as_future(double(rx)));
///     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
///     loop {
///         if let std::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
///             break v;
///         }
///     }
/// })
/// .join()
/// .unwrap();
/// assert_eq!(out, 42);
/// ```
pub fn as_future<C: Coroutine>(coroutine: C) -> CoroFuture<C> {
    CoroFuture { coroutine }
}

impl<C: Coroutine> Future for CoroFuture<C> {
    type Output = C::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<C::Output> {
        // SAFETY: the coroutine is a pinned projection, never moved.
        let mut c = unsafe { self.map_unchecked_mut(|f| &mut f.coroutine) };
        let context = cx::Cx::new(cx.waker(), None);
        let status = cx::enter(&context, || c.as_mut().resume());
        match status {
            Status::Returned => Poll::Ready(
                c.take_output()
                    .expect("CoroFuture polled after it returned its output"),
            ),
            Status::Suspended => {
                if !context.registered.get() {
                    cx.waker().wake_by_ref();
                }
                Poll::Pending
            }
        }
    }
}

/// A `Future` as a coroutine: what [`from_future`] returns, and what
/// `.await` on a `Future` in a `#[coroutine]` fn awaits.
#[must_use = "a future does nothing unless awaited"]
pub struct FromFuture<F: Future> {
    future: F,
    output: Option<F::Output>,
    finished: bool,
}

/// Awaits a `Future` in a coroutine: each resume polls it, with a waker
/// that reschedules the task when it is run by a coro executor (outside
/// one, with a waker that does nothing: whoever resumes the coroutine polls
/// again). `fut.await` does the same.
///
/// ```
/// use coro_runtime::sched::Executor;
///
/// #[coro_runtime::coroutine]
/// fn uses_a_future() -> u32 {
///     let a = std::future::ready(40).await; // any Future
///     a + 2
/// }
///
/// assert_eq!(Executor::new().block_on(uses_a_future()), Ok(42));
/// ```
pub fn from_future<F: Future>(future: F) -> FromFuture<F> {
    FromFuture {
        future,
        output: None,
        finished: false,
    }
}

impl<F: Future> Coroutine for FromFuture<F> {
    type Output = F::Output;

    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the future is a pinned projection, never moved.
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        let waker = cx::with(|cx| cx.map_or_else(|| Waker::noop().clone(), |cx| cx.waker.clone()));
        let mut context = Context::from_waker(&waker);
        // SAFETY: as above.
        let future = unsafe { Pin::new_unchecked(&mut this.future) };
        match future.poll(&mut context) {
            Poll::Ready(v) => {
                this.output = Some(v);
                this.finished = true;
                cx::not_waiting();
                Status::Returned
            }
            Poll::Pending => {
                // A pending future keeps the waker to wake the task: the
                // task waits (only now: a future that is ready must not
                // make a `suspend!()` after it look like a wait).
                cx::with(|cx| {
                    if let Some(cx) = cx {
                        cx.registered.set(true);
                        cx.blocked_on.set("a future");
                    }
                });
                Status::Suspended
            }
        }
    }

    fn take_output(self: Pin<&mut Self>) -> Option<F::Output> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.finished
    }
}
