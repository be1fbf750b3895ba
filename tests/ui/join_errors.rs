// `join!` mistakes: no coroutine, more than a tuple takes, a value that is
// not a coroutine, and `join!` outside a coroutine.
use coro_runtime::join;

#[coro_runtime::coroutine]
fn unit() {}

#[coro_runtime::coroutine]
fn empty() {
    join!();
}

#[coro_runtime::coroutine]
fn too_many() {
    join!(unit(), unit(), unit(), unit(), unit(), unit(), unit(), unit(), unit(), unit(), unit(), unit(), unit());
}

#[coro_runtime::coroutine]
fn not_a_coroutine() {
    let _ = join!(unit(), 5);
}

fn outside() {
    join!(unit());
}

fn main() {}
