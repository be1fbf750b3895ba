// The legacy lowering: a child cannot borrow a local of the awaiting frame
// while it is suspended (the default, in-place lowering can). Pass
// ownership instead, or clone.
#[coro_runtime::coroutine]
fn count(v: &[u8]) -> usize {
    coro_runtime::suspend!();
    v.len()
}

#[coro_runtime::coroutine(legacy)]
fn f() -> usize {
    let v = vec![1u8, 2, 3];
    count(&v).await
}

fn main() {}
