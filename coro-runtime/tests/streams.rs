//! `sched::stream`: generators that await operations between the values
//! they hand out, under both executors, `as_future`, and (with the
//! `futures-core` feature) as a `futures_core::Stream` under tokio.

use std::pin::pin;
use std::time::Duration;

use coro_runtime::sched::{self, Executor, Receiver, Sender, ThreadedExecutor, channel, stream};
use coro_runtime::suspend;

/// The values received, doubled, with a sleep before each.
#[coro_runtime::coroutine(yield = u32)]
fn doubled(rx: Receiver<u32>) -> &'static str {
    while let Some(v) = rx.recv().await {
        sched::sleep(Duration::from_millis(1)).await;
        suspend!(v * 2);
    }
    "closed"
}

#[coro_runtime::coroutine]
fn feed(tx: Sender<u32>, n: u32) {
    for i in 1..=n {
        tx.send(i).await.unwrap();
    }
}

#[coro_runtime::coroutine]
fn consume(n: u32) -> (Vec<u32>, &'static str) {
    let (tx, rx) = channel(0);
    sched::spawn(feed(tx, n));
    let mut g = Box::pin(doubled(rx));
    let mut s = stream(g.as_mut());
    let mut out = Vec::new();
    while let Some(v) = s.next().await {
        out.push(v);
    }
    // Ended: `next` keeps giving `None`; the output is the generator's.
    assert_eq!(s.next().await, None);
    let mut g = s.into_inner();
    (
        out,
        coro_runtime::Coroutine::take_output(g.as_mut()).unwrap(),
    )
}

#[test]
fn a_stream_on_the_single_thread_executor() {
    let expected: Vec<u32> = (1..=20).map(|i| i * 2).collect();
    assert_eq!(
        Executor::new().block_on(consume(20)),
        Ok((expected, "closed"))
    );
}

#[test]
fn a_stream_on_the_threaded_executor() {
    for workers in [1, 2] {
        let expected: Vec<u32> = (1..=20).map(|i| i * 2).collect();
        let ex = ThreadedExecutor::new(workers);
        let handle = ex.spawn(consume(20));
        ex.run().unwrap();
        let out = handle.try_take().expect("finished").expect("no panic");
        assert_eq!(out, (expected, "closed"), "{workers} workers");
    }
}

#[test]
fn a_next_dropped_while_waiting_loses_nothing() {
    #[coro_runtime::coroutine]
    fn race() -> Vec<u32> {
        let (tx, rx) = channel(0);
        let mut g = Box::pin(doubled(rx));
        let mut s = stream(g.as_mut());
        let mut out = Vec::new();
        // Nothing is sent yet: the `next` times out and is dropped.
        let first = sched::timeout(Duration::from_millis(5), s.next()).await;
        assert!(first.is_err());
        sched::spawn(feed(tx, 3));
        while let Some(v) = s.next().await {
            out.push(v);
        }
        out
    }
    assert_eq!(Executor::new().block_on(race()), Ok(vec![2, 4, 6]));
}

#[test]
fn a_stream_driven_as_a_future() {
    #[coro_runtime::coroutine(yield = u32)]
    fn counted() {
        for i in 0..3 {
            sched::yield_now().await;
            suspend!(i);
        }
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let got = rt.block_on(async {
        let mut g = pin!(counted());
        let mut s = stream(g.as_mut());
        let mut got = Vec::new();
        while let Some(v) = sched::as_future(s.next()).await {
            got.push(v);
        }
        got
    });
    assert_eq!(got, [0, 1, 2]);
}

#[cfg(feature = "futures-core")]
#[test]
fn a_futures_core_stream_under_tokio() {
    use futures_core::Stream as _;

    #[coro_runtime::coroutine(yield = u32)]
    fn ticks(n: u32) {
        for i in 0..n {
            tokio::time::sleep(Duration::from_millis(1)).await;
            suspend!(i * 10);
        }
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let got = rt.block_on(async {
        let mut g = pin!(ticks(4));
        let mut s = stream(g.as_mut());
        let mut got = Vec::new();
        while let Some(v) =
            std::future::poll_fn(|cx| std::pin::Pin::new(&mut s).poll_next(cx)).await
        {
            got.push(v);
        }
        got
    });
    assert_eq!(got, [0, 10, 20, 30]);
}
