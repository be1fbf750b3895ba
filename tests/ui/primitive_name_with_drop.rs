// A type of the user's named like a primitive, with drop glue: the
// transform takes a binding declared `x: u64` to need no drop, and says so
// at the type rather than leak the value.
#![allow(non_camel_case_types)]

use coro_runtime::suspend;

struct u64(String);

impl Drop for u64 {
    fn drop(&mut self) {
        println!("dropped {}", self.0);
    }
}

#[coro_runtime::coroutine]
fn keeps(name: String) -> usize {
    let x: u64 = u64(name);
    suspend!();
    x.0.len()
}

fn main() {
    let _ = keeps(String::from("a"));
}
