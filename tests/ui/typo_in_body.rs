// A misspelt local is reported once, at the use, with the suggestion of the
// right name (it was reported twice: the state machine, where `total` lives
// in the frame, had no local of that name to suggest). The same for names
// bound by a `for` pattern or a `match` arm whose body suspends.
#[coro_runtime::coroutine]
fn sum(v: Vec<u32>) -> u32 {
    let mut total = 0;
    for x in v {
        coro_runtime::suspend!();
        total += x;
    }
    totl
}

#[coro_runtime::coroutine]
fn count(v: Vec<u32>) -> u32 {
    let mut total = 0;
    for item in v {
        coro_runtime::suspend!();
        total += itme;
    }
    total
}

#[coro_runtime::coroutine]
fn first(v: Option<u32>) -> u32 {
    match v {
        Some(value) => {
            coro_runtime::suspend!();
            valeu
        }
        None => 0,
    }
}

fn main() {}
