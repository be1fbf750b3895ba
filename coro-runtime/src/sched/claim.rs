//! The word a `select!`'s waiters share, and claiming it: whoever completes
//! one of its waiters first (a sender, a receiver, the timer queue) wins it
//! for that case; the others find it taken.

use crate::sync::sched::{AtomicUsize, Ordering};

/// No case has won yet.
pub(crate) const NONE: usize = usize::MAX;
/// The select was dropped before any case won: none may win now.
pub(crate) const CANCELLED: usize = usize::MAX - 1;

/// The word a select's registered waiters share.
#[doc(hidden)]
pub struct SelectShared {
    pub(crate) winner: AtomicUsize,
}

/// Claims a waiter for completion: `true` if it is not part of a select,
/// or if its select had no winner yet (it is now `case`).
///
/// # Safety
///
/// `select` is null or points to a live `SelectShared`.
#[inline]
pub(crate) unsafe fn claim(select: *const SelectShared, case: usize) -> bool {
    if select.is_null() {
        return true;
    }
    // SAFETY: as the caller guarantees.
    unsafe { &*select }
        .winner
        .compare_exchange(NONE, case, Ordering::AcqRel, Ordering::Acquire)
        .is_ok()
}
