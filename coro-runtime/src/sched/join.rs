//! `join!` and [`join_all`]: run several coroutines concurrently inside one
//! task, and give all their outputs.
//!
//! Layout: each child sits in a [`MaybeDone`] (running, then its output,
//! then taken), pinned inside the join. A resume of the join resumes every
//! child that has not returned, in order: whichever woke the task, the
//! children that were not ready find their operation still waiting and
//! return at once. The join suspends as a yield if any child yielded
//! (`suspend!()`, `yield_now`), as a wait otherwise, so a yielding child is
//! never left waiting for a sibling's wake.

use core::pin::Pin;

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::cx;
use crate::{Coroutine, Status};

/// A child of a join. (`pub` in this private module: it appears in
/// [`Joinable::Parts`], and cannot be named outside the crate.)
pub enum MaybeDone<C: Coroutine> {
    Running(C),
    Done(C::Output),
    Taken,
}

impl<C: Coroutine> MaybeDone<C> {
    /// Resumes the child if it is running; `true` once it has returned.
    /// Sets `yielded` if it suspended without waiting on anything.
    fn step(self: Pin<&mut Self>, yielded: &mut bool) -> bool {
        // SAFETY: the child is pinned while `Running`, and replaced in place
        // (dropped where it is) when it returns; the output is not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        let MaybeDone::Running(child) = this else {
            return true;
        };
        // SAFETY: see above.
        let mut child = unsafe { Pin::new_unchecked(child) };
        cx::not_waiting();
        match child.as_mut().resume() {
            Status::Returned => {
                let out = child
                    .take_output()
                    .expect("coro_runtime: a joined coroutine returned without an output");
                *this = MaybeDone::Done(out);
                true
            }
            Status::Suspended => {
                *yielded |= !cx::waiting();
                false
            }
        }
    }

    fn take(self: Pin<&mut Self>) -> C::Output {
        // SAFETY: only a `Done`, which is not pinned, is moved out.
        let this = unsafe { self.get_unchecked_mut() };
        match core::mem::replace(this, MaybeDone::Taken) {
            MaybeDone::Done(out) => out,
            _ => unreachable!("coro_runtime: a join took an output twice"),
        }
    }
}

/// Ends a resume of a join whose children are not all done: if one of them
/// yielded, the task must run again, not wait for a wake.
fn suspend(yielded: bool) -> Status {
    if yielded {
        cx::not_waiting();
    } else {
        cx::still_waiting();
    }
    Status::Suspended
}

mod sealed {
    pub trait Sealed {}
}

/// What [`join`] takes: a tuple of up to twelve coroutines. Sealed:
/// implemented only in this crate.
#[diagnostic::on_unimplemented(
    message = "`join` takes a tuple of up to twelve coroutines, not `{Self}`",
    label = "not a tuple of coroutines",
    note = "for more coroutines, or a number known at run time, use `sched::join_all`"
)]
pub trait Joinable: sealed::Sealed {
    /// The children, each in its [`MaybeDone`].
    #[doc(hidden)]
    type Parts;
    /// A tuple of the outputs.
    type Output;
    #[doc(hidden)]
    fn start(self) -> Self::Parts;
    /// Resumes the children not done yet; `true` when all are done.
    #[doc(hidden)]
    fn step(parts: Pin<&mut Self::Parts>, yielded: &mut bool) -> bool;
    #[doc(hidden)]
    fn take(parts: Pin<&mut Self::Parts>) -> Self::Output;
}

macro_rules! joinable {
    ($($name:ident $index:tt),+) => {
        impl<$($name: Coroutine),+> sealed::Sealed for ($($name,)+) {}

        impl<$($name: Coroutine),+> Joinable for ($($name,)+) {
            type Parts = ($(MaybeDone<$name>,)+);
            type Output = ($($name::Output,)+);

            fn start(self) -> Self::Parts {
                ($(MaybeDone::Running(self.$index),)+)
            }

            fn step(parts: Pin<&mut Self::Parts>, yielded: &mut bool) -> bool {
                // SAFETY: a projection to each field, pinned with the tuple.
                let parts = unsafe { parts.get_unchecked_mut() };
                let mut all = true;
                $(
                    // SAFETY: as above.
                    all &= unsafe { Pin::new_unchecked(&mut parts.$index) }.step(yielded);
                )+
                all
            }

            fn take(parts: Pin<&mut Self::Parts>) -> Self::Output {
                // SAFETY: as above.
                let parts = unsafe { parts.get_unchecked_mut() };
                // SAFETY: as above.
                ($(unsafe { Pin::new_unchecked(&mut parts.$index) }.take(),)+)
            }
        }
    };
}

