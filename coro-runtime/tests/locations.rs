//! The transform keeps the user's spans: `Location::caller()`, a panic's
//! location (and so backtraces and debuggers) point at the user's line in
//! a `#[coroutine]` body, not at the attribute. Before, every expression
//! the transform reassembled (a call, an operator, a macro invocation)
//! took the attribute's span for its parentheses, and rustc reported the
//! attribute's line for all of them.

use std::panic::Location;
use std::sync::Mutex;

use coro_runtime::{Coroutine, Status, suspend};

#[track_caller]
fn here() -> u32 {
    Location::caller().line()
}

/// `(here(), line!())` pairs from several positions.
#[coro_runtime::coroutine]
fn positions(v: Vec<u32>) -> Vec<(u32, u32)> {
    let mut seen = vec![(here(), line!())];
    suspend!();
    seen.push((here(), line!()));
    let (s, line) = (format!("{}", here()), line!());
    seen.push((s.parse().unwrap(), line));
    for x in &v {
        seen.push((here() + x - x, line!()));
        suspend!();
    }
    let n = v.len() as u32;
    seen.push((n.saturating_sub(n) + here(), line!()));
    let f = || (here(), line!());
    seen.push(f());
    seen
}

#[test]
fn location_caller_is_the_users_line() {
    let out = coro_runtime::run(positions(vec![1, 2]));
    assert_eq!(out.len(), 7);
    for (got, expected) in out {
        assert_eq!(got, expected);
    }
}

#[coro_runtime::coroutine]
fn fails(after: bool) -> u32 {
    suspend!();
    if after {
        panic!("boom"); // PANIC LINE
    }
    1
}

/// The file and line of the panic `run` raises, on the thread of test
/// `test` (the panic hook is the process's: other tests' panics go to the
/// previous hook).
fn panic_location(
    test: &'static str,
    run: impl FnOnce() + std::panic::UnwindSafe,
) -> (String, u32) {
    static SEEN: Mutex<Option<(String, u32)>> = Mutex::new(None);
    static HOOK: Mutex<()> = Mutex::new(());
    let _one_hook_at_a_time = HOOK.lock().unwrap_or_else(|e| e.into_inner());
    let previous = std::sync::Arc::new(std::panic::take_hook());
    let forward = previous.clone();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(test) {
            let loc = info.location().unwrap();
            *SEEN.lock().unwrap() = Some((loc.file().to_string(), loc.line()));
        } else {
            forward(info);
        }
    }));
    let result = std::panic::catch_unwind(run);
    let _ = std::panic::take_hook();
    drop(previous);
    assert!(result.is_err());
    SEEN.lock().unwrap().take().unwrap()
}

/// The line of this file that ends with `marker`.
fn marked_line(marker: &str) -> u32 {
    let source = include_str!("locations.rs");
    source.lines().position(|l| l.ends_with(marker)).unwrap() as u32 + 1
}

#[test]
fn a_panic_reports_the_users_line() {
    let (file, line) = panic_location("a_panic_reports_the_users_line", || {
        let mut f = Box::pin(fails(true));
        assert_eq!(f.as_mut().resume(), Status::Suspended);
        f.as_mut().resume();
    });
    assert!(file.ends_with("locations.rs"), "{file}");
    assert_eq!(line, marked_line("// PANIC LINE"));
}

#[coro_runtime::coroutine(yield = u32, resume = bool)]
fn takes_values() {
    let _first: bool = suspend!(1u32); // MISSING VALUE LINE
}

/// `resume()` where the `suspend!` expects a value from `resume_with`: the
/// panic names the `suspend!`'s line (it named the attribute's).
#[test]
fn a_missing_resume_value_reports_the_suspend_line() {
    use coro_runtime::Generator as _;
    let (file, line) = panic_location("a_missing_resume_value_reports_the_suspend_line", || {
        let mut g = Box::pin(takes_values());
        assert_eq!(g.as_mut().resume_with(false), Status::Suspended);
        g.as_mut().resume();
    });
    assert!(file.ends_with("locations.rs"), "{file}");
    assert_eq!(line, marked_line("// MISSING VALUE LINE"));
}
