// A `!Send` value kept across an `.await`, in a coroutine given to the
// multi-threaded executor: the error names the value (`x<Rc<u32>>`), its
// `let`, and the `.await` that holds it, as rustc's does for an `async fn`.
use std::rc::Rc;

#[coro_runtime::coroutine]
fn child() -> u32 {
    coro_runtime::suspend!();
    1
}

#[coro_runtime::coroutine]
fn holds_rc_across_await() -> u32 {
    let x = Rc::new(5u32);
    let n = child().await;
    *x + n
}

fn main() {
    let ex = coro_runtime::sched::ThreadedExecutor::new(2);
    ex.spawn(holds_rc_across_await());
}
