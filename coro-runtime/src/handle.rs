//! Type-erased frame handles: Zig's `anyframe` ([`AnyFrame`]) and
//! `anyframe->T` ([`AnyFrameOf`]), and the unsafe [`RawFrame`].

use core::fmt;
use core::marker::PhantomData;
use core::pin::Pin;
use core::ptr::NonNull;

use crate::chain;
use crate::header::{Action, Header, flags};
use crate::sync::Ordering;
use crate::{Coroutine, Status, Token};

/// Marker of handles that stay on the thread they were made on (neither
/// `Send` nor `Sync`). The default.
pub struct Local(PhantomData<*const ()>);

/// Marker of handles that may be sent to and shared with other threads,
/// made by [`AnyFrame::of_shared`] from frames that are `Sync`.
pub struct Shared(());

/// A type-erased handle to a frame: Zig's `anyframe`. It resumes the frame
/// without knowing its function or its output type.
///
/// A handle borrows the frame (`'a`): no handle can outlive it, and the
/// frame cannot move while one exists. Handles are `Copy`; resumes through
/// several of them are serialized by the guard (one run at a time; a second,
/// concurrent resume panics with `resumed a non-suspended coroutine`).
///
/// A handle is made from a frame that nobody awaits; to hand a frame that
/// is suspended somewhere inside a chain to an event loop, use a suspend
/// block (`suspend!(|me| ..)`).
///
/// ```
/// use coro_runtime::{AnyFrame, Coroutine, Status};
///
/// #[coro_runtime::coroutine]
/// fn ticks(n: u32) -> u32 {
///     for _ in 0..n {
///         coro_runtime::suspend!();
///     }
///     n
/// }
///
/// #[coro_runtime::coroutine]
/// fn hello() -> &'static str {
///     coro_runtime::suspend!();
///     "hello"
/// }
///
/// let a = core::pin::pin!(ticks(2));
/// let b = core::pin::pin!(hello());
/// // Different functions, different output types, one handle type.
/// let ready: [AnyFrame<'_>; 2] = [AnyFrame::of(a.as_ref()), AnyFrame::of(b.as_ref())];
/// while ready.iter().any(|f| !f.is_returned()) {
///     for f in ready {
///         if !f.is_returned() {
///             f.resume();
///         }
///     }
/// }
/// ```
pub struct AnyFrame<'a, M = Local> {
    header: NonNull<Header>,
    _borrow: PhantomData<(&'a Header, M)>,
}

impl<M> Clone for AnyFrame<'_, M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<M> Copy for AnyFrame<'_, M> {}

// SAFETY: a shared handle is only made from a frame that is `Sync` (its
// values are `Send`), whose chain it is the root of: resuming it from any
// thread runs only `Send` values there, one run at a time.
unsafe impl Send for AnyFrame<'_, Shared> {}
// SAFETY: as above.
unsafe impl Sync for AnyFrame<'_, Shared> {}

/// The header of a frame that has one, with the lifetime of the borrow.
#[track_caller]
fn header_of<C: Coroutine + ?Sized>(frame: Pin<&C>) -> NonNull<Header> {
    match frame.__frame(Token(())) {
        Some(f) => {
            // SAFETY: the frame is borrowed for `'a`, so its header is live.
            // A frame borrowed from outside is not awaited by anyone (an
            // awaited frame is owned by its awaiter): a leftover awaiter
            // is forgotten.
            unsafe { f.header.as_ref() }.forget_stale_awaiter();
            f.header
        }
        None => panic!(
            "coro_runtime: a handle needs a frame made by #[coroutine] (this coroutine has no frame header)"
        ),
    }
}

impl<'a> AnyFrame<'a> {
    /// A handle to `frame`, for this thread.
    ///
    /// # Panics
    ///
    /// If `frame` is a hand-written [`Coroutine`] rather than a frame made
    /// by `#[coroutine]` (or a `Pin`, box or [`Started`](crate::Started) of
    /// one).
    #[track_caller]
    pub fn of<C: Coroutine + ?Sized>(frame: Pin<&'a C>) -> Self {
        AnyFrame {
            header: header_of(frame),
            _borrow: PhantomData,
        }
    }
}

