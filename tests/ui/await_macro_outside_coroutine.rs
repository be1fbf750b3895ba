// `r#await!` outside a #[coroutine] fn.
fn main() {
    let _ = coro_runtime::r#await!(std::future::ready(1));
}
