//! The scheduler: channels (unbuffered, buffered, close, several senders
//! and receivers), select (readiness, default, timeout, fairness,
//! cancellation), the mutex's FIFO hand-off, the wait group, timers on the
//! virtual clock, deadlock detection, task panics, both executors, and
//! `Future` interop.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex as StdMutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use coro_runtime::sched::{
    self, Deadlock, Executor, JoinError, JoinHandle, Mutex, Receiver, SendError, Sender,
    ThreadedExecutor, TryRecvError, TrySendError, WaitGroup, channel,
};
use coro_runtime::{select, suspend};

type Log = Rc<RefCell<Vec<String>>>;

fn say(log: &Log, s: impl Into<String>) {
    log.borrow_mut().push(s.into());
}

fn take(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.borrow_mut())
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn done<T: std::fmt::Debug>(h: &JoinHandle<T>) -> T {
    h.try_take()
        .expect("the task finished")
        .expect("the task did not panic")
}

// ---------------------------------------------------------------- channels

#[coro_runtime::coroutine]
fn send_all(log: Log, name: &'static str, tx: Sender<u32>, values: Vec<u32>) {
    for v in values {
        say(&log, format!("{name} sends {v}"));
        tx.send(v).await.unwrap();
        say(&log, format!("{name} sent {v}"));
    }
}

#[coro_runtime::coroutine]
fn recv_n(log: Log, rx: Receiver<u32>, n: usize) -> Vec<u32> {
    let mut got = Vec::new();
    for _ in 0..n {
        let v = rx.recv().await.unwrap();
        say(&log, format!("got {v}"));
        got.push(v);
    }
    got
}

#[test]
fn an_unbuffered_send_waits_for_a_receiver() {
    let ex = Executor::new();
    let l = Log::default();
    let (tx, rx) = channel(0);
    ex.spawn(send_all(l.clone(), "s", tx, vec![1, 2]));
    let r = ex.spawn(recv_n(l.clone(), rx, 2));
    ex.run().unwrap();
    assert_eq!(done(&r), [1, 2]);
    // The sender blocks on 1 until the receiver takes it (a rendezvous);
    // the receiver then waits for 2, so the second send completes at once.
    assert_eq!(
        take(&l),
        [
            "s sends 1",
            "got 1",
            "s sent 1",
            "s sends 2",
            "s sent 2",
            "got 2"
        ]
    );
}

#[test]
fn a_buffered_send_waits_only_when_full() {
    let ex = Executor::new();
    let l = Log::default();
    let (tx, rx) = channel(2);
    ex.spawn(send_all(l.clone(), "s", tx, vec![1, 2, 3]));
    let r = ex.spawn(recv_n(l.clone(), rx, 3));
    ex.run().unwrap();
    assert_eq!(done(&r), [1, 2, 3]);
    assert_eq!(
        take(&l),
        [
            "s sends 1",
            "s sent 1",
            "s sends 2",
            "s sent 2",
            "s sends 3", // full: waits
            "got 1",
            "got 2",
            "got 3",
            "s sent 3",
        ]
    );
}

#[test]
fn try_send_and_try_recv() {
    let (tx, rx) = channel(1);
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    assert_eq!(tx.try_send(1), Ok(()));
    assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    assert_eq!(rx.len(), 1);
    assert_eq!(rx.try_recv(), Ok(1));
    tx.close();
    assert_eq!(tx.try_send(3), Err(TrySendError::Closed(3)));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
    assert!(tx.is_closed());
}

#[coro_runtime::coroutine]
fn drain(rx: Receiver<u32>) -> (Vec<u32>, usize) {
    let mut got = Vec::new();
    let mut nones = 0;
    while let Some(v) = rx.recv().await {
        got.push(v);
    }
    // A closed, drained channel keeps answering `None`.
    if rx.recv().await.is_none() {
        nones += 1;
    }
    (got, nones)
}

#[test]
fn close_drains_the_buffer_then_gives_none() {
    let ex = Executor::new();
    let (tx, rx) = channel(4);
    for v in 1..=3 {
        tx.try_send(v).unwrap();
    }
    tx.close();
    let r = ex.spawn(drain(rx));
    ex.run().unwrap();
    assert_eq!(done(&r), (vec![1, 2, 3], 1));
}

#[coro_runtime::coroutine]
fn send_and_report(tx: Sender<String>, value: &'static str) -> Result<(), SendError<String>> {
    tx.send(value.to_string()).await
}

#[coro_runtime::coroutine]
fn closes_later(tx: Sender<String>) {
    sched::yield_now().await;
    tx.close();
}

