//! The reproductions of `../shared/repro/transform/` (each case names its
//! file): programs rustc accepts as an `async fn` that the transform once
//! rejected or ran differently. `Log`, `push` and `consume` of the
//! originals are the harness's `log!`, `D` and `drop`; `D::new` does not
//! log, so where the order of creation matters `made` logs it.
//!
//! Those the legacy lowering still gets wrong run with the in-place
//! lowering only (`inplace_only`); await_in_match_guard_rejected too (the
//! legacy lowering rejects a point in a match guard, with an error that
//! says what to write). peer_let_chain_edition2024 (let chains) is in
//! the edition 2024 crate (tests/edition2024); peer_panic_then_suspend is
//! a test of `tests/tests/smoke.rs`. The originals' `D::name` returns a
//! `String`: here `.name().to_string()`, both on the temporary.

#[allow(unused_imports)]
use crate::prelude::*;

/// Logs and returns `v` (the originals' `tk`).
pub fn tk(v: u32) -> u32 {
    log(format!("tk {v}"));
    v
}

/// Logs and returns `b` (the originals' `tb`).
pub fn tb(b: bool) -> bool {
    log(format!("tb {b}"));
    b
}

/// A `D` whose creation is logged.
pub fn made(name: &str) -> D {
    log(format!("new {name}"));
    D::new(name)
}

crate::differential! {
    /// letelse_suspend_in_loop.rs, with the `else` taken: it suspends with
    /// a local alive and continues the loop.
    case repro_letelse_suspend_in_loop_else_taken() {
        fn case() -> u32 {
            let mut n = 5;
            for i in 0..3u32 {
                let Some(x) = (i != 1).then_some(i) else {
                    let d = D::new("else");
                    suspend!();
                    log!("skip {i} {}", d.name());
                    continue;
                };
                suspend!();
                n += x;
            }
            n
        }
    }

    /// matches_in_closure_moved.rs: `matches!(p0, None)` in a closure borrows
    /// `p0`; it is used again after later points.
    case repro_matches_in_closure_moved(true) {
        fn case(c: bool) -> u32 {
            let p0: Option<String> = Some(String::from("p"));
            if c {
                if None::<u32>.is_some_and(|x| matches!(p0, None)) {
                    suspend!();
                    return 1;
                }
            }
            suspend!();
            log!("{}", matches!(p0, None));
            suspend!();
            7
        }
    }

}

/// Reproductions the legacy lowering still gets wrong.
pub mod inplace_only {
    #[allow(unused_imports)]
    pub use super::{made, tb, tk};
    #[allow(unused_imports)]
    use crate::prelude::*;

