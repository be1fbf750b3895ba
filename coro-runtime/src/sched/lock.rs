//! A small lock for the scheduler's shared structures (channels, timers,
//! run queues). Critical sections are a few loads and stores, so it spins
//! (yielding the thread now and then with `std`); it also locks and unlocks
//! without a guard, which `select` needs to hold the locks of several
//! channels at once.

use core::ops::{Deref, DerefMut};

use crate::sync::sched::{AtomicBool, Ordering, UnsafeCell, yield_now};

/// A spin lock without data, locked and unlocked by hand.
pub(crate) struct RawLock {
    locked: AtomicBool,
    /// Under loom, the order in which `select` takes locks: addresses
    /// differ from one execution of a model to the next, which loom
    /// requires to be the same.
    #[cfg(coro_loom)]
    id: usize,
}

#[cfg(coro_loom)]
loom::lazy_static! {
    static ref NEXT_ID: loom::sync::atomic::AtomicUsize = loom::sync::atomic::AtomicUsize::new(0);
}

impl RawLock {
    pub(crate) fn new() -> Self {
        RawLock {
            locked: AtomicBool::new(false),
            #[cfg(coro_loom)]
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    #[inline]
    pub(crate) fn lock(&self) {
        if self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_contended();
        }
    }

    #[cold]
    fn lock_contended(&self) {
        let mut spins = 0u32;
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            while self.locked.load(Ordering::Relaxed) {
                spins = spins.wrapping_add(1);
                if cfg!(coro_loom) || spins % 64 == 0 {
                    yield_now();
                    continue;
                }
                core::hint::spin_loop();
            }
        }
    }

    /// # Safety
    ///
    /// The caller locked it.
    #[inline]
    pub(crate) unsafe fn unlock(&self) {
        self.locked.store(false, Ordering::Release);
    }

    /// The lock's address: the order in which `select` takes several locks.
    pub(crate) fn key(&self) -> usize {
        #[cfg(coro_loom)]
        return self.id;
        #[cfg(not(coro_loom))]
        return self as *const Self as usize;
    }
}

/// A value behind a [`RawLock`].
pub(crate) struct Lock<T> {
    raw: RawLock,
    value: UnsafeCell<T>,
}

// SAFETY: the lock gives one thread at a time access to the value, which
// may therefore be sent between threads.
unsafe impl<T: Send> Send for Lock<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for Lock<T> {}

impl<T> Lock<T> {
    pub(crate) fn new(value: T) -> Self {
        Lock {
            raw: RawLock::new(),
            value: UnsafeCell::new(value),
        }
    }

    #[inline]
    pub(crate) fn lock(&self) -> Guard<'_, T> {
        self.raw.lock();
        Guard { lock: self }
    }

    pub(crate) fn raw(&self) -> &RawLock {
        &self.raw
    }

    /// The value, for a caller that locked [`raw`](Self::raw) by hand.
    ///
    /// # Safety
    ///
    /// The caller holds the lock, and no other reference to the value is
    /// alive.
    #[allow(clippy::mut_from_ref)]
    pub(crate) unsafe fn get_locked(&self) -> &mut T {
        // SAFETY: the caller holds the lock: access is exclusive.
        unsafe { &mut *self.value.get() }
    }
}

pub(crate) struct Guard<'a, T> {
    lock: &'a Lock<T>,
}

impl<T> Deref for Guard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for Guard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock, and `&mut self` is unique.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for Guard<'_, T> {
    fn drop(&mut self) {
        // SAFETY: the guard locked it.
        unsafe { self.lock.raw.unlock() };
    }
}
