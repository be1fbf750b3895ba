//! Zig-style stackless coroutines for stable Rust.
//!
//! `#[coro_runtime::coroutine]` rewrites an ordinary function that contains
//! [`suspend!()`](suspend) and `.await` into a state machine over a *frame*:
//! a value that holds the function's arguments, then the values alive at the
//! point where it suspended, then its output. Calling the function runs
//! nothing; it returns the frame. [`Coroutine::resume`] runs it until the next
//! suspension anywhere in its await chain, or the end.
//!
//! ```
//! use coro_runtime::{suspend, Coroutine, Status};
//!
//! #[coro_runtime::coroutine]
//! fn load(id: u32) -> String {
//!     suspend!(); // give control back to whoever resumed us
//!     format!("item {id}")
//! }
//!
//! #[coro_runtime::coroutine]
//! fn load_all(ids: Vec<u32>, log: &mut Vec<String>) -> usize {
//!     let mut n = 0;
//!     for id in ids {
//!         let item = load(id).await; // its frame lives inside ours
//!         log.push(item);
//!         n += 1;
//!     }
//!     n
//! }
//!
//! let mut log = Vec::new();
//! {
//!     let mut frame = core::pin::pin!(load_all(vec![1, 2], &mut log));
//!     assert_eq!(frame.as_mut().resume(), Status::Suspended); // inside load(1)
//!     assert_eq!(frame.as_mut().resume(), Status::Suspended); // inside load(2)
//!     assert_eq!(frame.as_mut().resume(), Status::Returned);
//!     assert_eq!(frame.as_mut().take_output(), Some(2));
//! }
//! assert_eq!(log, ["item 1", "item 2"]);
//! ```
//!
//! # Spelling the attribute
//!
//! Write the attribute with its path, `#[coro_runtime::coroutine]`, or use
//! the short alias [`coro`](macro@coro): `use coro_runtime::coro;` then
//! `#[coro]`. A bare `#[coroutine]` after `use coro_runtime::coroutine;` does
//! not compile: rustc has a built-in (unstable) attribute of the same name,
//! and the two are ambiguous (error E0659).
//!
//! # `.await` and `r#await!`
//!
//! Inside a `#[coroutine]` fn, `child(args).await` awaits another coroutine.
//! The idea this crate comes from spells it `await!(child(args))`, but since
//! Rust 2018 `await` is a keyword and the parser rejects `await!(...)` before
//! any macro could see it. The macro spelling is therefore
//! [`r#await!(child(args))`](macro.await.html), which means the same as
//! `.await`.
//!
//! # Guards
//!
//! Resuming a frame that cannot be resumed panics:
//!
//! | situation                               | panic message                                 |
//! |-----------------------------------------|-----------------------------------------------|
//! | it already returned                     | `resumed a coroutine which already returned`  |
//! | a panic escaped its body earlier        | `resumed a coroutine after it panicked`       |
//! | it is running (re-entrant or racing)    | `resumed a non-suspended coroutine`           |
//! | a second await of the same frame        | `coroutine awaited twice`                     |
//!
//! # The frame protocol
//!
//! Around frames, the runtime re-creates Zig's async frame protocol
//! (`docs/protocol.md` in the repository has the details):
//!
//! - [`AnyFrame`] and [`AnyFrameOf`] are Zig's `anyframe` and `anyframe->T`:
//!   type-erased handles that borrow a frame, to resume it (and take its
//!   output) without knowing its type. [`RawFrame`] is the same without a
//!   lifetime, for event loops; resuming it is `unsafe`.
//! - `suspend!(|me| ..)` is Zig's `suspend { .. }`: the block runs once the
//!   frame is suspended, with a [`SelfFrame`] to resume it (from the block,
//!   or from a thread the block hands it to) or to register it with an event
//!   loop. `examples/event_loop.rs` is a small event loop built on it.
//! - [`start`] is Zig's `async f(x)`: it runs a frame to its first
//!   suspension, and the [`Started`] frame is awaited later.
//! - [`boxed`] makes recursion possible; [`frame_size_of`] is Zig's
//!   `@frameSize`.
//! - Frames are `Send` when their values are. Resumes from several threads
//!   are serialized, and the loser of a race panics with the guard.
//!
//! # Features
//!
//! `std` (default) implies `alloc`, which adds [`boxed`], [`boxed_send`] and
//! the scheduler ([`sched`]; its threaded executor and timers on the real
//! clock need `std`).
//! Without them the crate is `#![no_std]` and needs no allocator.
#![no_std]
#![warn(missing_docs, unsafe_op_in_unsafe_fn)]

