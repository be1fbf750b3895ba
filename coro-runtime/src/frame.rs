//! Frames: the storage of a coroutine, the checked window its generated
//! body works through, and the type-erased resume entry.
//!
//! # Layout
//!
//! ```text
//! Frame<S, O, F>  (repr(C))
//! ┌──────────────────────────────┐
//! │ Header (32 bytes on 64-bit)  │  resume entry, awaiter, leaf, index
//! ├──────────────────────────────┤
//! │ slots: union                 │  the state tree S (arguments, or the
//! │                              │  values alive at suspension point k),
//! │                              │  or the output O once returned
//! ├──────────────────────────────┤
//! │ body: F (zero-sized closure) │  the generated state machine
//! └──────────────────────────────┘
//! ```

use core::cell::UnsafeCell;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::MaybeUninit;
use core::pin::Pin;
use core::ptr::{self, NonNull};

use crate::chain::{self, Run, RunCell, Watch};
use crate::handle::RawFrame;
use crate::header::{Header, MSG_AWAITED_TWICE, flags, index};
use crate::slots::{At, Awaiting, Slots, Tree};
use crate::sync::{AtomicBool, Ordering};
use crate::{Coroutine, Status};

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
    /// (which it owns, or borrows; see [`FrameRef::owned`]).
    Await {
        child: NonNull<Header>,
        owned: bool,
        index: u32,
    },
    /// Run the same frame again from `index` (it awaits a coroutine without
    /// a header, which it drives itself).
    Continue { index: u32 },
}

/// A reference to the header of a pinned frame whose output is `O`, handed
/// out by [`Coroutine::__frame`]. Only the runtime can make or use one.
///
/// `O` is what makes the hook safe to implement: a hand-written coroutine
/// may forward the [`Token`] it is given to a frame it holds, but only to
/// one of its own output type, since `__frame` returns
/// `FrameRef<Self::Output>`. Without it, a coroutine declaring one output
/// could hand over a frame of another, and a handle would take that output
/// as the declared type.
#[doc(hidden)]
pub struct FrameRef<'a, O> {
    pub(crate) header: NonNull<Header>,
    /// Whether the coroutine holding the frame owns it (it is the frame, or
    /// a box of it made by [`boxed`](crate::boxed)): only an owned frame
    /// joins its awaiter's segment. A frame reached through a borrow
    /// outlives its awaiter, which may leak, so it keeps a segment of its
    /// own.
    pub(crate) owned: bool,
    pub(crate) _borrow: PhantomData<&'a Header>,
    /// Invariant in `O`: the exact output type.
    pub(crate) _output: PhantomData<fn(O) -> O>,
}

impl<O> Clone for FrameRef<'_, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O> Copy for FrameRef<'_, O> {}

impl<O> FrameRef<'_, O> {
    /// The same frame, reached through a borrow or a pointer the awaiter
    /// does not own.
    pub(crate) fn borrowed(self) -> Self {
        FrameRef {
            owned: false,
            ..self
        }
    }
}

/// Proof that the caller is the runtime; see [`Coroutine::__frame`].
#[doc(hidden)]
pub struct Token(pub(crate) ());

/// The result of one run of a generated body. Generated code obtains the
/// non-returning variants only through [`Resume`]'s checked operations.
#[doc(hidden)]
pub struct Step<O>(pub(crate) StepKind<O>);

pub(crate) enum StepKind<O> {
    Suspended,
    Blocked,
    Await(NonNull<Header>, bool),
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
    /// The run this body runs in (for suspend blocks).
    run: &'a RunCell,
    /// The state the frame was suspended at when this run began.
    prev: u32,
    /// Whether the tree currently holds no state.
    vacant: bool,
    /// The state the frame will be at when this run ends.
    next: u32,
    /// Set when the body returned normally, or when a suspend block
    /// published the frame: no poisoning then.
    finished: bool,
    _borrow: PhantomData<&'a mut Slots<S, O>>,
}

/// No state chosen yet (internal to one run): a value no state has.
const NO_STATE: u32 = index::RUNNING;

/// A check of the generated code against its frame failed: a bug in
/// `#[coroutine]`. The process aborts (after the panic message): the
/// function cannot unwind, so the checks that call it need no cleanup path,
/// and a body whose own code cannot panic has none at all.
#[cold]
#[inline(never)]
pub(crate) extern "C" fn transform_bug() -> ! {
    panic!("coro: generated state machine is out of step with its frame (a bug in #[coroutine])")
}

