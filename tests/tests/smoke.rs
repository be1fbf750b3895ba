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
