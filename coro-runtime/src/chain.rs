//! Running await chains: claiming a chain, the trampoline that runs its
//! frames one after another as they await and return, suspend blocks, and
//! poisoning on panic. docs/protocol.md describes the protocol; this is its
//! code.
//!
//! # Vocabulary
//!
//! - A frame *owns a segment* when nobody awaits it (a *root*), or when it
//!   was awaited after it had started (its awaiter word is tagged `LATE`).
//!   The frames it awaits directly, the frames those await, and so on down
//!   to the next late-awaited frame, are its segment; their `leaf` word
//!   names the owner, so finding it costs one load.
//! - An owner suspended in an await names in its `leaf` word the frame a
//!   resume enters: the innermost frame of its segment, or a *hop*: the
//!   owner of the segment nested in it.
//! - The *lock* of a segment is its owner's index: `BUSY` (or `RUNNING`)
//!   while a run holds it. A run holds a *path*: its `top` owner and the
//!   owners below it down to the segment it runs in. Every other frame's
//!   words are only written by the run that holds its owner.
//!
//! # Rules that make concurrent resumes safe
//!
//! - A resume takes the lock of its entry frame's segment owner, then the
//!   locks of the hops below it. Everything a run writes is published by the
//!   release store of the lock it holds, and seen by whoever takes that lock
//!   next (acquire).
//! - A run releases innermost owner first, so whoever takes `top` next finds
//!   the owners below it free.
//! - Failing to claim never waits. Only a run that returned (or panicked)
//!   out of the top of its path waits for the lock of the segment its
//!   awaiter is in, and it holds nothing then, so it cannot deadlock: the
//!   holder can only be a resume that is about to fail on the frame that
//!   returned.

use core::ptr::NonNull;

use crate::Status;
use crate::frame::transform_bug;
use crate::header::{
    Action, Header, MSG_AWAITED_TWICE, MSG_POISONED, MSG_RUNNING, RawStep, Run, RunCell, Watch,
    awaiter, check_not_final, flags, header_at, index, word_of,
};
use crate::sync::{Ordering, spin_loop};

/// Why a lock could not be taken.
enum Busy {
    /// A suspend block holds it; a `PENDING` mark was left for it.
    Deferred,
    /// A run holds it.
    Running,
    /// The owner is terminal (its index).
    Final(u32),
}

/// Takes the lock of owner `o` if it is free: returns the state it holds.
/// If a suspend block holds it, leaves a deferred resume instead.
fn try_lock(o: &Header) -> Result<u32, Busy> {
    let mut current = o.index.load(Ordering::Relaxed);
    loop {
        if index::is_final(current) {
            return Err(Busy::Final(current));
        }
        if !index::is_free(current) {
            if current & index::BLOCK != 0 && current & index::PENDING == 0 {
                match o.index.compare_exchange_weak(
                    current,
                    current | index::PENDING,
                    Ordering::AcqRel,
                    Ordering::Relaxed,
                ) {
                    Ok(_) => return Err(Busy::Deferred),
                    Err(now) => {
                        current = now;
                        continue;
                    }
                }
            }
            return Err(Busy::Running);
        }
        match o.index.compare_exchange_weak(
            current,
            current | index::BUSY,
            Ordering::Acquire,
            Ordering::Relaxed,
        ) {
            Ok(_) => return Ok(current),
            Err(now) => current = now,
        }
    }
}

/// Takes the lock of owner `o`, waiting while a failing resume holds it
/// (see the module docs for why the wait is short). Returns its state.
fn spin_lock(o: &Header) -> u32 {
    loop {
        let current = o.index.load(Ordering::Relaxed);
        // `o` awaits (through a hop) the segment whose run is calling this:
        // nothing else can end it. Finding it ended means a `RawFrame`
        // contract was broken (the awaiter was dropped while its child ran).
        assert!(
            !index::is_final(current),
            "coro: the coroutine awaiting this one ended while it ran"
        );
        if index::is_free(current)
            && o.index
                .compare_exchange_weak(
                    current,
                    current | index::BUSY,
                    Ordering::Acquire,
                    Ordering::Relaxed,
                )
                .is_ok()
        {
            return current;
        }
        spin_loop();
    }
}