extern crate self as coro_runtime;

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

mod chain;
mod frame;
mod generator;
mod handle;
mod header;
mod inplace;
#[cfg(feature = "alloc")]
pub mod sched;
mod start;
mod sync;
mod try_trait;

use core::pin::Pin;

pub use frame::{SelfFrame, SentFrame};
#[cfg(feature = "alloc")]
pub use generator::{BoxedGenerator, SendBoxedGenerator, boxed_generator, boxed_generator_send};
pub use generator::{Generator, Iter, ResumedWithNothing, iter};
pub use handle::{AnyFrame, AnyFrameOf, Local, RawFrame, Shared};
#[cfg(feature = "alloc")]
pub use start::{Boxed, SendBoxed, boxed, boxed_send};
pub use start::{CoroutineFn, Started, frame_size, frame_size_of, start};

use frame::Token;

/// Turns a function containing `suspend!()` and `.await` into a coroutine.
///
/// Calling the function runs nothing and returns a frame implementing
/// [`Coroutine<Output = T>`](Coroutine), where `T` is the function's return
/// type. See the [crate documentation](crate) for the model, and
/// `docs/how-it-works.md` in the repository for the transform.
///
/// ```
/// #[coro_runtime::coroutine]
/// fn twice(x: u32) -> u32 {
///     coro_runtime::suspend!();
///     x * 2
/// }
/// assert_eq!(coro_runtime::run(twice(21)), 42);
/// ```
///
/// `yield = Y` and `resume = R` make the fn a [`Generator`]: `suspend!(v)`
/// hands `v` out, and `suspend!()` evaluates to the value passed to
/// [`resume_with`](Generator::resume_with) (see [`iter`]). Either may be
/// left out where the body spells the type: the yield type from the first
/// `suspend!(value)` whose value is a cast, a suffixed, string, char or
/// bool literal, `format!(..)` or a typed parameter; the resume type from
/// the first `let x: T = suspend!(..)`.
///
/// Options: `#[coro_runtime::coroutine(crate = path::to::coro_runtime)]`
/// when the runtime is not reachable as `::coro_runtime` (a renamed
/// dependency, or a crate that re-exports it). `inline` inlines the body
/// into its frame's resume whatever its size, as `#[inline]` does for a
/// function: small bodies are inlined anyway, a larger one is otherwise
/// called, which costs a call per resume (a body with a 1 KiB buffer and
/// five values alive across its point runs 1.2 times faster inlined) and
/// saves build time (the body is compiled once instead of three times:
/// docs/benchmarks.md).
///
/// Every value alive across a suspension point keeps one address in the
/// frame, so it may be borrowed across points (`read(&mut buf).await`,
/// `v.iter()`, `s.as_str()`), and each statement is compiled once. The few
/// constructs the transform does not handle yet (listed in
/// `docs/limitations.md`) are a compile error at the construct that says
/// what to write instead. `inplace` is accepted as an option and changes
/// nothing (it chose this lowering while an older one existed).
///
/// ```
/// #[coro_runtime::coroutine]
/// fn fill(buf: &mut Vec<u8>) -> usize {
///     coro_runtime::suspend!();
///     buf.push(1);
///     buf.len()
/// }
///
/// #[coro_runtime::coroutine]
/// fn reader() -> usize {
///     let mut buf = Vec::new();
///     let n = fill(&mut buf).await;   // the child borrows our local
///     let first = buf.first();        // a borrow kept across a point
///     coro_runtime::suspend!();
///     n + usize::from(*first.unwrap())
/// }
/// assert_eq!(coro_runtime::run(reader()), 2);
/// ```
pub use coro_macros::coroutine;

