//! A counting semaphore that serves waiters in FIFO order, and the locks
//! built on it, as tokio builds its own: the mutex (one permit) and the
//! reader-writer lock (a reader takes one permit, a writer all of them).
//!
//! Layout: [`Sem`] is the lock-guarded count and waiter list; an
//! [`Acquire`] waits for `want` permits of the `Sem` inside an owner (the
//! semaphore's `Arc`, or a `RwLock`'s), in a node inside itself. Waiters
//! are served strictly in arrival order: a release grants permits to the
//! front waiter only, and to the next ones while there are enough, so a
//! large request is never overtaken by smaller ones that arrived later.

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

/// A waiter for permits, inside the operation that waits.
#[repr(C)]
struct Waiter {
    links: Links,
    want: usize,
    /// Set (under the lock) when the permits were granted to this waiter.
    done: Cell<bool>,
    waker: UnsafeCell<Option<Waker>>,
    _pin: PhantomPinned,
}

impl Waiter {
    fn new(want: usize) -> Self {
        Waiter {
            links: Links::new(),
            want,
            done: Cell::new(false),
            waker: UnsafeCell::new(None),
            _pin: PhantomPinned,
        }
    }
}

struct SemState {
    permits: usize,
    waiters: List,
}

impl SemState {
    /// Grants permits to the waiters at the front, in order, while there
    /// are enough for the first one.
    fn grant(&mut self) {
        while let Some(front) = self.waiters.front() {
            // SAFETY: the list holds live `Waiter`s (links first), under
            // the lock (`&mut self`).
            let w = unsafe { &*(front as *const Waiter) };
            if w.want > self.permits {
                break;
            }
            self.permits -= w.want;
            self.waiters.pop_front();
            w.done.set(true);
            // SAFETY: under the lock, which guards the waker.
            if let Some(waker) = unsafe { (*w.waker.get()).take() } {
                waker.wake();
            }
        }
    }
}

/// The count and the queue of a semaphore.
pub(crate) struct Sem {
    state: Lock<SemState>,
}

impl Sem {
    fn new(permits: usize) -> Self {
        Sem {
            state: Lock::new(SemState {
                permits,
                waiters: List::new(),
            }),
        }
    }

    /// Takes `n` permits if they are free and nobody waits before us.
    fn try_acquire(&self, n: usize) -> bool {
        let mut state = self.state.lock();
        if state.waiters.front().is_none() && state.permits >= n {
            state.permits -= n;
            true
        } else {
            false
        }
    }

    /// Gives `n` permits back (or new ones), serving the waiters.
    #[track_caller]
    fn release(&self, n: usize) {
        let mut state = self.state.lock();
        state.permits = state
            .permits
            .checked_add(n)
            .expect("coro_runtime::sched::Semaphore: more than usize::MAX permits");
        state.grant();
    }

    fn available(&self) -> usize {
        self.state.lock().permits
    }
}

/// Something that holds a [`Sem`]: the semaphore's own `Arc`, or a lock's.
pub(crate) trait SemOwner {
    fn sem(&self) -> &Sem;
}

impl SemOwner for Sem {
    fn sem(&self) -> &Sem {
        self
    }
}

/// Waits for `want` permits of `owner`'s semaphore. Its output is `()`:
/// the permits are then the caller's, who wraps them in a guard; if the
/// output is never taken, dropping the operation gives them back.
struct Acquire<S: SemOwner + ?Sized> {
    owner: Arc<S>,
    waiter: Waiter,
    /// The waiter is in the queue (or was granted while in it).
    waiting: bool,
    /// The permits are held and not yet taken by `take_output`.
    holding: bool,
    finished: bool,
}

impl<S: SemOwner + ?Sized> Acquire<S> {
    fn new(owner: Arc<S>, want: usize) -> Self {
        Acquire {
            owner,
            waiter: Waiter::new(want),
            waiting: false,
            holding: false,
            finished: false,
        }
    }

