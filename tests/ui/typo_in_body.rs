// A misspelt local is reported at the use. Still reported twice (the check
// copy suggests the right name; the state machine, where `total` lives in
// the frame, cannot).
#[coro_runtime::coroutine]
fn sum(v: Vec<u32>) -> u32 {
    let mut total = 0;
    for x in v {
        coro_runtime::suspend!();
        total += x;
    }
    totl
}

fn main() {}
