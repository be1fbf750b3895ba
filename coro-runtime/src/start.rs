//! Start now, await later ([`start`], [`Started`]); boxed coroutines for
//! recursion ([`boxed`]); frame sizes ([`frame_size`], [`frame_size_of`]).

use core::ops::DerefMut;
use core::pin::Pin;

use crate::frame::FrameRef;
use crate::header::{awaiter, index};
use crate::sync::Ordering;
use crate::{Coroutine, Status, Token};

/// Starts a coroutine now, to await it later: Zig's
/// `var f = async child(x); ...; const r = await f;`.
///
/// The frame runs until its first suspension here (unless it has already
/// started). The [`Started`] value is a [`Coroutine`]: `.await` it in a
/// coroutine, or [`run`](crate::run) it at top level. If it has returned by
/// then, the await continues without suspending; if not, the awaiter
/// suspends until it returns, and resuming the awaiter's chain resumes it.
///
/// The frame needs a fixed address from the start, hence the `Pin`: a box
/// (`Box::pin(child(x))`, with the `alloc` feature), or a frame pinned by
/// the caller.
///
/// ```
/// use coro_runtime::{start, suspend, Coroutine};
/// use std::cell::RefCell;
///
/// #[coro_runtime::coroutine]
/// fn child(log: &RefCell<Vec<&'static str>>) -> u32 {
///     log.borrow_mut().push("child runs");
///     suspend!();
///     log.borrow_mut().push("child resumes");
///     7
/// }
///
/// #[coro_runtime::coroutine]
/// fn parent(log: &RefCell<Vec<&'static str>>) -> u32 {
///     let f = start(Box::pin(child(log))); // runs to its first suspension
///     log.borrow_mut().push("parent goes on");
///     f.await * 6
/// }
///
/// let log = RefCell::new(Vec::new());
/// assert_eq!(coro_runtime::run(parent(&log)), 42);
/// assert_eq!(*log.borrow(), ["child runs", "parent goes on", "child resumes"]);
/// ```
pub fn start<P>(frame: Pin<P>) -> Started<P>
where
    P: DerefMut,
    P::Target: Coroutine,
{
    let mut started = Started { frame };
    let unstarted = match started.frame.as_ref().__frame(Token(())) {
        Some(f) => {
            // SAFETY: the frame is borrowed, so live.
            let head = unsafe { f.header.as_ref() };
            // Borrowed from outside any chain: a leftover awaiter is stale.
            head.forget_stale_awaiter();
            head.index.load(Ordering::Acquire) == index::UNSTARTED
        }
        None => true,
    };
    if unstarted {
        started.frame.as_mut().resume();
    }
    started
}

/// A coroutine started by [`start`], to be awaited later (at most once: a
/// second await panics with `coroutine awaited twice`).
///
/// Dropping it unlinks a coroutine that awaits it, if any, and drops the
/// frame if it owns it.
#[must_use = "a started coroutine is meant to be awaited"]
pub struct Started<P>
where
    P: DerefMut,
    P::Target: Coroutine,
{
    frame: Pin<P>,
}

impl<P> Started<P>
where
    P: DerefMut,
    P::Target: Coroutine,
{
    /// A handle to the frame, to resume it from elsewhere meanwhile.
    ///
    /// # Panics
    ///
    /// As [`AnyFrame::of`](crate::AnyFrame::of).
    #[track_caller]
    pub fn handle(&self) -> crate::AnyFrame<'_> {
        crate::AnyFrame::of(self.frame.as_ref())
    }
}

impl<P> Coroutine for Started<P>
where
    P: DerefMut,
    P::Target: Coroutine,
{
    type Output = <P::Target as Coroutine>::Output;

    #[track_caller]
    fn resume(mut self: Pin<&mut Self>) -> Status {
        self.frame.as_mut().resume()
    }

    fn take_output(mut self: Pin<&mut Self>) -> Option<Self::Output> {
        self.frame.as_mut().take_output()
    }

    fn is_returned(&self) -> bool {
        self.frame.is_returned()
    }

    fn __frame(self: Pin<&Self>, token: Token) -> Option<FrameRef<'_, Self::Output>> {
        self.get_ref()
            .frame
            .as_ref()
            .__frame(token)
            .map(FrameRef::through_pointer)
    }
}

