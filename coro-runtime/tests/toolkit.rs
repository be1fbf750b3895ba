//! The scheduler's toolkit beyond channels and the mutex: `Semaphore`,
//! `RwLock`, `Notify`, `oneshot`, unbounded channels, `interval`, and the
//! cooperative budget. Each test runs on both executors (`local_*` and
//! `threaded_*`); the order of events is asserted where the single-threaded
//! executor makes it deterministic, invariants everywhere.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex as StdMutex};
use std::time::Duration;

use coro_runtime::sched::{
    self, Deadlock, Executor, JoinError, JoinHandle, Notify, RwLock, Semaphore, ThreadedExecutor,
    TryRecvError, oneshot, unbounded,
};
use coro_runtime::{Coroutine, select};

type Log = Arc<StdMutex<Vec<String>>>;

fn say(log: &Log, s: impl Into<String>) {
    log.lock().unwrap().push(s.into());
}

fn lines(log: &Log) -> Vec<String> {
    log.lock().unwrap().clone()
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn done<T>(h: &JoinHandle<T>) -> T {
    match h.try_take().expect("the task finished") {
        Ok(v) => v,
        Err(e) => panic!("the task failed: {e:?}"),
    }
}

/// What the tests need of an executor.
trait Exec {
    /// Whether events happen in one order (one thread, FIFO run queue).
    const ORDERED: bool;
    fn spawn<C>(&self, c: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + Send + 'static,
        C::Output: Send + 'static;
    fn run(&self) -> Result<(), Deadlock>;
}

impl Exec for Executor<'_> {
    const ORDERED: bool = true;
    fn spawn<C>(&self, c: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + Send + 'static,
        C::Output: Send + 'static,
    {
        Executor::spawn(self, c)
    }
    fn run(&self) -> Result<(), Deadlock> {
        Executor::run(self)
    }
}

impl Exec for ThreadedExecutor {
    const ORDERED: bool = false;
    fn spawn<C>(&self, c: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + Send + 'static,
        C::Output: Send + 'static,
    {
        ThreadedExecutor::spawn(self, c)
    }
    fn run(&self) -> Result<(), Deadlock> {
        ThreadedExecutor::run(self)
    }
}

/// Runs `$body` (a generic fn taking an executor) on both executors, with
/// a virtual clock.
macro_rules! on_both {
    ($body:ident) => {
        mod $body {
            #[test]
            fn local() {
                super::$body(super::Executor::with_virtual_clock());
            }
            #[test]
            fn threaded() {
                super::$body(super::ThreadedExecutor::with_virtual_clock(2));
            }
        }
    };
}

// --------------------------------------------------------------- semaphore

#[coro_runtime::coroutine]
fn limited(sem: Semaphore, inside: Arc<AtomicUsize>, most: Arc<AtomicUsize>) {
    let _permit = sem.acquire().await;
    let now = inside.fetch_add(1, SeqCst) + 1;
    most.fetch_max(now, SeqCst);
    for _ in 0..3 {
        sched::yield_now().await;
    }
    inside.fetch_sub(1, SeqCst);
}

fn a_semaphore_bounds_how_many_run<E: Exec>(ex: E) {
    let sem = Semaphore::new(3);
    let (inside, most) = (Arc::<AtomicUsize>::default(), Arc::<AtomicUsize>::default());
    for _ in 0..12 {
        ex.spawn(limited(sem.clone(), inside.clone(), most.clone()));
    }
    ex.run().unwrap();
    let most = most.load(SeqCst);
    assert!(
        (1..=3).contains(&most),
        "{most} tasks held a permit at once"
    );
    if E::ORDERED {
        assert_eq!(most, 3);
    }
    assert_eq!(sem.available_permits(), 3);
}
on_both!(a_semaphore_bounds_how_many_run);

#[coro_runtime::coroutine]
fn wants(sem: Semaphore, log: Log, name: &'static str, n: usize, hold: u64) {
    say(&log, format!("{name} asks {n}"));
    let permit = sem.acquire_many(n).await;
    say(&log, format!("{name} got {}", permit.num_permits()));
    sched::sleep(ms(hold)).await;
    drop(permit);
}

#[test]
fn a_large_request_is_not_overtaken_by_later_small_ones() {
    let ex = Executor::with_virtual_clock();
    let sem = Semaphore::new(3);
    let log = Log::default();
    // `a` holds 2 for 10 ms; `b` wants 3 and waits; `c` wants 1, which is
    // free, but arrived after `b`: it waits behind it (FIFO).
    ex.spawn(wants(sem.clone(), log.clone(), "a", 2, 10));
    ex.spawn(wants(sem.clone(), log.clone(), "b", 3, 10));
    ex.spawn(wants(sem.clone(), log.clone(), "c", 1, 10));
    ex.run().unwrap();
    assert_eq!(
        lines(&log),
        [
            "a asks 2", "a got 2", "b asks 3", "c asks 1", "b got 3", "c got 1"
        ]
    );
    assert_eq!(sem.available_permits(), 3);
}

#[coro_runtime::coroutine]
fn hands_over_then_aborts(sem: Semaphore, log: Log, victim: Arc<StdMutex<Option<JoinHandle<()>>>>) {
    let permit = sem.acquire().await;
    sched::yield_now().await; // `b` and `c` queue up behind
    drop(permit); // granted to `b`, which is woken but has not run yet
    victim.lock().unwrap().take().unwrap().abort();
    say(&log, "a aborted b");
}

#[test]
fn permits_granted_to_a_cancelled_waiter_go_to_the_next() {
    let ex = Executor::new();
    let sem = Semaphore::new(1);
    let log = Log::default();
    let victim = Arc::new(StdMutex::new(None));
    ex.spawn(hands_over_then_aborts(
        sem.clone(),
        log.clone(),
        victim.clone(),
    ));
    let b = ex.spawn(wants(sem.clone(), log.clone(), "b", 1, 0));
    *victim.lock().unwrap() = Some(b);
    let c = ex.spawn(wants(sem.clone(), log.clone(), "c", 1, 0));
    ex.run().unwrap();
    done(&c);
    assert_eq!(
        lines(&log),
        ["b asks 1", "c asks 1", "a aborted b", "c got 1"]
    );
    assert_eq!(sem.available_permits(), 1);
}

#[coro_runtime::coroutine]
fn gives_up(sem: Semaphore) -> bool {
    sched::timeout(ms(5), sem.acquire_many(2)).await.is_err()
}

#[test]
fn a_timed_out_acquire_leaves_the_queue_and_lets_the_next_go() {
    let ex = Executor::with_virtual_clock();
    let sem = Semaphore::new(2);
    let log = Log::default();
    ex.spawn(wants(sem.clone(), log.clone(), "a", 1, 20));
    // Wants 2 (only 1 free) and gives up at 5 ms; `c`, queued behind it,
    // then takes the free permit at once instead of waiting for `a`.
    let g = ex.spawn(gives_up(sem.clone()));
    ex.spawn(wants(sem.clone(), log.clone(), "c", 1, 0));
    let start = std::time::Instant::now();
    ex.run().unwrap();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(done(&g));
    assert_eq!(lines(&log), ["a asks 1", "a got 1", "c asks 1", "c got 1"]);
    assert_eq!(sem.available_permits(), 2);
}

#[test]
fn try_acquire_forget_and_add_permits() {
    let sem = Semaphore::new(2);
    let p = sem.try_acquire_many(2).unwrap();
    assert!(sem.try_acquire().is_none());
    assert_eq!(p.num_permits(), 2);
    drop(p);
    assert_eq!(sem.available_permits(), 2);
    sem.try_acquire().unwrap().forget();
    assert_eq!(sem.available_permits(), 1);
    sem.add_permits(4);
    assert_eq!(sem.available_permits(), 5);
    assert!(sem.try_acquire_many(6).is_none());
}

// ------------------------------------------------------------------ rwlock

#[coro_runtime::coroutine]
fn read_for(lock: RwLock<u32>, log: Log, name: &'static str, hold: u64) -> u32 {
    let v = lock.read().await;
    say(&log, format!("{name} reads {}", *v));
    sched::sleep(ms(hold)).await;
    say(&log, format!("{name} done"));
    *v
}

#[coro_runtime::coroutine]
fn write_for(lock: RwLock<u32>, log: Log, name: &'static str, hold: u64) {
    let mut v = lock.write().await;
    say(&log, format!("{name} writes"));
    sched::sleep(ms(hold)).await;
    *v += 1;
    say(&log, format!("{name} done"));
}

#[test]
fn readers_share_and_a_waiting_writer_holds_back_later_readers() {
    let ex = Executor::with_virtual_clock();
    let lock = RwLock::new(0);
    let log = Log::default();
    let r1 = ex.spawn(read_for(lock.clone(), log.clone(), "r1", 10));
    let r2 = ex.spawn(read_for(lock.clone(), log.clone(), "r2", 5));
    ex.spawn(write_for(lock.clone(), log.clone(), "w", 10));
    let r3 = ex.spawn(read_for(lock.clone(), log.clone(), "r3", 0));
    ex.run().unwrap();
    assert_eq!(
        lines(&log),
        [
            "r1 reads 0",
            "r2 reads 0", // both readers at once
            "r2 done",
            "r1 done",
            "w writes", // r3 came after w: it waits (no writer starvation)
            "w done",
            "r3 reads 1",
            "r3 done",
        ]
    );
    assert_eq!((done(&r1), done(&r2), done(&r3)), (0, 0, 1));
    assert_eq!(*lock.try_read().unwrap(), 1);
}

#[coro_runtime::coroutine]
fn add_slowly(lock: RwLock<u32>, torn: Arc<AtomicBool>) {
    for _ in 0..20 {
        {
            let mut v = lock.write().await;
            let before = *v;
            sched::yield_now().await; // others run; none may enter
            *v = before + 1;
        }
        let r = lock.read().await;
        let seen = *r;
        sched::yield_now().await;
        if *r != seen {
            torn.store(true, SeqCst);
        }
    }
}

fn a_writer_is_exclusive<E: Exec>(ex: E) {
    let lock = RwLock::new(0);
    let torn = Arc::new(AtomicBool::new(false));
    for _ in 0..4 {
        ex.spawn(add_slowly(lock.clone(), torn.clone()));
    }
    ex.run().unwrap();
    assert_eq!(*lock.try_write().unwrap(), 80);
    assert!(!torn.load(SeqCst), "a value changed under a reader");
}
on_both!(a_writer_is_exclusive);

#[test]
fn try_read_and_try_write() {
    let lock = RwLock::new(String::from("x"));
    let r = lock.try_read().unwrap();
    assert!(lock.try_read().is_some());
    assert!(lock.try_write().is_none());
    drop(r);
    let mut w = lock.try_write().unwrap();
    w.push('y');
    assert!(lock.try_read().is_none());
    drop(w);
    assert_eq!(*lock.try_read().unwrap(), "xy");
}

// ------------------------------------------------------------------ notify

#[coro_runtime::coroutine]
fn wait_notified(n: Notify, log: Log, name: &'static str) {
    n.notified().await;
    say(&log, format!("{name} woke"));
}

#[coro_runtime::coroutine]
fn notify_later(n: Notify, all: bool, after: u64) {
    sched::sleep(ms(after)).await;
    if all {
        n.notify_waiters();
    } else {
        n.notify_one();
    }
}

#[test]
fn notify_one_wakes_the_longest_waiting_or_stores_one_permit() {
    let ex = Executor::with_virtual_clock();
    let n = Notify::new();
    let log = Log::default();
    // Two notifications before anyone waits make one permit, not two.
    n.notify_one();
    n.notify_one();
    ex.spawn(wait_notified(n.clone(), log.clone(), "a"));
    ex.spawn(wait_notified(n.clone(), log.clone(), "b"));
    ex.spawn(wait_notified(n.clone(), log.clone(), "c"));
    ex.spawn(notify_later(n.clone(), false, 10));
    let deadlock = ex.run().expect_err("one waiter is left");
    assert_eq!(lines(&log), ["a woke", "b woke"]);
    assert_eq!(deadlock.blocked.len(), 1);
    assert_eq!(deadlock.blocked[0].waiting_on, "notify");
}

#[coro_runtime::coroutine]
fn created_before(n: Notify, log: Log) {
    let early = n.notified(); // created, not yet awaited
    sched::sleep(ms(20)).await; // notify_waiters runs at 10 ms
    early.await;
    say(&log, "early woke");
}

fn notify_waiters_wakes_everyone_waiting_and_stores_nothing<E: Exec>(ex: E) {
    let n = Notify::new();
    let log = Log::default();
    for name in ["a", "b", "c"] {
        ex.spawn(wait_notified(n.clone(), log.clone(), name));
    }
    ex.spawn(created_before(n.clone(), log.clone()));
    ex.spawn(notify_later(n.clone(), true, 10));
    ex.run().unwrap();
    let mut got = lines(&log);
    got.sort();
    assert_eq!(got, ["a woke", "b woke", "c woke", "early woke"]);
    // No permit was stored: a new wait does not complete at once.
    let late = ex.spawn(wait_notified(n.clone(), log.clone(), "late"));
    assert!(ex.run().is_err());
    assert!(!late.is_finished());
}
on_both!(notify_waiters_wakes_everyone_waiting_and_stores_nothing);

#[coro_runtime::coroutine]
fn notify_then_abort(n: Notify, victim: Arc<StdMutex<Option<JoinHandle<()>>>>) {
    sched::yield_now().await; // the waiters queue up
    n.notify_one(); // wakes `a`, which has not run yet
    victim.lock().unwrap().take().unwrap().abort();
}

#[test]
fn a_notification_to_a_cancelled_waiter_is_passed_on() {
    let ex = Executor::new();
    let n = Notify::new();
    let log = Log::default();
    let victim = Arc::new(StdMutex::new(None));
    ex.spawn(notify_then_abort(n.clone(), victim.clone()));
    let a = ex.spawn(wait_notified(n.clone(), log.clone(), "a"));
    *victim.lock().unwrap() = Some(a);
    ex.spawn(wait_notified(n.clone(), log.clone(), "b"));
    ex.run().unwrap();
    assert_eq!(lines(&log), ["b woke"]);
}

// ----------------------------------------------------------------- oneshot

#[coro_runtime::coroutine]
fn reply_later(tx: oneshot::Sender<u32>, v: u32) -> (bool, bool) {
    sched::sleep(ms(5)).await;
    let first = tx.send(v).is_ok();
    let second = tx.send(v + 1).is_ok();
    (first, second)
}

#[coro_runtime::coroutine]
fn await_reply(rx: oneshot::Receiver<u32>) -> (Option<u32>, Option<u32>) {
    let first = rx.recv().await;
    (first, rx.recv().await)
}

fn a_oneshot_delivers_one_value<E: Exec>(ex: E) {
    let (tx, rx) = oneshot::channel();
    let sent = ex.spawn(reply_later(tx, 7));
    let got = ex.spawn(await_reply(rx));
    ex.run().unwrap();
    assert_eq!(done(&sent), (true, false));
    assert_eq!(done(&got), (Some(7), None));
}
on_both!(a_oneshot_delivers_one_value);

#[coro_runtime::coroutine]
fn drops_sender(tx: oneshot::Sender<u32>) {
    sched::sleep(ms(5)).await;
    drop(tx);
}

#[coro_runtime::coroutine]
fn reply_or_timeout(rx: oneshot::Receiver<u32>) -> String {
    select! {
        v = rx.recv() => format!("{v:?}"),
        _ = sched::sleep(ms(50)) => "timeout".to_string(),
    }
}

#[test]
fn a_oneshot_reports_a_dropped_side() {
    let ex = Executor::with_virtual_clock();
    let (tx, rx) = oneshot::channel::<u32>();
    ex.spawn(drops_sender(tx));
    let h = ex.spawn(reply_or_timeout(rx));
    ex.run().unwrap();
    assert_eq!(done(&h), "None");

    let (tx, rx) = oneshot::channel::<u32>();
    assert!(!tx.is_closed());
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    drop(rx);
    assert!(tx.is_closed());
    assert_eq!(tx.send(3), Err(3));

    let (tx, rx) = oneshot::channel::<u32>();
    tx.send(4).unwrap();
    rx.close(); // refuses later sends, keeps what was sent
    assert_eq!(rx.try_recv(), Ok(4));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
}

// --------------------------------------------------------------- unbounded

#[coro_runtime::coroutine]
fn sum_all(rx: sched::Receiver<u64>) -> u64 {
    let mut sum = 0;
    while let Some(v) = rx.recv().await {
        sum += v;
    }
    sum
}

#[coro_runtime::coroutine]
fn produce_unbounded(tx: sched::UnboundedSender<u64>, from: u64) {
    for i in from..from + 500 {
        tx.send(i).unwrap(); // never waits
        if i % 100 == 0 {
            sched::yield_now().await;
        }
    }
}

fn an_unbounded_channel_never_blocks_the_sender<E: Exec>(ex: E) {
    let (tx, rx) = unbounded();
    ex.spawn(produce_unbounded(tx.clone(), 0));
    ex.spawn(produce_unbounded(tx, 500));
    let total = ex.spawn(sum_all(rx));
    ex.run().unwrap();
    assert_eq!(done(&total), (0..1000).sum::<u64>());
}
on_both!(an_unbounded_channel_never_blocks_the_sender);

#[test]
fn an_unbounded_channel_closes() {
    let (tx, rx) = unbounded::<u32>();
    tx.send(1).unwrap();
    assert!(!tx.is_closed());
    tx.close();
    assert!(tx.is_closed());
    assert_eq!(tx.send(2).map_err(|e| e.0), Err(2));
    assert_eq!(rx.try_recv(), Ok(1));
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
}

// ---------------------------------------------------------------- interval

#[coro_runtime::coroutine]
fn ticks(period: u64, work: Vec<u64>) -> Vec<u128> {
    let mut every = sched::interval(ms(period));
    let mut at = Vec::new();
    for w in work {
        let due = every.tick().await;
        assert!(sched::now() >= due);
        at.push(sched::now().since_start().as_millis());
        sched::sleep(ms(w)).await;
    }
    at
}

fn an_interval_ticks_on_a_grid_and_skips_missed_ticks<E: Exec>(ex: E) {
    // Ticks at 0, 10, 20; work of 35 ms makes the tick due at 30 late (it
    // comes at once, at 55), then the grid goes on at 60, 70.
    let h = ex.spawn(ticks(10, vec![0, 0, 35, 0, 0, 0]));
    ex.run().unwrap();
    assert_eq!(done(&h), [0, 10, 20, 55, 60, 70]);
}
on_both!(an_interval_ticks_on_a_grid_and_skips_missed_ticks);

#[coro_runtime::coroutine]
fn ticks_or_messages(rx: sched::Receiver<u32>) -> (u32, u32) {
    let mut every = sched::interval(ms(10));
    let (mut ticked, mut got, mut open) = (0, 0, true);
    while sched::now().since_start() < ms(95) {
        select! {
            _ = every.tick() => ticked += 1,
            v = rx.recv(), if open => match v {
                Some(v) => got += v,
                None => open = false, // closed: stop selecting on it
            },
        }
    }
    (ticked, got)
}

#[coro_runtime::coroutine]
fn drip(tx: sched::Sender<u32>) {
    for _ in 0..30 {
        sched::sleep(ms(3)).await;
        tx.send(1).await.unwrap();
    }
}

fn a_tick_that_loses_a_select_is_not_consumed<E: Exec>(ex: E) {
    let (tx, rx) = sched::channel(0);
    let h = ex.spawn(ticks_or_messages(rx));
    ex.spawn(drip(tx));
    ex.run().unwrap();
    // Ticks at 0, 10, ..., 100 (the loop's last select, at 90 ms, waits
    // for it): eleven, none lost to the messages that won a select.
    assert_eq!(done(&h), (11, 30));
}
on_both!(a_tick_that_loses_a_select_is_not_consumed);

// ------------------------------------------------------------------ budget

#[coro_runtime::coroutine]
fn drain_counting(rx: sched::Receiver<u32>, other_turns: Arc<AtomicUsize>) -> Vec<usize> {
    // Every receive is ready: without a budget this loop would never
    // suspend, and `other` would not run until it ended.
    let mut seen = Vec::new();
    while let Some(v) = rx.recv().await {
        if v % 256 == 0 {
            seen.push(other_turns.load(SeqCst));
        }
    }
    seen
}

#[coro_runtime::coroutine]
fn other(turns: Arc<AtomicUsize>, stop: Arc<AtomicBool>) {
    while !stop.load(SeqCst) {
        turns.fetch_add(1, SeqCst);
        sched::yield_now().await;
    }
}

#[coro_runtime::coroutine]
fn then_stop(h: JoinHandle<Vec<usize>>, stop: Arc<AtomicBool>) -> Result<Vec<usize>, JoinError> {
    let r = h.await;
    stop.store(true, SeqCst);
    r
}

fn a_task_that_always_finds_work_yields_after_its_budget<E: Exec>(ex: E) {
    let (tx, rx) = unbounded();
    for i in 0..4096 {
        tx.send(i).unwrap();
    }
    drop(tx);
    let turns = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    ex.spawn(other(turns.clone(), stop.clone()));
    let drain = ex.spawn(drain_counting(rx, turns.clone()));
    let waiter = ex.spawn(then_stop(drain, stop));
    ex.run().unwrap();
    let seen = done(&waiter).unwrap();
    assert_eq!(seen.len(), 16);
    // The other task ran while the channel was being drained: at least
    // once per 256 receives (the budget is 128 operations a turn).
    assert!(
        seen.windows(2).all(|w| w[1] > w[0]),
        "the other task was starved: {seen:?}"
    );
}

#[test]
fn local_a_task_that_always_finds_work_yields_after_its_budget() {
    a_task_that_always_finds_work_yields_after_its_budget(Executor::new());
}

#[test]
fn threaded_one_worker_a_task_that_always_finds_work_yields_after_its_budget() {
    a_task_that_always_finds_work_yields_after_its_budget(ThreadedExecutor::new(1));
}

// -------------------------------------------------------------------- join

#[coro_runtime::coroutine]
fn wait_for(rx: sched::Receiver<u32>) -> u32 {
    rx.recv().await.unwrap()
}

#[coro_runtime::coroutine]
fn yield_then_send(tx: sched::Sender<u32>, turns: u32) -> u32 {
    for _ in 0..turns {
        coro_runtime::suspend!(); // a yield, not a wait
    }
    tx.send(turns).await.unwrap();
    turns
}

#[coro_runtime::coroutine]
fn join_yielder_and_waiter(turns: u32) -> (u32, u32) {
    let (tx, rx) = sched::channel(0);
    // The waiter is resumed last: the join must still yield for the
    // yielder, or the task would wait for a wake nobody sends.
    coro_runtime::join!(yield_then_send(tx, turns), wait_for(rx))
}

fn join_runs_children_together_and_a_yield_is_not_lost<E: Exec>(ex: E) {
    let h = ex.spawn(join_yielder_and_waiter(3));
    ex.run().unwrap();
    assert_eq!(done(&h), (3, 3));
}
on_both!(join_runs_children_together_and_a_yield_is_not_lost);

/// Logs its drop.
struct Noisy(&'static str, Log);

impl Drop for Noisy {
    fn drop(&mut self) {
        say(&self.1, format!("drop {}", self.0));
    }
}

#[coro_runtime::coroutine]
fn hold_then_return(name: &'static str, log: Log, wait: u64) -> &'static str {
    let _noisy = Noisy(name, log.clone());
    sched::sleep(ms(wait)).await;
    say(&log, format!("{name} returns"));
    name
}

#[coro_runtime::coroutine]
fn all_or_timeout(log: Log) -> bool {
    let jobs = [("fast", 5), ("slow", 50), ("mid", 10)]
        .map(|(name, wait)| hold_then_return(name, log.clone(), wait));
    sched::timeout(ms(20), sched::join_all(jobs)).await.is_err()
}

#[test]
fn join_all_gives_outputs_in_order_and_a_cancelled_join_drops_its_children() {
    let ex = Executor::with_virtual_clock();
    let log = Log::default();
    let l = log.clone();
    #[coro_runtime::coroutine]
    fn in_order(log: Log) -> Vec<&'static str> {
        let jobs = vec![
            hold_then_return("a", log.clone(), 30),
            hold_then_return("b", log.clone(), 10),
            hold_then_return("c", log.clone(), 20),
        ];
        sched::join_all(jobs).await
    }
    assert_eq!(ex.block_on(in_order(l)), Ok(vec!["a", "b", "c"]));
    assert_eq!(
        lines(&log),
        [
            "b returns",
            "drop b",
            "c returns",
            "drop c",
            "a returns",
            "drop a"
        ]
    );
    log.lock().unwrap().clear();
    assert_eq!(ex.block_on(all_or_timeout(log.clone())), Ok(true));
    // At 20 ms the join is dropped: `fast` and `mid` had returned, `slow`
    // is dropped where it waits.
    assert_eq!(
        lines(&log),
        [
            "fast returns",
            "drop fast",
            "mid returns",
            "drop mid",
            "drop slow"
        ]
    );
    #[coro_runtime::coroutine]
    fn nothing() -> usize {
        sched::join_all(Vec::<sched::YieldNow>::new()).await.len()
    }
    assert_eq!(ex.block_on(nothing()), Ok(0));
}

#[coro_runtime::coroutine]
fn join_with_a_future() -> (u32, &'static str) {
    coro_runtime::join!(wait_or_zero(), std::future::ready("a future"))
}

#[coro_runtime::coroutine]
fn wait_or_zero() -> u32 {
    sched::yield_now().await;
    0
}

#[test]
fn join_takes_futures_as_await_does() {
    assert_eq!(
        Executor::new().block_on(join_with_a_future()),
        Ok((0, "a future"))
    );
}

// ------------------------------------------------- select: any awaitable

#[coro_runtime::coroutine]
fn child_after(name: &'static str, log: Log, wait: u64) -> &'static str {
    let _noisy = Noisy(name, log.clone());
    sched::sleep(ms(wait)).await;
    name
}

#[coro_runtime::coroutine]
fn child_or_message(log: Log, rx: sched::Receiver<u32>, wait: u64) -> String {
    select! {
        name = child_after("child", log.clone(), wait) => format!("{name} won"),
        v = rx.recv() => format!("message {v:?} won"),
    }
}

#[coro_runtime::coroutine]
fn send_after(tx: sched::Sender<u32>, wait: u64) {
    sched::sleep(ms(wait)).await;
    let _ = tx.try_send(1); // to a waiting receiver, or nobody
}

fn a_coroutine_is_a_select_case<E: Exec>(ex: E) {
    // The child wins (it returns at 5 ms, the message comes at 10): the
    // receive is withdrawn, and the message finds nobody.
    let log = Log::default();
    let (tx, rx) = sched::channel(0);
    let h = ex.spawn(child_or_message(log.clone(), rx, 5));
    ex.spawn(send_after(tx, 10));
    ex.run().unwrap();
    assert_eq!(done(&h), "child won");
    assert_eq!(lines(&log), ["drop child"]);

    // The message wins: the child is dropped where it waits.
    let log = Log::default();
    let (tx, rx) = sched::channel(0);
    let h = ex.spawn(child_or_message(log.clone(), rx, 50));
    ex.spawn(send_after(tx, 10));
    ex.run().unwrap();
    assert_eq!(done(&h), "message Some(1) won");
    assert_eq!(lines(&log), ["drop child"]);
}
on_both!(a_coroutine_is_a_select_case);

#[coro_runtime::coroutine]
fn yields_then_returns(turns: u32) -> u32 {
    for _ in 0..turns {
        coro_runtime::suspend!();
    }
    turns
}

#[coro_runtime::coroutine]
fn yielding_case(rx: sched::Receiver<u32>) -> String {
    // The receive registers a waiter; the child only yields: the select
    // must run again for it, not wait for a message that never comes.
    select! {
        n = yields_then_returns(3) => format!("child {n}"),
        v = rx.recv() => format!("message {v:?}"),
    }
}

#[test]
fn a_yielding_coroutine_case_is_resumed_again() {
    let ex = Executor::new();
    let (tx, rx) = sched::channel::<u32>(0);
    let h = ex.spawn(yielding_case(rx));
    ex.run().unwrap();
    assert_eq!(done(&h), "child 3");
    drop(tx);
}

#[coro_runtime::coroutine]
fn spawned(v: u32, wait: u64) -> u32 {
    sched::sleep(ms(wait)).await;
    v
}

#[coro_runtime::coroutine]
fn handle_lock_or_future(m: sched::Mutex<u32>) -> Vec<String> {
    let mut out = Vec::new();
    let mut h = sched::spawn(spawned(7, 20));
    // A handle borrowed as a case stays usable when it loses.
    select! {
        r = &mut h => out.push(format!("joined {r:?}")),
        _ = sched::sleep(ms(10)) => out.push("not yet".to_string()),
    }
    select! {
        r = &mut h => out.push(format!("joined {:?}", r.unwrap())),
        _ = sched::sleep(ms(50)) => out.push("too late".to_string()),
    }
    let held = m.lock().await;
    select! {
        _ = m.lock() => out.push("locked twice".to_string()),
        _ = sched::sleep(ms(5)) => out.push("the lock is held".to_string()),
    }
    drop(held);
    select! {
        g = m.lock() => out.push(format!("locked {}", *g)),
        v = std::future::ready(3) => out.push(format!("future {v}")),
    }
    out
}

#[test]
fn handles_locks_and_futures_are_select_cases() {
    let ex = Executor::with_virtual_clock();
    let h = ex.spawn(handle_lock_or_future(sched::Mutex::new(1)));
    ex.run().unwrap();
    let out = done(&h);
    assert_eq!(&out[..3], ["not yet", "joined 7", "the lock is held"]);
    // Both ready: either may win.
    assert!(out[3] == "locked 1" || out[3] == "future 3", "{out:?}");
}

#[coro_runtime::coroutine]
fn twelve_cases(rx: Vec<sched::Receiver<u32>>) -> usize {
    select! {
        _ = rx[0].recv() => 0,
        _ = rx[1].recv() => 1,
        _ = rx[2].recv() => 2,
        _ = rx[3].recv() => 3,
        _ = rx[4].recv() => 4,
        _ = rx[5].recv() => 5,
        _ = rx[6].recv() => 6,
        _ = rx[7].recv() => 7,
        _ = rx[8].recv() => 8,
        _ = rx[9].recv() => 9,
        v = rx[10].recv() => 10 + v.unwrap() as usize,
        _ = rx[11].recv() => 11,
    }
}

#[test]
fn a_select_takes_more_than_eight_cases() {
    let ex = Executor::new();
    let (txs, rxs): (Vec<_>, Vec<_>) = (0..12).map(|_| sched::channel::<u32>(1)).unzip();
    txs[10].try_send(100).unwrap();
    assert_eq!(ex.block_on(twelve_cases(rxs)), Ok(110));
    drop(txs);
}
