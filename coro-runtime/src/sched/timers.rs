//! The executor's clock values (`Instant`) and its timer queue: the nodes
//! that `Sleep`s link into it, sorted by deadline, and firing them. The
//! operations that wait on it are in `time.rs`.

use core::cell::Cell;
use core::fmt;
use core::marker::PhantomPinned;
use core::ops::Add;
use core::task::Waker;
use core::time::Duration;

use super::claim::{SelectShared, claim};
use super::list::{Links, List};
use crate::sync::sched::UnsafeCell;

/// A point in time on the executor's clock: the time since the executor
/// started. With a virtual clock, time only moves when every task waits.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Instant(u64);

impl Instant {
    /// The executor's start.
    pub const ZERO: Instant = Instant(0);

    pub(crate) fn from_nanos(nanos: u64) -> Self {
        Instant(nanos)
    }

    pub(crate) fn nanos(self) -> u64 {
        self.0
    }

    /// The time since the executor started.
    pub fn since_start(self) -> Duration {
        Duration::from_nanos(self.0)
    }

    /// The time from `earlier` to this instant (zero if `earlier` is later).
    pub fn duration_since(self, earlier: Instant) -> Duration {
        Duration::from_nanos(self.0.saturating_sub(earlier.0))
    }
}

impl Add<Duration> for Instant {
    type Output = Instant;
    fn add(self, d: Duration) -> Instant {
        let nanos = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        Instant(self.0.saturating_add(nanos))
    }
}

impl fmt::Debug for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.since_start())
    }
}

/// A timer node: lives inside a `Sleep`, linked into the executor's timer
/// queue while it waits.
#[repr(C)]
pub(crate) struct TimerNode {
    pub(crate) links: Links,
    pub(crate) deadline: Cell<u64>,
    pub(crate) fired: Cell<bool>,
    pub(crate) waker: UnsafeCell<Option<Waker>>,
    pub(crate) select: Cell<*const SelectShared>,
    pub(crate) case: Cell<usize>,
    _pin: PhantomPinned,
}

// SAFETY: as for a channel's waiter: accessed under the timer lock.
unsafe impl Send for TimerNode {}

impl TimerNode {
    pub(crate) fn new() -> Self {
        TimerNode {
            links: Links::new(),
            deadline: Cell::new(0),
            fired: Cell::new(false),
            waker: UnsafeCell::new(None),
            select: Cell::new(core::ptr::null()),
            case: Cell::new(0),
            _pin: PhantomPinned,
        }
    }
}

/// The executor's timers, sorted by deadline (first due first).
pub(crate) struct TimerQueue {
    pub(crate) list: List,
}

impl TimerQueue {
    pub(crate) const fn new() -> Self {
        TimerQueue { list: List::new() }
    }

    /// The earliest deadline.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        // SAFETY: linked nodes are live `TimerNode`s (`Links` first).
        self.list
            .front()
            .map(|n| Instant(unsafe { &*(n as *const TimerNode) }.deadline.get()))
    }

    /// Inserts `node`, keeping the order (from the back: timers set later
    /// tend to fire later).
    ///
    /// # Safety
    ///
    /// `node` is pinned and unlinks itself before it moves or drops.
    pub(crate) unsafe fn insert(&mut self, node: &TimerNode) {
        let deadline = node.deadline.get();
        // Walk from the back to the first node not later than `deadline`.
        let mut at: Option<*const Links> = None;
        let mut cursor = self.list.front();
        // The list is short in practice; a linear walk keeps it simple.
        while let Some(c) = cursor {
            // SAFETY: a linked node is a live `TimerNode`.
            if unsafe { &*(c as *const TimerNode) }.deadline.get() > deadline {
                at = Some(c);
                break;
            }
            // SAFETY: `c` is in this list.
            cursor = unsafe { self.list.next(c) };
        }
        // SAFETY: as the caller guarantees; `at` is in this list.
        unsafe { self.list.insert_before(at, &node.links) };
    }

    /// Fires every timer due at `now`: marks it fired and wakes its task.
    pub(crate) fn fire(&mut self, now: Instant) {
        while let Some(front) = self.list.front() {
            // SAFETY: a linked node is a live `TimerNode`.
            let node = unsafe { &*(front as *const TimerNode) };
            if node.deadline.get() > now.0 {
                break;
            }
            self.list.pop_front();
            // SAFETY: the node is a select's case only if `select` is set,
            // and that select outlives its registered nodes.
            if unsafe { claim(node.select.get(), node.case.get()) } {
                node.fired.set(true);
                // SAFETY: under the timer lock, which guards the waker.
                if let Some(waker) = unsafe { (*node.waker.get()).take() } {
                    waker.wake();
                }
            }
        }
    }
}
