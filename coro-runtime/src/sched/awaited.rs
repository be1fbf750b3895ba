//! Any coroutine (a `#[coroutine]` call, a `JoinHandle`, a lock, a
//! `Future` through `from_future`) as a `select!` case.
//!
//! A channel operation can complete while its task sleeps (a peer hands it
//! a value and claims the select); a coroutine only makes progress when it
//! is resumed. So `select` resumes coroutine cases itself, before taking
//! any lock ([`Case::poll_unlocked`]): in its first round, where one that
//! returned is ready like any other case, and at every later wake, where
//! one that returned claims the select unless a channel case was
//! completed first. The coroutine registered the task's waker with
//! whatever it waits on when it was resumed, so nothing else is
//! registered for it; it is dropped (cancelled) with the select if it
//! loses.
//!
//! The transform wraps each case through [`CaseProbe`]: an operation that
//! is already a [`Case`] stays as it is (channel operations, sleeps, ticks),
//! a coroutine or a `Future` becomes an [`Awaited`], and anything else is
//! one error that says what a case may be.

use core::marker::PhantomData;
use core::pin::Pin;
use core::task::Waker;

use super::claim::SelectShared;
use super::cx;
use super::select::{Case, Sealed};
use crate::{Coroutine, Status};

/// A coroutine as a `select!` case.
#[doc(hidden)]
pub struct Awaited<C> {
    child: C,
    returned: bool,
}

impl<C> Sealed for Awaited<C> {}

impl<C: Coroutine> Awaited<C> {
    fn child(self: Pin<&mut Self>) -> Pin<&mut C> {
        // SAFETY: the child is structurally pinned: never moved out.
        unsafe { self.map_unchecked_mut(|a| &mut a.child) }
    }

    fn output(mut self: Pin<&mut Self>) -> Option<C::Output> {
        if !self.returned {
            return None;
        }
        let out = self.as_mut().child().take_output();
        assert!(
            out.is_some(),
            "coro_runtime: a coroutine select case returned without an output"
        );
        out
    }
}

impl<C: Coroutine> Case for Awaited<C> {
    type Output = C::Output;

    const UNLOCKED: bool = true;

    fn poll_unlocked(mut self: Pin<&mut Self>, yielded: &mut bool) -> bool {
        if self.returned {
            return true;
        }
        cx::not_waiting();
        match self.as_mut().child().resume() {
            Status::Returned => {
                // SAFETY: `returned` is not pinned.
                unsafe { self.get_unchecked_mut() }.returned = true;
                true
            }
            Status::Suspended => {
                *yielded |= !cx::waiting();
                false
            }
        }
    }

    fn lock_key(self: Pin<&Self>) -> usize {
        // No lock (the key of a disabled case).
        usize::MAX
    }

    fn lock(self: Pin<&Self>) {}

    unsafe fn unlock(self: Pin<&Self>) {}

    unsafe fn try_now(self: Pin<&mut Self>) -> Option<C::Output> {
        self.output()
    }

    unsafe fn register(self: Pin<&mut Self>, _: &Waker, _: *const SelectShared, _: usize) {}

    fn finish(self: Pin<&mut Self>, won: bool) -> Option<C::Output> {
        if won { self.output() } else { None }
    }

    fn rewake(self: Pin<&Self>, _: &Waker) {
        // The child takes the new waker when it is resumed next.
    }
}

/// The type of a `select!` case's operation, for the five method
/// candidates below (it holds no value). `(&&&&&CaseProbe::of(&op))
/// .__case_kind().wrap(op)` picks the first that applies, in the order
/// rustc looks (one auto-deref each): a [`Case`] stays as it is, a
/// generator that hands values out is an error (and one that does not,
/// like a coroutine or a `Future`, becomes an [`Awaited`]), anything else
/// is an error.
#[doc(hidden)]
pub struct CaseProbe<T>(PhantomData<fn() -> T>);

impl<T> CaseProbe<T> {
    /// The probe of `operation`'s type.
    #[inline(always)]
    pub fn of(_operation: &T) -> Self {
        CaseProbe(PhantomData)
    }
}

