// A `!Send` value bound by a `match` arm and kept across a point in the
// arm: the error names the binding, its pattern and the point, and goes
// through the storage the arms share (`Overlap`) without notes about
// `ManuallyDrop` or `MaybeDangling`.
use std::rc::Rc;

#[coro_runtime::coroutine]
fn arms(n: u32) -> u32 {
    match n {
        0 => 0,
        _ => match Some(Rc::new(n)) {
            Some(shared) => {
                coro_runtime::suspend!();
                *shared
            }
            None => 1,
        },
    }
}

fn main() {
    let ex = coro_runtime::sched::ThreadedExecutor::new(2);
    ex.spawn(arms(1));
}
