//! Exactly-once delivery under cancellation, on the threaded executor (the
//! programs of ../shared/repro/runtime/timeout_*.rs, with exact counts):
//! a value is either received or stays with its sender, never both, never
//! neither. Each runs on 1, 2, 4 and 8 workers; a timeout of a microsecond or
//! two elapses often, and races the counterpart on another worker. Also:
//! the mutex under lock timeouts (exclusive, never lost), and an executor
//! dropped with tasks blocked in locks and selects. CI runs this file in
//! release too (.ci/run), where the races are tighter.

use std::time::Duration;

use coro_runtime::sched::{self, JoinError, Receiver, Sender, ThreadedExecutor, channel};
use coro_runtime::select;

const WORKERS: [usize; 4] = [1, 2, 4, 8];
/// Values per run: enough for thousands of elapsed timeouts in a debug
/// build, in well under a second each.
const N: u64 = 4_000;

fn us(n: u64) -> Duration {
    Duration::from_micros(n)
}

/// Asserts that `got` holds each of `expected` exactly once, and says how
/// many were lost or delivered twice if not (not the whole lists).
#[track_caller]
fn assert_exactly_once(mut got: Vec<u64>, mut expected: Vec<u64>, what: &str) {
    got.sort_unstable();
    expected.sort_unstable();
    if got == expected {
        // The figures, for `--nocapture`.
        println!(
            "{what}: {n} expected, {n} received: 0 lost, 0 extra, 0 twice",
            n = got.len()
        );
        return;
    }
    let lost = expected
        .iter()
        .filter(|v| got.binary_search(v).is_err())
        .count();
    let unexpected = got
        .iter()
        .filter(|v| expected.binary_search(v).is_err())
        .count();
    let mut twice = got.clone();
    twice.dedup();
    panic!(
        "{what}: {} expected, {} received: {lost} lost, {unexpected} received but not reported sent, {} received twice",
        expected.len(),
        got.len(),
        got.len() - twice.len()
    );
}

/// Sends `0..n`, each until it is sent; every send is reported `Ok`.
#[coro_runtime::coroutine]
fn send_all(tx: Sender<u64>, n: u64) -> u64 {
    let mut ok = 0;
    for v in 0..n {
        if tx.send(v).await.is_ok() {
            ok += 1;
        }
        if v % 4 == 0 {
            sched::sleep(us(2)).await;
        }
    }
    ok
}

/// Receives with a timeout around each `recv` until the channel closes.
#[coro_runtime::coroutine]
fn recv_with_timeouts(rx: Receiver<u64>) -> Vec<u64> {
    let mut got = Vec::new();
    loop {
        match sched::timeout(us(1), rx.recv()).await {
            Ok(Some(v)) => got.push(v),
            Ok(None) => break,
            Err(_) => {}
        }
    }
    got
}

#[test]
fn timeout_around_recv_loses_no_value() {
    for workers in WORKERS {
        let ex = ThreadedExecutor::new(workers);
        let (tx, rx) = channel(0);
        let s = ex.spawn(send_all(tx, N));
        let r = ex.spawn(recv_with_timeouts(rx));
        ex.run().unwrap();
        let sent = s.try_take().unwrap().unwrap();
        let got = r.try_take().unwrap().unwrap();
        assert_eq!(sent, N, "{workers} workers");
        assert_exactly_once(got, (0..N).collect(), &format!("{workers} workers"));
    }
}

/// Tries to send each of `0..n` once, within a deadline (with a `timeout`,
/// or a `select!` with a `sleep` case); gives the values reported sent.
#[coro_runtime::coroutine]
fn send_with_deadlines(tx: Sender<u64>, n: u64, use_select: bool) -> Vec<u64> {
    let mut ok = Vec::new();
    for v in 0..n {
        if use_select {
            select! {
                r = tx.send(v) => { r.unwrap(); ok.push(v); },
                _ = sched::sleep(us(2)) => {},
            }
        } else if let Ok(r) = sched::timeout(us(2), tx.send(v)).await {
            r.unwrap();
            ok.push(v);
        }
    }
    ok
}

#[coro_runtime::coroutine]
fn recv_all(rx: Receiver<u64>) -> Vec<u64> {
    let mut got = Vec::new();
    while let Some(v) = rx.recv().await {
        got.push(v);
        if v % 4 == 0 {
            sched::sleep(us(3)).await;
        }
    }
    got
}

fn sends_reported_as_received(use_select: bool) {
    for workers in WORKERS {
        let ex = ThreadedExecutor::new(workers);
        let (tx, rx) = channel(0);
        let s = ex.spawn(send_with_deadlines(tx, N, use_select));
        let r = ex.spawn(recv_all(rx));
        ex.run().unwrap();
        let sent = s.try_take().unwrap().unwrap();
        let got = r.try_take().unwrap().unwrap();
        // The values received are exactly the values reported sent.
        assert_exactly_once(
            got,
            sent,
            &format!("{workers} workers, select: {use_select}"),
        );
    }
}

#[test]
fn timeout_around_send_reports_every_delivered_value() {
    sends_reported_as_received(false);
}

#[test]
fn select_with_a_sleep_case_reports_every_delivered_value() {
    sends_reported_as_received(true);
}

#[coro_runtime::coroutine]
fn send_boxes(tx: Sender<Box<u64>>, base: u64, n: u64) -> u64 {
    let mut ok = 0;
    for i in 0..n {
        if tx.send(Box::new(base + i)).await.is_ok() {
            ok += 1;
        }
        if i % 8 == 0 {
            sched::yield_now().await;
        }
    }
    ok
}

