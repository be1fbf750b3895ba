// Mistakes with generators: a value handed out by a coroutine that does
// not name the type, a value of the wrong type, a value that suspends,
// awaiting a generator (its values would be lost), and iterating one that
// takes values in.
use coro_runtime::suspend;

#[coro_runtime::coroutine]
fn no_yield_type() {
    suspend!(1u32);
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

fn main() {
    for _ in coro_runtime::iter(core::pin::pin!(takes_values())) {}
    for _ in coro_runtime::iter(numbers()) {}
}
