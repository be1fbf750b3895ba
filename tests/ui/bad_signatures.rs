// Functions that cannot be coroutines; every error is reported at once.
#[coro_runtime::coroutine]
async fn already_async() {}

#[coro_runtime::coroutine]
const fn constant() {}

#[coro_runtime::coroutine]
unsafe fn not_safe() {}

#[coro_runtime::coroutine]
extern "C" fn foreign() {}

#[coro_runtime::coroutine]
fn never() -> ! {
    loop {}
}

fn main() {}
