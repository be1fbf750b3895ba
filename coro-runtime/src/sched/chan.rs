//! Channels with Go's semantics: unbuffered (a rendezvous) or buffered,
//! several senders and receivers, `close`.
//!
//! A blocked operation waits in a node inside itself ([`Waiter`]), linked
//! into the channel's list of waiting senders or receivers: no allocation
//! per blocking operation. Whoever completes a waiter (a receiver taking
//! from a waiting sender, a sender handing to a waiting receiver, `close`)
//! does so under the channel's lock, hands the value over directly and
//! wakes the waiting task.

use core::cell::Cell;
use core::fmt;
use core::marker::PhantomPinned;
use core::pin::Pin;
use core::task::Waker;

use alloc::collections::VecDeque;
use alloc::sync::Arc;

use super::claim::{SelectShared, claim};
use super::cx;
use super::list::{Links, List};
use super::lock::Lock;
use super::select::{Case, Sealed};
use crate::sync::sched::{
    AtomicU8,
    Ordering::{Acquire, Relaxed, Release},
    UnsafeCell,
};
use crate::{Coroutine, Status};

const IDLE: u8 = 0;
const WAITING: u8 = 1;
const DONE: u8 = 2;
const CLOSED: u8 = 3;

/// A waiting operation's node. `repr(C)` with the links first (see
/// `list.rs`). Every field is read and written under the channel's lock,
/// until a counterpart completes it: the completer's last access is the
/// `Release` store of `DONE` or `CLOSED` (see [`Waiter::complete`]), after
/// which the node is its operation's alone, and the operation, having read
/// that state with `Acquire`, reads the slot without the lock.
#[repr(C)]
struct Waiter<T> {
    links: Links,
    /// `IDLE` until its operation links it (under the lock), then
    /// `WAITING`, then what completed it (under the lock, from any
    /// thread, with `Release`). Atomic because the operation reads it
    /// without the lock: `IDLE` means it was never linked (only the
    /// operation stores `WAITING`), `DONE` or `CLOSED` (read with
    /// `Acquire`) that the completer is done with the node.
    state: AtomicU8,
    /// A waiting sender's value; the value handed to a waiting receiver.
    slot: UnsafeCell<Option<T>>,
    waker: UnsafeCell<Option<Waker>>,
    select: Cell<*const SelectShared>,
    case: Cell<usize>,
    _pin: PhantomPinned,
}

// SAFETY: every field is accessed under the channel's lock (the select
// pointer names a `SelectShared`, whose word is atomic): the waiter may be
// owned by a task on any thread, like its value.
unsafe impl<T: Send> Send for Waiter<T> {}

impl<T> Waiter<T> {
    fn new() -> Self {
        Waiter {
            links: Links::new(),
            state: AtomicU8::new(IDLE),
            slot: UnsafeCell::new(None),
            waker: UnsafeCell::new(None),
            select: Cell::new(core::ptr::null()),
            case: Cell::new(0),
            _pin: PhantomPinned,
        }
    }

    /// Replaces the waker, unless the waiter was completed (which took it).
    ///
    /// # Safety
    ///
    /// Under the channel's lock.
    unsafe fn rewake(&self, waker: &Waker) {
        // SAFETY: under the lock, which guards the waker.
        let slot = unsafe { &mut *self.waker.get() };
        if slot.is_some() {
            *slot = Some(waker.clone());
        }
    }

    /// Marks the waiter `state` (`DONE` or `CLOSED`) and wakes its task.
    /// The store is the last access to the node: from it on, the
    /// operation may read the node without the lock, and free it.
    ///
    /// # Safety
    ///
    /// Under the channel's lock, after the waiter was claimed (unlinked).
    unsafe fn complete(&self, state: u8) {
        // SAFETY: under the lock, which guards the waker.
        let waker = unsafe { (*self.waker.get()).take() };
        self.state.store(state, Release);
        if let Some(waker) = waker {
            waker.wake();
        }
    }

