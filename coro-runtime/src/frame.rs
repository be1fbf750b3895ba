//! Frames: the header, the protocol states, the resume entry and the
//! trampoline that links awaiters to the frames they await.
//!
//! # Layout
//!
//! ```text
//! Frame<S, O, F>  (repr(C))
//! ┌──────────────────────────────┐
//! │ Header                       │  resume entry: unsafe fn(frame, action)
//! │                              │  link:  awaiter / innermost-frame word
//! │                              │  index: resume index (u32)
//! ├──────────────────────────────┤
//! │ slots: union                 │  the state tree S (args, or the values
//! │                              │  alive at suspension point k), or the
//! │                              │  output O once returned
//! ├──────────────────────────────┤
//! │ body: F (zero-sized closure) │  the generated state machine
//! └──────────────────────────────┘
//! ```
//!
//! # Resume index (`Header::index`)
//!
//! | value          | meaning                                           |
//! |----------------|---------------------------------------------------|
//! | 0              | not started; slots hold the arguments             |
//! | 1              | running                                           |
//! | k ≥ 2          | suspended at suspension point k - 1               |
//! | `POISONED`     | the body panicked; slots are empty                |
//! | `RETURNED`     | returned; slots hold the output                   |
//! | `RETURNED_EMPTY` | returned and the output was taken              |
//!
//! # Link word (`Header::link`)
//!
//! | value      | meaning                                                |
//! |------------|--------------------------------------------------------|
//! | 0          | nobody awaits this frame; it is its own innermost frame|
//! | 1          | returned                                               |
//! | `P`        | frame `P` awaits this frame                            |
//! | `P \| 1`   | this frame is the outermost of a chain suspended in an |
//! |            | await, and `P` is the innermost suspended frame        |
//!
//! Headers are at least 4-aligned, so the low bit is free for the tag and no
//! pointer is below 4.

use core::cell::UnsafeCell;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::MaybeUninit;
use core::pin::Pin;
use core::ptr::{self, NonNull};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

use crate::slots::{At, Awaiting, Slots, Tree};
use crate::{Coroutine, Status};

/// Values of the resume index.
pub(crate) mod index {
    pub const UNSTARTED: u32 = 0;
    pub const RUNNING: u32 = 1;
    pub const FIRST_SUSPENDED: u32 = 2;
    pub const POISONED: u32 = u32::MAX - 2;
    pub const RETURNED_EMPTY: u32 = u32::MAX - 1;
    pub const RETURNED: u32 = u32::MAX;
    /// No index chosen yet (internal to one resume).
    pub const NONE: u32 = RUNNING;

    /// The resume index of the state stored at tree position `pos`.
    pub const fn of_pos(pos: usize) -> u32 {
        if pos == 0 { UNSTARTED } else { pos as u32 + 1 }
    }

    /// The tree position of the state a resume index names.
    pub const fn pos(index: u32) -> usize {
        if index == UNSTARTED {
            0
        } else {
            (index - 1) as usize
        }
    }

    pub const fn is_suspended(index: u32) -> bool {
        index == UNSTARTED || (index >= FIRST_SUSPENDED && index < POISONED)
    }
}

/// Values of the link word.
pub(crate) mod link {
    pub const NONE: usize = 0;
    pub const RETURNED: usize = 1;
    pub const LEAF_TAG: usize = 1;
    /// Smallest value that is a pointer.
    pub const MIN_PTR: usize = 4;
}

pub(crate) const MSG_RUNNING: &str = "resumed a non-suspended coroutine";
pub(crate) const MSG_RETURNED: &str = "resumed a coroutine which already returned";
pub(crate) const MSG_POISONED: &str = "resumed a coroutine after it panicked";

/// What the resume entry is asked to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Action {
    /// Run the body from the current resume index.
    Resume,
    /// Drop the state in place and mark the frame poisoned: a frame this
    /// one awaits panicked.
    Poison,
}