impl<'a> AnyFrame<'a, Shared> {
    /// A handle to `frame` that may be sent to other threads. The frame is
    /// resumed on whichever thread calls [`resume`](Self::resume); suspend
    /// blocks in its chain may then [`send`](crate::SelfFrame::send) their
    /// frame to other threads too.
    ///
    /// ```
    /// use coro_runtime::{AnyFrame, Coroutine, Status};
    ///
    /// #[coro_runtime::coroutine]
    /// fn count(n: u32) -> u32 {
    ///     for _ in 0..n {
    ///         coro_runtime::suspend!();
    ///     }
    ///     n
    /// }
    ///
    /// let f = core::pin::pin!(count(3));
    /// let h = AnyFrame::of_shared(f.as_ref());
    /// std::thread::scope(|s| {
    ///     s.spawn(move || h.resume()).join().unwrap();
    ///     s.spawn(move || h.resume()).join().unwrap();
    /// });
    /// h.resume();
    /// assert_eq!(h.resume(), Status::Returned);
    /// ```
    ///
    /// # Panics
    ///
    /// As [`AnyFrame::of`]; and if `frame` is a `Pin<P>` or a
    /// [`Started`](crate::Started) (pass the frame inside instead: their
    /// `Sync` does not tell whether the frame they reach is).
    #[track_caller]
    pub fn of_shared<C: Coroutine + Sync + ?Sized>(frame: Pin<&'a C>) -> Self {
        match frame.__frame(Token(())) {
            Some(f) if !f.structural => panic!(
                "coro_runtime: AnyFrame::of_shared: this frame is reached through a `Pin<P>` or \
                 `Started<P>`, whose `Sync` says nothing of the frame: pass the frame itself \
                 (`AnyFrame::of_shared(p.as_ref())` for a `Pin<P>`)"
            ),
            _ => {}
        }
        let header = header_of(frame);
        // SAFETY: live for `'a` (above). `C: Sync` holds only if the frame's
        // values are `Send`: record it for the chains this frame roots.
        unsafe { header.as_ref() }
            .flags
            .fetch_or(flags::SEND, Ordering::Release);
        AnyFrame {
            header,
            _borrow: PhantomData,
        }
    }
}

impl<'a, M> AnyFrame<'a, M> {
    /// Resumes the frame, as [`Coroutine::resume`] does: runs it until it
    /// (or the frame it awaits) suspends, or it returns.
    ///
    /// # Panics
    ///
    /// With the guard messages: `resumed a non-suspended coroutine` if it is
    /// running (a re-entrant resume from its own body, or a race with
    /// another thread), `resumed a coroutine which already returned`, and
    /// `resumed a coroutine after it panicked`.
    #[track_caller]
    pub fn resume(self) -> Status {
        // SAFETY: the handle borrows the frame, pinned, for `'a`; it roots
        // its chain (see `header_of`), whose other frames it owns. A local
        // handle stays on the thread its frame is borrowed on; a shared one
        // is made only from frames whose values are `Send`.
        unsafe { chain::resume(self.header) }
    }

    /// Whether the frame returned.
    pub fn is_returned(self) -> bool {
        // SAFETY: the handle borrows the frame for `'a`.
        unsafe { self.header.as_ref() }.is_returned()
    }

    /// The handle without its lifetime; see [`RawFrame`].
    pub fn to_raw(self) -> RawFrame {
        RawFrame::from_header(self.header)
    }
}

impl<M> fmt::Debug for AnyFrame<'_, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AnyFrame").field(&self.header).finish()
    }
}

impl<M> PartialEq for AnyFrame<'_, M> {
    fn eq(&self, other: &Self) -> bool {
        self.header == other.header
    }
}
impl<M> Eq for AnyFrame<'_, M> {}