    #[track_caller]
    fn resume(self: Pin<&mut Self>, what: &'static str) -> Status {
        // SAFETY: the waiter is never moved; nothing else is pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        if !this.waiting && !cx::budget() {
            return Status::Suspended;
        }
        let mut state = this.owner.sem().state.lock();
        let acquired = if this.waiting {
            this.waiter.done.get()
        } else if state.waiters.front().is_none() && state.permits >= this.waiter.want {
            state.permits -= this.waiter.want;
            true
        } else {
            false
        };
        if acquired {
            this.waiting = false;
            this.holding = true;
            this.finished = true;
            return Status::Returned;
        }
        // SAFETY: under the lock; the waiter is pinned in this op, which
        // unlinks it (or gives the permits back) when dropped.
        unsafe {
            *this.waiter.waker.get() = Some(cx::waker_for(what));
            if !this.waiting {
                state.waiters.push_back(&this.waiter.links);
                this.waiting = true;
            }
        }
        Status::Suspended
    }

    /// Hands the acquired permits to the caller, once.
    fn take(self: Pin<&mut Self>) -> bool {
        // SAFETY: no field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        core::mem::replace(&mut this.holding, false)
    }
}

impl<S: SemOwner + ?Sized> Drop for Acquire<S> {
    fn drop(&mut self) {
        let sem = self.owner.sem();
        if self.holding {
            sem.release(self.waiter.want);
            return;
        }
        if !self.waiting {
            return;
        }
        let mut state = sem.state.lock();
        if self.waiter.done.get() {
            // Granted but cancelled before taking them: pass them on.
            state.permits += self.waiter.want;
        } else {
            // SAFETY: under the lock; the waiter is in this list.
            unsafe { state.waiters.remove(&self.waiter.links) };
        }
        // Leaving the queue may let the waiters behind go.
        state.grant();
    }
}

/// A counting semaphore for tasks (tokio's `Semaphore`, Go's
/// `semaphore.Weighted`): `acquire().await` waits for a permit without
/// blocking the thread, and the [`SemaphorePermit`] gives it back when
/// dropped. Waiters are served in arrival order, also when they want
/// several permits: a task asking for many is not overtaken by later tasks
/// asking for few.
///
/// A `Semaphore` is a handle: clones share the permits.
///
/// Cancellation: dropping an [`AcquireOp`] before it completes leaves the
/// queue without taking anything; if it had just been granted its permits
/// and not resumed since, they go to the next waiters.
///
/// ```
/// use coro_runtime::sched::{self, Executor, Semaphore};
///
/// #[coro_runtime::coroutine]
/// fn fetch(limit: Semaphore, i: u32) -> u32 {
///     let _permit = limit.acquire().await; // at most 2 at a time
///     sched::yield_now().await;
///     i * 10
/// }
///
/// let limit = Semaphore::new(2);
/// let mut ex = Executor::new();
/// let handles: Vec<_> = (0..5).map(|i| ex.spawn(fetch(limit.clone(), i))).collect();
/// ex.run().unwrap();
/// let out: Vec<u32> = handles.iter().map(|h| h.try_take().unwrap().unwrap()).collect();
/// assert_eq!(out, [0, 10, 20, 30, 40]);
/// assert_eq!(limit.available_permits(), 2);
/// ```
#[derive(Clone)]
pub struct Semaphore {
    sem: Arc<Sem>,
}

impl Semaphore {
    /// A semaphore with `permits` permits.
    pub fn new(permits: usize) -> Self {
        Semaphore {
            sem: Arc::new(Sem::new(permits)),
        }
    }

    /// Waits for one permit.
    pub fn acquire(&self) -> AcquireOp {
        self.acquire_many(1)
    }

    /// Waits for `n` permits, taken at once (never some now and the rest
    /// later). A request for more permits than the semaphore will ever
    /// have waits forever.
    pub fn acquire_many(&self, n: usize) -> AcquireOp {
        AcquireOp {
            acquire: Acquire::new(self.sem.clone(), n),
            output: None,
        }
    }

    /// Takes one permit if one is free and no task waits for permits.
    pub fn try_acquire(&self) -> Option<SemaphorePermit> {
        self.try_acquire_many(1)
    }

    /// Takes `n` permits if they are free and no task waits for permits.
    pub fn try_acquire_many(&self, n: usize) -> Option<SemaphorePermit> {
        self.sem.try_acquire(n).then(|| SemaphorePermit {
            sem: self.sem.clone(),
            n,
        })
    }

    /// Adds `n` permits (serving the waiters).
    ///
    /// # Panics
    ///
    /// If the count would pass `usize::MAX`.
    #[track_caller]
    pub fn add_permits(&self, n: usize) {
        self.sem.release(n);
    }

