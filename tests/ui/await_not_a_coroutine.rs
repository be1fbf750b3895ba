// `.await` on something that is not a coroutine.
#[coro_runtime::coroutine]
fn f() -> u32 {
    let x = 5u32;
    x.await
}

fn main() {}
