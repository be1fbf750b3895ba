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

    /// [`Coroutine::resume`], then [`take_yield`](Generator::take_yield)
    /// if it suspended: `None` once it returned. One call, so that a frame
    /// can hand its value over while it still holds itself, without a
    /// second look at its header ([`Iter`]'s step). Only the runtime can
    /// call this (it takes a token only the runtime can make).
    #[doc(hidden)]
    #[inline]
    fn __resume_take(mut self: Pin<&mut Self>, _: crate::Token) -> Option<Option<Self::Yield>> {
        match self.as_mut().resume() {
            Status::Suspended => Some(self.take_yield()),
            Status::Returned => None,
        }
    }

    /// The frame's `GenIo`, for `yield_from!`. Only the runtime can call
    /// this (it takes a token only the runtime can make).
    #[doc(hidden)]
    fn __io(
        self: Pin<&mut Self>,
        _: crate::Token,
    ) -> Option<core::ptr::NonNull<GenIo<Self::Yield, Self::Resume>>> {
        None
    }
}

impl<P> Generator for Pin<P>
where
    P: core::ops::DerefMut,
    P::Target: Generator,
{
    type Yield = <P::Target as Generator>::Yield;
    type Resume = <P::Target as Generator>::Resume;

    #[inline]
    fn resume_with(self: Pin<&mut Self>, arg: Self::Resume) -> Status {
        self.as_deref_mut().resume_with(arg)
    }

    #[inline]
    fn take_yield(self: Pin<&mut Self>) -> Option<Self::Yield> {
        self.as_deref_mut().take_yield()
    }

    #[inline]
    fn __resume_take(self: Pin<&mut Self>, token: crate::Token) -> Option<Option<Self::Yield>> {
        self.as_deref_mut().__resume_take(token)
    }

    fn __io(
        self: Pin<&mut Self>,
        token: crate::Token,
    ) -> Option<core::ptr::NonNull<GenIo<Self::Yield, Self::Resume>>> {
        self.as_deref_mut().__io(token)
    }
}

impl<G: Generator + Unpin + ?Sized> Generator for &mut G {
    type Yield = G::Yield;
    type Resume = G::Resume;

    #[inline]
    fn resume_with(self: Pin<&mut Self>, arg: Self::Resume) -> Status {
        Pin::new(&mut **self.get_mut()).resume_with(arg)
    }

    #[inline]
    fn take_yield(self: Pin<&mut Self>) -> Option<Self::Yield> {
        Pin::new(&mut **self.get_mut()).take_yield()
    }

    #[inline]
    fn __resume_take(self: Pin<&mut Self>, token: crate::Token) -> Option<Option<Self::Yield>> {
        Pin::new(&mut **self.get_mut()).__resume_take(token)
    }

    fn __io(
        self: Pin<&mut Self>,
        token: crate::Token,
    ) -> Option<core::ptr::NonNull<GenIo<Self::Yield, Self::Resume>>> {
        Pin::new(&mut **self.get_mut()).__io(token)
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
    G: Generator + Unpin,
    G::Resume: ResumedWithNothing,
{
    Iter {
        generator,
        done: false,
    }
}

/// A boxed, type-erased generator, owned by whoever delegates to it: what
/// [`boxed_generator`] returns. Delegating to it joins the delegator's
/// chain like an unboxed child (as [`Boxed`](crate::Boxed) does for an
/// await): each value still goes straight from the innermost generator to
/// the resumer.
#[cfg(feature = "alloc")]
pub struct BoxedGenerator<'a, Y, R, T> {
    inner: Pin<alloc::boxed::Box<dyn Generator<Yield = Y, Resume = R, Output = T> + 'a>>,
}

/// [`BoxedGenerator`], for a generator that is `Send`: what
/// [`boxed_generator_send`] returns, itself `Send` (not `Sync`), so that a
/// recursive generator can run on another thread or on the threaded
/// executor.
#[cfg(feature = "alloc")]
pub struct SendBoxedGenerator<'a, Y, R, T> {
    inner: Pin<alloc::boxed::Box<dyn Generator<Yield = Y, Resume = R, Output = T> + Send + 'a>>,
}

