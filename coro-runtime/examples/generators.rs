//! Generators: coroutines that hand a value out each time they suspend
//! (`suspend!(value)`) and take one in each time they are resumed
//! (`let x = suspend!()`).
//!
//! - `fibonacci`: an iterator written as a loop, through `coro_runtime::iter`;
//! - `walk`: an in-order tree walk, each subtree a generator its parent
//!   delegates to (`yield_from!`);
//! - `parser`: a parser fed one byte at a time by `resume_with`, handing out
//!   each number it completes.
//!
//! Run with `cargo run -p coro-runtime --example generators`.

use std::pin::pin;

use coro_runtime::{Coroutine, Generator, Status, boxed_generator, suspend, yield_from};

#[coro_runtime::coroutine(yield = u64)]
fn fibonacci(n: usize) {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        suspend!(a);
        (a, b) = (b, a + b);
    }
}

enum Tree {
    Leaf,
    Node(Box<Tree>, u32, Box<Tree>),
}

fn node(left: Tree, value: u32, right: Tree) -> Tree {
    Tree::Node(Box::new(left), value, Box::new(right))
}

/// In order, by delegation: each subtree is a generator of its own, boxed
/// since the function delegates to itself. A value goes straight from the
/// generator of its node to `iter`, however deep the node.
#[coro_runtime::coroutine(yield = u32)]
fn walk(tree: &Tree) {
    if let Tree::Node(left, value, right) = tree {
        yield_from!(boxed_generator(walk(left)));
        suspend!(*value);
        yield_from!(boxed_generator(walk(right)));
    }
}

/// Reads decimal numbers separated by anything else, one byte per resume
/// (`None` ends the input); hands out each number as it completes, and
/// returns how many it read.
#[coro_runtime::coroutine(yield = u64, resume = Option<u8>)]
fn parser() -> usize {
    let mut count = 0;
    let mut current: Option<u64> = None;
    loop {
        let byte = suspend!();
        match byte {
            Some(b @ b'0'..=b'9') => {
                current = Some(current.unwrap_or(0) * 10 + u64::from(b - b'0'));
            }
            other => {
                if let Some(n) = current.take() {
                    count += 1;
                    suspend!(n);
                }
                if other.is_none() {
                    return count;
                }
            }
        }
    }
}

fn main() {
    let fib: Vec<u64> = coro_runtime::iter(pin!(fibonacci(12))).collect();
    println!("fibonacci: {fib:?}");
    assert_eq!(fib[11], 89);

    let tree = node(
        node(Tree::Leaf, 1, node(Tree::Leaf, 2, Tree::Leaf)),
        3,
        node(Tree::Leaf, 4, Tree::Leaf),
    );
    let walked: Vec<u32> = coro_runtime::iter(pin!(walk(&tree))).collect();
    println!("in order:  {walked:?}");
    assert_eq!(walked, [1, 2, 3, 4]);

    let mut p = pin!(parser());
    let mut numbers = Vec::new();
    p.as_mut().resume(); // to the first `suspend!()`, which waits for a byte
    for byte in b"12, 7 and 305".iter().copied().map(Some).chain([None]) {
        let mut status = p.as_mut().resume_with(byte);
        // A completed number is handed out at a point of its own: take it,
        // and resume past it (that resume's value is not read there).
        while let Some(n) = p.as_mut().take_yield() {
            numbers.push(n);
            status = p.as_mut().resume_with(None);
        }
        if status == Status::Returned {
            break;
        }
    }
    let count = p.as_mut().take_output().expect("the parser returned");
    println!("parsed:    {numbers:?} ({count} numbers)");
    assert_eq!(numbers, [12, 7, 305]);
}
