//! `loop`, `while`, `while let`, `for`, labeled `break`/`continue`, `break`
//! with a value, early `return`, `?`.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case counter(5) {
        fn case(n: u64) -> u64 {
            let mut sum = 0;
            for i in 0..n {
                suspend!();
                sum += i;
            }
            sum
        }
    }

    case loop_break_value() {
        fn case() -> i32 {
            let mut i = 0;
            let d = D::new("d");
            let found = loop {
                let step = D::new(format!("step{i}"));
                suspend!();
                i += 1;
                if i == 3 {
                    log!("found at {}", step.name());
                    break i * 10;
                }
            };
            log!("{}", d.name());
            found
        }
    }

    case while_loop(4) {
        fn case(n: i32) -> i32 {
            let mut i = 0;
            let mut acc = 0;
            while i < n {
                let d = D::new(format!("w{i}"));
                suspend!();
                acc += i;
                i += 1;
                log!("{}", d.name());
            }
            acc
        }
    }

    case while_with_suspending_condition(3) {
        fn case(n: i32) -> i32 {
            let mut i = 0;
            while next(i, n).await {
                i += 1;
            }
            i
        }
        fn next(i: i32, n: i32) -> bool {
            suspend!();
            log!("check {i}");
            i < n
        }
    }

    case while_let(vec![D::new("a"), D::new("b"), D::new("c")]) {
        fn case(mut v: Vec<D>) -> usize {
            let mut count = 0;
            while let Some(d) = v.pop() {
                suspend!();
                log!("popped {}", d.name());
                count += 1;
            }
            count
        }
    }

    case for_owned_vec(vec![D::new("x"), D::new("y"), D::new("z")]) {
        fn case(items: Vec<D>) -> String {
            let mut names = String::new();
            for item in items {
                suspend!();
                names.push_str(item.name());
                if item.name() == "y" {
                    log!("at y");
                }
            }
            names
        }
    }

    case for_dropped_early(vec![D::new("x"), D::new("y"), D::new("z")]) {
        fn case(items: Vec<D>) -> usize {
            let mut seen = 0;
            for item in items {
                suspend!();
                seen += 1;
                if item.name() == "y" {
                    break;
                }
            }
            seen
        }
    }

    case for_destructuring(vec![(1, D::new("one")), (2, D::new("two"))]) {
        fn case(items: Vec<(i32, D)>) -> i32 {
            let mut sum = 0;
            for (n, d) in items {
                suspend!();
                log!("{} {}", n, d.name());
                sum += n;
            }
            sum
        }
    }

    case labeled(4) {
        fn case(n: i32) -> Vec<(i32, i32)> {
            let mut out = Vec::new();
            'outer: for i in 0..n {
                let mut j = 0;
                loop {
                    j += 1;
                    suspend!();
                    if j > i {
                        continue 'outer;
                    }
                    if i == 3 && j == 2 {
                        break 'outer;
                    }
                    out.push((i, j));
                }
            }
            out
        }
    }

    case continue_and_break(10) {
        fn case(n: u32) -> u32 {
            let mut total = 0;
            let mut i = 0;
            loop {
                i += 1;
                if i % 2 == 0 {
                    suspend!();
                    continue;
                }
                if i > n {
                    break;
                }
                let d = D::new(format!("odd{i}"));
                suspend!();
                total += i;
                log!("{}", d.name());
            }
            total
        }
    }

    case early_return(3) {
        fn case(limit: i32) -> i32 {
            let guard = D::new("guard");
            let mut i = 0;
            loop {
                suspend!();
                i += 1;
                if i == limit {
                    let last = D::new("last");
                    log!("returning {}", last.name());
                    return i * 100;
                }
            }
        }
    }

    case try_result(vec!["1", "2", "x", "4"]) {
        fn case(items: Vec<&'static str>) -> Result<i32, String> {
            let mut sum = 0;
            for s in items {
                let d = D::new(s);
                suspend!();
                let n: i32 = parse(s).await?;
                log!("parsed {} from {}", n, d.name());
                sum += n;
            }
            Ok(sum)
        }
        fn parse(s: &'static str) -> Result<i32, MyError> {
            suspend!();
            s.parse::<i32>().map_err(|_| MyError(s))
        }
    }

    case try_option(vec![Some(1), Some(2), None]) {
        fn case(items: Vec<Option<i32>>) -> Option<i32> {
            let mut sum = 0;
            for item in items {
                suspend!();
                sum += item?;
            }
            Some(sum)
        }
    }

    case nested_loops(3) {
        fn case(n: usize) -> usize {
            let mut cells = 0;
            for i in 0..n {
                let row = D::new(format!("row{i}"));
                for j in 0..=i {
                    suspend!();
                    cells += j;
                }
                log!("{}", row.name());
            }
            cells
        }
    }
}

/// An error converted by `?` into `String`.
#[derive(Debug)]
pub struct MyError(pub &'static str);

impl From<MyError> for String {
    fn from(e: MyError) -> String {
        format!("bad {}", e.0)
    }
}
