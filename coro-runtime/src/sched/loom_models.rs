//! Loom models of the scheduler's synchronisation (built only with
//! `--cfg coro_loom`, run by `.ci/run`):
//!
//! - a send against a receive against `close`, on a rendezvous channel,
//!   and a receive resumed without waiting for its wake against a send;
//! - `select!`'s claim against operations completing its cases (receives,
//!   and sends against another select);
//! - a timeout firing (its operation withdrawn) against a counterpart
//!   completing the operation, for a receive and for a send;
//! - a mutex handed on by its holder against the waiting lock being
//!   cancelled, and the same for a semaphore's permit;
//! - `notify_one` against the waiting `notified()` being cancelled;
//! - a `select!` whose coroutine case returns against a channel case
//!   being completed by a sender;
//! - a task's waker firing while the task suspends, and while it finishes.
//!
//! Each model drives the operations by hand, as an executor would: resume
//! under a context whose waker sets a flag, and wait for the flag before
//! resuming again. Every access to the scheduler's atomics and to the data
//! its locks guard goes through loom (`crate::sync::sched`), so loom checks
//! the orderings as well as the outcomes the assertions state. Each model
//! fails when the synchronisation it checks is removed:
//! `scripts/loom-mutants.sh` removes one piece per model from a copy of the
//! runtime and checks that the model then fails.

use core::pin::{Pin, pin};
use core::task::Waker;

use alloc::sync::Arc;
use alloc::task::Wake;
use alloc::vec::Vec;

use loom::sync::atomic::{AtomicBool, Ordering};
use loom::thread;

use super::awaited::IsAwaitable;
use super::chan::{SendError, channel};
use super::cx::{self, Cx};
use super::notify::Notify;
use super::select::select;
use super::semaphore::{Mutex, Semaphore};
use super::task::{RunQueue, TaskHeader, state};
use crate::frame::Token;
use crate::sync::sched::AtomicU8;
use crate::{Coroutine, Status};

/// A waker that raises a flag.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::Release);
    }
}

/// One resume of `op` under a context with a fresh waker; the flag that
/// waker raises.
fn resume_once<C: Coroutine>(op: Pin<&mut C>) -> (Status, Arc<Flag>) {
    let flag = Arc::new(Flag(AtomicBool::new(false)));
    let waker = Waker::from(flag.clone());
    let cx = Cx::new(&waker, None);
    let status = cx::enter(&cx, || op.resume());
    (status, flag)
}

/// Resumes `op` until it returns, waiting for its waker between resumes.
fn drive<C: Coroutine>(mut op: Pin<&mut C>) -> C::Output {
    loop {
        let (status, flag) = resume_once(op.as_mut());
        if status == Status::Returned {
            return op.take_output().expect("returned");
        }
        let mut spins = 0;
        while !flag.0.load(Ordering::Acquire) {
            spins += 1;
            assert!(spins < 50, "not woken");
            thread::yield_now();
        }
    }
}

/// Runs a model, exploring every interleaving with at most `preemptions`
/// preemptions (`LOOM_MAX_PREEMPTIONS` raises it: the spin locks make the
/// unbounded space too large; 2 is loom's usual bound, and 1 for the model
/// with three threads), and checks that it explored more than one.
fn model(preemptions: usize, f: impl Fn() + Sync + Send + 'static) {
    use std::sync::atomic::{AtomicUsize, Ordering as StdOrdering};
    let runs = Arc::new(AtomicUsize::new(0));
    let counter = runs.clone();
    let mut builder = loom::model::Builder::new();
    let bound = std::env::var("LOOM_MAX_PREEMPTIONS")
        .ok()
        .and_then(|v| v.parse().ok());
    builder.preemption_bound = Some(bound.unwrap_or(preemptions).max(preemptions));
    builder.check(move || {
        counter.fetch_add(1, StdOrdering::Relaxed);
        f();
    });
    let runs = runs.load(StdOrdering::Relaxed);
    std::println!("explored {runs} interleavings");
    assert!(runs > 1, "only {runs} interleaving explored");
}

#[test]
fn send_against_recv() {
    model(3, || {
        let (tx, rx) = channel::<u32>(0);
        let sender = thread::spawn(move || drive(pin!(tx.send(7))));
        assert_eq!(drive(pin!(rx.recv())), Some(7));
        assert_eq!(sender.join().unwrap(), Ok(()));
    });
}

/// Resumes `op` twice without waiting for its waker in between (a resume
/// that nothing woke: another operation of a `select!`, a future polled
/// for another reason), then as [`drive`] does.
fn resume_unwoken<C: Coroutine>(mut op: Pin<&mut C>) -> C::Output {
    for _ in 0..2 {
        let (status, _) = resume_once(op.as_mut());
        if status == Status::Returned {
            return op.take_output().expect("returned");
        }
        thread::yield_now();
    }
    drive(op)
}