/// What one run of a frame's body ended with, as the trampoline sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum RawStep {
    Suspended,
    Returned,
    /// The frame started awaiting this child; run it.
    Await(NonNull<Header>),
    /// Run the same frame again at once (it awaits a coroutine without a
    /// header, which it drives itself).
    Continue,
}

/// The header every frame starts with. The runtime reads it without knowing
/// the frame's function.
#[repr(C)]
pub struct Header {
    resume: unsafe fn(NonNull<Header>, Action) -> RawStep,
    link: AtomicUsize,
    index: AtomicU32,
}

impl Header {
    /// Marks the frame running if it may be resumed; returns the index it was
    /// suspended at. Panics with the guard messages otherwise.
    fn enter(&self) -> u32 {
        let mut current = self.index.load(Ordering::Relaxed);
        loop {
            check_resumable(current);
            match self.index.compare_exchange_weak(
                current,
                index::RUNNING,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return current,
                Err(now) => current = now,
            }
        }
    }
}

#[track_caller]
fn check_resumable(index: u32) {
    match index {
        index::RUNNING => panic!("{}", MSG_RUNNING),
        index::RETURNED | index::RETURNED_EMPTY => panic!("{}", MSG_RETURNED),
        index::POISONED => panic!("{}", MSG_POISONED),
        _ => {}
    }
}

/// A reference to the header of a pinned frame, handed out by
/// [`Coroutine::__frame`]. Only the runtime can create one.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct FrameRef<'a> {
    header: NonNull<Header>,
    _borrow: PhantomData<&'a Header>,
}

/// Proof that the caller is the runtime; see [`Coroutine::__frame`].
#[doc(hidden)]
pub struct Token(());

/// The result of one run of a generated body. Generated code obtains the
/// non-returning variants only through [`Resume`]'s checked operations.
#[doc(hidden)]
pub struct Step<O>(StepKind<O>);

enum StepKind<O> {
    Suspended,
    Await(NonNull<Header>),
    Continue,
    Return(O),
}

/// The body returned `value`.
#[doc(hidden)]
#[inline(always)]
pub fn ret<O>(value: O) -> Step<O> {
    Step(StepKind::Return(value))
}

/// The checked window through which a generated body reads and writes its
/// frame during one run.
///
/// Every operation checks that it matches the frame's state, so the body
/// (which is safe code) cannot read a state that is not stored, overwrite one
/// that is, or move a child frame while it is pinned. A mismatch is a bug in
/// the transform and panics.
#[doc(hidden)]
pub struct Resume<'a, S: Tree, O> {
    header: NonNull<Header>,
    slots: *mut Slots<S, O>,
    /// The index the frame was suspended at when this run began.
    prev: u32,
    /// Whether the tree currently holds no state.
    vacant: bool,
    /// The index the frame will be at when this run ends.
    next: u32,
    /// Set when the body returned normally.
    finished: bool,
    _borrow: PhantomData<&'a mut Slots<S, O>>,
}

#[cold]
#[inline(never)]
#[track_caller]
fn transform_bug() -> ! {
    panic!("coro: generated state machine is out of step with its frame (a bug in #[coroutine])")
}