    /// Whether a counterpart completed this waiter (`DONE` or `CLOSED`):
    /// then it is the operation's alone, lock or no lock (see
    /// [`complete`](Self::complete)).
    fn completed(&self) -> bool {
        matches!(self.state.load(Acquire), DONE | CLOSED)
    }
}

struct State<T> {
    buf: VecDeque<T>,
    cap: usize,
    closed: bool,
    senders: List,
    receivers: List,
    /// Live `Sender`s: the channel closes when the last one goes.
    senders_alive: usize,
}

// SAFETY: the lists link nodes owned by operations on any thread; they
// are only touched under the channel's lock. The values are `Send`.
unsafe impl<T: Send> Send for State<T> {}

impl<T> State<T> {
    /// Pops the first waiter of `list` that can be completed, claiming it
    /// (a waiter whose select already completed another case is dropped
    /// from the list and skipped).
    ///
    /// # Safety
    ///
    /// Under the lock; `list` is one of this channel's lists, of
    /// `Waiter<T>` nodes.
    unsafe fn pop_live(list: &mut List) -> Option<&Waiter<T>> {
        while let Some(node) = list.pop_front() {
            // SAFETY: the list holds live `Waiter<T>`s (links first).
            let w = unsafe { &*(node as *const Waiter<T>) };
            // SAFETY: a registered select outlives its waiters.
            if unsafe { claim(w.select.get(), w.case.get()) } {
                return Some(w);
            }
        }
        None
    }

    /// Sends without waiting.
    fn try_send(&mut self, value: T) -> Result<(), TrySendError<T>> {
        if self.closed {
            return Err(TrySendError::Closed(value));
        }
        // SAFETY: under the lock (`&mut self`), the receivers list.
        if let Some(r) = unsafe { Self::pop_live(&mut self.receivers) } {
            // SAFETY: as above; the slot belongs to the claimed waiter.
            unsafe {
                *r.slot.get() = Some(value);
                r.complete(DONE);
            }
            return Ok(());
        }
        if self.buf.len() < self.cap {
            self.buf.push_back(value);
            return Ok(());
        }
        Err(TrySendError::Full(value))
    }

    /// Receives without waiting.
    fn try_recv(&mut self) -> Result<T, TryRecvError> {
        if let Some(value) = self.buf.pop_front() {
            // A sender waiting on the full buffer moves its value in (not
            // above capacity: a value put back by `redeliver` may have
            // made the buffer longer, or an unbuffered channel buffer one).
            let waiting = if self.buf.len() < self.cap {
                // SAFETY: under the lock, the senders list.
                unsafe { Self::pop_live(&mut self.senders) }
            } else {
                None
            };
            if let Some(s) = waiting {
                // SAFETY: the claimed waiter's slot holds its value.
                if let Some(v) = unsafe { (*s.slot.get()).take() } {
                    self.buf.push_back(v);
                }
                // SAFETY: claimed, under the lock.
                unsafe { s.complete(DONE) };
            }
            return Ok(value);
        }
        // SAFETY: as above.
        if let Some(s) = unsafe { Self::pop_live(&mut self.senders) } {
            // SAFETY: as above.
            let value =
                unsafe { (*s.slot.get()).take() }.expect("a waiting sender holds its value");
            // SAFETY: as above.
            unsafe { s.complete(DONE) };
            return Ok(value);
        }
        if self.closed {
            Err(TryRecvError::Closed)
        } else {
            Err(TryRecvError::Empty)
        }
    }

    /// The waiting receivers (`receivers`) or senders.
    fn waiters(&mut self, receivers: bool) -> &mut List {
        if receivers {
            &mut self.receivers
        } else {
            &mut self.senders
        }
    }

    /// Puts back a value that a receive was handed but never took (it was
    /// cancelled after a sender completed it, and that sender was told the
    /// value was sent): to the next waiting receiver, or at the front of
    /// the buffer, even past capacity. So a value is received exactly once
    /// if anyone receives again.
    fn redeliver(&mut self, value: T) {
        // SAFETY: under the lock (`&mut self`), the receivers list.
        if let Some(r) = unsafe { Self::pop_live(&mut self.receivers) } {
            // SAFETY: as above; the slot belongs to the claimed waiter.
            unsafe {
                *r.slot.get() = Some(value);
                r.complete(DONE);
            }
            return;
        }
        self.buf.push_front(value);
    }