/// A type-erased handle that also knows the frame's output type: Zig's
/// `anyframe->T`. Besides resuming, it takes the output, and it is a
/// [`Coroutine`], so a coroutine can `.await` it.
///
/// Awaiting a handle *drives* the frame: each resume of the awaiter resumes
/// the frame, until it returns. It does not link the awaiter into the frame
/// the way awaiting a child does, because the awaiter does not own the
/// frame: docs/protocol.md explains why a link would be unsound here.
///
/// ```
/// use coro_runtime::{AnyFrameOf, Coroutine, Status};
///
/// #[coro_runtime::coroutine]
/// fn child() -> u32 {
///     coro_runtime::suspend!();
///     7
/// }
///
/// #[coro_runtime::coroutine]
/// fn parent(h: AnyFrameOf<'_, u32>) -> u32 {
///     h.await * 6
/// }
///
/// let c = core::pin::pin!(child());
/// let h = AnyFrameOf::of(c.as_ref());
/// assert_eq!(coro_runtime::run(parent(h)), 42);
/// ```
pub struct AnyFrameOf<'a, T, M = Local> {
    frame: AnyFrame<'a, M>,
    _output: PhantomData<fn() -> T>,
}

impl<T, M> Clone for AnyFrameOf<'_, T, M> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T, M> Copy for AnyFrameOf<'_, T, M> {}

impl<'a, T> AnyFrameOf<'a, T> {
    /// A handle to `frame`, for this thread.
    ///
    /// # Panics
    ///
    /// As [`AnyFrame::of`].
    #[track_caller]
    pub fn of<C: Coroutine<Output = T> + ?Sized>(frame: Pin<&'a C>) -> Self {
        AnyFrameOf {
            frame: AnyFrame::of(frame),
            _output: PhantomData,
        }
    }
}

impl<'a, T: Send> AnyFrameOf<'a, T, Shared> {
    /// A handle to `frame` that may be sent to other threads; see
    /// [`AnyFrame::of_shared`].
    ///
    /// # Panics
    ///
    /// As [`AnyFrame::of_shared`].
    #[track_caller]
    pub fn of_shared<C: Coroutine<Output = T> + Sync + ?Sized>(frame: Pin<&'a C>) -> Self {
        AnyFrameOf {
            frame: AnyFrame::of_shared(frame),
            _output: PhantomData,
        }
    }
}

impl<'a, T, M> AnyFrameOf<'a, T, M> {
    /// Resumes the frame; see [`AnyFrame::resume`].
    #[track_caller]
    pub fn resume(self) -> Status {
        self.frame.resume()
    }

    /// Whether the frame returned.
    pub fn is_returned(self) -> bool {
        self.frame.is_returned()
    }

    /// Takes the output after the frame returned: `None` before, and after
    /// it was taken once (through any handle, or the frame).
    pub fn take_output(self) -> Option<T> {
        let mut slot: Option<T> = None;
        let header = self.frame.header;
        // SAFETY: the frame is live for `'a`; its entry writes an
        // `Option<O>` where `O` is its output type, which is `T` (checked
        // when the handle was made).
        unsafe {
            (header.as_ref().resume)(
                header,
                Action::TakeOutput((&mut slot as *mut Option<T>).cast()),
            )
        };
        slot
    }

    /// The handle without its output type.
    pub fn erase(self) -> AnyFrame<'a, M> {
        self.frame
    }
}

impl<'a, T, M> From<AnyFrameOf<'a, T, M>> for AnyFrame<'a, M> {
    fn from(handle: AnyFrameOf<'a, T, M>) -> Self {
        handle.frame
    }
}

impl<T, M> fmt::Debug for AnyFrameOf<'_, T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AnyFrameOf")
            .field(&self.frame.header)
            .finish()
    }
}

// SAFETY: as for `AnyFrame<Shared>`; the output is `Send` (bound on
// `of_shared`), so taking it on another thread is sound.
unsafe impl<T: Send> Send for AnyFrameOf<'_, T, Shared> {}
// SAFETY: as above.
unsafe impl<T: Send> Sync for AnyFrameOf<'_, T, Shared> {}

