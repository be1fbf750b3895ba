//! A mutex that hands the lock over in FIFO order, and a wait group.

use core::cell::Cell;
use core::fmt;
use core::marker::{PhantomData, PhantomPinned};
use core::ops::{Deref, DerefMut};
use core::pin::Pin;
use core::task::Waker;

use alloc::sync::Arc;

use super::cx;
use super::list::{Links, List};
use super::lock::Lock;
use crate::sync::sched::UnsafeCell;
use crate::{Coroutine, Status};

/// A waiter for the mutex or the wait group, inside the operation.
#[repr(C)]
struct Node {
    links: Links,
    /// Set (under the lock) when the wait is over: the mutex was handed to
    /// this waiter, or the group's count reached zero.
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

struct MutexState {
    locked: bool,
    waiters: List,
}

struct MutexInner<T: ?Sized> {
    state: Lock<MutexState>,
    value: UnsafeCell<T>,
}

// SAFETY: the value is reached only through a guard, one at a time; the
// state is behind its lock.
unsafe impl<T: ?Sized + Send> Send for MutexInner<T> {}
// SAFETY: as above (like `std::sync::Mutex`).
unsafe impl<T: ?Sized + Send> Sync for MutexInner<T> {}

/// A mutex for tasks: `lock().await` waits without blocking the thread,
/// and an unlock hands the mutex directly to the task that has waited the
/// longest (first come, first served: no task barges in ahead).
///
/// A `Mutex` is a handle: clones share the same value (as an `Arc` would).
///
/// ```
/// use coro_runtime::sched::{self, Executor, Mutex};
///
/// #[coro_runtime::coroutine]
/// fn add(m: Mutex<Vec<u32>>, x: u32) {
///     let mut v = m.lock().await;
///     sched::yield_now().await; // still holding it
///     v.push(x);
/// }
///
/// let m = Mutex::new(Vec::new());
/// let mut ex = Executor::new();
/// for x in 0..3 {
///     ex.spawn(add(m.clone(), x));
/// }
/// ex.run().unwrap();
/// assert_eq!(*m.try_lock().unwrap(), [0, 1, 2]);
/// ```
pub struct Mutex<T: ?Sized> {
    inner: Arc<MutexInner<T>>,
}

impl<T: ?Sized> Clone for Mutex<T> {
    fn clone(&self) -> Self {
        Mutex {
            inner: self.inner.clone(),
        }
    }
}

impl<T> Mutex<T> {
    /// A mutex holding `value`.
    pub fn new(value: T) -> Self {
        Mutex {
            inner: Arc::new(MutexInner {
                state: Lock::new(MutexState {
                    locked: false,
                    waiters: List::new(),
                }),
                value: UnsafeCell::new(value),
            }),
        }
    }
}

impl<T: ?Sized> Mutex<T> {
    /// Locks the mutex, waiting for it.
    pub fn lock(&self) -> LockOp<T> {
        LockOp {
            inner: self.inner.clone(),
            node: Node::new(),
            waiting: false,
            guard: None,
            finished: false,
        }
    }

    /// Locks the mutex if it is free.
    pub fn try_lock(&self) -> Option<MutexGuard<T>> {
        let mut state = self.inner.state.lock();
        if state.locked {
            return None;
        }
        state.locked = true;
        Some(MutexGuard::new(&self.inner))
    }
}

impl<T: ?Sized> fmt::Debug for Mutex<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mutex").finish_non_exhaustive()
    }
}

/// Access to the value while the mutex is locked; unlocks when dropped.
///
/// `Send` when `T: Send` (a task holding it may move to another worker,
/// and the unlock may happen there); `Sync` only when `T: Sync`, as
/// `std::sync::MutexGuard`: a shared guard gives `&T` to every thread that
/// has it.
pub struct MutexGuard<T: ?Sized> {
    inner: Arc<MutexInner<T>>,
    /// Turns the auto traits off: they come from the impls below.
    _not_auto: PhantomData<*const ()>,
}

impl<T: ?Sized> MutexGuard<T> {
    /// The guard of `inner`, whose lock the caller has just taken.
    fn new(inner: &Arc<MutexInner<T>>) -> Self {
        MutexGuard {
            inner: inner.clone(),
            _not_auto: PhantomData,
        }
    }
}

// SAFETY: the guard is the only access to the value while it lives; moving
// it moves that access (`&mut T`) to another thread, which needs
// `T: Send`; the unlock it does when dropped may run on any thread.
unsafe impl<T: ?Sized + Send> Send for MutexGuard<T> {}
// SAFETY: `&MutexGuard<T>` gives only `&T`: sharing it needs `T: Sync`.
unsafe impl<T: ?Sized + Sync> Sync for MutexGuard<T> {}

impl<T: ?Sized> Deref for MutexGuard<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock: no other access.
        unsafe { &*self.inner.value.get() }
    }
}

impl<T: ?Sized> DerefMut for MutexGuard<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as above, and `&mut self` is unique.
        unsafe { &mut *self.inner.value.get() }
    }
}

impl<T: ?Sized> Drop for MutexGuard<T> {
    fn drop(&mut self) {
        let mut state = self.inner.state.lock();
        match state.waiters.pop_front() {
            // Hand over: the mutex stays locked, for the first waiter.
            // SAFETY: the list holds live `Node`s (links first), under the
            // lock.
            Some(next) => unsafe { (*(next as *const Node)).wake() },
            None => state.locked = false,
        }
    }
}

/// A lock in progress: what [`Mutex::lock`] returns.
#[must_use = "a lock does nothing unless awaited"]
pub struct LockOp<T: ?Sized> {
    inner: Arc<MutexInner<T>>,
    node: Node,
    waiting: bool,
    guard: Option<MutexGuard<T>>,
    finished: bool,
}

impl<T: ?Sized> Coroutine for LockOp<T> {
    type Output = MutexGuard<T>;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the node is never moved; other fields are not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        if !this.waiting && !cx::budget() {
            return Status::Suspended;
        }
        let mut state = this.inner.state.lock();
        let acquired = if this.waiting {
            this.node.done.get()
        } else if !state.locked {
            state.locked = true;
            true
        } else {
            false
        };
        if acquired {
            this.waiting = false;
            this.finished = true;
            this.guard = Some(MutexGuard::new(&this.inner));
            return Status::Returned;
        }
        // SAFETY: under the lock; the node is pinned in this op, which
        // unlinks it (or passes the lock on) when dropped.
        unsafe {
            *this.node.waker.get() = Some(cx::waker_for("mutex lock"));
            if !this.waiting {
                state.waiters.push_back(&this.node.links);
                this.waiting = true;
            }
        }
        Status::Suspended
    }

    fn take_output(self: Pin<&mut Self>) -> Option<MutexGuard<T>> {
        // SAFETY: the guard is not pinned.
        unsafe { self.get_unchecked_mut() }.guard.take()
    }

    fn is_returned(&self) -> bool {
        self.finished
    }
}

impl<T: ?Sized> Drop for LockOp<T> {
    fn drop(&mut self) {
        if !self.waiting {
            return;
        }
        let mut state = self.inner.state.lock();
        if self.node.done.get() {
            // Handed the mutex but cancelled before taking it: pass it on.
            drop(state);
            drop(MutexGuard::new(&self.inner));
        } else {
            // SAFETY: under the lock; the node is in this list.
            unsafe { state.waiters.remove(&self.node.links) };
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
