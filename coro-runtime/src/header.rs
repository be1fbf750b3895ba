//! The frame header and the values of its words, what its resume entry is
//! asked (`Action`) and answers (`RawStep`), and the bookkeeping of a run
//! that the entry is given (`Run`, `RunCell`, `Watch`). docs/protocol.md
//! describes the protocol they implement; `chain.rs` is its code.

use core::cell::{Cell, UnsafeCell};
use core::mem::MaybeUninit;
use core::ptr::NonNull;

use crate::Status;

use crate::sync::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

/// What the resume entry is asked to do.
#[derive(Clone, Copy)]
pub(crate) enum Action<'r> {
    /// Run the body from state `prev`. The caller's `run` holds the frame's
    /// segment, and has set its index to running.
    Run { prev: u32, run: &'r RunCell },
    /// Drop the state in place and mark the frame poisoned. The index says
    /// which state it holds, unless given here (an await state not yet
    /// published).
    Poison(Option<u32>),
    /// Move the output, if the frame returned and it is still there, into
    /// `*slot`, an `Option<O>`.
    TakeOutput(*mut ()),
}

/// What one run of a frame's body ended with, as the trampoline sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum RawStep {
    /// Stored the state `index`, to publish.
    Suspended { index: u32 },
    /// Suspended with a suspend block, which has run.
    Blocked,
    /// Returned; the output is stored and the index says so.
    Returned,
    /// Stored the await state `index` (not published) and awaits `child`
    /// (which it owns, or borrows; see `FrameRef::owned`).
    Await {
        child: NonNull<Header>,
        owned: bool,
        index: u32,
    },
}

/// Whether the frame a resume entered returned during it. A run made from a
/// suspend block also reports to the run the block is in.
pub(crate) struct Watch {
    entry: NonNull<Header>,
    returned: AtomicBool,
    /// The watch of the run whose suspend block made this run: it lives on
    /// that run's stack, below this one, and outlives it.
    parent: Option<NonNull<Watch>>,
}

// SAFETY: `entry` is only compared, never dereferenced, and `returned` is
// atomic; a watch is shared with the thread a suspend block sends its frame
// to (see `SentFrame`).
unsafe impl Sync for Watch {}

impl Watch {
    #[inline]
    pub(crate) fn new(entry: NonNull<Header>, parent: Option<&Watch>) -> Self {
        Watch {
            entry,
            returned: AtomicBool::new(false),
            parent: parent.map(NonNull::from),
        }
    }

    pub(crate) fn mark(&self, frame: NonNull<Header>) {
        let mut watch = Some(self);
        while let Some(w) = watch {
            if w.entry == frame {
                w.returned.store(true, Ordering::Relaxed);
            }
            // SAFETY: a parent watch outlives the runs made below it (see
            // `parent`).
            watch = w.parent.map(|p| unsafe { p.as_ref() });
        }
    }

    #[inline]
    pub(crate) fn status(&self) -> Status {
        if self.returned.load(Ordering::Relaxed) {
            Status::Returned
        } else {
            Status::Suspended
        }
    }
}

/// One run of a chain: the path of owners it holds and what it is running.
/// Lives on the stack of the thread running it; the body reaches it through
/// [`Action::Run`] (for suspend blocks).
pub(crate) struct Run {
    /// The outermost owner this run holds.
    pub(crate) top: Cell<NonNull<Header>>,
    /// The owner of the segment `current` is in.
    pub(crate) owner: Cell<NonNull<Header>>,
    /// The frame running.
    pub(crate) current: Cell<NonNull<Header>>,
    /// Set by a suspend block when it ends (normally or by a panic): whether
    /// its handle was used to resume the frame, which then took over the
    /// path.
    pub(crate) block_taken: Cell<Option<bool>>,
    pub(crate) watch: Watch,
}

impl Run {
    #[inline]
    pub(crate) fn new(
        top: NonNull<Header>,
        owner: NonNull<Header>,
        current: NonNull<Header>,
        watch: Watch,
    ) -> Self {
        Run {
            top: Cell::new(top),
            owner: Cell::new(owner),
            current: Cell::new(current),
            block_taken: Cell::new(None),
            watch,
        }
    }
}

/// A [`Run`] made on demand. A root's fast run (the common resume: the
/// root suspends again at one of its own points) never needs the run's
/// bookkeeping, so it starts with nothing but a flag, and the run is made
/// the first time something asks for it: a suspend block, an await, a
/// return or a panic. Whoever asks names the frame the run is for (it
/// knows it: the frame running), so that the fast run stores one byte.
pub(crate) struct RunCell {
    made: Cell<bool>,
    run: UnsafeCell<MaybeUninit<Run>>,
}

impl RunCell {
    /// A cell that makes, when asked, the run of a root alone.
    #[inline(always)]
    pub(crate) fn lazy() -> Self {
        RunCell {
            made: Cell::new(false),
            run: UnsafeCell::new(MaybeUninit::uninit()),
        }
    }

    /// A cell holding `run`.
    #[inline]
    pub(crate) fn new(run: Run) -> Self {
        RunCell {
            made: Cell::new(true),
            run: UnsafeCell::new(MaybeUninit::new(run)),
        }
    }

    /// The run, made now for root `frame` alone if it was not yet. A lazy
    /// cell is asked first by its root's own body (a suspend block), by
    /// the trampoline with the root's step, or by the unwinding guard with
    /// the root: `frame` is that root whenever the run is not made yet.
    #[inline(always)]
    pub(crate) fn get(&self, frame: NonNull<Header>) -> &Run {
        if !self.made.get() {
            self.make(frame);
        }
        // SAFETY: `made` says the run is initialized; it is only written
        // once, by `make`, before any reference to it exists.
        unsafe { (*self.run.get()).assume_init_ref() }
    }

    #[cold]
    #[inline(never)]
    fn make(&self, f: NonNull<Header>) {
        // SAFETY: not made yet, so nothing refers to the run; the cell is
        // not `Sync`, so no other thread is making it.
        unsafe { (*self.run.get()).write(Run::new(f, f, f, Watch::new(f, None))) };
        self.made.set(true);
    }
}

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
