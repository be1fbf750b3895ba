//! In-place frames: the storage of the in-place lowering
//! (`#[coroutine]`, see docs/how-it-works.md).
//!
//! # Layout
//!
//! ```text
//! InFrame<F>  (repr(C))
//! ┌──────────────────────────────┐
//! │ Header (32 bytes on 64-bit)  │  the same header and protocol as `Frame`
//! ├──────────────────────────────┤
//! │ storage: S                   │  `([bool; N], Lives<(args), (T1, ..), O>)`
//! │                              │  (`F::Slots`, see [`Body`]): a drop flag
//! │                              │  per slot, and one union for the
//! │                              │  arguments, then the other slots (one
//! │                              │  per value that lives across a
//! │                              │  suspension point, each at one address
//! │                              │  for its whole life), then the output O
//! ├──────────────────────────────┤
//! │ body: F (zero-sized closure) │  the generated state machine
//! └──────────────────────────────┘
//! ```
//!
//! A generator's `S` has its `GenIo` first: `(ManuallyDrop<GenIo>, S)`.
//! The runtime looks into `S` only to find the output ([`States`]): the
//! body knows which slots hold a value (their drop flags) and drops them
//! itself when it is called with the target [`DROP`]. So one body serves
//! for running, for dropping a suspended frame, and for cleaning up after
//! a panic.
//!
//! # States
//!
//! The resume index is the header's, as for `Frame`: 0 not started, `k + 2`
//! suspended at point k (with the await bit when point k awaits a child),
//! then the final values. The body reads the point it resumes at with
//! [`Cx::target`], without the await bit.

use core::cell::UnsafeCell;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::{self, ManuallyDrop};
use core::pin::Pin;
use core::ptr::{self, NonNull};

use crate::chain;
use crate::frame::{FrameRef, SelfFrame, Step, StepKind, run_suspend_block, transform_bug};
use crate::generator::GenIo;
use crate::header::{Action, Header, MSG_AWAITED_TWICE, RawStep, RunCell, awaiter, flags, index};
use crate::sync::Ordering;
use crate::{Coroutine, Status};

/// The target the body is called with to drop every value its frame holds
/// (the frame is dropped while suspended, or a panic left the body).
pub const DROP: u32 = u32::MAX;

/// Nothing stored yet in this run.
const NO_STATE: u32 = index::RUNNING;

/// What the generated body of an in-place frame works through during one
/// call: which point it resumes at, where its slots are, and the operations
/// that end the call (suspend, await).
///
/// The body closure is given the untyped `Cx<'_, (), ()>` (so that its
/// type does not name its own slots) and takes the typed view with
/// [`Cx::typed`]. `repr(C)`: the views differ only in the phantom types.
#[doc(hidden)]
#[repr(C)]
pub struct Cx<'a, S, O> {
    header: NonNull<Header>,
    slots: *mut S,
    /// The run this call belongs to (`None` when dropping).
    run: Option<&'a RunCell>,
    /// The point to resume at (`k + 2`), 0 to start, or [`DROP`].
    target: u32,
    /// The resume index this call ends at.
    next: u32,
    /// The call ended normally, or a suspend block published the frame: no
    /// cleanup if it unwinds from here on.
    finished: bool,
    /// Drops every value the frame holds (the body, called with [`DROP`]).
    drop_live: unsafe fn(NonNull<Header>),
    _types: PhantomData<fn() -> O>,
}

impl<'a> Cx<'a, (), ()> {
    /// The typed view of the context, for a body whose slots are `S` and
    /// whose output is `O`: the types its return type names.
    #[inline(always)]
    pub fn typed<S, O>(&mut self) -> &mut Cx<'a, S, O> {
        // SAFETY: `Cx` is `repr(C)` and its type parameters appear only
        // behind a thin raw pointer (`S: Sized`) and in `PhantomData`, so
        // both views have one layout. The pointer keeps the borrow's
        // provenance and lifetime.
        unsafe { &mut *(self as *mut Self).cast::<Cx<'a, S, O>>() }
    }
}

