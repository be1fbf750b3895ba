use coro_runtime::{Coroutine, Status, suspend};

#[coro_runtime::coroutine]
fn load(id: u32) -> String {
    suspend!();
    format!("item {id}")
}

#[coro_runtime::coroutine]
fn load_all(ids: Vec<u32>, log: &mut Vec<String>) -> usize {
    let mut n = 0;
    for id in ids {
        let item = load(id).await;
        log.push(item);
        n += 1;
    }
    n
}

#[coro_runtime::coroutine]
fn counter(n: u64) -> u64 {
    let mut s = 0;
    for i in 0..n {
        suspend!();
        s += i;
    }
    s
}

#[test]
fn brief_example() {
    let mut log = Vec::new();
    {
        let mut frame = core::pin::pin!(load_all(vec![1, 2], &mut log));
        while frame.as_mut().resume() == Status::Suspended {}
        assert_eq!(frame.as_mut().take_output(), Some(2));
    }
    assert_eq!(log, ["item 1", "item 2"]);
}

#[test]
fn counter_works() {
    assert_eq!(coro_runtime::run(counter(5)), 10);
}

/// A suspension point after a statement that always panics (repro
/// peer_panic_then_suspend): compiles (the removed legacy lowering failed
/// with E0282) and panics on the first resume, which poisons the frame.
/// (`inplace`, the only lowering, is still accepted as an option.)
#[allow(unreachable_code)]
#[coro_runtime::coroutine(inplace)]
fn panics_then_suspends() {
    panic!("first");
    coro_runtime::suspend!();
}

#[test]
fn panic_before_a_suspension_point() {
    use coro_runtime::Coroutine;
    let mut frame = Box::pin(panics_then_suspends());
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        frame.as_mut().resume();
    }));
    assert!(caught.is_err());
    assert!(!frame.is_returned());
}
