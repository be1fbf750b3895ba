// A suspend block runs once the frame is suspended, and the frame may be
// resumed and finish from inside it: it cannot borrow a value of the frame,
// and takes the ones it names (copies, for `Copy` ones). A value used after
// the point must be cloned first: `let n = name.clone();` and `n` in the
// block.
#[coro_runtime::coroutine]
fn f() -> usize {
    let name = String::from("timer");
    coro_runtime::suspend!(|_me| println!("{}", name.len()));
    name.len()
}

fn main() {}