impl<S, O> Cx<'_, S, O> {
    /// Never called: a body returns this from an `if false` branch before
    /// it reaches its slots, so that rustc learns the view's types from the
    /// body's return type (known from [`shape`]) first.
    #[inline(always)]
    pub fn types(&self) -> BodyStep<S, O> {
        transform_bug()
    }

    /// The body returned `value`.
    #[inline(always)]
    pub fn ret(&self, value: O) -> BodyStep<S, O> {
        BodyStep::new(Step(StepKind::Return(value)))
    }

    /// The point this call resumes at (`k + 2` for point k, without the
    /// await bit), 0 for the first call, or [`DROP`].
    #[inline(always)]
    pub fn target(&self) -> u32 {
        self.target
    }

    /// The frame's slots (`S`), pinned: valid for the whole life of the
    /// frame, at the same address.
    #[inline(always)]
    pub fn slots(&self) -> *mut S {
        self.slots
    }

    /// Ends the call suspended at `index` (`k + 2`).
    #[inline(always)]
    pub fn suspend(&mut self, index: u32) -> BodyStep<S, O> {
        self.set_next(index);
        BodyStep::new(Step(StepKind::Suspended))
    }

    #[inline(always)]
    fn set_next(&mut self, index: u32) {
        let state = index & !index::AWAIT;
        if !(2..index::RUNNING).contains(&state) || self.next != NO_STATE || self.run.is_none() {
            transform_bug()
        }
        self.next = index;
    }

    /// Ends the call suspended at `index`, then runs `block` with a handle
    /// to the frame, as `Resume::suspend_with` does.
    #[inline(always)]
    pub fn suspend_with<B>(&mut self, index: u32, block: B) -> BodyStep<S, O>
    where
        B: for<'b> FnOnce(SelfFrame<'b, S, O>),
    {
        self.set_next(index);
        self.finished = true;
        let Some(run) = self.run else { transform_bug() };
        // SAFETY: this frame is the run's running frame; its slots hold
        // the values of point `index`, which the body left there.
        unsafe { run_suspend_block(run, self.header, index, block) };
        BodyStep::new(Step(StepKind::Blocked))
    }

    /// Gives a suspend block its type.
    #[inline(always)]
    pub fn block<B>(&self, block: B) -> B
    where
        B: for<'b> FnOnce(SelfFrame<'b, S, O>),
    {
        block
    }

    /// Starts awaiting `child` at `index` (`k + 2`). A child with a header
    /// (a frame) is run by the trampoline: this gives the step that ends
    /// the call, and the body is called again with the same target once
    /// the child has returned. A child without one (a channel operation, a
    /// future) is resumed by the body itself, right away: `None`, and the
    /// body goes on to [`finish_await`](Self::finish_await).
    ///
    /// # Safety
    ///
    /// `child` points to an initialized coroutine in one of this frame's
    /// slots, which stays there, untouched, until [`finish_await`]
    /// (Self::finish_await) has taken its output, or until the frame drops
    /// it.
    #[inline(always)]
    pub unsafe fn await_<C: Coroutine>(
        &mut self,
        index: u32,
        child: *mut C,
    ) -> Option<BodyStep<S, O>> {
        // SAFETY: the child is in the pinned frame and is not moved until
        // it is dropped in place (the caller's contract).
        let child = unsafe { Pin::new_unchecked(&*child) };
        let frame = child.__frame(crate::Token(()))?;
        self.set_next(index | index::AWAIT);
        Some(BodyStep::new(Step(StepKind::Await(
            frame.header,
            frame.owned,
        ))))
    }

    /// The output of the child awaited at `index` (`k + 2`); a child
    /// without a header is resumed here, and while it is suspended this
    /// returns `Err` with the step the body must return. The child stays in
    /// its slot: the body drops it.
    ///
    /// # Safety
    ///
    /// `child` is the child [`await_`](Self::await_) was given for
    /// `index`, still in its slot.
    #[inline(always)]
    pub unsafe fn finish_await<C: Coroutine>(
        &mut self,
        index: u32,
        child: *mut C,
    ) -> Result<C::Output, BodyStep<S, O>> {
        // SAFETY: pinned in the frame (the caller's contract).
        let mut child = unsafe { Pin::new_unchecked(&mut *child) };
        if let Some(output) = child.as_mut().take_output() {
            return Ok(output);
        }
        if child.is_returned() {
            panic!("{}", MSG_AWAITED_TWICE);
        }
        match child.as_mut().resume() {
            Status::Suspended => {
                self.set_next(index | index::AWAIT);
                Err(BodyStep::new(Step(StepKind::Suspended)))
            }
            Status::Returned => match child.take_output() {
                Some(output) => Ok(output),
                None => panic!("{}", MSG_AWAITED_TWICE),
            },
        }
    }

    /// What the body returns after dropping its values ([`DROP`]).
    #[inline(always)]
    pub fn dropped(&mut self) -> BodyStep<S, O> {
        BodyStep::new(Step(StepKind::Blocked))
    }
}

impl<S, O> Drop for Cx<'_, S, O> {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // The body is unwinding. Its scopes dropped the values they
        // declared; drop whatever the frame still holds (an awaited child,
        // a spilled operand) and poison it.
        self.finished = true;
        // SAFETY: the frame is live; the body keeps its drop flags exact at
        // every instant (for the slots whose type has drop glue; the others
        // have nothing to drop), so this drops exactly what is still there.
        unsafe { (self.drop_live)(self.header) };
        // SAFETY: as above.
        unsafe { self.header.as_ref() }
            .index
            .store(index::POISONED, Ordering::Release);
    }
}

/// What a body returns: the step that ends the call, typed with the body's
/// slots `S` (the only place its closure type names them, see [`Body`]).
#[doc(hidden)]
pub struct BodyStep<S, O>(Step<O>, PhantomData<fn() -> S>);

impl<S, O> BodyStep<S, O> {
    #[inline(always)]
    fn new(step: Step<O>) -> Self {
        BodyStep(step, PhantomData)
    }
}