joinable!(A 0);
joinable!(A 0, B 1);
joinable!(A 0, B 1, C 2);
joinable!(A 0, B 1, C 2, D 3);
joinable!(A 0, B 1, C 2, D 3, E 4);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
joinable!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// What `join!` awaits: the coroutines of a tuple, run together. Built by
/// the `#[coroutine]` transform from `join!(a, b, ..)`; [`join`] builds it
/// by hand.
#[must_use = "a join does nothing unless awaited"]
pub struct Join<T: Joinable> {
    parts: T::Parts,
    output: Option<T::Output>,
    done: bool,
}

/// Runs the coroutines of a tuple concurrently in the current task, and
/// gives a tuple of their outputs once all have returned (tokio's `join!`;
/// Go would start goroutines and wait on a `WaitGroup`). What `join!(a, b)`
/// in a `#[coroutine]` fn awaits; written out, `join((a, b)).await`.
///
/// Cancellation: dropping the join drops the children that have not
/// returned, and the outputs of those that have.
///
/// ```
/// use coro_runtime::join;
/// use coro_runtime::sched::{self, Executor};
///
/// #[coro_runtime::coroutine]
/// fn fetch(id: u32, turns: u32) -> u32 {
///     for _ in 0..turns {
///         sched::yield_now().await;
///     }
///     id * 10
/// }
///
/// #[coro_runtime::coroutine]
/// fn both() -> (u32, u32) {
///     join!(fetch(1, 3), fetch(2, 1))
/// }
///
/// let ex = Executor::new();
/// assert_eq!(ex.block_on(both()), Ok((10, 20)));
/// ```
pub fn join<T: Joinable>(coroutines: T) -> Join<T> {
    Join {
        parts: coroutines.start(),
        output: None,
        done: false,
    }
}

impl<T: Joinable> Coroutine for Join<T> {
    type Output = T::Output;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: `parts` is a pinned projection; the rest is not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.done {
            return Status::Returned;
        }
        let mut yielded = false;
        // SAFETY: see above.
        let mut parts = unsafe { Pin::new_unchecked(&mut this.parts) };
        if !T::step(parts.as_mut(), &mut yielded) {
            return suspend(yielded);
        }
        this.output = Some(T::take(parts));
        this.done = true;
        Status::Returned
    }

    fn take_output(self: Pin<&mut Self>) -> Option<T::Output> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.done
    }
}

/// Runs every coroutine of `coroutines` concurrently in the current task,
/// and gives their outputs in the same order once all have returned
/// (`futures::future::join_all`). One allocation, for the children.
///
/// Each resume of the join resumes every child that has not returned, so a
/// wake costs time in the number of children: for hundreds of concurrent
/// jobs, [`spawn`](super::spawn) tasks and await their handles instead.
///
/// ```
/// use coro_runtime::sched::{self, Executor};
///
/// #[coro_runtime::coroutine]
/// fn square(x: u64) -> u64 {
///     sched::yield_now().await;
///     x * x
/// }
///
/// #[coro_runtime::coroutine]
/// fn squares(n: u64) -> Vec<u64> {
///     sched::join_all((1..=n).map(square)).await
/// }
///
/// let ex = Executor::new();
/// assert_eq!(ex.block_on(squares(4)), Ok(vec![1, 4, 9, 16]));
/// ```
pub fn join_all<I>(coroutines: I) -> JoinAll<I::Item>
where
    I: IntoIterator,
    I::Item: Coroutine,
{
    JoinAll {
        children: coroutines.into_iter().map(MaybeDone::Running).collect(),
        output: None,
        done: false,
    }
}

/// What [`join_all`] returns.
#[must_use = "a join does nothing unless awaited"]
pub struct JoinAll<C: Coroutine> {
    /// Never reallocated: the children stay where they were pinned.
    children: Box<[MaybeDone<C>]>,
    output: Option<Vec<C::Output>>,
    done: bool,
}

impl<C: Coroutine> Coroutine for JoinAll<C> {
    type Output = Vec<C::Output>;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the children are pinned in their boxed slice, which is
        // never reallocated or moved out of; the output is not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.done {
            return Status::Returned;
        }
        let mut yielded = false;
        let mut all = true;
        for child in this.children.iter_mut() {
            // SAFETY: see above.
            all &= unsafe { Pin::new_unchecked(child) }.step(&mut yielded);
        }
        if !all {
            return suspend(yielded);
        }
        let outputs = this
            .children
            .iter_mut()
            // SAFETY: see above.
            .map(|child| unsafe { Pin::new_unchecked(child) }.take())
            .collect();
        this.output = Some(outputs);
        this.done = true;
        Status::Returned
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Vec<C::Output>> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.done
    }
}