/// The owner of the segment `frame` is in.
///
/// # Safety
///
/// `frame` must be live, and so must its owner.
pub(crate) unsafe fn owner_of(frame: NonNull<Header>) -> NonNull<Header> {
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { frame.as_ref() };
    if awaiter::owns_segment(head.awaiter.load(Ordering::Acquire)) {
        frame
    } else {
        // SAFETY: a frame inside a segment names its live owner.
        unsafe { header_at(head.leaf.load(Ordering::Acquire)) }
    }
}

/// The root of the chain `frame` is in: up through owners and late
/// awaiters.
///
/// # Safety
///
/// `frame` and the frames awaiting it must be live.
pub(crate) unsafe fn root_of(frame: NonNull<Header>) -> NonNull<Header> {
    // SAFETY: the caller guarantees the chain is live.
    let mut owner = unsafe { owner_of(frame) };
    loop {
        // SAFETY: as above.
        let word = unsafe { owner.as_ref() }.awaiter.load(Ordering::Acquire);
        if !awaiter::is_pointer(word) {
            return owner;
        }
        // SAFETY: a late awaiter is a live frame that owns this one.
        owner = unsafe { owner_of(header_at(word)) };
    }
}

/// Where a claimed path leads.
struct Entry {
    owner: NonNull<Header>,
    target: NonNull<Header>,
    prev: u32,
}

/// From owner `o`, which this run holds with state `v`, down to the frame to
/// run, taking the locks of the hops on the way. On failure releases the
/// path from `top` and returns why.
///
/// # Safety
///
/// The run holds the path from `top` to `o`, all live.
#[inline]
unsafe fn descend(top: NonNull<Header>, mut o: NonNull<Header>, mut v: u32) -> Result<Entry, Busy> {
    loop {
        if !index::is_awaiting(v) {
            return Ok(Entry {
                owner: o,
                target: o,
                prev: index::state(v),
            });
        }
        // SAFETY: an owner suspended in an await names a live frame of its
        // segment, or a hop, in its leaf word; we hold it, so it is current.
        let target = unsafe { header_at(o.as_ref().leaf.load(Ordering::Acquire)) };
        if target == o {
            // It awaits a coroutine without a header, which it drives.
            return Ok(Entry {
                owner: o,
                target: o,
                prev: index::state(v),
            });
        }
        // SAFETY: as above.
        let t = unsafe { target.as_ref() };
        if !awaiter::owns_segment(t.awaiter.load(Ordering::Acquire)) {
            return Ok(Entry {
                owner: o,
                target,
                prev: index::state(t.index.load(Ordering::Acquire)),
            });
        }
        match try_lock(t) {
            Ok(tv) => {
                o = target;
                v = tv;
            }
            Err(busy) => {
                // SAFETY: we hold the path from `top` to `o`.
                unsafe { release_path(top, o, None) };
                return Err(busy);
            }
        }
    }
}

/// Releases the owners from `from` up to `top`, innermost first. `last`:
/// the value `from`'s index takes (else its state, unlocked).
///
/// # Safety
///
/// The run holds this path, and it is live.
unsafe fn release_path(top: NonNull<Header>, from: NonNull<Header>, last: Option<u32>) {
    let mut value = last;
    // SAFETY: the caller guarantees the path is held and live.
    unsafe {
        for_path(top, from, |o| {
            let v = value
                .take()
                .unwrap_or_else(|| o.index.load(Ordering::Relaxed) & !index::LOCK);
            o.index.store(v, Ordering::Release);
        })
    };
}

