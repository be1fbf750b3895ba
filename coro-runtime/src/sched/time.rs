//! Time: the operations that wait on the executor's clock (`now`, `sleep`,
//! `timeout`). The clock's values and the timer queue are in `timers.rs`.

use core::fmt;
use core::pin::Pin;
use core::task::Waker;
use core::time::Duration;

use alloc::sync::Arc;

use super::claim::SelectShared;
use super::cx;
use super::lock::Lock;
use super::select::{Case, Sealed};
use super::timers::{Instant, TimerNode, TimerQueue};
use crate::{Coroutine, Status};

/// The current time on the running executor's clock.
///
/// # Panics
///
/// Outside a coro executor.
#[track_caller]
pub fn now() -> Instant {
    cx::sched(|s| s.now())
}

/// Waits until a deadline: what [`sleep`] and [`sleep_until`] return.
#[must_use = "a sleep does nothing unless awaited"]
pub struct Sleep {
    when: When,
    node: TimerNode,
    /// The timer queue the node is linked into, if any: kept alive and
    /// unlinked from by this sleep wherever it is dropped or resumed next
    /// (it may leave its task, or its executor, since it is `Send`).
    queue: Option<Arc<Lock<TimerQueue>>>,
    done: bool,
}

enum When {
    After(Duration),
    At(Instant),
}

/// Suspends the current task for `duration` (on the executor's clock: with
/// a virtual clock, time jumps to the next timer when every task waits).
///
/// ```
/// use coro_runtime::sched::{self, Executor};
/// use core::time::Duration;
///
/// #[coro_runtime::coroutine]
/// fn nap() -> Duration {
///     let start = sched::now();
///     sched::sleep(Duration::from_secs(3600)).await;
///     sched::now().duration_since(start)
/// }
///
/// let mut ex = Executor::with_virtual_clock();
/// let h = ex.spawn(nap());
/// ex.run().unwrap();
/// assert_eq!(h.try_take().unwrap().unwrap(), Duration::from_secs(3600));
/// ```
pub fn sleep(duration: Duration) -> Sleep {
    Sleep::new(When::After(duration))
}

/// Suspends the current task until `deadline`.
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep::new(When::At(deadline))
}

impl Sleep {
    fn new(when: When) -> Self {
        Sleep {
            when,
            node: TimerNode::new(),
            queue: None,
            done: false,
        }
    }

    /// Fixes the deadline (on first use: a sleep starts when it is first
    /// awaited).
    fn deadline(&mut self, now: Instant) -> Instant {
        match self.when {
            When::At(t) => t,
            When::After(d) => {
                let t = now + d;
                self.when = When::At(t);
                t
            }
        }
    }

    /// Unlinks the node from the queue it was inserted in, if any.
    fn cancel(self: Pin<&mut Self>) {
        // SAFETY: no field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(queue) = this.queue.take() {
            let mut timers = queue.lock();
            // SAFETY: the node was inserted in this queue, and is in it if
            // it is still linked.
            unsafe { timers.list.remove(&this.node.links) };
        }
    }

    /// Unlinks the node if it waits in another executor's queue than
    /// `timers` (the sleep moved): it then starts over in this one.
    fn leave_other_queue(self: Pin<&mut Self>, timers: &Arc<Lock<TimerQueue>>) {
        if self.queue.as_ref().is_some_and(|q| !Arc::ptr_eq(q, timers)) {
            self.cancel();
        }
    }
}

impl Coroutine for Sleep {
    type Output = ();

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the node is never moved; nothing else is pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.done {
            return Status::Returned;
        }
        cx::sched(|s| {
            let now = s.now();
            let deadline = this.deadline(now);
            let queue = s.timers();
            // SAFETY: the node is not moved.
            unsafe { Pin::new_unchecked(&mut *this) }.leave_other_queue(queue);
            let mut timers = queue.lock();
            if this.node.fired.get() || deadline <= now {
                // SAFETY: the node is in this queue if linked (above).
                unsafe { timers.list.remove(&this.node.links) };
                this.queue = None;
                this.done = true;
                return Status::Returned;
            }
            // SAFETY: under the timer lock, which guards the waker.
            unsafe { *this.node.waker.get() = Some(cx::waker_for("sleep")) };
            if !this.node.links.is_linked() {
                this.node.deadline.set(deadline.nanos());
                // SAFETY: the node is pinned in this op; `Drop` unlinks it
                // from `queue`, which it keeps alive until then.
                unsafe { timers.insert(&this.node) };
                this.queue = Some(queue.clone());
            }
            Status::Suspended
        })
    }

    fn take_output(self: Pin<&mut Self>) -> Option<()> {
        self.done.then_some(())
    }

    fn is_returned(&self) -> bool {
        self.done
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        // SAFETY: `self` is being dropped in place; it was pinned if it was
        // inserted in a queue.
        unsafe { Pin::new_unchecked(self) }.cancel();
    }
}

