// A coroutine that awaits itself directly: its frame would contain itself.
#[coro_runtime::coroutine]
fn depth(n: u32) -> u32 {
    if n == 0 { 0 } else { depth(n - 1).await + 1 }
}

struct Tree;

impl Tree {
    #[coro_runtime::coroutine]
    fn walk(&self, n: u32) -> u32 {
        if n == 0 { 0 } else { self.walk(n - 1).await + Self::walk(self, n - 1).await }
    }
}

// Boxed, it is fine.
#[coro_runtime::coroutine]
fn boxed_depth(n: u32) -> u32 {
    if n == 0 { 0 } else { coro_runtime::boxed(boxed_depth(n - 1)).await + 1 }
}

fn main() {}