/// A receive resumed without waiting for its wake reads the value its
/// sender handed it without the lock: the completion's `Release` store
/// must order the value before it.
#[test]
fn recv_polled_against_send() {
    model(2, || {
        let (tx, rx) = channel::<u32>(0);
        let sender = thread::spawn(move || drive(pin!(tx.send(7))));
        assert_eq!(resume_unwoken(pin!(rx.recv())), Some(7));
        assert_eq!(sender.join().unwrap(), Ok(()));
    });
}

#[test]
fn recv_against_send_then_close() {
    model(3, || {
        let (tx, rx) = channel::<u32>(1);
        let sender = thread::spawn(move || {
            tx.try_send(7).unwrap();
            tx.close();
        });
        // The value sent before the close is received, then the close.
        assert_eq!(drive(pin!(rx.recv())), Some(7));
        assert_eq!(drive(pin!(rx.recv())), None);
        sender.join().unwrap();
    });
}

#[test]
fn send_recv_close() {
    model(1, || {
        let (tx, rx) = channel::<u32>(0);
        let closer = tx.clone();
        let sender = thread::spawn(move || drive(pin!(tx.send(7))));
        let close = thread::spawn(move || closer.close());
        let received = drive(pin!(rx.recv()));
        let sent = sender.join().unwrap();
        close.join().unwrap();
        // Received exactly when the sender was told it was sent.
        match (sent, received) {
            (Ok(()), Some(7)) | (Err(SendError(7)), None) => {}
            (sent, received) => panic!("sent {sent:?}, received {received:?}"),
        }
    });
}

#[test]
fn select_claim_against_completions() {
    model(3, || {
        let (tx1, rx1) = channel::<u32>(1);
        let (tx2, rx2) = channel::<u32>(1);
        // Both complete, one after the other: the second finds the select
        // decided (or not yet waiting) and leaves its value in the channel.
        let senders = thread::spawn(move || {
            tx1.try_send(1).unwrap();
            tx2.try_send(2).unwrap();
        });
        let out = drive(pin!(select((rx1.recv(), rx2.recv()), false)));
        senders.join().unwrap();
        // One case won; the other value is still in its channel.
        match out {
            (Some(Some(1)), None) => assert_eq!(rx2.try_recv(), Ok(2)),
            (None, Some(Some(2))) => assert_eq!(rx1.try_recv(), Ok(1)),
            out => panic!("select gave {out:?}"),
        }
        assert!(rx1.try_recv().is_err() && rx2.try_recv().is_err());
    });
}

#[test]
fn select_of_sends_against_receives() {
    model(3, || {
        let (tx1, rx1) = channel::<u32>(0);
        let (tx2, rx2) = channel::<u32>(0);
        let receiver = thread::spawn(move || {
            // Two completions, one after the other: the second finds the
            // select decided, or not waiting yet.
            let mut got: Vec<u32> = [rx1.try_recv().ok(), rx2.try_recv().ok()]
                .into_iter()
                .flatten()
                .collect();
            if got.is_empty() {
                match drive(pin!(select((rx1.recv(), rx2.recv()), false))) {
                    (Some(Some(v)), None) | (None, Some(Some(v))) => got.push(v),
                    out => panic!("receiving select gave {out:?}"),
                }
            }
            got
        });
        let out = drive(pin!(select((tx1.send(1), tx2.send(2)), false)));
        let got = receiver.join().unwrap();
        // Exactly the value of the case reported sent was received.
        match out {
            (Some(Ok(())), None) => assert_eq!(got, [1]),
            (None, Some(Ok(()))) => assert_eq!(got, [2]),
            out => panic!("select gave {out:?}"),
        }
    });
}

/// What `timeout` does when its timer fires first: withdraw the operation,
/// or, if a counterpart completed it meanwhile, resume it for its output.
fn time_out<C: Coroutine>(mut op: Pin<&mut C>) -> Option<C::Output> {
    let (status, _) = resume_once(op.as_mut());
    if status == Status::Returned {
        return op.take_output();
    }
    if op.as_mut().__withdraw(Token(())) {
        return None;
    }
    let (status, _) = resume_once(op.as_mut());
    assert_eq!(status, Status::Returned, "not withdrawn, so completed");
    op.take_output()
}

#[test]
fn timeout_of_a_receive_against_a_send() {
    model(3, || {
        let (tx, rx) = channel::<u32>(1);
        let sender = thread::spawn(move || tx.try_send(5).unwrap());
        let received = time_out(pin!(rx.recv())).map(|v| v.expect("not closed"));
        sender.join().unwrap();
        // Timed out or not, the value is received exactly once.
        let rest = rx.try_recv().ok();
        assert_eq!(received.is_some(), rest.is_none(), "{received:?} {rest:?}");
        assert_eq!(received.or(rest), Some(5));
    });
}

