//! Generators (`suspend!(value)`, `let x = suspend!()`), against the same
//! body as an `async fn` whose points hand out and take in through the
//! driver (see `crate::yields`).

#[allow(unused_imports)]
use crate::prelude::*;

crate::generator_differential! {
    case counts_up(4) yield u32, resume (), with |_k| ();
    fn case(n: u32) {
        for i in 0..n {
            suspend!(i);
        }
    }

    case fibonacci(8) yield u64, resume (), with |_k| ();
    fn case(n: usize) -> &'static str {
        let (mut a, mut b) = (0, 1);
        for _ in 0..n {
            suspend!(a);
            (a, b) = (b, a + b);
        }
        "done"
    }

    case yields_borrowed_from_its_locals() yield usize, resume (), with |_k| ();
    fn case() -> usize {
        let words = String::from("a stackless coroutine keeps its locals");
        let mut total = 0;
        for w in words.split(' ') {
            total += w.len();
            suspend!(w.len());
        }
        let v = vec![D::new("x"), D::new("yy")];
        for d in v.iter() {
            suspend!(d.name().len());
        }
        total
    }

    case hands_out_values_with_drops() yield D, resume (), with |_k| ();
    fn case() -> u32 {
        let keep = D::new("kept");
        suspend!(D::new("first"));
        log!("between");
        suspend!(D::new("second"));
        suspend!();
        suspend!(D::new(format!("third after {}", keep.name())));
        7
    }

    case running_sum() yield i64, resume i64, with |k| (k as i64) * 3 - 4;
    fn case() -> i64 {
        let mut sum = 0;
        let first = suspend!(sum);
        sum += first;
        loop {
            let x = suspend!(sum);
            log!("got {x}");
            if x > 10 {
                return sum;
            }
            sum += x;
        }
    }

    case resume_values_in_expressions() yield String, resume u32, with |k| k as u32 + 1;
    fn case() -> u32 {
        let d = D::new("local");
        let a = suspend!(format!("a from {}", d.name())) + suspend!(String::from("b"));
        let v = vec![suspend!(), suspend!(a.to_string()) * 2];
        if suspend!() % 2 == 0 {
            log!("even");
        }
        match suspend!(String::from("m")) {
            0..=5 => log!("small"),
            n => log!("large {n}"),
        }
        v.iter().sum::<u32>() + a
    }

    case resume_values_with_drops() yield u8, resume D, with |k| D::new(format!("r{k}"));
    fn case() -> usize {
        log!("start");
        let a = suspend!(1);
        log!("got {}", a.name());
        suspend!(2);
        let b = suspend!(3);
        let kept = D::new("kept");
        drop(a);
        let c = suspend!();
        log!("then {} and {}", b.name(), c.name());
        b.name().len() + kept.name().len()
    }

    case resume_values_steer_a_loop() yield u32, resume u32, with |k| (k as u32 * 7) % 5;
    fn case() -> u32 {
        let mut acc = 0;
        let d = D::new("loop");
        loop {
            match suspend!(acc) {
                0 if acc > 0 => break,
                n if n % 2 == 0 => acc += n,
                n => log!("odd {n} in {}", d.name()),
            }
            if acc > 20 {
                return acc;
            }
        }
        acc * 2
    }

    case resume_values_in_a_tuple_and_if_let() yield String, resume i32, with |k| k as i32 - 2;
    fn case() -> i32 {
        let (a, b) = (suspend!(String::from("x")), suspend!(String::from("y")));
        let v = vec![a, b];
        if let Some(&first) = v.iter().find(|&&x| x > 0) {
            log!("first positive {first}");
            return first + suspend!(format!("{v:?}"));
        }
        v.iter().sum()
    }

    case resume_values_while_awaiting() yield u8, resume D, with |k| D::new(format!("r{k}"));
    fn case() -> usize {
        let a = suspend!(1);
        let n = child(a.name().len()).await;
        let b = suspend!(2);
        log!("after {}", b.name());
        n + b.name().len()
    }
    fn child(n: usize) -> usize {
        log!("child starts");
        suspend!();
        log!("child resumed");
        n + 1
    }

    case awaits_a_plain_coroutine() yield u8, resume u8, with |k| k as u8;
    fn case() -> u8 {
        let x = suspend!(1);
        let y = child(x).await;
        let z = suspend!(y);
        x + y + z
    }
    fn child(n: u8) -> u8 {
        let d = D::new("child");
        suspend!();
        log!("child resumed {}", d.name());
        suspend!();
        n * 10
    }

    case plain_suspensions_between_values("ab c") yield char, resume (), with |_k| ();
    fn case(s: &'static str) {
        for c in s.chars() {
            if c == ' ' {
                suspend!();
            } else {
                suspend!(c);
            }
        }
    }

    case delegates_and_gets_outputs() yield String, resume u32, with |k| k as u32;
    fn case() -> u32 {
        let d = D::new("outer");
        let a = yield_from!(inner("a", 2));
        let x = suspend!(format!("between {a}"));
        let b = yield_from!(inner("b", x));
        log!("{} done", d.name());
        a + b
    }
    yields fn inner(name: &'static str, n: u32) -> u32 {
        let d = D::new(name);
        let mut total = 0;
        for i in 0..n {
            total += suspend!(format!("{name}{i}"));
        }
        log!("{} returns {total}", d.name());
        total
    }

    case delegation_three_deep() yield u32, resume (), with |_k| ();
    fn case() -> u32 {
        let a = yield_from!(middle(1));
        suspend!(100);
        a + yield_from!(middle(2))
    }
    yields fn middle(n: u32) -> u32 {
        let _d = D::new(format!("middle{n}"));
        suspend!(n * 10);
        let x = yield_from!(leaf(n));
        suspend!(n * 10 + 1);
        x
    }
    yields fn leaf(n: u32) -> u32 {
        let _d = D::new(format!("leaf{n}"));
        suspend!(n * 1000);
        suspend!();
        suspend!(n * 1000 + 1);
        n
    }

    case delegates_to_a_borrowed_generator() yield u8, resume (), with |_k| ();
    fn case() -> u8 {
        let mut g = Box::pin(counter(3));
        let first = yield_from!(g.as_mut());
        suspend!(50);
        first
    }
    yields fn counter(n: u8) -> u8 {
        for i in 0..n {
            suspend!(i);
        }
        n
    }
}
