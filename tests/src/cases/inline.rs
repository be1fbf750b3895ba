//! `#[coroutine(inline)]`: bodies too large to be inlined into their
//! resume by default, compiled with the option that inlines them anyway
//! (the body is then also inlined into its frame's entry and drop). The
//! option changes only where the code is placed: every case must behave as
//! its `async fn` twin, dropped after any step.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case inline_buffer_and_values(6) inline {
        fn case(n: u64) -> u64 {
            let mut buf = [0u8; 256];
            let name = D::new("name");
            let mut small = 1u8;
            let mut wide = 0u64;
            for i in 0..n {
                let step = D::new(format!("step{i}"));
                buf[(i % 256) as usize] = small;
                suspend!();
                small = small.wrapping_add(buf[((i * 7) % 256) as usize]);
                wide = wide.wrapping_add(u64::from(small) * 3);
                if i % 2 == 0 {
                    log!("even {}", step.name());
                    continue;
                }
                log!("odd {} {}", step.name(), name.name());
            }
            wide + buf.iter().map(|&b| u64::from(b)).sum::<u64>()
        }
    }

    case inline_awaits_and_early_exits(5) inline {
        fn case(n: i32) -> i32 {
            let outer = D::new("outer");
            let mut total = 0;
            let mut i = 0;
            while i < n {
                let d = D::new(format!("loop{i}"));
                let got = match child(i).await {
                    Ok(v) => v,
                    Err(e) => {
                        log!("error {e} at {}", d.name());
                        break;
                    }
                };
                suspend!();
                total += got;
                if total > 100 {
                    return total;
                }
                i += 1;
                log!("{} {}", d.name(), outer.name());
            }
            let tail = D::new("tail");
            suspend!();
            log!("{}", tail.name());
            total
        }
        fn child(i: i32) -> Result<i32, String> {
            let d = D::new(format!("child{i}"));
            suspend!();
            if i == 3 {
                return Err(format!("three ({})", d.name()));
            }
            let v = i * 10;
            suspend!();
            log!("child {} gives {v}", d.name());
            Ok(v)
        }
    }

    case inline_question_marks(4) inline {
        fn case(n: u32) -> Result<u32, String> {
            let guard = D::new("guard");
            let mut acc = 0;
            for k in 0..n {
                let item = D::new(format!("item{k}"));
                let v = parse(k).await?;
                suspend!();
                acc += v;
                log!("{} {}", item.name(), guard.name());
                let w = parse(k + 10).await?;
                suspend!();
                acc += w;
            }
            Ok(acc)
        }
        fn parse(k: u32) -> Result<u32, String> {
            suspend!();
            if k == 12 {
                Err(format!("bad {k}"))
            } else {
                Ok(k * 2)
            }
        }
    }
}