    fn close(&mut self) {
        self.closed = true;
        for list in [&mut self.receivers, &mut self.senders] {
            // SAFETY: under the lock, this channel's lists; a claimed
            // waiter is completed as closed (a sender keeps its value).
            while let Some(w) = unsafe { Self::pop_live(list) } {
                // SAFETY: as above.
                unsafe { w.complete(CLOSED) };
            }
        }
    }
}

struct Chan<T> {
    state: Lock<State<T>>,
}

/// Creates a channel. `capacity` 0 makes it unbuffered: a send waits until
/// a receiver takes the value (a rendezvous). Otherwise up to `capacity`
/// values wait in the channel.
///
/// The channel closes when [`Sender::close`] is called or the last
/// `Sender` is dropped: receivers then drain what is buffered and get
/// `None`; a send fails with [`SendError`].
///
/// ```
/// use coro_runtime::sched::{channel, spawn, Executor, Receiver, Sender};
///
/// #[coro_runtime::coroutine]
/// fn produce(tx: Sender<u32>) {
///     for i in 1..=3 {
///         tx.send(i).await.unwrap();
///     }
/// } // the last sender goes: the channel closes
///
/// #[coro_runtime::coroutine]
/// fn consume(rx: Receiver<u32>) -> u32 {
///     let mut sum = 0;
///     while let Some(v) = rx.recv().await {
///         sum += v;
///     }
///     sum
/// }
///
/// let mut ex = Executor::new();
/// let (tx, rx) = channel(0);
/// ex.spawn(produce(tx));
/// let total = ex.spawn(consume(rx));
/// ex.run().unwrap();
/// assert_eq!(total.try_take().unwrap().unwrap(), 6);
/// ```
pub fn channel<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {
    with_buffer(capacity, VecDeque::with_capacity(capacity))
}

/// A channel with room for `cap` values, starting with `buf`.
fn with_buffer<T>(cap: usize, buf: VecDeque<T>) -> (Sender<T>, Receiver<T>) {
    let chan = Arc::new(Chan {
        state: Lock::new(State {
            buf,
            cap,
            closed: false,
            senders: List::new(),
            receivers: List::new(),
            senders_alive: 1,
        }),
    });
    (Sender { chan: chan.clone() }, Receiver { chan })
}

/// The sending side of a channel. Clone it for several senders.
pub struct Sender<T> {
    chan: Arc<Chan<T>>,
}

/// The receiving side of a channel. Clone it for several receivers.
pub struct Receiver<T> {
    chan: Arc<Chan<T>>,
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.chan.state.lock().senders_alive += 1;
        Sender {
            chan: self.chan.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut state = self.chan.state.lock();
        state.senders_alive -= 1;
        if state.senders_alive == 0 && !state.closed {
            state.close();
        }
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Self {
        Receiver {
            chan: self.chan.clone(),
        }
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver").finish_non_exhaustive()
    }
}

/// A send on a closed channel: the value comes back.
#[derive(PartialEq, Eq, Clone, Copy)]
pub struct SendError<T>(pub T);

impl<T> fmt::Debug for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SendError(..)")
    }
}

impl<T> fmt::Display for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("send on a closed channel")
    }
}

/// Why [`Sender::try_send`] did not send.
#[derive(PartialEq, Eq, Clone, Copy)]
pub enum TrySendError<T> {
    /// No receiver waits and the buffer is full.
    Full(T),
    /// The channel is closed.
    Closed(T),
}

impl<T> fmt::Debug for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrySendError::Full(_) => f.write_str("Full(..)"),
            TrySendError::Closed(_) => f.write_str("Closed(..)"),
        }
    }
}

/// Why [`Receiver::try_recv`] did not receive.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum TryRecvError {
    /// No sender waits and the buffer is empty.
    Empty,
    /// The channel is closed and drained.
    Closed,
}

