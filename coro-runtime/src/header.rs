//! The frame header and the values of its words. docs/protocol.md describes
//! the protocol they implement; `chain.rs` is its code.

use core::ptr::NonNull;

use crate::frame::{Action, RawStep};
use crate::sync::{AtomicU32, AtomicUsize, Ordering};

/// The header every frame starts with. The runtime reads it without knowing
/// the frame's function.
///
/// ```text
/// word 0  resume   unsafe fn(frame, action) -> step   the resume entry
/// word 1  awaiter  NONE | RETURNED | POISONED | P (awaited by P) | P|LATE
/// word 2  leaf     segment owners: the innermost frame, when awaiting;
///                  other frames: their segment's owner
/// word 3  index    the resume index and lock bits (u32), then `flags` (u32:
///                  SEND, RAW)
/// ```
#[repr(C)]
pub struct Header {
    pub(crate) resume: unsafe fn(NonNull<Header>, Action<'_>) -> RawStep,
    pub(crate) awaiter: AtomicUsize,
    pub(crate) leaf: AtomicUsize,
    pub(crate) index: AtomicU32,
    pub(crate) flags: AtomicU32,
}

/// Values and bits of the resume index.
pub(crate) mod index {
    /// Not started; the state holds the arguments.
    pub const UNSTARTED: u32 = 0;
    /// The frame's body is running. Above every state index and below
    /// every bit: a frame is suspended at one of its own points (or not
    /// started) exactly when its index is below `RUNNING`, which the resume
    /// fast path tests with one comparison (see [`is_plain`]).
    pub const RUNNING: u32 = PENDING - 1;
    /// On a suspended state: the frame awaits a child.
    pub const AWAIT: u32 = 1 << 30;
    /// Lock bit on a segment owner: a run holds its segment.
    pub const BUSY: u32 = 1 << 29;
    /// With `BUSY`, on the first owner a run holds: a suspend block is
    /// running, and a resume that arrives now is deferred to its end.
    pub const BLOCK: u32 = 1 << 28;
    /// With `BLOCK`: a resume was deferred.
    pub const PENDING: u32 = 1 << 27;
    /// The lock bits.
    pub const LOCK: u32 = BUSY | BLOCK | PENDING;
    /// The body panicked; the state is dropped.
    pub const POISONED: u32 = u32::MAX - 2;
    /// Returned, and the output was taken.
    pub const RETURNED_EMPTY: u32 = u32::MAX - 1;
    /// Returned; the output is stored.
    pub const RETURNED: u32 = u32::MAX;

    /// Whether `index` is one of the three terminal values.
    #[inline]
    pub const fn is_final(index: u32) -> bool {
        index >= POISONED
    }

    /// Whether the frame holds a state (its arguments, or the values of a
    /// suspension point), locked or not.
    #[inline]
    pub const fn holds_state(index: u32) -> bool {
        !is_final(index) && index != RUNNING
    }

    /// The stored state of a frame that holds one, without the lock bits.
    #[inline]
    pub const fn state(index: u32) -> u32 {
        index & !LOCK
    }

    /// Whether the frame holds a state and nobody holds its lock.
    #[inline]
    pub const fn is_free(index: u32) -> bool {
        holds_state(index) && index & LOCK == 0
    }

    /// Whether the frame is free and suspended at one of its own points,
    /// or not started: not running, not locked, not awaiting, not ended.
    #[inline(always)]
    pub const fn is_plain(index: u32) -> bool {
        index < RUNNING
    }

    /// Whether a frame holding a state is suspended awaiting a child.
    #[inline]
    pub const fn is_awaiting(index: u32) -> bool {
        holds_state(index) && index & AWAIT != 0
    }
}

/// Values of the awaiter word.
pub(crate) mod awaiter {
    /// Nobody awaits the frame.
    pub const NONE: usize = 0;
    /// The frame returned.
    pub const RETURNED: usize = 1;
    /// The frame panicked (its body, or a frame it awaited).
    pub const POISONED: usize = 2;
    /// Tag on an awaiter pointer: the frame had started before it was
    /// awaited, so it owns a segment of the chain of its own.
    pub const LATE: usize = 1;
    /// Smallest value that is a pointer (headers are at least 4-aligned).
    pub const MIN_PTR: usize = 4;

