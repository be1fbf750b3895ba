//! The context a task runs in: the waker that reschedules it, and the
//! services of the scheduler running it (clock, timers, randomness,
//! spawning). Executors set it around each resume of a task; the `Future`
//! adapter sets it around each poll. Blocking operations read it.

use core::cell::Cell;
use core::pin::Pin;
use core::task::Waker;

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;

use super::lock::Lock;
use super::sink::Sink;
use super::timers::{Instant, TimerQueue};
use crate::Coroutine;

/// A boxed task body.
pub(crate) type LocalBody = Pin<Box<dyn Coroutine<Output = ()>>>;
/// A boxed task body that may move between threads.
pub(crate) type SendBody = Pin<Box<dyn Coroutine<Output = ()> + Send>>;

/// What an executor offers the tasks it runs.
pub(crate) trait Sched {
    /// The executor's clock.
    fn now(&self) -> Instant;
    /// The executor's timers.
    fn timers(&self) -> &Arc<Lock<TimerQueue>>;
    /// A pseudo-random number (for `select`'s fair choice).
    fn random(&self) -> u64;
    /// Starts a task; `sink` learns of its panic.
    fn spawn_send(&self, name: Option<String>, body: SendBody, sink: Arc<dyn Sink + Send + Sync>);
    /// Starts a task that stays on this thread; `Err` gives it back if the
    /// executor runs tasks on several threads.
    fn spawn_local(
        &self,
        name: Option<String>,
        body: LocalBody,
        sink: Arc<dyn Sink>,
    ) -> Result<(), LocalBody>;
}

/// The context of one resume.
pub(crate) struct Cx<'a> {
    pub(crate) waker: &'a Waker,
    /// Set when an operation kept the waker: the task waits to be woken.
    /// Unset after a suspension, the task merely yielded.
    pub(crate) registered: Cell<bool>,
    /// What the task waits for, for the deadlock report.
    pub(crate) blocked_on: Cell<&'static str>,
    /// How many more operations may complete without waiting in this
    /// resume before the task yields (see [`budget`]).
    budget: Cell<u32>,
    pub(crate) sched: Option<&'a dyn Sched>,
}

/// The operations a task may complete without waiting in one resume, as
/// tokio's coop budget: past it, the next operation yields instead, so a
/// task that always finds its channel ready cannot starve the others.
pub(crate) const BUDGET: u32 = 128;

impl<'a> Cx<'a> {
    pub(crate) fn new(waker: &'a Waker, sched: Option<&'a dyn Sched>) -> Self {
        Cx {
            waker,
            registered: Cell::new(false),
            blocked_on: Cell::new(""),
            budget: Cell::new(BUDGET),
            sched,
        }
    }
}

#[cfg(all(feature = "std", not(coro_loom)))]
std::thread_local! {
    static CURRENT: Cell<*const ()> = const { Cell::new(core::ptr::null()) };
}

// loom runs its threads on one thread of the process: each needs its own.
#[cfg(all(feature = "std", coro_loom))]
loom::thread_local! {
    static CURRENT: Cell<*const ()> = Cell::new(core::ptr::null());
}

#[cfg(feature = "std")]
#[inline]
fn current() -> *const () {
    CURRENT.with(Cell::get)
}

#[cfg(feature = "std")]
#[inline]
fn set_current(cx: *const ()) {
    CURRENT.with(|c| c.set(cx));
}

/// Without `std` there are no thread-locals: one static, which makes the
/// scheduler single-threaded (the targets without `std` that matter here,
/// such as `wasm32-unknown-unknown`, are).
#[cfg(not(feature = "std"))]
struct Current(Cell<*const ()>);
// SAFETY: without `std` the scheduler is used from one thread (documented
// on the `sched` module).
#[cfg(not(feature = "std"))]
unsafe impl Sync for Current {}
#[cfg(not(feature = "std"))]
static CURRENT: Current = Current(Cell::new(core::ptr::null()));

#[cfg(not(feature = "std"))]
#[inline]
fn current() -> *const () {
    CURRENT.0.get()
}