/// Short alias of [`coroutine`](macro@coroutine), free of the clash with
/// rustc's built-in `#[coroutine]`.
///
/// ```
/// use coro_runtime::coro;
///
/// #[coro]
/// fn answer() -> u32 {
///     coro_runtime::suspend!();
///     42
/// }
/// assert_eq!(coro_runtime::run(answer()), 42);
/// ```
pub use coro_macros::coroutine as coro;

/// A suspendable computation: the frame a `#[coroutine]` fn returns.
///
/// ```
/// use coro_runtime::{Coroutine, Status};
///
/// #[coro_runtime::coroutine]
/// fn two_steps() -> &'static str {
///     coro_runtime::suspend!();
///     "done"
/// }
///
/// let mut frame = core::pin::pin!(two_steps());
/// assert!(!frame.is_returned());
/// assert_eq!(frame.as_mut().resume(), Status::Suspended);
/// assert_eq!(frame.as_mut().resume(), Status::Returned);
/// assert!(frame.is_returned());
/// assert_eq!(frame.as_mut().take_output(), Some("done"));
/// assert_eq!(frame.as_mut().take_output(), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a coroutine",
    label = "expected a coroutine: what a `#[coro_runtime::coroutine]` fn returns",
    note = "call a `#[coro_runtime::coroutine]` fn here; a `Future` (an `async` block) becomes a coroutine with `coro_runtime::sched::from_future(..)`"
)]
pub trait Coroutine {
    /// What the coroutine returns.
    type Output;

    /// Runs the coroutine until it suspends, anywhere in its await chain, or
    /// returns. A frame suspended in an await continues its innermost
    /// suspended frame directly, in constant time whatever the depth.
    ///
    /// ```
    /// use coro_runtime::{Coroutine, Status};
    ///
    /// #[coro_runtime::coroutine]
    /// fn inner() {
    ///     coro_runtime::suspend!();
    /// }
    ///
    /// #[coro_runtime::coroutine]
    /// fn outer() {
    ///     inner().await; // resuming `outer` goes straight to `inner`
    /// }
    ///
    /// let mut f = core::pin::pin!(outer());
    /// assert_eq!(f.as_mut().resume(), Status::Suspended);
    /// assert_eq!(f.as_mut().resume(), Status::Returned);
    /// ```
    ///
    /// # Panics
    ///
    /// With the guard messages listed in the [crate docs](crate#guards), and
    /// with whatever the body panics with (which poisons the frame).
    fn resume(self: Pin<&mut Self>) -> Status;

    /// Takes the output after [`Status::Returned`]; `None` before that, and
    /// after the output was taken once.
    ///
    /// ```
    /// use coro_runtime::Coroutine;
    ///
    /// #[coro_runtime::coroutine]
    /// fn forty_two() -> u32 {
    ///     42
    /// }
    ///
    /// let mut f = core::pin::pin!(forty_two());
    /// assert_eq!(f.as_mut().take_output(), None); // not run yet
    /// f.as_mut().resume();
    /// assert_eq!(f.as_mut().take_output(), Some(42));
    /// assert_eq!(f.as_mut().take_output(), None); // taken
    /// ```
    fn take_output(self: Pin<&mut Self>) -> Option<Self::Output>;

    /// Whether the coroutine has returned (whether or not its output was
    /// taken).
    ///
    /// ```
    /// use coro_runtime::Coroutine;
    ///
    /// #[coro_runtime::coroutine]
    /// fn once() {
    ///     coro_runtime::suspend!();
    /// }
    ///
    /// let mut f = core::pin::pin!(once());
    /// f.as_mut().resume();
    /// assert!(!f.is_returned());
    /// f.as_mut().resume();
    /// assert!(f.is_returned());
    /// ```
    fn is_returned(&self) -> bool;

    /// The frame header, for the await linkage and handles. Only the
    /// runtime can call this (it takes a token only the runtime can make);
    /// implementations other than the runtime's keep the default. An
    /// implementation may forward the token to a coroutine it holds, which
    /// is safe: the answer is typed by `Self::Output`, so only a frame of
    /// the same output can be handed over, and only the runtime can make
    /// one.
    #[doc(hidden)]
    fn __frame(self: Pin<&Self>, _: Token) -> Option<__private::FrameRef<'_, Self::Output>> {
        None
    }

    /// Withdraws a suspended operation that is about to be dropped (a
    /// `sched::timeout` that elapsed): `true` if it will not complete,
    /// so that dropping it has no effect; `false` if it completed in the
    /// meantime (on another thread), and resuming it gives its output.
    /// This is what makes a timeout as atomic as `select!`: a value is
    /// either received or stays with its sender. Only the runtime's channel
    /// operations and `select!` implement it; the default, `true`, is what
    /// dropping a coroutine means.
    #[doc(hidden)]
    fn __withdraw(self: Pin<&mut Self>, _: Token) -> bool {
        true
    }
}