/// The generated state machine of a frame: a closure from the untyped
/// context to a [`BodyStep`] that names the frame's slots and output.
///
/// [`InFrame`] is generic over its body alone and finds the slots' type
/// here. Were the slots also a parameter of `InFrame`, they would be named
/// twice in its type (directly and in the closure's signature), and a
/// child's frame type, part of its parent's slots, twice at every level of
/// an await chain: types twice the size at each level, which rustc walks
/// in exponential time (a chain of 20 coroutines took 36 s to build).
#[doc(hidden)]
pub trait Body {
    /// The frame's slots (the arguments and every value that lives across a
    /// suspension point), with their drop flags, and where the output goes.
    type Slots: States<Out = Self::Out>;
    /// The body's output.
    type Out;
    /// Runs the body once.
    fn call(&self, cx: &mut Cx<'_, (), ()>) -> Step<Self::Out>;
}

impl<S, O, F> Body for F
where
    F: Fn(&mut Cx<'_, (), ()>) -> BodyStep<S, O>,
    S: States<Out = O>,
{
    type Slots = S;
    type Out = O;

    #[inline(always)]
    fn call(&self, cx: &mut Cx<'_, (), ()>) -> Step<O> {
        self(cx).0
    }
}

/// A frame of the in-place lowering. It does nothing until resumed.
#[doc(hidden)]
#[repr(C)]
#[must_use = "a coroutine does nothing unless it is resumed"]
pub struct InFrame<F: Body, const I: bool> {
    header: Header,
    /// The slots, and the output once returned (in the slots' [`Lives`]).
    /// Nothing in them has drop glue (`new` checks it): the body drops
    /// what the slots hold, as their flags say, and the frame its output.
    storage: UnsafeCell<F::Slots>,
    body: F,
    #[cfg(coro_loom)]
    access: loom::cell::UnsafeCell<()>,
    _pinned: PhantomPinned,
}

// SAFETY: a frame owns the values in its slots and its output; moving it to
// another thread moves them (values that borrow other slots move with
// them). The header's pointers only point into frames this frame owns or
// that own it. The body captures nothing.
unsafe impl<F: Body + Send, const I: bool> Send for InFrame<F, I>
where
    F::Slots: Send,
    F::Out: Send,
{
}
// SAFETY: as for `Frame`: through `&InFrame` one can only resume the frame
// through a handle, under the lock, which needs the values to be `Send`.
unsafe impl<F: Body + Sync, const I: bool> Sync for InFrame<F, I>
where
    F::Slots: Send,
    F::Out: Send,
{
}

impl<F: Body, const I: bool> InFrame<F, I> {
    /// A new frame whose slots start as `slots` (the arguments in theirs,
    /// with their flags set), running `body` when resumed.
    ///
    /// # Safety
    ///
    /// `body` is the state machine `#[coroutine]` generates for
    /// these slots: it keeps the drop flag exact of every slot whose type
    /// has drop glue (through the slot functions), drops exactly the
    /// flagged slots when called with [`DROP`], resumes only at points it
    /// suspended at, and gives `await_` only children stored in its slots.
    #[inline(always)]
    pub unsafe fn new(slots: F::Slots, body: F) -> Self {
        const { assert!(core::mem::size_of::<F>() == 0) };
        const { assert!(!core::mem::needs_drop::<F::Slots>()) };
        InFrame {
            header: Header::new(entry::<F, I>),
            storage: UnsafeCell::new(slots),
            body,
            #[cfg(coro_loom)]
            access: loom::cell::UnsafeCell::new(()),
            _pinned: PhantomPinned,
        }
    }
}

impl<F: Body, const I: bool> InFrame<F, I> {
    fn header_ptr(self: Pin<&Self>) -> NonNull<Header> {
        // The header is the first field of a `repr(C)` struct.
        NonNull::from(self.get_ref()).cast()
    }

    fn states(frame: *const Self) -> *mut F::Slots {
        // SAFETY: only an address is computed.
        unsafe { UnsafeCell::raw_get(ptr::addr_of!((*frame).storage)) }
    }

    fn output(frame: *const Self) -> *mut F::Out {
        // SAFETY: the address of the slots of the frame at `frame`, which
        // its callers pass live; only an address is computed.
        unsafe { <F::Slots as States>::output(Self::states(frame)) }
    }
}

/// The resume entry of every `InFrame<S, O, F>`: the header's `resume`.
///
/// # Safety
///
/// `header` is the header of a live, pinned `InFrame<F, I>`, and the
/// action's conditions hold (see [`Action`]).
unsafe fn entry<F: Body, const I: bool>(header: NonNull<Header>, action: Action<'_>) -> RawStep {
    // SAFETY: as the caller guarantees.
    unsafe {
        match action {
            Action::Run { prev, run } => run_body::<F, I>(header, prev, Some(run)),
            Action::Poison(stored) => {
                let head = header.as_ref();
                let current = stored.unwrap_or_else(|| head.index.load(Ordering::Acquire));
                if index::holds_state(current) {
                    drop_live::<F, I>(header);
                }
                head.index.store(index::POISONED, Ordering::Release);
                RawStep::Returned
            }
            Action::TakeOutput(slot) => take_output::<F, I>(header, slot),
        }
    }
}

/// Calls the body with [`DROP`]: it drops every value the frame holds.
///
/// # Safety
///
/// `header` is the header of a live `InFrame<F, I>` that holds a
/// state, not running.
unsafe fn drop_live<F: Body, const I: bool>(header: NonNull<Header>) {
    // SAFETY: as the caller guarantees. A small body (`I`) is inlined
    // here, where the target is the constant `DROP`: only its drop path is
    // left, and nothing at all when no slot's type has drop glue. A larger
    // one goes through the outlined body, which then keeps a single call
    // site, where it is inlined.
    let _ = unsafe { run_body::<F, I>(header, DROP, None) };
}

/// Moves the output into `*slot`, an `Option<O>`, if it is still there.
///
/// # Safety
///
/// As for [`entry`].
unsafe fn take_output<F: Body, const I: bool>(header: NonNull<Header>, slot: *mut ()) -> RawStep {
    let frame = header.cast::<InFrame<F, I>>().as_ptr() as *const InFrame<F, I>;
    // SAFETY: the frame is live.
    let head = unsafe { &(*frame).header };
    if head
        .index
        .compare_exchange(
            index::RETURNED,
            index::RETURNED_EMPTY,
            Ordering::Acquire,
            Ordering::Relaxed,
        )
        .is_ok()
    {
        // SAFETY: a returned frame's storage holds the output; the index now
        // records that it was moved out. The slot is an `Option<O>`.
        unsafe { *slot.cast::<Option<F::Out>>() = Some(InFrame::<F, I>::output(frame).read()) };
    }
    RawStep::Returned
}

/// Runs the body from state `prev`.
///
/// # Safety
///
/// As for [`entry`], with [`Action::Run`]'s conditions.
#[inline(always)]
unsafe fn run_body<F: Body, const I: bool>(
    header: NonNull<Header>,
    prev: u32,
    run: Option<&RunCell>,
) -> RawStep {
    if I {
        // SAFETY: as the caller guarantees.
        unsafe { run_body_inline::<F, I>(header, prev, run) }
    } else {
        // SAFETY: as the caller guarantees.
        unsafe { run_body_outlined::<F, I>(header, prev, run) }
    }
}

/// [`run_body`] for a larger body: one copy, called; also the only caller
/// of such a body (dropping goes through it too), so the body is inlined
/// here and a resume makes one call.
///
/// # Safety
///
/// As for [`run_body`].
#[inline(never)]
unsafe fn run_body_outlined<F: Body, const I: bool>(
    header: NonNull<Header>,
    prev: u32,
    run: Option<&RunCell>,
) -> RawStep {
    // SAFETY: as the caller guarantees.
    unsafe { run_body_inline::<F, I>(header, prev, run) }
}

/// The code of [`run_body`]: runs the body from state `prev` in `run`, or,
/// without a run, calls it with [`DROP`] (`prev` is then [`DROP`]).
///
/// # Safety
///
/// As for [`run_body`]; without a run, as for [`drop_live`].
#[inline(always)]
unsafe fn run_body_inline<F: Body, const I: bool>(
    header: NonNull<Header>,
    prev: u32,
    run: Option<&RunCell>,
) -> RawStep {
    let frame = header.cast::<InFrame<F, I>>().as_ptr() as *const InFrame<F, I>;
    #[cfg(coro_loom)]
    // SAFETY: the frame is live.
    unsafe { &(*frame).access }.with_mut(|_| ());
    let mut cx = Cx::<(), ()> {
        header,
        slots: InFrame::<F, I>::states(frame).cast(),
        run,
        target: if run.is_some() {
            index::state(prev) & !index::AWAIT
        } else {
            DROP
        },
        next: NO_STATE,
        // Dropping: no cleanup if a drop unwinds (the flags are cleared
        // before each drop, the rest leaks).
        finished: run.is_none(),
        drop_live: drop_live::<F, I>,
        _types: PhantomData,
    };
    // SAFETY: the body is a zero-sized closure in the live frame.
    let body = unsafe { &(*frame).body };
    let step = body.call(&mut cx);
    cx.finished = true;
    match step.0 {
        StepKind::Suspended => {
            if cx.next == NO_STATE {
                transform_bug()
            }
            RawStep::Suspended { index: cx.next }
        }
        StepKind::Blocked => RawStep::Blocked,
        StepKind::Await(child, owned) => RawStep::Await {
            child,
            owned,
            index: cx.next,
        },
        StepKind::Return(output) => {
            // SAFETY: the body returned, so every slot was dropped or moved
            // out: the output takes their place.
            unsafe { InFrame::<F, I>::output(frame).write(output) };
            // SAFETY: the frame is live.
            unsafe { &(*frame).header }
                .index
                .store(index::RETURNED, Ordering::Release);
            RawStep::Returned
        }
    }
}

impl<F: Body, const I: bool> Drop for InFrame<F, I> {
    fn drop(&mut self) {
        // A plain load through `&mut`: for a frame dropped where it was
        // made, unstarted, the optimizer sees the index, and the flags the
        // body's drop reads, as they were written, and the drop folds away.
        let current = crate::sync::load_owned(&mut self.header.index);
        if index::holds_state(current) {
            // SAFETY: the frame holds a state and is not running (we have
            // `&mut`). Called directly rather than through the header's
            // `resume` (the same function), so that it can be inlined.
            unsafe { drop_live::<F, I>(NonNull::from(&self.header)) };
        } else if current == index::RETURNED {
            // SAFETY: a returned frame holds its output, dropped once here.
            unsafe { ptr::drop_in_place(Self::output(self)) };
        }
    }
}

impl<F: Body, const I: bool> Coroutine for InFrame<F, I> {
    type Output = F::Out;

    #[track_caller]
    #[inline]
    fn resume(self: Pin<&mut Self>) -> Status {
        let header = self.as_ref().header_ptr();
        // SAFETY: the frame is pinned and we hold the only `&mut` to it.
        let fast = unsafe {
            if I {
                chain::resume_root_fast(
                    header,
                    #[inline(always)]
                    |run, frame, prev| run_body_inline::<F, I>(frame, prev, Some(run)),
                )
            } else {
                // The body is called: through the path that is not generic
                // (see `resume_root_fast_by`).
                chain::resume_root_fast_by(header, run_body_outlined::<F, I>)
            }
        };
        match fast {
            Some(status) => status,
            None => {
                self.header.forget_stale_awaiter();
                // SAFETY: as above.
                unsafe { chain::resume(header) }
            }
        }
    }

    fn take_output(self: Pin<&mut Self>) -> Option<F::Out> {
        let mut slot = None;
        let header = self.as_ref().header_ptr();
        // SAFETY: the frame is live; the slot is an `Option<O>`.
        unsafe { take_output::<F, I>(header, (&mut slot as *mut Option<F::Out>).cast()) };
        slot
    }

    fn is_returned(&self) -> bool {
        self.header.is_returned()
    }

    fn __frame(self: Pin<&Self>, _: crate::Token) -> Option<FrameRef<'_, F::Out>> {
        Some(FrameRef {
            header: self.header_ptr(),
            owned: true,
            structural: true,
            _borrow: PhantomData,
            _output: PhantomData,
        })
    }
}

/// Storage shared by slots whose lives never overlap (the slots of two
/// statements, or two `match` arms): `A`'s and `B`'s slots at the same
/// address. Never read as a whole; the body reaches the slots through
/// [`overlap_a`] and [`overlap_b`], and their drop flags say which hold a
/// value.
#[doc(hidden)]
pub union Overlap<A, B> {
    _a: ManuallyDrop<A>,
    _b: ManuallyDrop<B>,
}

// SAFETY: the impls rustc derives for the union (its fields are
// `ManuallyDrop<A>` and `ManuallyDrop<B>`), written out so that a `Send`
// or `Sync` error about a value in a slot goes from the slot's type
// straight to `Overlap`, without notes through `ManuallyDrop` and
// `MaybeDangling` (tests/ui/not_send_in_match_arm.rs).
unsafe impl<A: Send, B: Send> Send for Overlap<A, B> {}
// SAFETY: as above.
unsafe impl<A: Sync, B: Sync> Sync for Overlap<A, B> {}

/// The three lives of a frame's storage, one after the other: its
/// arguments (`A`, until the body starts and moves them into their
/// slots), its other slots (`R`, the tuple of [`Overlap`]s of
/// `docs/how-it-works.md`), and its output (`O`, once returned). One union
/// for the three, so that a frame's type reaches an awaited child's (in
/// `R`) through one union: each union costs rustc three levels of nested
/// layout queries (the union, a `ManuallyDrop`, the `MaybeDangling` in
/// it), and a static await chain declared from the root down fails when
/// they pass its recursion limit (docs/limitations.md, *Deep await
/// chains*).
#[doc(hidden)]
pub union Lives<A, R, O> {
    _args: ManuallyDrop<A>,
    _rest: ManuallyDrop<R>,
    _out: ManuallyDrop<O>,
}

// SAFETY: the impls rustc derives for the union, written out as for
// `Overlap`.
unsafe impl<A: Send, R: Send, O: Send> Send for Lives<A, R, O> {}
// SAFETY: as above.
unsafe impl<A: Sync, R: Sync, O: Sync> Sync for Lives<A, R, O> {}

/// [`Lives`] holding the arguments `a`.
#[doc(hidden)]
#[inline]
pub fn lives_with_args<A, R, O>(a: A) -> Lives<A, R, O> {
    Lives {
        _args: ManuallyDrop::new(a),
    }
}

/// The address of the arguments in a [`Lives`] (a union's fields are at
/// its address).
#[doc(hidden)]
#[inline]
pub fn lives_args<A, R, O>(p: *mut Lives<A, R, O>) -> *mut A {
    p.cast()
}

/// The address of the other slots in a [`Lives`].
#[doc(hidden)]
#[inline]
pub fn lives_rest<A, R, O>(p: *mut Lives<A, R, O>) -> *mut R {
    p.cast()
}

/// The slots of a frame as the runtime sees them: where the output goes
/// once the body returns. Implemented for the two shapes `#[coroutine]`
/// generates: `(flags, Lives<A, R, O>)`, and a generator's `GenIo` before
/// that.
#[doc(hidden)]
pub trait States {
    /// The output.
    type Out;
    /// The address of the output's storage in the slots at `p`.
    ///
    /// # Safety
    ///
    /// `p` points to slots of this type (in a live frame).
    unsafe fn output(p: *mut Self) -> *mut Self::Out;
}

impl<Fl, A, R, O> States for (Fl, Lives<A, R, O>) {
    type Out = O;

