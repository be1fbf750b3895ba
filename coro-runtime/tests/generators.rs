//! Generators: `suspend!(value)`, `resume_with`, `take_yield` and `iter`.
//! The step-by-step comparison with `async fn` twins is in the
//! differential suite (tests/src/cases/yields.rs); these test the API's
//! edges.

use std::cell::RefCell;
use std::pin::pin;
use std::rc::Rc;

use coro_runtime::{Coroutine, Generator, Status, suspend};

#[coro_runtime::coroutine(yield = u64)]
fn fibonacci(n: usize) {
    let (mut a, mut b) = (0, 1);
    for _ in 0..n {
        suspend!(a);
        (a, b) = (b, a + b);
    }
}

#[test]
fn iter_collects_what_a_generator_hands_out() {
    let v: Vec<u64> = coro_runtime::iter(pin!(fibonacci(10))).collect();
    assert_eq!(v, [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]);
    // Boxed, and through `&mut` of a pinned frame.
    assert_eq!(coro_runtime::iter(Box::pin(fibonacci(3))).sum::<u64>(), 2);
    let mut frame = pin!(fibonacci(4));
    let mut it = coro_runtime::iter(frame.as_mut());
    assert_eq!(it.next(), Some(0));
    assert_eq!(it.next(), Some(1));
    drop(it);
    // The frame goes on where the iterator left it.
    assert_eq!(frame.as_mut().resume(), Status::Suspended);
    assert_eq!(frame.as_mut().take_yield(), Some(1));
}

#[test]
fn iter_is_fused_and_skips_plain_suspensions() {
    #[coro_runtime::coroutine(yield = char)]
    fn letters() -> u32 {
        suspend!('a');
        suspend!();
        suspend!();
        suspend!('b');
        7
    }
    let mut it = coro_runtime::iter(Box::pin(letters()));
    assert_eq!(it.next(), Some('a'));
    assert_eq!(it.next(), Some('b'));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
    let mut frame = it.into_inner();
    assert_eq!(frame.as_mut().take_output(), Some(7));
}

#[test]
fn iter_goes_through_awaits_and_delegations() {
    #[coro_runtime::coroutine]
    fn child() -> u32 {
        suspend!();
        suspend!();
        5
    }
    #[coro_runtime::coroutine(yield = u32)]
    fn inner() -> u32 {
        suspend!(20);
        suspend!(21);
        2
    }
    #[coro_runtime::coroutine(yield = u32)]
    fn mixed() {
        // An await first: the first resume runs into the child.
        let n = child().await;
        suspend!(n);
        let m = coro_runtime::yield_from!(inner());
        suspend!(m);
        let k = child().await + 1;
        suspend!(k);
        // A delegation as the last statement, to a boxed child.
        coro_runtime::yield_from!(coro_runtime::boxed_generator(inner()));
    }
    let v: Vec<u32> = coro_runtime::iter(pin!(mixed())).collect();
    assert_eq!(v, [5, 20, 21, 2, 6, 20, 21]);
}

#[test]
fn an_inlined_generator_hands_out_the_same_values() {
    // `inline` changes where the body's code goes, not what it does.
    #[coro_runtime::coroutine(yield = u64, inline)]
    fn squares(n: u64) -> u64 {
        let mut total = 0;
        for i in 0..n {
            let label = format!("{i}");
            suspend!(i * i);
            total += label.len() as u64;
        }
        total
    }
    let mut g = Box::pin(squares(12));
    let values: Vec<u64> = coro_runtime::iter(g.as_mut()).collect();
    assert_eq!(values, (0..12).map(|i| i * i).collect::<Vec<_>>());
    assert_eq!(g.as_mut().take_output(), Some(14));
    // Dropped mid-way, it drops its `String`.
    let mut g = Box::pin(squares(3));
    assert_eq!(coro_runtime::iter(g.as_mut()).next(), Some(0));
    drop(g);
}

