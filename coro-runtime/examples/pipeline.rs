//! A pipeline: a producer sends jobs, several workers process them and send
//! results to a collector. Workers `select!` between the job channel and a
//! quit channel, with an idle timeout that a guard enables once they have
//! worked; the collector gives up waiting after a deadline, and aborts the
//! progress reporter it started when it is done. Runs on the threaded
//! executor.
//!
//! `cargo run --example pipeline`

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use coro_runtime::sched::{self, Receiver, Sender, ThreadedExecutor, channel};
use coro_runtime::select;

#[derive(Debug)]
struct Job {
    id: u32,
    input: u64,
}

#[derive(Debug)]
struct Done {
    id: u32,
    worker: u32,
    output: u64,
}

/// Sends `n` jobs, then closes the job channel (by dropping its sender).
#[coro_runtime::coroutine]
fn producer(jobs: Sender<Job>, n: u32) {
    for id in 0..n {
        let input = u64::from(id) * 7 + 3;
        jobs.send(Job { id, input })
            .await
            .expect("workers are listening");
    }
    println!("producer: sent {n} jobs");
}

/// Collatz steps: a little work per job.
fn steps(mut x: u64) -> u64 {
    let mut n = 0;
    while x != 1 {
        x = if x % 2 == 0 { x / 2 } else { 3 * x + 1 };
        n += 1;
    }
    n
}

/// Takes jobs until the job channel closes or `quit` says so; once it has
/// handled a job, reports when it has been idle for a while (the `if`
/// guard leaves the timer out of the select before that).
#[coro_runtime::coroutine]
fn worker(me: u32, jobs: Receiver<Job>, quit: Receiver<()>, results: Sender<Done>) -> u32 {
    let mut handled = 0;
    loop {
        select! {
            job = jobs.recv() => match job {
                Some(Job { id, input }) => {
                    let output = steps(input);
                    handled += 1;
                    if results.send(Done { id, worker: me, output }).await.is_err() {
                        break;
                    }
                }
                None => break,
            },
            _ = quit.recv() => break,
            _ = sched::sleep(Duration::from_millis(200)), if handled > 0 => {
                println!("worker {me}: idle for 200 ms after {handled} jobs");
            }
        }
    }
    handled
}

/// Prints how many results came in, every 100 ms, until it is aborted.
#[coro_runtime::coroutine]
fn reporter(count: Arc<AtomicUsize>) {
    let mut every = sched::interval(Duration::from_millis(100));
    loop {
        every.tick().await;
        println!("reporter: {} results", count.load(Ordering::Relaxed));
    }
}

/// Collects results until every worker is done (the results channel
/// closes), or a deadline passes.
#[coro_runtime::coroutine]
fn collector(results: Receiver<Done>, expected: u32, quit: Sender<()>) -> Vec<Done> {
    let deadline = sched::now() + Duration::from_secs(5);
    let count = Arc::new(AtomicUsize::new(0));
    let progress = sched::spawn(reporter(count.clone()));
    let mut got = Vec::new();
    while (got.len() as u32) < expected {
        select! {
            r = results.recv() => match r {
                Some(done) => {
                    got.push(done);
                    count.store(got.len(), Ordering::Relaxed);
                }
                None => break,
            },
            _ = sched::sleep_until(deadline) => {
                println!("collector: deadline passed with {} results", got.len());
                break;
            }
        }
    }
    // Tell idle workers to stop (closing the channel reaches them all),
    // and stop the reporter, which would tick forever.
    quit.close();
    progress.abort();
    got
}

fn main() {
    let jobs_n = 1000;
    let workers = 4;
    let ex = ThreadedExecutor::new(2);
    let (job_tx, job_rx) = channel(8);
    let (res_tx, res_rx) = channel(8);
    let (quit_tx, quit_rx) = channel(0);
    ex.spawn(producer(job_tx, jobs_n));
    let handles: Vec<_> = (0..workers)
        .map(|w| ex.spawn(worker(w, job_rx.clone(), quit_rx.clone(), res_tx.clone())))
        .collect();
    drop((job_rx, quit_rx, res_tx));
    let collected = ex.spawn(collector(res_rx, jobs_n, quit_tx));
    ex.run().expect("no deadlock");

    let mut results = collected.wait().expect("collector ran");
    results.sort_by_key(|d| d.id);
    assert_eq!(results.len() as u32, jobs_n);
    assert!(results.iter().enumerate().all(|(i, d)| d.id == i as u32));
    for (w, h) in handles.into_iter().enumerate() {
        println!("worker {w}: {} jobs", h.wait().expect("worker ran"));
    }
    let longest = results.iter().max_by_key(|d| d.output).expect("results");
    println!(
        "{} results; the longest chain: job {} ({} steps, by worker {})",
        results.len(),
        longest.id,
        longest.output,
        longest.worker
    );
}