/// Resumes `frame`: a root, or any frame of a chain reached through a
/// handle. Runs until some frame of the chain suspends or the chain's root
/// returns; a frame suspended in an await continues the innermost suspended
/// frame of its chain directly. Returns [`Status::Returned`] if `frame`
/// returned during the call.
///
/// # Safety
///
/// `frame` must be the header of a live, pinned frame, whose chain stays
/// live during the call; if the call is on another thread than the chain's
/// root is owned on, the chain's values must be `Send`.
#[track_caller]
pub(crate) unsafe fn resume(frame: NonNull<Header>) -> Status {
    // SAFETY: the caller guarantees a live frame.
    check_not_final(unsafe { frame.as_ref() }.index.load(Ordering::Acquire));
    // SAFETY: as above, for the whole chain.
    let owner = unsafe { owner_of(frame) };
    // SAFETY: as above.
    let v = match try_lock(unsafe { owner.as_ref() }) {
        Ok(v) => v,
        Err(Busy::Deferred) => return Status::Suspended,
        Err(Busy::Running) => panic!("{}", MSG_RUNNING),
        Err(Busy::Final(i)) => {
            check_not_final(i);
            unreachable!()
        }
    };
    // SAFETY: we hold `owner`.
    let entry = match unsafe { descend(owner, owner, v) } {
        Ok(entry) => entry,
        Err(Busy::Deferred) => return Status::Suspended,
        Err(_) => panic!("{}", MSG_RUNNING),
    };
    let run = RunCell::new(Run::new(
        owner,
        entry.owner,
        entry.target,
        Watch::new(frame, None),
    ));
    // SAFETY: we hold the path to `entry.target`'s segment.
    unsafe { trampoline(&run, entry.target, entry.prev) }
}

/// Continues a run from a suspend block's handle: the block's run holds the
/// path (`top` down to `owner`), and hands it over.
///
/// # Safety
///
/// Called at most once per block, while the block runs, with the values
/// the block was entered with.
pub(crate) unsafe fn resume_from_block(
    frame: NonNull<Header>,
    state: u32,
    owner: NonNull<Header>,
    top: NonNull<Header>,
    parent: &Watch,
) -> Status {
    // The path no longer sits in a block: later resumes are races, and a
    // deferred one is satisfied by this run.
    // SAFETY: the block's run holds the path, which is live.
    unsafe {
        for_path(top, owner, |o| {
            o.index
                .fetch_and(!(index::BLOCK | index::PENDING), Ordering::AcqRel);
        })
    };
    let run = RunCell::new(Run::new(top, owner, frame, Watch::new(frame, Some(parent))));
    // SAFETY: the path is held and handed to this run.
    unsafe { trampoline(&run, frame, state) }
}

/// Publishes a frame that suspends with a suspend block, and marks the
/// path as held by a block (resumes that arrive now are deferred).
///
/// # Safety
///
/// Called by the running frame `x` of `run`, which stored state `s`.
pub(crate) unsafe fn begin_block(run: &Run, x: NonNull<Header>, s: u32) {
    let owner = run.owner.get();
    let top = run.top.get();
    // SAFETY: the run holds the path; these frames are live.
    unsafe {
        owner.as_ref().leaf.store(word_of(x), Ordering::Relaxed);
        let value = if x == owner { s | index::BUSY } else { s };
        x.as_ref().index.store(value, Ordering::Relaxed);
        // Resumes may enter at any owner of the path: each defers.
        for_path(top, owner, |o| {
            let current = o.index.load(Ordering::Relaxed);
            o.index.store(current | index::BLOCK, Ordering::Release);
        });
    }
}

/// Calls `f` on each owner of the held path from `from` up to `top`,
/// innermost first. `f` may release the owner: the next one is found
/// before.
///
/// # Safety
///
/// The run holds the path, which is live.
unsafe fn for_path(top: NonNull<Header>, from: NonNull<Header>, mut f: impl FnMut(&Header)) {
    let mut o = from;
    loop {
        // SAFETY: the caller guarantees the path is live.
        let head = unsafe { o.as_ref() };
        let next = if o == top {
            None
        } else {
            // Read while we hold `o`: once released it may return, which
            // changes its awaiter word.
            // SAFETY: an owner below `top` on a held path is late-awaited by
            // a live frame, whose owner is the next one up.
            Some(unsafe { owner_of(header_at(head.awaiter.load(Ordering::Acquire))) })
        };
        f(head);
        match next {
            Some(up) => o = up,
            None => return,
        }
    }
}

