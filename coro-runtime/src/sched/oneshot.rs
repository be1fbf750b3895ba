//! A channel for one value (tokio's `oneshot`): the sender sends once
//! without waiting, the receiver waits for that value or learns that it
//! will never come. Built on the runtime's channel with room for one
//! value, so a receive is an ordinary `select!` case.
//!
//! ```
//! use coro_runtime::sched::{self, oneshot, Executor};
//!
//! #[coro_runtime::coroutine]
//! fn compute(reply: oneshot::Sender<u64>) {
//!     sched::yield_now().await;
//!     let _ = reply.send(6 * 7);
//! }
//!
//! #[coro_runtime::coroutine]
//! fn ask() -> Option<u64> {
//!     let (tx, rx) = oneshot::channel();
//!     sched::spawn(compute(tx));
//!     rx.recv().await
//! }
//!
//! let mut ex = Executor::new();
//! let h = ex.spawn(ask());
//! ex.run().unwrap();
//! assert_eq!(h.try_take().unwrap().unwrap(), Some(42));
//! ```

use core::fmt;

use super::chan::{self, RecvOp, TryRecvError, TrySendError};

/// Creates a one-value channel.
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let (tx, rx) = chan::channel(1);
    (Sender { tx }, Receiver { rx })
}

/// Sends the one value. Dropping it without sending tells the receiver
/// that nothing will come (`None`).
///
/// [`send`](Sender::send) takes `&self` (tokio's takes `self`): a method
/// taking `self` cannot be called on a value a `#[coroutine]` keeps across
/// a suspension point without writing `{ tx }.send(v)` (the macro cannot
/// see receiver types, docs/limitations.md), and a reply sender usually is
/// such a value. A second send fails instead.
pub struct Sender<T> {
    tx: chan::Sender<T>,
}

/// Receives the one value. Dropping it (or [`close`](Receiver::close))
/// makes a later [`Sender::send`] fail, giving the value back.
pub struct Receiver<T> {
    rx: chan::Receiver<T>,
}

impl<T> Sender<T> {
    /// Sends `value` without waiting; `Err` gives it back if the receiver
    /// is gone or closed, or a value was sent already.
    pub fn send(&self, value: T) -> Result<(), T> {
        let sent = self.tx.try_send(value).map_err(|e| match e {
            TrySendError::Closed(v) | TrySendError::Full(v) => v,
        });
        // The one value is on its way: the receiver's next receive after
        // it gives `None`, and a second send fails.
        self.tx.close();
        sent
    }

    /// Whether a send would fail: the receiver is gone or closed, or the
    /// value was sent.
    pub fn is_closed(&self) -> bool {
        self.tx.is_closed()
    }
}

impl<T> Receiver<T> {
    /// Waits for the value: `Some(value)`, or `None` if the sender was
    /// dropped without sending. Cancellation safe: a value is taken only
    /// by a receive that completes, so a dropped receive (a `select!` case
    /// that lost, a timeout) leaves it for the next. Once the value was
    /// received, later receives give `None`.
    pub fn recv(&self) -> RecvOp<'_, T> {
        self.rx.recv()
    }

    /// The value, if it was sent; `Err(Empty)` if it was not yet,
    /// `Err(Closed)` if it never will be or was already received.
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.rx.try_recv()
    }

    /// Refuses the value: a later send fails. A value sent before stays
    /// receivable.
    pub fn close(&self) {
        self.rx.close_channel();
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        self.rx.close_channel();
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("oneshot::Sender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("oneshot::Receiver").finish_non_exhaustive()
    }
}
