// A reference kept across a point after its local's scope ended.
#[coro_runtime::coroutine]
fn f() -> i32 {
    let r;
    {
        let x = 5;
        r = &x;
    }
    coro_runtime::suspend!();
    *r
}

fn main() {}
