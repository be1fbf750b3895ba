//! A stable stand-in for `core::ops::Try`, so the transform can lower `?`:
//! inside the generated state machine `?` cannot return from the function
//! itself, it must end the coroutine with the residual as its output.
//!
//! `expr?` becomes
//! `match Try::branch(expr) { Continue(v) => v, Break(r) => <return FromResidual::from_residual(r)> }`,
//! the same shape as rustc's desugaring, for `Result` (with `From`
//! conversion of the error) and `Option`.

use core::convert::Infallible;
use core::ops::ControlFlow;

/// The `?` operator's view of a value: continue with the output, or break
/// out of the coroutine with the residual.
#[diagnostic::on_unimplemented(
    message = "the `?` operator can only be applied to values that implement `Try`",
    label = "the `?` operator cannot be applied to type `{Self}`",
    note = "in a #[coroutine] fn, `?` works on `Result` and `Option`"
)]
pub trait Try {
    /// The value `?` evaluates to.
    type Output;
    /// What `?` returns with.
    type Residual;
    /// Splits the value.
    fn branch(self) -> ControlFlow<Self::Residual, Self::Output>;
}

/// Builds a coroutine's output from a residual of `?`.
#[diagnostic::on_unimplemented(
    message = "the `?` operator can only be used in a #[coroutine] fn that returns `Result` or `Option`",
    label = "cannot use `?` here: the coroutine returns `{Self}`"
)]
pub trait FromResidual<R> {
    /// Converts.
    fn from_residual(residual: R) -> Self;
}

impl<T, E> Try for Result<T, E> {
    type Output = T;
    type Residual = Result<Infallible, E>;

    #[inline(always)]
    fn branch(self) -> ControlFlow<Self::Residual, T> {
        match self {
            Ok(value) => ControlFlow::Continue(value),
            Err(error) => ControlFlow::Break(Err(error)),
        }
    }
}

impl<T> Try for Option<T> {
    type Output = T;
    type Residual = Option<Infallible>;

    #[inline(always)]
    fn branch(self) -> ControlFlow<Self::Residual, T> {
        match self {
            Some(value) => ControlFlow::Continue(value),
            None => ControlFlow::Break(None),
        }
    }
}

impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Result<T, F> {
    #[inline(always)]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        match residual {
            Err(error) => Err(From::from(error)),
            Ok(never) => match never {},
        }
    }
}

impl<T> FromResidual<Option<Infallible>> for Option<T> {
    #[inline(always)]
    fn from_residual(_: Option<Infallible>) -> Self {
        None
    }
}
