// The only option is `crate = path`.
#[coro_runtime::coroutine(frame_size = 64)]
fn f() {}

fn main() {}