impl<P> Unpin for Started<P>
where
    P: DerefMut,
    P::Target: Coroutine,
{
}

impl<P> Drop for Started<P>
where
    P: DerefMut,
    P::Target: Coroutine,
{
    fn drop(&mut self) {
        // A coroutine awaiting this one is going away with us: it must not
        // be continued when the frame returns (the frame may outlive us if
        // `P` borrows it).
        if let Some(frame) = self.frame.as_ref().__frame(Token(())) {
            unlink(frame);
        }
    }
}

/// Clears the awaiter word of a frame whose awaiter goes away.
fn unlink<O>(frame: FrameRef<'_, O>) {
    // SAFETY: the frame is borrowed, so live.
    let head = unsafe { frame.header.as_ref() };
    let word = head.awaiter.load(Ordering::Acquire);
    if awaiter::is_pointer(word) {
        let _ =
            head.awaiter
                .compare_exchange(word, awaiter::NONE, Ordering::AcqRel, Ordering::Relaxed);
    }
}

/// A boxed, type-erased coroutine, owned by whoever awaits it: what
/// [`boxed`] returns. A recursive coroutine awaits one (its own frame type
/// cannot contain itself).
///
/// Awaiting it joins the awaiter's chain like an unboxed child: resuming
/// the chain still enters the innermost frame directly.
#[cfg(feature = "alloc")]
pub struct Boxed<'a, T> {
    inner: Pin<alloc::boxed::Box<dyn Coroutine<Output = T> + 'a>>,
}

/// [`Boxed`], for a coroutine that is `Send`: what [`boxed_send`] returns.
#[cfg(feature = "alloc")]
pub struct SendBoxed<'a, T> {
    inner: Pin<alloc::boxed::Box<dyn Coroutine<Output = T> + Send + 'a>>,
}

/// Boxes a coroutine behind a type-erased pointer the awaiter owns: the way
/// to write recursive coroutines (with the `alloc` feature).
///
/// ```
/// use coro_runtime::boxed;
///
/// #[coro_runtime::coroutine]
/// fn depth(n: u64) -> u64 {
///     if n == 0 {
///         coro_runtime::suspend!();
///         0
///     } else {
///         boxed(depth(n - 1)).await + 1
///     }
/// }
///
/// assert_eq!(coro_runtime::run(depth(1000)), 1000);
/// ```
#[cfg(feature = "alloc")]
pub fn boxed<'a, C>(coroutine: C) -> Boxed<'a, C::Output>
where
    C: Coroutine + 'a,
{
    Boxed {
        inner: alloc::boxed::Box::pin(coroutine),
    }
}

/// [`boxed`], keeping the coroutine `Send`.
///
/// rustc cannot infer that a recursive coroutine is `Send` (the question
/// depends on its own answer), so declare it with the `send` option: the
/// frame type then says `+ Send`, checked where the function is defined.
///
/// ```
/// use coro_runtime::boxed_send;
///
/// #[coro_runtime::coroutine(send)]
/// fn sum(n: u64) -> u64 {
///     if n == 0 { 0 } else { boxed_send(sum(n - 1)).await + n }
/// }
///
/// let total = std::thread::spawn(|| coro_runtime::run(sum(100))).join().unwrap();
/// assert_eq!(total, 5050);
/// ```
#[cfg(feature = "alloc")]
pub fn boxed_send<'a, C>(coroutine: C) -> SendBoxed<'a, C::Output>
where
    C: Coroutine + Send + 'a,
{
    SendBoxed {
        inner: alloc::boxed::Box::pin(coroutine),
    }
}

