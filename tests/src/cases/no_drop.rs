//! Bindings whose type the syntax shows to have no drop glue (a literal
//! or a reference as initializer, a declared primitive, reference, tuple
//! or array type: `Binding::no_drop`): their slots are left out of the
//! scope guards and of the frame's drop. The values around them that do
//! need a drop must still drop when, and in the order, the `async fn`
//! drops them, after any step and on every early exit.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case no_drop_literals_between_values_that_drop(3) {
        fn case(n: u32) -> u32 {
            let a = D::new("a");
            let mut count = 0;
            let b = D::new("b");
            let step = -2;
            while count < n {
                suspend!();
                count += 1;
                log!("{count} {step} {}", a.name());
            }
            log!("{}", b.name());
            count
        }
    }

    case no_drop_early_return_and_question_mark(4) {
        fn case(n: u32) -> Result<u32, String> {
            let kept = D::new("kept");
            let limit: u32 = 3;
            let total = add_up(n, limit).await?;
            log!("{}", kept.name());
            Ok(total)
        }
        fn add_up(n: u32, limit: u32) -> Result<u32, String> {
            let mut sum = 0;
            let d = D::new("d");
            for i in 0..n {
                suspend!();
                if i > limit {
                    return Err(format!("{} over", d.name()));
                }
                sum += i;
            }
            Ok(sum)
        }
    }

    case no_drop_reference_kept_across_points(2) {
        fn case(n: u32) -> usize {
            let v = vec![D::new("x"), D::new("y")];
            let r = &v;
            let s = "label";
            suspend!();
            log!("{s} {}", r[0].name());
            let first = &r[1];
            suspend!();
            log!("{}", first.name());
            r.len() + n as usize
        }
    }

    case no_drop_declared_tuple_and_array(2) {
        fn case(n: u32) -> i64 {
            let pair: (u8, [i32; 2]) = (n as u8, [1, 2]);
            let d = D::new("d");
            let flags: [bool; 3] = [true, false, true];
            suspend!();
            log!("{} {}", pair.0, d.name());
            let r: &(u8, [i32; 2]) = &pair;
            suspend!();
            i64::from(r.1[0] + r.1[1]) + i64::from(flags.iter().filter(|f| **f).count() as u8)
        }
    }

    case no_drop_loop_counter_with_break(5) {
        fn case(n: u32) -> u32 {
            let mut i: usize = 0;
            let mut out = 0;
            loop {
                let d = D::new(format!("d{i}"));
                let j = i;
                suspend!();
                if j as u32 >= n / 2 {
                    log!("break at {}", d.name());
                    break;
                }
                out += j as u32;
                i += 1;
            }
            out
        }
    }

    case no_drop_parameters_dropped_after_locals(2) {
        fn case(n: u32) -> u32 {
            let text = String::from("owned");
            take_params(n, D::new("param"), &text).await
        }
        fn take_params(n: u32, d: D, label: &str) -> u32 {
            let local = D::new("local");
            suspend!();
            log!("{} {} {label}", d.name(), local.name());
            n
        }
    }

    case no_drop_literal_ranges(3) {
        fn case(n: u32) -> String {
            let mut out = String::new();
            let d = D::new("outer");
            for i in 0..n {
                let inner = D::new(format!("i{i}"));
                suspend!();
                if i == 2 {
                    log!("stop at {}", inner.name());
                    break;
                }
                out.push_str(inner.name());
            }
            for c in 'a'..='c' {
                suspend!();
                out.push(c);
            }
            for k in -2..(n as i32) {
                suspend!();
                if k > 0 {
                    return format!("{out}{k}{}", d.name());
                }
            }
            out
        }
    }
}
