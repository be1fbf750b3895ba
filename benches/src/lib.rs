//! Workloads shared by the benchmarks (`benches/*.rs`), written once for
//! each contender. docs/benchmarks.md has the results and the commands.

use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use coro_runtime::{Coroutine, Status, boxed, suspend};

// ------------------------------------------------------------------ counter

/// `counter(n)`: a loop that suspends `n` times and sums the loop index.
#[coro_runtime::coroutine]
pub fn counter(n: u64) -> u64 {
    let mut total = 0;
    for i in 0..n {
        suspend!();
        total += i;
    }
    total
}

/// The same work as a hand-written state machine: what the transform
/// competes with. An enum whose variants hold what each state needs, as one
/// writes it by hand (a struct of fields and a state byte compiles to
/// slower code here: 3.0 ns per resume against 1.7).
pub enum HandCounter {
    Start { n: u64 },
    Suspended { n: u64, i: u64, total: u64 },
    Done(u64),
}

impl HandCounter {
    pub fn new(n: u64) -> Self {
        HandCounter::Start { n }
    }
}

impl HandWritten for HandCounter {
    #[inline]
    fn resume(&mut self) -> bool {
        let (n, i, total) = match *self {
            HandCounter::Start { n } => (n, 0, 0),
            HandCounter::Suspended { n, i, total } => (n, i + 1, total + i),
            HandCounter::Done(_) => panic!("resumed after the end"),
        };
        if i < n {
            *self = HandCounter::Suspended { n, i, total };
            true
        } else {
            *self = HandCounter::Done(total);
            false
        }
    }

    fn output(&self) -> u64 {
        match *self {
            HandCounter::Done(total) => total,
            _ => panic!("not done"),
        }
    }
}

/// The counter for diapause, annotated as it requires.
#[diapause::coroutine(yield = ())]
pub fn diapause_counter(n: u64) -> u64 {
    let mut total: u64 = 0;
    for i in 0..n {
        yield_!(());
        total += i;
    }
    total
}

/// The counter for genawaiter's `rc` flavour (one allocation).
pub fn genawaiter_rc_counter(n: u64) -> genawaiter::rc::Gen<(), (), impl Future<Output = u64>> {
    genawaiter::rc::Gen::new(move |co| async move {
        let mut total = 0;
        for i in 0..n {
            co.yield_(()).await;
            total += i;
        }
        total
    })
}

/// The counter for genawaiter's `stack` flavour (no allocation; built with
/// `unsafe { Gen::new(&mut shelf, ..) }` or `let_gen_using!`).
pub async fn genawaiter_stack_counter(co: genawaiter::stack::Co<'_, ()>, n: u64) -> u64 {
    let mut total = 0;
    for i in 0..n {
        co.yield_(()).await;
        total += i;
    }
    total
}

/// The counter for corosensei: the same loop, on a stack of its own.
pub fn corosensei_counter(n: u64) -> impl FnOnce(&corosensei::Yielder<(), ()>, ()) -> u64 {
    move |y, ()| {
        let mut total = 0;
        for i in 0..n {
            y.suspend(());
            total += i;
        }
        total
    }
}

// -------------------------------------------------------------- live values