#[test]
fn a_send_on_a_closed_channel_fails_with_the_value_also_while_waiting() {
    let ex = Executor::new();
    let (tx, rx) = channel::<String>(0);
    // Blocked (nobody receives), then the channel closes under it.
    let waiting = ex.spawn(send_and_report(tx.clone(), "early"));
    ex.spawn(closes_later(tx.clone()));
    ex.run().unwrap();
    assert_eq!(done(&waiting), Err(SendError("early".to_string())));
    // A send after the close fails at once.
    let late = ex.spawn(send_and_report(tx, "late"));
    ex.run().unwrap();
    assert_eq!(done(&late).unwrap_err().0, "late");
    drop(rx);
}

#[test]
fn the_last_sender_dropped_closes_the_channel() {
    let ex = Executor::new();
    let (tx, rx) = channel(0);
    let tx2 = tx.clone();
    let r = ex.spawn(drain(rx));
    ex.spawn(send_all(Log::default(), "a", tx, vec![1]));
    ex.spawn(send_all(Log::default(), "b", tx2, vec![2]));
    ex.run().unwrap();
    let (mut got, nones) = done(&r);
    got.sort();
    assert_eq!((got, nones), (vec![1, 2], 1));
}

#[coro_runtime::coroutine]
fn collect_into(rx: Receiver<u32>, out: Rc<RefCell<Vec<u32>>>) {
    while let Some(v) = rx.recv().await {
        out.borrow_mut().push(v);
        sched::yield_now().await;
    }
}

#[test]
fn several_senders_and_receivers_deliver_each_value_once() {
    let ex = Executor::new();
    let (tx, rx) = channel(3);
    let out = Rc::new(RefCell::new(Vec::new()));
    for s in 0..4u32 {
        ex.spawn(send_all(
            Log::default(),
            "s",
            tx.clone(),
            (0..50).map(|i| s * 1000 + i).collect(),
        ));
    }
    drop(tx);
    for _ in 0..3 {
        ex.spawn(collect_into(rx.clone(), out.clone()));
    }
    drop(rx);
    ex.run().unwrap();
    let mut got = out.borrow().clone();
    got.sort();
    let mut want: Vec<u32> = (0..4)
        .flat_map(|s| (0..50).map(move |i| s * 1000 + i))
        .collect();
    want.sort();
    assert_eq!(got, want);
}

// ------------------------------------------------------------------ select

#[coro_runtime::coroutine]
fn select_two(a: Receiver<u32>, b: Receiver<u32>) -> String {
    select! {
        v = a.recv() => format!("a {v:?}"),
        v = b.recv() => format!("b {v:?}"),
    }
}

#[coro_runtime::coroutine]
fn send_later(tx: Sender<u32>, v: u32, wait: Duration) {
    sched::sleep(wait).await;
    tx.send(v).await.unwrap();
}

#[test]
fn select_waits_for_the_first_ready_case() {
    let ex = Executor::with_virtual_clock();
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    let s = ex.spawn(select_two(a_rx, b_rx));
    ex.spawn(send_later(a_tx.clone(), 1, ms(20)));
    ex.spawn(send_later(b_tx.clone(), 2, ms(10)));
    // The loser's send finds nobody: it stays blocked, and gets the value
    // back when the channel closes.
    let (a_tx_keep, b_tx_keep) = (a_tx, b_tx);
    let result = ex.run();
    assert_eq!(done(&s), "b Some(2)");
    let deadlock = result.expect_err("the sender of `a` waits forever");
    assert_eq!(deadlock.blocked.len(), 1);
    assert_eq!(deadlock.blocked[0].waiting_on, "send");
    // Unnamed tasks are named by their index: `s` is task 0, then the two
    // senders.
    assert_eq!(deadlock.blocked[0].name, "task 1");
    assert_eq!(
        deadlock.to_string(),
        "all tasks are asleep (deadlock): task 1 (send)"
    );
    drop((a_tx_keep, b_tx_keep));
}

#[coro_runtime::coroutine]
fn select_default(rx: Receiver<u32>) -> &'static str {
    select! {
        _ = rx.recv() => "received",
        default => "nothing ready",
    }
}

#[coro_runtime::coroutine]
fn select_timeout(rx: Receiver<u32>) -> (String, Duration) {
    let start = sched::now();
    let what = select! {
        v = rx.recv() => format!("got {v:?}"),
        _ = sched::sleep(ms(250)) => "timed out".to_string(),
    };
    (what, sched::now().duration_since(start))
}

#[test]
fn select_default_and_timeout() {
    let ex = Executor::with_virtual_clock();
    let (tx, rx) = channel(1);
    assert_eq!(ex.block_on(select_default(rx.clone())), Ok("nothing ready"));
    tx.try_send(5).unwrap();
    assert_eq!(ex.block_on(select_default(rx.clone())), Ok("received"));
    assert_eq!(
        ex.block_on(select_timeout(rx.clone())),
        Ok(("timed out".to_string(), ms(250)))
    );
    tx.try_send(6).unwrap();
    assert_eq!(
        ex.block_on(select_timeout(rx.clone())),
        Ok(("got Some(6)".to_string(), Duration::ZERO))
    );
    drop(tx);
    assert_eq!(
        ex.block_on(select_timeout(rx)),
        Ok(("got None".to_string(), Duration::ZERO))
    );
}

