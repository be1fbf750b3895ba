//! Awaits of operations that can complete at once (the runtime's channel
//! operations, a free lock): the awaiting coroutine continues in the same
//! run without storing anything, and the code after the `.await` runs in
//! the arm it is in. `maybe_ready(v, false)` suspends once instead, so
//! points that sometimes continue at once and sometimes suspend are covered.

#[allow(unused_imports)]
use crate::prelude::*;

/// Logs `name` and gives `x`: an effectful argument.
pub fn val(name: &'static str, x: u32) -> u32 {
    log!("{name}");
    x
}

pub fn pair(a: u32, b: u32) -> u32 {
    a * 10 + b
}

crate::differential! {
    /// Straight-line code across ready and suspending awaits, with a value to
    /// drop alive across both.
    case ready_then_suspending() {
        fn case() -> u32 {
            let d = D::new("d");
            let a = ready_now(1).await;
            log!("after ready {a}");
            let b = maybe_ready(2, false).await;
            log!("after suspending {b}");
            drop(d);
            a + b
        }
    }

    /// A loop whose one await point is ready on some iterations and suspends on
    /// others.
    case loop_alternating_readiness(6) {
        fn case(n: u32) -> u32 {
            let mut total = 0;
            let kept = D::new("kept");
            for i in 0..n {
                let tmp = D::new(format!("tmp {i}"));
                total += maybe_ready(i, i % 3 == 0).await;
                log!("iteration {i}, total {total}");
                drop(tmp);
            }
            drop(kept);
            total
        }
    }

    /// Ready awaits in conditions, scrutinees and the right side of `&&`.
    case ready_in_conditions(true) {
        fn case(c: bool) -> String {
            let mut out = String::new();
            if ready_now(c).await && maybe_ready(true, false).await {
                out.push('a');
            }
            while out.len() < 3 && maybe_ready(true, out.len() == 1).await {
                out.push('b');
            }
            match ready_now(Some(out.len())).await {
                Some(n) if n > 2 => out.push_str(&format!("{n}")),
                _ => out.push('?'),
            }
            out
        }
    }

    /// Ready awaits as arguments, after effectful arguments, and in macros.
    case ready_in_arguments() {
        fn case() -> Vec<u32> {
            let mut v = vec![val("first", 1)];
            v.push(val("second", 2) + ready_now(10).await);
            v.push(pair(val("x", 3), maybe_ready(4, false).await));
            let s = format!("{} {}", ready_now(5).await, maybe_ready(6, true).await);
            log!("{s}");
            v
        }
    }

    /// Early return and `?` right after ready awaits.
    case ready_then_early_exit(3) {
        fn case(limit: u32) -> Result<u32, String> {
            let guard = D::new("guard");
            let mut sum = 0;
            loop {
                let x: Result<u32, String> = ready_now(Ok(sum + 1)).await;
                sum = x?;
                if sum == limit {
                    log!("returning");
                    return Ok(sum + maybe_ready(100, false).await);
                }
                if sum > 10 {
                    break;
                }
            }
            drop(guard);
            Err("unreachable".into())
        }
    }

    /// A child that awaits ready operations, awaited by a parent.
    case child_with_ready_awaits() {
        fn case() -> u32 {
            let a = child(2).await;
            let b = child(3).await;
            a * b
        }
        fn child(n: u32) -> u32 {
            let d = D::new(format!("child {n}"));
            let x = ready_now(n).await;
            let y = maybe_ready(x + 1, n % 2 == 0).await;
            drop(d);
            x + y
        }
    }

    /// Dropping the frame after each step: values alive across a ready await
    /// are locals of the arm, not saved; the next suspension saves them.
    case drops_around_ready_awaits() {
        fn case() -> usize {
            let a = D::new("a");
            let x = ready_now(D::new("x")).await;
            let b = D::new("b");
            let y = maybe_ready(D::new("y"), false).await;
            let z = ready_now(D::new("z")).await;
            suspend!();
            log!("end");
            let n = a.name().len() + x.name().len() + b.name().len() + y.name().len() + z.name().len();
            n
        }
    }
}
