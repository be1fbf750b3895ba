// The runtime's hooks on `Coroutine` (`__frame`, `__withdraw`) take a token
// whose type is not exported: code outside the runtime cannot override
// them. Overriding `__frame` let safe code hand over a frame of another
// output type (../shared/repro/runtime/frame_type_confusion.rs, a forged
// `Vec`), or forward a borrowed frame as one the awaiter owns (a
// use-after-free once the awaiter is gone), or a frame that is not part of
// a `Sync` value to `AnyFrame::of_shared` (a data race). This is what a user
// who implements the hidden hook anyway gets.
use coro_runtime::__private::{FrameRef, Token};
use coro_runtime::{Coroutine, Status};
use core::pin::Pin;

#[coro_runtime::coroutine]
fn three() -> (usize, usize, usize) {
    (64, 0x4141_4141_4141, 64)
}

struct Forward<'a, C>(Pin<&'a mut C>);

impl<C: Coroutine> Coroutine for Forward<'_, C> {
    type Output = C::Output;
    fn resume(mut self: Pin<&mut Self>) -> Status {
        self.0.as_mut().resume()
    }
    fn take_output(mut self: Pin<&mut Self>) -> Option<C::Output> {
        self.0.as_mut().take_output()
    }
    fn is_returned(&self) -> bool {
        self.0.is_returned()
    }
    fn __frame(self: Pin<&Self>, t: Token) -> Option<FrameRef<'_, C::Output>> {
        self.get_ref().0.as_ref().__frame(t)
    }
}

fn main() {
    let mut frame = Box::pin(three());
    let _ = Forward(frame.as_mut());
}
