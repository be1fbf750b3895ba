//! The goroutine examples as a WebAssembly module, for scripts/wasm.sh: a
//! channel ping-pong between two tasks (the same program as the C Asyncify
//! baseline in wasm/asyncify/pingpong.c, timed by wasm/harness.mjs) and the
//! concurrent prime sieve. `no_std` with `alloc`: the scheduler's
//! single-threaded executor, nothing imported from the host. With the
//! `pingpong-only` feature, only `pingpong` (for the size comparison).
#![no_std]

extern crate alloc;

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicUsize, Ordering};

use coro_runtime::sched::{channel, Executor, Receiver, Sender};

/// Sends the counter, gets it back one higher, adds one: `rounds` times.
/// Each round trip is two blocking channel operations, one per task, as in
/// the C version: ping's send finds pong waiting, ping then waits for the
/// answer; pong's send finds ping waiting, pong then waits for the next.
#[coro_runtime::coroutine]
fn ping(rx: Receiver<u32>, tx: Sender<u32>, rounds: u32) -> u32 {
    let mut counter = 0;
    for _ in 0..rounds {
        if tx.send(counter).await.is_err() {
            break;
        }
        match rx.recv().await {
            Some(n) => counter = n + 1,
            None => break,
        }
    }
    counter
}

/// Answers each value with the next one, until the channel closes.
#[coro_runtime::coroutine]
fn pong(rx: Receiver<u32>, tx: Sender<u32>) {
    while let Some(n) = rx.recv().await {
        if tx.send(n + 1).await.is_err() {
            return;
        }
    }
}

/// `rounds` round trips; returns `2 * rounds` (what wasm/harness.mjs
/// checks).
#[no_mangle]
pub extern "C" fn pingpong(rounds: u32) -> u32 {
    ARENA.reset();
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    let result = ex.spawn(ping(b_rx, a_tx, rounds));
    ex.spawn(pong(a_rx, b_tx));
    if ex.run().is_err() {
        core::arch::wasm32::unreachable();
    }
    match result.try_take() {
        Some(Ok(counter)) => counter,
        _ => core::arch::wasm32::unreachable(),
    }
}

/// `ping`, run `depth` awaits deep: the task's chain of frames is that
/// deep at every switch (resuming the task still enters the innermost frame
/// directly).
#[cfg(not(feature = "pingpong-only"))]
#[coro_runtime::coroutine]
fn ping_nested(depth: u32, rx: Receiver<u32>, tx: Sender<u32>, rounds: u32) -> u32 {
    if depth == 0 {
        ping(rx, tx, rounds).await
    } else {
        coro_runtime::boxed(ping_nested(depth - 1, rx, tx, rounds)).await + 0
    }
}

/// `pong`, `depth` awaits deep.
#[cfg(not(feature = "pingpong-only"))]
#[coro_runtime::coroutine]
fn pong_nested(depth: u32, rx: Receiver<u32>, tx: Sender<u32>) {
    if depth == 0 {
        pong(rx, tx).await
    } else {
        coro_runtime::boxed(pong_nested(depth - 1, rx, tx)).await
    }
}

/// [`pingpong`], with both tasks' loops `depth` awaits deep.
#[cfg(not(feature = "pingpong-only"))]
#[no_mangle]
pub extern "C" fn pingpong_depth(rounds: u32, depth: u32) -> u32 {
    ARENA.reset();
    let ex = Executor::new();
    let (a_tx, a_rx) = channel(0);
    let (b_tx, b_rx) = channel(0);
    let result = ex.spawn(ping_nested(depth, b_rx, a_tx, rounds));
    ex.spawn(pong_nested(depth, a_rx, b_tx));
    if ex.run().is_err() {
        core::arch::wasm32::unreachable();
    }
    match result.try_take() {
        Some(Ok(counter)) => counter,
        _ => core::arch::wasm32::unreachable(),
    }
}

/// Sends 2, 3, 4, ... until nobody listens.
#[cfg(not(feature = "pingpong-only"))]
#[coro_runtime::coroutine]
fn generate(tx: Sender<u32>) {
    let mut i = 2;
    while tx.send(i).await.is_ok() {
        i += 1;
    }
}

/// Passes on the numbers `prime` does not divide.
#[cfg(not(feature = "pingpong-only"))]
#[coro_runtime::coroutine]
fn filter(rx: Receiver<u32>, tx: Sender<u32>, prime: u32) {
    while let Some(i) = rx.recv().await {
        if i % prime != 0 && tx.send(i).await.is_err() {
            return;
        }
    }
}

/// The `n`th prime, by Go's concurrent sieve.
#[cfg(not(feature = "pingpong-only"))]
#[coro_runtime::coroutine]
fn nth_prime(n: u32) -> u32 {
    let (tx, first) = channel(0);
    coro_runtime::sched::spawn_local(generate(tx));
    let mut rx = first;
    let mut prime = 0;
    for _ in 0..n {
        prime = match rx.recv().await {
            Some(p) => p,
            None => return 0,
        };
        let (tx, next) = channel(0);
        coro_runtime::sched::spawn_local(filter(rx, tx, prime));
        rx = next;
    }
    prime
}

/// The `n`th prime (`sieve(1000)` is 7919).
#[cfg(not(feature = "pingpong-only"))]
#[no_mangle]
pub extern "C" fn sieve(n: u32) -> u32 {
    ARENA.reset();
    let ex = Executor::new();
    match ex.block_on(nth_prime(n)) {
        Ok(p) => p,
        Err(_) => core::arch::wasm32::unreachable(),
    }
}

/// A bump allocator over a static arena, reset at the start of each call:
/// everything a call allocates is freed (its executor dropped) when it
/// returns. Keeps the module free of imports and small.
struct Arena {
    next: AtomicUsize,
    heap: UnsafeCell<[u8; ARENA_BYTES]>,
}

const ARENA_BYTES: usize = 32 << 20;

// SAFETY: wasm32-unknown-unknown without threads: one thread.
unsafe impl Sync for Arena {}

impl Arena {
    fn reset(&self) {
        self.next.store(0, Ordering::Relaxed);
    }
}

// SAFETY: blocks are disjoint, aligned, inside the arena, and never
// reused within a call.
unsafe impl GlobalAlloc for Arena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let base = self.heap.get() as usize;
        let start = (base + self.next.load(Ordering::Relaxed)).next_multiple_of(layout.align());
        let end = start + layout.size();
        if end > base + ARENA_BYTES {
            return core::ptr::null_mut();
        }
        self.next.store(end - base, Ordering::Relaxed);
        start as *mut u8
    }

    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

#[global_allocator]
static ARENA: Arena = Arena {
    next: AtomicUsize::new(0),
    heap: UnsafeCell::new([0; ARENA_BYTES]),
};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
