//! A wait group (the mutex is with the other locks, in `semaphore.rs`).

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

/// A waiter for the wait group, inside the operation.
#[repr(C)]
struct Node {
    links: Links,
    /// Set (under the lock) when the wait is over: the group's count
    /// reached zero.
    done: Cell<bool>,
    waker: UnsafeCell<Option<Waker>>,
    _pin: PhantomPinned,
}

impl Node {
    fn new() -> Self {
        Node {
            links: Links::new(),
            done: Cell::new(false),
            waker: UnsafeCell::new(None),
            _pin: PhantomPinned,
        }
    }

    /// # Safety
    ///
    /// Under the lock of the list the node was in.
    unsafe fn wake(&self) {
        self.done.set(true);
        // SAFETY: under the lock, which guards the waker.
        if let Some(w) = unsafe { (*self.waker.get()).take() } {
            w.wake();
        }
    }
}

struct GroupState {
    count: usize,
    waiters: List,
}

/// Waits for a group of tasks to finish: Go's `sync.WaitGroup`. `add` the
/// number of tasks, each calls `done`, and `wait().await` returns once the
/// count is back to zero. A handle: clones share the count.
///
/// ```
/// use coro_runtime::sched::{self, Executor, WaitGroup};
///
/// #[coro_runtime::coroutine]
/// fn worker(wg: WaitGroup) {
///     sched::yield_now().await;
///     wg.done();
/// }
///
/// #[coro_runtime::coroutine]
/// fn boss() -> &'static str {
///     let wg = WaitGroup::new();
///     for _ in 0..3 {
///         wg.add(1);
///         sched::spawn(worker(wg.clone()));
///     }
///     wg.wait().await;
///     "all done"
/// }
///
/// let mut ex = Executor::new();
/// let h = ex.spawn(boss());
/// ex.run().unwrap();
/// assert_eq!(h.try_take().unwrap().unwrap(), "all done");
/// ```
#[derive(Clone)]
pub struct WaitGroup {
    state: Arc<Lock<GroupState>>,
}

impl Default for WaitGroup {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for WaitGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitGroup")
            .field("count", &self.state.lock().count)
            .finish()
    }
}

impl WaitGroup {
    /// A group with a count of zero.
    pub fn new() -> Self {
        WaitGroup {
            state: Arc::new(Lock::new(GroupState {
                count: 0,
                waiters: List::new(),
            })),
        }
    }

    /// Adds `n` to the count.
    pub fn add(&self, n: usize) {
        self.state.lock().count += n;
    }

    /// Takes one from the count; at zero, the waiters go on.
    ///
    /// # Panics
    ///
    /// If the count is already zero (as Go does).
    #[track_caller]
    pub fn done(&self) {
        let mut state = self.state.lock();
        state.count = state
            .count
            .checked_sub(1)
            .expect("WaitGroup::done called more often than add");
        if state.count == 0 {
            while let Some(node) = state.waiters.pop_front() {
                // SAFETY: the list holds live `Node`s, under the lock.
                unsafe { (*(node as *const Node)).wake() };
            }
        }
    }

    /// Waits until the count is zero.
    pub fn wait(&self) -> WaitOp {
        WaitOp {
            state: self.state.clone(),
            node: Node::new(),
            waiting: false,
            finished: false,
        }
    }
}

/// A wait in progress: what [`WaitGroup::wait`] returns.
#[must_use = "a wait does nothing unless awaited"]
pub struct WaitOp {
    state: Arc<Lock<GroupState>>,
    node: Node,
    waiting: bool,
    finished: bool,
}

impl Coroutine for WaitOp {
    type Output = ();

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the node is never moved.
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        let mut state = this.state.lock();
        if state.count == 0 || this.node.done.get() {
            this.waiting = false;
            this.finished = true;
            return Status::Returned;
        }
        // SAFETY: under the lock; pinned node, unlinked on drop.
        unsafe {
            *this.node.waker.get() = Some(cx::waker_for("wait group"));
            if !this.waiting {
                state.waiters.push_back(&this.node.links);
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

impl Drop for WaitOp {
    fn drop(&mut self) {
        if self.waiting {
            let mut state = self.state.lock();
            // SAFETY: under the lock; if linked, the node is in this list.
            unsafe { state.waiters.remove(&self.node.links) };
        }
    }
}
