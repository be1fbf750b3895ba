//! Tasks: the waker that reschedules one, the join handle, and the body
//! that runs a spawned coroutine and hands its output to the handle.

use core::fmt;
use core::pin::Pin;
use core::task::Waker;

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::task::Wake;
use alloc::vec::Vec;

use super::cx;
use super::lock::Lock;
use super::sink::{JoinError, Sink};
use crate::sync::sched::{AtomicBool, AtomicU8, Ordering};
use crate::{Coroutine, Status};

/// Task states, in `TaskHeader::state`.
pub(crate) mod state {
    /// Waits to be woken.
    pub const IDLE: u8 = 0;
    /// In the run queue.
    pub const QUEUED: u8 = 1;
    /// Being resumed.
    pub const RUNNING: u8 = 2;
    /// Woken while being resumed: goes back to the queue after.
    pub const NOTIFIED: u8 = 3;
    /// Finished.
    pub const DONE: u8 = 4;
}

/// The queue of tasks ready to run, shared by an executor's threads and
/// the wakers of its tasks.
pub(crate) struct RunQueue {
    pub(crate) ids: Lock<VecDeque<usize>>,
    /// Where idle workers of a threaded executor sleep (none for the
    /// single-threaded one: nobody sleeps).
    #[cfg(feature = "std")]
    pub(crate) parker: Option<super::park::Parker>,
}

impl RunQueue {
    pub(crate) fn new() -> Self {
        RunQueue {
            ids: Lock::new(VecDeque::new()),
            #[cfg(feature = "std")]
            parker: None,
        }
    }

    #[cfg(feature = "std")]
    pub(crate) fn with_parker() -> Self {
        RunQueue {
            ids: Lock::new(VecDeque::new()),
            parker: Some(super::park::Parker::new()),
        }
    }

    #[inline]
    pub(crate) fn push(&self, id: usize) {
        self.ids.lock().push_back(id);
        #[cfg(feature = "std")]
        if let Some(parker) = &self.parker {
            parker.notify();
        }
    }
}

/// What a task's waker points to.
pub(crate) struct TaskHeader {
    pub(crate) id: usize,
    pub(crate) state: AtomicU8,
    pub(crate) queue: Arc<RunQueue>,
}

impl TaskHeader {
    /// Puts the task in the run queue unless it is there, running (then it
    /// goes back after), or done.
    #[inline]
    fn schedule(&self) {
        let mut current = self.state.load(Ordering::Acquire);
        loop {
            let next = match current {
                state::IDLE => state::QUEUED,
                state::RUNNING => state::NOTIFIED,
                _ => return,
            };
            match self.state.compare_exchange_weak(
                current,
                next,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => {
                    if next == state::QUEUED {
                        self.queue.push(self.id);
                    }
                    return;
                }
                Err(now) => current = now,
            }
        }
    }

    /// After a resume that suspended: back to the queue if the task only
    /// yielded or was woken meanwhile, else waits. Returns whether it was
    /// queued.
    pub(crate) fn suspended(&self, waits: bool) -> bool {
        if waits
            && self
                .state
                .compare_exchange(
                    state::RUNNING,
                    state::IDLE,
                    Ordering::AcqRel,
                    Ordering::Acquire,
                )
                .is_ok()
        {
            return false;
        }
        self.state.store(state::QUEUED, Ordering::Release);
        self.queue.push(self.id);
        true
    }
}

impl Wake for TaskHeader {
    fn wake(self: Arc<Self>) {
        self.schedule();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.schedule();
    }
}

struct JoinInner<T> {
    result: Option<Result<T, JoinError>>,
    done: bool,
    waker: Option<Waker>,
    /// The task's own waker (see `Sink::attach`), for `abort`.
    task: Option<Waker>,
    #[cfg(feature = "std")]
    thread: Option<std::thread::Thread>,
}