/// Runs a suspend block for the frame `header`, which has just stored the
/// state `state` and is marked suspended there; shared by both lowerings.
///
/// # Safety
///
/// `header` is `run`'s running frame, live, and it stored `state`.
#[inline(always)]
pub(crate) unsafe fn run_suspend_block<S, O, B>(
    run: &RunCell,
    header: NonNull<Header>,
    state: u32,
    block: B,
) where
    B: for<'b> FnOnce(SelfFrame<'b, S, O>),
{
    let run = run.get();
    // SAFETY: as the caller guarantees.
    unsafe { chain::begin_block(run, header, state) };
    let taken = AtomicBool::new(false);
    /// Tells the trampoline how the block ended, also when it panicked.
    struct Ended<'r> {
        run: &'r Run,
        taken: &'r AtomicBool,
    }
    impl Drop for Ended<'_> {
        fn drop(&mut self) {
            self.run
                .block_taken
                .set(Some(self.taken.load(Ordering::Acquire)));
        }
    }
    let _ended = Ended { run, taken: &taken };
    block(SelfFrame {
        frame: header,
        state,
        owner: run.owner.get(),
        top: run.top.get(),
        taken: &taken,
        watch: &run.watch,
        _types: PhantomData,
    });
}

impl<S: Tree, O> Resume<'_, S, O> {
    /// The resume index this run started from, without lock bits; the body
    /// dispatches on it. The index of an await state carries
    /// [`AWAIT_BIT`](crate::__private::AWAIT_BIT), which the generated arms
    /// match, so each arm's checks below compare against the value the arm
    /// already matched.
    #[inline(always)]
    pub fn state(&self) -> u32 {
        self.prev
    }

    /// The arm for an index the body has no state for (never taken: see
    /// [`transform_bug`]).
    #[inline(always)]
    pub fn bad_state(&self) -> ! {
        transform_bug()
    }

    /// Moves the stored state at path `P` out of the frame.
    #[inline(always)]
    pub fn take<P>(&mut self) -> <S as At<P>>::Out
    where
        S: At<P>,
    {
        if self.prev != index::of_pos(<S as At<P>>::POS, false) || self.vacant {
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
        self.store::<P>(values, false);
        Step(StepKind::Suspended)
    }

    /// Stores `values` as the state at path `P`, marks the frame suspended
    /// there, and then runs `block` with a handle to the frame: Zig's
    /// `suspend { .. @frame() .. }`. The block may hand the frame to an
    /// event loop, or resume it: the rest of the body then runs, and control
    /// comes back into the block.
    #[inline(always)]
    pub fn suspend_with<P, B>(&mut self, values: <S as At<P>>::Out, block: B) -> Step<O>
    where
        S: At<P>,
        B: for<'b> FnOnce(SelfFrame<'b, S, O>),
    {
        self.store::<P>(values, false);
        // From here on the frame is suspended: no poisoning if the block
        // panics.
        self.finished = true;
        // SAFETY: this frame is the run's running frame and stored `next`.
        unsafe { run_suspend_block(self.run, self.header, self.next, block) };
        Step(StepKind::Blocked)
    }

    /// Gives a suspend block its type: a closure taking the frame's
    /// [`SelfFrame`] for any lifetime (it cannot keep it).
    #[inline(always)]
    pub fn block<B>(&self, block: B) -> B
    where
        B: for<'b> FnOnce(SelfFrame<'b, S, O>),
    {
        block
    }

    #[inline(always)]
    fn store<P>(&mut self, values: <S as At<P>>::Out, await_: bool) -> *mut <S as At<P>>::Out
    where
        S: At<P>,
    {
        if !self.vacant || self.next != NO_STATE {
            transform_bug()
        }
        // SAFETY: the tree is vacant, so writing a leaf overwrites nothing
        // that needs dropping; from now on the leaf is the stored state.
        let leaf = unsafe { <S as At<P>>::leaf(Slots::states(self.slots)) };
        // SAFETY: `leaf` points into the frame, valid for writes.
        unsafe { leaf.write(values) };
        self.vacant = false;
        self.next = index::of_pos(<S as At<P>>::POS, await_);
        leaf
    }

    /// Stores `child` and `values` as the state at path `P`, and starts
    /// awaiting `child`: the trampoline runs it next (or, if it started
    /// before, waits for it), and this body runs again from the same state
    /// once it has returned.
    #[inline(always)]
    pub fn await_<P, C, V>(&mut self, child: C, values: V) -> Step<O>
    where
        S: At<P, Out = Awaiting<C, V>>,
        C: Coroutine,
    {
        let leaf = self.store::<P>(Awaiting { child, values }, true);
        // SAFETY: the child lives in the frame, which is pinned, and stays at
        // this address until `finish_await` drops it in place (or the frame
        // drops it while dropping its state): it is never moved again.
        let child = unsafe { Pin::new_unchecked(&(*leaf).child) };
        match child.__frame(crate::Token(())) {
            Some(frame) => Step(StepKind::Await(frame.header, frame.owned)),
            None => Step(StepKind::Continue),
        }
    }

    /// Finishes the await stored at path `P`: takes the child's output,
    /// drops the child in place and moves the awaiter's values out.
    ///
    /// A child without a header (a hand-written [`Coroutine`], or a handle)
    /// is resumed here; while it is suspended this returns `Err` with the
    /// step the body must return.
    #[inline(always)]
    pub fn finish_await<P, C, V>(&mut self) -> Result<(C::Output, V), Step<O>>
    where
        S: At<P, Out = Awaiting<C, V>>,
        C: Coroutine,
    {
        if self.prev != index::of_pos(<S as At<P>>::POS, true) || self.vacant {
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
                    panic!("{}", MSG_AWAITED_TWICE);
                }
                // If the child panics, our drop guard drops the whole leaf.
                match child.as_mut().resume() {
                    Status::Suspended => {
                        self.next = self.prev;
                        return Err(Step(StepKind::Suspended));
                    }
                    Status::Returned => match child.take_output() {
                        Some(output) => output,
                        None => panic!("{}", MSG_AWAITED_TWICE),
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
        if !self.vacant {
            let stored = if self.next != NO_STATE {
                self.next
            } else {
                self.prev
            };
            self.vacant = true;
            // SAFETY: the tree holds exactly the state `stored` names.
            unsafe { S::drop_at(Slots::states(self.slots), index::pos(stored)) };
        }
        header.index.store(index::POISONED, Ordering::Release);
    }
}

/// The frame a suspend block runs for: `me` in `suspend!(|me| ..)`.
///
/// The frame is suspended while the block runs. `me` resumes it once:
/// from the block itself ([`resume`](Self::resume): the rest of the body
/// runs, then control comes back into the block), or from another thread
/// the block hands it to ([`send`](Self::send), with a scoped thread). To
/// let an event loop resume it later, keep [`raw`](Self::raw).
///
/// Other resumes of the frame's chain that arrive while the block runs are
/// deferred: the thread running the block continues the frame when the
/// block returns.
///
/// ```
/// use coro_runtime::{suspend, Coroutine, Status};
///
/// #[coro_runtime::coroutine]
/// fn resumes_itself() -> &'static str {
///     suspend!(|me| {
///         // Zig's `resume @frame()` inside `suspend { }`: the rest of the
///         // body runs now, then control comes back here.
///         assert_eq!(me.resume(), Status::Returned);
///     });
///     "done"
/// }
///
/// let mut f = core::pin::pin!(resumes_itself());
/// assert_eq!(f.as_mut().resume(), Status::Returned);
/// assert_eq!(f.as_mut().take_output(), Some("done"));
/// ```
pub struct SelfFrame<'b, S, O> {
    frame: NonNull<Header>,
    state: u32,
    owner: NonNull<Header>,
    top: NonNull<Header>,
    taken: &'b AtomicBool,
    watch: &'b Watch,
    _types: PhantomData<fn() -> (S, O)>,
}

