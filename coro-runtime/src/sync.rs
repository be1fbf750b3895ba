//! The atomics of the frame protocol: `core`'s; loom's when the crate is
//! built with `--cfg coro_loom` to model-check the protocol (tests/loom.rs); or,
//! with `--cfg coro_unsync`, plain cells with the same interface, to measure
//! what the atomics cost (docs/benchmarks.md). That last configuration is
//! for benchmarks only: it is not sound across threads.

#[cfg(not(any(coro_loom, coro_unsync)))]
pub(crate) use core::hint::spin_loop;
#[cfg(not(any(coro_loom, coro_unsync)))]
pub(crate) use core::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

#[cfg(coro_loom)]
pub(crate) use loom::hint::spin_loop;
#[cfg(coro_loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

#[cfg(all(coro_unsync, not(coro_loom)))]
pub(crate) use unsync::*;

#[cfg(all(coro_unsync, not(coro_loom)))]
mod unsync {
    use core::cell::Cell;

    pub(crate) use core::hint::spin_loop;
    pub(crate) use core::sync::atomic::Ordering;

    macro_rules! cell_atomic {
        ($name:ident, $t:ty) => {
            pub(crate) struct $name(Cell<$t>);

            // SAFETY: none, deliberately: this configuration exists to
            // measure the cost of atomics, and is not used across threads.
            unsafe impl Sync for $name {}

            #[allow(dead_code)]
            impl $name {
                pub(crate) const fn new(v: $t) -> Self {
                    $name(Cell::new(v))
                }
                #[inline(always)]
                pub(crate) fn load(&self, _: Ordering) -> $t {
                    self.0.get()
                }
                #[inline(always)]
                pub(crate) fn store(&self, v: $t, _: Ordering) {
                    self.0.set(v)
                }
                #[inline(always)]
                pub(crate) fn swap(&self, v: $t, _: Ordering) -> $t {
                    self.0.replace(v)
                }
                #[inline(always)]
                pub(crate) fn compare_exchange(
                    &self,
                    current: $t,
                    new: $t,
                    _: Ordering,
                    _: Ordering,
                ) -> Result<$t, $t> {
                    let v = self.0.get();
                    if v == current {
                        self.0.set(new);
                        Ok(v)
                    } else {
                        Err(v)
                    }
                }
                #[inline(always)]
                pub(crate) fn compare_exchange_weak(
                    &self,
                    current: $t,
                    new: $t,
                    a: Ordering,
                    b: Ordering,
                ) -> Result<$t, $t> {
                    self.compare_exchange(current, new, a, b)
                }
            }
        };
    }

    cell_atomic!(AtomicBool, bool);
    cell_atomic!(AtomicU32, u32);
    cell_atomic!(AtomicUsize, usize);

    #[allow(dead_code)]
    impl AtomicU32 {
        #[inline(always)]
        pub(crate) fn fetch_and(&self, v: u32, _: Ordering) -> u32 {
            let old = self.0.get();
            self.0.set(old & v);
            old
        }
        #[inline(always)]
        pub(crate) fn fetch_or(&self, v: u32, _: Ordering) -> u32 {
            let old = self.0.get();
            self.0.set(old | v);
            old
        }
    }
}

/// The value of `a`, read through an exclusive borrow: a plain load, which
/// the optimizer may fold with the plain store of `AtomicU32::new` (an
/// atomic load it keeps). Used where the frame protocol owns a header
/// outright: a frame being dropped.
#[inline(always)]
pub(crate) fn load_owned(a: &mut AtomicU32) -> u32 {
    #[cfg(not(any(coro_loom, coro_unsync)))]
    return *a.get_mut();
    #[cfg(coro_loom)]
    return a.with_mut(|v| *v);
    #[cfg(all(coro_unsync, not(coro_loom)))]
    return a.load(Ordering::Relaxed);
}

/// What the scheduler (`sched`) synchronises with: `core`'s atomics, an
/// `UnsafeCell` and the thread yield of `std`; or loom's under `coro_loom`,
/// so that the scheduler's models (`sched/loom_models.rs`) see every
/// atomic access and every access to lock-guarded data. (`coro_unsync`
/// does not change these: it is about the frame protocol's cost.)
#[cfg(feature = "alloc")]
pub(crate) mod sched {
    #[cfg(not(coro_loom))]
    pub(crate) use core::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
    #[cfg(coro_loom)]
    pub(crate) use loom::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

    /// Lets another thread run, in a spin loop that waits for one.
    #[inline]
    pub(crate) fn yield_now() {
        #[cfg(coro_loom)]
        loom::thread::yield_now();
        #[cfg(all(not(coro_loom), feature = "std"))]
        std::thread::yield_now();
        #[cfg(all(not(coro_loom), not(feature = "std")))]
        core::hint::spin_loop();
    }

    /// `core::cell::UnsafeCell`, but every `get` is an access that loom
    /// checks against the others under `coro_loom` (a mutable one: the
    /// scheduler's cells are read and written under one lock, and loom
    /// then reports two accesses that the lock does not order).
    #[derive(Debug)]
    pub(crate) struct UnsafeCell<T: ?Sized>(
        #[cfg(not(coro_loom))] core::cell::UnsafeCell<T>,
        #[cfg(coro_loom)] loom::cell::UnsafeCell<T>,
    );

    impl<T> UnsafeCell<T> {
        #[cfg(not(coro_loom))]
        pub(crate) const fn new(value: T) -> Self {
            UnsafeCell(core::cell::UnsafeCell::new(value))
        }
        #[cfg(coro_loom)]
        pub(crate) fn new(value: T) -> Self {
            UnsafeCell(loom::cell::UnsafeCell::new(value))
        }
    }

    impl<T: ?Sized> UnsafeCell<T> {
        #[inline(always)]
        pub(crate) fn get(&self) -> *mut T {
            #[cfg(not(coro_loom))]
            return self.0.get();
            #[cfg(coro_loom)]
            return self.0.with_mut(|p| p);
        }
    }
}