#[coro_runtime::coroutine]
fn select_send_or_recv(tx: Sender<u32>, rx: Receiver<u32>) -> String {
    select! {
        r = tx.send(7) => format!("sent {r:?}"),
        v = rx.recv() => format!("received {v:?}"),
    }
}

#[test]
fn select_over_a_send_and_a_receive() {
    let ex = Executor::new();
    let (tx, rx) = channel::<u32>(1);
    let (_other_tx, other_rx) = channel::<u32>(0);
    // Room in `tx`'s buffer: the send is the only ready case.
    assert_eq!(
        ex.block_on(select_send_or_recv(tx.clone(), other_rx)),
        Ok("sent Ok(())".to_string())
    );
    assert_eq!(rx.try_recv(), Ok(7));
}

#[coro_runtime::coroutine]
fn fair_rounds(a: Receiver<()>, b: Receiver<()>, rounds: u32) -> (u32, u32) {
    let (mut na, mut nb) = (0, 0);
    for _ in 0..rounds {
        select! {
            _ = a.recv() => na += 1,
            _ = b.recv() => nb += 1,
        }
    }
    (na, nb)
}

#[coro_runtime::coroutine]
fn keep_full(tx: Sender<()>) {
    while tx.send(()).await.is_ok() {}
}

#[test]
fn select_chooses_fairly_between_ready_cases() {
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(1);
    let (b_tx, b_rx) = channel(1);
    ex.spawn(keep_full(a_tx));
    ex.spawn(keep_full(b_tx));
    let rounds = 20_000;
    let r = ex.spawn(fair_rounds(a_rx.clone(), b_rx.clone(), rounds));
    // Run until the select task is done; the fillers then wait forever.
    let _ = ex.run();
    let (na, nb) = done(&r);
    assert_eq!(na + nb, rounds);
    // Both cases are ready every round (their senders refill at once).
    // Uniform choice: each near half (5 standard deviations: ±707).
    let dev = (na as i64 - (rounds / 2) as i64).abs();
    assert!(dev < 707, "unfair: a {na}, b {nb}");
}

/// Under `as_future` (no coro executor), the select still chooses at
/// random: before, the first ready case always won.
#[test]
fn select_chooses_fairly_under_as_future() {
    let rounds = 4_000;
    let (mut na, mut nb) = (0, 0);
    for _ in 0..rounds {
        let (a_tx, a_rx) = channel(1);
        let (b_tx, b_rx) = channel(1);
        a_tx.try_send(()).unwrap();
        b_tx.try_send(()).unwrap();
        // Both ready: done at the first poll.
        let mut future = std::pin::pin!(sched::as_future(fair_rounds(a_rx, b_rx, 1)));
        let Poll::Ready((a, b)) = future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        else {
            panic!("both cases are ready");
        };
        na += a;
        nb += b;
    }
    assert_eq!(na + nb, rounds);
    // 5 standard deviations of a fair coin over 4,000 rounds: ±158.
    let dev = (na as i64 - (rounds / 2) as i64).abs();
    assert!(dev < 158, "unfair: a {na}, b {nb}");
}

#[coro_runtime::coroutine]
fn select_same_channel_twice(rx: Receiver<u32>) -> String {
    select! {
        v = rx.recv() => format!("first {v:?}"),
        v = rx.recv() => format!("second {v:?}"),
    }
}

#[test]
fn a_select_on_one_channel_twice_takes_one_value() {
    let ex = Executor::new();
    let (tx, rx) = channel(0);
    let s = ex.spawn(select_same_channel_twice(rx.clone()));
    ex.spawn(send_all(Log::default(), "s", tx.clone(), vec![1, 2]));
    let _ = ex.run(); // the second value has no receiver
    assert!(done(&s).ends_with("Some(1)"));
    // The other case did not take a value: 2 still waits with its sender.
    assert_eq!(rx.try_recv(), Ok(2));
    drop(tx);
}

#[coro_runtime::coroutine]
fn cancelled_select(rx: Receiver<u32>) -> bool {
    // The select waits in `rx`, then the timeout drops it: its waiter must
    // leave the channel, so that the next value goes to the next receiver.
    sched::timeout(ms(10), select_two(rx.clone(), rx))
        .await
        .is_err()
}

#[test]
fn a_dropped_select_leaves_its_channels() {
    let ex = Executor::with_virtual_clock();
    let (tx, rx) = channel(0);
    let cancelled = ex.spawn(cancelled_select(rx.clone()));
    ex.run().unwrap();
    assert!(done(&cancelled));
    let r = ex.spawn(recv_n(Log::default(), rx, 1));
    ex.spawn(send_all(Log::default(), "s", tx, vec![9]));
    ex.run().unwrap();
    assert_eq!(done(&r), [9]);
}

// ------------------------------------------------------------ mutex, group

