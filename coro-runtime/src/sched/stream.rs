//! Streams: a generator that also awaits operations (a channel, a timer, a
//! lock), run by a coro executor or as a `Future`, handing out values as
//! they come: [`stream`] and [`Stream::next`], and `futures_core::Stream`
//! with the `futures-core` feature.

use core::pin::Pin;

use crate::{Coroutine, Generator, ResumedWithNothing, Status};

/// A generator as a stream of the values it hands out: what [`stream`]
/// returns.
#[derive(Debug)]
#[must_use = "streams do nothing unless polled"]
pub struct Stream<G> {
    generator: G,
    done: bool,
}

/// Makes a stream of a generator that may await operations between the
/// values it hands out (tokio's `async-stream`, Go's channel-fed
/// `for range`). `stream.next().await` in a coroutine resumes the generator
/// until it hands out a value (`Some`) or returns (`None`); while the
/// generator waits on an operation, the awaiting task waits with it. The
/// generator must be pinned (`pin!` or `Box::pin`), as for
/// [`iter`](crate::iter).
///
/// Cancellation: dropping a `next()` that waits drops nothing but the wait;
/// the generator stays where it was and the next `next()` continues it.
///
/// ```
/// use coro_runtime::sched::{self, Executor, Receiver};
/// use coro_runtime::suspend;
/// use core::pin::pin;
///
/// /// The values received, doubled, until the channel closes.
/// #[coro_runtime::coroutine(yield = u32)]
/// fn doubled(rx: Receiver<u32>) {
///     while let Some(v) = rx.recv().await {
///         suspend!(v * 2);
///     }
/// }
///
/// #[coro_runtime::coroutine]
/// fn consume() -> Vec<u32> {
///     let (tx, rx) = sched::channel(0);
///     sched::spawn(feed(tx));
///     let mut values = Box::pin(doubled(rx));
///     let mut s = sched::stream(values.as_mut());
///     let mut out = Vec::new();
///     while let Some(v) = s.next().await {
///         out.push(v);
///     }
///     out
/// }
///
/// #[coro_runtime::coroutine]
/// fn feed(tx: sched::Sender<u32>) {
///     for i in 1..=3 {
///         tx.send(i).await.unwrap();
///     }
/// }
///
/// assert_eq!(Executor::new().block_on(consume()), Ok(vec![2, 4, 6]));
/// ```
pub fn stream<G>(generator: G) -> Stream<G>
where
    G: Generator + Unpin,
    G::Resume: ResumedWithNothing,
{
    Stream {
        generator,
        done: false,
    }
}

impl<G: Generator + Unpin> Stream<G> {
    /// The next value: a coroutine to await, which gives `None` once the
    /// generator has returned.
    // `next().await`, as with tokio's `StreamExt::next`: not an `Iterator`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Next<'_, G> {
        Next {
            stream: self,
            out: None,
        }
    }

    /// The generator, to take its output once the stream has ended.
    pub fn into_inner(self) -> G {
        self.generator
    }

    /// Resumes the generator once: `Some` when it handed out a value or
    /// returned, `None` when it suspended otherwise (waiting).
    fn step(&mut self) -> Option<Option<G::Yield>> {
        if self.done {
            return Some(None);
        }
        // `stream` required `G: Unpin`.
        let generator = Pin::new(&mut self.generator);
        match generator.__resume_take(crate::Token(())) {
            None => {
                self.done = true;
                Some(None)
            }
            Some(value) => value.map(Some),
        }
    }
}

/// The coroutine [`Stream::next`] returns.
#[must_use = "a coroutine does nothing unless resumed"]
pub struct Next<'a, G: Generator> {
    stream: &'a mut Stream<G>,
    /// `Some` once it has returned: the value, until taken.
    out: Option<Option<Option<G::Yield>>>,
}

// Nothing in it is pinned: the values are only moved.
impl<G: Generator> Unpin for Next<'_, G> {}

impl<G: Generator + Unpin> Coroutine for Next<'_, G> {
    type Output = Option<G::Yield>;

    fn resume(self: Pin<&mut Self>) -> Status {
        let this = self.get_mut();
        if this.out.is_some() {
            panic!("{}", crate::header::MSG_RETURNED);
        }
        match this.stream.step() {
            Some(value) => {
                this.out = Some(Some(value));
                Status::Returned
            }
            None => Status::Suspended,
        }
    }

    fn take_output(self: Pin<&mut Self>) -> Option<Option<G::Yield>> {
        self.get_mut().out.as_mut().and_then(Option::take)
    }

    fn is_returned(&self) -> bool {
        self.out.is_some()
    }
}

#[cfg(feature = "futures-core")]
impl<G: Generator + Unpin> futures_core::Stream for Stream<G> {
    type Item = G::Yield;

    /// Each poll resumes the generator until it hands out a value or
    /// returns, with the poll's waker as the task's waker (as
    /// [`as_future`](super::as_future) does).
    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<Option<G::Yield>> {
        let this = self.get_mut();
        let context = super::cx::Cx::new(cx.waker(), None);
        match super::cx::enter(&context, || this.step()) {
            Some(value) => core::task::Poll::Ready(value),
            None => {
                if !context.registered.get() {
                    cx.waker().wake_by_ref();
                }
                core::task::Poll::Pending
            }
        }
    }
}