impl<T> Sender<T> {
    /// Sends `value`, waiting for room (a receiver, or space in the
    /// buffer). `Err` gives the value back if the channel is closed, also
    /// while waiting.
    pub fn send(&self, value: T) -> SendOp<'_, T> {
        SendOp {
            chan: &self.chan,
            value: Some(value),
            waiter: Waiter::new(),
            output: None,
        }
    }

    /// Sends `value` if that needs no waiting.
    pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {
        self.chan.state.lock().try_send(value)
    }

    /// Closes the channel: waiting receivers get `None`, waiting and later
    /// sends fail. Closing twice does nothing.
    pub fn close(&self) {
        self.chan.state.lock().close();
    }

    /// Whether the channel is closed.
    pub fn is_closed(&self) -> bool {
        self.chan.state.lock().closed
    }
}

impl<T> Receiver<T> {
    /// Closes the channel from the receiving side (for `oneshot`, whose
    /// sender must learn that nobody will receive).
    pub(crate) fn close_channel(&self) {
        self.chan.state.lock().close();
    }

    /// Receives a value, waiting for one; `None` once the channel is closed
    /// and drained.
    pub fn recv(&self) -> RecvOp<'_, T> {
        RecvOp {
            chan: &self.chan,
            waiter: Waiter::new(),
            output: None,
        }
    }

    /// Receives a value if that needs no waiting.
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.chan.state.lock().try_recv()
    }

    /// The number of values waiting in the buffer.
    pub fn len(&self) -> usize {
        self.chan.state.lock().buf.len()
    }

    /// Whether no value waits in the buffer.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Creates a channel without a bound on its buffer (tokio's
/// `unbounded_channel`; Go has none): [`UnboundedSender::send`] never
/// waits, and the receiving side is an ordinary [`Receiver`], so it can be
/// a `select!` case. The buffer grows as needed: a receiver that falls
/// behind costs memory, not time.
///
/// ```
/// use coro_runtime::sched::{unbounded, Executor, Receiver};
///
/// #[coro_runtime::coroutine]
/// fn total(rx: Receiver<u32>) -> u32 {
///     let mut sum = 0;
///     while let Some(v) = rx.recv().await {
///         sum += v;
///     }
///     sum
/// }
///
/// let (tx, rx) = unbounded();
/// for i in 1..=1000 {
///     tx.send(i).unwrap(); // no waiting, even outside any task
/// }
/// drop(tx);
/// let mut ex = Executor::new();
/// let h = ex.spawn(total(rx));
/// ex.run().unwrap();
/// assert_eq!(h.try_take().unwrap().unwrap(), 500_500);
/// ```
pub fn unbounded<T>() -> (UnboundedSender<T>, Receiver<T>) {
    let (tx, rx) = with_buffer(usize::MAX, VecDeque::new());
    (UnboundedSender { tx }, rx)
}

/// The sending side of an [`unbounded`] channel. Clone it for several
/// senders; the channel closes when the last one goes, or on `close`.
pub struct UnboundedSender<T> {
    tx: Sender<T>,
}

impl<T> Clone for UnboundedSender<T> {
    fn clone(&self) -> Self {
        UnboundedSender {
            tx: self.tx.clone(),
        }
    }
}

impl<T> fmt::Debug for UnboundedSender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnboundedSender").finish_non_exhaustive()
    }
}

impl<T> UnboundedSender<T> {
    /// Sends `value` without waiting: to a waiting receiver, or into the
    /// buffer. `Err` gives it back if the channel is closed.
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        self.tx.try_send(value).map_err(|e| match e {
            TrySendError::Closed(v) | TrySendError::Full(v) => SendError(v),
        })
    }

    /// Closes the channel: see [`Sender::close`].
    pub fn close(&self) {
        self.tx.close();
    }

    /// Whether the channel is closed.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

/// A send in progress: what [`Sender::send`] returns. Await it, or use it
/// as a `select!` case.
#[must_use = "a send does nothing unless awaited"]
pub struct SendOp<'a, T> {
    chan: &'a Chan<T>,
    value: Option<T>,
    waiter: Waiter<T>,
    output: Option<Result<(), SendError<T>>>,
}