/// What [`Coroutine::resume`] ran into.
///
/// ```
/// # use coro_runtime::{Coroutine, Status};
/// #[coro_runtime::coroutine]
/// fn once() { coro_runtime::suspend!() }
/// let mut f = core::pin::pin!(once());
/// assert_eq!(f.as_mut().resume(), Status::Suspended);
/// assert_eq!(f.as_mut().resume(), Status::Returned);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The coroutine suspended; resume it again to continue.
    Suspended,
    /// The coroutine returned; its output is ready for
    /// [`take_output`](Coroutine::take_output).
    Returned,
}

impl<P> Coroutine for Pin<P>
where
    P: core::ops::DerefMut,
    P::Target: Coroutine,
{
    type Output = <P::Target as Coroutine>::Output;

    #[inline]
    fn resume(self: Pin<&mut Self>) -> Status {
        self.as_deref_mut().resume()
    }

    #[inline]
    fn take_output(self: Pin<&mut Self>) -> Option<Self::Output> {
        self.as_deref_mut().take_output()
    }

    #[inline]
    fn is_returned(&self) -> bool {
        (**self).is_returned()
    }

    fn __frame(self: Pin<&Self>, token: Token) -> Option<__private::FrameRef<'_, Self::Output>> {
        // Through a pointer: owned only if the pointer is a `Boxed`, which
        // has its own impl; a `Pin<&mut C>` may outlive its holder. And `P`
        // may be any `DerefMut`, reaching a frame that is not part of it.
        self.get_ref()
            .as_ref()
            .__frame(token)
            .map(frame::FrameRef::through_pointer)
    }
}

impl<C: Coroutine + Unpin + ?Sized> Coroutine for &mut C {
    type Output = C::Output;

    #[inline]
    fn resume(self: Pin<&mut Self>) -> Status {
        Pin::new(&mut **self.get_mut()).resume()
    }

    #[inline]
    fn take_output(self: Pin<&mut Self>) -> Option<Self::Output> {
        Pin::new(&mut **self.get_mut()).take_output()
    }

    #[inline]
    fn is_returned(&self) -> bool {
        (**self).is_returned()
    }

    fn __frame(self: Pin<&Self>, token: Token) -> Option<__private::FrameRef<'_, Self::Output>> {
        Pin::new(&**self.get_ref())
            .__frame(token)
            .map(frame::FrameRef::borrowed)
    }
}

/// Resumes `coroutine` until it returns, and gives its output.
///
/// ```
/// #[coro_runtime::coroutine]
/// fn sum(n: u64) -> u64 {
///     let mut total = 0;
///     for i in 0..n {
///         coro_runtime::suspend!();
///         total += i;
///     }
///     total
/// }
/// assert_eq!(coro_runtime::run(sum(5)), 10);
/// ```
///
/// It is also the top-level await: a coroutine that has already returned
/// is not resumed, its output is taken; if that output was taken before,
/// this panics with `coroutine awaited twice`.
#[track_caller]
pub fn run<C: Coroutine>(coroutine: C) -> C::Output {
    let mut coroutine = core::pin::pin!(coroutine);
    if !coroutine.is_returned() {
        while coroutine.as_mut().resume() == Status::Suspended {}
    }
    match coroutine.take_output() {
        Some(output) => output,
        None => panic!("{}", header::MSG_AWAITED_TWICE),
    }
}