    /// The permits free now.
    pub fn available_permits(&self) -> usize {
        self.sem.available()
    }
}

impl fmt::Debug for Semaphore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Semaphore")
            .field("available_permits", &self.available_permits())
            .finish()
    }
}

/// Permits taken from a [`Semaphore`]; given back when dropped.
#[must_use = "the permits are given back at once if the permit is not kept"]
pub struct SemaphorePermit {
    sem: Arc<Sem>,
    n: usize,
}

impl SemaphorePermit {
    fn granted(acquire: &Acquire<Sem>) -> Self {
        SemaphorePermit {
            sem: acquire.owner.clone(),
            n: acquire.waiter.want,
        }
    }

    /// The number of permits held.
    pub fn num_permits(&self) -> usize {
        self.n
    }

    /// Keeps the permits out of the semaphore for good (the semaphore has
    /// `n` fewer from now on).
    pub fn forget(mut self) {
        self.n = 0;
    }
}

impl Drop for SemaphorePermit {
    fn drop(&mut self) {
        if self.n > 0 {
            self.sem.release(self.n);
        }
    }
}

impl fmt::Debug for SemaphorePermit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SemaphorePermit")
            .field("permits", &self.n)
            .finish()
    }
}

/// An acquire in progress: what [`Semaphore::acquire`] returns.
#[must_use = "an acquire does nothing unless awaited"]
pub struct AcquireOp {
    acquire: Acquire<Sem>,
    output: Option<SemaphorePermit>,
}

struct MutexInner<T: ?Sized> {
    sem: Sem,
    value: UnsafeCell<T>,
}

impl<T: ?Sized> SemOwner for MutexInner<T> {
    fn sem(&self) -> &Sem {
        &self.sem
    }
}

// SAFETY: the value is reached only through a guard, one at a time; the
// state is behind its lock.
unsafe impl<T: ?Sized + Send> Send for MutexInner<T> {}
// SAFETY: as above (like `std::sync::Mutex`).
unsafe impl<T: ?Sized + Send> Sync for MutexInner<T> {}

/// A mutex for tasks (Go's `sync.Mutex`, tokio's `Mutex`): `lock().await`
/// waits without blocking the thread, and an unlock hands the mutex
/// directly to the task that has waited the longest (first come, first
/// served: no task barges in ahead). A semaphore with one permit.
///
/// A `Mutex` is a handle: clones share the same value (as an `Arc` would).
///
/// Cancellation: a cancelled lock never holds the mutex: dropped while
/// queued, it leaves the queue; handed the mutex but dropped before taking
/// it, it passes it on.
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
                sem: Sem::new(1),
                value: UnsafeCell::new(value),
            }),
        }
    }
}

impl<T: ?Sized> Mutex<T> {
    /// Locks the mutex, waiting for it.
    pub fn lock(&self) -> LockOp<T> {
        LockOp {
            acquire: Acquire::new(self.inner.clone(), 1),
            output: None,
        }
    }

    /// Locks the mutex if it is free (and no task waits for it).
    pub fn try_lock(&self) -> Option<MutexGuard<T>> {
        self.inner
            .sem
            .try_acquire(1)
            .then(|| MutexGuard::new(&self.inner))
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
    fn granted(acquire: &Acquire<MutexInner<T>>) -> Self {
        Self::new(&acquire.owner)
    }

    /// The guard of `inner`, whose permit the caller has just taken.
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
        // SAFETY: the guard holds the permit: no other access.
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
        // Hands the mutex to the first waiter, if any (FIFO).
        self.inner.sem.release(1);
    }
}

/// A lock in progress: what [`Mutex::lock`] returns.
#[must_use = "a lock does nothing unless awaited"]
pub struct LockOp<T: ?Sized> {
    acquire: Acquire<MutexInner<T>>,
    output: Option<MutexGuard<T>>,
}

/// What a writer takes: every permit a reader could.
const WRITER: usize = usize::MAX >> 3;

struct RwInner<T: ?Sized> {
    sem: Sem,
    value: UnsafeCell<T>,
}

impl<T: ?Sized> SemOwner for RwInner<T> {
    fn sem(&self) -> &Sem {
        &self.sem
    }
}