impl<S: Tree, O> Resume<'_, S, O> {
    /// The resume index this run started from; the body dispatches on it.
    #[inline(always)]
    pub fn state(&self) -> u32 {
        self.prev
    }

    /// Moves the stored state at path `P` out of the frame.
    #[inline(always)]
    pub fn take<P>(&mut self) -> <S as At<P>>::Out
    where
        S: At<P>,
    {
        if self.prev != index::of_pos(<S as At<P>>::POS) || self.vacant {
            transform_bug()
        }
        self.vacant = true;
        // SAFETY: the frame was suspended at this leaf's index, so the leaf
        // holds an initialized payload; `vacant` records that it was moved
        // out, so it is neither read nor dropped again.
        unsafe { <S as At<P>>::leaf(Slots::states(self.slots)).read() }
    }

    /// Stores `values` as the state at path `P` and suspends there.
    #[inline(always)]
    pub fn suspend<P>(&mut self, values: <S as At<P>>::Out) -> Step<O>
    where
        S: At<P>,
    {
        self.store::<P>(values);
        Step(StepKind::Suspended)
    }

    #[inline(always)]
    fn store<P>(&mut self, values: <S as At<P>>::Out) -> *mut <S as At<P>>::Out
    where
        S: At<P>,
    {
        if !self.vacant || self.next != index::NONE {
            transform_bug()
        }
        // SAFETY: the tree is vacant, so writing a leaf overwrites nothing
        // that needs dropping; from now on the leaf is the stored state.
        let leaf = unsafe { <S as At<P>>::leaf(Slots::states(self.slots)) };
        // SAFETY: `leaf` points into the frame, valid for writes.
        unsafe { leaf.write(values) };
        self.vacant = false;
        self.next = index::of_pos(<S as At<P>>::POS);
        leaf
    }

    /// Stores `child` and `values` as the state at path `P`, and starts
    /// awaiting `child`: the trampoline runs it next, and this body runs
    /// again (from the same state) once it has returned.
    #[inline(always)]
    pub fn await_<P, C, V>(&mut self, child: C, values: V) -> Step<O>
    where
        S: At<P, Out = Awaiting<C, V>>,
        C: Coroutine,
    {
        let leaf = self.store::<P>(Awaiting { child, values });
        // SAFETY: the child lives in the frame, which is pinned, and stays at
        // this address until `finish_await` drops it in place (or the frame
        // drops it while dropping its state): it is never moved again.
        let child = unsafe { Pin::new_unchecked(&mut (*leaf).child) };
        match child.__frame(Token(())) {
            Some(frame) => Step(StepKind::Await(frame.header)),
            None => Step(StepKind::Continue),
        }
    }

    /// Finishes the await stored at path `P`: takes the child's output,
    /// drops the child in place and moves the awaiter's values out.
    ///
    /// A child without a header (a hand-written [`Coroutine`]) is resumed
    /// here; while it is suspended this returns `Err` with the step the body
    /// must return.
    #[inline(always)]
    pub fn finish_await<P, C, V>(&mut self) -> Result<(C::Output, V), Step<O>>
    where
        S: At<P, Out = Awaiting<C, V>>,
        C: Coroutine,
    {
        if self.prev != index::of_pos(<S as At<P>>::POS) || self.vacant {
            transform_bug()
        }
        // SAFETY: the frame is suspended at this leaf, so it holds an
        // initialized `Awaiting`; the child in it is pinned (see `await_`).
        let leaf = unsafe { <S as At<P>>::leaf(Slots::states(self.slots)) };
        // SAFETY: as above.
        let mut child = unsafe { Pin::new_unchecked(&mut (*leaf).child) };
        let output = match child.as_mut().take_output() {
            Some(output) => output,
            None => {
                if child.is_returned() {
                    panic!("{}", crate::MSG_AWAITED_TWICE);
                }
                // If the child panics, our drop guard drops the whole leaf.
                match child.as_mut().resume() {
                    Status::Suspended => {
                        self.next = self.prev;
                        return Err(Step(StepKind::Suspended));
                    }
                    Status::Returned => match child.take_output() {
                        Some(output) => output,
                        None => panic!("{}", crate::MSG_AWAITED_TWICE),
                    },
                }
            }
        };
        // SAFETY: the values are initialized; we move them out and mark the
        // tree vacant before dropping the child, so a panic in the child's
        // drop neither loses nor double-drops them.
        let values = unsafe { ptr::read(&(*leaf).values) };
        self.vacant = true;
        // SAFETY: the child is dropped in place, where it was pinned, and
        // never touched again.
        unsafe { ptr::drop_in_place(&mut (*leaf).child) };
        Ok((output, values))
    }
}