/// Where a task's result goes; shared by the task and its handle.
pub(crate) struct JoinState<T> {
    inner: Lock<JoinInner<T>>,
    /// Set by `abort`; read before every resume of the task, so outside
    /// the lock. The wake that follows it orders it before that resume.
    aborted: AtomicBool,
    /// `inner.done`, readable without the lock (`block_on` asks after
    /// every task it runs); stored after it, under the lock.
    done: AtomicBool,
}

impl<T> JoinState<T> {
    fn new() -> Self {
        JoinState {
            inner: Lock::new(JoinInner {
                result: None,
                done: false,
                waker: None,
                task: None,
                #[cfg(feature = "std")]
                thread: None,
            }),
            aborted: AtomicBool::new(false),
            done: AtomicBool::new(false),
        }
    }

    fn complete(&self, result: Result<T, JoinError>) {
        let mut inner = self.inner.lock();
        if inner.done {
            return;
        }
        inner.result = Some(result);
        inner.done = true;
        self.done.store(true, Ordering::Release);
        let waker = inner.waker.take();
        #[cfg(feature = "std")]
        let thread = inner.thread.take();
        drop(inner);
        if let Some(w) = waker {
            w.wake();
        }
        #[cfg(feature = "std")]
        if let Some(t) = thread {
            t.unpark();
        }
    }
}

impl<T> Sink for JoinState<T> {
    fn fail(&self, error: JoinError) {
        self.complete(Err(error));
    }

    fn attach(&self, task: Waker) {
        self.inner.lock().task = Some(task);
    }

    fn aborted(&self) -> bool {
        self.aborted.load(Ordering::Acquire)
    }
}

/// A spawned task's handle: await it (it is a [`Coroutine`]) for the
/// task's result, or read it from outside with [`try_take`](Self::try_take)
/// or [`wait`](Self::wait). Dropping it detaches the task, which runs on.
pub struct JoinHandle<T> {
    state: Arc<JoinState<T>>,
    output: Option<Result<T, JoinError>>,
    finished: bool,
}

impl<T> JoinHandle<T> {
    /// Cancels the task: it is not resumed again, its frame is dropped (its
    /// values, and the operations it waits in, which give back what they
    /// hold, as when its executor is dropped), and the handle reports
    /// `Err(JoinError::Cancelled)`. A task that is running finishes its
    /// current resume first, up to its next suspension point; one that has
    /// finished keeps its result. Any thread may call it.
    ///
    /// ```
    /// use coro_runtime::sched::{channel, Executor, JoinError, Receiver};
    ///
    /// #[coro_runtime::coroutine]
    /// fn wait_forever(rx: Receiver<u32>) -> u32 {
    ///     rx.recv().await.unwrap_or(0)
    /// }
    ///
    /// let ex = Executor::new();
    /// let (_tx, rx) = channel(0);
    /// let h = ex.spawn(wait_forever(rx));
    /// let _ = ex.run(); // a deadlock: nobody sends
    /// h.abort();
    /// ex.run().unwrap();
    /// assert_eq!(h.try_take(), Some(Err(JoinError::Cancelled)));
    /// ```
    pub fn abort(&self) {
        let task = {
            let inner = self.state.inner.lock();
            if inner.done {
                return;
            }
            self.state.aborted.store(true, Ordering::Release);
            inner.task.clone()
        };
        if let Some(task) = task {
            task.wake();
        }
    }

    /// The result, if the task has finished and it was not taken yet.
    pub fn try_take(&self) -> Option<Result<T, JoinError>> {
        self.state.inner.lock().result.take()
    }

    /// Whether the task has finished.
    pub fn is_finished(&self) -> bool {
        self.state.done.load(Ordering::Acquire)
    }

    /// Blocks this thread until the task finishes (for tasks run by a
    /// [`ThreadedExecutor`](super::ThreadedExecutor) on other threads), or
    /// until its executor is dropped (`Err(JoinError::Cancelled)`).
    ///
    /// A task of a deadlocked executor does not finish by itself: when
    /// `run()` returns `Err(Deadlock)` the executor keeps its tasks (a
    /// wake-up from outside may still end the deadlock), and a thread
    /// waiting here waits on. Drop the executor to release it.
    ///
    /// # Panics
    ///
    /// If the result was already taken.
    #[cfg(feature = "std")]
    pub fn wait(self) -> Result<T, JoinError> {
        loop {
            {
                let mut inner = self.state.inner.lock();
                if inner.done {
                    return inner.result.take().expect("the result was already taken");
                }
                inner.thread = Some(std::thread::current());
            }
            std::thread::park();
        }
    }
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("finished", &self.is_finished())
            .finish()
    }
}

