//! Programs written by the generator (`crate::generator`): the borrowing seeds
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
    /// Generated: borrowing seed 0.
    case borrowing_0(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            drop(p);
            suspend!();
            suspend!();
            let x1 = |k: i32| (k ^ n);
            log(format!("{}", (D::new("x2").name().len() as i32 ^ n)));
            {
                let x3 = (x1(3) & if (n < n) { 3 } else { n });
                suspend!();
                match 22 % 3 {
                    0 => {
                        let Some(x4) = fallible(x3).await.ok() else { log!("else"); return Ok(child(x3).await); };
                        log(format!("{}", x1(3)));
                    } 1 | -1 => {
                        log(format!("{}", n));
                        let x5 = child_d(D::new("x6")).await;
                    } _ => {
                        suspend!();
                    }
                }
            }
            Ok(quick(quick(24).await).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 1.
    case borrowing_1(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            suspend!();
            if (19 < x1(3)) { return Ok(x1((p.name().len() as i32))); }
            let x2 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            log(format!("{}", child(x2(x1(3))).await));
            match (p.name().len() as i32) % 3 {
                0 => {
                    let mut p = vec![(x2(3) ^ x1(3)), fallible(n).await?];
                } 1 | -1 => {
                    log(format!("{}", child(child(26).await).await));
                } _ => {
                    for x3 in 0..(x1(3) & 3) {
                        suspend!();
                    }
                    suspend!();
                }
            }
            let x4 = format!("s{}", n);
            let mut x5 = 0;
            loop {
                if x5 >= 2 { break; }
                x5 += 1;
                suspend!();
                let x6 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                suspend!();
            }
            Ok(i32::wrapping_add(quick((p.name().len() as i32)).await, child((p.name().len() as i32)).await))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 2.
    case borrowing_2(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = child_d(p).await;
            let x3 = match fallible(n).await? & 1 { 0 => i32::wrapping_add((x1.name().len() as i32), (x1.name().len() as i32)), _ => quick(n).await };
            if (if (x3 < 13) { (x1.name().len() as i32) } else { x3 } & 1 == 0) {
                let x4 = format!("s{}", fallible((x1.name().len() as i32)).await?);
            } else {
                if ((n < x3) && ((x1.name().len() as i32) & 1 == 0)) { return Ok((x1.name().len() as i32)); }
                if let Ok(x5) = fallible((x1.name().len() as i32)).await {
                    if ((17 & 1 == 0) && (x3 < n)) { return Ok(x3); }
                    suspend!();
                } else {
                    suspend!();
                    suspend!();
                }
                let x6 = format!("s{}", 19);
            }
            let mut x7 = vec![(x1.name().len() as i32), quick(x3).await];
            let x8 = |k: i32| ((k ^ n) ^ x1.name().len() as i32);
            log(format!("{}", 5));
            Ok(match 13 & 1 { 0 => fallible(x7.iter().fold(0, |a, b| a ^ b)).await?, _ => quick((x1.name().len() as i32)).await })
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 3.
    case borrowing_3(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let n = p;
            log(format!("{}", (n.name().len() as i32)));
            let mut x2 = 0;
            loop {
                if x2 >= 2 { break; }
                x2 += 1;
                if (child(x2).await < i32::wrapping_add(x2, x2)) {
                    if !(x2 & 1 == 0) {
                        let x3 = D::new("x4");
                        let x5 = |k: i32| ((k ^ n.name().len() as i32) ^ x2);
                    }
                    log(format!("{}", (D::new("x6").name().len() as i32 ^ 5)));
                } else {
                    if ((1 < (n.name().len() as i32)) && !(x2 & 1 == 0)) {
                        suspend!();
                        suspend!();
                        suspend!();
                    } else {
                        suspend!();
                    }
                    let x7 = format!("s{}", ((n.name().len() as i32) & x2));
                    suspend!();
                }
                let x8 = ((n.name().len() as i32) & (D::new("x9").name().len() as i32 ^ 15));
                suspend!();
            }
            Ok(child(fallible(x2).await?).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 4.
    case borrowing_4(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = p;
            let x3 = x1;
            let mut x5 = quick(n).await;
            if ((((x3.name().len() as i32) & 1 == 0) || (18 & 1 == 0)) && ((n & 1 == 0) || (x5 < 22))) {
                let x6 = (x3.name().len() as i32);
            }
            let x7 = child_d(x3).await;
            match fallible(3).await? % 3 {
                0 => {
                    let mut x9 = 0;
                    while x9 < (x9 & 3) {
                        x9 += 1;
                        match child(if (x9 & 1 == 0) { (x7.name().len() as i32) } else { 16 }).await % 3 {
                            0 => {
                                let x10 = |k: i32| ((k ^ n) ^ x5);
                            } 1 | -1 => {
                                x5 ^= x5;
                            } _ => {
                                log(format!("{}", child(x5).await));
                                if ((x9 & 1 == 0) && (n & 1 == 0)) { return Ok(fallible(x9).await?); }
                                x5 ^= x9;
                            }
                        }
                        suspend!();
                    }
                } 1 | -1 => {
                    let x11 = format!("s{}", child(x5).await);
                    let mut x12 = vec![child((x11.len() as i32)).await, child(15).await];
                } _ => {
                    suspend!();
                    let x13 = ((x5 & (x7.name().len() as i32)) | n);
                }
            }
            Ok(n)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 5.
    case borrowing_5(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = format!("s{}", n);
            log(format!("{}", 28));
            let mut x2 = vec![i32::wrapping_add(8, 8), (x1.len() as i32)];
            {
                let Some(x1) = fallible(x2.iter().fold(0, |a, b| a ^ b)).await.ok() else { log!("else"); return Ok(x2.iter().fold(0, |a, b| a ^ b)); };
                suspend!();
            }
            let x3 = format!("s{}", i32::wrapping_add(13, x2.iter().fold(0, |a, b| a ^ b)));
            let x3 = p;
            for x5 in 0..(child(n).await & 3) {
                if ((x2.iter().fold(0, |a, b| a ^ b) & 1 == 0) && (n < 18)) { return Ok((child_len(&mut x2).await as i32)); }
                log(format!("{}", (quick(17).await | (child_len(&mut x2).await as i32))));
                log(format!("{}", (fallible((x3.name().len() as i32)).await? & (child_str(&x1).await as i32))));
            }
            let x6 = D::new("x7");
            suspend!();
            Ok((child_str(&x1).await as i32))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 6.
    case borrowing_6(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            if let Ok(x1) = fallible(i32::wrapping_add((p.name().len() as i32), (p.name().len() as i32))).await {
                suspend!();
            } else {
                n |= (match n & 1 { 0 => n, _ => (p.name().len() as i32) } | n);
                suspend!();
                match n % 3 {
                    0 => {
                        n = (p.name().len() as i32);
                        let mut x2 = vec![child((p.name().len() as i32)).await, i32::wrapping_add((p.name().len() as i32), n)];
                    } 1 | -1 => {
                        suspend!();
                        let Some(x3) = fallible(match (p.name().len() as i32) & 1 { 0 => (p.name().len() as i32), _ => (p.name().len() as i32) }).await.ok() else { log!("else"); return Ok(n); };
                    } _ => {
                        if (n < child(n).await) {
                            log(format!("{}", child(n).await));
                        } else {
                            suspend!();
                            suspend!();
                        }
                        suspend!();
                        suspend!();
                    }
                }
            }
            Ok(10)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 7.
    case borrowing_7(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            for x1 in 0..(quick((p.name().len() as i32)).await & 3) {
                suspend!();
                log(format!("{}", ((D::new("x2").name().len() as i32 ^ x1) & if ((p.name().len() as i32) < (p.name().len() as i32)) { 1 } else { 30 })));
            }
            let p = D::new("x3");
            let x4 = |k: i32| ((k ^ n) ^ p.name().len() as i32);
            if let Ok(x5) = fallible(9).await {
                if let Ok(x6) = fallible(fallible(x5).await?).await {
                    let x7 = format!("s{}", if (19 & 1 == 0) { n } else { x4(3) });
                    suspend!();
                } else {
                    let x8 = if ((8 < 20) && (24 & 1 == 0)) { i32::wrapping_add(35, 38) } else { quick((p.name().len() as i32)).await };
                }
                suspend!();
            } else {
                let x9 = D::new("x10");
            }
            let mut x11 = vec![n, (14 & 20)];
            Ok(n)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 8.
    case borrowing_8(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let mut x1 = vec![child(31).await, match (p.name().len() as i32) & 1 { 0 => n, _ => n }];
            log(format!("{}", (D::new("x2").name().len() as i32 ^ if ((p.name().len() as i32) & 1 == 0) { n } else { (p.name().len() as i32) })));
            let mut x3 = 0;
            loop {
                if x3 >= 2 { break; }
                x3 += 1;
                log(format!("{}", quick(24).await));
                let x4 = (D::new("x5").name().len() as i32 ^ quick(15).await);
            }
            if (child(x3).await < 27) {
                let x6 = p;
                let x8 = n;
            }
            let x9 = format!("s{}", x1.iter().fold(0, |a, b| a ^ b));
            suspend!();
            if (quick(x3).await & 1 == 0) {
                log(format!("{}", n));
                log(format!("{}", (child_len(&mut x1).await as i32)));
            } else {
                let mut x10 = n;
                let x11 = D::new("x12");
                suspend!();
            }
            Ok((child_len(&mut x1).await as i32))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 9.
    case borrowing_9(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let mut x1 = 0;
            loop {
                if x1 >= 2 { break; }
                x1 += 1;
                for x2 in 0..(quick((p.name().len() as i32)).await & 3) {
                    let x3 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                }
                {
                    for x4 in 0..(quick((p.name().len() as i32)).await & 3) {
                        let x5 = D::new("x6");
                        suspend!();
                        let x7 = D::new("x8");
                    }
                    log(format!("{}", n));
                    if ((22 & 1 == 0) || (n < n)) { log!("break"); break; }
                }
                let x9 = format!("s{}", (x1 | n));
            }
            {
                let x10 = p;
            }
            suspend!();
            Ok((n | i32::wrapping_add(n, x1)))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 10.
    case borrowing_10(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let n = format!("s{}", child((p.name().len() as i32)).await);
            log(format!("{}", (n.len() as i32)));
            {
                log(format!("{}", if ((p.name().len() as i32) < (n.len() as i32)) { quick((n.len() as i32)).await } else { (p.name().len() as i32) }));
                suspend!();
                let x1 = |k: i32| (k ^ p.name().len() as i32);
            }
            let x2 = p;
            log(format!("{}", 36));
            if let Ok(x4) = fallible(((n.len() as i32) | (n.len() as i32))).await {
                {
                    let Some(x5) = fallible(child(34).await).await.ok() else { log!("else"); return Ok((x2.name().len() as i32)); };
                    let mut x6 = vec![(D::new("x7").name().len() as i32 ^ 39), 29];
                    match (D::new("x8").name().len() as i32 ^ (n.len() as i32)) % 3 {
                        0 => {
                            log(format!("{}", i32::wrapping_add((D::new("x9").name().len() as i32 ^ x6.iter().fold(0, |a, b| a ^ b)), child(x6.iter().fold(0, |a, b| a ^ b)).await)));
                            suspend!();
                        } 1 | -1 => {
                            let n = x2;
                        } _ => {
                            suspend!();
                        }
                    }
                }
                suspend!();
            } else {
                let x11 = format!("s{}", quick((n.len() as i32)).await);
                suspend!();
                let x12 = D::new("x13");
            }
            Ok((n.len() as i32))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 11.
    case borrowing_11(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            {
                log(format!("{}", match (p.name().len() as i32) & 1 { 0 => 5, _ => n }));
            }
            n ^= i32::wrapping_add(match (p.name().len() as i32) & 1 { 0 => (p.name().len() as i32), _ => (p.name().len() as i32) }, (D::new("x1").name().len() as i32 ^ n));
            {
                let x2 = child_d(p).await;
                log(format!("{}", ((x2.name().len() as i32) & (x2.name().len() as i32))));
                n ^= n;
            }
            suspend!();
            let mut x4 = (22 ^ child(n).await);
            match if ((n & 1 == 0) && (15 & 1 == 0)) { x4 } else { child(n).await } % 3 {
                0 => {
                    suspend!();
                } 1 | -1 => {
                    {
                        let x5 = child_d(D::new("x6")).await;
                        suspend!();
                    }
                    suspend!();
                    suspend!();
                } _ => {
                    let x7 = format!("s{}", n);
                }
            }
            Ok(child(fallible(x4).await?).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 12.
    case borrowing_12(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            let Some(x1) = fallible(if (n & 1 == 0) { (p.name().len() as i32) } else { n }).await.ok() else { log!("else"); return Ok(fallible(21).await?); };
            suspend!();
            drop(p);
            for x2 in 0..(x1 & 3) {
                let Some(x3) = fallible(if (n & 1 == 0) { x1 } else { n }).await.ok() else { log!("else"); return Ok(child(x2).await); };
                let mut x4 = 39;
            }
            suspend!();
            let x5 = |k: i32| ((k ^ n) ^ x1);
            if let Ok(x6) = fallible(i32::wrapping_add(x1, x1)).await {
                log(format!("{}", n));
                suspend!();
            } else {
                suspend!();
                log(format!("{}", n));
                suspend!();
            }
            Ok(x5(3))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 13.
    case borrowing_13(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let mut x1 = vec![n, (p.name().len() as i32)];
            suspend!();
            suspend!();
            match quick(match (p.name().len() as i32) & 1 { 0 => 21, _ => (p.name().len() as i32) }).await % 3 {
                0 => {
                    n ^= x1.iter().fold(0, |a, b| a ^ b);
                    match 39 % 3 {
                        0 => {
                            let p = format!("s{}", match 7 & 1 { 0 => 34, _ => (p.name().len() as i32) });
                            let x2 = (16 & (p.len() as i32));
                            let x3 = child_d(D::new("x4")).await;
                        } 1 | -1 => {
                            let x5 = child_d(p).await;
                        } _ => {
                            for x7 in 0..(x1.iter().fold(0, |a, b| a ^ b) & 3) {
                                let mut x8 = x1.iter().fold(0, |a, b| a ^ b);
                            }
                            let mut x9 = (D::new("x10").name().len() as i32 ^ 4);
                        }
                    }
                } 1 | -1 => {
                    let x11 = child_d(p).await;
                } _ => {
                    let mut x13 = child(x1.iter().fold(0, |a, b| a ^ b)).await;
                    suspend!();
                }
            }
            Ok(child((x1.iter().fold(0, |a, b| a ^ b) & n)).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 14.
    case borrowing_14(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            suspend!();
            let x1 = i32::wrapping_add(fallible(n).await?, (p.name().len() as i32));
            n ^= (p.name().len() as i32);
            let mut x2 = child((p.name().len() as i32)).await;
            log(format!("{}", n));
            let x3 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            let mut x4 = 22;
            let x5 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            let x6 = x2;
            let x7 = if !(x2 & 1 == 0) { x5(3) } else { (x4 & (p.name().len() as i32)) };
            let x8 = x3(3);
            for x9 in 0..(if (x4 & 1 == 0) { x1 } else { x1 } & 3) {
                suspend!();
                log(format!("{}", match child(x6).await & 1 { 0 => 34, _ => 6 }));
                suspend!();
            }
            Ok(i32::wrapping_add(quick(x1).await, match 15 & 1 { 0 => x7, _ => x2 }))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 15.
    case borrowing_15(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = move |k: i32| k ^ p.name().len() as i32;
            suspend!();
            let Some(x2) = fallible(if (x1(3) < x1(3)) { x1(3) } else { n }).await.ok() else { log!("else"); return Ok(fallible(n).await?); };
            let mut x3 = x1(x1(3));
            let Some(x4) = fallible(19).await.ok() else { log!("else"); return Ok(x3); };
            if let Ok(x5) = fallible(child(9).await).await {
                let mut x6 = x3;
                let mut x7 = 17;
            } else {
                suspend!();
            }
            let x8 = format!("s{}", (x4 | x4));
            suspend!();
            suspend!();
            suspend!();
            let x9 = quick(fallible(x3).await?).await;
            Ok(quick((D::new("x10").name().len() as i32 ^ x1(3))).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 16.
    case borrowing_16(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            {
                let p = match (p.name().len() as i32) & 1 { 0 => (n ^ n), _ => n };
                suspend!();
                let x1 = |k: i32| ((k ^ n) ^ p);
            }
            let x2 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            let x3 = D::new("x4");
            drop(x3);
            log(format!("{}", quick(fallible(x2(3)).await?).await));
            let mut x5 = vec![match x2(3) & 1 { 0 => (p.name().len() as i32), _ => x2(3) }, fallible(4).await?];
            suspend!();
            let x6 = D::new("x7");
            log(format!("{}", (child_len(&mut x5).await as i32)));
            if ((x5.iter().fold(0, |a, b| a ^ b) & 1 == 0) && !(n < x5.iter().fold(0, |a, b| a ^ b))) {
                let x8 = x6.into_name();
                suspend!();
            } else {
                suspend!();
                let mut x9 = vec![if ((p.name().len() as i32) < n) { x5.iter().fold(0, |a, b| a ^ b) } else { 7 }, x2(3)];
                suspend!();
            }
            Ok((p.name().len() as i32))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 17.
    case borrowing_17(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            log(format!("{}", if (14 < (p.name().len() as i32)) { (D::new("x1").name().len() as i32 ^ 29) } else { (p.name().len() as i32) }));
            suspend!();
            let Some(x2) = fallible(child(3).await).await.ok() else { log!("else"); return Ok((D::new("x3").name().len() as i32 ^ (p.name().len() as i32))); };
            let Some(x4) = fallible(36).await.ok() else { log!("else"); return Ok((21 ^ (p.name().len() as i32))); };
            let x5 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            let mut x6 = vec![if (x4 < (p.name().len() as i32)) { 33 } else { 33 }, quick((p.name().len() as i32)).await];
            let x7 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            if (((6 & 1 == 0) && (n < 32)) || (x7(3) < 23)) {
                if let Ok(x8) = fallible((child_len(&mut x6).await as i32)).await {
                    log(format!("{}", x4));
                    let x4 = i32::wrapping_add(x5(3), i32::wrapping_add((p.name().len() as i32), n));
                    let mut x9 = 0;
                    loop {
                        if x9 >= 2 { break; }
                        x9 += 1;
                        suspend!();
                    }
                } else {
                    suspend!();
                    suspend!();
                    log(format!("{}", (child_len(&mut x6).await as i32)));
                }
            } else {
                suspend!();
            }
            Ok((child_len(&mut x6).await as i32))
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 18.
    case borrowing_18(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            match i32::wrapping_add(n, quick(15).await) % 3 {
                0 => {
                    drop(p);
                } 1 | -1 => {
                    let mut x1 = vec![child(20).await, 12];
                } _ => {
                    let x2 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                }
            }
            log(format!("{}", n));
            if let Ok(x3) = fallible(child(n).await).await {
                suspend!();
                let x4 = |k: i32| ((k ^ n) ^ x3);
                for x6 in 0..((D::new("x5").name().len() as i32 ^ x4(3)) & 3) {
                    {
                        let mut n = vec![n, x4(33)];
                    }
                    let x7 = |k: i32| ((k ^ n) ^ x3);
                }
            } else {
                let mut x8 = vec![n, (26 | n)];
                let x9 = if (x8.iter().fold(0, |a, b| a ^ b) & 1 == 0) { match 9 & 1 { 0 => 5, _ => n } } else { n };
                let x10 = D::new("x11");
            }
            Ok(32)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 19.
    case borrowing_19(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let mut x1 = vec![n, n];
            for x2 in 0..(match 24 & 1 { 0 => 38, _ => (p.name().len() as i32) } & 3) {
                let x3 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            }
            suspend!();
            let x4 = child(0).await;
            let x5 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
            let x6 = child_d(D::new("x7")).await;
            suspend!();
            suspend!();
            match x5(n) % 3 {
                0 => {
                    let x8 = &x1;
                    let x9 = child_d(x6).await;
                } 1 | -1 => {
                    let x11 = D::new("x12");
                } _ => {
                    suspend!();
                    let x13 = |k: i32| ((k ^ p.name().len() as i32) ^ n);
                }
            }
            Ok(child((child_len(&mut x1).await as i32)).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 20.
    case borrowing_20(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            if !(n & 1 == 0) {
                {
                    let mut x1 = 0;
                    loop {
                        if x1 >= 2 { break; }
                        x1 += 1;
                        let mut x2 = ((p.name().len() as i32) & i32::wrapping_add(n, (p.name().len() as i32)));
                        suspend!();
                        suspend!();
                    }
                    let x3 = format!("s{}", match x1 & 1 { 0 => n, _ => x1 });
                }
                let mut x4 = 31;
                match quick(24).await % 3 {
                    0 => {
                        suspend!();
                        log(format!("{}", (D::new("x5").name().len() as i32 ^ quick(x4).await)));
                        drop(p);
                    } 1 | -1 => {
                        let Some(x6) = fallible(if (0 < (p.name().len() as i32)) { (p.name().len() as i32) } else { 2 }).await.ok() else { log!("else"); return Ok(((p.name().len() as i32) & (p.name().len() as i32))); };
                        suspend!();
                    } _ => {
                        let Some(x7) = fallible(n).await.ok() else { log!("else"); return Ok(x4); };
                        suspend!();
                    }
                }
            }
            Ok(child(6).await)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 21.
    case borrowing_21(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let n = child_d(p).await;
            {
                suspend!();
                suspend!();
                let mut x2 = vec![(n.name().len() as i32), (n.name().len() as i32)];
            }
            let x3 = (fallible(16).await? ^ 6);
            for x5 in 0..((D::new("x4").name().len() as i32 ^ x3) & 3) {
                let x6 = x3;
                match 39 % 3 {
                    0 => {
                        let x6 = child_d(D::new("x7")).await;
                        let x8 = D::new("x9");
                        let x3 = D::new("x10");
                    } 1 | -1 => {
                        suspend!();
                        suspend!();
                        suspend!();
                    } _ => {
                        let Some(x11) = fallible((n.name().len() as i32)).await.ok() else { log!("else"); return Ok((x5 & 26)); };
                        suspend!();
                        if !(x3 & 1 == 0) { log!("continue"); continue; }
                    }
                }
            }
            Ok(fallible((x3 ^ x3)).await?)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 22.
    case borrowing_22(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let mut x1 = 0;
            loop {
                if x1 >= 2 { break; }
                x1 += 1;
                if !((p.name().len() as i32) < (p.name().len() as i32)) { return Ok((p.name().len() as i32)); }
                log(format!("{}", i32::wrapping_add(x1, 29)));
                for x2 in 0..(n & 3) {
                    if let Ok(x3) = fallible(x2).await {
                        let Some(x4) = fallible(x3).await.ok() else { log!("else"); return Ok(child(n).await); };
                    } else {
                        let x5 = x1;
                        let mut n = match x1 & 1 { 0 => child(x1).await, _ => child(3).await };
                    }
                    let x6 = D::new("x7");
                    let mut x8 = 0;
                    loop {
                        if x8 >= 2 { break; }
                        x8 += 1;
                        suspend!();
                    }
                }
            }
            suspend!();
            log(format!("{}", child_d(p).await.name()));
            suspend!();
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

    /// Generated: borrowing seed 23.
    case borrowing_23(D::new("p"), 5) {
        fn case(p: D, mut n: i32) -> Result<i32, String> {
            let x1 = p;
            let x3 = format!("s{}", if ((x1.name().len() as i32) < 17) { (x1.name().len() as i32) } else { 5 });
            if (!(1 < (x3.len() as i32)) && ((x1.name().len() as i32) & 1 == 0)) {
                if let Ok(x4) = fallible((D::new("x5").name().len() as i32 ^ (x1.name().len() as i32))).await {
                    let mut x6 = vec![match n & 1 { 0 => x4, _ => (x3.len() as i32) }, ((x3.len() as i32) & (x3.len() as i32))];
                } else {
                    if (39 < (x3.len() as i32)) { return Ok(fallible((x1.name().len() as i32)).await?); }
                    suspend!();
                    for x7 in 0..(n & 3) {
                        suspend!();
                        let x8 = |k: i32| ((k ^ n) ^ x1.name().len() as i32);
                        suspend!();
                    }
                }
                suspend!();
            } else {
                let x9 = |k: i32| ((k ^ n) ^ x1.name().len() as i32);
            }
            let x10 = child_d(x1).await;
            Ok(fallible(i32::wrapping_add((x3.len() as i32), (x10.name().len() as i32))).await?)
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
        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
    }

}
