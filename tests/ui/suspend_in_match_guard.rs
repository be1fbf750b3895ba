// The legacy lowering: a match guard cannot suspend (the default, in-place
// lowering can).
#[coro_runtime::coroutine]
fn check(n: u32) -> bool {
    n > 1
}

#[coro_runtime::coroutine(legacy)]
fn f(v: Option<u32>) -> u32 {
    match v {
        Some(n) if check(n).await => n,
        _ => 0,
    }
}

fn main() {}
