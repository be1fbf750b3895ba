// A suspend block is a closure: it cannot suspend the coroutine.
#[coro_runtime::coroutine]
fn f() {
    coro_runtime::suspend!(|me| {
        coro_runtime::suspend!();
        me.resume();
    });
}

#[coro_runtime::coroutine]
fn g() -> u32 {
    coro_runtime::suspend!(|_me| child().await);
    1
}

#[coro_runtime::coroutine]
fn child() {}

fn main() {}
