// A handle borrows its frame: it cannot outlive it, and the frame cannot
// move while a handle exists.
use coro_runtime::AnyFrame;

#[coro_runtime::coroutine]
fn f() {
    coro_runtime::suspend!();
}

fn main() {
    let handle;
    {
        let frame = std::pin::pin!(f());
        handle = AnyFrame::of(frame.as_ref());
    }
    handle.resume();

    let frame = Box::pin(f());
    let h = AnyFrame::of(frame.as_ref());
    let moved = frame;
    h.resume();
    drop(moved);
}
