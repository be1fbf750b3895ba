// Mistakes with generators: a value handed out by a coroutine that does
// not name the type, a value of the wrong type, a value that suspends,
// awaiting a generator or selecting on one (its values would be lost),
// delegating outside a generator or to one of other types, and iterating
// one that takes values in.
use coro_runtime::{suspend, yield_from};

#[coro_runtime::coroutine]
fn no_yield_type() {
    let x = 1;
    suspend!(x);
}

#[coro_runtime::coroutine(yield = u32)]
fn wrong_type() {
    suspend!(1u32);
    suspend!("two");
}

#[coro_runtime::coroutine(yield = u32)]
fn value_suspends() {
    suspend!(wrong_type().await);
}

#[coro_runtime::coroutine(yield = u32)]
fn numbers() {
    suspend!(1);
}

#[coro_runtime::coroutine]
fn awaits_a_generator() {
    numbers().await;
}

#[coro_runtime::coroutine(yield = u32, resume = bool)]
fn takes_values() {
    let _more: bool = suspend!(1);
}

#[coro_runtime::coroutine]
fn delegates_without_yield_type() {
    yield_from!(numbers());
}

#[coro_runtime::coroutine(yield = u64)]
fn delegates_to_other_values() {
    yield_from!(numbers());
}

#[coro_runtime::coroutine]
fn selects_on_a_generator() {
    coro_runtime::select! {
        _ = numbers() => {}
    }
}

fn main() {
    for _ in coro_runtime::iter(core::pin::pin!(takes_values())) {}
    for _ in coro_runtime::iter(numbers()) {}
}
