// Not supported yet by the in-place lowering: a method taking `self` on a
// value that lives across a suspension point (it stays in its slot, and the
// macro cannot tell such a method from one taking `&self`). Move it out
// first: `Iterator::count(it)`, or `{ it }.count()`.
#[coro_runtime::coroutine(inplace)]
fn f() -> usize {
    let v = vec![1, 2, 3];
    let it = v.iter();
    coro_runtime::suspend!();
    it.count()
}

fn main() {}
