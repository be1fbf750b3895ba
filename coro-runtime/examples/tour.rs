//! A short tour of coro: suspend, resume, await, and a guard firing.
//!
//! Run it with `cargo run --example tour`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;

use coro_runtime::{Coroutine, Status, suspend};

/// A coroutine: calling it runs nothing and returns a frame.
#[coro_runtime::coroutine]
fn greet(name: &'static str) -> String {
    println!("  greet({name}): started, suspending");
    suspend!();
    println!("  greet({name}): resumed, returning");
    format!("hello, {name}")
}

/// Awaiting other coroutines: their frames live inside this one, and
/// resuming this frame continues the innermost suspended one directly.
#[coro_runtime::coroutine]
fn greet_all(names: Vec<&'static str>) -> usize {
    let mut total = 0;
    for name in names {
        let greeting = greet(name).await;
        println!("  greet_all: got {greeting:?}");
        total += greeting.len();
    }
    total
}

fn main() {
    println!("1. A frame does nothing until it is resumed.");
    let frame = greet("world");
    println!(
        "   greet(\"world\") is a frame of {} bytes; nothing printed yet.",
        std::mem::size_of_val(&frame)
    );

    println!("2. Each resume runs until the next suspension point.");
    let mut frame = pin!(frame);
    let status = frame.as_mut().resume();
    println!("   resume -> {status:?}");
    let status = frame.as_mut().resume();
    println!("   resume -> {status:?}");
    println!("   output: {:?}", frame.as_mut().take_output());

    println!("3. Awaiting: one resume reaches the innermost suspended frame.");
    let mut all = pin!(greet_all(vec!["ada", "grace"]));
    let mut steps = 0;
    while all.as_mut().resume() == Status::Suspended {
        steps += 1;
        println!("   (suspended after {steps} resume(s))");
    }
    println!("   output: {:?}", all.as_mut().take_output());

    println!("4. A guard: resuming a frame that already returned panics.");
    // Silence the default hook: the panic is expected and caught here.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(|| frame.as_mut().resume()));
    std::panic::set_hook(hook);
    let message = result
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    println!("   caught panic: {message:?}");
}