    #[inline(always)]
    unsafe fn output(p: *mut Self) -> *mut O {
        // SAFETY: `p` points to slots of this type (the caller's contract);
        // only an address is computed.
        unsafe { (&raw mut (*p).1).cast() }
    }
}

impl<Y, Rs, Fl, A, R, O> States for (ManuallyDrop<GenIo<Y, Rs>>, (Fl, Lives<A, R, O>)) {
    type Out = O;

    #[inline(always)]
    unsafe fn output(p: *mut Self) -> *mut O {
        // SAFETY: as above.
        unsafe { (&raw mut (*p).1.1).cast() }
    }
}

/// The address of the `A` side of an [`Overlap`] (a union's fields are at
/// its address).
#[doc(hidden)]
#[inline]
pub fn overlap_a<A, B>(p: *mut Overlap<A, B>) -> *mut A {
    p.cast()
}

/// The address of the `B` side of an [`Overlap`].
#[doc(hidden)]
#[inline]
pub fn overlap_b<A, B>(p: *mut Overlap<A, B>) -> *mut B {
    p.cast()
}

/// Drops the value in `slot` if its flag says it is there, and clears the
/// flag first (a panicking drop does not drop it twice).
///
/// The slot functions keep a flag only for a type whose drop does
/// something (`needs_drop`): for the others dropping is a no-op, so the
/// flag is never written nor read, and a resume spends nothing on it.
///
/// They are `#[inline]`, not `#[inline(always)]`: optimised, LLVM inlines
/// them anyway (a few instructions each; `benches/ratios` gives the same
/// figures); in a debug build, where only `inline(always)` is inlined,
/// every use is then a call to one copy per slot type instead of a copy of
/// the function, which saves rustc 3.7% of its instructions on a crate of
/// small coroutines (docs/benchmarks.md, *Compile time*).
///
/// # Safety
///
/// `flag` is `slot`'s drop flag, exact; both are valid.
#[doc(hidden)]
#[inline]
pub unsafe fn drop_slot<T>(slot: *mut T, flag: *mut bool) {
    // SAFETY: as the caller guarantees.
    unsafe {
        if mem::needs_drop::<T>() && *flag {
            *flag = false;
            ptr::drop_in_place(slot);
        }
    }
}

/// Drops what is left of a value in a slot after fields were moved out of
/// it: reads the value and forgets the fields whose flags (in the flag
/// array at `flags`) are set, clearing them, then drops the rest. Written
/// by the body, where the value's type is known (see [`move_field`]).
#[doc(hidden)]
pub type Rest<T> = unsafe fn(*mut T, *mut bool);

/// Moves the field at `field` out of the value in `slot` (`let a = s.x;`),
/// records that it was moved (`path_flag`) and how to drop what is left
/// (`rest`, in the slot at `rest_slot`, whose flag is `rest_flag`).
///
/// # Safety
///
/// `field` is a field of the value in `slot`, which holds a value; the
/// check copy accepted this move, so the field is not used again until it
/// is assigned (which clears `path_flag`, see [`write_field`]); `rest`
/// forgets exactly the fields with flags set, and `rest_slot`,
/// `rest_flag` and `path_flag` are the slot's companions.
#[doc(hidden)]
#[inline]
pub unsafe fn move_field<T, F>(
    _slot: *mut T,
    rest_slot: *mut Rest<T>,
    rest_flag: *mut bool,
    path_flag: *mut bool,
    rest: Rest<T>,
    field: *mut F,
) -> F {
    // SAFETY: as the caller guarantees.
    unsafe {
        rest_slot.write(rest);
        *rest_flag = true;
        *path_flag = true;
        field.read()
    }
}

/// Assigns `value` to a field that may have been moved out (`s.x = v;`
/// after `let a = s.x;`): written without dropping if it was moved, and
/// marked present again; assigned as usual otherwise.
///
/// # Safety
///
/// `field` is a field of the value in a slot that holds a value, and
/// `path_flag` says whether it was moved out.
#[doc(hidden)]
#[inline]
pub unsafe fn write_field<F>(field: *mut F, path_flag: *mut bool, value: F) {
    // SAFETY: as the caller guarantees.
    unsafe {
        if *path_flag {
            *path_flag = false;
            field.write(value);
        } else {
            *field = value;
        }
    }
}

/// [`drop_slot`] for a slot fields may have been moved out of: drops
/// what is left with the slot's [`Rest`] if one was recorded.
///
/// # Safety
///
/// As for [`drop_slot`]; `rest_slot` and `rest_flag` are the slot's
/// companions, and `flags` is the frame's flag array.
#[doc(hidden)]
#[inline]
pub unsafe fn drop_partial<T>(
    slot: *mut T,
    flag: *mut bool,
    rest_slot: *mut Rest<T>,
    rest_flag: *mut bool,
    flags: *mut bool,
) {
    // SAFETY: as the caller guarantees.
    unsafe {
        if !mem::needs_drop::<T>() || !*flag {
            return;
        }
        *flag = false;
        if *rest_flag {
            *rest_flag = false;
            (rest_slot.read())(slot, flags);
        } else {
            ptr::drop_in_place(slot);
        }
    }
}

/// Stores `value` in `slot`, dropping the value there first if its flag is
/// set (an assignment to a local that lives in the frame).
///
/// # Safety
///
/// As for [`drop_slot`].
#[doc(hidden)]
#[inline]
pub unsafe fn assign_slot<T>(slot: *mut T, flag: *mut bool, value: T) {
    // SAFETY: as the caller guarantees.
    unsafe {
        if mem::needs_drop::<T>() {
            if *flag {
                *flag = false;
                ptr::drop_in_place(slot);
            }
            *flag = true;
        }
        slot.write(value);
    }
}

/// Stores `value` in the empty `slot` and sets its flag.
///
/// # Safety
///
/// As for [`drop_slot`], and the slot is empty.
#[doc(hidden)]
#[inline]
pub unsafe fn init_slot<T>(slot: *mut T, flag: *mut bool, value: T) {
    // SAFETY: as the caller guarantees.
    unsafe {
        slot.write(value);
        if mem::needs_drop::<T>() {
            *flag = true;
        }
    }
}

/// Moves the value out of `slot` and clears its flag (a local used as a
/// value: moved, or copied, which for a `Copy` type changes nothing that
/// can be observed: it has no drop, and its bits stay).
///
/// # Safety
///
/// The slot holds a value; `flag` is its flag.
#[doc(hidden)]
#[inline]
pub unsafe fn take_slot<T>(slot: *mut T, flag: *mut bool) -> T {
    // SAFETY: as the caller guarantees.
    unsafe {
        if mem::needs_drop::<T>() {
            *flag = false;
        }
        slot.read()
    }
}

/// Runs its closure when dropped: drops the slots of one scope when the
/// scope ends (normally, by a jump, or unwinding). The closure does
/// nothing when the body is returning from a suspension inside the scope
/// (it reads the body's `__suspending` flag).
#[doc(hidden)]
pub struct ScopeGuard<F: FnMut()>(pub F);

/// A temporary that records its drop: in the scrutinee of an `if let`, its
/// `else` block sees whether the edition drops the scrutinee's temporaries
/// before `else` (2024) or after it (2021).
#[doc(hidden)]
pub struct EditionProbe<'a>(pub &'a core::cell::Cell<bool>);

