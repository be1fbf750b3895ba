// A `sched::MutexGuard` is `Sync` only when its value is, as std's guard:
// a shared guard hands `&T` to every thread that has it, and two threads
// using one `Cell` through it would race (../shared/repro/runtime/
// guard_sync_cell.rs, a data race before the fix).
use coro_runtime::sched::Mutex;
use std::cell::Cell;

fn main() {
    let m = Mutex::new(Cell::new(0u64));
    let g = m.try_lock().unwrap();
    let g = &g;
    std::thread::scope(|s| {
        s.spawn(move || g.set(g.get() + 1));
        s.spawn(move || g.set(g.get() + 1));
    });
}
