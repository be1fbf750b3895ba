//! Straight-line code, nested blocks, shadowing, destructuring `let`, and
//! parameters.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    /// One suspension, nothing alive across it.
    case empty() {
        fn case() {
            suspend!();
        }
    }

    /// Locals alive across several suspensions, dropped in reverse order.
    case straight_line(3) {
        fn case(n: u32) -> u32 {
            log!("start {n}");
            let a = D::new("a");
            suspend!();
            let b = D::new("b");
            log!("between {} {}", a.name(), b.name());
            suspend!();
            let c = n * 2;
            suspend!();
            log!("end {c}");
            c + 1
        }
    }

    /// Parameters are dropped after the body's locals, in rustc's order.
    case parameters(D::new("p1"), D::new("p2"), 7) {
        fn case(p1: D, p2: D, n: u8) -> u8 {
            let local = D::new("local");
            suspend!();
            log!("{} {} {}", p1.name(), p2.name(), local.name());
            n
        }
    }

    /// A parameter pattern: the unbound parts live until the end.
    case parameter_patterns((D::new("x"), D::new("y")), (1, 2)) {
        fn case((x, _): (D, D), (a, b): (i32, i32)) -> i32 {
            suspend!();
            log!("{}", x.name());
            a + b
        }
    }

    /// Nested blocks: inner locals drop at the end of their block.
    case nested_blocks() {
        fn case() -> i32 {
            let outer = D::new("outer");
            let v = {
                let inner = D::new("inner");
                suspend!();
                {
                    let innermost = D::new("innermost");
                    suspend!();
                    log!("{} {} {}", outer.name(), inner.name(), innermost.name());
                }
                5
            };
            suspend!();
            v
        }
    }

    /// Shadowing: the shadowed value stays alive until the end of its scope.
    case shadowing() {
        fn case() -> String {
            let x = D::new("x1");
            suspend!();
            let x = D::new(format!("{}+", x.name()));
            suspend!();
            let x = x.name().len();
            suspend!();
            format!("{x}")
        }
    }

    /// Shadowing with plain values.
    case shadowing_values(10) {
        fn case(n: i32) -> i32 {
            let x = n;
            suspend!();
            let x = x * 2;
            suspend!();
            let x = x + 1;
            x
        }
    }

    /// Destructuring `let` of tuples and structs.
    case destructuring() {
        fn case() -> i32 {
            let (a, (b, c)) = (D::new("a"), (D::new("b"), 3));
            suspend!();
            let [x, y] = [1, 2];
            let Pair { left, right: r } = Pair { left: D::new("l"), right: 4 };
            suspend!();
            log!("{} {} {} {}", a.name(), b.name(), left.name(), r);
            c + x + y + r
        }
    }

    /// Mutation across suspension points.
    case mutation() {
        fn case() -> Vec<i32> {
            let mut v = Vec::new();
            let mut total = 0;
            v.push(1);
            suspend!();
            v.push(2);
            total += v.len();
            suspend!();
            v.push(total as i32);
            v
        }
    }

    /// A statement-level `let` without a value, assigned later.
    case deferred_init(true) {
        fn case(flag: bool) -> i32 {
            let x;
            let d;
            suspend!();
            if flag {
                x = 1;
                d = D::new("then");
            } else {
                x = 2;
                d = D::new("else");
            }
            suspend!();
            log!("{}", d.name());
            x
        }
    }
}

/// A struct for destructuring.
pub struct Pair<L, R> {
    pub left: L,
    pub right: R,
}