impl Sealed for Sleep {}

impl Case for Sleep {
    type Output = ();

    fn lock_key(self: Pin<&Self>) -> usize {
        cx::sched(|s| s.timers().raw().key())
    }

    fn lock(self: Pin<&Self>) {
        cx::sched(|s| s.timers().raw().lock());
    }

    unsafe fn unlock(self: Pin<&Self>) {
        // SAFETY: the caller locked it through `lock`.
        cx::sched(|s| unsafe { s.timers().raw().unlock() });
    }

    unsafe fn try_now(self: Pin<&mut Self>) -> Option<()> {
        // SAFETY: no field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        let now = cx::sched(|s| s.now());
        let deadline = this.deadline(now);
        (deadline <= now).then(|| {
            this.done = true;
        })
    }

    unsafe fn register(
        self: Pin<&mut Self>,
        waker: &Waker,
        select: *const SelectShared,
        case: usize,
    ) {
        // SAFETY: no field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        this.node.select.set(select);
        this.node.case.set(case);
        let now = cx::sched(|s| s.now());
        let deadline = this.deadline(now);
        this.node.deadline.set(deadline.nanos());
        // SAFETY: the caller holds the timer lock (`lock`).
        unsafe { *this.node.waker.get() = Some(waker.clone()) };
        // A case is registered once, when its select waits: the node is in
        // no queue yet.
        assert!(
            this.queue.is_none(),
            "coro_runtime: a sleep registered twice"
        );
        this.queue = Some(cx::sched(|s| {
            let queue = s.timers();
            // SAFETY: the caller holds the lock; the node is pinned and
            // unlinked (from `queue`, kept alive until then) by `finish` or
            // `Drop`.
            unsafe { queue.get_locked().insert(&this.node) };
            queue.clone()
        }));
    }

    fn rewake(self: Pin<&Self>, waker: &Waker) {
        if let Some(queue) = &self.queue {
            let _timers = queue.lock();
            // SAFETY: under the lock of the queue the node is in, which
            // guards the waker; firing takes it.
            let slot = unsafe { &mut *self.node.waker.get() };
            if slot.is_some() {
                *slot = Some(waker.clone());
            }
        }
    }

    fn finish(mut self: Pin<&mut Self>, won: bool) -> Option<()> {
        let done = won && self.node.fired.get();
        self.as_mut().cancel();
        done.then(|| {
            // SAFETY: no field is moved.
            unsafe { self.get_unchecked_mut() }.done = true;
        })
    }
}

/// A coroutine that gave up waiting: what [`timeout`] returns on expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Elapsed;

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

/// Runs `coroutine`, giving up after `duration`: `Err(Elapsed)` then, and
/// the coroutine is dropped (cancelled).
///
/// ```
/// use coro_runtime::sched::{self, channel, Executor};
/// use core::time::Duration;
///
/// #[coro_runtime::coroutine]
/// fn impatient() -> bool {
///     let (_tx, rx) = channel::<u32>(0);
///     sched::timeout(Duration::from_millis(50), rx.recv()).await.is_err()
/// }
///
/// let mut ex = Executor::with_virtual_clock();
/// let h = ex.spawn(impatient());
/// ex.run().unwrap();
/// assert!(h.try_take().unwrap().unwrap());
/// ```
pub fn timeout<C: Coroutine>(duration: Duration, coroutine: C) -> Timeout<C> {
    Timeout {
        inner: Some(coroutine),
        sleep: sleep(duration),
        output: None,
        finished: false,
    }
}

