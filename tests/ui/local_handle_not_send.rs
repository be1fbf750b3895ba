// A local handle stays on its thread.
use coro_runtime::AnyFrame;
use std::rc::Rc;

#[coro_runtime::coroutine]
fn f(rc: Rc<u32>) -> u32 {
    coro_runtime::suspend!();
    *rc
}

fn main() {
    let frame = std::pin::pin!(f(Rc::new(1)));
    let local = AnyFrame::of(frame.as_ref());
    std::thread::scope(|s| {
        s.spawn(move || local.resume());
    });
}
