// A generator that keeps a `!Send` value across a suspension point cannot
// be boxed as `Send`: the error names the value (`shared<Rc<u32>>`) and
// points at `boxed_generator_send`'s argument, its `let` and its first point.
use coro_runtime::suspend;
use std::rc::Rc;

#[coro_runtime::coroutine(yield = u32)]
fn counts() {
    let shared = Rc::new(1u32);
    suspend!(*shared);
    suspend!(*shared + 1);
}

fn main() {
    let _ = coro_runtime::boxed_generator_send(counts());
}