impl<S: Tree, O> Drop for Resume<'_, S, O> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // The body is unwinding: drop whatever state the frame still holds
        // and poison it.
        // SAFETY: `header` points at the live frame this run belongs to.
        let header = unsafe { self.header.as_ref() };
        header.index.store(index::POISONED, Ordering::Release);
        if !self.vacant {
            let stored = if self.next != index::NONE {
                self.next
            } else {
                self.prev
            };
            self.vacant = true;
            // SAFETY: the tree holds exactly the state `stored` names.
            unsafe { S::drop_at(Slots::states(self.slots), index::pos(stored)) };
        }
    }
}

/// A frame: the header, the state storage and the body that runs on it.
///
/// This is the type a `#[coroutine]` fn returns (behind
/// `impl Coroutine<Output = O>`). It does nothing until resumed.
#[doc(hidden)]
#[repr(C)]
#[must_use = "a coroutine does nothing unless it is resumed"]
pub struct Frame<S: Tree, O, F> {
    header: Header,
    slots: UnsafeCell<MaybeUninit<Slots<S, O>>>,
    body: F,
    _pinned: PhantomPinned,
}

// SAFETY: a frame owns its states and output; moving it to another thread
// moves them. The header's pointers only ever point into frames this frame
// owns (its awaited children) or that own it, which move with it. The body
// closure captures nothing.
unsafe impl<S: Tree + Send, O: Send, F: Send> Send for Frame<S, O, F> {}
// SAFETY: through `&Frame` one can only read the header's atomics
// (`is_returned`); nothing of `S` or `O` is reachable.
unsafe impl<S: Tree + Send, O: Send, F: Sync> Sync for Frame<S, O, F> {}

impl<S: Tree, O, F> Frame<S, O, F>
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    /// A new frame holding `args` as its unstarted state (path `P` must be
    /// the first leaf), running `body` when resumed.
    #[inline(always)]
    pub fn new<P>(args: <S as At<P>>::Out, body: F) -> Self
    where
        S: At<P>,
    {
        const { assert!(core::mem::size_of::<F>() == 0) };
        if <S as At<P>>::POS != 0 {
            transform_bug()
        }
        let mut slots = MaybeUninit::<Slots<S, O>>::uninit();
        // SAFETY: leaf 0 of a fresh union; the resume index 0 records that it
        // is the stored state.
        unsafe { <S as At<P>>::leaf(Slots::states(slots.as_mut_ptr())).write(args) };
        Frame {
            header: Header {
                resume: resume_entry::<S, O, F>,
                link: AtomicUsize::new(link::NONE),
                index: AtomicU32::new(index::UNSTARTED),
            },
            slots: UnsafeCell::new(slots),
            body,
            _pinned: PhantomPinned,
        }
    }
}

impl<S: Tree, O, F> Frame<S, O, F> {
    fn header_ptr(self: Pin<&mut Self>) -> NonNull<Header> {
        // SAFETY: we only take the address; nothing is moved. The pointer is
        // derived from the whole frame, so the entry can cast it back.
        let frame: *mut Self = unsafe { self.get_unchecked_mut() };
        // SAFETY: `frame` is non-null; the header is the first field of a
        // `repr(C)` struct.
        unsafe { NonNull::new_unchecked(frame.cast::<Header>()) }
    }

    fn slots_ptr(frame: *mut Self) -> *mut Slots<S, O> {
        UnsafeCell::raw_get(unsafe { ptr::addr_of!((*frame).slots) }).cast()
    }
}