    crate::differential! {
        /// closure_param_shadows_local_drop_early.rs: a closure parameter named
        /// like a local that is moved on one path only.
        case repro_closure_param_shadows_local_drop_early() {
            fn case() -> u32 {
                let a: D = D::new("a");
                let v = vec![1u32, 2];
                let s = v.iter().fold(0u32, |a, &x| a.wrapping_add(x));
                suspend!();
                let n: D = if s > 100 { a } else { D::new("b") };
                suspend!();
                log!("{}", n.name());
                7
            }
        }

        /// for_binding_cond_move_dropped_early.rs: a `for` binding moved on some
        /// paths only, not used after the next point: dropped at the end of the
        /// iteration.
        case repro_for_binding_cond_move_dropped_early(false) {
            fn case(c: bool) -> u32 {
                for d in vec![D::new("a"), D::new("b")] {
                    if c {
                        drop(d);
                    }
                    suspend!();
                    log!("end of body");
                }
                7
            }
        }

        /// letelse_suspend_in_loop.rs: an `else` that suspends, in a `for` loop,
        /// with a local declared before the loop used after the `let`.
        case repro_letelse_suspend_in_loop() {
            fn case() -> u32 {
                let mut n: u32 = 5;
                for i in 0..2u32 {
                    let Some(x) = Some(i) else {
                        suspend!();
                        return 0;
                    };
                    n += x;
                }
                log!("n {n}");
                n
            }
        }
        /// closure_param_shadows_local_e0382.rs: the same, the closure in one
        /// branch of an `if`.
        case repro_closure_param_shadows_local_e0382(false) {
            fn case(empty: bool) -> u32 {
                let a: D = D::new("a");
                let s = if empty {
                    a.name().len() as u32
                } else {
                    vec![1u32, 2].iter().fold(0u32, |a, &x| a.wrapping_add(x))
                };
                suspend!();
                let n: D = if s > 100 { a } else { D::new("b") };
                suspend!();
                log!("{}", n.name());
                7
            }
        }
        /// peer_const_promotion_lost_in_awaited_call_arg.rs: `&[1, 2, 3]` is
        /// promoted to a `'static` constant.
        case repro_const_promotion_in_awaited_call_arg() {
            fn case() -> bool {
                func(&[1, 2, 3]).await == 3
            }
            fn func(s: &'static [u8]) -> usize {
                suspend!();
                s.len()
            }
        }
        /// peer_hygiene_param_in_inner_for_with_labeled_break.rs.
        case repro_labeled_break_from_inner_for(3) {
            fn case(n: u32) -> u32 {
                let mut found: u32 = 0;
                'outer: for _i in 0..2 {
                    for _j in 0..n {
                        if found >= 2 {
                            suspend!();
                            break 'outer;
                        }
                        found += 1;
                    }
                }
                found
            }
        }
        /// peer_moved_in_arm_other_arm_diverges.rs.
        case repro_moved_in_arm_other_arm_diverges(0) {
            fn case(i: usize) -> String {
                let s = String::from("x");
                let x = match i {
                    0 => s,
                    _ => panic!("unmatched"),
                };
                suspend!();
                x
            }
        }
        /// peer_ref_mut_parameter_pattern.rs: a `ref mut` parameter pattern.
        case repro_ref_mut_parameter_pattern(String::new()) {
            fn case(ref mut x: String) -> String {
                x.push('a');
                suspend!();
                x.push('b');
                x.clone()
            }
        }
        /// peer_slice_pattern_arm_other_arm_diverges.rs.
        case repro_slice_pattern_arm_other_arm_diverges(0) {
            fn case(i: usize) -> u32 {
                let array = [1u32, 2];
                let _x = match i {
                    0 => {
                        let [b, ..] = array;
                        b
                    }
                    _ => panic!("unmatched"),
                };
                suspend!();
                _x
            }
        }

        /// eval_order_match_tuple_scrutinee.rs: a tuple scrutinee is
        /// evaluated left to right.
        case repro_eval_order_match_tuple_scrutinee() {
            fn case() -> u32 {
                match (tk(1), tb(true).then_some(3u32)) {
                    (1, _) => {
                        suspend!();
                        1
                    }
                    _ => 0,
                }
            }
        }

        /// call_arg_temp_dropped_early.rs: a temporary receiver in an
        /// argument of an awaited call lives until the statement ends.
        case repro_call_arg_temp_dropped_early() {
            fn case() -> u32 {
                let n = h0(h0(1, String::new()).await, made("t").name().to_string()).await;
                log!("after");
                n
            }
            fn h0(a: u32, s: String) -> u32 {
                log!("h0 start {a} {s}");
                suspend!();
                log!("h0 end");
                a + 1
            }
        }

        /// eval_order_call_arg_temp.rs: the same, in the tail, after an
        /// argument that logs.
        case repro_eval_order_call_arg_temp() {
            fn case() -> u32 {
                let o = String::from("x");
                h0(tk(o.len() as u32), made("t").name().to_string()).await
            }
            fn h0(a: u32, s: String) -> u32 {
                log!("h0 {a} {s}");
                suspend!();
                a
            }
        }

        /// format_arg_temp_dropped_late.rs: a temporary in a `format!`
        /// argument drops when `format!` returns.
        case repro_format_arg_temp_dropped_late() {
            fn case() -> u32 {
                log(format!("p {} {}", made("t").name().to_string(), h0(String::new()).await));
                7
            }
            fn h0(s: String) -> u32 {
                log!("h0 start {s}");
                suspend!();
                log!("h0 end");
                1
            }
        }

        /// iflet_tail_temp_drop_order.rs: an `if let` scrutinee's temporary
        /// lives through the suspending body, and drops before the local.
        case repro_iflet_tail_temp_drop_order() {
            fn case() -> u32 {
                {
                    let _d = made("local");
                    if let Some(n) = Some(made("temp").name().to_string()) {
                        suspend!();
                        log!("n {n}");
                    }
                }
                7
            }
        }

        /// await_in_match_guard_rejected.rs: a match guard awaits.
        case repro_await_in_match_guard() {
            fn case() -> u32 {
                match 3u32 {
                    n if h0().await => n,
                    _ => 0,
                }
            }
            fn h0() -> bool {
                log!("h0");
                suspend!();
                true
            }
        }
    }
}
