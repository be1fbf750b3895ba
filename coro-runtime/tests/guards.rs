//! The guards: resuming a frame that cannot be resumed panics with a fixed
//! message, and a panic in the body poisons the frame.

use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;

use coro_runtime::{Coroutine, Status, suspend};

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce()) -> String {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    let payload = result.expect_err("expected a panic");
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else {
        "<non-string panic>".to_string()
    }
}

#[coro_runtime::coroutine]
fn two_steps() -> u32 {
    suspend!();
    7
}

#[test]
fn resuming_a_returned_coroutine_panics() {
    let mut f = pin!(two_steps());
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    assert_eq!(f.as_mut().resume(), Status::Returned);
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert_eq!(message, "resumed a coroutine which already returned");
    // Still returned, and the output is still there.
    assert!(f.is_returned());
    assert_eq!(f.as_mut().take_output(), Some(7));
    // After the output is taken it still reports the same guard.
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert_eq!(message, "resumed a coroutine which already returned");
}

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        LOG.with(|l| l.borrow_mut().push(format!("drop {}", self.0)));
    }
}

fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

#[coro_runtime::coroutine]
fn panics_on_second_resume(fail: bool) -> u32 {
    let _kept = Noisy("kept");
    suspend!();
    let _local = Noisy("local");
    if fail {
        panic!("the body panicked");
    }
    1
}

#[test]
fn a_panic_poisons_the_frame() {
    take_log();
    let mut f = Box::pin(panics_on_second_resume(true));
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert_eq!(message, "the body panicked");
    // Unwinding dropped the live values, innermost first, once.
    assert_eq!(take_log(), ["drop local", "drop kept"]);
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert_eq!(message, "resumed a coroutine after it panicked");
    assert!(!f.is_returned());
    assert_eq!(f.as_mut().take_output(), None);
    drop(f);
    // Dropping the poisoned frame drops nothing more.
    assert!(take_log().is_empty());
}

#[coro_runtime::coroutine]
fn inner_panics() -> u32 {
    let _inner = Noisy("inner");
    suspend!();
    panic!("inner failed");
}

#[coro_runtime::coroutine]
fn outer_awaits() -> u32 {
    let _outer = Noisy("outer");
    let v = inner_panics().await;
    v + 1
}

#[test]
fn a_panic_in_an_awaited_frame_poisons_the_chain() {
    take_log();
    let mut f = Box::pin(outer_awaits());
    assert_eq!(f.as_mut().resume(), Status::Suspended);
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert_eq!(message, "inner failed");
    // As when a panic unwinds through nested `poll`s: the inner frame's
    // values, then the outer frame's.
    assert_eq!(take_log(), ["drop inner", "drop outer"]);
    let message = panic_message(|| {
        f.as_mut().resume();
    });
    assert_eq!(message, "resumed a coroutine after it panicked");
    drop(f);
    assert!(take_log().is_empty());
}

#[test]
fn run_drives_to_completion() {
    assert_eq!(coro_runtime::run(two_steps()), 7);
}

#[test]
fn a_frame_does_nothing_until_resumed() {
    take_log();
    let f = panics_on_second_resume(true);
    assert!(!f.is_returned());
    drop(f);
    assert!(take_log().is_empty());
}
