//! The single-threaded executor: deterministic (a FIFO run queue, a seeded
//! random source for `select`, an optional virtual clock), and needing only
//! `alloc`.

use core::cell::{Cell, RefCell};
use core::pin::Pin;

use alloc::boxed::Box;
use alloc::string::String;
use alloc::sync::Arc;

use super::cx::{LocalBody, Sched, SendBody};
use super::lock::Lock;
use super::sink::Sink;
use super::task::{self, Deadlock, JoinHandle, RunQueue, Slab};
use super::timers::{Instant, TimerQueue};
use crate::Coroutine;

type Body<'a> = Pin<Box<dyn Coroutine<Output = ()> + 'a>>;

/// Where the executor's time comes from.
enum Clock {
    /// Moves only when every task waits: to the next timer.
    Virtual(Cell<u64>),
    /// The system's monotonic clock.
    #[cfg(feature = "std")]
    Real(std::time::Instant),
}

/// Runs tasks on the current thread, one at a time, in the order they
/// become ready: goroutines without threads. Deterministic for a given
/// program and seed.
///
/// ```
/// use coro_runtime::sched::{self, Executor};
///
/// #[coro_runtime::coroutine]
/// fn greet(name: &'static str) -> String {
///     sched::yield_now().await;
///     format!("hello, {name}")
/// }
///
/// let ex = Executor::new();
/// let a = ex.spawn(greet("a"));
/// let b = ex.spawn(greet("b"));
/// ex.run().unwrap();
/// assert_eq!(a.try_take().unwrap().unwrap(), "hello, a");
/// assert_eq!(b.try_take().unwrap().unwrap(), "hello, b");
/// ```
pub struct Executor<'a> {
    queue: Arc<RunQueue>,
    tasks: RefCell<Slab<Body<'a>, dyn Sink + 'a>>,
    timers: Arc<Lock<TimerQueue>>,
    clock: Clock,
    rng: Cell<u64>,
}

impl Default for Executor<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Executor<'a> {
    /// An executor on the system clock (with `std`; without it, on a
    /// virtual clock).
    pub fn new() -> Self {
        #[cfg(feature = "std")]
        let clock = Clock::Real(std::time::Instant::now());
        #[cfg(not(feature = "std"))]
        let clock = Clock::Virtual(Cell::new(0));
        Self::with_clock(clock)
    }

    /// An executor on a virtual clock: time stands still while tasks run,
    /// and jumps to the next timer when every task waits. Sleeps take no
    /// real time, and a test's timing is exact.
    pub fn with_virtual_clock() -> Self {
        Self::with_clock(Clock::Virtual(Cell::new(0)))
    }

    fn with_clock(clock: Clock) -> Self {
        Executor {
            queue: Arc::new(RunQueue::new()),
            tasks: RefCell::new(Slab::new()),
            timers: Arc::new(Lock::new(TimerQueue::new())),
            clock,
            rng: Cell::new(0x9E37_79B9_7F4A_7C15),
        }
    }

    /// Sets the seed of the random source `select!` draws from.
    pub fn seed(&self, seed: u64) {
        self.rng.set(seed | 1);
    }

    /// Starts a task; it runs when the executor runs.
    pub fn spawn<C>(&self, coroutine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'a,
    {
        self.spawn_inner(None, coroutine)
    }

    /// Starts a task with a name (shown in a deadlock report).
    pub fn spawn_named<C>(&self, name: impl Into<String>, coroutine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'a,
    {
        self.spawn_inner(Some(name.into()), coroutine)
    }

    fn spawn_inner<C>(&self, name: Option<String>, coroutine: C) -> JoinHandle<C::Output>
    where
        C: Coroutine + 'a,
    {
        let (body, sink, handle) = task::task(coroutine);
        self.insert(name, Box::pin(body), sink);
        handle
    }

    fn insert(&self, name: Option<String>, body: Body<'a>, sink: Arc<dyn Sink + 'a>) {
        let header = self
            .tasks
            .borrow_mut()
            .insert(&self.queue, name, body, sink);
        self.queue.push(header.id);
    }

    /// Runs until every task has finished. `Err` if every task left waits
    /// and no timer is pending: nothing can ever wake them (a wake-up from
    /// outside the executor, from another thread, is not waited for).
    pub fn run(&self) -> Result<(), Deadlock> {
        self.run_until(|| false)
    }

    /// Runs `coroutine` as a task until it finishes, and gives its output
    /// (other tasks run meanwhile, and may be left unfinished). A panic in
    /// it is resumed here.
    ///
    /// ```
    /// use coro_runtime::sched::Executor;
    ///
    /// #[coro_runtime::coroutine]
    /// fn answer() -> u32 {
    ///     coro_runtime::sched::yield_now().await;
    ///     42
    /// }
    ///
    /// assert_eq!(Executor::new().block_on(answer()), Ok(42));
    /// ```
    pub fn block_on<C>(&self, coroutine: C) -> Result<C::Output, Deadlock>
    where
        C: Coroutine + 'a,
    {
        let handle = self.spawn_named("main", coroutine);
        self.run_until(|| handle.is_finished())?;
        match handle.try_take() {
            Some(Ok(out)) => Ok(out),
            #[cfg(feature = "std")]
            Some(Err(super::sink::JoinError::Panicked(message))) => std::panic::panic_any(message),
            other => unreachable!("the main task finished: {:?}", other.map(|r| r.err())),
        }
    }

    fn run_until(&self, mut done: impl FnMut() -> bool) -> Result<(), Deadlock> {
        loop {
            self.fire_timers();
            if done() {
                return Ok(());
            }
            let next = self.queue.ids.lock().pop_front();
            if let Some(id) = next {
                task::run(id, &self.tasks, self);
                continue;
            }
            if self.tasks.borrow().live() == 0 {
                return Ok(());
            }
            let Some(deadline) = self.timers.lock().next_deadline() else {
                return Err(self.tasks.borrow().blocked());
            };
            self.wait_until(deadline);
        }
    }

    /// Nothing to run: moves time to `deadline`.
    fn wait_until(&self, deadline: Instant) {
        match &self.clock {
            Clock::Virtual(now) => now.set(now.get().max(deadline.nanos())),
            #[cfg(feature = "std")]
            Clock::Real(_) => {
                let now = self.now();
                std::thread::sleep(core::time::Duration::from_nanos(
                    deadline.nanos().saturating_sub(now.nanos()),
                ));
            }
        }
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

impl Sched for Executor<'_> {
    fn now(&self) -> Instant {
        match &self.clock {
            Clock::Virtual(now) => Instant::from_nanos(now.get()),
            #[cfg(feature = "std")]
            Clock::Real(start) => {
                Instant::from_nanos(u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX))
            }
        }
    }

    fn timers(&self) -> &Arc<Lock<TimerQueue>> {
        &self.timers
    }

    fn random(&self) -> u64 {
        // xorshift64*
        let mut x = self.rng.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng.set(x);
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn spawn_send(&self, name: Option<String>, body: SendBody, sink: Arc<dyn Sink + Send + Sync>) {
        self.insert(name, body, sink);
    }

    fn spawn_local(
        &self,
        name: Option<String>,
        body: LocalBody,
        sink: Arc<dyn Sink>,
    ) -> Result<(), LocalBody> {
        self.insert(name, body, sink);
        Ok(())
    }
}

impl Drop for Executor<'_> {
    fn drop(&mut self) {
        task::cancel_all(&self.tasks, self);
    }
}
