// An async block is a separate future: it cannot suspend the coroutine.
use coro_runtime::suspend;

#[coro_runtime::coroutine]
fn f() -> u32 {
    let fut = async {
        suspend!();
    };
    drop(fut);
    1
}

fn main() {}
