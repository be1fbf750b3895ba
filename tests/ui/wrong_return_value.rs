// A tail of the wrong type is reported at the tail, as for an `async fn`
// (it was reported at the attribute). Still reported twice: once by the
// check copy, once by the state machine (docs/limitations.md).
#[coro_runtime::coroutine]
fn status() -> u32 {
    coro_runtime::suspend!();
    "done"
}

fn main() {}