/// The impls both boxed generators share.
#[cfg(feature = "alloc")]
macro_rules! boxed_generator_impls {
    ($name:ident) => {
        impl<Y, R, T> Unpin for $name<'_, Y, R, T> {}

        impl<Y, R, T> core::fmt::Debug for $name<'_, Y, R, T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("returned", &self.inner.is_returned())
                    .finish_non_exhaustive()
            }
        }

        impl<Y, R, T> Coroutine for $name<'_, Y, R, T> {
            type Output = T;

            #[track_caller]
            #[inline]
            fn resume(mut self: Pin<&mut Self>) -> Status {
                self.inner.as_mut().resume()
            }

            #[inline]
            fn take_output(mut self: Pin<&mut Self>) -> Option<T> {
                self.inner.as_mut().take_output()
            }

            fn is_returned(&self) -> bool {
                self.inner.is_returned()
            }

            fn __frame(
                self: Pin<&Self>,
                token: crate::Token,
            ) -> Option<crate::__private::FrameRef<'_, T>> {
                // The box is owned by whoever owns `self`, as for `Boxed`.
                self.get_ref().inner.as_ref().__frame(token)
            }
        }

        impl<Y, R, T> Generator for $name<'_, Y, R, T> {
            type Yield = Y;
            type Resume = R;

            #[inline]
            fn resume_with(mut self: Pin<&mut Self>, arg: R) -> Status {
                self.inner.as_mut().resume_with(arg)
            }

            #[inline]
            fn take_yield(mut self: Pin<&mut Self>) -> Option<Y> {
                self.inner.as_mut().take_yield()
            }

            #[inline]
            fn __resume_take(mut self: Pin<&mut Self>, token: crate::Token) -> Option<Option<Y>> {
                self.inner.as_mut().__resume_take(token)
            }

            fn __io(
                mut self: Pin<&mut Self>,
                token: crate::Token,
            ) -> Option<core::ptr::NonNull<GenIo<Y, R>>> {
                self.inner.as_mut().__io(token)
            }
        }

        /// A boxed generator that takes nothing in iterates by itself:
        /// `for x in boxed_generator(gen()) { .. }`.
        impl<'a, Y, T> IntoIterator for $name<'a, Y, (), T> {
            type Item = Y;
            type IntoIter = Iter<$name<'a, Y, (), T>>;

            fn into_iter(self) -> Self::IntoIter {
                iter(self)
            }
        }
    };
}

#[cfg(feature = "alloc")]
boxed_generator_impls!(BoxedGenerator);
#[cfg(feature = "alloc")]
boxed_generator_impls!(SendBoxedGenerator);

/// Boxes a generator behind a type-erased pointer: the way to write
/// recursive generators, which delegate to themselves (with the `alloc`
/// feature).
///
/// ```
/// use coro_runtime::{boxed_generator, suspend, yield_from};
///
/// enum Tree {
///     Leaf(u32),
///     Node(Box<Tree>, Box<Tree>),
/// }
///
/// #[coro_runtime::coroutine(yield = u32)]
/// fn leaves(tree: &Tree) {
///     match tree {
///         Tree::Leaf(v) => suspend!(*v),
///         Tree::Node(l, r) => {
///             yield_from!(boxed_generator(leaves(l)));
///             yield_from!(boxed_generator(leaves(r)));
///         }
///     }
/// }
///
/// let t = Tree::Node(
///     Box::new(Tree::Leaf(1)),
///     Box::new(Tree::Node(Box::new(Tree::Leaf(2)), Box::new(Tree::Leaf(3)))),
/// );
/// let v: Vec<u32> = coro_runtime::iter(core::pin::pin!(leaves(&t))).collect();
/// assert_eq!(v, [1, 2, 3]);
/// // Boxed, it iterates by itself.
/// let mut sum = 0;
/// for x in boxed_generator(leaves(&t)) {
///     sum += x;
/// }
/// assert_eq!(sum, 6);
/// ```
#[cfg(feature = "alloc")]
pub fn boxed_generator<'a, G>(generator: G) -> BoxedGenerator<'a, G::Yield, G::Resume, G::Output>
where
    G: Generator + 'a,
{
    BoxedGenerator {
        inner: alloc::boxed::Box::pin(generator),
    }
}

