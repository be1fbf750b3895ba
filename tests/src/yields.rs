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
            if let Some(v) = self.value.take() {
                HANDED_OUT.with(|h| *h.borrow_mut() = Some(Box::new(v)));
            }
            return Poll::Pending;
        }
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
    let mut fut = Box::pin(make());
    let mut steps = vec![(take_log(), None, false)];
    let mut output = None;
    let mut cx = Context::from_waker(Waker::noop());
    while limit.is_none_or(|l| steps.len() <= l) && steps.len() <= MAX_STEPS {
        let step = steps.len() - 1;
        let value: Box<dyn Any> = Box::new(arg(step));
        PASSED_IN.with(|p| *p.borrow_mut() = Some(value));
        // A value handed out that the driver did not take is dropped as the
        // frame is entered again.
        drop(HANDED_OUT.with(|h| h.borrow_mut().take()));
        let poll = fut.as_mut().poll(&mut cx);
        // A value nothing took (the first resume's) is dropped, as the
        // generator drops it.
        PASSED_IN.with(|p| p.borrow_mut().take());
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
    let mut problems = Vec::new();
    let mut total = 0;
    for taking in [Taking::Every, Taking::Odd] {
        total = compare_taking(&make_coro, &make_async, &arg, taking, &mut problems);
    }
    if problems.is_empty() {
        Ok(total)
    } else {
        Err(format!("case `{name}`:\n  {}", problems.join("\n  ")))
    }
}

/// [`compare`] with one way of taking the values; returns the steps.
fn compare_taking<G, F>(
    make_coro: &dyn Fn() -> G,
    make_async: &dyn Fn() -> F,
    arg: &dyn Fn(usize) -> G::Resume,
    taking: Taking,
    problems: &mut Vec<String>,
) -> usize
where
    G: Generator,
    G::Yield: Debug,
    G::Resume: 'static,
    G::Output: Debug,
    F: Future<Output = G::Output>,
{
    let coro = run_coro(make_coro, arg, None, taking);
    let asy = run_async(make_async, arg, None, taking);
    for (i, (c, a)) in coro.steps.iter().zip(&asy.steps).enumerate() {
        if c != a {
            problems.push(format!(
                "{taking:?}, step {i}: generator {c:?}, async {a:?}"
            ));
        }
    }
    if coro.steps.len() != asy.steps.len() {
        problems.push(format!(
            "generator ran {} steps, async {}",
            coro.steps.len(),
            asy.steps.len()
        ));
    }
    if coro.output != asy.output || coro.drop_log != asy.drop_log {
        problems.push(format!(
            "output {:?} then drops {:?}, async {:?} then {:?}",
            coro.output, coro.drop_log, asy.output, asy.drop_log
        ));
    }
    let total = asy.steps.len() - 1;
    if problems.is_empty() {
        for k in 0..total {
            let c = run_coro(make_coro, arg, Some(k), taking);
            let a = run_async(make_async, arg, Some(k), taking);
            if c.steps != a.steps || c.drop_log != a.drop_log {
                problems.push(format!(
                    "{taking:?}, dropped after {k} steps: generator {:?} {:?}, async {:?} {:?}",
                    c.steps, c.drop_log, a.steps, a.drop_log
                ));
            }
        }
    }
    total
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
            }
        )+
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
