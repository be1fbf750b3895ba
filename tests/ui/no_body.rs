// A trait method without a body cannot be a coroutine: declare it as
// returning `impl Coroutine<Output = T>`.
trait Task {
    #[coro_runtime::coroutine]
    fn run(&self) -> u32;
}

fn main() {}