/// Poisons the chain above a frame whose body panicked, when the panic
/// unwinds out of the trampoline; or, when a suspend block panicked,
/// releases the path.
struct Unwind<'r> {
    run: &'r RunCell,
    /// The frame the run is for, if it is not made yet (see
    /// [`RunCell::get`]).
    frame: NonNull<Header>,
}

impl Drop for Unwind<'_> {
    fn drop(&mut self) {
        let run = self.run.get(self.frame);
        if let Some(taken) = run.block_taken.take() {
            if !taken {
                // SAFETY: the run still holds its path (the block's handle
                // was not used); a deferred resume is dropped with the
                // panic.
                unsafe {
                    for_path(run.top.get(), run.owner.get(), |o| {
                        o.index.fetch_and(!index::LOCK, Ordering::Release);
                    })
                };
            }
            return;
        }
        // SAFETY: the frames up the chain are live; we hold them or wait
        // for their locks before writing them.
        unsafe { poison_up(run) };
    }
}

/// Poisons every frame awaiting `run.current`, up to the chain's root.
///
/// # Safety
///
/// `run.current` was poisoned; the run holds its path.
unsafe fn poison_up(run: &Run) {
    let mut frame = run.current.get();
    loop {
        // Take the awaiter before poisoning it, which may free `frame`. An
        // awaiter that links itself later finds the mark instead.
        // SAFETY: `frame` is live until its awaiter is poisoned.
        let word = unsafe { frame.as_ref() }
            .awaiter
            .swap(awaiter::POISONED, Ordering::AcqRel);
        if !awaiter::is_pointer(word) {
            return;
        }
        // SAFETY: an awaiter pointer names a live frame suspended in an
        // await.
        let w = unsafe { header_at(word) };
        if word & awaiter::LATE != 0 && frame == run.top.get() {
            // Out of the top of the path: take the next segment's lock.
            // SAFETY: as above.
            let o = unsafe { owner_of(w) };
            // SAFETY: as above.
            spin_lock(unsafe { o.as_ref() });
            run.top.set(o);
        }
        // SAFETY: we hold `w`'s segment; poisoning drops its state (and
        // with it the frame it awaited) and marks it poisoned.
        unsafe { (w.as_ref().resume)(w, Action::Poison(None)) };
        frame = w;
    }
}

/// Runs frames, starting with `current` at state `prev`, until one suspends
/// or the chain's root returns. Awaits and returns do not nest native
/// calls: a chain of any depth runs in constant stack.
///
/// # Safety
///
/// The run holds the path from `run.top` to the owner of `current`'s
/// segment, all live.
// Inlined into its three callers (one is every resume of a root that
// awaits): the first step and its common outcome are then a few
// instructions away from the resume, and the loop stays out of line.
#[inline(always)]
pub(crate) unsafe fn trampoline(run: &RunCell, current: NonNull<Header>, prev: u32) -> Status {
    // SAFETY: as the caller guarantees; the first step goes through the
    // frame's entry like every other.
    unsafe {
        drive(run, current, prev, |run, current, prev| {
            (current.as_ref().resume)(current, Action::Run { prev, run })
        })
    }
}