impl<T, M> Coroutine for AnyFrameOf<'_, T, M> {
    type Output = T;

    fn resume(self: Pin<&mut Self>) -> Status {
        AnyFrameOf::resume(*self)
    }

    fn take_output(self: Pin<&mut Self>) -> Option<T> {
        AnyFrameOf::take_output(*self)
    }

    fn is_returned(&self) -> bool {
        AnyFrameOf::is_returned(*self)
    }
}

/// A frame handle without a lifetime, for event loops: what a suspend block
/// registers so that the loop can resume the frame later.
///
/// Making one is safe; resuming one is `unsafe`, because nothing ties it to
/// the frame's life.
///
/// ```
/// use coro_runtime::{suspend, Coroutine, RawFrame, Status};
/// use std::cell::Cell;
///
/// #[coro_runtime::coroutine]
/// fn waits(slot: &Cell<Option<RawFrame>>) -> &'static str {
///     suspend!(|me| slot.set(Some(me.raw())));
///     "woken"
/// }
///
/// let slot = Cell::new(None);
/// let mut f = core::pin::pin!(waits(&slot));
/// assert_eq!(f.as_mut().resume(), Status::Suspended);
/// let raw = slot.take().unwrap();
/// // SAFETY: `f` is alive, pinned, suspended where `raw` was made, and
/// // resumed on this thread.
/// assert_eq!(unsafe { raw.resume() }, Status::Returned);
/// assert_eq!(f.as_mut().take_output(), Some("woken"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RawFrame {
    header: NonNull<Header>,
}

// SAFETY: a raw frame is an address; every use of it is `unsafe`, with the
// threading rules in its contract.
unsafe impl Send for RawFrame {}
// SAFETY: as above.
unsafe impl Sync for RawFrame {}

impl RawFrame {
    /// The handle of a live frame, which from now on may be resumed by a
    /// thread holding no reference to it (see [`flags::RAW`]).
    pub(crate) fn from_header(header: NonNull<Header>) -> Self {
        // SAFETY: the caller passes a live frame's header. Whoever receives
        // the handle on another thread got it through something that
        // synchronizes (the contract of `resume`), so the owner sees the
        // flag before that thread can resume the frame.
        unsafe { header.as_ref() }
            .flags
            .fetch_or(flags::RAW, Ordering::Release);
        RawFrame { header }
    }

    /// Resumes the frame: the innermost suspended frame of its chain
    /// continues, and if it returns, the frames awaiting it continue at once
    /// (Zig's `resume`). Returns [`Status::Returned`] if this frame
    /// returned during the call. A resume that arrives while a suspend
    /// block of the chain still runs is deferred: the block's thread
    /// continues the chain when the block returns, and this returns
    /// [`Status::Suspended`].
    ///
    /// # Safety
    ///
    /// - The frame is live: not dropped, and, if it is a child awaited by
    ///   another coroutine, that coroutine is still suspended in the await
    ///   (a child is dropped when its awaiter continues). A frame awaited
    ///   inside a chain is live while the chain's outermost coroutine has
    ///   not moved past that await.
    /// - No thread drops or moves the chain's outermost coroutine during
    ///   the call.
    /// - If the call is on another thread than the one that owns the chain,
    ///   every value of the chain is `Send`.
    ///
    /// The guards still apply: resuming a frame that is running, returned
    /// or poisoned panics with their messages, and concurrent resumes run
    /// one at a time.
    #[track_caller]
    pub unsafe fn resume(self) -> Status {
        // SAFETY: the caller keeps the frame and its chain live, on a thread
        // where its values may run.
        unsafe { chain::resume(self.header) }
    }

    /// Whether the frame returned.
    ///
    /// # Safety
    ///
    /// The frame is live (as for [`resume`](Self::resume)).
    pub unsafe fn is_returned(self) -> bool {
        // SAFETY: the caller keeps the frame live.
        unsafe { self.header.as_ref() }.is_returned()
    }

    /// The frame's address, to identify it.
    pub fn addr(self) -> usize {
        self.header.as_ptr() as usize
    }
}

impl fmt::Debug for RawFrame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RawFrame").field(&self.header).finish()
    }
}