/// What [`timeout`] returns.
#[must_use = "a timeout does nothing unless awaited"]
pub struct Timeout<C: Coroutine> {
    inner: Option<C>,
    sleep: Sleep,
    output: Option<Result<C::Output, Elapsed>>,
    finished: bool,
}

impl<C: Coroutine> Timeout<C> {
    /// Takes the output of `inner`, which returned (`status`), and drops it.
    fn finish_with_inner(&mut self, status: Status) {
        assert_eq!(
            status,
            Status::Returned,
            "coro_runtime: an operation that could not be withdrawn did not complete"
        );
        // SAFETY: `inner` is pinned (see `resume`); dropped in place.
        let mut inner = unsafe { Pin::new_unchecked(&mut self.inner) };
        // SAFETY: as above.
        let c = unsafe { inner.as_mut().map_unchecked_mut(|o| o.as_mut().unwrap()) };
        let out = c.take_output().expect("returned");
        inner.set(None);
        self.output = Some(Ok(out));
        self.finished = true;
    }
}

impl<C: Coroutine> Coroutine for Timeout<C> {
    type Output = Result<C::Output, Elapsed>;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: `inner` and `sleep` are pinned projections: never moved
        // while pinned (`inner` is dropped in place through `set(None)`).
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        // SAFETY: see above.
        let mut inner = unsafe { Pin::new_unchecked(&mut this.inner) };
        if let Some(c) = inner.as_mut().as_pin_mut() {
            if c.resume() == Status::Returned {
                this.finish_with_inner(Status::Returned);
                return Status::Returned;
            }
        }
        // SAFETY: see above.
        let sleep = unsafe { Pin::new_unchecked(&mut this.sleep) };
        if sleep.resume() == Status::Returned {
            // SAFETY: see above.
            let mut inner = unsafe { Pin::new_unchecked(&mut this.inner) };
            if let Some(c) = inner.as_mut().as_pin_mut() {
                // An operation that completed since it was resumed above
                // (on another thread) gives its output: a value sent or
                // received is never reported as timed out.
                if !c.__withdraw(crate::Token(())) {
                    // SAFETY: see above.
                    let c = unsafe { inner.as_mut().map_unchecked_mut(|o| o.as_mut().unwrap()) };
                    let status = c.resume();
                    this.finish_with_inner(status);
                    return Status::Returned;
                }
            }
            inner.set(None);
            // The operation registered this resume is withdrawn.
            cx::not_waiting();
            this.output = Some(Err(Elapsed));
            this.finished = true;
            return Status::Returned;
        }
        Status::Suspended
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Self::Output> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.finished
    }
}

/// Ticks every `period` on the executor's clock (tokio's `interval` with
/// `MissedTickBehavior::Skip`; Go's `time.Ticker`): the first
/// [`tick`](Interval::tick) completes at once, the next ones at the first
/// tick plus a multiple of `period`. A task that falls behind gets one
/// tick at once, then ticks on the same grid again: missed ticks are
/// skipped, not delivered in a burst.
///
/// ```
/// use coro_runtime::sched::{self, Executor};
/// use core::time::Duration;
///
/// #[coro_runtime::coroutine]
/// fn beat() -> Vec<u64> {
///     let mut every = sched::interval(Duration::from_millis(10));
///     let mut at = Vec::new();
///     for _ in 0..3 {
///         let t = every.tick().await;
///         at.push(t.since_start().as_millis() as u64);
///     }
///     at
/// }
///
/// let mut ex = Executor::with_virtual_clock();
/// let h = ex.spawn(beat());
/// ex.run().unwrap();
/// assert_eq!(h.try_take().unwrap().unwrap(), [0, 10, 20]);
/// ```
///
/// # Panics
///
/// If `period` is zero.
#[track_caller]
pub fn interval(period: Duration) -> Interval {
    assert!(!period.is_zero(), "sched::interval: the period is zero");
    Interval { period, next: None }
}

/// What [`interval`] returns.
#[derive(Debug, Clone)]
pub struct Interval {
    period: Duration,
    /// The next tick's deadline; `None` before the first tick.
    next: Option<Instant>,
}

