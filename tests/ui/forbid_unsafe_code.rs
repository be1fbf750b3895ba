// A crate that forbids `unsafe_code` can use `#[coroutine]` (the generated
// code's `unsafe` is the macro's), and its own `unsafe` in a body is
// reported, once, at the user's block.
#![forbid(unsafe_code)]
use coro_runtime::suspend;

#[coro_runtime::coroutine]
fn child(v: &mut Vec<u32>) -> usize {
    suspend!();
    v.push(1);
    v.len()
}

#[coro_runtime::coroutine]
fn clean() -> usize {
    let mut v = vec![1];
    let n = child(&mut v).await;
    for i in 0..3 {
        suspend!();
        v.push(i);
    }
    let s = String::from("a");
    let t = &s;
    suspend!();
    n + t.len() + v.len()
}

#[coro_runtime::coroutine]
fn sneaky() -> u32 {
    let x = 5u32;
    suspend!();
    unsafe { *(&x as *const u32) }
}

fn main() {
    let _ = clean();
    let _ = sneaky();
}
