// `yield` is not how a coroutine suspends.
#[coro_runtime::coroutine]
fn f() {
    yield 1;
}

fn main() {}