/// Suspends the current coroutine: control goes back to whoever resumed it,
/// and the next resume continues right after this point.
///
/// Only meaningful inside a `#[coroutine]` fn, which rewrites it; anywhere
/// else it is a compile error that says so.
///
/// ```
/// use coro_runtime::{suspend, Coroutine, Status};
///
/// #[coro_runtime::coroutine]
/// fn ticks(n: u32) -> u32 {
///     for _ in 0..n {
///         suspend!();
///     }
///     n
/// }
///
/// let mut f = core::pin::pin!(ticks(2));
/// assert_eq!(f.as_mut().resume(), Status::Suspended);
/// assert_eq!(f.as_mut().resume(), Status::Suspended);
/// assert_eq!(f.as_mut().resume(), Status::Returned);
/// ```
///
/// ```compile_fail
/// fn not_a_coroutine() {
///     coro_runtime::suspend!(); // error: `suspend!()` can only be used inside a #[coroutine] fn
/// }
/// ```
#[macro_export]
macro_rules! suspend {
    // Generated by `#[coroutine]` with the path the user wrote, so that an
    // import of `suspend` counts as used. Expands to nothing.
    (@coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`suspend!()` can only be used inside a `#[coro_runtime::coroutine]` fn (and not inside a closure or async block there); a bare `#[coroutine]` is rustc's own attribute: write `#[coro_runtime::coroutine]`, or `use coro_runtime::coro;` and `#[coro]`"
        )
    };
}

/// The macro spelling of `.await`: `r#await!(child(args))` awaits `child`.
///
/// `await!(...)` cannot be written since Rust 2018 (`await` is a keyword and
/// the parser rejects it), hence the raw identifier. Only meaningful inside a
/// `#[coroutine]` fn.
///
/// ```
/// use coro_runtime::r#await;
///
/// #[coro_runtime::coroutine]
/// fn child() -> u32 {
///     coro_runtime::suspend!();
///     7
/// }
///
/// #[coro_runtime::coroutine]
/// fn parent() -> u32 {
///     r#await!(child()) * 6
/// }
///
/// assert_eq!(coro_runtime::run(parent()), 42);
/// ```
#[macro_export]
macro_rules! r#await {
    (@coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`r#await!(...)` can only be used inside a `#[coro_runtime::coroutine]` fn"
        )
    };
}

/// Hands out every value of another generator, then evaluates to its
/// output: Python's `yield from`. Only inside a generator
/// (`#[coroutine(yield = Y, resume = R)]`), of a generator with the same
/// types. The child's frame lives inside the delegator's, as with `.await`,
/// and the values pass straight between the child and whoever resumes the
/// outermost delegator: each costs the same at any depth.
///
/// ```
/// use coro_runtime::{suspend, yield_from};
///
/// #[coro_runtime::coroutine(yield = u32)]
/// fn up_to(n: u32) -> u32 {
///     for i in 0..n {
///         suspend!(i);
///     }
///     n
/// }
///
/// #[coro_runtime::coroutine(yield = u32)]
/// fn both() {
///     let a = yield_from!(up_to(2));
///     let b = yield_from!(up_to(3));
///     suspend!(a * 100 + b);
/// }
///
/// let v: Vec<u32> = coro_runtime::iter(core::pin::pin!(both())).collect();
/// assert_eq!(v, [0, 1, 0, 1, 2, 203]);
/// ```
///
/// A recursive generator delegates to a boxed one
/// ([`boxed_generator`]), as a recursive coroutine awaits a [`boxed`] one;
/// to run it on another thread, declare it `send` and box its calls with
/// [`boxed_generator_send`].
#[macro_export]
macro_rules! yield_from {
    (@coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`yield_from!(...)` can only be used inside a generator: a `#[coro_runtime::coroutine(yield = T)]` fn"
        )
    };
}