/// Logs its drop.
struct Noisy(&'static str, Rc<RefCell<Vec<String>>>);

impl Drop for Noisy {
    fn drop(&mut self) {
        self.1.borrow_mut().push(format!("drop {}", self.0));
    }
}

#[coro_runtime::coroutine(yield = Noisy, resume = Noisy)]
fn exchange(log: Rc<RefCell<Vec<String>>>) {
    let got = suspend!(Noisy("out 1", log.clone()));
    log.borrow_mut().push(format!("got {}", got.0));
    drop(got);
    let _kept = suspend!(Noisy("out 2", log.clone()));
    suspend!(Noisy("out 3", log.clone()));
    log.borrow_mut().push("end".into());
}

#[test]
fn every_value_in_and_out_is_dropped_once() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let take = |log: &Rc<RefCell<Vec<String>>>| std::mem::take(&mut *log.borrow_mut());
    {
        let mut g = pin!(exchange(log.clone()));
        // The value of the resume that starts the frame is dropped unseen.
        g.as_mut().resume_with(Noisy("in 0", log.clone()));
        assert_eq!(take(&log), ["drop in 0"]);
        let out = g.as_mut().take_yield().unwrap();
        assert_eq!(out.0, "out 1");
        assert!(g.as_mut().take_yield().is_none(), "taken twice");
        drop(out);
        assert_eq!(take(&log), ["drop out 1"]);
        g.as_mut().resume_with(Noisy("in 1", log.clone()));
        assert_eq!(take(&log), ["got in 1", "drop in 1"]);
        // Not taken: dropped when the frame is entered again.
        g.as_mut().resume_with(Noisy("in 2", log.clone()));
        assert_eq!(take(&log), ["drop out 2"]);
        // Not taken, then the frame is dropped: its locals, then the value.
    }
    assert_eq!(take(&log), ["drop in 2", "drop out 3"]);
}

#[test]
fn resume_without_a_value_panics_where_one_is_awaited() {
    #[coro_runtime::coroutine(resume = String)]
    fn takes() -> String {
        let s = suspend!();
        s
    }
    let mut g = Box::pin(takes());
    assert_eq!(g.as_mut().resume(), Status::Suspended);
    let panic =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| g.as_mut().resume())).unwrap_err();
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap();
    assert!(
        message.contains("resume it with `resume_with`"),
        "{message}"
    );
    // The frame is poisoned, as after any panic of its body.
    let again = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        g.as_mut().resume_with(String::new())
    }))
    .unwrap_err();
    assert_eq!(
        again.downcast_ref::<String>().map(String::as_str),
        Some("resumed a coroutine after it panicked")
    );
}

#[test]
fn a_value_passed_during_an_await_is_dropped() {
    #[coro_runtime::coroutine]
    fn child() -> u32 {
        suspend!();
        5
    }
    #[coro_runtime::coroutine(yield = u32, resume = u32)]
    fn parent() -> u32 {
        let n = child().await;
        let x = suspend!(n);
        n + x
    }
    let mut g = pin!(parent());
    assert_eq!(g.as_mut().resume_with(100), Status::Suspended); // in child
    assert_eq!(g.as_mut().take_yield(), None);
    assert_eq!(g.as_mut().resume_with(200), Status::Suspended); // dropped: in child
    assert_eq!(g.as_mut().take_yield(), Some(5));
    assert_eq!(g.as_mut().resume_with(1), Status::Returned);
    assert_eq!(g.as_mut().take_output(), Some(6));
    assert_eq!(g.as_mut().take_yield(), None);
}

#[test]
fn generators_run_under_the_plain_drivers_too() {
    // `run` resumes without taking the values: each is dropped.
    assert_eq!(coro_runtime::run(fibonacci(5)), ());
}

#[test]
fn generators_are_send_when_their_values_are() {
    fn send<T: Send>(_: &T) {}
    let g = fibonacci(3);
    send(&g);
    let handle = std::thread::spawn(move || coro_runtime::iter(pin!(g)).count());
    assert_eq!(handle.join().unwrap(), 3);
}

#[coro_runtime::coroutine(yield = u32)]
fn numbers(n: u32) -> u32 {
    for i in 0..n {
        suspend!(i);
    }
    n
}

