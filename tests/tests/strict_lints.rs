//! A crate with the lints a strict production crate turns on: the code
//! `#[coroutine]` generates must not trip them at the user's code (its
//! `unsafe` blocks, reborrows of slots, wrappers are the macro's). rustc's
//! lints are checked by `cargo test`, clippy's by CI's `cargo clippy
//! --all-targets -- -D warnings`.
#![forbid(unsafe_code)]
#![deny(
    unreachable_pub,
    unused_qualifications,
    unused_results,
    trivial_casts,
    trivial_numeric_casts,
    unused_lifetimes,
    single_use_lifetimes,
    let_underscore_drop,
    elided_lifetimes_in_paths
)]
#![deny(
    clippy::pedantic,
    clippy::undocumented_unsafe_blocks,
    clippy::multiple_unsafe_ops_per_block,
    clippy::unwrap_used
)]

use std::pin::pin;

use coro_runtime::{Coroutine, Status, suspend};

/// A child borrowing its awaiter's local.
#[coro_runtime::coroutine]
fn child(v: &mut Vec<u32>) -> usize {
    suspend!();
    v.push(1);
    v.len()
}

/// Borrows across points, a `for` over a borrow, a guarded `match`.
#[coro_runtime::coroutine]
fn parent(names: Vec<String>) -> usize {
    let mut v = vec![1];
    let n = child(&mut v).await;
    let mut total = 0;
    for name in &names {
        suspend!();
        total += name.len();
    }
    let s = String::from("abc");
    let t = &s;
    suspend!();
    match names.first() {
        Some(f) if f.is_empty() => {
            suspend!();
            0
        }
        Some(f) => f.len() + n + t.len() + total + v.len(),
        None => n,
    }
}

/// A generator.
#[coro_runtime::coroutine(yield = u32)]
fn numbers(n: u32) {
    for i in 0..n {
        suspend!(i * 2);
    }
}

#[test]
fn strict_lints_accept_generated_code() {
    let mut p = pin!(parent(vec![String::from("xy"), String::from("z")]));
    let mut resumes = 1;
    while p.as_mut().resume() == Status::Suspended {
        resumes += 1;
    }
    // 1 suspension in the child, 2 in the loop, 1 before the match.
    assert_eq!(resumes, 5);
    assert_eq!(p.as_mut().take_output(), Some(2 + 2 + 3 + 3 + 2));
    let sum: u32 = coro_runtime::iter(pin!(numbers(4))).sum();
    assert_eq!(sum, 12);
}