#[coro_runtime::coroutine]
fn hold(m: Mutex<Vec<String>>, name: &'static str, hold_for: u32) {
    let mut v = m.lock().await;
    v.push(format!("{name} in"));
    for _ in 0..hold_for {
        sched::yield_now().await;
    }
    v.push(format!("{name} out"));
}

#[coro_runtime::coroutine]
fn barge(m: Mutex<Vec<String>>) -> bool {
    // While others wait, the unlock hands the mutex over: no barging in.
    sched::yield_now().await;
    m.try_lock().is_some()
}

#[test]
fn the_mutex_hands_over_in_fifo_order() {
    let ex = Executor::new();
    let m = Mutex::new(Vec::new());
    ex.spawn(hold(m.clone(), "a", 3));
    ex.spawn(hold(m.clone(), "b", 1));
    ex.spawn(hold(m.clone(), "c", 1));
    let barged = ex.spawn(barge(m.clone()));
    ex.run().unwrap();
    assert!(!done(&barged));
    assert_eq!(
        *m.try_lock().unwrap(),
        ["a in", "a out", "b in", "b out", "c in", "c out"]
    );
}

#[coro_runtime::coroutine]
fn cancelled_lock(m: Mutex<Vec<String>>) -> bool {
    sched::timeout(ms(5), m.lock()).await.is_err()
}

#[coro_runtime::coroutine]
fn hold_sleeping(m: Mutex<Vec<String>>, name: &'static str, millis: u64) {
    let mut v = m.lock().await;
    v.push(format!("{name} in"));
    sched::sleep(ms(millis)).await;
    v.push(format!("{name} out"));
}

#[test]
fn a_cancelled_lock_leaves_the_queue() {
    let ex = Executor::with_virtual_clock();
    let m = Mutex::new(Vec::new());
    // `a` holds the mutex 10 ms; the lock queued behind it gives up at 5.
    ex.spawn(hold_sleeping(m.clone(), "a", 10));
    let c = ex.spawn(cancelled_lock(m.clone()));
    ex.spawn(hold(m.clone(), "b", 0));
    ex.run().unwrap();
    assert!(done(&c));
    assert_eq!(*m.try_lock().unwrap(), ["a in", "a out", "b in", "b out"]);
}

#[coro_runtime::coroutine]
fn group_worker(wg: WaitGroup, l: Log, i: u32) {
    sched::sleep(ms(10 * u64::from(i))).await;
    say(&l, format!("worker {i} done"));
    wg.done();
}

#[coro_runtime::coroutine]
fn group_waiter(wg: WaitGroup, l: Log) -> Duration {
    wg.wait().await;
    say(&l, "all done");
    sched::now().since_start()
}

#[test]
fn the_wait_group_waits_for_every_done() {
    let ex = Executor::with_virtual_clock();
    let wg = WaitGroup::new();
    let l = Log::default();
    wg.add(3);
    let w = ex.spawn(group_waiter(wg.clone(), l.clone()));
    for i in (1..=3).rev() {
        ex.spawn(group_worker(wg.clone(), l.clone(), i));
    }
    ex.run().unwrap();
    assert_eq!(done(&w), ms(30));
    assert_eq!(
        take(&l),
        [
            "worker 1 done",
            "worker 2 done",
            "worker 3 done",
            "all done"
        ]
    );
}

// ------------------------------------------------------------------ timers

#[coro_runtime::coroutine]
fn sleeper(l: Log, name: &'static str, wait: u64) {
    sched::sleep(ms(wait)).await;
    say(
        &l,
        format!("{} {name}", sched::now().since_start().as_millis()),
    );
}

#[test]
fn the_virtual_clock_wakes_sleepers_in_deadline_order() {
    let ex = Executor::with_virtual_clock();
    let l = Log::default();
    for (name, wait) in [("c", 30), ("a", 10), ("d", 30), ("b", 20)] {
        ex.spawn(sleeper(l.clone(), name, wait));
    }
    ex.run().unwrap();
    assert_eq!(take(&l), ["10 a", "20 b", "30 c", "30 d"]);
}

#[coro_runtime::coroutine]
fn interleave(l: Log, name: &'static str, n: u32) {
    for i in 0..n {
        say(&l, format!("{name}{i}"));
        suspend!(); // in a task, a suspension is a yield
    }
}

#[test]
fn yields_run_tasks_round_robin() {
    let ex = Executor::new();
    let l = Log::default();
    ex.spawn(interleave(l.clone(), "a", 3));
    ex.spawn(interleave(l.clone(), "b", 2));
    ex.run().unwrap();
    assert_eq!(take(&l), ["a0", "b0", "a1", "b1", "a2"]);
}

#[test]
fn real_clock_sleep_takes_real_time() {
    let ex = Executor::new();
    let start = std::time::Instant::now();
    ex.block_on(sleeper(Log::default(), "x", 30)).unwrap();
    assert!(start.elapsed() >= ms(30));
}

