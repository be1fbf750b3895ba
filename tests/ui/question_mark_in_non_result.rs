// `?` needs the coroutine to return `Result` or `Option`.
#[coro_runtime::coroutine]
fn f(s: &str) -> u32 {
    let n: u32 = s.parse().ok()?;
    n
}

fn main() {}