/// A `select!` inside a coroutine of its own, so that the timeout drops a
/// frame, not the select itself: a value a case won goes back to its
/// channel.
#[coro_runtime::coroutine]
fn either(a: Receiver<Box<u64>>, b: Receiver<Box<u64>>) -> Option<u64> {
    select! {
        x = a.recv() => x.map(|v| *v),
        y = b.recv() => y.map(|v| *v),
    }
}

#[coro_runtime::coroutine]
fn recv_either_with_timeouts(a: Receiver<Box<u64>>, b: Receiver<Box<u64>>) -> Vec<u64> {
    let mut got = Vec::new();
    loop {
        match sched::timeout(us(1), either(a.clone(), b.clone())).await {
            Ok(Some(v)) => got.push(v),
            Ok(None) => break,
            Err(_) => {}
        }
    }
    // One channel closed: drain the other.
    while let Some(v) = a.recv().await {
        got.push(*v);
    }
    while let Some(v) = b.recv().await {
        got.push(*v);
    }
    got
}

#[test]
fn timeout_around_a_select_in_a_coroutine_loses_no_value() {
    for workers in WORKERS {
        let ex = ThreadedExecutor::new(workers);
        let (ta, ra) = channel(0);
        let (tb, rb) = channel(0);
        let s1 = ex.spawn(send_boxes(ta, 0, N));
        let s2 = ex.spawn(send_boxes(tb, 1_000_000, N));
        let r = ex.spawn(recv_either_with_timeouts(ra, rb));
        ex.run().unwrap();
        let sent = s1.try_take().unwrap().unwrap() + s2.try_take().unwrap().unwrap();
        let got = r.try_take().unwrap().unwrap();
        assert_eq!(sent, 2 * N, "{workers} workers");
        let expected = (0..N).chain(1_000_000..1_000_000 + N).collect();
        assert_exactly_once(got, expected, &format!("{workers} workers"));
    }
}

/// One task's share of the mutex test: `rounds` attempts to take the lock
/// within a microsecond; each one that succeeds increments the counter
/// while checking that no other task is inside. Gives the number of
/// increments it made.
#[coro_runtime::coroutine]
fn lock_with_timeouts(
    m: sched::Mutex<u64>,
    inside: std::sync::Arc<std::sync::atomic::AtomicBool>,
    rounds: u64,
) -> u64 {
    use std::sync::atomic::Ordering::SeqCst;
    let mut mine = 0;
    for _ in 0..rounds {
        if let Ok(mut g) = sched::timeout(us(1), m.lock()).await {
            assert!(!inside.swap(true, SeqCst), "two tasks inside the mutex");
            *g += 1;
            mine += 1;
            sched::yield_now().await;
            inside.store(false, SeqCst);
        }
    }
    mine
}

/// Mutual exclusion and exact counts under lock timeouts: a lock handed to
/// a task whose timeout elapsed is passed on, never lost (every task
/// finishes) nor shared.
#[test]
fn timeout_around_lock_keeps_the_mutex_exclusive_and_live() {
    for workers in WORKERS {
        let ex = ThreadedExecutor::new(workers);
        let m = sched::Mutex::new(0u64);
        let inside = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let tasks: Vec<_> = (0..4)
            .map(|_| ex.spawn(lock_with_timeouts(m.clone(), inside.clone(), N / 4)))
            .collect();
        ex.run().unwrap();
        let made: u64 = tasks.iter().map(|t| t.try_take().unwrap().unwrap()).sum();
        let total = *m.try_lock().expect("unlocked at the end");
        assert_eq!(total, made, "{workers} workers");
        assert!(made > 0, "{workers} workers: no lock taken at all");
    }
}

/// Cancellation by dropping the executor: each task takes the mutex, then
/// waits in a `select!` for a counterpart that cannot come (every other
/// task waits for the mutex): a deadlock, reported; dropping the executor
/// then drops every blocked operation in place, and every handle says
/// `Cancelled` (the sanitizers run this through scripts/sanitize.sh).
#[test]
fn dropping_an_executor_with_blocked_operations() {
    #[coro_runtime::coroutine]
    fn lock_then_select(tx: Sender<Box<u64>>, rx: Receiver<Box<u64>>, m: sched::Mutex<u64>) -> u64 {
        let _g = m.lock().await;
        select! {
            r = rx.recv() => r.map_or(0, |v| *v),
            _ = tx.send(Box::new(1)) => 0,
        }
    }
    for workers in WORKERS {
        let ex = ThreadedExecutor::new(workers);
        let (tx, rx) = channel::<Box<u64>>(0);
        let m = sched::Mutex::new(0);
        let handles: Vec<_> = (0..8)
            .map(|_| ex.spawn(lock_then_select(tx.clone(), rx.clone(), m.clone())))
            .collect();
        let deadlock = ex.run().expect_err("every task waits");
        let mut waits: Vec<_> = deadlock.blocked.iter().map(|b| b.waiting_on).collect();
        waits.sort_unstable();
        let mut expected = vec!["mutex lock"; 7];
        expected.push("select");
        assert_eq!(waits, expected, "{workers} workers");
        drop(ex);
        for h in &handles {
            assert_eq!(
                h.try_take(),
                Some(Err(JoinError::Cancelled)),
                "{workers} workers"
            );
        }
    }
}