/// The body of [`live_values`], for each attribute it is compiled with,
/// and as an `async fn` (`[async]`, the point given as `pending_once().await`).
macro_rules! live_values_fn {
    ($(#[$attr:meta])* [$($kw:tt)*] $name:ident, { $($point:tt)* }) => {
        $(#[$attr])*
        pub $($kw)* fn $name(n: u64) -> u64 {
            let mut buf = [0u8; 1024];
            let mut small = 1u8;
            let mut word = 7u32;
            let mut wide = 0u64;
            let name = String::from("live values");
            for i in 0..n {
                buf[(i % 1024) as usize] = small;
                $($point)*;
                small = small.wrapping_add(buf[((i * 7) % 1024) as usize]);
                word = word.rotate_left(3) ^ u32::from(small);
                wide = wide.wrapping_add(u64::from(word));
            }
            wide + buf.iter().map(|&b| u64::from(b)).sum::<u64>() + name.len() as u64
        }
    };
}

live_values_fn!(
    /// Values of mixed sizes alive across the suspension, among them a 1 KiB
    /// buffer: what a resume would move, if it moved the state (the removed
    /// legacy lowering did; the values now stay in the frame).
    #[coro_runtime::coroutine]
    [] live_values, { suspend!() }
);

live_values_fn!(
    /// [`live_values`] with `#[coroutine(inline)]`: the body, too large to
    /// be inlined into its resume by default, is inlined there.
    #[coro_runtime::coroutine(inline)]
    [] live_values_inline, { suspend!() }
);

live_values_fn!(
    /// [`live_values`] as an `async fn`.
    [async] async_live_values, { pending_once().await }
);

/// [`live_values`] for diapause, annotated as it requires.
#[diapause::coroutine(yield = ())]
pub fn diapause_live_values(n: u64) -> u64 {
    let mut buf: [u8; 1024] = [0u8; 1024];
    let mut small: u8 = 1u8;
    let mut word: u32 = 7u32;
    let mut wide: u64 = 0u64;
    let name: String = String::from("live values");
    for i in 0..n {
        buf[(i % 1024) as usize] = small;
        yield_!(());
        small = small.wrapping_add(buf[((i * 7) % 1024) as usize]);
        word = word.rotate_left(3) ^ u32::from(small);
        wide = wide.wrapping_add(u64::from(word));
    }
    wide + buf.iter().map(|&b| u64::from(b)).sum::<u64>() + name.len() as u64
}

/// [`live_values`] for genawaiter's `rc` flavour.
pub fn genawaiter_rc_live_values(n: u64) -> genawaiter::rc::Gen<(), (), impl Future<Output = u64>> {
    genawaiter::rc::Gen::new(move |co| async move {
        let mut buf = [0u8; 1024];
        let mut small = 1u8;
        let mut word = 7u32;
        let mut wide = 0u64;
        let name = String::from("live values");
        for i in 0..n {
            buf[(i % 1024) as usize] = small;
            co.yield_(()).await;
            small = small.wrapping_add(buf[((i * 7) % 1024) as usize]);
            word = word.rotate_left(3) ^ u32::from(small);
            wide = wide.wrapping_add(u64::from(word));
        }
        wide + buf.iter().map(|&b| u64::from(b)).sum::<u64>() + name.len() as u64
    })
}

/// [`live_values`] for genawaiter's `stack` flavour.
pub async fn genawaiter_stack_live_values(co: genawaiter::stack::Co<'_, ()>, n: u64) -> u64 {
    let mut buf = [0u8; 1024];
    let mut small = 1u8;
    let mut word = 7u32;
    let mut wide = 0u64;
    let name = String::from("live values");
    for i in 0..n {
        buf[(i % 1024) as usize] = small;
        co.yield_(()).await;
        small = small.wrapping_add(buf[((i * 7) % 1024) as usize]);
        word = word.rotate_left(3) ^ u32::from(small);
        wide = wide.wrapping_add(u64::from(word));
    }
    wide + buf.iter().map(|&b| u64::from(b)).sum::<u64>() + name.len() as u64
}

/// [`live_values`] for corosensei.
pub fn corosensei_live_values(n: u64) -> impl FnOnce(&corosensei::Yielder<(), ()>, ()) -> u64 {
    move |y, ()| {
        let mut buf = [0u8; 1024];
        let mut small = 1u8;
        let mut word = 7u32;
        let mut wide = 0u64;
        let name = String::from("live values");
        for i in 0..n {
            buf[(i % 1024) as usize] = small;
            y.suspend(());
            small = small.wrapping_add(buf[((i * 7) % 1024) as usize]);
            word = word.rotate_left(3) ^ u32::from(small);
            wide = wide.wrapping_add(u64::from(word));
        }
        wide + buf.iter().map(|&b| u64::from(b)).sum::<u64>() + name.len() as u64
    }
}

/// [`live_values`] as a hand-written state machine: the values stay in
/// place, only the loop state changes.
pub struct HandLiveValues {
    n: u64,
    i: u64,
    buf: [u8; 1024],
    small: u8,
    word: u32,
    wide: u64,
    name: String,
    state: u8,
    out: u64,
}

impl HandLiveValues {
    pub fn new(n: u64) -> Self {
        HandLiveValues {
            n,
            i: 0,
            buf: [0; 1024],
            small: 1,
            word: 7,
            wide: 0,
            name: String::from("live values"),
            state: 0,
            out: 0,
        }
    }

    fn finish(&mut self) -> bool {
        self.state = 2;
        self.out = self.wide
            + self.buf.iter().map(|&b| u64::from(b)).sum::<u64>()
            + self.name.len() as u64;
        false
    }
}

impl HandWritten for HandLiveValues {
    #[inline]
    fn resume(&mut self) -> bool {
        match self.state {
            0 => {}
            1 => {
                let i = self.i;
                self.small = self.small.wrapping_add(self.buf[((i * 7) % 1024) as usize]);
                self.word = self.word.rotate_left(3) ^ u32::from(self.small);
                self.wide = self.wide.wrapping_add(u64::from(self.word));
                self.i += 1;
            }
            _ => panic!("resumed after the end"),
        }
        if self.i < self.n {
            self.buf[(self.i % 1024) as usize] = self.small;
            self.state = 1;
            true
        } else {
            self.finish()
        }
    }

    fn output(&self) -> u64 {
        self.out
    }
}

/// A future that is pending once: the `async` version of `suspend!()`.
pub struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

pub fn pending_once() -> PendingOnce {
    PendingOnce(false)
}

/// The counter as an `async fn`, polled with a no-op waker.
pub async fn async_counter(n: u64) -> u64 {
    let mut total = 0;
    for i in 0..n {
        pending_once().await;
        total += i;
    }
    total
}

fn noop_raw_waker() -> RawWaker {
    fn clone(_: *const ()) -> RawWaker {
        noop_raw_waker()
    }
    fn noop(_: *const ()) {}
    static VTABLE: RawWakerVTable = RawWakerVTable::new(clone, noop, noop, noop);
    RawWaker::new(std::ptr::null(), &VTABLE)
}

/// A waker that does nothing.
pub fn noop_waker() -> Waker {
    // SAFETY: the vtable's functions do nothing and ignore the pointer.
    unsafe { Waker::from_raw(noop_raw_waker()) }
}

/// Polls `f` until it is ready, counting the polls.
pub fn block_on<F: Future>(f: F) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(out) = f.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

// Every driver below resumes through an `#[inline(never)]` step function,
// the same way for every contender, so that one resume is one call and the
// optimizer cannot fold a drive loop (or part of it) for one contender and
// not for another (../shared/spec/benchmarking.md). The pointer goes
// through `black_box` too, so the state is reloaded on every resume.

/// One resume of a `#[coroutine]` frame: `true` while it suspends.
#[inline(never)]
pub fn step_coro<C: Coroutine>(c: Pin<&mut C>) -> bool {
    c.resume() == Status::Suspended
}

/// Resumes `c` until it returns.
pub fn drive<C: Coroutine>(c: Pin<&mut C>) -> C::Output {
    let mut c = c;
    while step_coro(black_box(&mut c).as_mut()) {}
    c.take_output().expect("returned")
}

/// One poll of a future.
#[inline(never)]
pub fn step_async<F: Future>(f: Pin<&mut F>, cx: &mut Context<'_>) -> Poll<F::Output> {
    f.poll(cx)
}

/// Polls `f` with a no-op waker until it is ready.
pub fn poll_to_end<F: Future>(f: Pin<&mut F>) -> F::Output {
    let waker = noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut f = f;
    loop {
        if let Poll::Ready(out) = step_async(black_box(&mut f).as_mut(), &mut cx) {
            return out;
        }
    }
}

/// One resume of a diapause coroutine (`start` the first time).
#[inline(never)]
pub fn step_diapause<C>(c: &mut C, first: bool) -> diapause::CoroutineState<(), C::Return>
where
    C: diapause::Coroutine<(), Yield = ()>,
{
    if first { c.start() } else { c.resume(()) }
}

/// Drives a diapause coroutine to completion.
pub fn drive_diapause<C>(c: &mut C) -> C::Return
where
    C: diapause::Coroutine<(), Yield = ()>,
{
    let mut first = true;
    loop {
        match step_diapause(black_box(&mut *c), first) {
            diapause::CoroutineState::Yielded(()) => first = false,
            diapause::CoroutineState::Complete(out) => return out,
        }
    }
}

/// One resume of a genawaiter generator.
#[inline(never)]
pub fn step_genawaiter<G>(g: &mut G) -> genawaiter::GeneratorState<(), G::Return>
where
    G: genawaiter::Coroutine<Yield = (), Resume = ()> + Unpin,
{
    Pin::new(g).resume_with(())
}

/// Drives a genawaiter generator (either flavour) to completion.
pub fn drive_genawaiter<G>(g: &mut G) -> G::Return
where
    G: genawaiter::Coroutine<Yield = (), Resume = ()> + Unpin,
{
    loop {
        match step_genawaiter(black_box(&mut *g)) {
            genawaiter::GeneratorState::Yielded(()) => {}
            genawaiter::GeneratorState::Complete(out) => return out,
        }
    }
}

/// One resume of a corosensei coroutine.
#[inline(never)]
pub fn step_corosensei<R, S: corosensei::stack::Stack>(
    c: &mut corosensei::Coroutine<(), (), R, S>,
) -> corosensei::CoroutineResult<(), R> {
    c.resume(())
}

/// Drives a corosensei coroutine to completion.
pub fn drive_corosensei<R, S: corosensei::stack::Stack>(
    c: &mut corosensei::Coroutine<(), (), R, S>,
) -> R {
    loop {
        match step_corosensei(black_box(&mut *c)) {
            corosensei::CoroutineResult::Yield(()) => {}
            corosensei::CoroutineResult::Return(out) => return out,
        }
    }
}

/// One resume of a hand-written state machine.
#[inline(never)]
pub fn step_hand<M: HandWritten>(m: &mut M) -> bool {
    m.resume()
}

/// Resumes a hand-written state machine until it is done.
pub fn drive_hand<M: HandWritten>(m: &mut M) -> u64 {
    while step_hand(black_box(&mut *m)) {}
    m.output()
}

/// The interface of the hand-written state machines.
pub trait HandWritten {
    /// Runs to the next suspension: `true` when suspended, `false` when done.
    fn resume(&mut self) -> bool;
    /// The result, once done.
    fn output(&self) -> u64;
}

/// A stack for corosensei coroutines, reused from one run to the next as a
/// user pooling stacks would (a fresh stack is an `mmap` and a `munmap`;
/// `create_destroy` measures that separately).
pub struct StackPool(std::cell::Cell<Option<corosensei::stack::DefaultStack>>);

impl Default for StackPool {
    fn default() -> Self {
        Self::new()
    }
}

impl StackPool {
    pub fn new() -> Self {
        StackPool(std::cell::Cell::new(Some(
            corosensei::stack::DefaultStack::new(64 * 1024).expect("stack"),
        )))
    }

    /// Runs `f` on a coroutine built on the pooled stack, and takes the
    /// stack back once `f` has driven it to completion.
    pub fn with<R: 'static, T>(
        &self,
        body: impl FnOnce(&corosensei::Yielder<(), ()>, ()) -> R + 'static,
        f: impl FnOnce(&mut corosensei::Coroutine<(), (), R>) -> T,
    ) -> T {
        let stack = self.0.take().expect("one coroutine at a time");
        let mut c = corosensei::Coroutine::with_stack(stack, body);
        let out = f(&mut c);
        self.0.set(Some(c.into_stack()));
        out
    }

    /// Builds a coroutine on the pooled stack, passes it to `f`, and drops
    /// it (unwinding it if it started); the stack goes back to the pool.
    pub fn with_dropped<R: 'static>(
        &self,
        body: impl FnOnce(&corosensei::Yielder<(), ()>, ()) -> R + 'static,
        f: impl FnOnce(&mut corosensei::Coroutine<(), (), R>),
    ) {
        let stack = self.0.take().expect("one coroutine at a time");
        let mut c = corosensei::Coroutine::with_stack(stack, body);
        f(&mut c);
        c.force_unwind();
        self.0.set(Some(c.into_stack()));
    }
}

