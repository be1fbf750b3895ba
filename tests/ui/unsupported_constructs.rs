// Constructs the transform does not support yet: one error each, at the
// construct, saying what to write instead (docs/limitations.md).

#[coro_runtime::coroutine]
fn index() -> usize {
    coro_runtime::suspend!();
    1
}

#[coro_runtime::coroutine]
fn compound_assignment(mut v: Vec<u32>, x: u32) -> u32 {
    v[index().await] += x;
    v[0]
}

macro_rules! call {
    ($f:expr) => {
        $f()
    };
}

#[coro_runtime::coroutine]
fn move_closure_in_unknown_macro() -> usize {
    let d = String::from("d");
    coro_runtime::suspend!();
    call!(move || d.len())
}

#[coro_runtime::coroutine]
fn binding_in_unknown_macro() -> usize {
    let d = String::from("d");
    coro_runtime::suspend!();
    call!(|| {
        let d = 1;
        d
    }) + d.len()
}

fn main() {}
