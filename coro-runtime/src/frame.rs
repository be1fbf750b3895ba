//! What every frame shares: the steps a body returns, the handle a frame's
//! type gives the runtime (`FrameRef`), and the suspend blocks' `SelfFrame`
//! and `SentFrame`. The frame itself is `inplace::InFrame`; what its resume
//! entry is asked and answers (`Action`, `RawStep`) is in `header.rs`.

use core::marker::PhantomData;
use core::ptr::NonNull;

use crate::Status;
use crate::chain;
use crate::handle::RawFrame;
use crate::header::{Header, Run, RunCell, Watch, flags};
use crate::sync::{AtomicBool, Ordering};

/// A reference to the header of a pinned frame whose output is `O`, handed
/// out by [`Coroutine::__frame`]. Only the runtime can make or use one.
///
/// Only the runtime's coroutines implement `__frame` (its [`Token`]
/// argument cannot be named outside the crate), and `O` keeps its own
/// forwarding impls honest: `__frame` returns `FrameRef<Self::Output>`, so
/// a coroutine declaring one output cannot hand over a frame of another.
#[doc(hidden)]
pub struct FrameRef<'a, O> {
    pub(crate) header: NonNull<Header>,
    /// Whether the coroutine holding the frame owns it (it is the frame, or
    /// a box of it made by [`boxed`](crate::boxed)): only an owned frame
    /// joins its awaiter's segment. A frame reached through a borrow
    /// outlives its awaiter, which may leak, so it keeps a segment of its
    /// own.
    pub(crate) owned: bool,
    /// Whether the frame belongs to the value it was reached from (it is
    /// that value, or is behind a reference or box in it), so that this
    /// value being `Sync` makes the frame's values `Send`: what
    /// [`AnyFrame::of_shared`](crate::AnyFrame::of_shared) relies on. Not
    /// so through a pointer type the runtime does not know (`Pin<P>`,
    /// `Started<P>`), whose `Deref` may reach any frame.
    pub(crate) structural: bool,
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

    /// The same frame, reached through a pointer type `P: DerefMut` the
    /// runtime does not know.
    pub(crate) fn through_pointer(self) -> Self {
        FrameRef {
            owned: false,
            structural: false,
            ..self
        }
    }
}

/// Proof that the caller is the runtime; see [`Coroutine::__frame`].
#[doc(hidden)]
pub struct Token(pub(crate) ());

/// The result of one run of a generated body. Generated code obtains the
/// non-returning variants only through `inplace::Cx`'s checked operations.
#[doc(hidden)]
pub struct Step<O>(pub(crate) StepKind<O>);

pub(crate) enum StepKind<O> {
    Suspended,
    Blocked,
    Await(NonNull<Header>, bool),
    Return(O),
}

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
    let run = run.get(header);
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