// SAFETY: the value is reached only through guards: one writer, or readers
// sharing `&T` (hence `Sync` for those); the state is behind its lock.
unsafe impl<T: ?Sized + Send> Send for RwInner<T> {}
// SAFETY: as `std::sync::RwLock`: readers on several threads share `&T`.
unsafe impl<T: ?Sized + Send + Sync> Sync for RwInner<T> {}

/// A reader-writer lock for tasks (tokio's `RwLock`, Go's `sync.RWMutex`):
/// any number of readers or one writer, waiting without blocking the
/// thread. Fair: tasks get the lock in the order they asked for it, so a
/// waiting writer holds back the readers that come after it, and writers
/// cannot starve.
///
/// A `RwLock` is a handle: clones share the value. Cancellation: as for
/// [`Semaphore`], a dropped wait leaves the queue and a lock handed over
/// but never taken goes to the next waiters.
///
/// ```
/// use coro_runtime::sched::{self, Executor, RwLock};
///
/// #[coro_runtime::coroutine]
/// fn reader(config: RwLock<String>) -> usize {
///     let c = config.read().await;
///     sched::yield_now().await; // other readers read meanwhile
///     c.len()
/// }
///
/// #[coro_runtime::coroutine]
/// fn writer(config: RwLock<String>) {
///     config.write().await.push_str(" v2");
/// }
///
/// let config = RwLock::new(String::from("config"));
/// let mut ex = Executor::new();
/// let a = ex.spawn(reader(config.clone()));
/// ex.spawn(writer(config.clone()));
/// let b = ex.spawn(reader(config.clone()));
/// ex.run().unwrap();
/// assert_eq!(a.try_take().unwrap().unwrap(), 6); // before the writer
/// assert_eq!(b.try_take().unwrap().unwrap(), 9); // after it: FIFO
/// ```
pub struct RwLock<T: ?Sized> {
    inner: Arc<RwInner<T>>,
}

impl<T: ?Sized> Clone for RwLock<T> {
    fn clone(&self) -> Self {
        RwLock {
            inner: self.inner.clone(),
        }
    }
}

impl<T> RwLock<T> {
    /// A lock holding `value`.
    pub fn new(value: T) -> Self {
        RwLock {
            inner: Arc::new(RwInner {
                sem: Sem::new(WRITER),
                value: UnsafeCell::new(value),
            }),
        }
    }
}

impl<T: ?Sized> RwLock<T> {
    /// Locks for reading, waiting behind any writer that holds the lock or
    /// asked for it first.
    pub fn read(&self) -> ReadOp<T> {
        ReadOp {
            acquire: Acquire::new(self.inner.clone(), 1),
            output: None,
        }
    }

    /// Locks for writing, waiting for the readers and writers before it.
    pub fn write(&self) -> WriteOp<T> {
        WriteOp {
            acquire: Acquire::new(self.inner.clone(), WRITER),
            output: None,
        }
    }

    /// Locks for reading if that needs no waiting.
    pub fn try_read(&self) -> Option<RwLockReadGuard<T>> {
        self.inner
            .sem
            .try_acquire(1)
            .then(|| RwLockReadGuard::new(&self.inner))
    }

    /// Locks for writing if that needs no waiting.
    pub fn try_write(&self) -> Option<RwLockWriteGuard<T>> {
        self.inner
            .sem
            .try_acquire(WRITER)
            .then(|| RwLockWriteGuard::new(&self.inner))
    }
}

impl<T: ?Sized> fmt::Debug for RwLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RwLock").finish_non_exhaustive()
    }
}

/// Shared access to the value of a [`RwLock`]; unlocks when dropped.
pub struct RwLockReadGuard<T: ?Sized> {
    inner: Arc<RwInner<T>>,
    /// Turns the auto traits off: they come from the impls below.
    _not_auto: PhantomData<*const ()>,
}

impl<T: ?Sized> RwLockReadGuard<T> {
    fn granted(acquire: &Acquire<RwInner<T>>) -> Self {
        Self::new(&acquire.owner)
    }

    fn new(inner: &Arc<RwInner<T>>) -> Self {
        RwLockReadGuard {
            inner: inner.clone(),
            _not_auto: PhantomData,
        }
    }
}

// SAFETY: a read guard gives `&T` wherever it goes (`T: Sync`), its unlock
// may run on any thread, and it keeps the lock alive: if it is the last
// handle, `T` is dropped where the guard is (`T: Send`).
unsafe impl<T: ?Sized + Send + Sync> Send for RwLockReadGuard<T> {}
// SAFETY: `&RwLockReadGuard<T>` gives `&T`.
unsafe impl<T: ?Sized + Sync> Sync for RwLockReadGuard<T> {}