impl<T> Coroutine for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: nothing in a join handle is pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.finished {
            return Status::Returned;
        }
        let mut inner = this.state.inner.lock();
        if inner.done {
            this.output = Some(inner.result.take().unwrap_or(Err(JoinError::Cancelled)));
            this.finished = true;
            return Status::Returned;
        }
        inner.waker = Some(cx::waker_for("join"));
        Status::Suspended
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Self::Output> {
        // SAFETY: nothing is pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.finished
    }
}

/// Runs a spawned coroutine and gives its output to the join handle.
pub(crate) struct TaskBody<C: Coroutine> {
    coroutine: C,
    state: Arc<JoinState<C::Output>>,
}

impl<C: Coroutine> Coroutine for TaskBody<C> {
    type Output = ();

    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: `coroutine` is a pinned projection, never moved.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: as above.
        let mut c = unsafe { Pin::new_unchecked(&mut this.coroutine) };
        let status = c.as_mut().resume();
        if status == Status::Returned {
            if let Some(out) = c.take_output() {
                this.state.complete(Ok(out));
            }
        }
        status
    }

    fn take_output(self: Pin<&mut Self>) -> Option<()> {
        self.coroutine.is_returned().then_some(())
    }

    fn is_returned(&self) -> bool {
        self.coroutine.is_returned()
    }
}

/// A spawned coroutine: its body, the sink its executor reports a panic
/// to, and the handle for its result.
pub(crate) type Spawned<C> = (
    TaskBody<C>,
    Arc<JoinState<<C as Coroutine>::Output>>,
    JoinHandle<<C as Coroutine>::Output>,
);

/// Prepares a spawned coroutine (see [`Spawned`]).
pub(crate) fn task<C: Coroutine>(coroutine: C) -> Spawned<C> {
    let state = Arc::new(JoinState::new());
    (
        TaskBody {
            coroutine,
            state: state.clone(),
        },
        state.clone(),
        JoinHandle {
            state,
            output: None,
            finished: false,
        },
    )
}

/// The message of a caught panic.
#[cfg(feature = "std")]
pub(crate) fn panic_message(payload: &(dyn core::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        String::from(*s)
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        String::from("(a panic payload that is not a string)")
    }
}

/// Every task was waiting and nothing could wake one: Go's "all goroutines
/// are asleep - deadlock!".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadlock {
    /// The tasks that wait, in spawn order.
    pub blocked: Vec<BlockedTask>,
}

/// A task found waiting in a deadlock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockedTask {
    /// The task's name (`spawn_named`), or `task N`.
    pub name: String,
    /// What it waits for: `recv`, `send`, `select`, `mutex lock`, `wait
    /// group`, `join`, `sleep`, ...
    pub waiting_on: &'static str,
}

impl fmt::Display for Deadlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("all tasks are asleep (deadlock):")?;
        for (i, t) in self.blocked.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            write!(f, "{sep}{} ({})", t.name, t.waiting_on)?;
        }
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Deadlock {}

/// The name of a task spawned without one: `task N`. Written without
/// `core::fmt`, which this alone brought into the `no_std` ping-pong
/// module of scripts/wasm.sh: 3.1 KB of its 29.6.
fn unnamed(id: usize) -> String {
    fn push_decimal(name: &mut String, n: usize) {
        if n >= 10 {
            push_decimal(name, n / 10);
        }
        name.push(char::from(b'0' + (n % 10) as u8));
    }
    let mut name = String::from("task ");
    push_decimal(&mut name, id);
    name
}

