//! Generators: coroutines that hand a value out when they suspend
//! (`suspend!(value)`) and take one in when they are resumed
//! (`let x = suspend!()`), and [`iter`], which makes an `Iterator` of one.
//!
//! # Where the values live
//!
//! A `#[coroutine(yield = Y, resume = R)]` frame has one more slot, a
//! `GenIo<Y, R>` before the others: the value handed out by the point the
//! frame is suspended at, and the value passed in for the point it resumes
//! at. Both are empty while the body does not run at one of its own points:
//!
//! - `suspend!(v)` stores `v` and suspends; [`Generator::take_yield`] takes
//!   it. Each time the body is entered again, a value nobody took is dropped,
//!   so a frame never holds more than one.
//! - [`Generator::resume_with`] stores the value, then resumes; the body
//!   takes it as it enters, and `suspend!()` evaluates to it. A frame that is
//!   not suspended at one of its own points (not started, or suspended inside
//!   an awaited coroutine) does not wait for a value: one passed then is
//!   dropped.

use core::pin::Pin;

use crate::{Coroutine, Status};

/// A coroutine that hands out a value of type [`Yield`](Generator::Yield)
/// each time it suspends with `suspend!(value)`, and takes a value of type
/// [`Resume`](Generator::Resume) each time it is resumed, which its
/// `suspend!()` evaluates to. Write one with
/// `#[coro_runtime::coroutine(yield = Y, resume = R)]` (either may be left
/// out: it is `()`).
///
/// ```
/// use coro_runtime::{suspend, Coroutine, Generator, Status};
///
/// #[coro_runtime::coroutine(yield = u32, resume = u32)]
/// fn running_sum() -> u32 {
///     let mut sum = 0;
///     loop {
///         let x = suspend!(sum); // hand out the sum, take the next term
///         if x == 0 {
///             return sum;
///         }
///         sum += x;
///     }
/// }
///
/// let mut g = core::pin::pin!(running_sum());
/// assert_eq!(g.as_mut().resume(), Status::Suspended); // runs to the first point
/// assert_eq!(g.as_mut().take_yield(), Some(0));
/// g.as_mut().resume_with(5);
/// assert_eq!(g.as_mut().take_yield(), Some(5));
/// g.as_mut().resume_with(7);
/// assert_eq!(g.as_mut().take_yield(), Some(12));
/// assert_eq!(g.as_mut().take_yield(), None); // taken already
/// assert_eq!(g.as_mut().resume_with(0), Status::Returned);
/// assert_eq!(g.as_mut().take_output(), Some(12));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a generator",
    label = "expected a coroutine that hands out values",
    note = "a `#[coro_runtime::coroutine(yield = T)]` fn returns one; `suspend!(value)` hands `value` out"
)]
pub trait Generator: Coroutine {
    /// What `suspend!(value)` hands out.
    type Yield;
    /// What [`resume_with`](Generator::resume_with) passes in, and
    /// `suspend!()` evaluates to.
    type Resume;

    /// Resumes the coroutine with `arg`, which the `suspend!()` it is
    /// suspended at evaluates to. Before the first resume, and while the
    /// coroutine is suspended inside an awaited coroutine, nothing waits for
    /// a value: `arg` is dropped, and the coroutine resumed as by
    /// [`Coroutine::resume`].
    ///
    /// # Panics
    ///
    /// As [`Coroutine::resume`] does.
    fn resume_with(self: Pin<&mut Self>, arg: Self::Resume) -> Status;

    /// Takes the value handed out by the `suspend!(value)` the coroutine is
    /// suspended at: `None` if it is suspended elsewhere (at a plain
    /// `suspend!()`, or inside an awaited coroutine), if it is not
    /// suspended, and when the value was taken already. A value nobody takes
    /// is dropped when the coroutine is resumed, or dropped.
    fn take_yield(self: Pin<&mut Self>) -> Option<Self::Yield>;
}

impl<P> Generator for Pin<P>
where
    P: core::ops::DerefMut,
    P::Target: Generator,
{
    type Yield = <P::Target as Generator>::Yield;
    type Resume = <P::Target as Generator>::Resume;

    fn resume_with(self: Pin<&mut Self>, arg: Self::Resume) -> Status {
        self.as_deref_mut().resume_with(arg)
    }

    fn take_yield(self: Pin<&mut Self>) -> Option<Self::Yield> {
        self.as_deref_mut().take_yield()
    }
}

impl<G: Generator + Unpin + ?Sized> Generator for &mut G {
    type Yield = G::Yield;
    type Resume = G::Resume;

    fn resume_with(self: Pin<&mut Self>, arg: Self::Resume) -> Status {
        Pin::new(&mut **self.get_mut()).resume_with(arg)
    }

    fn take_yield(self: Pin<&mut Self>) -> Option<Self::Yield> {
        Pin::new(&mut **self.get_mut()).take_yield()
    }
}