/// A case that is already a [`Case`].
#[doc(hidden)]
pub trait ViaCase {
    /// Says so.
    fn __case_kind(&self) -> IsCase;
}

impl<C: Case> ViaCase for &&&&CaseProbe<C> {
    #[inline(always)]
    fn __case_kind(&self) -> IsCase {
        IsCase
    }
}

/// A case that is a generator: only one that hands nothing out and takes
/// nothing in (the select would lose the values).
#[doc(hidden)]
pub trait ViaGeneratorCase {
    /// Says so.
    fn __case_kind(&self) -> IsGeneratorCase;
}

impl<G: crate::Generator> ViaGeneratorCase for &&&CaseProbe<G> {
    #[inline(always)]
    fn __case_kind(&self) -> IsGeneratorCase {
        IsGeneratorCase
    }
}

#[doc(hidden)]
pub struct IsGeneratorCase;

impl IsGeneratorCase {
    #[inline(always)]
    pub fn wrap<G>(self, operation: G) -> Awaited<G>
    where
        G: crate::Generator,
        (G::Yield, G::Resume): crate::__private::NoValues,
    {
        IsAwaitable.wrap(operation)
    }
}

/// A case that is a coroutine or a `Future`.
#[doc(hidden)]
pub trait ViaAwaitable {
    /// Says so.
    fn __case_kind(&self) -> IsAwaitable;
}

impl<C: Coroutine> ViaAwaitable for &&CaseProbe<C> {
    #[inline(always)]
    fn __case_kind(&self) -> IsAwaitable {
        IsAwaitable
    }
}

/// Anything else: an error.
#[doc(hidden)]
pub trait ViaOtherCase {
    /// Says so.
    fn __case_kind(&self) -> IsOther;
}

impl<T> ViaOtherCase for CaseProbe<T> {
    #[inline(always)]
    fn __case_kind(&self) -> IsOther {
        IsOther
    }
}

#[doc(hidden)]
pub struct IsCase;

impl IsCase {
    #[inline(always)]
    pub fn wrap<C: Case>(self, operation: C) -> C {
        operation
    }
}

#[doc(hidden)]
pub struct IsAwaitable;

impl IsAwaitable {
    #[inline(always)]
    pub fn wrap<C: Coroutine>(self, operation: C) -> Awaited<C> {
        Awaited {
            child: operation,
            returned: false,
        }
    }
}

#[doc(hidden)]
pub struct IsOther;

/// What a `select!` case accepts; implemented by nothing, for its message.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `select!` case",
    label = "not a channel operation, a timer, a coroutine or a `Future`",
    note = "a case is `rx.recv()`, `tx.send(v)`, `sched::sleep(d)`, `interval.tick()`, a coroutine (a `#[coroutine]` call, a `JoinHandle`, `mutex.lock()`, ...) or a `Future`"
)]
#[doc(hidden)]
pub trait SelectCase: Sealed {}

impl IsOther {
    /// Reports the error, and stands in for a case so that it is the only
    /// one.
    #[inline(always)]
    pub fn wrap<T: SelectCase>(self, operation: T) -> Awaited<crate::__private::Errored<T>> {
        drop(operation);
        IsAwaitable.wrap(crate::__private::Errored::new())
    }
}

/// A case that is a `Future`: wrapped as `.await` wraps it.
#[doc(hidden)]
pub trait ViaFuture {
    /// Says so.
    fn __case_kind(&self) -> IsFuture;
}

impl<F: core::future::Future> ViaFuture for &CaseProbe<F> {
    #[inline(always)]
    fn __case_kind(&self) -> IsFuture {
        IsFuture
    }
}

#[doc(hidden)]
pub struct IsFuture;

impl IsFuture {
    #[inline(always)]
    pub fn wrap<F: core::future::Future>(self, operation: F) -> Awaited<super::FromFuture<F>> {
        IsAwaitable.wrap(super::from_future(operation))
    }
}
