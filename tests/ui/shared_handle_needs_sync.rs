// A shared handle needs a `Sync` frame: one whose values are `Send`.
use coro_runtime::AnyFrame;
use std::rc::Rc;

#[coro_runtime::coroutine]
fn f(rc: Rc<u32>) -> u32 {
    coro_runtime::suspend!();
    *rc
}

fn main() {
    let frame = std::pin::pin!(f(Rc::new(1)));
    let _shared = AnyFrame::of_shared(frame.as_ref());
}
