//! The differential oracle: one coroutine text compiled twice, once by
//! `#[coroutine]` and once as an `async fn` in which `suspend!()` is a future
//! that is pending once, driven step by step (resume versus poll with a
//! no-op waker) and compared.
//!
//! Compared: the log after every step (values log their drops, bodies log
//! what they do), the number of steps, the output, and for every `k`, the
//! log when the frame is dropped after `k` steps (cancellation).

use std::cell::RefCell;
use std::fmt::Debug;
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use coro_runtime::{Coroutine, Status};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Appends a line to this thread's log.
pub fn log(line: impl Into<String>) {
    LOG.with(|l| l.borrow_mut().push(line.into()));
}

/// Takes this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// Logs a formatted line.
#[macro_export]
macro_rules! log {
    ($($t:tt)*) => { $crate::harness::log(format!($($t)*)) };
}

/// A value that logs its drop.
#[derive(Debug, PartialEq, Eq)]
pub struct D(pub String);

impl D {
    pub fn new(name: impl Into<String>) -> D {
        D(name.into())
    }

    pub fn name(&self) -> &str {
        &self.0
    }

    /// A by-value method that returns the name (consumes the value; it
    /// logs `consume`, not `drop`).
    pub fn into_name(mut self) -> String {
        let name = std::mem::replace(&mut self.0, CONSUMED.to_string());
        log(format!("consume {name}"));
        name
    }
}

/// The name a `D` has after `into_name` took it: its drop logs nothing.
const CONSUMED: &str = "\0consumed";

impl Clone for D {
    fn clone(&self) -> D {
        D(format!("{}'", self.0))
    }
}

impl Drop for D {
    fn drop(&mut self) {
        if self.0 != CONSUMED {
            log(format!("drop {}", self.0));
        }
    }
}

/// `suspend!()` in the async twin: pending once, then ready.
pub struct PendingOnce(bool);

impl PendingOnce {
    pub fn new() -> Self {
        PendingOnce(false)
    }
}

impl Default for PendingOnce {
    fn default() -> Self {
        Self::new()
    }
}

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// What one differential case measured.
#[derive(Debug, Clone)]
pub struct Report {
    pub name: &'static str,
    /// Suspensions before the coroutine returned.
    pub steps: usize,
    /// `size_of_val` of the `#[coroutine]` frame.
    pub coro_size: usize,
    /// `size_of_val` of the `async fn` future.
    pub async_size: usize,
}

/// A named differential case and the function that runs it both ways.
pub type Case = (&'static str, fn() -> Result<Report, String>);

/// The most steps a case may take (a guard against a runaway loop).
const MAX_STEPS: usize = 10_000;

struct Run<T> {
    /// The log after each step; the last entry is the step that returned.
    steps: Vec<Vec<String>>,
    output: Option<T>,
    /// The log of dropping the frame after the run (or after `limit` steps).
    drop_log: Vec<String>,
}

fn run_coro<C: Coroutine>(make: &dyn Fn() -> C, limit: Option<usize>) -> Run<C::Output> {
    take_log();
    let mut frame = Box::pin(make());
    let created = take_log();
    let mut steps = vec![created];
    let mut output = None;
    loop {
        if limit.is_some_and(|l| steps.len() > l) || steps.len() > MAX_STEPS {
            break;
        }
        let status = frame.as_mut().resume();
        steps.push(take_log());
        if status == Status::Returned {
            output = frame.as_mut().take_output();
            break;
        }
    }
    drop(frame);
    Run {
        steps,
        output,
        drop_log: take_log(),
    }
}

fn run_async<F: Future>(make: &dyn Fn() -> F, limit: Option<usize>) -> Run<F::Output> {
    take_log();
    let mut fut = Box::pin(make());
    let created = take_log();
    let mut steps = vec![created];
    let mut output = None;
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if limit.is_some_and(|l| steps.len() > l) || steps.len() > MAX_STEPS {
            break;
        }
        let poll = fut.as_mut().poll(&mut cx);
        steps.push(take_log());
        if let Poll::Ready(v) = poll {
            output = Some(v);
            break;
        }
    }
    drop(fut);
    Run {
        steps,
        output,
        drop_log: take_log(),
    }
}

fn show(log: &[String]) -> String {
    format!("{log:?}")
}

