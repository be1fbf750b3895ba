//! Adversarial cases: what a demanding user writes in real code.
//! `.await` and `suspend!()` in unusual expression positions, control-flow
//! mixes, moves and drops, borrows across suspension points, generic and
//! lifetime-carrying children, deep await chains.

#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    case let_underscore_is_not_a_move() {
        fn case() -> i32 {
            let d = D::new("d");
            let _ = d;
            suspend!();
            log!("end");
            1
        }
    }

    case assign_index_order() {
        fn case() -> Vec<i32> {
            let mut v = vec![1, 2, 3];
            v[val("i", 0)] = child(7).await;
            v
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n
        }
    }

    case struct_literal_with_awaits() {
        fn case() -> usize {
            let s = Triple { a: D::new("a"), n: num(1).await, b: make("b").await };
            suspend!();
            log!("{} {} {}", s.a.name(), s.n, s.b.name());
            s.n
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
        fn make(name: &'static str) -> D {
            let t = D::new("tmp");
            suspend!();
            D::new(name)
        }
    }

    case tuple_literal_with_drop_temps() {
        fn case() -> usize {
            let t = (D::new("x"), make("y").await, D::new("z"), make("w").await);
            log!("built");
            t.1.name().len()
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    case labeled_block_break(true) {
        fn case(c: bool) -> i32 {
            let outer = D::new("outer");
            let r = 'blk: {
                let d = D::new("in");
                suspend!();
                if c {
                    log!("leaving {}", d.name());
                    break 'blk 1;
                }
                suspend!();
                2
            };
            suspend!();
            log!("{}", outer.name());
            r
        }
    }

    case labeled_break_out_of_nested_loops() {
        fn case() -> usize {
            let keep = D::new("keep");
            let r = 'outer: loop {
                let o = D::new("o");
                for i in 0..5 {
                    let d = D::new(format!("d{i}"));
                    suspend!();
                    let mut j = 0;
                    while j < 3 {
                        suspend!();
                        if i == 2 && j == 1 {
                            log!("breaking {} {}", d.name(), o.name());
                            break 'outer i * 10 + j;
                        }
                        j += 1;
                    }
                }
                break 99;
            };
            log!("{}", keep.name());
            r
        }
    }

    case continue_in_while_let(vec![D::new("a"), D::new("skip"), D::new("b")]) {
        fn case(mut v: Vec<D>) -> String {
            let mut out = String::new();
            while let Some(x) = v.pop() {
                let guard = D::new(format!("g-{}", x.name()));
                if x.name() == "skip" {
                    suspend!();
                    continue;
                }
                suspend!();
                out.push_str(x.name());
            }
            out
        }
    }

    case loop_in_match_in_loop(vec![Some(2), None, Some(3)]) {
        fn case(items: Vec<Option<u32>>) -> u32 {
            let mut total = 0;
            for item in items {
                let outer = D::new("item");
                match item {
                    Some(n) => {
                        let mut k = 0;
                        loop {
                            let step = D::new(format!("k{k}"));
                            suspend!();
                            k += 1;
                            if k == n {
                                break;
                            }
                        }
                        total += k;
                    }
                    None => {
                        suspend!();
                        log!("none");
                    }
                }
            }
            total
        }
    }

    case early_return_from_deep_nesting(3) {
        fn case(stop: u32) -> u32 {
            let a = D::new("a");
            let b = D::new("b");
            for i in 0..10 {
                let c = D::new(format!("c{i}"));
                if i % 2 == 1 {
                    let e = D::new("e");
                    match i {
                        n if n == stop => {
                            let f = D::new("f");
                            suspend!();
                            return n * 100;
                        }
                        _ => {
                            suspend!();
                        }
                    }
                }
                suspend!();
            }
            0
        }
    }

    case break_from_loop_with_many_suspends() {
        fn case() -> u32 {
            let mut i = 0;
            let r = loop {
                let x = D::new(format!("x{i}"));
                suspend!();
                if i == 2 {
                    break i;
                }
                let y = D::new(format!("y{i}"));
                suspend!();
                i += 1;
                if i > 10 {
                    break 1000;
                }
                suspend!();
            };
            r
        }
    }
    case shadowed_value_still_borrowed() {
        fn case() -> usize {
            let d = D::new("first");
            let r = &d;
            let d = D::new("second");
            suspend!();
            log!("{} {}", r.name(), d.name());
            suspend!();
            r.name().len() + d.name().len()
        }
    }

    case reassign_after_move_into_child() {
        fn case() -> usize {
            let mut d = D::new("a");
            let n = take(d).await;
            d = D::new("b");
            suspend!();
            log!("{}", d.name());
            n
        }
        fn take(d: D) -> usize {
            suspend!();
            log!("took {}", d.name());
            d.name().len()
        }
    }

    case option_take_and_refill() {
        fn case() -> bool {
            let mut slot = Some(D::new("s"));
            suspend!();
            let taken = slot.take();
            suspend!();
            log!("empty: {}", slot.is_none());
            drop(taken);
            slot = Some(D::new("t"));
            suspend!();
            slot.is_some()
        }
    }

    case swap_and_replace() {
        fn case() -> String {
            let mut a = D::new("a");
            let mut b = D::new("b");
            std::mem::swap(&mut a, &mut b);
            suspend!();
            let old = std::mem::replace(&mut a, D::new("c"));
            suspend!();
            log!("{} {} {}", a.name(), b.name(), old.name());
            format!("{}{}", a.name(), b.name())
        }
    }

    case mutable_reference_binding() {
        fn case() -> usize {
            let mut v = Vec::new();
            let r = &mut v;
            r.push(D::new("a"));
            suspend!();
            r.push(D::new("b"));
            suspend!();
            log!("{}", r.len());
            v.len()
        }
    }

    case for_over_reference(vec![D::new("x"), D::new("y")]) {
        fn case(v: Vec<D>) -> usize {
            let mut n = 0;
            for d in &v {
                suspend!();
                log!("{}", d.name());
                n += d.name().len();
            }
            log!("still have {}", v.len());
            n
        }
    }

    case for_enumerate_borrowed(vec![D::new("x"), D::new("y"), D::new("z")]) {
        fn case(v: Vec<D>) -> usize {
            let mut acc = 0;
            for (i, d) in v.iter().enumerate() {
                let tmp = D::new(format!("t{i}"));
                suspend!();
                log!("{} {}", i, d.name());
                if i == 1 {
                    break;
                }
                acc += i;
            }
            acc + v.len()
        }
    }
    case for_iter_mut(vec![1, 2, 3]) {
        fn case(mut v: Vec<i32>) -> Vec<i32> {
            for x in v.iter_mut() {
                suspend!();
                *x *= 10;
            }
            suspend!();
            for x in &mut v {
                *x += { suspend!(); 1 };
            }
            v
        }
    }

    case closure_capturing_ref_called_with_awaited_args() {
        fn case() -> usize {
            let k = D::new("kk");
            let f = |a: usize, b: usize| a * 10 + b + k.name().len();
            let r = f(num(1).await, num(2).await);
            suspend!();
            r + f(0, num(3).await)
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case generic_children_with_drops() {
        fn case() -> usize {
            let v = repeat(D::new("g"), 2).await;
            let w = repeat(5u8, 3).await;
            log!("{} {}", v.len(), w.len());
            v.len() + w.len()
        }
        fn repeat[T: Clone + std::fmt::Debug](x: T, n: usize) -> Vec<T> {
            let mut out = Vec::new();
            for _ in 0..n {
                suspend!();
                out.push(x.clone());
            }
            out
        }
    }

    case deep_chain_of_five() {
        fn case() -> u32 {
            let d = D::new("l0");
            let r = l1(1).await;
            log!("{}", d.name());
            r
        }
        fn l1(n: u32) -> u32 {
            let d = D::new("l1");
            suspend!();
            let r = l2(n + 1).await + 1;
            log!("{}", d.name());
            r
        }
        fn l2(n: u32) -> u32 {
            let d = D::new("l2");
            let r = l3(n + 1).await * 2;
            suspend!();
            r
        }
        fn l3(n: u32) -> u32 {
            let d = D::new("l3");
            suspend!();
            let a = l4(n).await;
            let b = l4(n + 1).await;
            a + b
        }
        fn l4(n: u32) -> u32 {
            let d = D::new(format!("l4-{n}"));
            suspend!();
            suspend!();
            n
        }
    }

    case several_suspensions_in_one_statement() {
        fn case() -> usize {
            let d = D::new("d");
            let x = add(num(1).await, { suspend!(); 2 }).await * { suspend!(); num(3).await };
            log!("x = {x}");
            x
        }
        fn add(a: usize, b: usize) -> usize {
            log!("add {a} {b}");
            suspend!();
            a + b
        }
        fn num(n: usize) -> usize {
            log!("num {n}");
            suspend!();
            n
        }
    }

    case try_on_awaited_results_in_loop(vec!["1", "2", "x", "4"]) {
        fn case(items: Vec<&'static str>) -> Result<i32, String> {
            let outer = D::new("outer");
            let mut total = 0;
            for s in items {
                let g = D::new(format!("g{s}"));
                total += parse(s).await?;
                suspend!();
            }
            Ok(total)
        }
        fn parse(s: &'static str) -> Result<i32, String> {
            let p = D::new(format!("p{s}"));
            suspend!();
            s.parse::<i32>().map_err(|e| format!("{s}: {e}"))
        }
    }

    case if_let_else_with_awaited_scrutinee(true) {
        fn case(c: bool) -> usize {
            let n = if let Some(d) = maybe(c).await {
                suspend!();
                log!("some {}", d.name());
                d.name().len()
            } else {
                suspend!();
                0
            };
            let m = if let Some(d) = maybe(!c).await {
                d.name().len()
            } else {
                let e = D::new("else");
                suspend!();
                log!("{}", e.name());
                100
            };
            n + m
        }
        fn maybe(c: bool) -> Option<D> {
            suspend!();
            if c { Some(D::new("m")) } else { None }
        }
    }
    case let_else_with_awaited_scrutinee() {
        fn case() -> usize {
            let keep = D::new("keep");
            let Some(a) = maybe(true).await else {
                return 1;
            };
            let Some(b) = maybe(false).await else {
                let e = D::new("e");
                suspend!();
                log!("{} {}", a.name(), e.name());
                return 2;
            };
            3
        }
        fn maybe(c: bool) -> Option<D> {
            suspend!();
            if c { Some(D::new("m")) } else { None }
        }
    }

    case casts_and_indexing_with_awaits() {
        fn case() -> u64 {
            let arr = [10u16, 20, 30];
            let a = (num(300).await as u8) as u64;
            let b = arr[num(2).await as usize] as u64;
            let c = -(num(4).await as i64) as u64;
            a + b + c.wrapping_add(10)
        }
        fn num(n: u32) -> u32 {
            suspend!();
            n
        }
    }

    case match_on_awaited_pair_with_guards() {
        fn case() -> usize {
            let r = match make_pair("x", "y").await {
                (a, b) if a.name() == "nope" => 0,
                (a, b) => {
                    suspend!();
                    log!("{} {}", a.name(), b.name());
                    drop(a);
                    suspend!();
                    b.name().len()
                }
            };
            suspend!();
            r
        }
        fn make_pair(a: &'static str, b: &'static str) -> (D, D) {
            suspend!();
            (D::new(a), D::new(b))
        }
    }

    case array_literal_with_awaits() {
        fn case() -> usize {
            let arr = [D::new("a"), make("b").await, D::new("c"), make("d").await];
            log!("built");
            arr.len()
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    case fnmut_closure_in_loop() {
        fn case() -> Vec<usize> {
            let mut seen = Vec::new();
            let mut record = |x: usize| seen.push(x * 2);
            for i in 0..3 {
                suspend!();
                record(i);
            }
            record(num(9).await);
            seen
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case value_reassigned_in_loop() {
        fn case() -> String {
            let mut cur = D::new("c0");
            for i in 1..4 {
                suspend!();
                cur = D::new(format!("c{i}"));
                log!("now {}", cur.name());
            }
            cur.name().to_string()
        }
    }

    case moved_into_child_and_replaced_in_loop() {
        fn case() -> usize {
            let mut cur = D::new("c0");
            let mut total = 0;
            for i in 1..4 {
                total += take(cur).await;
                cur = D::new(format!("c{i}"));
            }
            total
        }
        fn take(d: D) -> usize {
            suspend!();
            d.name().len()
        }
    }
    case struct_update_syntax() {
        fn case() -> usize {
            let base = Triple { a: D::new("a"), n: 1, b: D::new("b") };
            let s = Triple { n: num(5).await, ..base };
            suspend!();
            log!("{} {}", s.a.name(), s.b.name());
            s.n
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case string_concat_with_await() {
        fn case() -> String {
            let mut s = String::from("a");
            s = s + &word("b").await;
            s += &word("c").await;
            s.push_str(&word("d").await);
            s
        }
        fn word(w: &'static str) -> String {
            suspend!();
            w.to_string()
        }
    }

    case index_with_awaited_index() {
        fn case() -> String {
            let v = vec![D::new("p"), D::new("q")];
            let a = v[num(1).await].name().to_string();
            let b = v[num(0).await].name().len();
            format!("{a}{b}")
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case closure_literal_called_with_awaited_arg() {
        fn case() -> usize {
            let r = (|x: usize| x * 2)(num(4).await);
            let m = matches!(make("x").await.name(), "x");
            r + m as usize
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }
    case temporary_in_if_condition_across_await() {
        fn case() -> usize {
            if D::new("c").name().len() == num(1).await {
                log!("equal");
                suspend!();
                1
            } else {
                0
            }
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case worklist_while_let() {
        fn case() -> Vec<u32> {
            let mut stack = vec![3u32];
            let mut out = Vec::new();
            while let Some(n) = stack.pop() {
                let d = D::new(format!("n{n}"));
                suspend!();
                out.push(n);
                if n > 0 {
                    stack.push(dec(n).await);
                    if n == 2 {
                        stack.push(0);
                    }
                }
            }
            out
        }
        fn dec(n: u32) -> u32 {
            suspend!();
            n - 1
        }
    }

    case conditional_moves_in_arms_k1(1) {
        fn case(k: u8) -> u8 {
            let a = D::new("a");
            let b = D::new("b");
            let c = D::new("c");
            match k {
                0 => consume(a),
                1 => consume(b),
                _ => {}
            }
            suspend!();
            log!("{}", c.name());
            suspend!();
            k
        }
    }

    case conditional_moves_in_arms_k2(2) {
        fn case(k: u8) -> u8 {
            let a = D::new("a");
            let b = D::new("b");
            let c = D::new("c");
            match k {
                0 => consume(a),
                1 => consume(b),
                _ => {}
            }
            suspend!();
            log!("{}", c.name());
            suspend!();
            k
        }
    }

    case conditional_move_into_child(true) {
        fn case(c: bool) -> usize {
            let d = D::new("d");
            let e = D::new("e");
            let n = if c { take(d).await } else { 0 };
            suspend!();
            log!("{}", e.name());
            n
        }
        fn take(d: D) -> usize {
            suspend!();
            d.name().len()
        }
    }

    case lazy_operators_with_drops() {
        fn case() -> (bool, bool) {
            let d = D::new("d");
            let a = is(d.name().to_string(), "d").await && is(d.name().to_string(), "x").await || yes(true).await;
            let b = yes(false).await || (yes(true).await && !yes(false).await);
            log!("{}", d.name());
            (a, b)
        }
        fn is(name: String, s: &'static str) -> bool {
            suspend!();
            log!("is {s}");
            name == s
        }
        fn yes(b: bool) -> bool {
            let t = D::new("yes");
            suspend!();
            b
        }
    }

    case child_returning_reference_to_argument(&[7u8, 8, 9], &[1u8, 2]) {
        fn case(v: &'static [u8], w: &'static [u8]) -> u8 {
            let a = *first(v).await;
            let b = *pick(v, w, false).await;
            let c = pick(w, v, true).await.clone();
            a + b + c
        }
        fn first['a](v: &'a [u8]) -> &'a u8 {
            suspend!();
            &v[0]
        }
        fn pick['a](x: &'a [u8], y: &'a [u8], left: bool) -> &'a u8 {
            let d = D::new("pick");
            suspend!();
            if left { &x[0] } else { &y[1] }
        }
    }
    case closure_arg_to_child() {
        fn case() -> usize {
            let k = 3;
            let a = apply(move |x| x + k, 1).await;
            suspend!();
            a
        }
        fn apply(f: impl Fn(usize) -> usize, x: usize) -> usize {
            let d = D::new("apply");
            suspend!();
            f(x)
        }
    }

    case generic_bounds_child() {
        fn case() -> u64 {
            let a = sum_all(vec![1u8, 2, 3]).await;
            let b = sum_all(vec![10u32, 20]).await;
            a + b
        }
        fn sum_all[T: Copy + Into<u64> + std::fmt::Debug](xs: Vec<T>) -> u64 {
            let mut total = 0u64;
            for x in xs {
                suspend!();
                log!("add {:?}", x);
                total += x.into();
            }
            total
        }
    }

    case nested_closures_rederived() {
        fn case() -> i32 {
            let base = 10;
            let add = |a: i32| a + base;
            let twice = |a: i32| add(add(a));
            suspend!();
            let r = twice(1);
            suspend!();
            r + twice(num(2).await)
        }
        fn num(n: i32) -> i32 {
            suspend!();
            n
        }
    }

    case else_if_let_chain_with_awaits(2) {
        fn case(k: u32) -> &'static str {
            let d = D::new("d");
            if let Some(x) = only(k, 0).await {
                "zero"
            } else if let Some(x) = only(k, 1).await {
                "one"
            } else if let Some(x) = only(k, 2).await {
                suspend!();
                log!("two {}", x.name());
                "two"
            } else {
                "many"
            }
        }
        fn only(k: u32, want: u32) -> Option<D> {
            suspend!();
            if k == want { Some(D::new(format!("o{k}"))) } else { None }
        }
    }

    case destructure_awaited_tuple_and_struct() {
        fn case() -> usize {
            let (a, b) = (make("a").await, make("b").await);
            let Pair { a: x, b: y } = make_pair().await;
            suspend!();
            log!("{} {}", a.name(), y.name());
            drop(b);
            suspend!();
            x.name().len()
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
        fn make_pair() -> Pair {
            suspend!();
            Pair { a: D::new("pa"), b: D::new("pb") }
        }
    }

    case option_map_on_awaited() {
        fn case() -> Option<String> {
            let a = maybe(true).await.map(|d| d.into_name());
            let b = maybe(false).await.map(|d| d.into_name());
            suspend!();
            log!("{:?} {:?}", a, b);
            a
        }
        fn maybe(c: bool) -> Option<D> {
            suspend!();
            if c { Some(D::new("m")) } else { None }
        }
    }

    case result_option_question_in_while_let() {
        fn case() -> Result<u32, String> {
            let guard = D::new("guard");
            let mut i = 0;
            let mut total = 0;
            while let Some(x) = fetch(i).await? {
                let d = D::new(format!("x{x}"));
                suspend!();
                total += x;
                i += 1;
            }
            Ok(total)
        }
        fn fetch(i: u32) -> Result<Option<u32>, String> {
            suspend!();
            match i {
                0..=2 => Ok(Some(i * 10)),
                3 => Ok(None),
                _ => Err("boom".to_string()),
            }
        }
    }

    case question_mark_error_path_with_many_live() {
        fn case() -> Result<u32, String> {
            let a = D::new("a");
            let mut total = 0;
            for i in 0..5 {
                let b = D::new(format!("b{i}"));
                let v = check(i).await?;
                let c = D::new(format!("c{i}"));
                suspend!();
                total += v;
            }
            Ok(total)
        }
        fn check(i: u32) -> Result<u32, String> {
            let t = D::new(format!("t{i}"));
            suspend!();
            if i == 3 { Err(format!("bad {i}")) } else { Ok(i) }
        }
    }

    case for_over_btreemap_iter() {
        fn case() -> String {
            let mut m = std::collections::BTreeMap::new();
            m.insert(2, D::new("two"));
            m.insert(1, D::new("one"));
            let mut s = String::new();
            for (k, v) in m.iter() {
                suspend!();
                s.push_str(&format!("{k}={} ", v.name()));
            }
            s
        }
    }

    case for_rev_and_chars() {
        fn case() -> String {
            let v = vec![D::new("a"), D::new("b"), D::new("c")];
            let text = String::from("xyz");
            let mut s = String::new();
            for d in v.iter().rev() {
                suspend!();
                s.push_str(d.name());
            }
            for c in text.chars() {
                suspend!();
                s.push(c);
            }
            s
        }
    }

    case unknown_macro_implicit_capture() {
        fn case() {
            let n = 5;
            suspend!();
            log!("n = {n}");
        }
    }

    case closure_implicit_capture() {
        fn case() -> String {
            let s = String::from("x");
            let f = || format!("<{s}>");
            suspend!();
            f()
        }
    }

    case closure_shadowed_capture() {
        fn case() -> usize {
            let x = D::new("first");
            let f = || x.name().len();
            let x = D::new("second!");
            suspend!();
            log!("{}", x.name());
            f()
        }
    }

    case move_in_and_rhs_true(true) {
        fn case(c: bool) {
            let d = D::new("d");
            let e = D::new("e");
            if c && eat(d) {
                log!("ate");
            }
            suspend!();
            log!("{}", e.name());
        }
    }

    case move_in_or_rhs(false) {
        fn case(c: bool) {
            let d = D::new("d");
            let e = D::new("e");
            let r = c || eat(d);
            suspend!();
            log!("{} {}", e.name(), r);
        }
    }

    case assign_through_call_place() {
        fn case() -> Vec<i32> {
            let mut v = vec![1, 2];
            *v.last_mut().unwrap() = { suspend!(); 5 };
            v
        }
    }
    case temp_in_while_cond_with_await() {
        fn case() -> usize {
            let mut i = 0;
            while D::new("c").name().len() + i < num(3).await {
                i += 1;
            }
            i
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    case conditional_move_and_reassign_in_loop() {
        fn case() -> String {
            let mut d = D::new("d0");
            for i in 0..4 {
                if i % 2 == 0 {
                    consume(d);
                    d = D::new(format!("d{}", i + 1));
                }
                suspend!();
            }
            d.name().to_string()
        }
    }

    case return_value_with_awaits_from_loop() {
        fn case() -> (D, D) {
            let mut i = 0;
            loop {
                let x = D::new(format!("x{i}"));
                suspend!();
                if i == 2 {
                    return (D::new("ret"), make("made").await);
                }
                i += 1;
            }
        }
        fn make(name: &'static str) -> D {
            let t = D::new("tmp");
            suspend!();
            D::new(name)
        }
    }

}

/// Logs the evaluation of an operand.
pub fn val<T: std::fmt::Debug>(name: &str, v: T) -> T {
    crate::harness::log(format!("val {name} = {v:?}"));
    v
}

pub fn consume(d: D) {
    crate::harness::log(format!("consume {}", d.name()));
}

#[derive(Debug)]
pub struct Pair {
    pub a: D,
    pub b: D,
}

#[derive(Debug)]
pub struct Triple {
    pub a: D,
    pub n: usize,
    pub b: D,
}

pub fn eat(d: D) -> bool {
    crate::harness::log(format!("eat {}", d.name()));
    true
}
