// Not supported by the in-place lowering: a method taking `self`, whose name
// the macro does not know as consuming (`into_*`, `unwrap`, `count`, ...;
// see docs/limitations.md), on a value that lives across a suspension point.
// The value stays in its slot, and the macro cannot tell such a method from
// one taking `&self`. Move it out first: `{ job }.run()` or `Job::run(job)`.
struct Job(String);

impl Job {
    fn run(self) -> usize {
        self.0.len()
    }
}

#[coro_runtime::coroutine]
fn f() -> usize {
    let job = Job(String::from("x"));
    coro_runtime::suspend!();
    job.run()
}

// The fixes the message names compile.
#[coro_runtime::coroutine]
fn g() -> usize {
    let a = Job(String::from("x"));
    let b = Job(String::from("y"));
    coro_runtime::suspend!();
    { a }.run() + Job::run(b)
}

fn main() {}
