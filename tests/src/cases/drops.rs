//! Drop order: locals at the end of their scope in reverse order,
//! temporaries at the end of their statement, across suspension points and
//! when the frame is dropped while suspended.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case return_from_an_arm_while_block_tail_scrutinee_temporaries_live(5) {
        fn case(n: i32) -> i32 {
            suspend!();
            match n % 3 {
                0 => {}
                _ => {
                    let x6 = D::new("x7");
                    match ((D::new("x8").name().len() as i32 ^ n) | (D::new("x9").name().len() as i32)) % 3 {
                        0 => {}
                        _ => {
                            suspend!();
                            if n > 0 {
                                return x6.name().len() as i32;
                            }
                        }
                    }
                }
            }
            log!("after");
            n
        }
    }

    case arm_block_tail_scrutinee_temporaries_in_a_match_statement(5) {
        fn case(n: i32) -> i32 {
            suspend!();
            match n % 3 {
                0 => {}
                _ => {
                    let x6 = D::new("x7");
                    match ((D::new("x8").name().len() as i32 ^ n) | (D::new("x9").name().len() as i32)) % 3 {
                        0 => {}
                        _ => {
                            suspend!();
                        }
                    }
                }
            }
            log!("after");
            n
        }
    }

    case arm_block_tail_scrutinee_temporaries_and_the_arm_locals(5) {
        fn case(n: i32) -> i32 {
            suspend!();
            match n % 3 {
                0 => 0,
                _ => {
                    let x6 = D::new("x7");
                    match ((D::new("x8").name().len() as i32 ^ n) | (D::new("x9").name().len() as i32)) % 3 {
                        0 => 1,
                        _ => {
                            suspend!();
                            x6.name().len() as i32
                        }
                    }
                }
            }
        }
    }

    case scrutinee_temporaries_of_an_operator_drop_in_reverse_when_cancelled(5) {
        fn case(n: i32) -> i32 {
            let x6 = D::new("x7");
            match ((D::new("x8").name().len() as i32 ^ n) | (D::new("x9").name().len() as i32)) % 3 {
                0 => 0,
                _ => {
                    suspend!();
                    x6.name().len() as i32
                }
            }
        }
    }

    case reverse_order() {
        fn case() {
            let a = D::new("a");
            let b = D::new("b");
            suspend!();
            let c = D::new("c");
            suspend!();
            {
                let d = D::new("d");
                suspend!();
            }
            suspend!();
        }
    }
    case temporaries_at_statement_end() {
        fn case() -> usize {
            let n = D::new("tmp1").name().len();
            suspend!();
            let m = child(D::new("tmp2").name().len()).await + D::new("tmp3").name().len();
            suspend!();
            n + m
        }
        fn child(n: usize) -> usize {
            log!("child {n}");
            suspend!();
            n
        }
    }
    case temporary_across_await() {
        fn case() -> usize {
            let total = measure(&D::new("borrowed").name().to_string(), child(1).await);
            suspend!();
            total
        }
        fn child(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case output_and_locals() {
        fn case() -> D {
            let keep = D::new("keep");
            let out = D::new("out");
            suspend!();
            out
        }
    }

    case awaited_child_dropped_first() {
        fn case() -> i32 {
            let parent_local = D::new("parent");
            let r = child().await;
            log!("after child");
            r
        }
        fn child() -> i32 {
            let child_local = D::new("child");
            suspend!();
            suspend!();
            7
        }
    }
    case match_scrutinee_temporary() {
        fn case() -> usize {
            let r = match D::new("scrut").name().len() {
                0 => 0,
                n => {
                    suspend!();
                    n
                }
            };
            suspend!();
            r
        }
    }
    case if_let_scrutinee_temporary() {
        fn case() -> usize {
            if let Some(n) = Holder::new("holder").get() {
                suspend!();
                log!("in if let");
                n
            } else {
                0
            }
        }
    }

    case unit_struct_values() {
        fn case() -> i32 {
            let _ = D::new("wildcard");
            let _named = D::new("named");
            suspend!();
            1
        }
    }
}

pub fn measure(s: &str, n: usize) -> usize {
    crate::harness::log(format!("measure {s} {n}"));
    s.len() + n
}

/// A value whose method returns an owned value, for scrutinee temporaries.
pub struct Holder(pub D);

impl Holder {
    pub fn new(name: &str) -> Holder {
        Holder(D::new(name))
    }
    pub fn get(&self) -> Option<usize> {
        Some(self.0.name().len())
    }
}
