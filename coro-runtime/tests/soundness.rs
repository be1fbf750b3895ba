//! Safe programs that broke the runtime's invariants (found by reading the
//! code; docs/protocol.md, "Threads", and docs/goroutines.md state the
//! rules they check). Run under AddressSanitizer and valgrind by
//! scripts/sanitize.sh, which is what sees a use-after-free here; the
//! assertions check the behaviour.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use coro_runtime::sched::{self, Executor, Receiver, Sleep, as_future, channel};
use coro_runtime::{AnyFrame, Coroutine, Status, select, suspend};

#[coro_runtime::coroutine]
fn count() -> u32 {
    suspend!();
    1
}

/// A `Pin<P>` is `Sync` when `P` is, whatever frame `P`'s `Deref` reaches:
/// a shared handle through it could resume a frame of another thread.
#[test]
#[should_panic(expected = "reached through a `Pin<P>`")]
fn shared_handle_through_a_pointer_type_panics() {
    let frame = Box::pin(count());
    let _ = AnyFrame::of_shared(Pin::new(&frame));
}

#[test]
fn handles_of_the_frame_itself() {
    let frame = Box::pin(count());
    let shared = AnyFrame::of_shared(frame.as_ref());
    assert_eq!(shared.resume(), Status::Suspended);
    // A local handle may go through any pointer.
    let local = AnyFrame::of(Pin::new(&frame));
    assert_eq!(local.resume(), Status::Returned);
}

/// Resumes a boxed sleep once inside its task (it waits in this
/// executor's timer queue), then hands it out of the task.
#[coro_runtime::coroutine]
fn hand_out_a_waiting_sleep(out: mpsc::Sender<Pin<Box<Sleep>>>) {
    let mut sleep = Box::pin(sched::sleep(Duration::from_secs(10)));
    assert_eq!(sleep.as_mut().resume(), Status::Suspended);
    out.send(sleep).unwrap();
}

#[coro_runtime::coroutine]
fn nap(secs: u64) -> u64 {
    sched::sleep(Duration::from_secs(secs)).await;
    secs
}

#[coro_runtime::coroutine]
fn drop_it(sleep: Pin<Box<Sleep>>) {
    drop(sleep);
}

#[coro_runtime::coroutine]
fn finish_it(sleep: Pin<Box<Sleep>>) -> bool {
    sleep.await;
    true
}

fn waiting_sleep(ex: &mut Executor) -> Pin<Box<Sleep>> {
    let (tx, rx) = mpsc::channel();
    ex.spawn(hand_out_a_waiting_sleep(tx));
    ex.run().unwrap();
    rx.recv().unwrap()
}

/// The executor fires its timers after the sleep went (it must have left
/// the queue).
fn timers_still_work(ex: &mut Executor) {
    let h = ex.spawn(nap(20));
    ex.run().unwrap();
    assert_eq!(h.try_take().unwrap().unwrap(), 20);
}

#[test]
fn sleep_dropped_outside_its_executor() {
    let mut ex = Executor::with_virtual_clock();
    let sleep = waiting_sleep(&mut ex);
    // Before the fix, a sleep dropped outside any executor stayed in the
    // queue, freed.
    drop(sleep);
    timers_still_work(&mut ex);
}

#[test]
fn sleep_dropped_in_another_executor() {
    let mut a = Executor::with_virtual_clock();
    let sleep = waiting_sleep(&mut a);
    // Before the fix, it was unlinked from `b`'s queue, where it is not.
    let mut b = Executor::with_virtual_clock();
    b.spawn(drop_it(sleep));
    b.run().unwrap();
    timers_still_work(&mut b);
    timers_still_work(&mut a);
}

#[test]
fn sleep_finished_in_another_executor() {
    let mut a = Executor::with_virtual_clock();
    let sleep = waiting_sleep(&mut a);
    let mut b = Executor::with_virtual_clock();
    let h = b.spawn(finish_it(sleep));
    b.run().unwrap();
    assert!(h.try_take().unwrap().unwrap());
    timers_still_work(&mut a);
    timers_still_work(&mut b);
}

#[coro_runtime::coroutine]
fn pick(rx: Receiver<u32>) -> u32 {
    select! {
        v = rx.recv() => v.unwrap(),
    }
}

struct Count(AtomicUsize);

impl Wake for Count {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

fn counting_waker() -> (Waker, Arc<Count>) {
    let count = Arc::new(Count(AtomicUsize::new(0)));
    (Waker::from(count.clone()), count)
}

/// A `Future` may be polled with a new waker each time (a combinator, or
/// a task moved between executors): a waiting `select!` must wake the
/// last one. Before the fix it kept the first, and the future hung.
#[test]
fn select_polled_again_wakes_the_new_waker() {
    let (tx, rx) = channel(1);
    let mut future = Box::pin(as_future(pick(rx)));
    let (first, first_count) = counting_waker();
    let (second, second_count) = counting_waker();
    let poll = future.as_mut().poll(&mut Context::from_waker(&first));
    assert!(poll.is_pending());
    let poll = future.as_mut().poll(&mut Context::from_waker(&second));
    assert!(poll.is_pending());
    tx.try_send(5).unwrap();
    assert_eq!(second_count.0.load(Ordering::SeqCst), 1);
    assert_eq!(first_count.0.load(Ordering::SeqCst), 0);
    let poll = future.as_mut().poll(&mut Context::from_waker(&second));
    assert_eq!(poll, Poll::Ready(5));
}
