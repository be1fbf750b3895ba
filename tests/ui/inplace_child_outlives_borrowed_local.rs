// A child frame that borrows a local, awaited after the local was dropped.
#[coro_runtime::coroutine]
fn len(s: &str) -> usize {
    coro_runtime::suspend!();
    s.len()
}

#[coro_runtime::coroutine]
fn f() -> usize {
    let s = String::from("gone");
    let child = len(&s);
    drop(s);
    child.await
}

fn main() {}
