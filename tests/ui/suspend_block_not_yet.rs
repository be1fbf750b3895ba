// Suspend blocks are not supported yet.
#[coro_runtime::coroutine]
fn f() {
    coro_runtime::suspend!(|me| drop(me));
}

fn main() {}