impl<'b, S, O> SelfFrame<'b, S, O> {
    /// Resumes the frame: the rest of its body runs (and, if it returns,
    /// the coroutines awaiting it continue) until the chain suspends again,
    /// then this returns. [`Status::Returned`] if the frame returned.
    pub fn resume(self) -> Status {
        self.taken.store(true, Ordering::Release);
        // SAFETY: once per block (`self` is consumed), while it runs, with
        // the values the block was entered with.
        unsafe {
            chain::resume_from_block(self.frame, self.state, self.owner, self.top, self.watch)
        }
    }

    /// The frame as a [`SentFrame`], to resume it from another thread
    /// before the block returns (a scoped thread the block joins).
    ///
    /// # Panics
    ///
    /// If the frame is awaited by coroutines that may not be `Send`: the
    /// frame's own values are (the bound checks that), but when it returns
    /// its awaiters continue on the thread that resumed it, so the chain's
    /// outermost coroutine must be known to be `Send`. It is when that
    /// coroutine is resumed through [`AnyFrame::of_shared`](crate::AnyFrame::of_shared).
    ///
    /// ```
    /// use coro_runtime::{suspend, Coroutine, Status};
    ///
    /// #[coro_runtime::coroutine]
    /// fn hand_off() -> std::thread::ThreadId {
    ///     suspend!(|me| {
    ///         let me = me.send();
    ///         std::thread::scope(|s| {
    ///             s.spawn(move || me.resume());
    ///         });
    ///     });
    ///     std::thread::current().id()
    /// }
    ///
    /// let mut f = core::pin::pin!(hand_off());
    /// assert_eq!(f.as_mut().resume(), Status::Returned);
    /// assert_ne!(f.as_mut().take_output(), Some(std::thread::current().id()));
    /// ```
    pub fn send(self) -> SentFrame<'b>
    where
        S: Send,
        O: Send,
    {
        // SAFETY: the block's run holds the chain, which is live.
        let root = unsafe { chain::root_of(self.frame) };
        // SAFETY: as above.
        let known_send = root == self.frame
            || unsafe { root.as_ref() }.flags.load(Ordering::Acquire) & flags::SEND != 0;
        assert!(
            known_send,
            "SelfFrame::send: the coroutines awaiting this frame are not known to be Send; \
             resume the outermost one through AnyFrame::of_shared"
        );
        SentFrame {
            frame: self.frame,
            state: self.state,
            owner: self.owner,
            top: self.top,
            taken: self.taken,
            watch: self.watch,
        }
    }

