//! Coroutines driven by tokio: `as_future` turns a coroutine into a
//! `Future`, so tokio's current-thread runtime runs it next to ordinary
//! async tasks; coro channels connect the two worlds (they wake through
//! whatever waker polls them), and a coroutine awaits a tokio future
//! (`tokio::time::sleep`) directly. A generator that awaits tokio's timer
//! between the values it hands out is a stream (`sched::stream`), read by
//! an async task.
//!
//! `cargo run --example tokio`

use std::time::Duration;

use coro_runtime::sched::{Receiver, Sender, as_future, channel, stream};
use coro_runtime::suspend;

/// Doubles what it receives, pausing on tokio's timer between items.
#[coro_runtime::coroutine]
fn doubler(rx: Receiver<u32>, tx: Sender<u32>) -> u32 {
    let mut n = 0;
    while let Some(v) = rx.recv().await {
        tokio::time::sleep(Duration::from_millis(5)).await; // a tokio future
        tx.send(v * 2).await.expect("the consumer listens");
        n += 1;
    }
    n
}

/// Hands out `0..n`, waiting on tokio's timer before each value.
#[coro_runtime::coroutine(yield = u32)]
fn ticks(n: u32) {
    for i in 0..n {
        tokio::time::sleep(Duration::from_millis(2)).await;
        suspend!(i);
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (in_tx, in_rx) = channel(0);
    let (out_tx, out_rx) = channel(4);
    let worker = tokio::spawn(as_future(doubler(in_rx, out_tx)));
    // An ordinary async task consumes what the coroutine produces.
    let consumer = tokio::spawn(async move {
        let mut got = Vec::new();
        while let Some(v) = as_future(out_rx.recv()).await {
            println!("tokio task got {v}");
            got.push(v);
        }
        got
    });
    for v in 1..=5 {
        as_future(in_tx.send(v)).await.expect("the doubler listens");
    }
    drop(in_tx);
    println!("the coroutine handled {} values", worker.await.unwrap());
    assert_eq!(consumer.await.unwrap(), [2, 4, 6, 8, 10]);

    // A stream: each `next()` is a coroutine, awaited here as a future.
    let mut ticker = Box::pin(ticks(3));
    let mut s = stream(ticker.as_mut());
    let mut got = Vec::new();
    while let Some(t) = as_future(s.next()).await {
        println!("tick {t}");
        got.push(t);
    }
    assert_eq!(got, [0, 1, 2]);
}