// ---------------------------------------------------- deadlock and panics

#[coro_runtime::coroutine]
fn waits_on(rx: Receiver<u32>, _keep: Sender<u32>) -> Option<u32> {
    rx.recv().await
}

#[test]
fn deadlock_is_reported_with_the_blocked_tasks() {
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    ex.spawn_named("left", waits_on(a_rx, b_tx));
    ex.spawn_named("right", waits_on(b_rx, a_tx));
    let Deadlock { blocked } = ex.run().unwrap_err();
    let names: Vec<_> = blocked
        .iter()
        .map(|b| (b.name.as_str(), b.waiting_on))
        .collect();
    assert_eq!(names, [("left", "recv"), ("right", "recv")]);
    let message = Deadlock { blocked }.to_string();
    assert_eq!(
        message,
        "all tasks are asleep (deadlock): left (recv), right (recv)"
    );
}

/// What `JoinHandle::wait` does for a task of a deadlocked executor: it
/// waits while the executor lives, and gets `Cancelled` when it is
/// dropped.
#[test]
fn wait_on_a_deadlocked_task_returns_when_the_executor_is_dropped() {
    let ex = ThreadedExecutor::new(2);
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    let left = ex.spawn(waits_on(a_rx, b_tx));
    ex.spawn(waits_on(b_rx, a_tx));
    let waiter = std::thread::spawn(move || left.wait());
    let deadlock = ex.run().unwrap_err();
    assert_eq!(deadlock.blocked.len(), 2);
    // The task cannot finish: the waiter is still waiting.
    assert!(!waiter.is_finished());
    drop(ex);
    assert_eq!(waiter.join().unwrap(), Err(JoinError::Cancelled));
}

#[coro_runtime::coroutine]
fn panics_after(l: Log) -> u32 {
    sched::yield_now().await;
    say(&l, "about to panic");
    panic!("task failed");
}

#[test]
fn a_panicking_task_reports_through_its_handle_and_others_go_on() {
    let ex = Executor::new();
    let l = Log::default();
    let bad = ex.spawn(panics_after(l.clone()));
    let good = ex.spawn(interleave(l.clone(), "g", 3));
    ex.run().unwrap();
    assert_eq!(
        bad.try_take(),
        Some(Err(JoinError::Panicked("task failed".to_string())))
    );
    assert!(good.try_take().unwrap().is_ok());
    assert_eq!(take(&l), ["g0", "about to panic", "g1", "g2"]);
}

#[coro_runtime::coroutine]
fn joins(h: JoinHandle<u32>) -> String {
    match h.await {
        Ok(v) => format!("ok {v}"),
        Err(e) => format!("err {e}"),
    }
}

#[coro_runtime::coroutine]
fn spawns_children() -> Vec<String> {
    let ok = sched::spawn(async_free_double(21));
    let bad = sched::spawn_local(panics_after(Log::default()));
    vec![joins(ok).await, joins(bad).await]
}

#[coro_runtime::coroutine]
fn async_free_double(x: u32) -> u32 {
    sched::yield_now().await;
    x * 2
}

#[test]
fn tasks_spawn_tasks_and_await_their_handles() {
    let ex = Executor::new();
    assert_eq!(
        ex.block_on(spawns_children()),
        Ok(vec![
            "ok 42".to_string(),
            "err task panicked: task failed".to_string()
        ])
    );
}

#[test]
fn dropping_the_executor_cancels_its_tasks() {
    let (tx, rx) = channel::<u32>(0);
    let h;
    {
        let ex = Executor::with_virtual_clock();
        h = ex.spawn(waits_on(rx, tx.clone()));
        let _ = ex.spawn(sleeper(Log::default(), "never", 1_000_000));
        // Runs until the yield's task ends: the others are left waiting, one
        // in the channel, one in the timer queue.
        ex.block_on(sched::yield_now()).unwrap();
    }
    assert_eq!(h.try_take(), Some(Err(JoinError::Cancelled)));
    // The dropped receive left the channel: a try_send finds no receiver.
    assert_eq!(tx.try_send(1), Err(TrySendError::Full(1)));
}

// -------------------------------------------------------- threaded executor

#[coro_runtime::coroutine]
fn produce_range(tx: Sender<u64>, from: u64, n: u64) {
    for v in from..from + n {
        tx.send(v).await.unwrap();
    }
}

#[coro_runtime::coroutine]
fn consume_all(rx: Receiver<u64>, seen: Arc<StdMutex<Vec<u64>>>) -> u64 {
    let mut count = 0;
    while let Some(v) = rx.recv().await {
        seen.lock().unwrap().push(v);
        count += 1;
    }
    count
}