#[test]
fn timeout_of_a_send_against_a_receive() {
    model(3, || {
        let (tx, rx) = channel::<u32>(0);
        let receiver = thread::spawn(move || {
            let got = rx.try_recv().ok();
            (got, rx)
        });
        let sent = time_out(pin!(tx.send(9)));
        let (got, _rx) = receiver.join().unwrap();
        // Reported sent exactly when received.
        match (sent, got) {
            (Some(Ok(())), Some(9)) | (None, None) => {}
            (sent, got) => panic!("sent {sent:?}, received {got:?}"),
        }
    });
}

#[test]
fn mutex_hand_off_against_a_cancelled_lock() {
    model(3, || {
        let m = Mutex::new(0u32);
        let held = m.try_lock().expect("unlocked");
        let holder = thread::spawn(move || drop(held));
        {
            let mut op = pin!(m.lock());
            let (status, _) = resume_once(op.as_mut());
            if status == Status::Returned {
                let mut guard = op.as_mut().take_output().unwrap();
                *guard += 1;
            }
            // Cancelled here if it was waiting, maybe after being handed
            // the lock.
        }
        holder.join().unwrap();
        // Whoever held it last let it go.
        assert!(m.try_lock().is_some(), "the mutex stayed locked");
    });
}

#[test]
fn semaphore_release_against_a_cancelled_acquire() {
    model(3, || {
        let sem = Semaphore::new(1);
        let held = sem.try_acquire().expect("a permit is free");
        let holder = thread::spawn(move || drop(held));
        {
            let mut op = pin!(sem.acquire());
            let (status, _) = resume_once(op.as_mut());
            if status == Status::Returned {
                drop(op.as_mut().take_output().unwrap());
            }
            // Cancelled here if it was waiting, maybe after being granted
            // the permit.
        }
        holder.join().unwrap();
        assert_eq!(sem.available_permits(), 1, "a permit was lost");
    });
}

#[test]
fn notify_one_against_a_cancelled_wait() {
    model(3, || {
        let notify = Notify::new();
        let other = notify.clone();
        let notifier = thread::spawn(move || other.notify_one());
        let consumed = {
            let mut op = pin!(notify.notified());
            let (status, _) = resume_once(op.as_mut());
            // Cancelled here if it was waiting, maybe after being woken.
            status == Status::Returned
        };
        notifier.join().unwrap();
        // The notification was consumed, or is stored for the next wait.
        let mut next = pin!(notify.notified());
        let (status, _) = resume_once(next.as_mut());
        assert_eq!(
            consumed,
            status == Status::Suspended,
            "the notification was lost or doubled"
        );
    });
}

#[test]
fn coroutine_case_against_a_channel_case() {
    model(2, || {
        let (a_tx, a_rx) = channel::<u32>(1);
        let (b_tx, b_rx) = channel::<u32>(0);
        let a = thread::spawn(move || a_tx.try_send(1).unwrap());
        // Takes the value of a waiting send, claiming its select.
        let b = thread::spawn(move || b_rx.try_recv().ok());
        // `a`'s receive as a coroutine case (resumed by the select, and
        // claiming it when it returns), a send on `b` as a channel case
        // (claimed by the receiver that completes it).
        let cases = (IsAwaitable.wrap(a_rx.recv()), b_tx.send(2));
        let out = drive(pin!(select(cases, false)));
        a.join().unwrap();
        let received = b.join().unwrap();
        match out {
            // The send lost: it did not happen.
            (Some(Some(1)), None) => assert_eq!(received, None),
            (None, Some(Ok(()))) => assert_eq!(received, Some(2)),
            out => panic!("select gave {out:?}"),
        }
    });
}

fn task(queue: &Arc<RunQueue>) -> Arc<TaskHeader> {
    Arc::new(TaskHeader {
        id: 3,
        state: AtomicU8::new(state::RUNNING),
        queue: queue.clone(),
    })
}

fn queued(queue: &RunQueue) -> Vec<usize> {
    queue.ids.lock().iter().copied().collect()
}

#[test]
fn wake_while_the_task_suspends() {
    model(3, || {
        let queue = Arc::new(RunQueue::new());
        let header = task(&queue);
        let waker = Waker::from(header.clone());
        let waking = thread::spawn(move || waker.wake());
        // The resume ended waiting for an operation.
        header.suspended(true);
        waking.join().unwrap();
        // The wake is not lost: the task is queued, once.
        assert_eq!(queued(&queue), [3]);
        assert_eq!(header.state.load(Ordering::Acquire), state::QUEUED);
    });
}

#[test]
fn wake_while_the_task_finishes() {
    model(3, || {
        let queue = Arc::new(RunQueue::new());
        let header = task(&queue);
        let waker = Waker::from(header.clone());
        let waking = thread::spawn(move || waker.wake());
        // The resume returned: what the executors do with a finished task.
        header.state.store(state::DONE, Ordering::Release);
        waking.join().unwrap();
        // A finished task is never queued again.
        assert!(queued(&queue).is_empty());
    });
}