// ----------------------------------------------------------- entry points

// One function per contender and workload, never inlined, so that the
// benchmarks measure the same code one can read in the bench binary
// (`objdump -d` of these symbols and of the `step_*` functions; see
// docs/benchmarks.md, "What a resume does").

/// `counter(n)` written by hand, created, driven and dropped.
#[inline(never)]
pub fn run_counter_hand(n: u64) -> u64 {
    drive_hand(&mut HandCounter::new(n))
}

/// `counter(n)` with `#[coroutine]`, pinned on the stack.
#[inline(never)]
pub fn run_counter_coro(n: u64) -> u64 {
    drive(std::pin::pin!(counter(n)))
}

/// `counter(n)` as an `async fn`, pinned on the stack.
#[inline(never)]
pub fn run_counter_async(n: u64) -> u64 {
    poll_to_end(std::pin::pin!(async_counter(n)))
}

/// `counter(n)` with diapause.
#[inline(never)]
pub fn run_counter_diapause(n: u64) -> u64 {
    drive_diapause(&mut diapause_counter(n))
}

/// `counter(n)` with genawaiter's `rc` flavour.
#[inline(never)]
pub fn run_counter_genawaiter_rc(n: u64) -> u64 {
    drive_genawaiter(&mut genawaiter_rc_counter(n))
}

