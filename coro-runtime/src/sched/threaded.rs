//! The multi-threaded executor: worker threads share one run queue; tasks
//! (and their values) must be `Send`.

use core::pin::Pin;
use core::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;

use super::cx::{LocalBody, Sched, SendBody};
use super::lock::Lock;
use super::park::Parker;
use super::sink::Sink;
use super::task::{self, Deadlock, JoinHandle, RunQueue, Slab};
use super::timers::{Instant, TimerQueue};
use crate::Coroutine;

enum Clock {
    Virtual(AtomicU64),
    Real(std::time::Instant),
}

struct Inner {
    queue: Arc<RunQueue>,
    tasks: Lock<Slab<SendBody, dyn Sink + Send + Sync>>,
    timers: Arc<Lock<TimerQueue>>,
    clock: Clock,
    rng: AtomicU64,
    workers: usize,
    idle: AtomicUsize,
    stop: AtomicBool,
    deadlock: Lock<Option<Deadlock>>,
}

/// Runs tasks on several worker threads: goroutines on threads. Tasks, and
/// their outputs, must be `Send`; blocking operations wait without blocking
/// a thread.
///
/// ```
/// use coro_runtime::sched::{channel, Receiver, Sender, ThreadedExecutor};
///
/// #[coro_runtime::coroutine]
/// fn square(rx: Receiver<u64>, tx: Sender<u64>) {
///     while let Some(x) = rx.recv().await {
///         tx.send(x * x).await.unwrap();
///     }
/// }
///
/// #[coro_runtime::coroutine]
/// fn sum(rx: Receiver<u64>) -> u64 {
///     let mut total = 0;
///     while let Some(x) = rx.recv().await {
///         total += x;
///     }
///     total
/// }
///
/// #[coro_runtime::coroutine]
/// fn feed(tx: Sender<u64>) {
///     for x in 1..=10 {
///         tx.send(x).await.unwrap();
///     }
/// }
///
/// let ex = ThreadedExecutor::new(2);
/// let (in_tx, in_rx) = channel(4);
/// let (out_tx, out_rx) = channel(4);
/// ex.spawn(feed(in_tx));
/// for _ in 0..3 {
///     ex.spawn(square(in_rx.clone(), out_tx.clone()));
/// }
/// drop((in_rx, out_tx));
/// let total = ex.spawn(sum(out_rx));
/// ex.run().unwrap();
/// assert_eq!(total.wait().unwrap(), 385);
/// ```
pub struct ThreadedExecutor {
    inner: Arc<Inner>,
}

impl ThreadedExecutor {
    /// An executor with `workers` threads (at least one), on the system
    /// clock.
    pub fn new(workers: usize) -> Self {
        Self::with_clock(workers, Clock::Real(std::time::Instant::now()))
    }

    /// An executor with `workers` threads on a virtual clock: time jumps to
    /// the next timer when every worker is idle.
    pub fn with_virtual_clock(workers: usize) -> Self {
        Self::with_clock(workers, Clock::Virtual(AtomicU64::new(0)))
    }

    fn with_clock(workers: usize, clock: Clock) -> Self {
        ThreadedExecutor {
            inner: Arc::new(Inner {
                queue: Arc::new(RunQueue::with_parker()),
                tasks: Lock::new(Slab::new()),
                timers: Arc::new(Lock::new(TimerQueue::new())),
                clock,
                rng: AtomicU64::new(0x9E37_79B9_7F4A_7C15),
                workers: workers.max(1),
                idle: AtomicUsize::new(0),
                stop: AtomicBool::new(false),
                deadlock: Lock::new(None),
            }),
        }
    }

