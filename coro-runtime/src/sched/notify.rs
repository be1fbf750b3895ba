//! `Notify`: wake one waiting task, or all, without sending data (tokio's
//! `Notify`; Go's `sync.Cond` without its mutex).
//!
//! State: a list of waiters, at most one stored permit (a `notify_one`
//! that found nobody waiting), and a generation count that `notify_waiters`
//! bumps, so that a `Notified` created before the call but not yet awaited
//! still counts as notified by it.

use core::cell::Cell;
use core::fmt;
use core::marker::PhantomPinned;
use core::pin::Pin;
use core::task::Waker;

use alloc::sync::Arc;

use super::cx;
use super::list::{Links, List};
use super::lock::Lock;
use crate::sync::sched::UnsafeCell;
use crate::{Coroutine, Status};

/// Not notified yet.
const WAITING: u8 = 0;
/// Woken by `notify_one`: a notification it must pass on if it is dropped
/// without completing.
const ONE: u8 = 1;
/// Woken by `notify_waiters`.
const ALL: u8 = 2;

#[repr(C)]
struct Waiter {
    links: Links,
    /// How it was woken, set under the lock.
    woken: Cell<u8>,
    waker: UnsafeCell<Option<Waker>>,
    _pin: PhantomPinned,
}

struct State {
    /// A `notify_one` that found no waiter.
    permit: bool,
    /// Bumped by every `notify_waiters`.
    generation: usize,
    waiters: List,
}

impl State {
    /// Wakes the first waiter as `how`; `false` if none waits.
    fn wake_first(&mut self, how: u8) -> bool {
        let Some(node) = self.waiters.pop_front() else {
            return false;
        };
        // SAFETY: the list holds live `Waiter`s (links first), under the
        // lock (`&mut self`).
        let w = unsafe { &*(node as *const Waiter) };
        w.woken.set(how);
        // SAFETY: under the lock, which guards the waker.
        if let Some(waker) = unsafe { (*w.waker.get()).take() } {
            waker.wake();
        }
        true
    }

    fn notify_one(&mut self) {
        if !self.wake_first(ONE) {
            self.permit = true;
        }
    }
}

/// Wakes tasks waiting for an event: `notify_one` wakes the task that has
/// waited longest, or, if none waits, lets the next [`notified`] complete
/// at once (one stored permit, not a count); `notify_waiters` wakes every
/// task waiting now and stores nothing.
///
/// A `Notify` is a handle: clones share the waiters.
///
/// Cancellation: a [`Notified`] dropped after `notify_one` woke it, but
/// before it was resumed, passes the notification on to the next waiter
/// (or stores it), so `notify_one` is never lost.
///
/// [`notified`]: Notify::notified
///
/// ```
/// use coro_runtime::sched::{self, Executor, Notify};
///
/// #[coro_runtime::coroutine]
/// fn waiter(ready: Notify) -> &'static str {
///     ready.notified().await;
///     "went on"
/// }
///
/// #[coro_runtime::coroutine]
/// fn starter(ready: Notify) {
///     sched::yield_now().await;
///     ready.notify_one();
/// }
///
/// let ready = Notify::new();
/// let mut ex = Executor::new();
/// let h = ex.spawn(waiter(ready.clone()));
/// ex.spawn(starter(ready));
/// ex.run().unwrap();
/// assert_eq!(h.try_take().unwrap().unwrap(), "went on");
/// ```
#[derive(Clone)]
pub struct Notify {
    state: Arc<Lock<State>>,
}

impl Default for Notify {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Notify {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Notify")
            .field("permit", &self.state.lock().permit)
            .finish_non_exhaustive()
    }
}

impl Notify {
    /// A `Notify` with no waiter and no stored permit.
    pub fn new() -> Self {
        Notify {
            state: Arc::new(Lock::new(State {
                permit: false,
                generation: 0,
                waiters: List::new(),
            })),
        }
    }

    /// Wakes the task that has waited longest; if none waits, the next
    /// `notified().await` completes at once (permits do not add up).
    pub fn notify_one(&self) {
        self.state.lock().notify_one();
    }

    /// Wakes every task waiting now, and every [`Notified`] created before
    /// this call even if not awaited yet. Stores no permit.
    pub fn notify_waiters(&self) {
        let mut state = self.state.lock();
        state.generation = state.generation.wrapping_add(1);
        while state.wake_first(ALL) {}
    }

    /// Waits for a notification.
    pub fn notified(&self) -> Notified {
        let generation = self.state.lock().generation;
        Notified {
            state: self.state.clone(),
            generation,
            waiter: Waiter {
                links: Links::new(),
                woken: Cell::new(WAITING),
                waker: UnsafeCell::new(None),
                _pin: PhantomPinned,
            },
            waiting: false,
            finished: false,
        }
    }
}

/// A wait for a notification: what [`Notify::notified`] returns.
#[must_use = "a wait does nothing unless awaited"]
pub struct Notified {
    state: Arc<Lock<State>>,
    /// `notify_waiters` calls before this was created.
    generation: usize,
    waiter: Waiter,
    waiting: bool,
    finished: bool,
}

impl Coroutine for Notified {
    type Output = ();

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the waiter is never moved; nothing else is pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        if !this.waiting && !cx::budget() {
            return Status::Suspended;
        }
        let mut state = this.state.lock();
        let done = if this.waiting {
            this.waiter.woken.get() != WAITING
        } else if state.generation != this.generation {
            true
        } else {
            core::mem::replace(&mut state.permit, false)
        };
        if done {
            this.waiting = false;
            this.finished = true;
            return Status::Returned;
        }
        // SAFETY: under the lock; the waiter is pinned in this op, which
        // unlinks it when dropped.
        unsafe {
            *this.waiter.waker.get() = Some(cx::waker_for("notify"));
            if !this.waiting {
                state.waiters.push_back(&this.waiter.links);
                this.waiting = true;
            }
        }
        Status::Suspended
    }

    fn take_output(self: Pin<&mut Self>) -> Option<()> {
        self.finished.then_some(())
    }

    fn is_returned(&self) -> bool {
        self.finished
    }
}

impl Drop for Notified {
    fn drop(&mut self) {
        if !self.waiting {
            return;
        }
        let mut state = self.state.lock();
        match self.waiter.woken.get() {
            // SAFETY: under the lock; not woken, so still in this list.
            WAITING => unsafe { state.waiters.remove(&self.waiter.links) },
            // Woken by `notify_one` and cancelled before it went on.
            ONE => state.notify_one(),
            _ => {}
        }
    }
}
