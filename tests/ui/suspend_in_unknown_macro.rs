// The transform looks into the standard formatting, assertion and `vec!`
// macros only.
macro_rules! twice {
    ($e:expr) => {
        ($e, $e)
    };
}

#[coro_runtime::coroutine]
fn child() -> u32 {
    1
}

#[coro_runtime::coroutine]
fn f() -> (u32, u32) {
    twice!(child().await)
}

fn main() {}