/// A receive in progress: what [`Receiver::recv`] returns. Await it, or use
/// it as a `select!` case.
#[must_use = "a receive does nothing unless awaited"]
pub struct RecvOp<'a, T> {
    chan: &'a Chan<T>,
    waiter: Waiter<T>,
    output: Option<Option<T>>,
}

impl<T> SendOp<'_, T> {
    /// The outcome of a completed waiter.
    ///
    /// # Safety
    ///
    /// The waiter was completed: seen so under the lock, or by
    /// [`Waiter::completed`].
    unsafe fn outcome(&self) -> Result<(), SendError<T>> {
        match self.waiter.state.load(Relaxed) {
            // SAFETY: the slot is ours again (closed: the value stayed).
            CLOSED => Err(SendError(
                unsafe { (*self.waiter.slot.get()).take() }
                    .expect("the value stays with a closed send"),
            )),
            _ => Ok(()),
        }
    }
}

impl<T> Coroutine for SendOp<'_, T> {
    type Output = Result<(), SendError<T>>;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the waiter is never moved; other fields are not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.output.is_some() {
            return Status::Returned;
        }
        if this.waiter.completed() {
            // SAFETY: completed, so the node is this op's alone.
            this.output = Some(unsafe { this.outcome() });
            return Status::Returned;
        }
        // `IDLE` read without the lock: only this op stores over it.
        if this.waiter.state.load(Relaxed) == IDLE && !cx::budget() {
            return Status::Suspended;
        }
        let mut state = this.chan.state.lock();
        match this.waiter.state.load(Relaxed) {
            IDLE => {
                let value = this.value.take().expect("a send sends once");
                match state.try_send(value) {
                    Ok(()) => this.output = Some(Ok(())),
                    Err(TrySendError::Closed(v)) => this.output = Some(Err(SendError(v))),
                    Err(TrySendError::Full(v)) => {
                        // SAFETY: under the lock; the node is pinned in this
                        // op, which unlinks it on drop.
                        unsafe {
                            *this.waiter.slot.get() = Some(v);
                            *this.waiter.waker.get() = Some(cx::waker_for("send"));
                            this.waiter.state.store(WAITING, Relaxed);
                            state.senders.push_back(&this.waiter.links);
                        }
                        return Status::Suspended;
                    }
                }
            }
            WAITING => {
                // SAFETY: under the lock.
                unsafe { *this.waiter.waker.get() = Some(cx::waker_for("send")) };
                return Status::Suspended;
            }
            // SAFETY: under the lock, completed.
            _ => this.output = Some(unsafe { this.outcome() }),
        }
        Status::Returned
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Self::Output> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.output.is_some()
    }

    fn __withdraw(self: Pin<&mut Self>, _: crate::Token) -> bool {
        withdraw(self.chan, &self.waiter, self.output.is_some(), false)
    }
}

impl<T> Coroutine for RecvOp<'_, T> {
    type Output = Option<T>;

    #[track_caller]
    fn resume(self: Pin<&mut Self>) -> Status {
        // SAFETY: the waiter is never moved; other fields are not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        if this.output.is_some() {
            return Status::Returned;
        }
        if this.waiter.completed() {
            // SAFETY: completed, so the node (and the value a sender handed
            // to it) is this op's alone.
            this.output = Some(unsafe { (*this.waiter.slot.get()).take() });
            return Status::Returned;
        }
        // `IDLE` read without the lock: only this op stores over it.
        if this.waiter.state.load(Relaxed) == IDLE && !cx::budget() {
            return Status::Suspended;
        }
        let mut state = this.chan.state.lock();
        match this.waiter.state.load(Relaxed) {
            IDLE => match state.try_recv() {
                Ok(v) => this.output = Some(Some(v)),
                Err(TryRecvError::Closed) => this.output = Some(None),
                Err(TryRecvError::Empty) => {
                    // SAFETY: under the lock; pinned node, unlinked on drop.
                    unsafe {
                        *this.waiter.waker.get() = Some(cx::waker_for("recv"));
                        this.waiter.state.store(WAITING, Relaxed);
                        state.receivers.push_back(&this.waiter.links);
                    }
                    return Status::Suspended;
                }
            },
            WAITING => {
                // SAFETY: under the lock.
                unsafe { *this.waiter.waker.get() = Some(cx::waker_for("recv")) };
                return Status::Suspended;
            }
            // SAFETY: under the lock; a completed receive's value is ours.
            _ => this.output = Some(unsafe { (*this.waiter.slot.get()).take() }),
        }
        Status::Returned
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Option<T>> {
        // SAFETY: the output is not pinned.
        unsafe { self.get_unchecked_mut() }.output.take()
    }

    fn is_returned(&self) -> bool {
        self.output.is_some()
    }

    fn __withdraw(self: Pin<&mut Self>, _: crate::Token) -> bool {
        withdraw(self.chan, &self.waiter, self.output.is_some(), true)
    }
}