    #[inline]
    pub const fn is_pointer(word: usize) -> bool {
        word >= MIN_PTR
    }

    /// Whether a frame whose awaiter word is `word` owns a segment: nobody
    /// awaits it, or it was awaited after it started.
    #[inline]
    pub const fn owns_segment(word: usize) -> bool {
        !is_pointer(word) || word & LATE != 0
    }
}

/// Bits of the flags word.
pub(crate) mod flags {
    /// The frame's type is known to be `Send` (it was shared with
    /// [`AnyFrame::of_shared`](crate::AnyFrame::of_shared)), so the chain it
    /// is the root of may continue on another thread.
    pub const SEND: u32 = 1;
    /// A [`RawFrame`](crate::RawFrame) was made for the frame, so a thread
    /// that does not hold a reference to it may resume it: the owner's
    /// resume must then take the frame's lock with a compare-and-swap.
    /// Without it, a frame reached through `Pin<&mut _>` cannot be resumed
    /// by anyone else meanwhile, and the lock is a plain store.
    pub const RAW: u32 = 2;
}

pub(crate) const MSG_RUNNING: &str = "resumed a non-suspended coroutine";
pub(crate) const MSG_RETURNED: &str = "resumed a coroutine which already returned";
pub(crate) const MSG_POISONED: &str = "resumed a coroutine after it panicked";
pub(crate) const MSG_AWAITED_TWICE: &str = "coroutine awaited twice";

/// Panics with the guard message if `index` is terminal.
#[track_caller]
pub(crate) fn check_not_final(index: u32) {
    match index {
        index::RETURNED | index::RETURNED_EMPTY => panic!("{}", MSG_RETURNED),
        index::POISONED => panic!("{}", MSG_POISONED),
        _ => {}
    }
}

impl Header {
    pub(crate) fn new(resume: unsafe fn(NonNull<Header>, Action<'_>) -> RawStep) -> Self {
        Header {
            resume,
            awaiter: AtomicUsize::new(awaiter::NONE),
            leaf: AtomicUsize::new(0),
            index: AtomicU32::new(index::UNSTARTED),
            flags: AtomicU32::new(0),
        }
    }

    /// Whether the frame returned (whether or not its output was taken).
    pub(crate) fn is_returned(&self) -> bool {
        matches!(
            self.index.load(Ordering::Acquire),
            index::RETURNED | index::RETURNED_EMPTY
        )
    }

    /// Forgets an awaiter that can no longer be there. Called where the
    /// caller has just borrowed the frame from outside any chain (a
    /// `Pin<&mut>`, or a `Pin<&>` for a handle): a frame that is awaited is
    /// owned by its awaiter, so a pointer found here is left over from an
    /// awaiter that was leaked with `mem::forget`, whose borrows may have
    /// ended. It must never be continued.
    pub(crate) fn forget_stale_awaiter(&self) {
        let word = self.awaiter.load(Ordering::Acquire);
        if awaiter::is_pointer(word) {
            // Only a pointer is replaced: a concurrent return (which swaps in
            // RETURNED) wins.
            let _ = self.awaiter.compare_exchange(
                word,
                awaiter::NONE,
                Ordering::AcqRel,
                Ordering::Relaxed,
            );
        }
    }
}

/// A header pointer from a pointer-sized word.
///
/// # Safety
///
/// `word` must hold the address of a live header (tag bits are cleared).
pub(crate) unsafe fn header_at(word: usize) -> NonNull<Header> {
    // SAFETY: the caller guarantees a live header at this address, which is
    // not null.
    unsafe { NonNull::new_unchecked((word & !3) as *mut Header) }
}

#[inline]
pub(crate) fn word_of(header: NonNull<Header>) -> usize {
    header.as_ptr() as usize
}