    /// A raw handle to the frame, for an event loop to resume it after the
    /// block; see [`RawFrame`] for the contract. Resuming it before the
    /// block returns is deferred to the block's end (or merged into a
    /// resume through `me`).
    pub fn raw(&self) -> RawFrame {
        RawFrame::from_header(self.frame)
    }
}

/// A suspend block's frame, sent to another thread; see [`SelfFrame::send`].
/// Resume it before the block returns: its lifetime ties it to the block.
pub struct SentFrame<'b> {
    frame: NonNull<Header>,
    state: u32,
    owner: NonNull<Header>,
    top: NonNull<Header>,
    taken: &'b AtomicBool,
    watch: &'b Watch,
}

// SAFETY: the frame and every frame awaiting it are `Send` (checked by
// `SelfFrame::send`), and the chain stays live and held while the block
// runs, which outlives `'b`. The references are to atomics.
unsafe impl Send for SentFrame<'_> {}

impl SentFrame<'_> {
    /// Resumes the frame, as [`SelfFrame::resume`] does.
    pub fn resume(self) -> Status {
        self.taken.store(true, Ordering::Release);
        // SAFETY: as in `SelfFrame::resume`.
        unsafe {
            chain::resume_from_block(self.frame, self.state, self.owner, self.top, self.watch)
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
pub struct Frame<S: Tree, O, F, const I: bool> {
    header: Header,
    slots: UnsafeCell<MaybeUninit<Slots<S, O>>>,
    body: F,
    /// Under loom, every access to the state goes through this cell too,
    /// so that loom reports two runs of the body that are not ordered.
    #[cfg(coro_loom)]
    access: loom::cell::UnsafeCell<()>,
    _pinned: PhantomPinned,
}

// SAFETY: a frame owns its states and output; moving it to another thread
// moves them. The header's pointers only ever point into frames this frame
// owns (its awaited children) or that own it, which move with it. The body
// closure captures nothing.
unsafe impl<S: Tree + Send, O: Send, F: Send, const I: bool> Send for Frame<S, O, F, I> {}
// SAFETY: through `&Frame` one can resume the frame (through a handle),
// which runs it on the calling thread under the guard (one run at a time):
// like `&Mutex<T>`, this needs the values to be `Send`.
unsafe impl<S: Tree + Send, O: Send, F: Sync, const I: bool> Sync for Frame<S, O, F, I> {}

impl<S: Tree, O, F, const I: bool> Frame<S, O, F, I>
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
            header: Header::new(resume_entry::<S, O, F, I>),
            slots: UnsafeCell::new(slots),
            body,
            #[cfg(coro_loom)]
            access: loom::cell::UnsafeCell::new(()),
            _pinned: PhantomPinned,
        }
    }
}