impl EditionProbe<'_> {
    /// Always `None`: the probe only has to be a temporary of the
    /// scrutinee. (Not a `bool`: `if let true = ..` in the expansion would
    /// draw clippy's `redundant_pattern_matching` at the user's code.)
    #[inline(always)]
    pub fn get(&self) -> Option<Probed> {
        None
    }
}

/// What [`EditionProbe::get`] never returns.
#[doc(hidden)]
pub struct Probed;

impl Drop for EditionProbe<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// A temporary of a block's tail that records, when dropped, whether the
/// block's local [`EditionProbe`] (sharing the first cell) was dropped
/// before it: `true` in edition 2021 (locals first), `false` in 2024 (the
/// tail's temporaries first).
#[doc(hidden)]
pub struct TailProbe<'a>(
    pub &'a core::cell::Cell<bool>,
    pub &'a core::cell::Cell<bool>,
);

impl TailProbe<'_> {
    /// Nothing: the probe only has to be a temporary of the tail.
    #[inline(always)]
    pub fn get(&self) {}
}

impl Drop for TailProbe<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.1.set(self.0.get());
    }
}

impl<F: FnMut()> Drop for ScopeGuard<F> {
    #[inline(always)]
    fn drop(&mut self) {
        (self.0)()
    }
}

/// Gives a suspend block its type in the check copy, which runs outside
/// the frame: the block is checked against a [`SelfFrame`] of unit state
/// and output (its methods do not depend on them but for `send`'s `Send`
/// bounds, which the state machine checks against the real ones).
#[doc(hidden)]
#[inline(always)]
pub fn check_block<B>(block: B)
where
    B: for<'b> FnOnce(SelfFrame<'b, (), ()>),
{
    drop(block)
}

