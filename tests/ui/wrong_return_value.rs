// A tail or a `return` of the wrong type is reported once, at the value, as
// for an `async fn`. (It was reported at the attribute, then twice: by the
// check copy and by the state machine; both now check the body's value
// against the declared type the same way, and rustc shows the error once.)
#[coro_runtime::coroutine]
fn status() -> u32 {
    coro_runtime::suspend!();
    "done"
}

#[coro_runtime::coroutine]
fn early(flag: bool) -> u32 {
    if flag {
        return "early";
    }
    coro_runtime::suspend!();
    7
}

fn main() {}