impl<S: Tree, O, F, const I: bool> Frame<S, O, F, I> {
    fn header_ptr(self: Pin<&Self>) -> NonNull<Header> {
        // The header is the first field of a `repr(C)` struct: its address
        // is the frame's, derived from a reference to the whole frame (so
        // the entry may cast it back).
        NonNull::from(self.get_ref()).cast()
    }

    fn slots_ptr(frame: *const Self) -> *mut Slots<S, O> {
        // SAFETY: only the address of the field is taken.
        UnsafeCell::raw_get(unsafe { ptr::addr_of!((*frame).slots) }).cast()
    }
}

/// The type-erased resume entry of every `Frame<S, O, F>`: what the header's
/// `resume` word points to.
///
/// # Safety
///
/// `header` must point to the header of a live, pinned `Frame<S, O, F>`,
/// and the action's conditions hold (see [`Action`]).
unsafe fn resume_entry<S: Tree, O, F, const I: bool>(
    header: NonNull<Header>,
    action: Action<'_>,
) -> RawStep
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    // SAFETY: as the caller guarantees.
    unsafe {
        match action {
            Action::Run { prev, run } => run_body::<S, O, F, I>(header, prev, run),
            Action::Poison(stored) => poison::<S, O, F, I>(header, stored),
            Action::TakeOutput(slot) => take_output::<S, O, F, I>(header, slot),
        }
    }
}

/// Drops the state in place and marks the frame poisoned ([`Action::Poison`]).
///
/// # Safety
///
/// As for [`resume_entry`].
unsafe fn poison<S: Tree, O, F, const I: bool>(
    header: NonNull<Header>,
    stored: Option<u32>,
) -> RawStep {
    let frame = header.cast::<Frame<S, O, F, I>>().as_ptr() as *const Frame<S, O, F, I>;
    let slots = Frame::slots_ptr(frame);
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { &(*frame).header };
    #[cfg(coro_loom)]
    // SAFETY: as above.
    unsafe { &(*frame).access }.with_mut(|_| ());
    let current = stored.unwrap_or_else(|| head.index.load(Ordering::Acquire));
    if index::holds_state(current) {
        // SAFETY: a frame stores exactly the state its index names; after
        // dropping it the frame is marked poisoned.
        unsafe { S::drop_at(Slots::states(slots), index::pos(current)) };
    }
    head.index.store(index::POISONED, Ordering::Release);
    RawStep::Returned
}

/// Moves the output into `*slot`, an `Option<O>`, if the frame returned and
/// it is still there ([`Action::TakeOutput`]).
///
/// # Safety
///
/// As for [`resume_entry`].
unsafe fn take_output<S: Tree, O, F, const I: bool>(
    header: NonNull<Header>,
    slot: *mut (),
) -> RawStep {
    let frame = header.cast::<Frame<S, O, F, I>>().as_ptr() as *const Frame<S, O, F, I>;
    let slots = Frame::slots_ptr(frame);
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { &(*frame).header };
    #[cfg(coro_loom)]
    // SAFETY: as above.
    unsafe { &(*frame).access }.with_mut(|_| ());
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
        // SAFETY: a returned frame's union holds the output; the index now
        // records that it was moved out. The caller passes an `Option<O>`
        // for this frame's `O`.
        unsafe { *slot.cast::<Option<O>>() = Some(Slots::output(slots).read()) };
    }
    RawStep::Returned
}

/// Runs the body from state `prev` ([`Action::Run`]): inlined into the root
/// resume of a frame whose body is small (`I`, chosen by `#[coroutine]`),
/// where it is the whole resume; called, from there and from the entry, for
/// a larger body, so that its code exists once.
///
/// # Safety
///
/// As for [`resume_entry`].
#[inline(always)]
unsafe fn run_body<S: Tree, O, F, const I: bool>(
    header: NonNull<Header>,
    prev: u32,
    run: &RunCell,
) -> RawStep
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    // SAFETY: as the caller guarantees.
    unsafe {
        if I {
            run_body_inline::<S, O, F, I>(header, prev, run)
        } else {
            run_body_outlined::<S, O, F, I>(header, prev, run)
        }
    }
}