/// Gives the body closure its type from the slots it runs on: its return
/// type names them, so that they are known while its body is type-checked
/// (the body reads them from there with `Cx::types`).
#[doc(hidden)]
#[inline(always)]
pub fn shape<S, O, F>(_slots: &S, body: F) -> F
where
    F: Fn(&mut Cx<'_, (), ()>) -> BodyStep<S, O>,
    S: States<Out = O>,
{
    body
}

/// The states of a generator's frame: its [`GenIo`], then the slots (`S`,
/// as in any other frame).
type GenStates<Y, R, S> = (ManuallyDrop<GenIo<Y, R>>, S);

impl<Y, R, S, F, const I: bool> InFrame<F, I>
where
    F: Body<Slots = GenStates<Y, R, S>>,
{
    /// Runs `f` on the frame's `GenIo` if the frame is suspended at one of
    /// its own points, while nobody else can run it; `None` otherwise.
    fn with_io<T>(self: Pin<&mut Self>, f: impl FnOnce(&mut GenIo<Y, R>) -> T) -> Option<T> {
        let head = &self.header;
        let current = head.index.load(Ordering::Acquire);
        let plain = index::is_plain(current) && current != index::UNSTARTED;
        let awaiting = index::is_free(current) && index::is_awaiting(current);
        if !(plain || awaiting) {
            return None;
        }
        let frame: *const Self = &*self;
        // SAFETY: the frame holds its states (it is suspended); the `GenIo`
        // is their first field.
        let io = crate::generator::io_of(unsafe { &raw mut (*InFrame::states(frame)).0 });
        let exclusive = head.flags.load(Ordering::Relaxed) & flags::RAW == 0
            && !awaiter::is_pointer(head.awaiter.load(Ordering::Relaxed));
        if plain && exclusive {
            // As in `chain::resume_root_fast`: nobody but the holder of
            // `&mut` can resume the frame, so its states are ours.
            // SAFETY: see above.
            return Some(f(unsafe { &mut *io }));
        }
        // Someone else may run the frame (a raw handle), or, awaiting, the
        // coroutine it awaits: take its lock as a resume does (`RUNNING`
        // for a frame at one of its own points, `BUSY` on an awaiting one,
        // the segment owner), for as long as `f` runs.
        let locked = if plain {
            index::RUNNING
        } else {
            current | index::BUSY
        };
        head.index
            .compare_exchange(current, locked, Ordering::Acquire, Ordering::Relaxed)
            .ok()?;
        struct Unlock<'a>(&'a Header, u32);
        impl Drop for Unlock<'_> {
            fn drop(&mut self) {
                self.0.index.store(self.1, Ordering::Release);
            }
        }
        let _unlock = Unlock(head, current);
        // SAFETY: we hold the frame's lock.
        let io = unsafe { &mut *io };
        // Awaiting, values pass through this frame's slots only while it
        // delegates (`yield_from!`).
        (plain || io.delegating).then(|| f(io))
    }
}

