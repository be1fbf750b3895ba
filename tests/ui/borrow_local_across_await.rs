// Not supported yet: a child that borrows a local of the awaiting frame
// while it is suspended. Pass ownership instead, or clone.
#[coro_runtime::coroutine]
fn count(v: &[u8]) -> usize {
    coro_runtime::suspend!();
    v.len()
}

#[coro_runtime::coroutine]
fn f() -> usize {
    let v = vec![1u8, 2, 3];
    count(&v).await
}

fn main() {}