/// Unlinks a waiter that is still waiting (a cancelled operation).
fn unlink<T>(chan: &Chan<T>, waiter: &Waiter<T>, receivers: bool) {
    // Without the lock: only this operation's own thread stores `WAITING`
    // over `IDLE`, so `IDLE` here means it was never linked, and no other
    // thread can reach it; a completed waiter was unlinked by its
    // completer, which is done with it. `WAITING` may be changing under
    // the lock on another thread, and is handled under it.
    if waiter.state.load(Relaxed) == IDLE || waiter.completed() {
        return;
    }
    let mut state = chan.state.lock();
    // SAFETY: under the lock; if linked, the node is in this list.
    unsafe { state.waiters(receivers).remove(&waiter.links) };
}

impl<T> Drop for SendOp<'_, T> {
    fn drop(&mut self) {
        unlink(self.chan, &self.waiter, false);
    }
}

impl<T> Drop for RecvOp<'_, T> {
    fn drop(&mut self) {
        if self.waiter.state.load(Relaxed) == IDLE {
            return;
        }
        // SAFETY: completed, so the slot is this op's alone.
        if self.waiter.completed() && unsafe { (*self.waiter.slot.get()).is_none() } {
            return;
        }
        let mut state = self.chan.state.lock();
        // SAFETY: under the lock; if linked, the node is in this list.
        unsafe { state.receivers.remove(&self.waiter.links) };
        // A value a sender handed to this receive, which was cancelled
        // before taking it: the sender was told it was sent.
        // SAFETY: under the lock, which guards the slot.
        if let Some(value) = unsafe { (*self.waiter.slot.get()).take() } {
            state.redeliver(value);
        }
    }
}

/// [`Coroutine::__withdraw`] of a send (`receivers` false) or a receive:
/// unlinks the waiter if it is still waiting, under the lock, so that no
/// counterpart can complete it any more; `false` if one did already (or
/// the operation returned).
fn withdraw<T>(chan: &Chan<T>, waiter: &Waiter<T>, returned: bool, receivers: bool) -> bool {
    if returned {
        return false;
    }
    // Without the lock, as in `unlink`: `IDLE` means never linked.
    if waiter.state.load(Relaxed) == IDLE {
        return true;
    }
    if waiter.completed() {
        return false;
    }
    let mut state = chan.state.lock();
    if waiter.state.load(Relaxed) != WAITING {
        return false;
    }
    // SAFETY: under the lock; a waiting node is in this list.
    unsafe { state.waiters(receivers).remove(&waiter.links) };
    // Unlinked: dropping the operation has nothing left to undo (a send's
    // value drops with it, unsent).
    waiter.state.store(IDLE, Relaxed);
    true
}

impl<T> Sealed for SendOp<'_, T> {}

