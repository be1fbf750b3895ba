// The in-place lowering keeps values in the frame and reaches them through
// pointers; its check copy makes rustc judge the body as it would the
// `async fn`: a value moved before a point cannot be used after it.
#[coro_runtime::coroutine]
fn f() -> usize {
    let s = String::from("moved");
    let t = s;
    coro_runtime::suspend!();
    s.len() + t.len()
}

fn main() {}
