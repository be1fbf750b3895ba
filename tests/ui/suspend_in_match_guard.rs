// A match guard cannot suspend.
#[coro_runtime::coroutine]
fn check(n: u32) -> bool {
    n > 1
}

#[coro_runtime::coroutine]
fn f(v: Option<u32>) -> u32 {
    match v {
        Some(n) if check(n).await => n,
        _ => 0,
    }
}

fn main() {}