/// Waits on several channel operations (or sleeps) at once and runs the
/// body of the one that completes first: Go's `select`. Only inside a
/// `#[coroutine]` fn, whose transform rewrites it (with the `alloc`
/// feature).
///
/// ```text
/// select! {
///     biased;                 // optional: the first ready case wins
///     pattern = operation => body,
///     pattern = operation, if condition => body,   // disabled when false
///     ..
///     default => body,        // optional: taken if no operation is ready
/// }
/// ```
///
/// An operation is a receive (`rx.recv()`, giving `Option<T>`: `None` once
/// the channel is closed), a send (`tx.send(v)`, giving `Result<(),
/// SendError<T>>`), a sleep (`sched::sleep(d)`, a timeout), a tick
/// (`interval.tick()`), or an `Option` of one, where `None` never
/// completes (Go's nil channel: `maybe_rx.as_ref().map(Receiver::recv)`).
/// A case may also be any coroutine or `Future` (a `#[coroutine]` call, a
/// `JoinHandle` or `&mut` one, `mutex.lock()`, `sem.acquire()`,
/// `notify.notified()`, ...): the select resumes it, and drops it if
/// another case wins. A case with `, if condition` evaluates the condition
/// first and, when it is false, is disabled: its operation is not made.
/// When several are ready, one is chosen at random (each equally likely;
/// with `biased;`, the first in the written order); the others do not
/// happen, except that a coroutine case that finished in the same round
/// did its work (its output is dropped: borrow a `JoinHandle` as `&mut h`
/// to keep the result for later). With every case disabled and no
/// `default`, the select waits forever (an executor reports a deadlock).
/// Up to 32 cases; patterns must be irrefutable.
///
/// In a loop, a closed channel's receive completes at once with `None`,
/// every time: disable its case then (keep the receiver in an `Option`
/// set to `None`, or use a guard), or the loop spins on it and starves
/// the other cases.
///
/// ```
/// use coro_runtime::sched::{self, channel, Executor, Receiver};
/// use coro_runtime::select;
/// use core::time::Duration;
///
/// #[coro_runtime::coroutine]
/// fn first(a: Receiver<&'static str>, b: Receiver<&'static str>) -> &'static str {
///     select! {
///         v = a.recv() => v.unwrap_or("a closed"),
///         v = b.recv() => v.unwrap_or("b closed"),
///         _ = sched::sleep(Duration::from_secs(1)) => "timeout",
///     }
/// }
///
/// let ex = Executor::with_virtual_clock();
/// let (_a_tx, a_rx) = channel(0);
/// let (b_tx, b_rx) = channel(1);
/// b_tx.try_send("from b").unwrap();
/// assert_eq!(ex.block_on(first(a_rx.clone(), b_rx.clone())), Ok("from b"));
/// assert_eq!(ex.block_on(first(a_rx, b_rx)), Ok("timeout"));
/// ```
#[macro_export]
macro_rules! select {
    (@coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!(
            "`select!` can only be used inside a `#[coro_runtime::coroutine]` fn"
        )
    };
}

/// Runs several coroutines concurrently in the current task and gives a
/// tuple of their outputs once all have returned (tokio's `join!`). Only
/// inside a `#[coroutine]` fn, which rewrites `join!(a, b)` into an await
/// of [`sched::join`]`((a, b))`; up to twelve coroutines (for more, or a
/// number known at run time, [`sched::join_all`]).
///
/// The children run in the task that awaits the join, one after the other
/// at each resume (never in parallel): a child that waits lets the others
/// go on. See [`sched::join`] for cancellation.
///
/// ```
/// use coro_runtime::join;
/// use coro_runtime::sched::{self, channel, Executor, Receiver, Sender};
///
/// #[coro_runtime::coroutine]
/// fn produce(tx: Sender<u32>) -> &'static str {
///     for i in 0..3 {
///         tx.send(i).await.unwrap();
///     }
///     "sent"
/// }
///
/// #[coro_runtime::coroutine]
/// fn consume(rx: Receiver<u32>) -> u32 {
///     let mut sum = 0;
///     for _ in 0..3 {
///         sum += rx.recv().await.unwrap();
///     }
///     sum
/// }
///
/// #[coro_runtime::coroutine]
/// fn both() -> (&'static str, u32) {
///     let (tx, rx) = channel(0); // unbuffered: each send waits for its receive
///     join!(produce(tx), consume(rx))
/// }
///
/// assert_eq!(Executor::new().block_on(both()), Ok(("sent", 3)));
/// ```
#[cfg(feature = "alloc")]
#[macro_export]
macro_rules! join {
    (@coro_used) => {};
    ($($tokens:tt)*) => {
        ::core::compile_error!("`join!` can only be used inside a `#[coro_runtime::coroutine]` fn")
    };
}

