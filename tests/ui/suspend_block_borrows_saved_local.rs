// A suspend block runs after the coroutine's live values were moved into its
// frame: it cannot borrow one of them. Clone it into a `move` block.
#[coro_runtime::coroutine]
fn f() -> usize {
    let name = String::from("timer");
    coro_runtime::suspend!(|_me| println!("{}", name.len()));
    name.len()
}

fn main() {}
