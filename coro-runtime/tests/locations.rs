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

#[test]
fn a_panic_reports_the_users_line() {
    static SEEN: Mutex<Option<(String, u32)>> = Mutex::new(None);
    let previous = std::sync::Arc::new(std::panic::take_hook());
    let forward = previous.clone();
    std::panic::set_hook(Box::new(move |info| {
        // Only this test's panic: the hook is the process's.
        if std::thread::current().name() == Some("a_panic_reports_the_users_line") {
            let loc = info.location().unwrap();
            *SEEN.lock().unwrap() = Some((loc.file().to_string(), loc.line()));
        } else {
            forward(info);
        }
    }));
    let result = std::panic::catch_unwind(|| {
        let mut f = Box::pin(fails(true));
        assert_eq!(f.as_mut().resume(), Status::Suspended);
        f.as_mut().resume();
    });
    let _ = std::panic::take_hook();
    drop(previous);
    assert!(result.is_err());
    let (file, line) = SEEN.lock().unwrap().clone().unwrap();
    let source = include_str!("locations.rs");
    let expected = source
        .lines()
        .position(|l| l.ends_with("// PANIC LINE"))
        .unwrap() as u32
        + 1;
    assert!(file.ends_with("locations.rs"), "{file}");
    assert_eq!(line, expected);
}
