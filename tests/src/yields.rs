//! The differential harness of generators: each case's body is compiled as
//! a `#[coroutine(yield = Y, resume = R)]` fn and as an `async fn` in which
//! `suspend!(v)` stores `v`'s `Debug` text where the driver reads it, then
//! pends once, and evaluates to the value the driver passed in. Both are
//! driven step by step with the same resume values; after every step the
//! log, the value handed out and the status must match, and dropping after
//! every step must log the same drops.

use std::any::Any;
use std::cell::RefCell;
use std::fmt::Debug;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use coro_runtime::{Generator, Status};

use crate::harness::take_log;

thread_local! {
    /// The value the async twin handed out last, until the driver takes it
    /// (or drops it, as the generator does, at the next resume).
    static HANDED_OUT: RefCell<Option<Box<dyn Debug>>> = const { RefCell::new(None) };
    /// The value the driver passes in to the async twin.
    static PASSED_IN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// Whether the async twin is suspended at one of its `suspend!`s, so
    /// that the next resume's value has somewhere to go: otherwise (not
    /// started yet, or suspended inside an awaited plain coroutine) the
    /// driver drops the value before it resumes, as `resume_with` does.
    static WAITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `suspend!(v)` / `suspend!()` in the async twin: hands out `v`'s text,
/// pends once, then evaluates to the value passed in.
pub struct Point<Y, R> {
    value: Option<Y>,
    polled: bool,
    _resume: PhantomData<fn() -> R>,
}

impl<Y, R> Point<Y, R> {
    pub fn new(value: Option<Y>) -> Self {
        Point {
            value,
            polled: false,
            _resume: PhantomData,
        }
    }
}

impl<Y, R> Unpin for Point<Y, R> {}

impl<Y: Debug + 'static, R: 'static> Future for Point<Y, R> {
    type Output = R;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<R> {
        if !self.polled {
            self.polled = true;
            WAITING.with(|w| w.set(true));
            if let Some(v) = self.value.take() {
                HANDED_OUT.with(|h| *h.borrow_mut() = Some(Box::new(v)));
            }
            return Poll::Pending;
        }
        WAITING.with(|w| w.set(false));
        let value = PASSED_IN
            .with(|p| p.borrow_mut().take())
            .expect("the driver passes a value at each resume");
        Poll::Ready(*value.downcast::<R>().expect("the case's resume type"))
    }
}

/// One step: the log, the value handed out, and whether it returned.
type StepRecord = (Vec<String>, Option<String>, bool);

struct Run {
    steps: Vec<StepRecord>,
    output: Option<String>,
    drop_log: Vec<String>,
}

const MAX_STEPS: usize = 10_000;

/// Which steps' values the driver takes: every one, or every other (the
/// others are dropped by the next resume, or with the frame).
#[derive(Clone, Copy, Debug)]
enum Taking {
    Every,
    Odd,
}

impl Taking {
    fn takes(self, step: usize) -> bool {
        match self {
            Taking::Every => true,
            Taking::Odd => step % 2 == 1,
        }
    }
}

fn run_coro<G>(
    make: &dyn Fn() -> G,
    arg: &dyn Fn(usize) -> G::Resume,
    limit: Option<usize>,
    taking: Taking,
) -> Run
where
    G: Generator,
    G::Yield: Debug,
    G::Output: Debug,
{
    take_log();
    let mut frame = Box::pin(make());
    let mut steps = vec![(take_log(), None, false)];
    let mut output = None;
    while limit.is_none_or(|l| steps.len() <= l) && steps.len() <= MAX_STEPS {
        let step = steps.len() - 1;
        let status = frame.as_mut().resume_with(arg(step));
        let out = if taking.takes(step) {
            frame.as_mut().take_yield().map(|v| format!("{v:?}"))
        } else {
            None
        };
        let returned = status == Status::Returned;
        steps.push((take_log(), out, returned));
        if returned {
            output = frame.as_mut().take_output().map(|v| format!("{v:?}"));
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

fn run_async<F, R>(
    make: &dyn Fn() -> F,
    arg: &dyn Fn(usize) -> R,
    limit: Option<usize>,
    taking: Taking,
) -> Run
where
    F: Future,
    F::Output: Debug,
    R: 'static,
{
    take_log();
    WAITING.with(|w| w.set(false));
    let mut fut = Box::pin(make());
    let mut steps = vec![(take_log(), None, false)];
    let mut output = None;
    let mut cx = Context::from_waker(Waker::noop());
    while limit.is_none_or(|l| steps.len() <= l) && steps.len() <= MAX_STEPS {
        let step = steps.len() - 1;
        let value: Box<dyn Any> = Box::new(arg(step));
        if WAITING.with(|w| w.get()) {
            PASSED_IN.with(|p| *p.borrow_mut() = Some(value));
        } else {
            // Nothing waits for it: dropped before the resume.
            drop(value);
        }
        // A value handed out that the driver did not take is dropped as the
        // frame is entered again.
        drop(HANDED_OUT.with(|h| h.borrow_mut().take()));
        let poll = fut.as_mut().poll(&mut cx);
        assert!(
            PASSED_IN.with(|p| p.borrow_mut().take()).is_none(),
            "the twin left the value it was resumed with"
        );
        let out = if taking.takes(step) {
            HANDED_OUT.with(|h| h.borrow_mut().take().map(|v| format!("{v:?}")))
        } else {
            None
        };
        let returned = poll.is_ready();
        steps.push((take_log(), out, returned));
        if let Poll::Ready(v) = poll {
            output = Some(format!("{v:?}"));
            break;
        }
    }
    drop(fut);
    // With the frame goes the value it handed out, if nobody took it.
    drop(HANDED_OUT.with(|h| h.borrow_mut().take()));
    Run {
        steps,
        output,
        drop_log: take_log(),
    }
}

/// Runs one case both ways and compares; `Err` says where they differ.
pub fn compare<G, F>(
    name: &'static str,
    make_coro: impl Fn() -> G,
    make_async: impl Fn() -> F,
    arg: impl Fn(usize) -> G::Resume,
) -> Result<usize, String>
where
    G: Generator,
    G::Yield: Debug,
    G::Resume: 'static,
    G::Output: Debug,
    F: Future<Output = G::Output>,
{
    compare_runs(
        name,
        "async",
        &|limit, taking| run_coro(&make_coro, &arg, limit, taking),
        &|limit, taking| run_async(&make_async, &arg, limit, taking),
    )
}

/// A driver of one twin: runs it to the end, or for `limit` steps and then
/// drops it, taking the values as `Taking` says.
type Runner<'a> = &'a dyn Fn(Option<usize>, Taking) -> Run;

/// Compares the generator (`coro`) with its twin (`twin`, named `what`)
/// with both ways of taking the values; `Err` says where they differ.
fn compare_runs(
    name: &str,
    what: &str,
    coro: Runner<'_>,
    twin: Runner<'_>,
) -> Result<usize, String> {
    let mut problems = Vec::new();
    let mut total = 0;
    for taking in [Taking::Every, Taking::Odd] {
        total = compare_taking(what, coro, twin, taking, &mut problems);
    }
    if problems.is_empty() {
        Ok(total)
    } else {
        Err(format!("case `{name}`:\n  {}", problems.join("\n  ")))
    }
}

/// [`compare_runs`] with one way of taking the values; returns the steps.
fn compare_taking(
    what: &str,
    coro: Runner<'_>,
    twin: Runner<'_>,
    taking: Taking,
    problems: &mut Vec<String>,
) -> usize {
    let c = coro(None, taking);
    let t = twin(None, taking);
    for (i, (cs, ts)) in c.steps.iter().zip(&t.steps).enumerate() {
        if cs != ts {
            problems.push(format!(
                "{taking:?}, step {i}: generator {cs:?}, {what} {ts:?}"
            ));
        }
    }
    if c.steps.len() != t.steps.len() {
        problems.push(format!(
            "generator ran {} steps, {what} {}",
            c.steps.len(),
            t.steps.len()
        ));
    }
    if c.output != t.output || c.drop_log != t.drop_log {
        problems.push(format!(
            "output {:?} then drops {:?}, {what} {:?} then {:?}",
            c.output, c.drop_log, t.output, t.drop_log
        ));
    }
    let total = t.steps.len() - 1;
    if problems.is_empty() {
        for k in 0..total {
            let cd = coro(Some(k), taking);
            let td = twin(Some(k), taking);
            if cd.steps != td.steps || cd.drop_log != td.drop_log {
                problems.push(format!(
                    "{taking:?}, dropped after {k} steps: generator {:?} {:?}, {what} {:?} {:?}",
                    cd.steps, cd.drop_log, td.steps, td.drop_log
                ));
            }
        }
    }
    total
}

/// Runs one case as a generator and as a rustc coroutine (nightly's
/// `#[coroutine]` closures; `--cfg coro_nightly`), whose `yield` hands out
/// `Some(v)` for `suspend!(v)` and `None` for `suspend!()`, and whose
/// `yield` evaluates to the value the driver resumes it with; compares as
/// [`compare`] does. The value of the resume that starts the frame is
/// the closure's argument, which it drops before its body runs, as
/// `resume_with` drops it.
#[cfg(coro_nightly)]
pub fn compare_nightly<G, N>(
    name: &'static str,
    make_coro: impl Fn() -> G,
    make_nightly: impl Fn() -> N,
    arg: impl Fn(usize) -> G::Resume,
) -> Result<usize, String>
where
    G: Generator,
    G::Yield: Debug,
    G::Output: Debug,
    N: std::ops::Coroutine<G::Resume, Yield = Option<G::Yield>>,
    N::Return: Debug,
{
    compare_runs(
        name,
        "rustc coroutine",
        &|limit, taking| run_coro(&make_coro, &arg, limit, taking),
        &|limit, taking| run_nightly(&make_nightly, &arg, limit, taking),
    )
}

#[cfg(coro_nightly)]
fn run_nightly<N, R, Y>(
    make: &dyn Fn() -> N,
    arg: &dyn Fn(usize) -> R,
    limit: Option<usize>,
    taking: Taking,
) -> Run
where
    N: std::ops::Coroutine<R, Yield = Option<Y>>,
    N::Return: Debug,
    Y: Debug,
{
    use std::ops::CoroutineState;
    take_log();
    let mut co = Box::pin(make());
    let mut steps = vec![(take_log(), None, false)];
    let mut output = None;
    // The value handed out that the driver did not take: dropped as the
    // coroutine is entered again, as the generator drops it.
    let mut untaken: Option<Y> = None;
    while limit.is_none_or(|l| steps.len() <= l) && steps.len() <= MAX_STEPS {
        let step = steps.len() - 1;
        drop(untaken.take());
        let state = co.as_mut().resume(arg(step));
        let (handed, returned) = match state {
            CoroutineState::Yielded(v) => (v, false),
            CoroutineState::Complete(v) => {
                output = Some(format!("{v:?}"));
                (None, true)
            }
        };
        let out = if taking.takes(step) {
            handed.map(|v| format!("{v:?}"))
        } else {
            untaken = handed;
            None
        };
        steps.push((take_log(), out, returned));
        if returned {
            break;
        }
    }
    drop(co);
    drop(untaken);
    Run {
        steps,
        output,
        drop_log: take_log(),
    }
}

/// Defines generator differential cases: `case name(args) yield Y, resume
/// R, with |step| value { fns }`. The fn called `case` is the generator;
/// the fns marked `yields` are generators of the same types it may
/// delegate to (`yield_from!`, an `.await` in the async twin); the other
/// fns are plain coroutines it may await. The resume value of
/// step k (k = 0 for the resume that starts the frame) is `value`.
#[macro_export]
macro_rules! generator_differential {
    (
        $(
            case $name:ident ( $($arg:expr),* $(,)? ) yield $y:ty, resume $r:ty, with |$k:ident| $value:expr;
            fn case ( $($params:tt)* ) $(-> $ret:ty)? $body:block
            $( yields fn $g:ident ( $($gparams:tt)* ) $(-> $gret:ty)? $gbody:block )*
            $( fn $f:ident ( $($fparams:tt)* ) $(-> $fret:ty)? $fbody:block )*
        )+
    ) => {
        $(
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
                    use coro_runtime::{suspend, yield_from};
                    #[coro_runtime::coroutine(yield = $y, resume = $r)]
                    pub fn case( $($params)* ) $(-> $ret)? $body
                    $(
                        #[coro_runtime::coroutine(yield = $y, resume = $r)]
                        pub fn $g( $($gparams)* ) $(-> $gret)? $gbody
                    )*
                    $(
                        #[coro_runtime::coroutine]
                        pub fn $f( $($fparams)* ) $(-> $fret)? $fbody
                    )*
                }
                pub mod asy {
                    #[allow(unused_imports)]
                    use super::super::*;
                    #[allow(unused_imports)]
                    use $crate::prelude::*;
                    /// The case's types, for `suspend!` below.
                    pub type Yield = $y;
                    pub type Resume = $r;
                    #[allow(unused_imports)]
                    use $crate::{__async_gen_suspend as suspend, __async_yield_from as yield_from};
                    pub async fn case( $($params)* ) $(-> $ret)? $body
                    $(
                        pub async fn $g( $($gparams)* ) $(-> $gret)? $gbody
                    )*
                    $(
                        pub async fn $f( $($fparams)* ) $(-> $fret)? $fbody
                    )*
                }
                pub fn run() -> ::core::result::Result<usize, String> {
                    $crate::yields::compare(
                        stringify!($name),
                        || coro::case($($arg),*),
                        || asy::case($($arg),*),
                        |$k: usize| -> $r { $value },
                    )
                }
                #[test]
                fn differential() {
                    if let Err(e) = run() {
                        panic!("{e}");
                    }
                }
                #[cfg(coro_nightly)]
                $crate::__nightly_twin! {
                    $name [$($arg),*] [$y] [$r] [$k $value]
                    fn case ( $($params)* ) $(-> $ret)? $body
                    $( yields fn $g ( $($gparams)* ) $(-> $gret)? $gbody )*
                    $( fn $f ( $($fparams)* ) $(-> $fret)? $fbody )*
                }
            }
        )+
    };
}

/// The rustc coroutine twin of a generator case and its test
/// (`--cfg coro_nightly`, see [`compare_nightly`]), for a case without
/// helpers: rustc's coroutines cannot `.await`, and `yield_from!` has no
/// counterpart there, so a case that awaits or delegates has no twin.
#[doc(hidden)]
#[macro_export]
macro_rules! __nightly_twin {
    (
        $name:ident [$($arg:expr),*] [$y:ty] [$r:ty] [$k:ident $value:expr]
        fn case ( $($params:tt)* ) $(-> $ret:ty)? $body:block
    ) => {
        pub mod nightly {
            #[allow(unused_imports)]
            use super::super::*;
            #[allow(unused_imports)]
            use $crate::prelude::*;
            #[allow(unused_imports)]
            use $crate::__nightly_suspend as suspend;
            pub fn case( $($params)* ) -> impl ::core::ops::Coroutine<
                $r,
                Yield = ::core::option::Option<$y>,
                Return = impl ::core::fmt::Debug,
            > {
                // The value of the resume that starts it is dropped before
                // the body runs, as `resume_with` drops it.
                #[coroutine]
                static move |first: $r| {
                    ::core::mem::drop(first);
                    $body
                }
            }
        }
        #[test]
        fn nightly_differential() {
            let result = $crate::yields::compare_nightly(
                stringify!($name),
                || coro::case($($arg),*),
                || nightly::case($($arg),*),
                |$k: usize| -> $r { $value },
            );
            if let Err(e) = result {
                panic!("{e}");
            }
        }
    };
    ($($other:tt)*) => {};
}

/// `suspend!` in the rustc coroutine twin: `yield`s `Some(v)`, or `None`
/// for a suspension without a value, and evaluates to the resume value.
#[doc(hidden)]
#[macro_export]
macro_rules! __nightly_suspend {
    () => {
        yield ::core::option::Option::None
    };
    ($v:expr) => {
        yield ::core::option::Option::Some($v)
    };
}

/// `suspend!` in the async twin of a generator (see `Point`). The plain
/// coroutines a case awaits pend once, as in the other differential tests.
#[doc(hidden)]
#[macro_export]
macro_rules! __async_gen_suspend {
    () => {
        $crate::yields::Point::<Yield, Resume>::new(None).await
    };
    ($v:expr) => {
        $crate::yields::Point::<Yield, Resume>::new(Some($v)).await
    };
}

/// `yield_from!(e)` in the async twin: an await, whose points hand out and
/// take in through the driver as the delegator's do.
#[doc(hidden)]
#[macro_export]
macro_rules! __async_yield_from {
    ($e:expr) => {
        $e.await
    };
}
