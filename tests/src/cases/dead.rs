//! Bindings that a suspension point follows in their scope but that are
//! dead there all the same: named once, by a use that moves (or copies)
//! them out before the first point (`analysis::dead_at_points`). Their slot
//! is on the body's stack, not in the frame; an early exit between the
//! declaration and the use still drops them, and a move that may not
//! happen (a branch, a loop, the right of `&&`, `let _ =`) keeps the frame
//! slot. Every case must drop what its `async fn` twin drops, when it
//! drops it, after any step.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case dead_moved_before_the_point(2) {
        fn case(n: u32) -> String {
            let d = D::new("d");
            let e = D::new("e");
            drop(d);
            suspend!();
            log!("{n}");
            e.name().to_string()
        }
    }

    case dead_early_return_before_the_move_or_not(3) {
        fn case(n: u32) -> u32 {
            let early = exit_or_not(n).await;
            let late = exit_or_not(n - 1).await;
            early + late
        }
        fn exit_or_not(n: u32) -> u32 {
            let d = D::new(format!("d{n}"));
            let e = D::new(format!("e{n}"));
            if n == 3 {
                return 0;
            }
            drop(d);
            suspend!();
            log!("{}", e.name());
            n
        }
    }

    case dead_question_mark_before_the_move_or_not(7) {
        fn case(n: u32) -> Result<u32, String> {
            let failed = check_then_keep(n).await.unwrap_or(0);
            let passed = check_then_keep(n - 3).await?;
            Ok(failed + passed)
        }
        fn check_then_keep(n: u32) -> Result<u32, String> {
            let d = D::new(format!("d{n}"));
            let v = check(n).await?;
            let mut kept = Vec::new();
            kept.push(d);
            suspend!();
            log!("kept {}", kept.len());
            Ok(v)
        }
        fn check(n: u32) -> Result<u32, String> {
            suspend!();
            if n > 5 { Err(format!("{n} is too large")) } else { Ok(n * 2) }
        }
    }

    case dead_binding_moved_into_an_awaited_tail(1) {
        fn case(n: u32) -> usize {
            let d = D::new(format!("d{n}"));
            measure(d).await
        }
        fn measure(d: D) -> usize {
            suspend!();
            log!("measuring {}", d.name());
            d.name().len()
        }
    }

    case dead_moved_into_the_awaited_child(3) {
        fn case(n: u32) -> usize {
            let d = D::new(format!("arg{n}"));
            let len = measure(d).await;
            suspend!();
            len
        }
        fn measure(d: D) -> usize {
            suspend!();
            log!("measuring {}", d.name());
            d.name().len()
        }
    }

    case dead_for_binding_consumed(vec![D::new("a"), D::new("b"), D::new("c")]) {
        fn case(v: Vec<D>) -> usize {
            let mut names = Vec::new();
            for d in v {
                names.push(d);
                suspend!();
                log!("{} so far", names.len());
            }
            names.len()
        }
    }

    case dead_for_binding_copied(5) {
        fn case(n: u64) -> u64 {
            let mut total = 0;
            for i in 0..n {
                total += i;
                suspend!();
                log!("total {total}");
            }
            total
        }
    }

    case dead_for_binding_borrowed_is_kept(vec![D::new("a"), D::new("b")]) {
        fn case(v: Vec<D>) -> usize {
            let mut n = 0;
            for d in v {
                n += d.name().len();
                suspend!();
                log!("n {n}");
            }
            n
        }
    }

    case dead_match_arm_binding(Some(D::new("some"))) {
        fn case(o: Option<D>) -> u32 {
            let mut kept = Vec::new();
            match o {
                Some(d) => {
                    kept.push(d);
                    suspend!();
                    log!("arm {}", kept.len());
                }
                None => log!("none"),
            }
            kept.len() as u32
        }
    }

    case dead_match_arm_value_awaited(Some(D::new("v"))) {
        fn case(o: Option<D>) -> usize {
            let len = match o {
                Some(d) => measure(d).await,
                None => 0,
            };
            suspend!();
            len
        }
        fn measure(d: D) -> usize {
            suspend!();
            log!("measuring {}", d.name());
            d.name().len()
        }
    }

    case dead_if_let_binding(Some(D::new("x"))) {
        fn case(o: Option<D>) -> u32 {
            let e = D::new("e");
            if let Some(d) = o {
                drop(d);
                suspend!();
                log!("after {}", e.name());
            }
            1
        }
    }

    case dead_moved_into_another_binding(1) {
        fn case(n: u32) -> String {
            let d = D::new("first");
            let e = d;
            suspend!();
            format!("{} {n}", e.name())
        }
    }

    case dead_shadowed(1) {
        fn case(n: u32) -> String {
            let d = D::new("inner");
            let d = (d, D::new("outer"));
            suspend!();
            format!("{} {} {n}", d.0.name(), d.1.name())
        }
    }

    case dead_borrowed_then_moved(vec![D::new("a"), D::new("b")]) {
        fn case(v: Vec<D>) -> usize {
            let mut kept = Vec::new();
            for d in v {
                log!("looking at {}", d.name());
                if d.name() == "b" {
                    log!("a b");
                }
                kept.push(d);
                suspend!();
                log!("{} kept", kept.len());
            }
            kept.len()
        }
    }

    case dead_moved_in_an_awaited_scrutinee(2) {
        fn case(n: u32) -> &'static str {
            let d = D::new(format!("d{n}"));
            let what = match measure(d).await {
                0 => "empty",
                _ => "named",
            };
            suspend!();
            log!("{what}");
            what
        }
        fn measure(d: D) -> usize {
            suspend!();
            d.name().len()
        }
    }

    case dead_moved_in_a_block(3) {
        fn case(n: u32) -> u32 {
            let d = D::new("d");
            let e = D::new("e");
            let k = {
                let k = n + 1;
                drop(d);
                k
            };
            suspend!();
            log!("{k} {}", e.name());
            k
        }
    }

    case dead_moved_in_a_condition(1) {
        fn case(n: u32) -> u32 {
            let d = D::new("d");
            if Some(d).is_some() {
                log!("moved in the condition");
            }
            suspend!();
            log!("after the point");
            n
        }
    }

    case dead_moved_in_an_if_let_scrutinee(1) {
        fn case(n: u32) -> usize {
            let d = D::new("named");
            let mut len = 0;
            if let Some(l) = Some(d).map(|d| d.name().len()) {
                len = l;
            }
            suspend!();
            len + n as usize
        }
    }

    case not_dead_moved_in_a_labelled_block(true) {
        fn case(c: bool) -> u32 {
            let d = D::new("d");
            'out: {
                if c {
                    break 'out;
                }
                drop(d);
            }
            suspend!();
            log!("after the point");
            1
        }
    }

    case not_dead_let_underscore(1) {
        fn case(n: u32) -> u32 {
            let d = D::new("d");
            let _ = d;
            suspend!();
            log!("after the point");
            n
        }
    }

    case not_dead_moved_in_a_branch(false) {
        fn case(c: bool) -> u32 {
            let d = D::new("d");
            if c {
                drop(d);
            }
            suspend!();
            log!("after the point");
            1
        }
    }

    case not_dead_moved_right_of_and(false) {
        fn case(c: bool) -> bool {
            let d = D::new("d");
            let ok = c && Some(d).is_some();
            suspend!();
            log!("after the point");
            ok
        }
    }

    case not_dead_moved_in_a_loop(2) {
        fn case(n: u32) -> u32 {
            let d = D::new("d");
            let mut k = 0;
            while k < n {
                k += 1;
                if k == n {
                    drop(d);
                    break;
                }
            }
            suspend!();
            log!("after the point {k}");
            n
        }
    }

    case not_dead_moved_after_the_point(2) {
        fn case(n: u32) -> u32 {
            let d = D::new("d");
            suspend!();
            drop(d);
            log!("moved after the point");
            n
        }
    }

    case dead_moved_before_a_point_in_the_same_statement(2) {
        fn case(n: u32) -> usize {
            let d = D::new("d");
            let v = (Some(d).map_or(0, |d| d.name().len()), twice(n).await);
            v.0 + v.1 as usize
        }
        fn twice(n: u32) -> u32 {
            suspend!();
            n * 2
        }
    }

    case not_dead_after_a_point_in_the_same_statement(2) {
        fn case(n: u32) -> usize {
            let d = D::new("d");
            let v = (twice(n).await, Some(d).map_or(0, |d| d.name().len()));
            v.1 + v.0 as usize
        }
        fn twice(n: u32) -> u32 {
            suspend!();
            n * 2
        }
    }
}
