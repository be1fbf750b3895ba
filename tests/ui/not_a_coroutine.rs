// Values that are not coroutines, given where one is expected: a number to
// an executor, a call instead of a function to `frame_size_of`, `?` on a
// value that is neither `Result` nor `Option`.
use coro_runtime::sched::Executor;

#[coro_runtime::coroutine]
fn add(a: u32, b: u32) -> u32 {
    a + b
}

#[coro_runtime::coroutine]
fn question(x: u32) -> Option<u32> {
    let y = x?;
    Some(y)
}

fn main() {
    let ex = Executor::new();
    ex.spawn(5u32);
    let _ = coro_runtime::frame_size_of(add(1, 2));
}