    /// Starts a task; it runs when the executor runs.
    pub fn spawn<C>(&self, coroutine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + Send + 'static,
        C::Output: Send + 'static,
    {
        self.spawn_inner(None, coroutine)
    }

    /// Starts a task with a name (shown in a deadlock report).
    pub fn spawn_named<C>(&self, name: impl Into<String>, coroutine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + Send + 'static,
        C::Output: Send + 'static,
    {
        self.spawn_inner(Some(name.into()), coroutine)
    }

    fn spawn_inner<C>(&self, name: Option<String>, coroutine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + Send + 'static,
        C::Output: Send + 'static,
    {
        let (body, sink, handle) = task::task(coroutine);
        self.inner.insert(name, Box::pin(body), sink);
        handle
    }

    /// Runs the workers until every task has finished. `Err` if every task
    /// left waits and no timer is pending (a wake-up from outside the
    /// executor is not waited for).
    pub fn run(&self) -> Result<(), Deadlock> {
        self.inner.stop.store(false, Ordering::Release);
        self.inner.idle.store(0, Ordering::Release);
        std::thread::scope(|s| {
            for _ in 0..self.inner.workers {
                s.spawn(|| self.inner.work());
            }
        });
        match self.inner.deadlock.lock().take() {
            Some(deadlock) => Err(deadlock),
            None => Ok(()),
        }
    }
}

impl Inner {
    fn parker(&self) -> &Parker {
        self.queue
            .parker
            .as_ref()
            .expect("a threaded executor's queue has a parker")
    }

    fn insert(&self, name: Option<String>, body: SendBody, sink: Arc<dyn Sink + Send + Sync>) {
        let header = self.tasks.lock().insert(&self.queue, name, body, sink);
        self.queue.push(header.id);
    }

    /// One worker's loop.
    fn work(&self) {
        loop {
            if self.stop.load(Ordering::Acquire) {
                return;
            }
            self.fire_timers();
            let seen = self.parker().generation();
            let next = self.queue.ids.lock().pop_front();
            if let Some(id) = next {
                task::run(id, &self.tasks, self);
                continue;
            }
            // Idle.
            let idle = self.idle.fetch_add(1, Ordering::AcqRel) + 1;
            let deadline = self.timers.lock().next_deadline();
            let live = self.tasks.lock().live();
            let queued = !self.queue.ids.lock().is_empty();
            if queued {
                self.idle.fetch_sub(1, Ordering::AcqRel);
                continue;
            }
            if live == 0 {
                self.finish(None);
                return;
            }
            match (deadline, &self.clock) {
                // Every worker idle: virtual time moves to the next timer.
                (Some(t), Clock::Virtual(now)) if idle == self.workers && self.quiescent() => {
                    now.fetch_max(t.nanos(), Ordering::AcqRel);
                }
                // Real time: sleep until the timer, or a task is queued.
                (Some(t), Clock::Real(_)) => {
                    let wait = t.duration_since(self.now());
                    self.parker().wait(seen, Some(wait));
                }
                (None, _) if idle == self.workers && self.quiescent() => {
                    // Nothing runs, so nothing can queue a task, add a timer
                    // or end one: read again, these are final.
                    if self.tasks.lock().live() == 0 {
                        self.finish(None);
                    } else if self.timers.lock().next_deadline().is_none() {
                        self.finish(Some(self.tasks.lock().blocked()));
                    } else {
                        self.idle.fetch_sub(1, Ordering::AcqRel);
                        continue;
                    }
                    return;
                }
                // Others still run: virtual time stands still meanwhile.
                (_, _) => self.parker().wait(seen, None),
            }
            self.idle.fetch_sub(1, Ordering::AcqRel);
        }
    }

    /// Whether every worker is idle with nothing queued, judged under the
    /// queue's lock. The `idle` count a worker read when it went idle may be
    /// stale: another worker, woken for a task, leaves the count and then
    /// pops the task, both after that read; seen from here the queue is
    /// then empty while that worker runs the task. Under the lock, a worker
    /// that popped has left the count (it leaves it before it pops), and
    /// one that has not popped leaves the task in the queue.
    fn quiescent(&self) -> bool {
        let queue = self.queue.ids.lock();
        queue.is_empty() && self.idle.load(Ordering::Acquire) == self.workers
    }

    fn finish(&self, deadlock: Option<Deadlock>) {
        if deadlock.is_some() {
            *self.deadlock.lock() = deadlock;
        }
        self.stop.store(true, Ordering::Release);
        self.parker().notify_all();
    }

    fn fire_timers(&self) {
        let mut timers = self.timers.lock();
        // The clock is read only when a timer is pending.
        if let Some(next) = timers.next_deadline() {
            let now = self.now();
            if next <= now {
                timers.fire(now);
            }
        }
    }
}

impl Sched for Inner {
    fn now(&self) -> Instant {
        match &self.clock {
            Clock::Virtual(now) => Instant::from_nanos(now.load(Ordering::Acquire)),
            Clock::Real(start) => {
                Instant::from_nanos(u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX))
            }
        }
    }

    fn timers(&self) -> &Arc<Lock<TimerQueue>> {
        &self.timers
    }

    fn random(&self) -> u64 {
        // A splitmix64 step on a shared counter: independent draws without
        // a lock.
        let mut z = self
            .rng
            .fetch_add(0x9E37_79B9_7F4A_7C15, Ordering::Relaxed)
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn spawn_send(&self, name: Option<String>, body: SendBody, sink: Arc<dyn Sink + Send + Sync>) {
        self.insert(name, body, sink);
    }

    fn spawn_local(
        &self,
        _: Option<String>,
        body: LocalBody,
        _: Arc<dyn Sink>,
    ) -> Result<(), LocalBody> {
        Err(body)
    }
}

impl Drop for ThreadedExecutor {
    fn drop(&mut self) {
        task::cancel_all(&self.inner.tasks, &*self.inner);
    }
}

// The bodies are `Pin<Box<dyn Coroutine + Send>>`.
const _: fn() = || {
    fn assert_send<T: Send>() {}
    assert_send::<Pin<Box<dyn Coroutine<Output = ()> + Send>>>();
};