/// `counter(n)` with genawaiter's `stack` flavour.
#[inline(never)]
pub fn run_counter_genawaiter_stack(n: u64) -> u64 {
    let mut shelf = genawaiter::stack::Shelf::new();
    // SAFETY: the `Co` moves into the producer's future, which lives in
    // `shelf` and is dropped with the generator, before `shelf`.
    let mut g =
        unsafe { genawaiter::stack::Gen::new(&mut shelf, |co| genawaiter_stack_counter(co, n)) };
    drive_genawaiter(&mut g)
}

/// `counter(n)` with corosensei, on a pooled stack.
#[inline(never)]
pub fn run_counter_corosensei(pool: &StackPool, n: u64) -> u64 {
    pool.with(corosensei_counter(n), drive_corosensei)
}

/// `live_values(n)` written by hand.
#[inline(never)]
pub fn run_live_hand(n: u64) -> u64 {
    drive_hand(&mut HandLiveValues::new(n))
}

/// `live_values(n)` with `#[coroutine]`.
#[inline(never)]
pub fn run_live_coro(n: u64) -> u64 {
    drive(std::pin::pin!(live_values(n)))
}

/// `live_values(n)` with `#[coroutine(inline)]`.
#[inline(never)]
pub fn run_live_coro_inline(n: u64) -> u64 {
    drive(std::pin::pin!(live_values_inline(n)))
}