#[test]
fn a_generator_delegated_to_by_reference_hands_out_to_its_own_resumer_after() {
    type Numbers<'a> = coro_runtime::BoxedGenerator<'a, u32, (), u32>;
    #[coro_runtime::coroutine(yield = u32)]
    fn borrows<'a>(g: &'a mut Numbers<'static>) -> u32 {
        coro_runtime::yield_from!(g)
    }
    let mut g: Numbers<'static> = coro_runtime::boxed_generator(numbers(4));
    {
        let mut d = Box::pin(borrows(&mut g));
        assert_eq!(d.as_mut().resume(), Status::Suspended);
        assert_eq!(d.as_mut().take_yield(), Some(0));
        assert_eq!(d.as_mut().resume(), Status::Suspended);
        // Dropped while delegating: the child stays with its owner.
    }
    let mut g = std::pin::Pin::new(&mut g);
    assert_eq!(
        g.as_mut().take_yield(),
        None,
        "the value went to the delegator"
    );
    assert_eq!(g.as_mut().resume(), Status::Suspended);
    assert_eq!(g.as_mut().take_yield(), Some(2));
    let rest: Vec<u32> = coro_runtime::iter(g.as_mut()).collect();
    assert_eq!(rest, [3]);
    assert_eq!(g.as_mut().take_output(), Some(4));
}

#[test]
fn delegation_to_recursion_depth_two_hundred() {
    #[coro_runtime::coroutine(yield = u32)]
    fn nested(depth: u32) -> u32 {
        if depth == 0 {
            return yield_from!(numbers(3));
        }
        suspend!(depth);
        yield_from!(coro_runtime::boxed_generator(nested(depth - 1))) + 1
    }
    use coro_runtime::yield_from;
    let mut g = Box::pin(nested(200));
    let values: Vec<u32> = coro_runtime::iter(g.as_mut()).collect();
    let expected: Vec<u32> = (1..=200).rev().chain(0..3).collect();
    assert_eq!(values, expected);
    assert_eq!(g.as_mut().take_output(), Some(203));
}

#[test]
fn a_recursive_send_generator_delegates_to_its_boxed_calls_on_another_thread() {
    #[coro_runtime::coroutine(yield = u32, send)]
    fn nested(depth: u32) -> u32 {
        if depth == 0 {
            return yield_from!(numbers(3));
        }
        suspend!(depth);
        yield_from!(coro_runtime::boxed_generator_send(nested(depth - 1))) + 1
    }
    use coro_runtime::yield_from;
    let g = coro_runtime::boxed_generator_send(nested(50));
    let (values, output) = std::thread::spawn(move || {
        let mut it = g.into_iter();
        let values: Vec<u32> = it.by_ref().collect();
        let mut g = it.into_inner();
        (values, std::pin::Pin::new(&mut g).take_output())
    })
    .join()
    .unwrap();
    let expected: Vec<u32> = (1..=50).rev().chain(0..3).collect();
    assert_eq!(values, expected);
    assert_eq!(output, Some(53));
}

#[test]
fn types_spelled_in_the_body_need_no_attribute_arguments() {
    // The yield type from a cast, a suffixed literal, a string literal or a
    // typed parameter; the resume type from a typed `let`.
    #[coro_runtime::coroutine]
    fn widened(n: u32) {
        for i in 0..n {
            suspend!(i as u64);
        }
        suspend!(u64::MAX);
    }
    #[coro_runtime::coroutine]
    fn words(first: &'static str) -> usize {
        suspend!(first);
        suspend!("second");
        2
    }
    #[coro_runtime::coroutine]
    fn echo() -> u32 {
        let got: u32 = suspend!(0u8);
        suspend!(1u8);
        got
    }
    let v: Vec<u64> = coro_runtime::iter(pin!(widened(2))).collect();
    assert_eq!(v, [0, 1, u64::MAX]);
    let w: Vec<&str> = coro_runtime::iter(pin!(words("first"))).collect();
    assert_eq!(w, ["first", "second"]);
    let mut e = pin!(echo());
    e.as_mut().resume();
    assert_eq!(e.as_mut().take_yield(), Some(0u8));
    e.as_mut().resume_with(41u32);
    assert_eq!(e.as_mut().take_yield(), Some(1u8));
    assert_eq!(e.as_mut().resume_with(0), Status::Returned);
    assert_eq!(e.as_mut().take_output(), Some(41));
}
