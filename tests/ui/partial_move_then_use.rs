// The legacy lowering: after a field is moved out, the rest cannot be used
// across a suspension point (the default, in-place lowering allows it):
// destructure instead (`let (a, b) = pair;`).
#[coro_runtime::coroutine(legacy)]
fn f(pair: (String, String)) -> usize {
    let a = pair.0;
    coro_runtime::suspend!();
    a.len() + pair.1.len()
}

fn main() {}
