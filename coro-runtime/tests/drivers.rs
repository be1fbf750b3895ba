//! A bare suspension (`suspend!()`, `yield_now()`) after a `Future` await,
//! a timeout or a channel operation, under each driver: tokio through
//! `as_future`, our `Executor` and `ThreadedExecutor`, and plain resumes
//! (`coro_runtime::run`).
//! A bare suspension is a yield: the driver resumes the coroutine again
//! (../shared/repro/runtime/future_then_suspend.rs: before the fix, a
//! ready or once-pending future followed by `suspend!()` hung under tokio
//! and was a false deadlock under `Executor::block_on`).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use coro_runtime::sched::{self, Executor, as_future, channel};

/// Pending once (waking itself), then ready.
struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

#[coro_runtime::coroutine]
fn ready_then_suspend() -> u32 {
    let x = std::future::ready(5).await;
    coro_runtime::suspend!();
    x
}

#[coro_runtime::coroutine]
fn pending_once_then_suspend() -> u32 {
    PendingOnce(false).await;
    coro_runtime::suspend!();
    7
}

#[coro_runtime::coroutine]
fn suspend_then_ready() -> u32 {
    coro_runtime::suspend!();
    std::future::ready(3).await
}

#[coro_runtime::coroutine]
fn ready_then_yield_now() -> u32 {
    let x = std::future::ready(4).await;
    sched::yield_now().await;
    x
}

#[coro_runtime::coroutine]
fn tokio_sleep_then_yield_now() -> u32 {
    tokio::time::sleep(Duration::from_millis(5)).await;
    sched::yield_now().await;
    2
}

/// A timeout that elapses around a receive nobody answers, then a bare
/// suspension: the withdrawn receive must not leave the task waiting.
#[coro_runtime::coroutine]
fn elapsed_timeout_then_suspend() -> u32 {
    let (_tx, rx) = channel::<u32>(0);
    let r = sched::timeout(Duration::from_millis(2), rx.recv()).await;
    assert!(r.is_err());
    coro_runtime::suspend!();
    9
}

/// A send that completes at once, then a bare suspension.
#[coro_runtime::coroutine]
fn send_then_suspend() -> u32 {
    let (tx, rx) = channel::<u32>(1);
    tx.send(6).await.unwrap();
    coro_runtime::suspend!();
    rx.try_recv().unwrap()
}

/// Runs `f` as a tokio task and waits for it, at most two seconds. The
/// task is spawned rather than awaited in place: a `tokio::time::timeout`
/// around it would poll it again when it elapses, hiding a task that is
/// never woken.
fn tokio_run<F>(f: F) -> F::Output
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap()
        .block_on(async {
            tokio::time::timeout(Duration::from_secs(2), tokio::spawn(f))
                .await
                .expect("never woken under tokio")
                .unwrap()
        })
}

#[test]
fn under_tokio_a_bare_suspension_after_a_future_is_a_yield() {
    assert_eq!(tokio_run(as_future(ready_then_suspend())), 5);
    assert_eq!(tokio_run(as_future(pending_once_then_suspend())), 7);
    assert_eq!(tokio_run(as_future(suspend_then_ready())), 3);
    assert_eq!(tokio_run(as_future(ready_then_yield_now())), 4);
    assert_eq!(tokio_run(as_future(tokio_sleep_then_yield_now())), 2);
    assert_eq!(tokio_run(as_future(send_then_suspend())), 6);
}

#[test]
fn under_our_executor_a_bare_suspension_after_a_future_is_a_yield() {
    let ex = Executor::new();
    assert_eq!(ex.block_on(ready_then_suspend()), Ok(5));
    assert_eq!(ex.block_on(pending_once_then_suspend()), Ok(7));
    assert_eq!(ex.block_on(suspend_then_ready()), Ok(3));
    assert_eq!(ex.block_on(ready_then_yield_now()), Ok(4));
    assert_eq!(ex.block_on(elapsed_timeout_then_suspend()), Ok(9));
    assert_eq!(ex.block_on(send_then_suspend()), Ok(6));
}

#[test]
fn under_the_threaded_executor_a_bare_suspension_after_a_future_is_a_yield() {
    for workers in [1, 2] {
        let ex = sched::ThreadedExecutor::with_virtual_clock(workers);
        let handles = [
            (ex.spawn(ready_then_suspend()), 5),
            (ex.spawn(pending_once_then_suspend()), 7),
            (ex.spawn(suspend_then_ready()), 3),
            (ex.spawn(ready_then_yield_now()), 4),
            (ex.spawn(elapsed_timeout_then_suspend()), 9),
            (ex.spawn(send_then_suspend()), 6),
        ];
        ex.run().expect("no deadlock");
        for (h, expected) in handles {
            assert_eq!(
                h.try_take().unwrap().unwrap(),
                expected,
                "{workers} workers"
            );
        }
    }
}

#[test]
fn under_plain_resumes_a_bare_suspension_after_a_future_is_a_yield() {
    assert_eq!(coro_runtime::run(ready_then_suspend()), 5);
    assert_eq!(coro_runtime::run(pending_once_then_suspend()), 7);
    assert_eq!(coro_runtime::run(suspend_then_ready()), 3);
}
