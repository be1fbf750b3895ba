// A `!Send` value kept across a suspension point, in a coroutine given to
// the multi-threaded executor: the error names the value (`x<Rc<u32>>`)
// and points at its `let` and at the point that holds it (`suspend!()`).
use coro_runtime::sched::ThreadedExecutor;
use coro_runtime::suspend;
use std::rc::Rc;

#[coro_runtime::coroutine]
fn holds_rc() -> u32 {
    let x = Rc::new(5u32);
    suspend!();
    *x
}

fn main() {
    let ex = ThreadedExecutor::new(2);
    ex.spawn(holds_rc());
}
