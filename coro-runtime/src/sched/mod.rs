//! Goroutines on coroutines: a scheduler with channels, `select!`, timers,
//! a mutex and a wait group, and interop with `std::future::Future`.
//! Needs the `alloc` feature (the multi-threaded executor, panic capture and
//! the system clock need `std`).
//!
//! The model is Go's. A *task* is a coroutine run by an executor:
//! [`spawn`] starts one and gives a [`JoinHandle`]. A task that waits (on a
//! channel, a timer, a mutex, another task) suspends, and its executor runs
//! another; whoever makes it ready (a sender, the timer queue) wakes it.
//! `suspend!()` in a task yields (Go's `Gosched`): the task goes to the back
//! of the run queue. Blocking operations are small coroutines that keep
//! their waiting state, intrusive list nodes included, inside themselves:
//! awaited, they live in the awaiting frame, so waiting allocates nothing.
//!
//! ```
//! use coro_runtime::sched::{self, channel, Executor, Receiver, Sender};
//!
//! #[coro_runtime::coroutine]
//! fn ping(rx: Receiver<u32>, tx: Sender<u32>) {
//!     while let Some(n) = rx.recv().await {
//!         if n == 0 {
//!             break;
//!         }
//!         tx.send(n - 1).await.unwrap();
//!     }
//! }
//!
//! let ex = Executor::new();
//! let (a_tx, a_rx) = channel(0);
//! let (b_tx, b_rx) = channel(0);
//! ex.spawn(ping(a_rx, b_tx));
//! ex.spawn(ping(b_rx, a_tx.clone()));
//! ex.spawn(sched::send_one(a_tx, 10));
//! ex.run().unwrap();
//! ```
//!
//! Executors: [`Executor`] runs tasks on the current thread and is
//! deterministic (with a virtual clock, time jumps from timer to timer);
//! [`ThreadedExecutor`] runs `Send` tasks on worker threads. Both return a
//! [`Deadlock`] naming the blocked tasks when every task waits and nothing
//! can wake one; a panicking task does not take the executor down: its
//! [`JoinHandle`] reports [`JoinError::Panicked`].
//!
//! Interop: [`as_future`] turns a coroutine into a `Future` (so tokio, or
//! any executor, can drive it: channels, the mutex and the wait group work
//! there; timers and `spawn` need a coro executor), and inside a coroutine,
//! `.await` on a `Future` polls it with a waker that reschedules the task.
//!
//! Without `std` there are no thread-locals: the scheduler then assumes one
//! thread (as on `wasm32-unknown-unknown`).

mod awaited;
mod chan;
mod claim;
mod cx;
mod future;
mod join;
mod list;
mod local;
mod lock;
#[cfg(all(test, coro_loom))]
mod loom_models;
mod notify;
pub mod oneshot;
#[cfg(feature = "std")]
mod park;
mod select;
mod semaphore;
mod sink;
mod stream;
mod sync;
mod task;
#[cfg(feature = "std")]
mod threaded;
mod time;
mod timers;

use core::pin::Pin;

use alloc::boxed::Box;
use alloc::string::String;

#[doc(hidden)]
pub use awaited::{
    Awaited, CaseProbe, IsAwaitable, IsCase, IsFuture, IsGeneratorCase, IsOther, SelectCase,
    ViaAwaitable, ViaCase, ViaFuture, ViaGeneratorCase, ViaOtherCase,
};
pub use chan::{
    Receiver, RecvOp, SendError, SendOp, Sender, TryRecvError, TrySendError, UnboundedSender,
    channel, unbounded,
};
pub use future::{CoroFuture, FromFuture, as_future, from_future};
pub use join::{Join, JoinAll, Joinable, join, join_all};
pub use local::Executor;
pub use notify::{Notified, Notify};
#[doc(hidden)]
pub use select::{Case, Cases, SELECT_MAX, Select, select, select_biased};
pub use semaphore::{
    AcquireOp, LockOp, Mutex, MutexGuard, ReadOp, RwLock, RwLockReadGuard, RwLockWriteGuard,
    Semaphore, SemaphorePermit, WriteOp,
};
pub use sink::JoinError;
pub use stream::{Next, Stream, stream};
pub use sync::{WaitGroup, WaitOp};
pub use task::{BlockedTask, Deadlock, JoinHandle};
#[cfg(feature = "std")]
pub use threaded::ThreadedExecutor;
pub use time::{
    Elapsed, Interval, Sleep, Tick, Timeout, interval, now, sleep, sleep_until, timeout,
};
pub use timers::Instant;

use crate::{Coroutine, Status};

/// Starts a task on the executor running the current one (Go's `go`).
///
/// # Panics
///
/// Outside a coro executor.
#[track_caller]
pub fn spawn<C>(coroutine: C) -> JoinHandle<C::Output>
where
    C: Coroutine + Send + 'static,
    C::Output: Send + 'static,
{
    spawn_with_name(None, coroutine)
}

/// [`spawn`] with a name, shown in a deadlock report.
#[track_caller]
pub fn spawn_named<C>(name: impl Into<String>, coroutine: C) -> JoinHandle<C::Output>
where
    C: Coroutine + Send + 'static,
    C::Output: Send + 'static,
{
    spawn_with_name(Some(name.into()), coroutine)
}

#[track_caller]
fn spawn_with_name<C>(name: Option<String>, coroutine: C) -> JoinHandle<C::Output>
where
    C: Coroutine + Send + 'static,
    C::Output: Send + 'static,
{
    let (body, sink, handle) = task::task(coroutine);
    cx::sched(|s| s.spawn_send(name, Box::pin(body), sink));
    handle
}

/// Starts a task that need not be `Send` on the single-threaded
/// [`Executor`] running the current one.
///
/// # Panics
///
/// Outside a coro executor, or on a [`ThreadedExecutor`].
#[track_caller]
pub fn spawn_local<C>(coroutine: C) -> JoinHandle<C::Output>
where
    C: Coroutine + 'static,
    C::Output: 'static,
{
    let (body, sink, handle) = task::task(coroutine);
    let refused = cx::sched(|s| s.spawn_local(None, Box::pin(body), sink).is_err());
    assert!(
        !refused,
        "spawn_local: the current executor runs tasks on several threads; use `spawn`"
    );
    handle
}

/// Lets the other ready tasks run before this one goes on (Go's
/// `runtime.Gosched`). The same as `suspend!()` in a task.
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// What [`yield_now`] returns.
#[must_use = "a yield does nothing unless awaited"]
#[derive(Debug)]
pub struct YieldNow {
    yielded: bool,
}

impl Coroutine for YieldNow {
    type Output = ();

    fn resume(mut self: Pin<&mut Self>) -> Status {
        if self.yielded {
            Status::Returned
        } else {
            self.yielded = true;
            Status::Suspended
        }
    }

    fn take_output(self: Pin<&mut Self>) -> Option<()> {
        self.yielded.then_some(())
    }

    fn is_returned(&self) -> bool {
        self.yielded
    }
}

/// Sends one value and drops the sender: a small task for examples.
#[coro_runtime::coroutine(crate = crate)]
pub fn send_one<T: Send + 'static>(tx: Sender<T>, value: T) {
    let _ = tx.send(value).await;
}