/// `live_values(n)` as an `async fn`.
#[inline(never)]
pub fn run_live_async(n: u64) -> u64 {
    poll_to_end(std::pin::pin!(async_live_values(n)))
}

/// `live_values(n)` with diapause.
#[inline(never)]
pub fn run_live_diapause(n: u64) -> u64 {
    drive_diapause(&mut diapause_live_values(n))
}

/// `live_values(n)` with genawaiter's `rc` flavour.
#[inline(never)]
pub fn run_live_genawaiter_rc(n: u64) -> u64 {
    drive_genawaiter(&mut genawaiter_rc_live_values(n))
}

/// `live_values(n)` with genawaiter's `stack` flavour.
#[inline(never)]
pub fn run_live_genawaiter_stack(n: u64) -> u64 {
    let mut shelf = genawaiter::stack::Shelf::new();
    // SAFETY: as in `run_counter_genawaiter_stack`.
    let mut g = unsafe {
        genawaiter::stack::Gen::new(&mut shelf, |co| genawaiter_stack_live_values(co, n))
    };
    drive_genawaiter(&mut g)
}

/// `live_values(n)` with corosensei, on a pooled stack.
#[inline(never)]
pub fn run_live_corosensei(pool: &StackPool, n: u64) -> u64 {
    pool.with(corosensei_live_values(n), drive_corosensei)
}

