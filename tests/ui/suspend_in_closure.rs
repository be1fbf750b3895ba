// A closure inside a coroutine cannot suspend it.
use coro_runtime::suspend;

#[coro_runtime::coroutine]
fn f() -> u32 {
    let step = || suspend!();
    step();
    1
}

#[coro_runtime::coroutine]
fn child() -> u32 {
    2
}

#[coro_runtime::coroutine]
fn g() -> u32 {
    let get = || child().await;
    get()
}

fn main() {}
