// `suspend!()` outside a #[coroutine] fn.
fn main() {
    coro_runtime::suspend!();
}