/// Resumes a root frame that is free, calling its body through `first`
/// when the body is what runs (the frame is suspended at one of its own
/// points, or awaits a coroutine without a header): the caller knows the
/// frame's type, so that step (usually the only one) is a direct, inlinable
/// call instead of one through the header. Returns `None` without doing
/// anything if the frame is not free, or has a (stale) awaiter.
///
/// # Safety
///
/// `frame` is a live, pinned frame the caller may resume (as for
/// [`resume`]), and `first` runs its body as its entry would.
#[inline(always)]
pub(crate) unsafe fn resume_root_fast(
    frame: NonNull<Header>,
    first: impl FnOnce(&RunCell, NonNull<Header>, u32) -> RawStep,
) -> Option<Status> {
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { frame.as_ref() };
    let current = head.index.load(Ordering::Acquire);
    if awaiter::is_pointer(head.awaiter.load(Ordering::Relaxed)) {
        return None;
    }
    if index::is_plain(current) {
        // Suspended at one of its own points (the common case): the lock is
        // the move to `RUNNING`.
        if head.flags.load(Ordering::Relaxed) & flags::RAW == 0 {
            // Nobody can resume the frame but through the caller's
            // exclusive reference: not awaiting, it has no frame below it
            // whose return could continue it; not awaited, nobody above it
            // runs; no raw handle to it exists; any other handle borrows
            // it. So a plain store takes the lock.
            head.index.store(index::RUNNING, Ordering::Relaxed);
        } else {
            head.index
                .compare_exchange(
                    current,
                    index::RUNNING,
                    Ordering::Acquire,
                    Ordering::Relaxed,
                )
                .ok()?;
        }
    } else {
        if !index::is_free(current) {
            return None;
        }
        // Free and not plain: suspended in an await.
        debug_assert!(index::is_awaiting(current));
        head.index
            .compare_exchange(
                current,
                current | index::BUSY,
                Ordering::Acquire,
                Ordering::Relaxed,
            )
            .ok()?;
        if head.leaf.load(Ordering::Acquire) != word_of(frame) {
            // It awaits a frame with a header: the run enters the chain's
            // innermost frame, through that frame's entry.
            // SAFETY: we hold the root, which is live.
            return Some(unsafe { resume_held_root(frame, current) });
        }
        // It awaits a coroutine without a header, which its body drives:
        // the body runs.
        head.index.store(index::RUNNING, Ordering::Relaxed);
    }
    let run = RunCell::lazy();
    let guard = Unwind { run: &run, frame };
    // Plain or free, `current` has no lock bits: it is the state.
    let step = first(&run, frame, current);
    core::mem::forget(guard);
    if let RawStep::Suspended { index: s } = step {
        // It suspended at one of its own points, or in an await it drives.
        // Only awaits of frames with a header change the run's path, so the
        // run still holds just this frame; its own run cannot have returned
        // it (that ends in `Blocked`). The leaf word is only read from a
        // frame that awaits (see `descend`; this one owns its segment, so
        // `owner_of` does not read it): it must name the frame itself when
        // it awaits a coroutine it drives, and is left as it is otherwise.
        if index::is_awaiting(s) {
            head.leaf.store(word_of(frame), Ordering::Relaxed);
        }
        head.index.store(s, Ordering::Release);
        return Some(Status::Suspended);
    }
    // SAFETY: we hold the root, which is the only owner on the run's path;
    // `step` is its body's.
    Some(unsafe { steps_split(&run, frame, step) })
}

/// [`resume_root_fast`] for a body called through `body` (a frame whose
/// body is not inlined into its resume): the same code, but not generic,
/// so that a debug build compiles it once, not once per coroutine type
/// (about 700 lines of LLVM IR each, a fifth of what a small coroutine
/// costs to build). Inlined where optimised, with `body` then a constant:
/// the same machine code as the generic one.
///
/// # Safety
///
/// As for [`resume_root_fast`], with `body` running the frame's body as
/// its entry would.
#[inline]
pub(crate) unsafe fn resume_root_fast_by(
    frame: NonNull<Header>,
    body: unsafe fn(NonNull<Header>, u32, Option<&RunCell>) -> RawStep,
) -> Option<Status> {
    // SAFETY: as the caller guarantees.
    unsafe {
        resume_root_fast(
            frame,
            #[inline(always)]
            |run, frame, prev| body(frame, prev, Some(run)),
        )
    }
}

