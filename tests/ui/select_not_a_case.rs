// A `select!` case that is not an operation, a coroutine or a future.
use coro_runtime::select;

#[coro_runtime::coroutine]
fn pick(n: u32) -> u32 {
    select! {
        v = n => v,
        default => 0,
    }
}

fn main() {}
