//! Every kind of fn the attribute applies to: free, generic, methods taking
//! `self`, `&self`, `&mut self`, lifetimes, `where` clauses, `impl Trait`
//! arguments, patterns in parameters; and hygiene.

use std::fmt::Debug;

use coro_runtime::{Coroutine, Status, coro, run, suspend};

// Hygiene: a module named `core`, and locals named like the generated ones,
// must not disturb the expansion.
#[allow(dead_code)]
mod core {}

#[coro_runtime::coroutine]
fn generic_sum<T: Copy + std::ops::Add<Output = T>>(items: Vec<T>, zero: T) -> T {
    let mut total = zero;
    for item in items {
        suspend!();
        total = total + item;
    }
    total
}

#[coro_runtime::coroutine]
fn with_where<K, V>(pairs: Vec<(K, V)>) -> usize
where
    K: Debug,
    V: Debug + Clone,
{
    let mut n = 0;
    for (k, v) in pairs {
        let shown = format!("{k:?}={:?}", v.clone());
        suspend!();
        n += shown.len();
    }
    n
}

#[coro_runtime::coroutine]
fn borrows_args<'a, 'b>(first: &'a str, second: &'b [u8]) -> (&'a str, usize) {
    suspend!();
    (first, second.len())
}

#[coro_runtime::coroutine]
fn elided(text: &str, extra: &str) -> usize {
    suspend!();
    text.len() + extra.len()
}

#[coro_runtime::coroutine]
fn impl_trait_argument(items: impl IntoIterator<Item = u32>, label: impl AsRef<str>) -> String {
    let mut out = String::from(label.as_ref());
    for i in items {
        suspend!();
        out.push_str(&i.to_string());
    }
    out
}

#[coro_runtime::coroutine]
fn patterns((a, b): (u8, u8), [c, d]: [u8; 2], mut e: u8) -> u8 {
    e += 1;
    suspend!();
    a + b + c + d + e
}

#[coro_runtime::coroutine]
fn uses_generated_names(__cx: u8, __saved: u8, __args: u8, __out: u8, __frame: u8) -> u8 {
    let __t1 = 1u8;
    let __child = 2u8;
    suspend!();
    __cx + __saved + __args + __out + __frame + __t1 + __child
}

#[coro]
fn short_alias() -> u8 {
    suspend!();
    5
}

struct Counter {
    count: u32,
    name: String,
}

impl Counter {
    #[coro_runtime::coroutine]
    fn add(&mut self, n: u32) -> u32 {
        for _ in 0..n {
            suspend!();
            self.count += 1;
        }
        self.count
    }

    #[coro_runtime::coroutine]
    fn describe(&self) -> String {
        let prefix = format!("{}:", self.name);
        suspend!();
        format!("{prefix}{}", self.count)
    }

    #[coro_runtime::coroutine]
    fn into_name(self) -> String {
        suspend!();
        self.name
    }

    #[coro_runtime::coroutine]
    fn consume_mut(mut self, extra: &str) -> String {
        self.name.push_str(extra);
        suspend!();
        self.name
    }

    #[coro_runtime::coroutine]
    fn make(count: u32) -> Counter {
        suspend!();
        Counter {
            count,
            name: "made".into(),
        }
    }
}

trait Greeter {
    fn greet(&self) -> impl Coroutine<Output = String> + '_;
}

struct English;

impl Greeter for English {
    #[coro_runtime::coroutine]
    fn greet(&self) -> String {
        suspend!();
        "hello".to_string()
    }
}

/// The in-place lowering on a trait method: its signature must match the
/// trait's (no lifetime parameter is added to a method without type
/// parameters of its own).
struct French;

impl Greeter for French {
    #[coro_runtime::coroutine]
    fn greet(&self) -> String {
        let word = String::from("bonjour");
        let view = word.as_str();
        suspend!();
        view.to_string()
    }
}

mod renamed {
    // The runtime under another name: `#[coroutine(crate = ...)]`.
    pub use coro_runtime as rt;

    #[rt::coroutine(crate = crate::renamed::rt)]
    pub fn via_renamed() -> u8 {
        rt::suspend!();
        9
    }
}

fn steps<C: Coroutine>(c: C) -> (usize, C::Output) {
    let mut c = std::pin::pin!(c);
    let mut n = 0;
    while c.as_mut().resume() == Status::Suspended {
        n += 1;
    }
    (n, c.as_mut().take_output().unwrap())
}

#[test]
fn free_and_generic_fns() {
    assert_eq!(steps(generic_sum(vec![1, 2, 3], 0)), (3, 6));
    assert_eq!(steps(generic_sum(vec![1.5, 2.5], 0.0)), (2, 4.0));
    assert_eq!(run(with_where(vec![(1, "a"), (2, "b")])), 10);
}

#[test]
fn lifetimes_and_elision() {
    let text = String::from("abc");
    let bytes = vec![1u8, 2];
    let (s, n) = run(borrows_args(&text, &bytes));
    assert_eq!((s, n), ("abc", 2));
    assert_eq!(run(elided("ab", "cde")), 5);
}

#[test]
fn impl_trait_and_pattern_arguments() {
    assert_eq!(run(impl_trait_argument(vec![1, 2], "n:")), "n:12");
    assert_eq!(steps(patterns((1, 2), [3, 4], 5)), (1, 16));
}

#[test]
fn generated_names_do_not_clash_with_user_names() {
    assert_eq!(run(uses_generated_names(1, 2, 3, 4, 5)), 18);
}

#[test]
fn short_alias_works() {
    assert_eq!(run(short_alias()), 5);
}

#[test]
fn methods() {
    let mut c = Counter {
        count: 0,
        name: "c".into(),
    };
    assert_eq!(steps(c.add(3)), (3, 3));
    assert_eq!(run(c.describe()), "c:3");
    assert_eq!(run(c.consume_mut("+")), "c+");
    let c = run(Counter::make(7));
    assert_eq!(c.count, 7);
    assert_eq!(run(c.into_name()), "made");
}

#[test]
fn trait_methods_returning_impl_coroutine() {
    assert_eq!(run(English.greet()), "hello");
    assert_eq!(run(French.greet()), "bonjour");
}

#[test]
fn renamed_runtime_path() {
    assert_eq!(run(renamed::via_renamed()), 9);
}

#[test]
fn frames_are_send_when_their_contents_are() {
    fn assert_send<T: Send>(_: &T) {}
    let f = generic_sum(vec![1u64], 0);
    assert_send(&f);
    let handle = std::thread::spawn(move || run(f));
    assert_eq!(handle.join().unwrap(), 1);
}