/// Resumes a root suspended in an await of a frame with a header, whose
/// lock the caller took: enters the chain's innermost frame.
///
/// # Safety
///
/// The caller holds `frame`, a live root whose index was `current`.
#[inline(never)]
unsafe fn resume_held_root(frame: NonNull<Header>, current: u32) -> Status {
    // SAFETY: as the caller guarantees.
    match unsafe { descend(frame, frame, current) } {
        Ok(entry) => {
            let run = RunCell::new(Run::new(
                frame,
                entry.owner,
                entry.target,
                Watch::new(frame, None),
            ));
            // SAFETY: we hold the path to the target's segment.
            unsafe { trampoline(&run, entry.target, entry.prev) }
        }
        Err(Busy::Deferred) => Status::Suspended,
        Err(_) => panic!("{}", MSG_RUNNING),
    }
}

/// Runs the first step through `first` (inlined into the caller), handles
/// the common outcome, a frame suspending in a run that holds one segment,
/// right here, and leaves everything else to [`steps`].
///
/// # Safety
///
/// As for [`trampoline`].
#[inline(always)]
unsafe fn drive(
    cell: &RunCell,
    current: NonNull<Header>,
    prev: u32,
    first: impl FnOnce(&RunCell, NonNull<Header>, u32) -> RawStep,
) -> Status {
    let guard = Unwind {
        run: cell,
        frame: current,
    };
    let run = cell.get(current);
    run.current.set(current);
    // SAFETY: the caller guarantees `current` is live.
    let head = unsafe { current.as_ref() };
    head.index.store(index::RUNNING, Ordering::Relaxed);
    let step = first(cell, current, prev);
    core::mem::forget(guard);
    if let RawStep::Suspended { index: s } = step {
        let owner = run.owner.get();
        if owner == run.top.get() {
            // The run holds one segment: name `current` as its leaf and
            // release the owner (what `release_path` does, without the
            // walk).
            // SAFETY: the run holds `owner`, which is live.
            let o = unsafe { owner.as_ref() };
            o.leaf.store(word_of(current), Ordering::Relaxed);
            if current == owner {
                o.index.store(s, Ordering::Release);
            } else {
                head.index.store(s, Ordering::Relaxed);
                let held = o.index.load(Ordering::Relaxed);
                o.index.store(held & !index::LOCK, Ordering::Release);
            }
            return run.watch.status();
        }
    }
    // SAFETY: as the caller guarantees; `step` is `current`'s.
    unsafe { steps_split(cell, current, step) }
}

/// [`steps`], called with the step in scalars. A `RawStep` is passed by
/// address, and LLVM then writes it to the stack in the fast paths that
/// inline [`resume_root_fast`] and [`drive`] before it knows whether
/// `steps` is called: two stores on every resume, for a call that the
/// common suspension never makes. Scalars stay in registers.
///
/// # Safety
///
/// As for [`steps`].
#[inline(always)]
unsafe fn steps_split(cell: &RunCell, current: NonNull<Header>, step: RawStep) -> Status {
    let (kind, index, child, owned) = match step {
        RawStep::Suspended { index } => (0, index, None, false),
        RawStep::Blocked => (1, 0, None, false),
        RawStep::Returned => (2, 0, None, false),
        RawStep::Await {
            child,
            owned,
            index,
        } => (3, index, Some(child), owned),
    };
    // SAFETY: as the caller guarantees.
    unsafe { steps_joined(cell, current, kind, index, child, owned) }
}

/// The other half of [`steps_split`].
///
/// # Safety
///
/// As for [`steps`]; the scalars are those `steps_split` made of a step.
#[inline(never)]
unsafe fn steps_joined(
    cell: &RunCell,
    current: NonNull<Header>,
    kind: u8,
    index: u32,
    child: Option<NonNull<Header>>,
    owned: bool,
) -> Status {
    let step = match (kind, child) {
        (0, _) => RawStep::Suspended { index },
        (1, _) => RawStep::Blocked,
        (2, _) => RawStep::Returned,
        (_, Some(child)) => RawStep::Await {
            child,
            owned,
            index,
        },
        (_, None) => transform_bug(),
    };
    // SAFETY: as the caller guarantees.
    unsafe { steps(cell, current, step) }
}