/// The type-erased resume entry of every `Frame<S, O, F>`: what the header's
/// `resume` word points to.
///
/// # Safety
///
/// `header` must point to the header of a live, pinned `Frame<S, O, F>`,
/// and the caller must have the right to run it (the guard in `enter` then
/// decides whether it may).
unsafe fn resume_entry<S: Tree, O, F>(header: NonNull<Header>, action: Action) -> RawStep
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    let frame = header.cast::<Frame<S, O, F>>().as_ptr();
    let slots = Frame::slots_ptr(frame);
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { &(*frame).header };
    match action {
        Action::Resume => {
            let prev = head.enter();
            let mut cx = Resume {
                header,
                slots,
                prev,
                vacant: false,
                next: index::NONE,
                finished: false,
                _borrow: PhantomData,
            };
            // SAFETY: the body is a zero-sized closure stored in the frame.
            let body = unsafe { &(*frame).body };
            let step = body(&mut cx);
            cx.finished = true;
            match step.0 {
                StepKind::Suspended => {
                    if cx.vacant || cx.next == index::NONE {
                        transform_bug()
                    }
                    head.index.store(cx.next, Ordering::Release);
                    RawStep::Suspended
                }
                StepKind::Continue => {
                    head.index.store(cx.next, Ordering::Release);
                    RawStep::Continue
                }
                StepKind::Await(child) => {
                    head.index.store(cx.next, Ordering::Release);
                    RawStep::Await(child)
                }
                StepKind::Return(output) => {
                    if !cx.vacant {
                        transform_bug()
                    }
                    // SAFETY: the tree is vacant; the output takes its place.
                    unsafe { Slots::output(slots).write(output) };
                    head.index.store(index::RETURNED, Ordering::Release);
                    RawStep::Returned
                }
            }
        }
        Action::Poison => {
            let current = head.index.load(Ordering::Acquire);
            if index::is_suspended(current) {
                // SAFETY: a suspended frame stores exactly the state its
                // index names; after dropping it the frame is marked empty.
                unsafe { S::drop_at(Slots::states(slots), index::pos(current)) };
            }
            head.index.store(index::POISONED, Ordering::Release);
            RawStep::Returned
        }
    }
}

impl<S: Tree, O, F> Drop for Frame<S, O, F> {
    fn drop(&mut self) {
        let current = *self.header.index.get_mut();
        let slots = Self::slots_ptr(self);
        // SAFETY: the resume index says which part of the union is
        // initialized; we drop exactly that, once.
        unsafe {
            if index::is_suspended(current) {
                S::drop_at(Slots::states(slots), index::pos(current));
            } else if current == index::RETURNED {
                ptr::drop_in_place(Slots::output(slots));
            }
        }
    }
}

impl<S: Tree, O, F> Coroutine for Frame<S, O, F>
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    type Output = O;

    fn resume(self: Pin<&mut Self>) -> Status {
        let header = self.header_ptr();
        // SAFETY: the frame is pinned and we hold the only `&mut` to it; its
        // children live inside it.
        unsafe { resume_chain(header) }
    }

    fn take_output(self: Pin<&mut Self>) -> Option<O> {
        let frame: *mut Self = unsafe { self.get_unchecked_mut() };
        // SAFETY: `frame` comes from a live `&mut`.
        let head = unsafe { &(*frame).header };
        match head.index.compare_exchange(
            index::RETURNED,
            index::RETURNED_EMPTY,
            Ordering::Acquire,
            Ordering::Relaxed,
        ) {
            // SAFETY: a returned frame's union holds the output; the index
            // now records that it was moved out.
            Ok(_) => Some(unsafe { Slots::output(Self::slots_ptr(frame)).read() }),
            Err(_) => None,
        }
    }

    fn is_returned(&self) -> bool {
        matches!(
            self.header.index.load(Ordering::Acquire),
            index::RETURNED | index::RETURNED_EMPTY
        )
    }

    fn __frame(self: Pin<&mut Self>, _: Token) -> Option<FrameRef<'_>> {
        Some(FrameRef {
            header: self.header_ptr(),
            _borrow: PhantomData,
        })
    }
}

