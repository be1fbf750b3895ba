// A misspelt local is reported once, at the use, with the suggestion of the
// right name (it was reported twice: the state machine, where `total` lives
// in the frame, had no local of that name to suggest).
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
