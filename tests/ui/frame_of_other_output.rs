// A hand-written coroutine may forward the runtime's `__frame` question to
// a frame it holds, but only to one of its own output type: otherwise a
// handle of the declared output would take a value of another type
// (../shared/repro/runtime/frame_type_confusion.rs, a forged `Vec` before
// the fix). `__frame` is hidden from the docs; this is what a user who
// implements it anyway gets.
use coro_runtime::__private::{FrameRef, Token};
use coro_runtime::{Coroutine, Status};
use core::pin::Pin;

#[coro_runtime::coroutine]
fn three() -> (usize, usize, usize) {
    (64, 0x4141_4141_4141, 64)
}

struct Liar<C>(Pin<Box<C>>);

impl<C: Coroutine<Output = (usize, usize, usize)>> Coroutine for Liar<C> {
    type Output = Vec<u8>;
    fn resume(mut self: Pin<&mut Self>) -> Status {
        self.0.as_mut().resume()
    }
    fn take_output(self: Pin<&mut Self>) -> Option<Vec<u8>> {
        None
    }
    fn is_returned(&self) -> bool {
        self.0.is_returned()
    }
    fn __frame(self: Pin<&Self>, t: Token) -> Option<FrameRef<'_, Vec<u8>>> {
        self.get_ref().0.as_ref().__frame(t)
    }
}

fn main() {
    let _ = Liar(Box::pin(three()));
}