#[test]
fn the_threaded_executor_under_load_loses_and_duplicates_nothing() {
    let ex = ThreadedExecutor::new(4);
    let (tx, rx) = channel(16);
    let seen = Arc::new(StdMutex::new(Vec::new()));
    let producers = 8u64;
    let per = 5_000u64;
    for p in 0..producers {
        ex.spawn(produce_range(tx.clone(), p * per, per));
    }
    drop(tx);
    let consumers: Vec<_> = (0..4)
        .map(|_| ex.spawn(consume_all(rx.clone(), seen.clone())))
        .collect();
    drop(rx);
    ex.run().unwrap();
    let counted: u64 = consumers.into_iter().map(|h| h.wait().unwrap()).sum();
    assert_eq!(counted, producers * per);
    let mut seen = seen.lock().unwrap().clone();
    seen.sort();
    assert_eq!(seen, (0..producers * per).collect::<Vec<_>>());
}

#[coro_runtime::coroutine]
fn ping_pong_round(rx: Receiver<u64>, tx: Sender<u64>, rounds: u64) -> u64 {
    let mut last = 0;
    for _ in 0..rounds {
        let v = rx.recv().await.unwrap();
        last = v + 1;
        tx.send(last).await.unwrap();
    }
    last
}

#[test]
fn threaded_ping_pong_and_many_tasks() {
    let ex = ThreadedExecutor::new(2);
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    a_tx.try_send(0).unwrap_err(); // unbuffered: nobody waits yet
    let p = ex.spawn(ping_pong_round(a_rx, b_tx, 1000));
    ex.spawn(sched_send_first(a_tx.clone(), 0));
    let q = ex.spawn(ping_pong_round(b_rx, a_tx, 999));
    let counter = Arc::new(AtomicUsize::new(0));
    for _ in 0..10_000 {
        let c = counter.clone();
        ex.spawn(bump(c));
    }
    ex.run().unwrap_err(); // `p`'s last send has no receiver: a deadlock
    assert_eq!(counter.load(Ordering::SeqCst), 10_000);
    assert!(!p.is_finished());
    assert_eq!(q.wait().unwrap(), 1998);
}

#[coro_runtime::coroutine]
fn sched_send_first(tx: Sender<u64>, v: u64) {
    tx.send(v).await.unwrap();
}

#[coro_runtime::coroutine]
fn bump(c: Arc<AtomicUsize>) {
    sched::yield_now().await;
    c.fetch_add(1, Ordering::SeqCst);
}

#[coro_runtime::coroutine]
fn threaded_waiter(rx: Receiver<u32>, _keep: Sender<u32>) -> Option<u32> {
    rx.recv().await
}

#[coro_runtime::coroutine]
fn threaded_panic() -> u32 {
    sched::yield_now().await;
    panic!("boom on a worker");
}

#[test]
fn the_threaded_executor_reports_deadlocks_and_panics() {
    let ex = ThreadedExecutor::new(3);
    let bad = ex.spawn(threaded_panic());
    let (tx, rx) = channel(0);
    ex.spawn_named("stuck", threaded_waiter(rx, tx));
    let deadlock = ex.run().unwrap_err();
    assert_eq!(deadlock.blocked.len(), 1);
    assert_eq!(deadlock.blocked[0].name, "stuck");
    assert_eq!(
        bad.wait(),
        Err(JoinError::Panicked("boom on a worker".to_string()))
    );
}

#[coro_runtime::coroutine]
fn threaded_sleeps(d: u64) -> Duration {
    let start = sched::now();
    sched::sleep(ms(d)).await;
    sched::now().duration_since(start)
}

#[test]
fn the_threaded_executor_keeps_time_virtual_and_real() {
    let ex = ThreadedExecutor::with_virtual_clock(2);
    let hs: Vec<_> = [500, 100, 300].map(|d| ex.spawn(threaded_sleeps(d))).into();
    ex.run().unwrap();
    let got: Vec<_> = hs.into_iter().map(|h| h.wait().unwrap()).collect();
    assert_eq!(got, [ms(500), ms(100), ms(300)]);

    let ex = ThreadedExecutor::new(2);
    let start = std::time::Instant::now();
    let h = ex.spawn(threaded_sleeps(20));
    ex.run().unwrap();
    assert!(h.wait().unwrap() >= ms(20));
    assert!(start.elapsed() >= ms(20));
}

// ----------------------------------------------------------------- futures

/// A future completed from outside: by a task through a shared slot.
#[derive(Default)]
struct Signal {
    state: StdMutex<(Option<u32>, Option<Waker>)>,
}

struct WaitSignal(Arc<Signal>);