// -------------------------------------------------------------- await depth

/// A chain of `depth` nested awaits whose innermost frame suspends `n`
/// times. The children are boxed (recursion) but owned, so they join their
/// awaiter's segment: resuming the outermost frame enters the innermost one
/// directly.
#[coro_runtime::coroutine]
pub fn nested(depth: u32, n: u32) -> u32 {
    if depth == 0 {
        for _ in 0..n {
            suspend!();
        }
        n
    } else {
        boxed(nested(depth - 1, n)).await
    }
}

/// The same chain of `async` functions: each poll goes through every level.
pub fn async_nested(depth: u32, n: u32) -> Pin<Box<dyn Future<Output = u32>>> {
    Box::pin(async move {
        if depth == 0 {
            for _ in 0..n {
                pending_once().await;
            }
            n
        } else {
            async_nested(depth - 1, n).await
        }
    })
}

// ---------------------------------------------------------------- scheduler

/// The goroutine workloads, on coro's single-threaded [`Executor`] and on
/// tokio's current-thread runtime.
///
/// [`Executor`]: coro_runtime::sched::Executor
pub mod sched {
    use coro_runtime::sched::{self, Receiver, Sender, channel};

    /// Sends the counter, gets it back one higher, adds one: `rounds` times.
    #[coro_runtime::coroutine]
    pub fn ping(rx: Receiver<u32>, tx: Sender<u32>, rounds: u32) -> u32 {
        let mut counter = 0;
        for _ in 0..rounds {
            tx.send(counter).await.expect("pong listens");
            counter = rx.recv().await.expect("pong answers") + 1;
        }
        counter
    }

    /// Answers each value with the next one, until the channel closes.
    #[coro_runtime::coroutine]
    pub fn pong(rx: Receiver<u32>, tx: Sender<u32>) {
        while let Some(n) = rx.recv().await {
            if tx.send(n + 1).await.is_err() {
                return;
            }
        }
    }

    /// Spawns `ping` and `pong` over two channels of `capacity` and waits
    /// for `ping`'s result.
    #[coro_runtime::coroutine]
    pub fn pingpong(rounds: u32, capacity: usize) -> u32 {
        let (a_tx, a_rx) = channel(capacity);
        let (b_tx, b_rx) = channel(capacity);
        let result = sched::spawn(ping(b_rx, a_tx, rounds));
        sched::spawn(pong(a_rx, b_tx));
        result.await.expect("ping returns")
    }

    /// A task that returns its argument.
    #[coro_runtime::coroutine]
    pub fn leaf(i: u64) -> u64 {
        i
    }

