// rustc has a built-in (unstable) `#[coroutine]` attribute: a bare
// `#[coroutine]` after importing ours is ambiguous. Write
// `#[coro_runtime::coroutine]`, or use the alias `#[coro]`.
use coro_runtime::coroutine;

#[coroutine]
fn f() -> u32 {
    coro_runtime::suspend!();
    1
}

fn main() {}