#[cfg(feature = "alloc")]
macro_rules! boxed_coroutine {
    ($name:ident) => {
        impl<T> Coroutine for $name<'_, T> {
            type Output = T;

            #[track_caller]
            fn resume(mut self: Pin<&mut Self>) -> Status {
                self.inner.as_mut().resume()
            }

            fn take_output(mut self: Pin<&mut Self>) -> Option<T> {
                self.inner.as_mut().take_output()
            }

            fn is_returned(&self) -> bool {
                self.inner.is_returned()
            }

            fn __frame(self: Pin<&Self>, token: Token) -> Option<FrameRef<'_, T>> {
                // The box is owned by whoever owns `self`: the frame inside
                // (if it is one, rather than a borrow of one) is theirs.
                self.get_ref().inner.as_ref().__frame(token)
            }
        }

        impl<T> Unpin for $name<'_, T> {}

        impl<T> core::fmt::Debug for $name<'_, T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("returned", &self.inner.is_returned())
                    .finish_non_exhaustive()
            }
        }
    };
}

#[cfg(feature = "alloc")]
boxed_coroutine!(Boxed);
#[cfg(feature = "alloc")]
boxed_coroutine!(SendBoxed);

/// The size in bytes of a coroutine's frame: Zig's `@sizeOf(@Frame(f))` for
/// a frame you have. Nothing runs.
///
/// ```
/// #[coro_runtime::coroutine]
/// fn small() -> u8 {
///     coro_runtime::suspend!();
///     1
/// }
///
/// let f = small();
/// assert_eq!(coro_runtime::frame_size(&f), core::mem::size_of_val(&f));
/// assert!(coro_runtime::frame_size(&f) <= 48);
/// ```
pub fn frame_size<C: Coroutine>(coroutine: &C) -> usize {
    core::mem::size_of_val(coroutine)
}

/// The frame type a coroutine function returns, for [`frame_size_of`].
/// Implemented for functions and closures of up to eight arguments that
/// return a [`Coroutine`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a function returning a coroutine",
    label = "expected a `#[coro_runtime::coroutine]` fn (of up to eight arguments)",
    note = "pass the function itself (`frame_size_of(my_coroutine)`), not a call of it"
)]
pub trait CoroutineFn<Args> {
    /// The frame type.
    type Frame: Coroutine;
}

macro_rules! coroutine_fn {
    ($($arg:ident),*) => {
        impl<Func, Frame, $($arg),*> CoroutineFn<($($arg,)*)> for Func
        where
            Func: FnOnce($($arg),*) -> Frame,
            Frame: Coroutine,
        {
            type Frame = Frame;
        }
    };
}

coroutine_fn!();
coroutine_fn!(A1);
coroutine_fn!(A1, A2);
coroutine_fn!(A1, A2, A3);
coroutine_fn!(A1, A2, A3, A4);
coroutine_fn!(A1, A2, A3, A4, A5);
coroutine_fn!(A1, A2, A3, A4, A5, A6);
coroutine_fn!(A1, A2, A3, A4, A5, A6, A7);
coroutine_fn!(A1, A2, A3, A4, A5, A6, A7, A8);

/// The size in bytes of the frame a coroutine function returns, without
/// calling it: Zig's `@sizeOf(@Frame(f))`. The frame type is a
/// compile-time constant of the function; this reads it through type
/// inference (generic functions need their parameters spelled:
/// `frame_size_of(f::<u32>)`).
///
/// ```
/// #[coro_runtime::coroutine]
/// fn add(a: u64, b: u64) -> u64 {
///     coro_runtime::suspend!();
///     a + b
/// }
///
/// let size = coro_runtime::frame_size_of(add);
/// assert_eq!(size, core::mem::size_of_val(&add(1, 2)));
/// ```
pub fn frame_size_of<F, Args>(_function: F) -> usize
where
    F: CoroutineFn<Args>,
{
    core::mem::size_of::<F::Frame>()
}
