// The legacy lowering was removed: the option says so, and what to do.
#[coro_runtime::coroutine(legacy)]
fn f() -> u32 {
    coro_runtime::suspend!();
    1
}

fn main() {}