/// Items used by the code `#[coroutine]` generates. Not public API: no
/// stability guarantee, and nothing here is meant to be used directly.
#[doc(hidden)]
pub mod __private {
    pub use crate::frame::{FrameRef, Step};
    /// The frame `#[coroutine]` builds and the helpers its bodies call.
    pub mod inplace {
        pub use crate::generator::{
            Delegation, GenIo, check_hand_out, check_resumed, delegate, drop_io, enter, hand_out,
            io_of, resumed,
        };
        pub use crate::inplace::{
            Body, BodyStep, Cx, DROP, EditionProbe, InFrame, Lives, Overlap, Probed, Rest,
            ScopeGuard, States, TailProbe, assign_slot, check_block, drop_partial, drop_slot,
            init_slot, lives_args, lives_rest, lives_with_args, move_field, overlap_a, overlap_b,
            shape, take_slot, write_field,
        };
    }

    pub use crate::try_trait::{FromResidual, Try};
    pub use core::ops::ControlFlow;

    /// Names lifetimes an `impl Trait` return type must capture (edition
    /// 2021 does not capture them implicitly). Implemented for every type.
    pub trait Captures<T: ?Sized> {}
    impl<T: ?Sized, U: ?Sized> Captures<T> for U {}

    /// The type of an `.await`'s operand, for the three method candidates
    /// below (it holds no value: the operand is not moved through it).
    /// `(&&&Probe::of(&x)).__kind()` picks the first that applies, in the
    /// order rustc looks (one auto-deref each): [`ViaCoroutine`] when `x` is
    /// a coroutine, [`ViaStd`] when it is a `Future` (with the `alloc`
    /// feature), else [`ViaOther`], whose conversion reports what `.await`
    /// expects.
    pub struct Probe<T>(core::marker::PhantomData<fn() -> T>);

    impl<T> Probe<T> {
        /// The probe of `operand`'s type.
        #[inline(always)]
        pub fn of(_operand: &T) -> Self {
            Probe(core::marker::PhantomData)
        }
    }

    /// `.await` on a generator: only one that hands nothing out and takes
    /// nothing in (awaiting would lose the values).
    pub trait ViaGenerator {
        /// Says so.
        fn __kind(&self) -> GeneratorOperand;
    }

    impl<G: crate::Generator> ViaGenerator for &&&Probe<G> {
        #[inline(always)]
        fn __kind(&self) -> GeneratorOperand {
            GeneratorOperand
        }
    }

    /// The operand is a generator.
    pub struct GeneratorOperand;

    impl GeneratorOperand {
        /// The generator and a typing witness of its output.
        #[inline(always)]
        pub fn convert<G>(self, operand: G) -> (G, Witness<G::Output>)
        where
            G: crate::Generator,
            (G::Yield, G::Resume): NoValues,
        {
            (operand, Witness(core::marker::PhantomData))
        }
    }

