//! `if`/`else`, `if let`, `let ... else`, `match` with bindings across the
//! suspension, nested matches.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case if_else(true, 5) {
        fn case(flag: bool, n: i32) -> i32 {
            let d = D::new("d");
            let r = if flag {
                let t = D::new("then");
                suspend!();
                log!("then {}", t.name());
                n + 1
            } else {
                suspend!();
                n - 1
            };
            suspend!();
            log!("{}", d.name());
            r
        }
    }

    case if_else_other_branch(false, 5) {
        fn case(flag: bool, n: i32) -> i32 {
            let r = if flag {
                suspend!();
                n + 1
            } else {
                let e = D::new("else");
                suspend!();
                log!("else {}", e.name());
                n - 1
            };
            r
        }
    }

    case else_if_chain(2) {
        fn case(n: i32) -> &'static str {
            if n == 0 {
                suspend!();
                "zero"
            } else if n == 1 {
                suspend!();
                "one"
            } else if n == 2 {
                let d = D::new("two");
                suspend!();
                suspend!();
                log!("{}", d.name());
                "two"
            } else {
                "many"
            }
        }
    }

    case if_let(Some(D::new("inner"))) {
        fn case(opt: Option<D>) -> usize {
            if let Some(d) = opt {
                suspend!();
                log!("got {}", d.name());
                d.name().len()
            } else {
                0
            }
        }
    }

    case if_let_else_branch(None::<D>) {
        fn case(opt: Option<D>) -> usize {
            if let Some(d) = opt {
                d.name().len()
            } else {
                let e = D::new("nothing");
                suspend!();
                log!("{}", e.name());
                0
            }
        }
    }
    case let_else(Some(4), None::<i32>) {
        fn case(a: Option<i32>, b: Option<i32>) -> i32 {
            let d = D::new("d");
            let Some(x) = a else {
                suspend!();
                return -1;
            };
            suspend!();
            let Some(y) = b else {
                log!("no b, x = {x}");
                suspend!();
                log!("{}", d.name());
                return x;
            };
            x + y
        }
    }

    case match_bindings(Msg::Text(D::new("hello"), 3)) {
        fn case(msg: Msg) -> usize {
            let r = match msg {
                Msg::Text(d, n) => {
                    suspend!();
                    log!("text {} {}", d.name(), n);
                    suspend!();
                    n as usize + d.name().len()
                }
                Msg::Number(n) => {
                    suspend!();
                    n as usize
                }
                Msg::Empty => 0,
            };
            suspend!();
            r
        }
    }

    case match_other_arm(Msg::Number(9)) {
        fn case(msg: Msg) -> usize {
            match msg {
                Msg::Text(d, _) => d.name().len(),
                Msg::Number(n) if n > 100 => 100,
                Msg::Number(n) => {
                    let local = D::new("local");
                    suspend!();
                    log!("{}", local.name());
                    n as usize
                }
                Msg::Empty => 0,
            }
        }
    }

    case nested_match(Some(Ok(D::new("ok")))) {
        fn case(v: Option<Result<D, i32>>) -> i32 {
            match v {
                Some(inner) => match inner {
                    Ok(d) => {
                        suspend!();
                        let r = match d.name().len() {
                            0 => 0,
                            n => {
                                suspend!();
                                n as i32
                            }
                        };
                        log!("{}", d.name());
                        r
                    }
                    Err(e) => e,
                },
                None => {
                    suspend!();
                    -1
                }
            }
        }
    }

    case match_on_reference() {
        fn case() -> i32 {
            let pair = (1, D::new("held"));
            let n = match &pair {
                (n, _) if *n > 5 => 5,
                (n, d) => {
                    log!("{}", d.name());
                    *n
                }
            };
            suspend!();
            log!("{}", pair.1.name());
            n
        }
    }
}

/// A message for the `match` cases.
#[derive(Debug)]
pub enum Msg {
    Text(D, u8),
    Number(u32),
    Empty,
}
