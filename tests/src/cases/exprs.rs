//! `.await` in expression positions, keeping Rust's left-to-right
//! evaluation order: arguments, operators, method calls, conditions,
//! scrutinees, `&&`/`||`, and the arguments of the formatting, assertion
//! and `vec!` macros.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case call_arguments() {
        fn case() -> i32 {
            sum3(value("a", 1), child("b", 2).await, value("c", 3))
        }
        fn child(name: &'static str, n: i32) -> i32 {
            log!("child {name} starts");
            suspend!();
            log!("child {name} ends");
            n
        }
    }

    case binary_operators(10) {
        fn case(x: i32) -> i32 {
            let a = x + child(1).await;
            let b = child(2).await * x - child(3).await;
            let c = value("left", 100) / child(4).await;
            a + b + c
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n
        }
    }

    case method_calls() {
        fn case() -> Vec<usize> {
            let mut v = Vec::new();
            v.push(len_of("one").await);
            v.push(len_of("three").await);
            let s = String::from("abc");
            v.push(s.len() + len_of("xy").await);
            let words = ["a", "bb"];
            v.extend(words.iter().map(|w| w.len()));
            v.push(make("q").await.name().len());
            v
        }
        fn len_of(s: &'static str) -> usize {
            suspend!();
            s.len()
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    case conditions(3) {
        fn case(n: i32) -> &'static str {
            let d = D::new("cond");
            if child(n).await > 2 {
                log!("big {}", d.name());
            }
            let r = if child(0).await == 0 && child(7).await == 7 { "both" } else { "not" };
            match child(n).await {
                0 => "zero",
                3 => r,
                _ => "other",
            }
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n
        }
    }

    case lazy_boolean_operators() {
        fn case() -> (bool, bool, bool, bool) {
            let a = yes_no(false).await && yes_no(true).await;
            let b = yes_no(true).await || yes_no(false).await;
            let c = value("t", true) && yes_no(true).await;
            let d = value("f", false) || yes_no(false).await;
            (a, b, c, d)
        }
        fn yes_no(b: bool) -> bool {
            log!("yes_no {b}");
            suspend!();
            b
        }
    }

    case formatting_macros(7) {
        fn case(n: i32) -> String {
            let name = D::new("named");
            let s = format!("{} and {} and {n} and {}", n, child(n).await, name.name());
            println!("{} {}", s, child(1).await);
            let mut out = String::new();
            use std::fmt::Write;
            write!(out, "[{}]", child(2).await).unwrap();
            writeln!(out, "<{}>", child(3).await).unwrap();
            assert!(child(4).await == 4, "four is {}", 4);
            assert_eq!(child(5).await, 5);
            assert_ne!(child(6).await, 0, "six");
            let v = vec![child(8).await, n, child(9).await];
            let w = vec![child(1).await; 2];
            format!("{s} {out} {v:?} {w:?}")
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n
        }
    }

    case evaluation_order() {
        fn case() -> (i32, i32, i32) {
            let t = (value("first", 1), child("second", 2).await, value("third", 3));
            log!("tuple done");
            let arr = [child("a", 1).await, value("b", 2), child("c", 3).await];
            log!("array {:?}", arr);
            t
        }
        fn child(name: &'static str, n: i32) -> i32 {
            log!("{name}");
            suspend!();
            n
        }
    }

    case nested_awaits() {
        fn case() -> i32 {
            let x = add(add(1, 2).await, add(3, 4).await).await;
            let y = add(value("v", 5), add(6, add(7, 8).await).await).await;
            x + y
        }
        fn add(a: i32, b: i32) -> i32 {
            log!("add {a} {b}");
            suspend!();
            a + b
        }
    }

    case unary_cast_index_field() {
        fn case() -> i64 {
            let v = vec![10, 20, 30];
            let a = -(child(3).await) as i64;
            let b = v[child(1).await as usize] as i64;
            let p = make_point().await;
            let c = (p.x + make_point().await.y) as i64;
            a + b + c + !child(0).await as i64
        }
        fn child(n: i32) -> i32 {
            suspend!();
            n
        }
        fn make_point() -> Point {
            suspend!();
            Point { x: 1, y: 2 }
        }
    }

    case struct_and_ranges() {
        fn case() -> (Point, usize) {
            let p = Point { x: value("x", 1), y: child(2).await };
            let r = (child(1).await..child(4).await).len();
            (p, r)
        }
        fn child(n: i32) -> i32 {
            suspend!();
            n
        }
    }

    case return_await(2) {
        fn case(n: i32) -> i32 {
            let d = D::new("d");
            if n > 1 {
                return child(n).await;
            }
            0
        }
        fn child(n: i32) -> i32 {
            suspend!();
            n * 10
        }
    }

    case await_macro() {
        fn case() -> i32 {
            let a = r#await!(child(1));
            let b = r#await!(child(a + 1)) + 1;
            a + b
        }
        fn child(n: i32) -> i32 {
            suspend!();
            n
        }
    }

    case destructuring_assignment_of_values_in_slots() {
        fn case() -> (i32, i32, i32, String) {
            let (mut a, mut b) = (0, 1);
            let mut name = D::new("old");
            suspend!();
            log!("{}", name.name());
            for _ in 0..3 {
                (a, b) = (b, a + b);
                suspend!();
            }
            (name, _) = (D::new("new"), D::new("ignored"));
            log!("assigned");
            suspend!();
            (a, b, name.name().len() as i32, D::new("last").name().to_string())
        }
    }

    case destructuring_assignment_evaluates_then_assigns_in_order() {
        fn case() -> Vec<i32> {
            let mut v = vec![0, 0, 0];
            let mut p = Point { x: 0, y: 0 };
            let mut rest = 0;
            suspend!();
            v.push(rest);
            [v[0], .., v[2]] = [value("a", 1), child(2).await, value("c", 3)];
            Point { x: p.y, y: p.x } = Point { x: child(4).await, y: value("y", 5) };
            (rest, ..) = (value("r", 6), D::new("dropped at once"));
            suspend!();
            v.push(p.x * 10 + p.y);
            v.push(rest);
            v
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n
        }
    }

    case suspend_value() {
        fn case() -> ((), i32) {
            let unit = suspend!();
            let n = { suspend!(); 5 };
            (unit, n)
        }
    }
}

/// Logs the evaluation of an operand.
pub fn value<T: std::fmt::Debug>(name: &str, v: T) -> T {
    crate::harness::log(format!("value {name} = {v:?}"));
    v
}

pub fn sum3(a: i32, b: i32, c: i32) -> i32 {
    crate::harness::log(format!("sum3 {a} {b} {c}"));
    a + b + c
}

#[derive(Debug, PartialEq, Clone, Copy)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}
