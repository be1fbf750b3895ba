// `select!` trusts its cases' lock keys (two cases with one key share one
// lock, taken once): a case with a forged key would let a select touch a
// channel without its lock. So `Case` is sealed: only the runtime's
// operations are cases.
use coro_runtime::sched::Case;
use core::pin::Pin;
use core::task::Waker;

struct Forged(usize);

impl Case for Forged {
    type Output = ();
    fn lock_key(self: Pin<&Self>) -> usize {
        self.0
    }
    fn lock(self: Pin<&Self>) {}
    unsafe fn unlock(self: Pin<&Self>) {}
    unsafe fn try_now(self: Pin<&mut Self>) -> Option<()> {
        None
    }
    unsafe fn register(
        self: Pin<&mut Self>,
        _: &Waker,
        _: *const (),
        _: usize,
    ) {
    }
    fn finish(self: Pin<&mut Self>, _: bool) -> Option<()> {
        None
    }
    fn rewake(self: Pin<&Self>, _: &Waker) {}
}

fn main() {}
