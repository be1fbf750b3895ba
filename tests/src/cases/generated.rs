//! Programs written by the generator (`crate::generator`): the portable seeds
//! `0..FIXED`. Do not edit: rewrite with
//! `cargo run -p coro-tests --bin generate -- --write-fixed`.
//! The programs the transform does not handle yet are listed, with
//! the reason, in `generator::KNOWN`, and left out.

// The generator parenthesizes every operand.
#![allow(
    unused_parens,
    unused_braces,
    unused_assignments,
    unreachable_code,
    clippy::all
)]

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    /// Generated: portable seed 0.
    case portable_0(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            n ^= (child((p.name().len() as i32)).await & n);
            if (((n & 1 == 0) && ((p.name().len() as i32) < 28)) || !((p.name().len() as i32) & 1 == 0)) {
                log(format!("{}", match 10 & 1 { 0 => (p.name().len() as i32), _ => if ((p.name().len() as i32) < n) { 21 } else { n } }));
                log(format!("{}", i32::wrapping_add((p.name().len() as i32), child((p.name().len() as i32)).await)));
            } else {
                suspend!();
                log(format!("{}", match (D::new("x1").name().len() as i32 ^ n) & 1 { 0 => fallible(n).await?, _ => (D::new("x2").name().len() as i32 ^ (p.name().len() as i32)) }));
            }
            if ((n ^ (p.name().len() as i32)) & 1 == 0) {
                let Some(x3) = fallible(fallible(14).await?).await.ok() else { log!("else"); return Ok((23 | n)); };
            } else {
                log(format!("{}", ((n | (p.name().len() as i32)) & n)));
            }
            let mut x4 = 0;
            loop {
                if x4 >= 2 { break; }
                x4 += 1;
                suspend!();
                match (p.name().len() as i32) % 3 {
                    0 => {
                        log(format!("{}", (p.name().len() as i32)));
                        suspend!();
                        {
                            let x5 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                            log(format!("{}", 12));
                            let x6 = D::new("x7");
                        }
                    } 1 | -1 => {
                        suspend!();
                    } _ => {
                        suspend!();
                        suspend!();
                    }
                }
                let x8 = (p.name().len() as i32);
            }
            Ok((i32::wrapping_add(10, 10) ^ quick(n).await))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 1.
    case portable_1(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let n = D::new("x1");
            suspend!();
            let mut x2 = 0;
            loop {
                if x2 >= 2 { break; }
                x2 += 1;
                let mut x3 = 0;
                while x3 < (((p.name().len() as i32) & 13) & 3) {
                    x3 += 1;
                    {
                        suspend!();
                        suspend!();
                        suspend!();
                    }
                }
            }
            suspend!();
            let Some(x4) = fallible(28).await.ok() else { log!("else"); return Ok(if (x2 < x2) { 10 } else { 9 }); };
            if (child(x2).await < i32::wrapping_add((p.name().len() as i32), (p.name().len() as i32))) {
                match match x2 & 1 { 0 => (D::new("x5").name().len() as i32 ^ x4), _ => if (36 < (n.name().len() as i32)) { 4 } else { (p.name().len() as i32) } } % 3 {
                    0 => {
                        {
                            let x6 = |k: i32| ((k ^ p.name().len() as i32) ^ n.name().len() as i32);
                            log(format!("{}", (D::new("x7").name().len() as i32 ^ (p.name().len() as i32))));
                            log(format!("{}", match 8 & 1 { 0 => (p.name().len() as i32), _ => 19 }));
                        }
                    } 1 | -1 => {
                        suspend!();
                        suspend!();
                    } _ => {
                        suspend!();
                        let mut x8 = vec![(D::new("x9").name().len() as i32 ^ (p.name().len() as i32)), x2];
                        let Some(x10) = fallible(x2).await.ok() else { log!("else"); return Ok((n.name().len() as i32)); };
                    }
                }
            }
            Ok((if (x4 & 1 == 0) { 20 } else { x2 } ^ if ((p.name().len() as i32) & 1 == 0) { (n.name().len() as i32) } else { x4 }))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 2.
    case portable_2(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = child_d(p).await;
            if ((((x1.name().len() as i32) < (x1.name().len() as i32)) || (31 < (x1.name().len() as i32))) && (n & 1 == 0)) {
                let x3 = move |k: i32| k ^ x1.name().len() as i32;
            }
            let x4 = D::new("x5");
            if let Ok(x6) = fallible(match (x4.name().len() as i32) & 1 { 0 => n, _ => n }).await {
                let x7 = format!("s{}", (x4.name().len() as i32));
                suspend!();
            } else {
                {
                    let Some(x8) = fallible(4).await.ok() else { log!("else"); return Ok(i32::wrapping_add((x4.name().len() as i32), (x4.name().len() as i32))); };
                }
                let mut x9 = 0;
                while x9 < (fallible(n).await? & 3) {
                    x9 += 1;
                    let x10 = format!("s{}", 24);
                    if let Ok(x11) = fallible(child(x9).await).await {
                        suspend!();
                    } else {
                        suspend!();
                        suspend!();
                        suspend!();
                    }
                    suspend!();
                }
            }
            Ok((x4.name().len() as i32))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 3.
    case portable_3(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            n = i32::wrapping_add(n, i32::wrapping_add((p.name().len() as i32), n));
            suspend!();
            log(format!("{}", (p.name().len() as i32)));
            let x1 = (D::new("x2").name().len() as i32 ^ n);
            {
                let x3 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                log(format!("{}", x1));
                log(format!("{}", quick(x3(3)).await));
            }
            {
                let x4 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                log(format!("{}", 39));
                let x5 = 20;
            }
            let mut p = vec![quick(x1).await, fallible(n).await?];
            log(format!("{}", quick(i32::wrapping_add(23, n)).await));
            let x6 = D::new("x7");
            suspend!();
            if let Ok(x8) = fallible(child(x1).await).await {
                suspend!();
            } else {
                log(format!("{}", child_d(x6).await.name()));
            }
            Ok(x1)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 4.
    case portable_4(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let p = format!("s{}", child(n).await);
            if (((39 < (p.len() as i32)) && ((p.len() as i32) & 1 == 0)) && ((n & 1 == 0) || ((p.len() as i32) < (p.len() as i32)))) {
                {
                    let x1 = |k: i32| (k ^ n);
                    log(format!("{}", quick(n).await));
                }
                let mut n = (quick(n).await | (p.len() as i32));
            } else {
                log(format!("{}", 1));
                {
                    let x2 = p.as_str();
                    log(format!("{}", n));
                }
            }
            match (D::new("x3").name().len() as i32 ^ ((p.len() as i32) & (p.len() as i32))) % 3 {
                0 => {
                    {
                        if (!((p.len() as i32) & 1 == 0) && ((6 & 1 == 0) && (20 & 1 == 0))) {
                            suspend!();
                        } else {
                            n |= i32::wrapping_add(match 6 & 1 { 0 => n, _ => 30 }, match (p.len() as i32) & 1 { 0 => (p.len() as i32), _ => (p.len() as i32) });
                            suspend!();
                        }
                        log(format!("{}", 35));
                        suspend!();
                    }
                    suspend!();
                } 1 | -1 => {
                    let mut x4 = vec![6, (p.len() as i32)];
                } _ => {
                    suspend!();
                    suspend!();
                    suspend!();
                }
            }
            Ok(quick(if ((p.len() as i32) & 1 == 0) { 12 } else { (p.len() as i32) }).await)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 5.
    case portable_5(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            let Some(x1) = fallible(fallible(24).await?).await.ok() else { log!("else"); return Ok(22); };
            suspend!();
            let mut x2 = vec![n, (p.name().len() as i32)];
            let x3 = format!("s{}", x1);
            if let Ok(x4) = fallible(i32::wrapping_add(x2.iter().fold(0, |a, b| a ^ b), 8)).await {
                for x5 in 0..((p.name().len() as i32) & 3) {
                    let Some(x6) = fallible(child(x4).await).await.ok() else { log!("else"); return Ok((x3.len() as i32)); };
                    if (if (x2.iter().fold(0, |a, b| a ^ b) < x4) { x2.iter().fold(0, |a, b| a ^ b) } else { x1 } < (p.name().len() as i32)) {
                        {
                            let x7 = &x2;
                            log(format!("{}", x6));
                        }
                    }
                }
                if ((x4 < (x3.len() as i32)) || ((p.name().len() as i32) & 1 == 0)) {
                    x2.push(i32::wrapping_add(((x3.len() as i32) ^ 17), (D::new("x8").name().len() as i32 ^ x4)));
                    match 29 % 3 {
                        0 => {
                            n = x4;
                            suspend!();
                        } 1 | -1 => {
                            log(format!("{}", quick(fallible(x2.iter().fold(0, |a, b| a ^ b)).await?).await));
                            log(format!("{}", x1));
                            log(format!("{}", (D::new("x9").name().len() as i32 ^ x2.iter().fold(0, |a, b| a ^ b))));
                        } _ => {
                            let x10 = fallible(child(x2.iter().fold(0, |a, b| a ^ b)).await).await?;
                            suspend!();
                        }
                    }
                }
            } else {
                suspend!();
            }
            Ok(child(x1).await)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 6.
    case portable_6(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = D::new("x2");
            let x3 = (p.name().len() as i32);
            let x4 = format!("s{}", x3);
            let x5 = p;
            let mut x7 = 0;
            loop {
                if x7 >= 2 { break; }
                x7 += 1;
                suspend!();
            }
            {
                let x8 = |k: i32| ((k ^ n) ^ x1.name().len() as i32);
                log(format!("{}", ((x5.name().len() as i32) | n)));
                log(format!("{}", (x1.name().len() as i32)));
            }
            let mut x9 = if !(x7 < 0) { if (x7 < n) { (x5.name().len() as i32) } else { (x4.len() as i32) } } else { quick(n).await };
            let mut x10 = 0;
            loop {
                if x10 >= 2 { break; }
                x10 += 1;
                suspend!();
                if let Ok(x11) = fallible((x4.len() as i32)).await {
                    x9 = fallible(quick(x3).await).await?;
                    suspend!();
                    suspend!();
                } else {
                    let x12 = child_d(D::new("x13")).await;
                }
                log(format!("{}", x3));
            }
            Ok(child(13).await)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 7.
    case portable_7(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            if ((p.name().len() as i32) < n) {
                let mut x1 = vec![child(n).await, fallible((p.name().len() as i32)).await?];
            } else {
                if let Ok(x2) = fallible(n).await {
                    log(format!("{}", x2));
                } else {
                    let Some(x3) = fallible((D::new("x4").name().len() as i32 ^ 36)).await.ok() else { log!("else"); return Ok((D::new("x5").name().len() as i32 ^ (p.name().len() as i32))); };
                    n ^= match match 26 & 1 { 0 => 18, _ => n } & 1 { 0 => match 20 & 1 { 0 => (p.name().len() as i32), _ => n }, _ => quick(x3).await };
                }
                {
                    let x6 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                    log(format!("{}", x6(3)));
                    {
                        let x7 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                        log(format!("{}", x6((p.name().len() as i32))));
                        log(format!("{}", (p.name().len() as i32)));
                    }
                }
            }
            n = child(child(10).await).await;
            n ^= (p.name().len() as i32);
            n ^= n;
            suspend!();
            suspend!();
            Ok(fallible(22).await?)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 8.
    case portable_8(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            if (!(23 < n) || (((p.name().len() as i32) < (p.name().len() as i32)) || (6 < (p.name().len() as i32)))) {
                let mut x1 = vec![match (p.name().len() as i32) & 1 { 0 => n, _ => (p.name().len() as i32) }, if ((p.name().len() as i32) & 1 == 0) { (p.name().len() as i32) } else { 3 }];
            } else {
                for x2 in 0..(if (n < 10) { (p.name().len() as i32) } else { n } & 3) {
                    let x3 = n;
                    suspend!();
                    {
                        let mut x4 = vec![match x3 & 1 { 0 => x3, _ => 39 }, quick(x2).await];
                        {
                            let x5 = &x4;
                            log(format!("{}", if (x4.iter().fold(0, |a, b| a ^ b) < x5.iter().fold(0, |a, b| a ^ b)) { x4.iter().fold(0, |a, b| a ^ b) } else { x3 }));
                        }
                        suspend!();
                    }
                }
                let mut x6 = vec![fallible(n).await?, i32::wrapping_add((p.name().len() as i32), 3)];
                {
                    let x6 = p;
                    let mut x6 = vec![child(n).await, i32::wrapping_add((x6.name().len() as i32), n)];
                }
            }
            Ok(child(32).await)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 9.
    case portable_9(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = D::new("x2");
            log(format!("{}", child((33 & n)).await));
            n ^= (p.name().len() as i32);
            log(format!("{}", (p.name().len() as i32)));
            let x3 = n;
            if let Ok(x4) = fallible((D::new("x5").name().len() as i32 ^ (x1.name().len() as i32))).await {
                let mut x6 = 0;
                while x6 < (fallible(n).await? & 3) {
                    x6 += 1;
                    suspend!();
                    let mut x7 = 0;
                    loop {
                        if x7 >= 2 { break; }
                        x7 += 1;
                        {
                            let x8 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                            log(format!("{}", (x1.name().len() as i32)));
                        }
                        suspend!();
                        log(format!("{}", (D::new("x9").name().len() as i32 ^ (D::new("x10").name().len() as i32 ^ x7))));
                    }
                    for x11 in 0..((x1.name().len() as i32) & 3) {
                        let x12 = 34;
                    }
                }
            } else {
                n |= child(fallible(17).await?).await;
                suspend!();
            }
            Ok((D::new("x13").name().len() as i32 ^ (p.name().len() as i32)))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 10.
    case portable_10(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = D::new("x2");
            n |= if (33 < n) { i32::wrapping_add(31, (p.name().len() as i32)) } else { n };
            let mut x3 = vec![if ((x1.name().len() as i32) & 1 == 0) { (x1.name().len() as i32) } else { 31 }, child((p.name().len() as i32)).await];
            log(format!("{}", x3.iter().fold(0, |a, b| a ^ b)));
            {
                let x4 = &x3;
                log(format!("{}", (p.name().len() as i32)));
            }
            log(format!("{}", match if (n & 1 == 0) { x3.iter().fold(0, |a, b| a ^ b) } else { n } & 1 { 0 => 16, _ => quick(2).await }));
            {
                let x5 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                log(format!("{}", (2 ^ 17)));
                {
                    let x6 = &x3;
                    log(format!("{}", match x6.iter().fold(0, |a, b| a ^ b) & 1 { 0 => x3.iter().fold(0, |a, b| a ^ b), _ => x6.iter().fold(0, |a, b| a ^ b) }));
                }
            }
            suspend!();
            let x7 = p.into_name();
            log(format!("{}", if (16 & 1 == 0) { 4 } else { n }));
            let x8 = child(child(n).await).await;
            log(format!("{}", child_d(x1).await.name()));
            let mut x9 = (x7.len() as i32);
            Ok((x7.len() as i32))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 11.
    case portable_11(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            log(format!("{}", (p.name().len() as i32)));
            let mut x1 = 0;
            while x1 < (9 & 3) {
                x1 += 1;
                let mut x2 = vec![i32::wrapping_add(36, x1), (D::new("x3").name().len() as i32 ^ (p.name().len() as i32))];
            }
            suspend!();
            {
                let x4 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                log(format!("{}", if (x1 < 31) { x4(3) } else { 34 }));
            }
            match i32::wrapping_add((n & x1), child(x1).await) % 3 {
                0 => {
                    let mut x5 = vec![38, x1];
                    let x6 = (D::new("x7").name().len() as i32 ^ x5.iter().fold(0, |a, b| a ^ b));
                } 1 | -1 => {
                    log(format!("{}", (D::new("x8").name().len() as i32 ^ (D::new("x9").name().len() as i32 ^ n))));
                } _ => {
                    if (((x1 & 1 == 0) || (n < n)) && (x1 < n)) {
                        log(format!("{}", x1));
                        let x10 = D::new("x11");
                    } else {
                        {
                            let x12 = match x1 & 1 { 0 => x1, _ => (p.name().len() as i32) };
                            suspend!();
                            suspend!();
                        }
                        let x13 = D::new("x14");
                    }
                }
            }
            Ok(if (29 < 26) { i32::wrapping_add(1, n) } else { 32 })
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 12.
    case portable_12(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = i32::wrapping_add(n, n);
            let x2 = format!("s{}", x1);
            let mut x3 = vec![fallible(2).await?, if (n < (p.name().len() as i32)) { 29 } else { (p.name().len() as i32) }];
            log(format!("{}", quick((D::new("x4").name().len() as i32 ^ (p.name().len() as i32))).await));
            suspend!();
            for x5 in 0..(x1 & 3) {
                {
                    {
                        let x6 = &x3;
                        log(format!("{}", 27));
                        log(format!("{}", if (x1 & 1 == 0) { 12 } else { (x2.len() as i32) }));
                    }
                    {
                        let x7 = &x3;
                        log(format!("{}", x5));
                        log(format!("{}", (D::new("x8").name().len() as i32 ^ x3.iter().fold(0, |a, b| a ^ b))));
                    }
                    suspend!();
                }
                {
                    let x9 = x2.as_str();
                    log(format!("{}", i32::wrapping_add((x9.len() as i32), (x9.len() as i32))));
                }
            }
            let Some(x10) = fallible(1).await.ok() else { log!("else"); return Ok(x3.iter().fold(0, |a, b| a ^ b)); };
            Ok(child(x10).await)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 13.
    case portable_13(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            if (!((p.name().len() as i32) & 1 == 0) && (n < (p.name().len() as i32))) {
                let x1 = p.into_name();
                let x2 = format!("s{}", (x1.len() as i32));
            }
            if (10 & 1 == 0) {
                suspend!();
                n |= quick(n).await;
                {
                    let x3 = |k: i32| (k ^ n);
                    log(format!("{}", (D::new("x4").name().len() as i32 ^ n)));
                }
            } else {
                let x5 = child_d(D::new("x6")).await;
            }
            let mut x7 = i32::wrapping_add(child(n).await, n);
            if (38 & 1 == 0) {
                x7 |= i32::wrapping_add(x7, 39);
            } else {
                log(format!("{}", x7));
                suspend!();
                let Some(n) = fallible(n).await.ok() else { log!("else"); return Ok(i32::wrapping_add(24, x7)); };
            }
            Ok(fallible(quick(x7).await).await?)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 14.
    case portable_14(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            {
                let x1 = p;
                let Some(x3) = fallible(quick(37).await).await.ok() else { log!("else"); return Ok((x1.name().len() as i32)); };
            }
            log(format!("{}", child(n).await));
            let mut x4 = 0;
            while x4 < (child(x4).await & 3) {
                x4 += 1;
                suspend!();
                let mut x5 = 37;
            }
            let mut x6 = 0;
            loop {
                if x6 >= 2 { break; }
                x6 += 1;
                let mut x7 = 0;
                while x7 < (child(36).await & 3) {
                    x7 += 1;
                    if ((3 < x7) || (x4 < 28)) { return Ok(match n & 1 { 0 => x7, _ => 6 }); }
                }
            }
            let x8 = child(child(n).await).await;
            let mut x9 = 0;
            loop {
                if x9 >= 2 { break; }
                x9 += 1;
                suspend!();
                let x10 = D::new("x11");
                if (((x10.name().len() as i32) & 1 == 0) || (x4 < x4)) { return Ok(fallible((x10.name().len() as i32)).await?); }
            }
            Ok(x9)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 15.
    case portable_15(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let mut x1 = vec![quick(n).await, n];
            if (!(n < 19) || (((p.name().len() as i32) & 1 == 0) && ((p.name().len() as i32) < 6))) {
                if (((p.name().len() as i32) < 4) || (((p.name().len() as i32) < 19) || (x1.iter().fold(0, |a, b| a ^ b) < (p.name().len() as i32)))) {
                    n ^= (p.name().len() as i32);
                    if !((x1.iter().fold(0, |a, b| a ^ b) & 1 == 0) && (28 < 21)) {
                        {
                            let x2 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                            log(format!("{}", i32::wrapping_add(x1.iter().fold(0, |a, b| a ^ b), (p.name().len() as i32))));
                        }
                        suspend!();
                    } else {
                        suspend!();
                        log(format!("{}", match x1.iter().fold(0, |a, b| a ^ b) & 1 { 0 => fallible(n).await?, _ => fallible(36).await? }));
                        log(format!("{}", child_d(p).await.name()));
                    }
                }
                {
                    log(format!("{}", (D::new("x3").name().len() as i32 ^ 31)));
                }
            } else {
                suspend!();
            }
            suspend!();
            Ok(match if (x1.iter().fold(0, |a, b| a ^ b) < n) { n } else { x1.iter().fold(0, |a, b| a ^ b) } & 1 { 0 => child(n).await, _ => fallible(x1.iter().fold(0, |a, b| a ^ b)).await? })
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 16.
    case portable_16(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            {
                let x1 = format!("s{}", 0);
                log(format!("{}", n));
                {
                    let x2 = match (p.name().len() as i32) & 1 { 0 => match (p.name().len() as i32) & 1 { 0 => n, _ => n }, _ => quick(n).await };
                }
            }
            {
                let x3 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                log(format!("{}", (D::new("x4").name().len() as i32 ^ 30)));
                let x5 = format!("s{}", (D::new("x6").name().len() as i32 ^ n));
            }
            if (((p.name().len() as i32) & 1 == 0) || ((p.name().len() as i32) < 37)) {
                {
                    let x7 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                    log(format!("{}", (p.name().len() as i32)));
                    log(format!("{}", (D::new("x8").name().len() as i32 ^ 26)));
                }
            }
            let x9 = child_d(p).await;
            let mut x11 = 0;
            while x11 < (child(x11).await & 3) {
                x11 += 1;
                {
                    let x12 = |k: i32| ((k ^ n) ^ x9.name().len() as i32);
                    log(format!("{}", x12(3)));
                    log(format!("{}", (x9.name().len() as i32)));
                }
            }
            Ok(x11)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 17.
    case portable_17(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let Some(x1) = fallible(i32::wrapping_add(n, n)).await.ok() else { log!("else"); return Ok(n); };
            if let Ok(x2) = fallible(child(x1).await).await {
                let p = i32::wrapping_add((D::new("x3").name().len() as i32 ^ (p.name().len() as i32)), if ((p.name().len() as i32) & 1 == 0) { x1 } else { 25 });
                let x4 = child_d(D::new("x5")).await;
            } else {
                let x6 = D::new("x7");
                let x8 = format!("s{}", child(x1).await);
            }
            let mut x9 = (p.name().len() as i32);
            {
                suspend!();
                let x10 = match ((p.name().len() as i32) | 24) & 1 { 0 => fallible((p.name().len() as i32)).await?, _ => fallible(7).await? };
            }
            log(format!("{}", child_d(p).await.name()));
            let mut x11 = 0;
            while x11 < (child(x1).await & 3) {
                x11 += 1;
                for x12 in 0..(if (x9 < x9) { x11 } else { n } & 3) {
                    suspend!();
                }
            }
            Ok(child(x1).await)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 18.
    case portable_18(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            log(format!("{}", n));
            match (n ^ child((p.name().len() as i32)).await) % 3 {
                0 => {
                    let x1 = format!("s{}", fallible(12).await?);
                    suspend!();
                } 1 | -1 => {
                    if (if (n < 36) { 0 } else { (p.name().len() as i32) } & 1 == 0) {
                        for x2 in 0..(((p.name().len() as i32) & (p.name().len() as i32)) & 3) {
                            suspend!();
                            let p = D::new("x3");
                            let x4 = format!("s{}", (p.name().len() as i32));
                        }
                        n |= (D::new("x5").name().len() as i32 ^ (p.name().len() as i32));
                    }
                    if let Ok(x6) = fallible((n & n)).await {
                        let x7 = D::new("x8");
                        drop(x7);
                        n ^= n;
                    } else {
                        let mut x9 = vec![21, (D::new("x10").name().len() as i32 ^ n)];
                        suspend!();
                        suspend!();
                    }
                    log(format!("{}", (p.name().len() as i32)));
                } _ => {
                    let x11 = D::new("x12");
                    log(format!("{}", (p.name().len() as i32)));
                }
            }
            Ok((D::new("x13").name().len() as i32 ^ child((p.name().len() as i32)).await))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 19.
    case portable_19(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let Some(x1) = fallible(fallible((p.name().len() as i32)).await?).await.ok() else { log!("else"); return Ok(match 13 & 1 { 0 => (p.name().len() as i32), _ => 27 }); };
            suspend!();
            log(format!("{}", (D::new("x2").name().len() as i32 ^ 11)));
            suspend!();
            log(format!("{}", (p.name().len() as i32)));
            for x3 in 0..(5 & 3) {
                if let Ok(x4) = fallible(fallible((p.name().len() as i32)).await?).await {
                    let x5 = format!("s{}", x4);
                } else {
                    suspend!();
                }
                let Some(x1) = fallible(child(x1).await).await.ok() else { log!("else"); return Ok((p.name().len() as i32)); };
                let Some(x6) = fallible((x3 & 13)).await.ok() else { log!("else"); return Ok(x1); };
            }
            let x7 = format!("s{}", i32::wrapping_add(x1, (p.name().len() as i32)));
            log(format!("{}", match child(27).await & 1 { 0 => fallible((p.name().len() as i32)).await?, _ => quick(13).await }));
            let x8 = child_d(p).await;
            Ok(i32::wrapping_add(child((x7.len() as i32)).await, (D::new("x10").name().len() as i32 ^ x1)))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 20.
    case portable_20(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            if let Ok(x1) = fallible(n).await {
                let Some(x2) = fallible(n).await.ok() else { log!("else"); return Ok((D::new("x3").name().len() as i32 ^ (p.name().len() as i32))); };
                if ((39 < n) || (x1 & 1 == 0)) { return Ok(child((p.name().len() as i32)).await); }
                {
                    let x4 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                    log(format!("{}", (p.name().len() as i32)));
                    log(format!("{}", quick(x1).await));
                }
            } else {
                log(format!("{}", n));
            }
            {
                {
                    log(format!("{}", (p.name().len() as i32)));
                }
            }
            {
                let x5 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                log(format!("{}", match 30 & 1 { 0 => x5(3), _ => x5(3) }));
                log(format!("{}", n));
            }
            let x6 = format!("s{}", (p.name().len() as i32));
            log(format!("{}", quick(match n & 1 { 0 => n, _ => (p.name().len() as i32) }).await));
            log(format!("{}", (x6.len() as i32)));
            Ok((D::new("x7").name().len() as i32 ^ i32::wrapping_add((x6.len() as i32), n)))
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 21.
    case portable_21(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = p.into_name();
            {
                let x2 = |k: i32| (k ^ n);
                log(format!("{}", 23));
                if !((x1.len() as i32) & 1 == 0) {
                    log(format!("{}", (D::new("x3").name().len() as i32 ^ n)));
                    let x4 = D::new("x5");
                    let x6 = format!("s{}", (x4.name().len() as i32));
                } else {
                    log(format!("{}", x2(3)));
                }
            }
            let Some(x7) = fallible((x1.len() as i32)).await.ok() else { log!("else"); return Ok(if (n < n) { 7 } else { n }); };
            let mut x8 = vec![fallible(x7).await?, fallible(39).await?];
            if ((n & 1 == 0) || (22 & 1 == 0)) { return Ok(((x1.len() as i32) ^ (x1.len() as i32))); }
            let x9 = D::new("x10");
            let mut x11 = (x1.len() as i32);
            if !((x7 < 21) && ((x1.len() as i32) < x7)) {
                suspend!();
            } else {
                let x12 = format!("s{}", (4 ^ 36));
                suspend!();
            }
            Ok(fallible(i32::wrapping_add(24, n)).await?)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 22.
    case portable_22(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            suspend!();
            {
                let p = move |k: i32| k ^ p.name().len() as i32;
                let mut x1 = vec![(D::new("x2").name().len() as i32 ^ p(3)), i32::wrapping_add(29, p(3))];
                if !!(p(3) & 1 == 0) {
                    x1.push(if ((21 < n) || (p(3) < x1.iter().fold(0, |a, b| a ^ b))) { if (34 & 1 == 0) { n } else { 32 } } else { x1.iter().fold(0, |a, b| a ^ b) });
                } else {
                    let x3 = child(n).await;
                    if let Ok(x4) = fallible(n).await {
                        suspend!();
                    } else {
                        suspend!();
                        suspend!();
                    }
                    let x5 = D::new("x6");
                }
            }
            suspend!();
            Ok(29)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

    /// Generated: portable seed 23.
    case portable_23(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            n ^= n;
            drop(p);
            let mut p = 14;
            let mut p = match if (p < n) { p } else { n } & 1 { 0 => if (n & 1 == 0) { p } else { 10 }, _ => (D::new("x1").name().len() as i32 ^ n) };
            suspend!();
            match quick(quick(n).await).await % 3 {
                0 => {
                    let x2 = (child(p).await ^ p);
                    let mut x3 = 0;
                    while x3 < ((18 & 28) & 3) {
                        x3 += 1;
                        for x4 in 0..((n ^ n) & 3) {
                            suspend!();
                            if (n < n) { log!("continue"); continue; }
                        }
                        suspend!();
                        let x5 = D::new("x6");
                    }
                    suspend!();
                } 1 | -1 => {
                    suspend!();
                } _ => {
                    let Some(p) = fallible(quick(p).await).await.ok() else { log!("else"); return Ok(n); };
                }
            }
            Ok(fallible((D::new("x7").name().len() as i32 ^ n)).await?)
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n ^ 1
        }
        fn quick(n: i32) -> i32 {
            log!("quick {n}");
            n | 2
        }
        fn fallible(n: i32) -> Result<i32, String> {
            suspend!();
            if n % 5 == 3 { Err(format!("bad {n}")) } else { Ok(n ^ 4) }
        }
        fn child_d(d: D) -> D {
            log!("child_d {}", d.name());
            suspend!();
            d
        }
    }

}