/// [`boxed_generator`] for a generator that is `Send`; the result is `Send`
/// too. A recursive generator cannot be proven `Send` by rustc (its type
/// would contain itself): declare it `send`, which makes the macro state
/// it, and box its recursive calls with this.
///
/// ```
/// use coro_runtime::{boxed_generator_send, suspend, yield_from};
///
/// #[coro_runtime::coroutine(yield = u64, send)]
/// fn countdown(n: u64) {
///     if n > 0 {
///         suspend!(n);
///         yield_from!(boxed_generator_send(countdown(n - 1)));
///     }
/// }
///
/// let g = boxed_generator_send(countdown(3));
/// let v: Vec<u64> = std::thread::spawn(move || g.into_iter().collect())
///     .join()
///     .unwrap();
/// assert_eq!(v, [3, 2, 1]);
/// ```
#[cfg(feature = "alloc")]
pub fn boxed_generator_send<'a, G>(
    generator: G,
) -> SendBoxedGenerator<'a, G::Yield, G::Resume, G::Output>
where
    G: Generator + Send + 'a,
{
    SendBoxedGenerator {
        inner: alloc::boxed::Box::pin(generator),
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

/// The resume type of a generator [`iter`] accepts: `()`.
#[diagnostic::on_unimplemented(
    message = "`iter` resumes without a value, but this generator takes `{Self}` values in",
    label = "a generator with `resume = {Self}`",
    note = "drive it with `resume_with` and `take_yield`"
)]
pub trait ResumedWithNothing: sealed::Sealed {}

#[diagnostic::do_not_recommend]
impl ResumedWithNothing for () {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for () {}
    impl Sealed for crate::__private::NoType {}
}

// A second impl, for no type anyone has: with one impl only, rustc would
// report a type mismatch instead of the message above.
#[diagnostic::do_not_recommend]
impl ResumedWithNothing for crate::__private::NoType {}

// The bounds are checked by `iter`, the only way to make an `Iter`: here
// they would only repeat its errors.
impl<G: Generator> Iterator for Iter<G> {
    type Item = G::Yield;

    #[inline]
    fn next(&mut self) -> Option<G::Yield> {
        if self.done {
            return None;
        }
        // SAFETY: `iter` required `G: Unpin`.
        let mut generator = unsafe { Pin::new_unchecked(&mut self.generator) };
        loop {
            match generator.as_mut().__resume_take(crate::Token(())) {
                Some(Some(value)) => return Some(value),
                // Suspended at a plain `suspend!()`, or inside an awaited
                // coroutine: resume again.
                Some(None) => {}
                None => {
                    self.done = true;
                    return None;
                }
            }
        }
    }
}

impl<G: Generator> core::iter::FusedIterator for Iter<G> {}

/// The values a generator's frame hands out and takes in (see the module
/// docs). Only the generated body and [`Generator`]'s impl touch it.
///
/// A generator that a `yield_from!` delegates to hands out into, and takes
/// in from, its delegator's slots (or theirs, up to the frame the resumer
/// holds): `out` and `inp` point there, set when the delegation starts.
#[doc(hidden)]
pub struct GenIo<Y, R> {
    pub(crate) yielded: Option<Y>,
    pub(crate) resumed: Option<R>,
    /// Where `suspend!(v)` stores: null for `yielded`.
    out: *mut Option<Y>,
    /// Where the body takes the value passed in: null for `resumed`.
    inp: *mut Option<R>,
    /// Suspended in a `yield_from!`: values pass through this frame's
    /// slots while it awaits its delegate.
    pub(crate) delegating: bool,
}

// SAFETY: `out` and `inp` point into frames that own this one (the
// delegators, which hold it in a slot) and move between threads with it;
// the values are those of `Option<Y>` and `Option<R>`.
unsafe impl<Y: Send, R: Send> Send for GenIo<Y, R> {}

impl<Y, R> GenIo<Y, R> {
    /// Empty.
    #[inline(always)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        GenIo {
            yielded: None,
            resumed: None,
            out: core::ptr::null_mut(),
            inp: core::ptr::null_mut(),
            delegating: false,
        }
    }

    fn out(&mut self) -> *mut Option<Y> {
        if self.out.is_null() {
            &mut self.yielded
        } else {
            self.out
        }
    }

    fn inp(&mut self) -> *mut Option<R> {
        if self.inp.is_null() {
            &mut self.resumed
        } else {
            self.inp
        }
    }
}

/// The `GenIo` at the head of a generator's states, from its slot: a
/// `ManuallyDrop`, since the body drops it ([`drop_io`]) and the frame's
/// storage has no drop glue of its own.
#[doc(hidden)]
#[inline(always)]
pub fn io_of<Y, R>(slot: *mut core::mem::ManuallyDrop<GenIo<Y, R>>) -> *mut GenIo<Y, R> {
    slot.cast()
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
    // SAFETY: as the caller guarantees; `out` and `inp` point into the
    // frames that own this one, which the same run holds.
    // Each store is made only when it changes something: most entries find
    // the value handed out taken and nothing passed in, and stores are what
    // a resume spends most of its time on.
    unsafe {
        let io = &mut *io;
        if io.delegating {
            io.delegating = false;
        }
        let out = io.out();
        if (*out).is_some() {
            *out = None;
        }
        let inp = io.inp();
        if (*inp).is_some() {
            (*inp).take()
        } else {
            None
        }
    }
}