/// The trampoline's loop, from a step `current` has just taken: runs frames
/// until one suspends or the chain's root returns.
///
/// # Safety
///
/// As for [`trampoline`]; `step` is what `current`'s last run returned.
#[inline]
unsafe fn steps(cell: &RunCell, mut current: NonNull<Header>, mut step: RawStep) -> Status {
    let guard = Unwind {
        run: cell,
        frame: current,
    };
    let run = cell.get(current);
    loop {
        // SAFETY: `current` is live (loop invariant).
        let head = unsafe { current.as_ref() };
        let prev = match step {
            RawStep::Suspended { index: s } => {
                let owner = run.owner.get();
                // SAFETY: the run holds the path to `owner`.
                unsafe {
                    owner
                        .as_ref()
                        .leaf
                        .store(word_of(current), Ordering::Relaxed);
                    if current != owner {
                        head.index.store(s, Ordering::Relaxed);
                        release_path(run.top.get(), owner, None);
                    } else {
                        release_path(run.top.get(), owner, Some(s));
                    }
                }
                core::mem::forget(guard);
                return run.watch.status();
            }
            RawStep::Blocked => {
                let taken = run.block_taken.take().unwrap_or(false);
                if taken {
                    // The block's handle resumed the frame and took over the
                    // path; that run released it.
                    core::mem::forget(guard);
                    return run.watch.status();
                }
                // SAFETY: the run holds the path.
                match unsafe { end_block(run) } {
                    Some(entry) => {
                        run.owner.set(entry.owner);
                        current = entry.target;
                        entry.prev
                    }
                    None => {
                        core::mem::forget(guard);
                        return run.watch.status();
                    }
                }
            }
            RawStep::Await {
                child,
                owned,
                index: a,
            } => {
                let owner = run.owner.get();
                let held = if current == owner { a | index::BUSY } else { a };
                // SAFETY: the child was just stored in `current`'s state (or
                // is reached through a pointer the state holds): it is live
                // and pinned.
                let c = unsafe { child.as_ref() };
                let child_index = c.index.load(Ordering::Acquire);
                if owned && child_index == index::UNSTARTED {
                    // A fresh child the awaiter owns joins this segment.
                    // Nobody else can reach it: it was just moved into the
                    // awaiter's state.
                    c.awaiter.store(word_of(current), Ordering::Relaxed);
                    c.leaf.store(word_of(owner), Ordering::Relaxed);
                    head.index.store(held, Ordering::Relaxed);
                    current = child;
                    index::UNSTARTED
                } else {
                    // A child that started before, or that the awaiter only
                    // borrows: it owns a segment of its own, which this one
                    // reaches through a hop.
                    head.index.store(held, Ordering::Relaxed);
                    // SAFETY: the run holds `owner`.
                    unsafe { owner.as_ref() }
                        .leaf
                        .store(word_of(child), Ordering::Relaxed);
                    let previous = c
                        .awaiter
                        .swap(word_of(current) | awaiter::LATE, Ordering::AcqRel);
                    match previous {
                        awaiter::NONE => {
                            // Awaiting an unstarted child starts it: take its
                            // segment into this run's path and run it.
                            let started = if child_index == index::UNSTARTED {
                                try_lock(c).ok()
                            } else {
                                None
                            };
                            match started {
                                Some(v) => {
                                    run.owner.set(child);
                                    current = child;
                                    index::state(v)
                                }
                                None => {
                                    // It will continue `current` when it
                                    // returns; until then, resuming this
                                    // chain enters it.
                                    // SAFETY: the run holds the path to
                                    // `owner`.
                                    unsafe { release_path(run.top.get(), owner, None) };
                                    core::mem::forget(guard);
                                    return run.watch.status();
                                }
                            }
                        }
                        awaiter::RETURNED => {
                            // It returned already: continue at once.
                            c.awaiter.store(awaiter::RETURNED, Ordering::Relaxed);
                            a
                        }
                        awaiter::POISONED => {
                            // It panicked, and its unwinding found no awaiter
                            // (the swap is where the two meet: its thread is
                            // done with it once it has swapped, so dropping
                            // it with our state is safe).
                            c.awaiter.store(awaiter::POISONED, Ordering::Relaxed);
                            // SAFETY: `current` holds the await state `a`,
                            // not published; poisoning drops it in place.
                            unsafe { (head.resume)(current, Action::Poison(Some(a))) };
                            panic!("{}", MSG_POISONED);
                        }
                        _ => {
                            // It is awaited by another frame: a second await
                            // of the same frame.
                            c.awaiter.store(previous, Ordering::Release);
                            // SAFETY: as for the poisoned child.
                            unsafe { (head.resume)(current, Action::Poison(Some(a))) };
                            panic!("{}", MSG_AWAITED_TWICE);
                        }
                    }
                }
            }
            RawStep::Returned => {
                run.watch.mark(current);
                let word = head.awaiter.swap(awaiter::RETURNED, Ordering::AcqRel);
                if !awaiter::is_pointer(word) {
                    // The root returned.
                    core::mem::forget(guard);
                    return run.watch.status();
                }
                // SAFETY: the awaiter contains (or owns) `current`, so it
                // is live, and suspended in this await.
                let w = unsafe { header_at(word) };
                if word & awaiter::LATE != 0 {
                    // SAFETY: as above.
                    let o = unsafe { owner_of(w) };
                    if current == run.top.get() {
                        // Out of the top of the path: take the lock of the
                        // segment the awaiter is in.
                        // SAFETY: as above.
                        spin_lock(unsafe { o.as_ref() });
                        run.top.set(o);
                    }
                    run.owner.set(o);
                }
                current = w;
                // SAFETY: as above.
                index::state(unsafe { w.as_ref() }.index.load(Ordering::Relaxed))
            }
        };
        run.current.set(current);
        // SAFETY: `current` is live: a frame of the chain the run holds.
        let head = unsafe { current.as_ref() };
        head.index.store(index::RUNNING, Ordering::Relaxed);
        // SAFETY: `current`'s entry matches it; the run holds its path.
        step = unsafe { (head.resume)(current, Action::Run { prev, run: cell }) };
    }
}