impl Future for WaitSignal {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let mut s = self.0.state.lock().unwrap();
        match s.0 {
            Some(v) => Poll::Ready(v),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl Signal {
    fn fire(&self, v: u32) {
        let mut s = self.state.lock().unwrap();
        s.0 = Some(v);
        if let Some(w) = s.1.take() {
            w.wake();
        }
    }
}

#[coro_runtime::coroutine]
fn awaits_a_future(signal: Arc<Signal>) -> u32 {
    WaitSignal(signal).await + 1
}

#[coro_runtime::coroutine]
fn fires(signal: Arc<Signal>) {
    sched::sleep(ms(5)).await;
    signal.fire(41);
}

#[test]
fn a_coroutine_awaits_a_future_woken_by_another_task() {
    for threaded in [false, true] {
        let signal = Arc::new(Signal::default());
        let got = if threaded {
            let ex = ThreadedExecutor::with_virtual_clock(2);
            let h = ex.spawn(awaits_a_future(signal.clone()));
            ex.spawn(fires(signal));
            ex.run().unwrap();
            h.wait().unwrap()
        } else {
            let ex = Executor::with_virtual_clock();
            ex.spawn(fires(signal.clone()));
            ex.block_on(awaits_a_future(signal)).unwrap()
        };
        assert_eq!(got, 42);
    }
}

#[coro_runtime::coroutine]
fn relay(rx: Receiver<u32>, tx: Sender<u32>) -> u32 {
    let mut n = 0;
    while let Some(v) = rx.recv().await {
        tx.send(v * 10).await.unwrap();
        n += 1;
        suspend!(); // a yield: the future wakes itself
    }
    n
}

#[tokio::test(flavor = "current_thread")]
async fn tokio_drives_coroutines_that_talk_through_coro_channels() {
    let (in_tx, in_rx) = channel(0);
    let (out_tx, out_rx) = channel(0);
    let relay = tokio::spawn(sched::as_future(relay(in_rx, out_tx)));
    let consumer = tokio::spawn(sched::as_future(drain_u32(out_rx)));
    for v in 1..=5 {
        // A plain `async` task sends through the coro channel, too.
        sched::as_future(in_tx.send(v)).await.unwrap();
    }
    drop(in_tx);
    assert_eq!(relay.await.unwrap(), 5);
    assert_eq!(consumer.await.unwrap(), vec![10, 20, 30, 40, 50]);
}

#[coro_runtime::coroutine]
fn drain_u32(rx: Receiver<u32>) -> Vec<u32> {
    let mut out = Vec::new();
    while let Some(v) = rx.recv().await {
        out.push(v);
    }
    out
}

// ------------------------------------------------------------------- abort

/// Logs its drop: a value alive in an aborted task's frame.
struct Noisy(Arc<AtomicUsize>);

impl Drop for Noisy {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[coro_runtime::coroutine]
fn hold_then_recv(rx: Receiver<u32>, drops: Arc<AtomicUsize>) -> u32 {
    let _held = Noisy(drops);
    rx.recv().await.unwrap_or(0)
}

#[test]
fn abort_cancels_a_waiting_task_and_drops_its_frame() {
    let ex = Executor::new();
    let (tx, rx) = channel(0);
    let drops = Arc::new(AtomicUsize::new(0));
    let h = ex.spawn(hold_then_recv(rx.clone(), drops.clone()));
    assert!(ex.run().is_err(), "blocked: nobody sends yet");
    h.abort();
    ex.run().unwrap();
    assert_eq!(h.try_take(), Some(Err(JoinError::Cancelled)));
    assert_eq!(
        drops.load(Ordering::SeqCst),
        1,
        "the frame's value dropped once"
    );
    // Its receive left the channel: a value sent now waits for a receiver.
    assert_eq!(tx.try_send(5), Err(TrySendError::Full(5)));
    assert_eq!(rx.len(), 0);
}

#[coro_runtime::coroutine]
fn quick() -> u32 {
    7
}

#[test]
fn abort_after_the_task_finished_keeps_its_result() {
    let ex = Executor::new();
    let h = ex.spawn(quick());
    ex.run().unwrap();
    h.abort();
    assert_eq!(h.try_take(), Some(Ok(7)));
}

#[coro_runtime::coroutine]
fn spin_forever(turns: Arc<AtomicUsize>) -> u32 {
    loop {
        turns.fetch_add(1, Ordering::SeqCst);
        sched::yield_now().await;
    }
}

#[coro_runtime::coroutine]
fn abort_it(h: JoinHandle<u32>, turns: Arc<AtomicUsize>) -> bool {
    while turns.load(Ordering::SeqCst) < 10 {
        sched::yield_now().await;
    }
    h.abort();
    h.await == Err(JoinError::Cancelled)
}

#[test]
fn abort_from_another_task_on_the_threaded_executor() {
    for workers in [1, 2, 4] {
        let ex = ThreadedExecutor::new(workers);
        let turns = Arc::new(AtomicUsize::new(0));
        let spinner = ex.spawn(spin_forever(turns.clone()));
        let aborter = ex.spawn(abort_it(spinner, turns.clone()));
        ex.run().unwrap();
        assert!(aborter.try_take().unwrap().unwrap(), "{workers} workers");
    }
}

// ---------------------------------------------------------- select guards

#[coro_runtime::coroutine]
fn guarded_pick(a: Receiver<u32>, b: Receiver<u32>, take_a: bool) -> String {
    select! {
        v = a.recv(), if take_a => format!("a {v:?}"),
        v = b.recv() => format!("b {v:?}"),
    }
}

#[test]
fn select_case_disabled_by_its_guard() {
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(1);
    let (b_tx, b_rx) = channel(1);
    a_tx.try_send(1).unwrap();
    b_tx.try_send(2).unwrap();
    // `a` is ready but disabled: `b` is taken, and `a` keeps its value.
    let h = ex.spawn(guarded_pick(a_rx.clone(), b_rx.clone(), false));
    ex.run().unwrap();
    assert_eq!(done(&h), "b Some(2)");
    assert_eq!(a_rx.try_recv(), Ok(1));
    // Enabled, it is taken like any case.
    a_tx.try_send(3).unwrap();
    let h = ex.spawn(guarded_pick(a_rx, b_rx, true));
    ex.run().unwrap();
    assert_eq!(done(&h), "a Some(3)");
}

/// Go's nil channel: a case over `Option<RecvOp>`, `None` never completes.
#[coro_runtime::coroutine]
fn maybe_channel(a: Option<Receiver<u32>>, b: Receiver<u32>) -> u32 {
    select! {
        v = a.as_ref().map(Receiver::recv) => v.unwrap_or(0) + 100,
        v = b.recv() => v.unwrap_or(0),
    }
}

#[test]
fn select_over_a_missing_channel() {
    let ex = Executor::new();
    let (b_tx, b_rx) = channel(1);
    b_tx.try_send(7).unwrap();
    let h = ex.spawn(maybe_channel(None, b_rx.clone()));
    ex.run().unwrap();
    assert_eq!(done(&h), 7);
    let (a_tx, a_rx) = channel(1);
    a_tx.try_send(1).unwrap();
    let h = ex.spawn(maybe_channel(Some(a_rx), b_rx));
    ex.run().unwrap();
    assert_eq!(done(&h), 101);
}

#[coro_runtime::coroutine]
fn all_disabled(a: Receiver<u32>) -> &'static str {
    select! {
        _ = a.recv(), if false => "a",
        default => "default",
    }
}

#[test]
fn select_with_every_case_disabled_takes_default() {
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(1);
    a_tx.try_send(1).unwrap();
    let h = ex.spawn(all_disabled(a_rx.clone()));
    ex.run().unwrap();
    assert_eq!(done(&h), "default");
    assert_eq!(a_rx.try_recv(), Ok(1));
}

#[coro_runtime::coroutine]
fn biased_pick(a: Receiver<u32>, b: Receiver<u32>) -> u32 {
    select! {
        biased;
        v = a.recv() => v.unwrap(),
        v = b.recv() => v.unwrap() + 100,
    }
}

#[test]
fn biased_select_takes_the_first_ready_case() {
    let ex = Executor::new();
    for _ in 0..200 {
        let (a_tx, a_rx) = channel(1);
        let (b_tx, b_rx) = channel(1);
        a_tx.try_send(1).unwrap();
        b_tx.try_send(2).unwrap();
        assert_eq!(ex.block_on(biased_pick(a_rx, b_rx.clone())), Ok(1));
        assert_eq!(b_rx.try_recv(), Ok(2));
    }
}

/// The idiom for a `select!` loop over channels that close: a closed
/// channel's receive completes at once with `None`, so a loop that kept
/// selecting on it would spin and starve its other cases. Disable it
/// instead (an `Option` that becomes `None`, or an `if` guard), and stop
/// when every channel has closed.
#[coro_runtime::coroutine]
fn merge_until_both_close(a: Receiver<u32>, b: Receiver<u32>) -> (u32, u32) {
    let (mut a, mut b) = (Some(a), Some(b));
    let (mut sum, mut selects) = (0, 0);
    while a.is_some() || b.is_some() {
        selects += 1;
        select! {
            v = a.as_ref().map(Receiver::recv) => match v {
                Some(x) => sum += x,
                None => a = None,
            },
            v = b.as_ref().map(Receiver::recv) => match v {
                Some(x) => sum += x,
                None => b = None,
            },
        }
    }
    (sum, selects)
}

#[coro_runtime::coroutine]
fn send_then_close(tx: Sender<u32>, values: Vec<u32>) {
    for v in values {
        tx.send(v).await.unwrap();
        sched::yield_now().await;
    }
}

#[test]
fn select_loop_over_closing_channels_does_not_spin() {
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    ex.spawn(send_then_close(a_tx, vec![1, 2]));
    ex.spawn(send_then_close(b_tx, (10..20).collect()));
    let h = ex.spawn(merge_until_both_close(a_rx, b_rx));
    ex.run().unwrap();
    let (sum, selects) = done(&h);
    assert_eq!(sum, 3 + (10..20).sum::<u32>());
    // One select per value and one per close: `a`'s close is not selected
    // again and again while `b` still sends.
    assert_eq!(selects, 2 + 10 + 2);
}
