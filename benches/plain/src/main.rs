//! The round trip as a user would measure it: this crate depends on
//! coro-runtime like any other, and is built `--release` with thin LTO and
//! one codegen unit, and no other flags (no function alignment). Each
//! contender is resumed through its own `#[inline(never)]` step function,
//! the contenders are interleaved, and each round's time per resume is
//! divided by the hand-written machine's in the same round.
//!
//! `cargo run --release --manifest-path benches/plain/Cargo.toml`
//! (`scripts/bench.sh plain`); `ROUNDS=N` changes the number of rounds (41).
//!
//! Workloads, so that no one shape decides the result:
//! - `counter_u32`: `n` and `i` are `u32`, the sum `u64`;
//! - `counter_u64`: the same in `u64` (the shape of `benches/ratios`);
//! - `small_values`: four integers of four widths alive across each point;
//! - `large_values`: a 1 KiB buffer, a `String` and three integers alive
//!   across each point (`live_values` of `benches/ratios`), and the same
//!   with `#[coroutine(inline)]` (the body is too large to be inlined into
//!   its resume by default).
//!
//! The hand-written machines are structs with a state byte, as one writes
//! them by hand.

use std::future::Future;
use std::hint::black_box;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};
use std::time::Instant;

use coro_runtime::{Coroutine, Status, suspend};

// ----------------------------------------------------------------- workloads

#[coro_runtime::coroutine]
fn counter_u32(n: u32) -> u64 {
    let mut sum = 0u64;
    for i in 0..n {
        suspend!();
        sum += i as u64;
    }
    sum
}

async fn async_counter_u32(n: u32) -> u64 {
    let mut sum = 0u64;
    for i in 0..n {
        pending_once().await;
        sum += i as u64;
    }
    sum
}

#[coro_runtime::coroutine]
fn counter_u64(n: u64) -> u64 {
    let mut sum = 0;
    for i in 0..n {
        suspend!();
        sum += i;
    }
    sum
}

async fn async_counter_u64(n: u64) -> u64 {
    let mut sum = 0;
    for i in 0..n {
        pending_once().await;
        sum += i;
    }
    sum
}

#[coro_runtime::coroutine]
fn small_values(n: u32) -> u64 {
    let (mut a, mut b, mut c, mut d) = (1u8, 2u16, 3u32, 4u64);
    for i in 0..n {
        a = a.wrapping_add(i as u8);
        suspend!();
        b = b.wrapping_add(u16::from(a));
        c = c.rotate_left(1) ^ u32::from(b);
        d = d.wrapping_add(u64::from(c));
    }
    u64::from(a) + u64::from(b) + u64::from(c) + d
}

async fn async_small_values(n: u32) -> u64 {
    let (mut a, mut b, mut c, mut d) = (1u8, 2u16, 3u32, 4u64);
    for i in 0..n {
        a = a.wrapping_add(i as u8);
        pending_once().await;
        b = b.wrapping_add(u16::from(a));
        c = c.rotate_left(1) ^ u32::from(b);
        d = d.wrapping_add(u64::from(c));
    }
    u64::from(a) + u64::from(b) + u64::from(c) + d
}