    /// The values of a generator `.await` accepts, `((), ())`: it hands
    /// nothing out and takes nothing in.
    #[diagnostic::on_unimplemented(
        message = "a generator that hands values out or takes them in cannot be awaited: `.await` would lose them",
        label = "this generator's (yield, resume) types are `{Self}`",
        note = "iterate it with `coro_runtime::iter(core::pin::pin!(..))`, or drive it with `resume_with` and `take_yield`"
    )]
    pub trait NoValues {}

    #[diagnostic::do_not_recommend]
    impl NoValues for ((), ()) {}

    /// A second impl of [`NoValues`] (and of `ResumedWithNothing`), for no
    /// type anyone has: with one impl only, rustc would report a type
    /// mismatch instead of its message.
    pub enum NoType {}

    #[diagnostic::do_not_recommend]
    impl NoValues for (NoType, NoType) {}

    /// `.await` on a coroutine.
    pub trait ViaCoroutine {
        /// Says so.
        fn __kind(&self) -> CoroutineOperand;
    }

    impl<C: crate::Coroutine> ViaCoroutine for &&Probe<C> {
        #[inline(always)]
        fn __kind(&self) -> CoroutineOperand {
            CoroutineOperand
        }
    }

    /// `.await` on a `std::future::Future`.
    pub trait ViaStd {
        /// Says so.
        fn __kind(&self) -> StdOperand;
    }

    #[cfg(feature = "alloc")]
    impl<F: core::future::Future> ViaStd for &Probe<F> {
        #[inline(always)]
        fn __kind(&self) -> StdOperand {
            StdOperand
        }
    }

    /// `.await` on anything else: an error.
    pub trait ViaOther {
        /// Says so.
        fn __kind(&self) -> OtherOperand;
    }

    impl<T> ViaOther for Probe<T> {
        #[inline(always)]
        fn __kind(&self) -> OtherOperand {
            OtherOperand
        }
    }

    /// The operand is a coroutine: awaited as it is.
    pub struct CoroutineOperand;

    impl CoroutineOperand {
        /// The coroutine and a typing witness of its output.
        #[inline(always)]
        pub fn convert<C: crate::Coroutine>(self, operand: C) -> (C, Witness<C::Output>) {
            (operand, Witness(core::marker::PhantomData))
        }
    }

    /// The operand is a `Future`: polled by the awaiting coroutine.
    pub struct StdOperand;

    #[cfg(feature = "alloc")]
    impl StdOperand {
        /// The future as a coroutine, and a typing witness of its output.
        #[inline(always)]
        pub fn convert<F: core::future::Future>(
            self,
            operand: F,
        ) -> (crate::sched::FromFuture<F>, Witness<F::Output>) {
            (
                crate::sched::from_future(operand),
                Witness(core::marker::PhantomData),
            )
        }
    }

    /// The operand is neither: [`Awaitable`] (which nothing implements)
    /// says so.
    pub struct OtherOperand;

    impl OtherOperand {
        /// Never compiles. (The output type is left to inference, so that
        /// the one error is the only one.)
        pub fn convert<T: Awaitable, O>(self, operand: T) -> (Errored<O>, Witness<O>) {
            let _ = operand;
            (Errored::new(), Witness(core::marker::PhantomData))
        }
    }

    /// What `.await` accepts; implemented by nothing, for its message: a
    /// coroutine or a `Future` takes one of the other paths.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not a coroutine, so it cannot be awaited in a #[coroutine] fn",
        label = "`.await` here expects a value implementing `coro_runtime::Coroutine` (or `Future`)",
        note = "call a `#[coro_runtime::coroutine]` fn, or pin a boxed frame with `Box::pin(...)`"
    )]
    pub trait Awaitable {}

    /// A typing witness for the value an `.await` produces. In the branch of
    /// the state machine that suspends, the code after the suspension point
    /// is unreachable but must still have the awaited output's type; this
    /// provides it without a value.
    pub struct Witness<T>(core::marker::PhantomData<fn() -> T>);

    impl<T> Witness<T> {
        /// Never called: generated code places it after a `return`.
        #[inline(always)]
        pub fn value(self) -> T {
            unreachable!("coro: Witness::value is unreachable")
        }
    }

    /// What a `#[coroutine]` fn that failed to compile returns, so that its
    /// callers do not get errors of their own. Never resumed: the crate
    /// does not build.
    pub struct Errored<T, Y = (), R = ()>(core::marker::PhantomData<ErroredTypes<T, Y, R>>);

    /// The types an [`Errored`] stands in for.
    type ErroredTypes<T, Y, R> = fn() -> (T, Y, R);

    impl<T, Y, R> Errored<T, Y, R> {
        /// The stand-in.
        pub fn new() -> Self {
            Errored(core::marker::PhantomData)
        }
    }

    impl<T, Y, R> Default for Errored<T, Y, R> {
        fn default() -> Self {
            Self::new()
        }
    }

    impl<T, Y, R> crate::Generator for Errored<T, Y, R> {
        type Yield = Y;
        type Resume = R;
        fn resume_with(self: core::pin::Pin<&mut Self>, _: R) -> crate::Status {
            unreachable!("a #[coroutine] fn that failed to compile was resumed")
        }
        fn take_yield(self: core::pin::Pin<&mut Self>) -> Option<Y> {
            None
        }
    }

    impl<T, Y, R> crate::Coroutine for Errored<T, Y, R> {
        type Output = T;
        fn resume(self: core::pin::Pin<&mut Self>) -> crate::Status {
            unreachable!("a #[coroutine] fn that failed to compile was resumed")
        }
        fn take_output(self: core::pin::Pin<&mut Self>) -> Option<T> {
            None
        }
        fn is_returned(&self) -> bool {
            false
        }
    }
}