    /// Spawns `n` tasks, then joins them in order and sums their results.
    #[coro_runtime::coroutine]
    pub fn spawn_many(n: u64) -> u64 {
        let mut handles = Vec::with_capacity(n as usize);
        for i in 0..n {
            handles.push(sched::spawn(leaf(i)));
        }
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.expect("leaf returns");
        }
        sum
    }

    /// [`ping`] on tokio.
    pub async fn tokio_ping(
        mut rx: tokio::sync::mpsc::Receiver<u32>,
        tx: tokio::sync::mpsc::Sender<u32>,
        rounds: u32,
    ) -> u32 {
        let mut counter = 0;
        for _ in 0..rounds {
            tx.send(counter).await.expect("pong listens");
            counter = rx.recv().await.expect("pong answers") + 1;
        }
        counter
    }

    /// [`pong`] on tokio.
    pub async fn tokio_pong(
        mut rx: tokio::sync::mpsc::Receiver<u32>,
        tx: tokio::sync::mpsc::Sender<u32>,
    ) {
        while let Some(n) = rx.recv().await {
            if tx.send(n + 1).await.is_err() {
                return;
            }
        }
    }

    /// [`pingpong`] on tokio (whose channels have a capacity of at least
    /// one).
    pub async fn tokio_pingpong(rounds: u32, capacity: usize) -> u32 {
        let (a_tx, a_rx) = tokio::sync::mpsc::channel(capacity);
        let (b_tx, b_rx) = tokio::sync::mpsc::channel(capacity);
        let result = tokio::spawn(tokio_ping(b_rx, a_tx, rounds));
        tokio::spawn(tokio_pong(a_rx, b_tx));
        result.await.expect("ping returns")
    }

    /// [`spawn_many`] on tokio.
    pub async fn tokio_spawn_many(n: u64) -> u64 {
        let mut handles = Vec::with_capacity(n as usize);
        for i in 0..n {
            handles.push(tokio::spawn(async move { i }));
        }
        let mut sum = 0;
        for handle in handles {
            sum += handle.await.expect("leaf returns");
        }
        sum
    }

    /// A tokio current-thread runtime, as the benchmarks use it.
    pub fn tokio_runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
    }
}

// -------------------------------------------------------------- interleaved

/// A measurement harness for ratios: every round times each contender once,
/// in an order that rotates from round to round, and the table reports the
/// median over the rounds of each contender's time and of its ratio to the
/// baseline *in the same round*. Drift (frequency, other load) hits all
/// contenders of a round alike, so the ratios stay put when absolute times
/// wander (../shared/spec/benchmarking.md).
pub mod interleaved {
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    /// One contender: a name, and one run of the workload, which does
    /// `items` resumes.
    pub struct Contender<'a> {
        pub name: &'static str,
        pub run: Box<dyn FnMut() -> u64 + 'a>,
    }

    impl<'a> Contender<'a> {
        pub fn new(name: &'static str, run: impl FnMut() -> u64 + 'a) -> Self {
            Contender {
                name,
                run: Box::new(run),
            }
        }
    }

    /// The result of one contender.
    pub struct Row {
        pub name: &'static str,
        /// Median nanoseconds per item.
        pub ns: f64,
        /// Median, first and third quartile of the per-round ratio to the
        /// baseline.
        pub ratio: (f64, f64, f64),
    }

    fn quantile(sorted: &[f64], q: f64) -> f64 {
        let i = ((sorted.len() - 1) as f64 * q).round() as usize;
        sorted[i]
    }

    /// Runs `rounds` rounds; the first contender is the baseline. Each
    /// timing repeats the run enough times to last about `sample`.
    pub fn measure(
        contenders: &mut [Contender<'_>],
        items: u64,
        rounds: usize,
        sample: Duration,
    ) -> Vec<Row> {
        // Calibrate (and warm up): how many runs make one sample.
        let reps: Vec<u32> = contenders
            .iter_mut()
            .map(|c| {
                let start = Instant::now();
                let mut n = 0u32;
                while start.elapsed() < sample {
                    black_box((c.run)());
                    n += 1;
                }
                n.max(1)
            })
            .collect();
        let k = contenders.len();
        let mut ns = vec![Vec::with_capacity(rounds); k];
        for round in 0..rounds {
            for j in 0..k {
                let i = (j + round) % k;
                let c = &mut contenders[i];
                let start = Instant::now();
                for _ in 0..reps[i] {
                    black_box((c.run)());
                }
                let elapsed = start.elapsed().as_nanos() as f64;
                ns[i].push(elapsed / f64::from(reps[i]) / items as f64);
            }
        }
        let base = ns[0].clone();
        contenders
            .iter()
            .zip(ns)
            .map(|(c, times)| {
                let mut ratios: Vec<f64> = times.iter().zip(&base).map(|(t, b)| t / b).collect();
                ratios.sort_by(f64::total_cmp);
                let mut sorted = times;
                sorted.sort_by(f64::total_cmp);
                Row {
                    name: c.name,
                    ns: quantile(&sorted, 0.5),
                    ratio: (
                        quantile(&ratios, 0.5),
                        quantile(&ratios, 0.25),
                        quantile(&ratios, 0.75),
                    ),
                }
            })
            .collect()
    }

    /// Prints the rows as a Markdown table.
    pub fn print(title: &str, rows: &[Row]) {
        println!("\n{title}\n");
        println!(
            "| contender | ns per resume (median) | ratio to {} (median) | ratio, quartiles |",
            rows[0].name
        );
        println!("|---|---:|---:|---:|");
        for r in rows {
            println!(
                "| {} | {:.2} | {:.2} | {:.2} – {:.2} |",
                r.name, r.ns, r.ratio.0, r.ratio.1, r.ratio.2
            );
        }
    }
}