/// The executor's task list: bodies (`None` while one runs), names, sinks
/// (`S`: `dyn Sink`, with `Send + Sync` for executors with threads).
pub(crate) struct Slab<B, S: ?Sized> {
    entries: Vec<Option<Entry<B, S>>>,
    free: Vec<usize>,
    live: usize,
}

pub(crate) struct Entry<B, S: ?Sized> {
    pub(crate) body: Option<B>,
    pub(crate) header: Arc<TaskHeader>,
    pub(crate) name: Option<String>,
    pub(crate) sink: Arc<S>,
    pub(crate) waiting_on: &'static str,
}

impl<B, S: Sink + ?Sized> Slab<B, S> {
    pub(crate) const fn new() -> Self {
        Slab {
            entries: Vec::new(),
            free: Vec::new(),
            live: 0,
        }
    }

    pub(crate) fn live(&self) -> usize {
        self.live
    }

    /// Adds a task; returns its header (queued).
    pub(crate) fn insert(
        &mut self,
        queue: &Arc<RunQueue>,
        name: Option<String>,
        body: B,
        sink: Arc<S>,
    ) -> Arc<TaskHeader> {
        let id = self.free.pop().unwrap_or(self.entries.len());
        let header = Arc::new(TaskHeader {
            id,
            state: AtomicU8::new(state::QUEUED),
            queue: queue.clone(),
        });
        sink.attach(Waker::from(header.clone()));
        let entry = Entry {
            body: Some(body),
            header: header.clone(),
            name,
            sink,
            waiting_on: "",
        };
        if id == self.entries.len() {
            self.entries.push(Some(entry));
        } else {
            self.entries[id] = Some(entry);
        }
        self.live += 1;
        header
    }

    pub(crate) fn get_mut(&mut self, id: usize) -> Option<&mut Entry<B, S>> {
        self.entries.get_mut(id).and_then(Option::as_mut)
    }

    pub(crate) fn remove(&mut self, id: usize) -> Option<Entry<B, S>> {
        let entry = self.entries.get_mut(id)?.take()?;
        self.free.push(id);
        self.live -= 1;
        Some(entry)
    }

    /// The waiting tasks, for a deadlock report.
    pub(crate) fn blocked(&self) -> Deadlock {
        Deadlock {
            blocked: self
                .entries
                .iter()
                .flatten()
                .map(|e| BlockedTask {
                    name: e.name.clone().unwrap_or_else(|| unnamed(e.header.id)),
                    waiting_on: if e.waiting_on.is_empty() {
                        "a wake-up"
                    } else {
                        e.waiting_on
                    },
                })
                .collect(),
        }
    }

    /// Removes every task.
    pub(crate) fn drain(&mut self) -> Vec<Entry<B, S>> {
        self.live = 0;
        self.free.clear();
        self.entries.drain(..).flatten().collect()
    }
}

/// An executor's task table, behind whatever gives access to it (a
/// `RefCell` for the single-threaded executor, a `Lock` for the threaded
/// one): what [`run`] and [`cancel_all`] need.
pub(crate) trait Tasks<B, S: ?Sized> {
    fn with<R>(&self, f: impl FnOnce(&mut Slab<B, S>) -> R) -> R;
}

impl<B, S: ?Sized> Tasks<B, S> for core::cell::RefCell<Slab<B, S>> {
    fn with<R>(&self, f: impl FnOnce(&mut Slab<B, S>) -> R) -> R {
        f(&mut self.borrow_mut())
    }
}

impl<B, S: ?Sized> Tasks<B, S> for Lock<Slab<B, S>> {
    fn with<R>(&self, f: impl FnOnce(&mut Slab<B, S>) -> R) -> R {
        f(&mut self.lock())
    }
}