/// `suspend!(value)`: stores the value handed out.
///
/// # Safety
///
/// As for [`enter`].
#[doc(hidden)]
#[inline(always)]
pub unsafe fn hand_out<Y, R>(io: *mut GenIo<Y, R>, value: Y) {
    // SAFETY: as for `enter`.
    unsafe { *(*io).out() = Some(value) };
}

/// `yield_from!(child)`, as the delegation starts: `child` hands out into,
/// and takes in from, the slots this frame does, and this frame is marked
/// delegating until it is entered again.
///
/// # Safety
///
/// As for [`enter`]; `child` is in one of the frame's slots, where it stays
/// until it is dropped, and was made by `Delegation::new::<Y, R>`, so its
/// `Yield` is `Y` and its `Resume` is `R`. (The types are not bound here:
/// `Delegation::new` reports a mismatch, once, at the user's operand.)
#[doc(hidden)]
#[inline(always)]
pub unsafe fn delegate<G: Generator, Y, R>(child: *mut Delegation<G>, io: *mut GenIo<Y, R>) {
    // SAFETY: as the caller guarantees: the child is pinned in the frame.
    let child = unsafe { Pin::new_unchecked(&mut (*child).0) };
    if let Some(inner) = child.__io(crate::Token(())) {
        // SAFETY: `inner` is the child's `GenIo`, which nothing else uses
        // while the delegator runs; `io` is the delegator's; the types are
        // the same (the caller's contract).
        unsafe {
            let io = &mut *io;
            let inner = &mut *inner.as_ptr();
            inner.out = io.out().cast();
            inner.inp = io.inp().cast();
        }
    }
    // SAFETY: as the caller guarantees.
    unsafe { (*io).delegating = true };
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

/// The slot of a `yield_from!` child: the child itself, which on drop
/// (once it returned, or with its delegator) stops handing out into the
/// delegator's slots, in case it lives on (`yield_from!(&mut g)`).
#[doc(hidden)]
pub struct Delegation<G: Generator>(G);

impl<G: Generator> Delegation<G> {
    /// The slot of `child`, a generator of the delegator's types `Y` and
    /// `R` (in the check copy too: a mismatch is reported here, at the
    /// operand).
    ///
    /// # Safety
    ///
    /// Stored in a slot of the frame (pinned) before it is used.
    #[inline(always)]
    pub unsafe fn new<Y, R>(child: G) -> Self
    where
        G: Generator<Yield = Y, Resume = R>,
    {
        Delegation(child)
    }

    /// In the check copy: what `yield_from!` evaluates to. Never called.
    pub fn output(self) -> G::Output {
        unreachable!("coro: the check copy is never run")
    }

    fn child(self: Pin<&mut Self>) -> Pin<&mut G> {
        // SAFETY: structural pinning: the child is never moved out.
        unsafe { self.map_unchecked_mut(|d| &mut d.0) }
    }
}

impl<G: Generator> Drop for Delegation<G> {
    fn drop(&mut self) {
        // SAFETY: the slot is pinned (`new`'s contract), so is the child.
        let child = unsafe { Pin::new_unchecked(&mut self.0) };
        if let Some(io) = child.__io(crate::Token(())) {
            // SAFETY: the child's `GenIo`, used by nobody else now.
            unsafe {
                let io = &mut *io.as_ptr();
                io.out = core::ptr::null_mut();
                io.inp = core::ptr::null_mut();
            }
        }
    }
}

impl<G: Generator> Coroutine for Delegation<G> {
    type Output = G::Output;

    #[inline]
    fn resume(self: Pin<&mut Self>) -> Status {
        self.child().resume()
    }

    #[inline]
    fn take_output(self: Pin<&mut Self>) -> Option<G::Output> {
        self.child().take_output()
    }

    fn is_returned(&self) -> bool {
        self.0.is_returned()
    }

    fn __frame(
        self: Pin<&Self>,
        token: crate::Token,
    ) -> Option<crate::__private::FrameRef<'_, G::Output>> {
        // SAFETY: structural pinning, as above. The child is held inline,
        // so it is as owned as it is by itself.
        unsafe { self.map_unchecked(|d| &d.0) }.__frame(token)
    }
}