impl<T> Case for SendOp<'_, T> {
    type Output = Result<(), SendError<T>>;

    fn lock_key(self: Pin<&Self>) -> usize {
        self.chan.state.raw().key()
    }

    fn lock(self: Pin<&Self>) {
        self.chan.state.raw().lock();
    }

    unsafe fn unlock(self: Pin<&Self>) {
        // SAFETY: the caller locked it.
        unsafe { self.chan.state.raw().unlock() };
    }

    unsafe fn try_now(self: Pin<&mut Self>) -> Option<Self::Output> {
        // SAFETY: no pinned field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: the caller holds the lock.
        let state = unsafe { this.chan.state.get_locked() };
        let value = this.value.take()?;
        match state.try_send(value) {
            Ok(()) => Some(Ok(())),
            Err(TrySendError::Closed(v)) => Some(Err(SendError(v))),
            Err(TrySendError::Full(v)) => {
                this.value = Some(v);
                None
            }
        }
    }

    unsafe fn register(
        self: Pin<&mut Self>,
        waker: &Waker,
        select: *const SelectShared,
        case: usize,
    ) {
        // SAFETY: no pinned field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: the caller holds the lock; the node is pinned in this op,
        // which unlinks it before it goes.
        unsafe {
            let state = this.chan.state.get_locked();
            *this.waiter.slot.get() = this.value.take();
            *this.waiter.waker.get() = Some(waker.clone());
            this.waiter.select.set(select);
            this.waiter.case.set(case);
            this.waiter.state.store(WAITING, Relaxed);
            state.senders.push_back(&this.waiter.links);
        }
    }

    fn rewake(self: Pin<&Self>, waker: &Waker) {
        let _state = self.chan.state.lock();
        // SAFETY: under the lock, which guards the waker.
        unsafe { self.waiter.rewake(waker) };
    }

    fn finish(self: Pin<&mut Self>, won: bool) -> Option<Self::Output> {
        let this = &*self;
        unlink(this.chan, &this.waiter, false);
        if !won {
            return None;
        }
        let _state = this.chan.state.lock();
        // SAFETY: under the lock; the winning waiter was completed.
        Some(unsafe { this.outcome() })
    }
}

impl<T> Sealed for RecvOp<'_, T> {}

impl<T> Case for RecvOp<'_, T> {
    type Output = Option<T>;

    fn lock_key(self: Pin<&Self>) -> usize {
        self.chan.state.raw().key()
    }

    fn lock(self: Pin<&Self>) {
        self.chan.state.raw().lock();
    }

    unsafe fn unlock(self: Pin<&Self>) {
        // SAFETY: the caller locked it.
        unsafe { self.chan.state.raw().unlock() };
    }

    unsafe fn try_now(self: Pin<&mut Self>) -> Option<Self::Output> {
        // SAFETY: the caller holds the lock.
        let state = unsafe { self.chan.state.get_locked() };
        match state.try_recv() {
            Ok(v) => Some(Some(v)),
            Err(TryRecvError::Closed) => Some(None),
            Err(TryRecvError::Empty) => None,
        }
    }

    unsafe fn register(
        self: Pin<&mut Self>,
        waker: &Waker,
        select: *const SelectShared,
        case: usize,
    ) {
        // SAFETY: no pinned field is moved.
        let this = unsafe { self.get_unchecked_mut() };
        // SAFETY: as for `SendOp`.
        unsafe {
            let state = this.chan.state.get_locked();
            *this.waiter.waker.get() = Some(waker.clone());
            this.waiter.select.set(select);
            this.waiter.case.set(case);
            this.waiter.state.store(WAITING, Relaxed);
            state.receivers.push_back(&this.waiter.links);
        }
    }

    fn rewake(self: Pin<&Self>, waker: &Waker) {
        let _state = self.chan.state.lock();
        // SAFETY: under the lock, which guards the waker.
        unsafe { self.waiter.rewake(waker) };
    }

    fn finish(self: Pin<&mut Self>, won: bool) -> Option<Self::Output> {
        let this = &*self;
        unlink(this.chan, &this.waiter, true);
        if !won {
            return None;
        }
        let _state = this.chan.state.lock();
        // SAFETY: under the lock; a completed receive's value is ours.
        Some(unsafe { (*this.waiter.slot.get()).take() })
    }

    fn give_back(self: Pin<&mut Self>, output: Option<T>) {
        if let Some(value) = output {
            self.chan.state.lock().redeliver(value);
        }
    }
}
