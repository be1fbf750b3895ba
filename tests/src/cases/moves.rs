//! Values moved before a suspension point, also conditionally: never saved
//! after the move, never dropped twice.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case moved_before(D::new("s")) {
        fn case(s: D) -> i32 {
            let t = D::new("t");
            drop(s);
            suspend!();
            log!("{}", t.name());
            1
        }
    }

    case conditionally_moved_true(D::new("s"), true) {
        fn case(s: D, c: bool) -> i32 {
            if c {
                drop(s);
            }
            suspend!();
            log!("after");
            2
        }
    }

    case conditionally_moved_used_later(D::new("s"), false) {
        fn case(s: D, c: bool) -> usize {
            let n = if c {
                let len = s.name().len();
                drop(s);
                len
            } else {
                log!("kept {}", s.name());
                0
            };
            suspend!();
            n
        }
    }

    case conditionally_moved_false(D::new("s"), false) {
        fn case(s: D, c: bool) -> i32 {
            let t = D::new("t");
            if c {
                drop(s);
            }
            suspend!();
            log!("after");
            2
        }
    }

    case conditionally_moved_in_match(D::new("s"), 2) {
        fn case(s: D, n: u8) -> u8 {
            let later = D::new("later");
            match n {
                0 => consume(s),
                1 => log!("one"),
                _ => {
                    suspend!();
                    log!("kept {}", s.name());
                }
            }
            suspend!();
            log!("{}", later.name());
            n
        }
    }

    case conditionally_moved_then_reassigned(true) {
        fn case(c: bool) -> String {
            let mut s = D::new("first");
            if c {
                consume(s);
            } else {
                log!("kept");
            }
            suspend!();
            s = D::new("second");
            suspend!();
            s.name().to_string()
        }
    }

    case moved_into_function_then_reassigned() {
        fn case() -> String {
            let mut s = D::new("first");
            consume(s);
            suspend!();
            s = D::new("second");
            suspend!();
            s.name().to_string()
        }
    }
    case moved_by_method(D::new("m")) {
        fn case(d: D) -> String {
            let keep = D::new("keep");
            let name = d.into_name();
            suspend!();
            log!("{}", keep.name());
            name
        }
    }

    case moved_into_vec() {
        fn case() -> usize {
            let mut v = Vec::new();
            let a = D::new("a");
            let b = D::new("b");
            v.push(a);
            suspend!();
            v.push(b);
            suspend!();
            v.len()
        }
    }

    case moved_into_child() {
        fn case() -> usize {
            let d = D::new("given");
            let other = D::new("other");
            let n = take(d).await;
            suspend!();
            log!("{}", other.name());
            n
        }
        fn take(d: D) -> usize {
            suspend!();
            d.name().len()
        }
    }

    case moved_in_match_arm(Some(D::new("inner")), D::new("outer")) {
        fn case(opt: Option<D>, outer: D) -> usize {
            let r = match opt {
                Some(d) => {
                    consume(outer);
                    d.name().len()
                }
                None => 0,
            };
            suspend!();
            r
        }
    }

    case copy_values_reused(3) {
        fn case(n: u32) -> u32 {
            let x = n;
            let y = double(x);
            suspend!();
            x + y + double(x)
        }
    }

    case moved_in_loop_then_break(vec![D::new("v")]) {
        fn case(v: Vec<D>) -> usize {
            let s = D::new("s");
            let mut i = 0;
            loop {
                i += 1;
                if i == 2 {
                    consume(s);
                    break;
                }
                suspend!();
            }
            suspend!();
            v.len() + i
        }
    }
}

pub fn consume(d: D) {
    crate::harness::log(format!("consume {}", d.name()));
}

pub fn double(x: u32) -> u32 {
    x * 2
}