/// After a suspend block whose handle was not used: releases the path, or,
/// if a resume was deferred meanwhile, keeps the innermost owner that
/// received one and says where to continue from it.
///
/// # Safety
///
/// The run holds the path, marked with `BLOCK`.
unsafe fn end_block(run: &Run) -> Option<Entry> {
    let mut kept: Option<(NonNull<Header>, u32)> = None;
    // Innermost first: a resume arriving at an owner already released
    // finds it free, and whoever takes it finds the owners below free too.
    // SAFETY: the run holds the path.
    unsafe {
        for_path(run.top.get(), run.owner.get(), |o| {
            let mut current = o.index.load(Ordering::Acquire);
            loop {
                if current & index::PENDING != 0 && kept.is_none() {
                    // Deferrers only write while `PENDING` is clear: this
                    // owner is ours to keep.
                    o.index.store(
                        current & !(index::BLOCK | index::PENDING),
                        Ordering::Relaxed,
                    );
                    kept = Some((NonNull::from(o), current & !index::LOCK));
                    return;
                }
                // Released; a second deferred resume merges into the first.
                match o.index.compare_exchange_weak(
                    current,
                    current & !index::LOCK,
                    Ordering::Release,
                    Ordering::Acquire,
                ) {
                    Ok(_) => return,
                    Err(now) => current = now,
                }
            }
        })
    };
    let (o, v) = kept?;
    run.top.set(o);
    // SAFETY: we hold `o`. If the owners below it were taken meanwhile, the
    // resume that took them runs the chain: the deferred one merges into it.
    unsafe { descend(o, o, v) }.ok()
}
