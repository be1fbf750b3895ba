// Moving a local while a reference to it is held across a point.
#[coro_runtime::coroutine]
fn f() -> usize {
    let s = String::from("borrowed");
    let r = &s;
    coro_runtime::suspend!();
    let moved = s;
    r.len() + moved.len()
}

fn main() {}
