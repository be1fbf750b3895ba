//! A small single-threaded event loop, the way Zig's frame protocol is meant
//! to be used: a coroutine that must wait hands its own frame to the loop in
//! a suspend block, and the loop resumes that frame when its timer fires.
//! Resuming a `sleep` frame that an outer coroutine awaits continues the
//! outer coroutine at once (await linkage), with no polling and no wakers.
//!
//! The clock is simulated: the loop jumps from timer to timer.
//!
//! `cargo run --example event_loop`

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::pin::Pin;

use coro_runtime::{Coroutine, RawFrame, Status, start, suspend};

/// A pending timer: when it fires, and the frame it resumes.
struct Timer {
    at: u64,
    seq: u64,
    frame: RawFrame,
}

impl Ord for Timer {
    /// Earliest first in a max-heap; equal times in registration order.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}
impl PartialOrd for Timer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl PartialEq for Timer {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Timer {}

/// The loop: a virtual clock and the timers that will resume frames.
#[derive(Default)]
struct EventLoop {
    now: Cell<u64>,
    seq: Cell<u64>,
    timers: RefCell<BinaryHeap<Timer>>,
}

impl EventLoop {
    fn now(&self) -> u64 {
        self.now.get()
    }

    /// Resumes `frame` after `ms` milliseconds of simulated time.
    fn after(&self, ms: u64, frame: RawFrame) {
        let seq = self.seq.get();
        self.seq.set(seq + 1);
        self.timers.borrow_mut().push(Timer {
            at: self.now() + ms,
            seq,
            frame,
        });
    }

    /// Starts every task, then fires timers in time order until none is
    /// left. Each timer resumes the frame that registered it.
    fn run(&self, tasks: &mut [Pin<Box<dyn Coroutine<Output = ()> + '_>>]) {
        for task in tasks.iter_mut() {
            task.as_mut().resume();
        }
        loop {
            let Some(timer) = self.timers.borrow_mut().pop() else {
                break;
            };
            self.now.set(timer.at);
            // SAFETY: the frame belongs to one of `tasks`, which are pinned
            // and outlive this loop; a task whose timer is pending has not
            // returned, so the frame (and the frames awaiting it) is still
            // suspended where it registered; each timer fires once, on this
            // thread.
            unsafe { timer.frame.resume() };
        }
        assert!(tasks.iter().all(|t| t.is_returned()), "every task finished");
    }
}

/// Waits `ms` milliseconds: registers this frame with the loop, which
/// resumes it when the timer fires.
#[coro_runtime::coroutine]
fn sleep(lp: &EventLoop, ms: u64) {
    suspend!(|me| lp.after(ms, me.raw()));
}

/// A task that wakes up every `period` ms, `times` times.
#[coro_runtime::coroutine]
fn ticker(lp: &EventLoop, name: &'static str, period: u64, times: u32) {
    for i in 1..=times {
        sleep(lp, period).await;
        println!("{:>4} ms  {name} wakes ({i}/{times})", lp.now());
    }
}

/// Starts two sleeps at once and awaits them later, in the other order
/// (Zig's `var a = async sleep(..); ...; await a;`): the short one has
/// already returned when it is awaited, so that await does not suspend.
#[coro_runtime::coroutine]
fn both(lp: &EventLoop) {
    let long = start(Box::pin(sleep(lp, 45)));
    let short = start(Box::pin(sleep(lp, 15)));
    println!(
        "{:>4} ms  both: started a 45 ms and a 15 ms sleep",
        lp.now()
    );
    long.await;
    println!("{:>4} ms  both: the 45 ms sleep is over", lp.now());
    short.await;
    println!("{:>4} ms  both: the 15 ms sleep was over already", lp.now());
}

fn main() {
    let lp = EventLoop::default();
    let mut tasks: Vec<Pin<Box<dyn Coroutine<Output = ()> + '_>>> = vec![
        Box::pin(ticker(&lp, "fast", 10, 4)),
        Box::pin(ticker(&lp, "slow", 25, 2)),
        Box::pin(both(&lp)),
    ];
    lp.run(&mut tasks);
    println!("{:>4} ms  all tasks done", lp.now());

    // The frame a task hands to the loop is the innermost one (`sleep`);
    // the tasks themselves were never resumed by the loop, only started.
    let mut lone = Box::pin(sleep(&lp, 1));
    assert_eq!(lone.as_mut().resume(), Status::Suspended);
    let timer = lp.timers.borrow_mut().pop().expect("registered");
    // SAFETY: `lone` is alive and suspended where it registered.
    assert_eq!(unsafe { timer.frame.resume() }, Status::Returned);
}