/// [`run_body`] for a larger body: one copy, called.
///
/// # Safety
///
/// As for [`resume_entry`].
#[inline(never)]
unsafe fn run_body_outlined<S: Tree, O, F, const I: bool>(
    header: NonNull<Header>,
    prev: u32,
    run: &RunCell,
) -> RawStep
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    // SAFETY: as the caller guarantees.
    unsafe { run_body_inline::<S, O, F, I>(header, prev, run) }
}

/// The code of [`run_body`].
///
/// # Safety
///
/// As for [`resume_entry`].
#[inline(always)]
unsafe fn run_body_inline<S: Tree, O, F, const I: bool>(
    header: NonNull<Header>,
    prev: u32,
    run: &RunCell,
) -> RawStep
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    let frame = header.cast::<Frame<S, O, F, I>>().as_ptr() as *const Frame<S, O, F, I>;
    let slots = Frame::slots_ptr(frame);
    // SAFETY: the caller guarantees a live frame.
    let head = unsafe { &(*frame).header };
    #[cfg(coro_loom)]
    // SAFETY: as above.
    unsafe { &(*frame).access }.with_mut(|_| ());
    let mut cx = Resume {
        header,
        slots,
        run,
        prev,
        vacant: false,
        next: NO_STATE,
        finished: false,
        _borrow: PhantomData,
    };
    // SAFETY: the body is a zero-sized closure stored in the frame.
    let body = unsafe { &(*frame).body };
    let step = loop {
        let step = body(&mut cx);
        if let StepKind::Continue = step.0 {
            // It awaits a coroutine without a header (an operation it
            // drives): run the await's state right away, in this call,
            // rather than through the trampoline and the header.
            if cx.vacant || cx.next == NO_STATE {
                transform_bug()
            }
            cx.prev = cx.next;
            cx.next = NO_STATE;
            continue;
        }
        break step;
    };
    cx.finished = true;
    match step.0 {
        StepKind::Suspended => {
            if cx.vacant || cx.next == NO_STATE {
                transform_bug()
            }
            RawStep::Suspended { index: cx.next }
        }
        StepKind::Blocked => RawStep::Blocked,
        StepKind::Continue => RawStep::Continue { index: cx.next },
        StepKind::Await(child, owned) => RawStep::Await {
            child,
            owned,
            index: cx.next,
        },
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

impl<S: Tree, O, F, const I: bool> Drop for Frame<S, O, F, I> {
    fn drop(&mut self) {
        #[cfg(coro_loom)]
        self.access.with_mut(|_| ());
        let current = self.header.index.load(Ordering::Acquire);
        let slots = Self::slots_ptr(self);
        // SAFETY: the resume index says which part of the union is
        // initialized; we drop exactly that, once.
        unsafe {
            if index::holds_state(current) {
                S::drop_at(Slots::states(slots), index::pos(current));
            } else if current == index::RETURNED {
                ptr::drop_in_place(Slots::output(slots));
            }
        }
    }
}

impl<S: Tree, O, F, const I: bool> Coroutine for Frame<S, O, F, I>
where
    F: Fn(&mut Resume<'_, S, O>) -> Step<O>,
{
    type Output = O;

    #[track_caller]
    #[inline]
    fn resume(self: Pin<&mut Self>) -> Status {
        let header = self.as_ref().header_ptr();
        // SAFETY: the frame is pinned and we hold the only `&mut` to it; the
        // frames of its chain live inside it, or are borrowed by it. The
        // first step calls this frame's own entry, statically.
        let fast = unsafe {
            chain::resume_root_fast(
                header,
                #[inline(always)]
                |run, frame, prev| run_body::<S, O, F, I>(frame, prev, run),
            )
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

    fn take_output(self: Pin<&mut Self>) -> Option<O> {
        let mut slot = None;
        let header = self.as_ref().header_ptr();
        // SAFETY: the frame is live; the slot is an `Option<O>`.
        unsafe { take_output::<S, O, F, I>(header, (&mut slot as *mut Option<O>).cast()) };
        slot
    }

    fn is_returned(&self) -> bool {
        self.header.is_returned()
    }

    fn __frame(self: Pin<&Self>, _: crate::Token) -> Option<FrameRef<'_, O>> {
        Some(FrameRef {
            header: self.header_ptr(),
            owned: true,
            _borrow: PhantomData,
            _output: PhantomData,
        })
    }
}
