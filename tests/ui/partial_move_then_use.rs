// After a field is moved out, the rest cannot be used across a suspension
// point: destructure instead (`let (a, b) = pair;`).
#[coro_runtime::coroutine]
fn f(pair: (String, String)) -> usize {
    let a = pair.0;
    coro_runtime::suspend!();
    a.len() + pair.1.len()
}

fn main() {}
