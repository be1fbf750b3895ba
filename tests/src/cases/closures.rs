//! Closures defined in the body that capture locals living across a
//! suspension point.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case closure_by_reference(10) {
        fn case(base: i32) -> i32 {
            let offset = 5;
            let add = |x: i32| x + base + offset;
            suspend!();
            let a = add(1);
            suspend!();
            a + add(2)
        }
    }

    case closure_fnmut() {
        fn case() -> i32 {
            let mut count = 0;
            let mut inc = |by: i32| count += by;
            inc(1);
            suspend!();
            inc(2);
            suspend!();
            inc(3);
            count
        }
    }
    case closure_move(D::new("captured")) {
        fn case(d: D) -> usize {
            let f = move || d.name().len();
            suspend!();
            let n = f();
            suspend!();
            n + f()
        }
    }
    case closures_in_expressions(vec![3, 1, 2]) {
        fn case(mut v: Vec<i32>) -> Vec<i32> {
            let factor = 10;
            suspend!();
            v.sort_by(|a, b| a.cmp(b));
            let scaled: Vec<i32> = v.iter().map(|x| x * factor).collect();
            suspend!();
            scaled.into_iter().filter(|x| *x > factor).collect()
        }
    }

    case closure_borrowing_a_string() {
        fn case() -> String {
            let prefix = String::from("pre-");
            let tag = |s: &str| format!("{prefix}{s}");
            suspend!();
            let a = tag("a");
            suspend!();
            a + &tag("b")
        }
    }
}