/// Resumes the await chain whose outermost frame is `root`: continues the
/// innermost suspended frame directly, and runs the trampoline until some
/// frame suspends or `root` returns.
///
/// # Safety
///
/// `root` must be the header of a live, pinned frame that the caller may
/// resume (it holds `Pin<&mut>` to it, or a handle with that right).
pub(crate) unsafe fn resume_chain(root: NonNull<Header>) -> Status {
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { root.as_ref() };
    check_resumable(head.index.load(Ordering::Acquire));
    let word = head.link.load(Ordering::Acquire);
    let start = if word >= link::MIN_PTR && word & link::LEAF_TAG != 0 {
        // SAFETY: a leaf pointer is stored only while the chain below `root`
        // is suspended, and that chain lives inside `root`.
        unsafe { NonNull::new_unchecked((word & !link::LEAF_TAG) as *mut Header) }
    } else {
        root
    };
    // SAFETY: `start` is `root` or a frame inside it.
    unsafe { trampoline(start, root) }
}

/// On unwinding out of a frame's body, poisons the frames that await it, up
/// to the root of the resume, dropping their states as rustc's unwinding
/// would drop the locals of every `poll` on the stack.
struct Unwind {
    current: NonNull<Header>,
    root: NonNull<Header>,
}

impl Drop for Unwind {
    fn drop(&mut self) {
        let mut frame = self.current;
        while frame != self.root {
            // SAFETY: frames on the chain between the current one and the
            // root are live: each contains the next.
            let word = unsafe { frame.as_ref() }.link.load(Ordering::Acquire);
            if word < link::MIN_PTR || word & link::LEAF_TAG != 0 {
                break;
            }
            let awaiter = word as *mut Header;
            // SAFETY: as above; `Action::Poison` drops the awaiter's state
            // (including the poisoned child) in place.
            frame = unsafe { NonNull::new_unchecked(awaiter) };
            unsafe { (frame.as_ref().resume)(frame, Action::Poison) };
        }
        // SAFETY: the root is live.
        unsafe { self.root.as_ref() }
            .link
            .store(link::NONE, Ordering::Release);
    }
}

/// Runs frames starting at `current` until one suspends or `root` returns.
/// Returns and awaits do not nest native calls, so chains of any depth run
/// in constant stack.
///
/// # Safety
///
/// As for [`resume_chain`]; `current` is `root` or a frame inside it.
unsafe fn trampoline(mut current: NonNull<Header>, root: NonNull<Header>) -> Status {
    let mut unwind = Unwind { current, root };
    loop {
        unwind.current = current;
        // SAFETY: `current` is live (see the loop invariants below).
        let head = unsafe { current.as_ref() };
        // SAFETY: the header's entry matches its frame.
        match unsafe { (head.resume)(current, Action::Resume) } {
            RawStep::Suspended => {
                let word = if current == root {
                    link::NONE
                } else {
                    current.as_ptr() as usize | link::LEAF_TAG
                };
                // SAFETY: the root is live.
                unsafe { root.as_ref() }.link.store(word, Ordering::Release);
                core::mem::forget(unwind);
                return Status::Suspended;
            }
            RawStep::Continue => {}
            RawStep::Await(child) => {
                // SAFETY: the child was just stored inside `current`.
                unsafe { child.as_ref() }
                    .link
                    .store(current.as_ptr() as usize, Ordering::Release);
                current = child;
            }
            RawStep::Returned => {
                if current == root {
                    head.link.store(link::RETURNED, Ordering::Release);
                    core::mem::forget(unwind);
                    return Status::Returned;
                }
                let word = head.link.swap(link::RETURNED, Ordering::AcqRel);
                if word < link::MIN_PTR || word & link::LEAF_TAG != 0 {
                    // A frame inside the root always has an awaiter.
                    transform_bug()
                }
                // SAFETY: the awaiter contains `current`, so it is live; it
                // is suspended in this await and continues from it.
                current = unsafe { NonNull::new_unchecked(word as *mut Header) };
            }
        }
    }
}