impl<Y, R, S, F, const I: bool> crate::Generator for InFrame<F, I>
where
    F: Body<Slots = GenStates<Y, R, S>>,
{
    type Yield = Y;
    type Resume = R;

    #[track_caller]
    #[inline]
    fn resume_with(mut self: Pin<&mut Self>, arg: R) -> Status {
        // Stored only for a frame suspended at one of its own points, whose
        // body takes it as it enters; otherwise dropped here.
        let mut arg = Some(arg);
        self.as_mut().with_io(|io| io.resumed = arg.take());
        drop(arg);
        self.resume()
    }

    #[inline]
    fn take_yield(self: Pin<&mut Self>) -> Option<Y> {
        self.with_io(|io| io.yielded.take()).flatten()
    }

    #[inline]
    fn __resume_take(mut self: Pin<&mut Self>, _: crate::Token) -> Option<Option<Y>> {
        let header = self.as_ref().header_ptr();
        let mut taken = None;
        // SAFETY: as in `resume`.
        let fast = unsafe {
            chain::resume_root_fast(
                header,
                #[inline(always)]
                |run, frame, prev| {
                    let step = run_body::<F, I>(frame, prev, Some(run));
                    if let RawStep::Suspended { .. } = step {
                        // Suspended at one of its own points, not yet
                        // published: the run still holds the frame, whose
                        // states are ours, the `GenIo` first.
                        let states = InFrame::<F, I>::states(frame.cast().as_ptr());
                        let io = crate::generator::io_of(&raw mut (*states).0);
                        taken = (*io).yielded.take();
                    }
                    step
                },
            )
        };
        match fast {
            // A value handed out by the body itself, taken above.
            Some(Status::Suspended) if taken.is_some() => Some(taken),
            // Otherwise the body awaited, and a delegate may have handed a
            // value out into this frame's slots.
            Some(Status::Suspended) => Some(self.take_yield()),
            Some(Status::Returned) => None,
            None => match self.as_mut().resume() {
                Status::Suspended => Some(self.take_yield()),
                Status::Returned => None,
            },
        }
    }

    fn __io(self: Pin<&mut Self>, _: crate::Token) -> Option<NonNull<GenIo<Y, R>>> {
        let frame: *const Self = &*self;
        if !index::holds_state(self.header.index.load(Ordering::Acquire)) {
            return None;
        }
        // SAFETY: the frame holds its states; the `GenIo` is their first
        // field.
        NonNull::new(crate::generator::io_of(unsafe {
            &raw mut (*InFrame::states(frame)).0
        }))
    }
}