impl Interval {
    /// Waits for the next tick; gives the instant it was due.
    /// Cancellation safe: a tick that is dropped before it completes (a
    /// `select!` case that lost) is not consumed.
    ///
    /// # Panics
    ///
    /// Outside a coro executor.
    #[track_caller]
    pub fn tick(&mut self) -> Tick<'_> {
        let due = *self.next.get_or_insert_with(now);
        Tick {
            interval: self,
            sleep: sleep_until(due),
            due,
        }
    }

    /// The period.
    pub fn period(&self) -> Duration {
        self.period
    }

    /// Starts over: the next tick is one period from now.
    ///
    /// # Panics
    ///
    /// Outside a coro executor.
    #[track_caller]
    pub fn reset(&mut self) {
        self.next = Some(now() + self.period);
    }

    /// Moves the grid past the tick due at `due`, which completed at `at`.
    fn advance(&mut self, due: Instant, at: Instant) {
        let period = u64::try_from(self.period.as_nanos()).unwrap_or(u64::MAX);
        let behind = at.nanos().saturating_sub(due.nanos()) / period;
        let next = due
            .nanos()
            .saturating_add(period.saturating_mul(behind + 1));
        self.next = Some(Instant::from_nanos(next));
    }
}

/// A tick in progress: what [`Interval::tick`] returns. Await it, or use
/// it as a `select!` case.
#[must_use = "a tick does nothing unless awaited"]
pub struct Tick<'a> {
    interval: &'a mut Interval,
    sleep: Sleep,
    due: Instant,
}

impl Tick<'_> {
    fn sleep(self: Pin<&mut Self>) -> Pin<&mut Sleep> {
        // SAFETY: `sleep` is structurally pinned: never moved out.
        unsafe { self.map_unchecked_mut(|t| &mut t.sleep) }
    }

    fn sleep_ref(self: Pin<&Self>) -> Pin<&Sleep> {
        // SAFETY: as above.
        unsafe { self.map_unchecked(|t| &t.sleep) }
    }

    /// The tick completed: moves the interval on.
    fn ticked(self: Pin<&mut Self>) -> Instant {
        // SAFETY: only unpinned fields are touched.
        let this = unsafe { self.get_unchecked_mut() };
        let at = cx::sched(|s| s.now());
        this.interval.advance(this.due, at);
        this.due
    }
}

impl Coroutine for Tick<'_> {
    type Output = Instant;

    #[track_caller]
    fn resume(mut self: Pin<&mut Self>) -> Status {
        if self.sleep.done {
            return Status::Returned;
        }
        let status = self.as_mut().sleep().resume();
        if status == Status::Returned {
            self.ticked();
        }
        status
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Instant> {
        self.sleep.done.then_some(self.due)
    }

    fn is_returned(&self) -> bool {
        self.sleep.done
    }
}

impl Sealed for Tick<'_> {}

impl Case for Tick<'_> {
    type Output = Instant;

    fn lock_key(self: Pin<&Self>) -> usize {
        self.sleep_ref().lock_key()
    }

    fn lock(self: Pin<&Self>) {
        self.sleep_ref().lock();
    }

    unsafe fn unlock(self: Pin<&Self>) {
        // SAFETY: as the caller guarantees.
        unsafe { self.sleep_ref().unlock() };
    }

    unsafe fn try_now(mut self: Pin<&mut Self>) -> Option<Instant> {
        // SAFETY: as the caller guarantees.
        unsafe { self.as_mut().sleep().try_now() }?;
        Some(self.ticked())
    }

    unsafe fn register(
        self: Pin<&mut Self>,
        waker: &Waker,
        select: *const SelectShared,
        case: usize,
    ) {
        // SAFETY: as the caller guarantees.
        unsafe { self.sleep().register(waker, select, case) };
    }

    fn finish(mut self: Pin<&mut Self>, won: bool) -> Option<Instant> {
        self.as_mut().sleep().finish(won)?;
        Some(self.ticked())
    }

    fn rewake(self: Pin<&Self>, waker: &Waker) {
        self.sleep_ref().rewake(waker);
    }

    fn give_back(self: Pin<&mut Self>, due: Instant) {
        // The select that won this tick was dropped: the tick stays due.
        // SAFETY: only unpinned fields are touched.
        unsafe { self.get_unchecked_mut() }.interval.next = Some(due);
    }
}