#[cfg(not(feature = "std"))]
#[inline]
fn set_current(cx: *const ()) {
    CURRENT.0.set(cx);
}

/// Runs `f` with `cx` as the current context (restored afterwards, also on
/// a panic).
#[inline]
pub(crate) fn enter<R>(cx: &Cx<'_>, f: impl FnOnce() -> R) -> R {
    struct Restore(*const ());
    impl Drop for Restore {
        fn drop(&mut self) {
            set_current(self.0);
        }
    }
    let _restore = Restore(current());
    set_current(cx as *const Cx<'_> as *const ());
    f()
}

/// Runs `f` in a context for `sched` with no waker (its tasks' frames are
/// dropped there: their operations reach the executor's timer queue).
pub(crate) fn in_context<R>(sched: &dyn Sched, f: impl FnOnce() -> R) -> R {
    let cx = Cx::new(Waker::noop(), Some(sched));
    enter(&cx, f)
}

/// Calls `f` with the current context, if any.
#[inline]
pub(crate) fn with<R>(f: impl FnOnce(Option<&Cx<'_>>) -> R) -> R {
    let cx = current() as *const Cx<'_>;
    // SAFETY: `enter` stores a context that outlives its call, and restores
    // the previous one before returning; `f` cannot keep the reference.
    f(unsafe { cx.as_ref() })
}

pub(crate) const NO_CONTEXT: &str = "coro_runtime::sched: this operation waits, so it needs a \
     scheduler: run the coroutine with an `Executor`, or as a `Future` (`as_future`)";

pub(crate) const NO_SCHEDULER: &str = "coro_runtime::sched: timers and `spawn` need a coro \
     executor (`Executor` or `ThreadedExecutor`); under another executor, use its own";

/// The current task's waker, for an operation about to wait on `what`:
/// also notes that the task waits (rather than yields).
#[track_caller]
#[inline]
pub(crate) fn waker_for(what: &'static str) -> Waker {
    with(|cx| match cx {
        Some(cx) => {
            cx.registered.set(true);
            cx.blocked_on.set(what);
            cx.waker.clone()
        }
        None => panic!("{}", NO_CONTEXT),
    })
}

/// Notes that what the task was about to wait on is over (it completed, or
/// was withdrawn) in this resume: a suspension that follows without
/// another wait is a yield, which reschedules the task, not a wait that
/// nobody will end. (`registered` says what the *last* operation did.)
#[inline]
pub(crate) fn not_waiting() {
    with(|cx| {
        if let Some(cx) = cx {
            cx.registered.set(false);
        }
    });
}

/// Whether the last operation of this resume waits to be woken (see
/// [`waker_for`] and [`not_waiting`]); `false` outside any context.
#[inline]
pub(crate) fn waiting() -> bool {
    with(|cx| cx.is_some_and(|cx| cx.registered.get()))
}

/// Notes that the task waits to be woken: for an operation made of others
/// (a join) whose parts all wait, though the last one to run returned.
#[inline]
pub(crate) fn still_waiting() {
    with(|cx| {
        if let Some(cx) = cx {
            cx.registered.set(true);
        }
    });
}

/// Takes one unit of the current resume's budget, for an operation about
/// to complete without waiting. `false` when it is spent: the operation
/// must then return `Suspended` without doing anything, which yields (the
/// task goes to the back of the run queue and gets a new budget). Outside
/// any context (a coroutine resumed by hand) there is no budget.
#[inline]
pub(crate) fn budget() -> bool {
    with(|cx| match cx {
        Some(cx) => match cx.budget.get() {
            0 => {
                cx.registered.set(false);
                false
            }
            n => {
                cx.budget.set(n - 1);
                true
            }
        },
        None => true,
    })
}

/// Calls `f` with the current scheduler.
#[track_caller]
pub(crate) fn sched<R>(f: impl FnOnce(&dyn Sched) -> R) -> R {
    with(|cx| match cx.and_then(|cx| cx.sched) {
        Some(s) => f(s),
        None => panic!("{}", NO_SCHEDULER),
    })
}
