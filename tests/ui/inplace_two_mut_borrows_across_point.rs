// Two `&mut` to one local held across a point: rejected as in an `async fn`.
#[coro_runtime::coroutine]
fn f() -> usize {
    let mut v = vec![1];
    let a = &mut v;
    let b = &mut v;
    coro_runtime::suspend!();
    a.push(2);
    b.push(3);
    v.len()
}

fn main() {}