/// An `Iterator` over the values a generator hands out: each `next`
/// resumes it until it suspends with a value (a plain `suspend!()` is
/// resumed again) or returns (its output is dropped with it). The frame
/// must be pinned, since it may borrow its own values: pin it on the stack
/// with [`core::pin::pin!`], or in a box with `Box::pin`.
///
/// ```
/// use coro_runtime::suspend;
/// use core::pin::pin;
///
/// #[coro_runtime::coroutine(yield = u64)]
/// fn fibonacci(n: usize) {
///     let (mut a, mut b) = (0, 1);
///     for _ in 0..n {
///         suspend!(a);
///         (a, b) = (b, a + b);
///     }
/// }
///
/// let mut seen = Vec::new();
/// for x in coro_runtime::iter(pin!(fibonacci(10))) {
///     seen.push(x);
/// }
/// assert_eq!(seen, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
/// ```
///
/// A frame that is not pinned does not compile:
///
/// ```compile_fail
/// # #[coro_runtime::coroutine(yield = u32)]
/// # fn one() { coro_runtime::suspend!(1) }
/// for x in coro_runtime::iter(one()) {} // `PhantomPinned` cannot be unpinned
/// ```
pub fn iter<G>(generator: G) -> Iter<G>
where
    G: Generator<Resume = ()> + Unpin,
{
    Iter {
        generator,
        done: false,
    }
}

/// The iterator [`iter`] returns.
#[derive(Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Iter<G> {
    generator: G,
    done: bool,
}

impl<G> Iter<G> {
    /// The generator, to take its output once the iterator has ended.
    pub fn into_inner(self) -> G {
        self.generator
    }
}

impl<G> Iterator for Iter<G>
where
    G: Generator<Resume = ()> + Unpin,
{
    type Item = G::Yield;

    #[inline]
    fn next(&mut self) -> Option<G::Yield> {
        if self.done {
            return None;
        }
        let mut generator = Pin::new(&mut self.generator);
        loop {
            match generator.as_mut().resume() {
                Status::Suspended => {
                    if let Some(value) = generator.as_mut().take_yield() {
                        return Some(value);
                    }
                }
                Status::Returned => {
                    self.done = true;
                    return None;
                }
            }
        }
    }
}

impl<G> core::iter::FusedIterator for Iter<G> where G: Generator<Resume = ()> + Unpin {}

/// The values a generator's frame hands out and takes in (see the module
/// docs). Only the generated body and [`Generator`]'s impl touch it.
#[doc(hidden)]
pub struct GenIo<Y, R> {
    pub(crate) yielded: Option<Y>,
    pub(crate) resumed: Option<R>,
}

impl<Y, R> GenIo<Y, R> {
    /// Empty.
    #[inline(always)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        GenIo {
            yielded: None,
            resumed: None,
        }
    }
}

/// Called by the body each time it is entered (not to drop): drops a value
/// handed out that nobody took, and takes the value passed in.
///
/// # Safety
///
/// `io` is the frame's `GenIo`, and the body runs (it holds the frame).
#[doc(hidden)]
#[inline(always)]
pub unsafe fn enter<Y, R>(io: *mut GenIo<Y, R>) -> Option<R> {
    // SAFETY: as the caller guarantees.
    let io = unsafe { &mut *io };
    io.yielded = None;
    io.resumed.take()
}

/// `suspend!(value)`: stores the value handed out.
///
/// # Safety
///
/// As for [`enter`].
#[doc(hidden)]
#[inline(always)]
pub unsafe fn hand_out<Y, R>(io: *mut GenIo<Y, R>, value: Y) {
    // SAFETY: as the caller guarantees.
    unsafe { (*io).yielded = Some(value) };
}

/// Drops what the frame's `GenIo` holds (the body dropping its values).
///
/// # Safety
///
/// As for [`enter`]; the `GenIo` is not used again.
#[doc(hidden)]
#[inline(always)]
pub unsafe fn drop_io<Y, R>(io: *mut GenIo<Y, R>) {
    // SAFETY: as the caller guarantees.
    unsafe { core::ptr::drop_in_place(io) };
}

/// What `suspend!()` evaluates to in a generator: the value passed in.
#[doc(hidden)]
#[track_caller]
#[inline(always)]
pub fn resumed<R>(value: &mut Option<R>) -> R {
    match value.take() {
        Some(value) => value,
        None => missing_resume_value(),
    }
}

#[cold]
#[track_caller]
#[inline(never)]
fn missing_resume_value() -> ! {
    panic!(
        "resumed without a value: this coroutine takes one when it resumes (`resume = ..`); \
         resume it with `resume_with`"
    )
}

/// In the check copy: the value `suspend!()` evaluates to. Never called.
#[doc(hidden)]
pub fn check_resumed<R>() -> R {
    unreachable!("coro: the check copy is never run")
}

/// In the check copy: `suspend!(value)` hands out a `Y`.
#[doc(hidden)]
#[inline(always)]
pub fn check_hand_out<Y>(value: Y) {
    let _ = value;
}