/// The body of `large_values`, for each attribute it is compiled with,
/// and as an `async fn` (`[async]`, the point given as `pending_once().await`).
macro_rules! large_values_fn {
    ($(#[$attr:meta])* [$($kw:tt)*] $name:ident, { $($point:tt)* }) => {
        $(#[$attr])*
        $($kw)* fn $name(n: u64) -> u64 {
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

large_values_fn!(
    #[coro_runtime::coroutine]
    [] large_values, { suspend!() }
);
// The same with the body inlined into its resume (it is too large to be
// by default).
large_values_fn!(
    #[coro_runtime::coroutine(inline)]
    [] large_values_inline, { suspend!() }
);

large_values_fn!(
    [async] async_large_values, { pending_once().await }
);

/// A future that is pending once: `suspend!()` for the `async fn`s.
fn pending_once() -> impl Future<Output = ()> {
    let mut polled = false;
    std::future::poll_fn(move |_| {
        if polled {
            Poll::Ready(())
        } else {
            polled = true;
            Poll::Pending
        }
    })
}

// ------------------------------------------------- the hand-written machines

/// A hand-written state machine: `resume` returns `None` while suspended,
/// then the output.
trait Machine {
    fn resume(&mut self) -> Option<u64>;
}

/// The counters' machine, for `u32` and `u64` indices (the sum is `u64`).
struct HandCounter<T> {
    state: u8,
    n: T,
    i: T,
    sum: u64,
}

impl<T> Machine for HandCounter<T>
where
    T: Copy + PartialOrd + Into<u64> + From<u8> + std::ops::AddAssign,
{
    #[inline]
    fn resume(&mut self) -> Option<u64> {
        match self.state {
            0 => self.i = T::from(0),
            1 => {
                self.sum += self.i.into();
                self.i += T::from(1);
            }
            _ => panic!("resumed after the end"),
        }
        if self.i < self.n {
            self.state = 1;
            None
        } else {
            self.state = 2;
            Some(self.sum)
        }
    }
}

struct HandSmallValues {
    state: u8,
    n: u32,
    i: u32,
    a: u8,
    b: u16,
    c: u32,
    d: u64,
}

impl Machine for HandSmallValues {
    #[inline]
    fn resume(&mut self) -> Option<u64> {
        match self.state {
            0 => self.i = 0,
            1 => {
                self.b = self.b.wrapping_add(u16::from(self.a));
                self.c = self.c.rotate_left(1) ^ u32::from(self.b);
                self.d = self.d.wrapping_add(u64::from(self.c));
                self.i += 1;
            }
            _ => panic!("resumed after the end"),
        }
        if self.i < self.n {
            self.a = self.a.wrapping_add(self.i as u8);
            self.state = 1;
            None
        } else {
            self.state = 2;
            Some(u64::from(self.a) + u64::from(self.b) + u64::from(self.c) + self.d)
        }
    }
}

struct HandLargeValues {
    state: u8,
    n: u64,
    i: u64,
    buf: [u8; 1024],
    small: u8,
    word: u32,
    wide: u64,
    name: Option<String>,
}

impl HandLargeValues {
    fn new(n: u64) -> Self {
        HandLargeValues {
            state: 0,
            n,
            i: 0,
            buf: [0; 1024],
            small: 1,
            word: 7,
            wide: 0,
            name: None,
        }
    }
}

impl Machine for HandLargeValues {
    #[inline]
    fn resume(&mut self) -> Option<u64> {
        match self.state {
            0 => {
                self.name = Some(String::from("live values"));
                self.i = 0;
            }
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
            None
        } else {
            self.state = 2;
            let sum = self.buf.iter().map(|&b| u64::from(b)).sum::<u64>();
            let name = self.name.take().map_or(0, |s| s.len() as u64);
            Some(self.wide + sum + name)
        }
    }
}

// ------------------------------------------------------------ step functions

#[inline(never)]
fn step_hand<M: Machine>(m: &mut M) -> Option<u64> {
    m.resume()
}

#[inline(never)]
fn step_coro<C: Coroutine<Output = u64>>(c: Pin<&mut C>) -> Status {
    c.resume()
}

#[inline(never)]
fn step_async<F: Future<Output = u64>>(f: Pin<&mut F>, cx: &mut Context<'_>) -> Poll<u64> {
    f.poll(cx)
}

/// Runs a machine to its end; returns the output and the resumes.
fn run_hand<M: Machine>(mut m: M) -> (u64, u64) {
    let mut resumes = 1;
    loop {
        if let Some(out) = step_hand(black_box(&mut m)) {
            return (out, resumes);
        }
        resumes += 1;
    }
}

fn run_coro<C: Coroutine<Output = u64>>(c: C) -> (u64, u64) {
    let mut c = pin!(c);
    let mut resumes = 1;
    while step_coro(black_box(c.as_mut())) == Status::Suspended {
        resumes += 1;
    }
    (c.take_output().expect("returned"), resumes)
}

fn run_async<F: Future<Output = u64>>(f: F) -> (u64, u64) {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    let mut resumes = 1;
    loop {
        if let Poll::Ready(out) = step_async(black_box(f.as_mut()), &mut cx) {
            return (out, resumes);
        }
        resumes += 1;
    }
}

// ---------------------------------------------------------------- the harness

/// One workload: its three contenders, each running it `reps` times and
/// returning the output and the number of resumes.
struct Workload {
    name: &'static str,
    hand: fn() -> (u64, u64),
    coro: fn() -> (u64, u64),
    asy: fn() -> (u64, u64),
}

/// Nanoseconds per resume of `run`, over enough repetitions to take about
/// a millisecond; checks the output against `expected`.
fn time(run: fn() -> (u64, u64), reps: u32, expected: u64) -> f64 {
    let start = Instant::now();
    let mut resumes = 0;
    for _ in 0..reps {
        let (out, n) = run();
        assert_eq!(out, expected, "the contenders disagree");
        resumes += n;
    }
    start.elapsed().as_nanos() as f64 / resumes as f64
}

fn quartiles(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let at = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    (at(0.25), at(0.5), at(0.75))
}

fn main() {
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(41);
    let workloads = [
        Workload {
            name: "counter_u32(1024)",
            hand: || {
                run_hand(HandCounter::<u32> {
                    state: 0,
                    n: black_box(1024),
                    i: 0,
                    sum: 0,
                })
            },
            coro: || run_coro(counter_u32(black_box(1024))),
            asy: || run_async(async_counter_u32(black_box(1024))),
        },
        Workload {
            name: "counter_u64(1024)",
            hand: || {
                run_hand(HandCounter::<u64> {
                    state: 0,
                    n: black_box(1024),
                    i: 0,
                    sum: 0,
                })
            },
            coro: || run_coro(counter_u64(black_box(1024))),
            asy: || run_async(async_counter_u64(black_box(1024))),
        },
        Workload {
            name: "small_values(1024)",
            hand: || {
                run_hand(HandSmallValues {
                    state: 0,
                    n: black_box(1024),
                    i: 0,
                    a: 1,
                    b: 2,
                    c: 3,
                    d: 4,
                })
            },
            coro: || run_coro(small_values(black_box(1024))),
            asy: || run_async(async_small_values(black_box(1024))),
        },
        Workload {
            name: "large_values(64)",
            hand: || run_hand(HandLargeValues::new(black_box(64))),
            coro: || run_coro(large_values(black_box(64))),
            asy: || run_async(async_large_values(black_box(64))),
        },
        Workload {
            name: "large_values_inline(64)",
            hand: || run_hand(HandLargeValues::new(black_box(64))),
            coro: || run_coro(large_values_inline(black_box(64))),
            asy: || run_async(async_large_values(black_box(64))),
        },
    ];
    println!(
        "plain --release build (thin LTO, codegen-units = 1, no other flags), {rounds} rounds, \
         ns per resume and ratio to the hand-written machine (quartiles)"
    );
    println!(
        "| workload | hand-written | coro | async fn | coro / hand | async / hand | coro / async |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for w in &workloads {
        let (expected, resumes) = (w.hand)();
        assert_eq!((w.coro)().0, expected, "{}: coro differs", w.name);
        assert_eq!((w.asy)().0, expected, "{}: async differs", w.name);
        // About a millisecond per contender and round.
        let reps = (1_000_000 / (resumes * 2)).max(1) as u32;
        let (mut t, mut rc, mut ra, mut rca) = ([vec![], vec![], vec![]], vec![], vec![], vec![]);
        for round in 0..rounds {
            let mut times = [0.0; 3];
            // Interleaved, in a rotating order.
            for k in 0..3 {
                let which = (round + k) % 3;
                let run = [w.hand, w.coro, w.asy][which];
                times[which] = time(run, reps, expected);
            }
            for (all, x) in t.iter_mut().zip(times) {
                all.push(x);
            }
            rc.push(times[1] / times[0]);
            ra.push(times[2] / times[0]);
            rca.push(times[1] / times[2]);
        }
        let med = |v: &Vec<f64>| quartiles(v.clone()).1;
        let fmt = |v: &Vec<f64>| {
            let (lo, m, hi) = quartiles(v.clone());
            format!("{m:.2} ({lo:.2} – {hi:.2})")
        };
        println!(
            "| `{}` | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            w.name,
            med(&t[0]),
            med(&t[1]),
            med(&t[2]),
            fmt(&rc),
            fmt(&ra),
            fmt(&rca)
        );
    }
}