/// Runs task `id` once, if it is there and not running: resumes its body
/// (with the table unlocked), then puts the body back, or removes the
/// finished task, reporting a panic to its handle and dropping its frame
/// inside a context of `sched`.
pub(crate) fn run<B, S>(id: usize, tasks: &impl Tasks<Pin<B>, S>, sched: &dyn cx::Sched)
where
    B: core::ops::DerefMut,
    B::Target: Coroutine<Output = ()>,
    S: Sink + ?Sized,
{
    let taken = tasks.with(|tasks| {
        let entry = tasks.get_mut(id)?;
        let body = entry.body.take()?;
        Some((body, entry.header.clone(), entry.sink.aborted()))
    });
    let Some((mut body, header, aborted)) = taken else {
        return;
    };
    // The run's waker owns the run's reference to the header: one
    // reference count taken and dropped per run, not two.
    let header_ptr = Arc::as_ptr(&header);
    let waker = Waker::from(header);
    // SAFETY: `waker` keeps the header alive (`Waker::from` takes over the
    // `Arc`'s count) until it drops, at the end of this function.
    let header = unsafe { &*header_ptr };
    if aborted {
        header.state.store(state::DONE, Ordering::Release);
        let entry = tasks.with(|tasks| tasks.remove(id));
        if let Some(entry) = &entry {
            entry.sink.fail(JoinError::Cancelled);
        }
        cx::in_context(sched, || drop((body, entry)));
        return;
    }
    match resume_task(&mut body, header, &waker, sched) {
        Outcome::Suspended { waits, waiting_on } => {
            tasks.with(|tasks| {
                let entry = tasks.get_mut(id).expect("a suspended task stays");
                entry.body = Some(body);
                entry.waiting_on = waiting_on;
            });
            header.suspended(waits);
        }
        outcome => {
            header.state.store(state::DONE, Ordering::Release);
            let entry = tasks.with(|tasks| tasks.remove(id));
            if let (Outcome::Panicked(message), Some(entry)) = (outcome, &entry) {
                entry.sink.fail(JoinError::Panicked(message));
            }
            // The body's drop may unlink waiters: inside a context.
            cx::in_context(sched, || drop((body, entry)));
        }
    }
}

/// Drops every task of an executor that goes away: each handle reports
/// `Cancelled`, then the frame is dropped, inside a context of `sched`.
pub(crate) fn cancel_all<B, S>(tasks: &impl Tasks<B, S>, sched: &dyn cx::Sched)
where
    S: Sink + ?Sized,
{
    let entries = tasks.with(Slab::drain);
    cx::in_context(sched, || {
        for entry in entries {
            entry.sink.fail(JoinError::Cancelled);
            drop(entry);
        }
    });
}

/// What one resume of a task ended with.
pub(crate) enum Outcome {
    Returned,
    Suspended {
        waits: bool,
        waiting_on: &'static str,
    },
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    Panicked(String),
}

/// Resumes a task's body once, inside a context for `sched`, catching a
/// panic (with `std`).
pub(crate) fn resume_task<B>(
    body: &mut Pin<B>,
    header: &TaskHeader,
    waker: &Waker,
    sched: &dyn cx::Sched,
) -> Outcome
where
    B: core::ops::DerefMut,
    B::Target: Coroutine<Output = ()>,
{
    header.state.store(state::RUNNING, Ordering::Release);
    let cx = cx::Cx::new(waker, Some(sched));
    #[cfg(feature = "std")]
    let status = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        cx::enter(&cx, || body.as_mut().resume())
    })) {
        Ok(status) => status,
        Err(payload) => return Outcome::Panicked(panic_message(&*payload)),
    };
    #[cfg(not(feature = "std"))]
    let status = cx::enter(&cx, || body.as_mut().resume());
    match status {
        Status::Returned => Outcome::Returned,
        Status::Suspended => Outcome::Suspended {
            waits: cx.registered.get(),
            waiting_on: cx.blocked_on.get(),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn unnamed_tasks_are_named_by_their_index() {
        assert_eq!(super::unnamed(0), "task 0");
        assert_eq!(super::unnamed(7), "task 7");
        assert_eq!(super::unnamed(1_234_567), "task 1234567");
        assert_eq!(
            super::unnamed(usize::MAX),
            alloc::format!("task {}", usize::MAX)
        );
    }
}
