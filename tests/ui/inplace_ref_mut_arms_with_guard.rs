// A known limit of the in-place lowering (docs/limitations.md): two arms
// that bind `ref mut` to the same value kept across a point, the first
// with a guard, are E0499 (rustc accepts the `async fn`). Bind in one arm
// and branch inside it instead.
struct Job {
    retries: u32,
    log: Vec<String>,
}

#[coro_runtime::coroutine]
fn f(round: u32) -> usize {
    let mut job = Job { retries: 0, log: Vec::new() };
    coro_runtime::suspend!();
    match job {
        Job { ref mut retries, ref mut log, .. } if round < 2 => {
            coro_runtime::suspend!();
            *retries += 1;
            log.push(String::new());
        }
        Job { ref mut log, .. } => log.push(String::new()),
    }
    job.log.len()
}

fn main() {}