/// Runs one case both ways and compares; `Err` says where they differ.
pub fn compare<C, F>(
    name: &'static str,
    make_coro: impl Fn() -> C,
    make_async: impl Fn() -> F,
) -> Result<Report, String>
where
    C: Coroutine,
    F: Future<Output = C::Output>,
    C::Output: Debug + PartialEq,
{
    let (coro_size, async_size) = {
        let c = make_coro();
        let f = make_async();
        let sizes = (std::mem::size_of_val(&c), std::mem::size_of_val(&f));
        drop((c, pin!(f)));
        take_log();
        sizes
    };

    let coro = run_coro(&make_coro, None);
    let asy = run_async(&make_async, None);
    let mut problems = Vec::new();
    for (i, (c, a)) in coro.steps.iter().zip(&asy.steps).enumerate() {
        if c != a {
            problems.push(format!(
                "step {i}: coroutine logged {} but async logged {}",
                show(c),
                show(a)
            ));
        }
    }
    if coro.steps.len() != asy.steps.len() {
        problems.push(format!(
            "coroutine ran {} steps, async {}",
            coro.steps.len() - 1,
            asy.steps.len() - 1
        ));
    }
    if coro.output != asy.output {
        problems.push(format!(
            "coroutine returned {:?}, async {:?}",
            coro.output, asy.output
        ));
    }
    if coro.drop_log != asy.drop_log {
        problems.push(format!(
            "after returning, dropping logged {} vs {}",
            show(&coro.drop_log),
            show(&asy.drop_log)
        ));
    }
    let total = asy.steps.len() - 1;
    if problems.is_empty() {
        // Cancellation: drop after k resumes, for every k before the end.
        for k in 0..total {
            let c = run_coro(&make_coro, Some(k));
            let a = run_async(&make_async, Some(k));
            if c.steps != a.steps {
                problems.push(format!("dropped after {k} steps: the steps differ"));
            }
            if c.drop_log != a.drop_log {
                problems.push(format!(
                    "dropped after {k} steps: coroutine logged {} but async logged {}",
                    show(&c.drop_log),
                    show(&a.drop_log)
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(Report {
            name,
            steps: total.saturating_sub(1),
            coro_size,
            async_size,
        })
    } else {
        Err(format!("case `{name}`:\n  {}", problems.join("\n  ")))
    }
}

/// Defines differential cases. Each case names its arguments and gives one
/// or more fns; the one called `case` is the entry point, the others are
/// children it may await. Each fn is compiled as a `#[coroutine]` fn
/// (module `coro`) and as an `async fn` (module `asy`), and the two are
/// compared step by step. Generic parameters are written in brackets:
/// `fn id[T: Clone](x: T) -> T`. An option of `#[coroutine(..)]` may
/// follow a case's arguments (`case big(3) inline { .. }`); every fn of
/// the case is compiled with it.
#[macro_export]
macro_rules! differential {
    (
        $(
            $(#[doc = $doc:literal])*
            case $name:ident ( $($arg:expr),* $(,)? ) $($option:ident)? {
                $( fn $f:ident $([$($generics:tt)*])? ( $($params:tt)* ) $(-> $ret:ty)? $body:block )+
            }
        )+
    ) => {
        $(
            $(#[doc = $doc])*
            #[allow(unused_mut, unused_variables, clippy::all)]
            pub mod $name {
                #[allow(unused_imports)]
                use super::*;
                pub mod coro {
                    #[allow(unused_imports)]
                    use super::super::*;
                    #[allow(unused_imports)]
                    use $crate::prelude::*;
                    #[allow(unused_imports)]
                    use coro_runtime::{suspend, r#await};
                    #[allow(unused_imports)]
                    use $crate::harness::coro_ready::{maybe_ready, ready_now};
                    $crate::__coro_fns! {
                        ($($option)?)
                        $( fn $f $([$($generics)*])? ( $($params)* ) $(-> $ret)? $body )+
                    }
                }
                pub mod asy {
                    #[allow(unused_imports)]
                    use super::super::*;
                    #[allow(unused_imports)]
                    use $crate::prelude::*;
                    #[allow(unused_imports)]
                    use $crate::{__async_suspend as suspend, __async_await as r#await};
                    #[allow(unused_imports)]
                    use $crate::harness::async_ready::{maybe_ready, ready_now};
                    $(
                        pub async fn $f $(<$($generics)*>)? ( $($params)* ) $(-> $ret)? $body
                    )+
                }
                /// Runs the case both ways and compares.
                pub fn run() -> ::core::result::Result<$crate::harness::Report, String> {
                    $crate::harness::compare(
                        stringify!($name),
                        || coro::case($($arg),*),
                        || asy::case($($arg),*),
                    )
                }
                #[test]
                fn differential() {
                    if let Err(e) = run() {
                        panic!("{e}");
                    }
                }
            }
        )+

        /// Every case in this module.
        pub fn all() -> Vec<$crate::harness::Case> {
            vec![$( (stringify!($name), $name::run as fn() -> _) ),+]
        }
    };
}

/// The `#[coroutine]` fns of a differential case, each with the case's
/// option (one at a time: the option repeats once per case, the fns once
/// per fn).
#[doc(hidden)]
#[macro_export]
macro_rules! __coro_fns {
    (($($option:tt)*)) => {};
    (
        ($($option:tt)*)
        fn $f:ident $([$($generics:tt)*])? ( $($params:tt)* ) $(-> $ret:ty)? $body:block
        $($rest:tt)*
    ) => {
        #[coro_runtime::coroutine($($option)*)]
        pub fn $f $(<$($generics)*>)? ( $($params)* ) $(-> $ret)? $body
        $crate::__coro_fns! { ($($option)*) $($rest)* }
    };
}

/// `suspend!()` in the async twin.
#[doc(hidden)]
#[macro_export]
macro_rules! __async_suspend {
    () => {
        $crate::harness::PendingOnce::new().await
    };
}

/// `r#await!(e)` in the async twin.
#[doc(hidden)]
#[macro_export]
macro_rules! __async_await {
    ($e:expr) => {
        $e.await
    };
}

/// Operations that complete at their first resume, or on the next one: the
/// coroutine side.
pub mod coro_ready {
    use core::pin::Pin;
    use coro_runtime::{Coroutine, Status};

    /// Ready now, or (if `ready` is false) after one suspension.
    pub struct MaybeReady<T> {
        value: Option<T>,
        ready: bool,
        suspended: bool,
        finished: bool,
    }

    /// An operation ready at once with `value`.
    pub fn ready_now<T>(value: T) -> MaybeReady<T> {
        maybe_ready(value, true)
    }

    /// An operation ready at once if `ready`, else after one suspension.
    pub fn maybe_ready<T>(value: T, ready: bool) -> MaybeReady<T> {
        MaybeReady {
            value: Some(value),
            ready,
            suspended: false,
            finished: false,
        }
    }

    impl<T> Unpin for MaybeReady<T> {}

    impl<T> Coroutine for MaybeReady<T> {
        type Output = T;

        fn resume(mut self: Pin<&mut Self>) -> Status {
            if self.ready || self.suspended {
                self.finished = true;
                Status::Returned
            } else {
                self.suspended = true;
                Status::Suspended
            }
        }

        fn take_output(mut self: Pin<&mut Self>) -> Option<T> {
            if self.finished {
                self.value.take()
            } else {
                None
            }
        }

        fn is_returned(&self) -> bool {
            self.finished
        }
    }
}

/// The same operations as futures: the `async fn` side.
pub mod async_ready {
    use core::future::Future;
    use core::pin::Pin;
    use core::task::{Context, Poll};

    /// Ready now, or (if `ready` is false) after one `Pending`.
    pub struct MaybeReady<T> {
        value: Option<T>,
        ready: bool,
    }

    impl<T> Unpin for MaybeReady<T> {}

    /// A future ready at once with `value`.
    pub fn ready_now<T>(value: T) -> MaybeReady<T> {
        maybe_ready(value, true)
    }

    /// Ready at once if `ready`, else after one `Pending`.
    pub fn maybe_ready<T>(value: T, ready: bool) -> MaybeReady<T> {
        MaybeReady {
            value: Some(value),
            ready,
        }
    }

    impl<T> Future for MaybeReady<T> {
        type Output = T;
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<T> {
            if self.ready {
                Poll::Ready(self.value.take().expect("polled after ready"))
            } else {
                self.ready = true;
                Poll::Pending
            }
        }
    }
}