/// The generator workload of `benches/ratios.rs`: the values `f(i)` for `i`
/// in `0..n`, handed out one at a time and summed by a `for` loop, through
/// each library's `Iterator`.
pub mod generators {
    use std::hint::black_box;
    use std::pin::pin;

    use coro_runtime::suspend;

    /// The value handed out at step `i`.
    #[inline(always)]
    pub fn f(i: u64) -> u64 {
        i.wrapping_mul(3) ^ (i >> 2)
    }

    /// The consumer: the same loop for every contender (public for the
    /// nightly bench's contender).
    #[inline(always)]
    pub fn sum(values: impl Iterator<Item = u64>) -> u64 {
        let mut total = 0u64;
        for x in values {
            total = total.wrapping_add(black_box(x));
        }
        total
    }

    /// Written by hand: the state is `i`.
    pub struct Hand {
        i: u64,
        n: u64,
    }

    impl Iterator for Hand {
        type Item = u64;

        #[inline]
        fn next(&mut self) -> Option<u64> {
            if self.i == self.n {
                return None;
            }
            let v = f(self.i);
            self.i += 1;
            Some(v)
        }
    }

    #[coro_runtime::coroutine(yield = u64)]
    fn values(n: u64) {
        for i in 0..n {
            suspend!(f(i));
        }
    }

    async fn genawaiter_values(co: genawaiter::stack::Co<'_, u64>, n: u64) {
        for i in 0..n {
            co.yield_(f(i)).await;
        }
    }

    /// `values(n)` handed out through `depth` generators delegating to
    /// each other (`yield_from!`), boxed below the first.
    #[coro_runtime::coroutine(yield = u64)]
    fn delegating(depth: u32, n: u64) {
        if depth == 0 {
            coro_runtime::yield_from!(values(n));
        } else {
            coro_runtime::yield_from!(coro_runtime::boxed_generator(delegating(depth - 1, n)));
        }
    }

    /// The sum of `values(n)` through `depth` delegations.
    #[inline(never)]
    pub fn run_delegated(depth: u32, n: u64) -> u64 {
        sum(coro_runtime::iter(pin!(delegating(depth, n))))
    }

    #[inline(never)]
    pub fn run_hand(n: u64) -> u64 {
        sum(Hand { i: 0, n })
    }

    #[inline(never)]
    pub fn run_from_fn(n: u64) -> u64 {
        let mut i = 0;
        sum(std::iter::from_fn(move || {
            (i < n).then(|| {
                let v = f(i);
                i += 1;
                v
            })
        }))
    }

    #[inline(never)]
    pub fn run_coro(n: u64) -> u64 {
        sum(coro_runtime::iter(pin!(values(n))))
    }

    #[inline(never)]
    pub fn run_genawaiter_stack(n: u64) -> u64 {
        let mut shelf = genawaiter::stack::Shelf::new();
        // SAFETY: the `Co` moves into the producer's future, which lives in
        // `shelf` and is dropped with the generator, before `shelf`.
        let g = unsafe { genawaiter::stack::Gen::new(&mut shelf, |co| genawaiter_values(co, n)) };
        sum(g.into_iter())
    }

    #[inline(never)]
    pub fn run_genawaiter_rc(n: u64) -> u64 {
        let g = genawaiter::rc::Gen::new(move |co| async move {
            for i in 0..n {
                co.yield_(f(i)).await;
            }
        });
        sum(g.into_iter())
    }
}