impl<T: ?Sized> Deref for RwLockReadGuard<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds a reader's permit: no writer.
        unsafe { &*self.inner.value.get() }
    }
}

impl<T: ?Sized> Drop for RwLockReadGuard<T> {
    fn drop(&mut self) {
        self.inner.sem.release(1);
    }
}

/// Exclusive access to the value of a [`RwLock`]; unlocks when dropped.
pub struct RwLockWriteGuard<T: ?Sized> {
    inner: Arc<RwInner<T>>,
    /// Turns the auto traits off: they come from the impls below.
    _not_auto: PhantomData<*const ()>,
}

impl<T: ?Sized> RwLockWriteGuard<T> {
    fn granted(acquire: &Acquire<RwInner<T>>) -> Self {
        Self::new(&acquire.owner)
    }

    fn new(inner: &Arc<RwInner<T>>) -> Self {
        RwLockWriteGuard {
            inner: inner.clone(),
            _not_auto: PhantomData,
        }
    }
}

// SAFETY: the guard is the only access to the value (`&mut T`); moving it
// to another thread needs `T: Send`, and the lock it keeps alive is shared
// with readers, hence `T: Sync` too (as tokio's).
unsafe impl<T: ?Sized + Send + Sync> Send for RwLockWriteGuard<T> {}
// SAFETY: `&RwLockWriteGuard<T>` gives `&T`.
unsafe impl<T: ?Sized + Send + Sync> Sync for RwLockWriteGuard<T> {}

impl<T: ?Sized> Deref for RwLockWriteGuard<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds every permit: no other access.
        unsafe { &*self.inner.value.get() }
    }
}

impl<T: ?Sized> DerefMut for RwLockWriteGuard<T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as above, and `&mut self` is unique.
        unsafe { &mut *self.inner.value.get() }
    }
}

impl<T: ?Sized> Drop for RwLockWriteGuard<T> {
    fn drop(&mut self) {
        self.inner.sem.release(WRITER);
    }
}

/// A read lock in progress: what [`RwLock::read`] returns.
#[must_use = "a lock does nothing unless awaited"]
pub struct ReadOp<T: ?Sized> {
    acquire: Acquire<RwInner<T>>,
    output: Option<RwLockReadGuard<T>>,
}

/// A write lock in progress: what [`RwLock::write`] returns.
#[must_use = "a lock does nothing unless awaited"]
pub struct WriteOp<T: ?Sized> {
    acquire: Acquire<RwInner<T>>,
    output: Option<RwLockWriteGuard<T>>,
}

/// The `Coroutine` impl of an operation made of an [`Acquire`] and the
/// guard it gives (built by the guard's `granted`).
macro_rules! acquire_op {
    (impl[$($g:tt)*] $op:ty => $guard:ty, $what:literal) => {
        impl<$($g)*> Coroutine for $op {
            type Output = $guard;

            #[track_caller]
            fn resume(self: Pin<&mut Self>) -> Status {
                // SAFETY: `acquire` is a pinned projection; `output` is not
                // pinned.
                let this = unsafe { self.get_unchecked_mut() };
                // SAFETY: as above.
                let mut acquire = unsafe { Pin::new_unchecked(&mut this.acquire) };
                let status = acquire.as_mut().resume($what);
                if status == Status::Returned && acquire.as_mut().take() {
                    this.output = Some(<$guard>::granted(&this.acquire));
                }
                status
            }

            fn take_output(self: Pin<&mut Self>) -> Option<$guard> {
                // SAFETY: the output is not pinned.
                unsafe { self.get_unchecked_mut() }.output.take()
            }

            fn is_returned(&self) -> bool {
                self.acquire.finished
            }
        }
    };
}

acquire_op!(impl[] AcquireOp => SemaphorePermit, "semaphore");
acquire_op!(impl[T: ?Sized] LockOp<T> => MutexGuard<T>, "mutex lock");
acquire_op!(impl[T: ?Sized] ReadOp<T> => RwLockReadGuard<T>, "rwlock read");
acquire_op!(impl[T: ?Sized] WriteOp<T> => RwLockWriteGuard<T>, "rwlock write");
