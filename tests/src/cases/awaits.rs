//! Awaiting other coroutines: chains, children that do not suspend, deep
//! nesting, children in loops.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case child_without_suspension() {
        fn case() -> i32 {
            let a = immediate(1).await;
            suspend!();
            a + immediate(2).await
        }
        fn immediate(n: i32) -> i32 {
            log!("immediate {n}");
            n
        }
    }

    case chain_of_three() {
        fn case() -> i32 {
            let d = D::new("top");
            let r = middle(1).await + middle(2).await;
            log!("{}", d.name());
            r
        }
        fn middle(n: i32) -> i32 {
            let m = D::new(format!("middle{n}"));
            let r = leaf(n).await * 10;
            suspend!();
            log!("{}", m.name());
            r
        }
        fn leaf(n: i32) -> i32 {
            let l = D::new(format!("leaf{n}"));
            suspend!();
            suspend!();
            n
        }
    }

    // Six distinct fns, each keeping a value across its await (the frame of
    // each level nested in its parent's: the shape whose build time was
    // exponential in the depth), with a `match` arm and a `for` pattern
    // binding held across suspensions; cancelled at every step, every
    // level's values drop as the `async fn`'s do.
    case chain_of_six_with_values_at_every_level(Some(3)) {
        fn case(n: Option<u32>) -> u32 {
            let d = D::new("level0");
            let r = match n {
                Some(k) => {
                    let v = level1(k).await;
                    suspend!();
                    v + k
                }
                None => 0,
            };
            log!("{}", d.name());
            r
        }
        fn level1(k: u32) -> u32 {
            let d = D::new(format!("level1 {k}"));
            let mut total = 0;
            for i in 0..k {
                total += level2(i).await;
                log!("{} {i}", d.name());
            }
            total
        }
        fn level2(i: u32) -> u32 {
            let d = D::new(format!("level2 {i}"));
            let r = level3(i + 1).await;
            log!("{}", d.name());
            r
        }
        fn level3(i: u32) -> u32 {
            let d = D::new(format!("level3 {i}"));
            let r = level4(i * 2).await;
            log!("{}", d.name());
            r + 1
        }
        fn level4(i: u32) -> u32 {
            let d = D::new(format!("level4 {i}"));
            let r = level5(i).await;
            log!("{}", d.name());
            r
        }
        fn level5(i: u32) -> u32 {
            let d = D::new(format!("level5 {i}"));
            suspend!();
            log!("{}", d.name());
            i
        }
    }

    case children_in_a_loop(4) {
        fn case(n: u32) -> u32 {
            let mut total = 0;
            for i in 0..n {
                total += square(i).await;
            }
            total
        }
        fn square(i: u32) -> u32 {
            if i % 2 == 0 {
                suspend!();
            }
            i * i
        }
    }

    case child_returning_owned(D::new("arg")) {
        fn case(d: D) -> String {
            let s = describe(d).await;
            suspend!();
            s
        }
        fn describe(d: D) -> String {
            suspend!();
            format!("<{}>", d.name())
        }
    }

    case generic_child(5u8, "hi") {
        fn case(a: u8, b: &'static str) -> (u8, &'static str) {
            let x = echo(a).await;
            let y = echo(b).await;
            (x, y)
        }
        fn echo[T: std::fmt::Debug](v: T) -> T {
            log!("echo {v:?}");
            suspend!();
            v
        }
    }
}
