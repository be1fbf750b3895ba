//! Programs only the in-place lowering compiles: values borrowed across
//! suspension points (children borrowing their awaiter's locals, iterators,
//! references from methods, slices, borrowing scrutinees), stable addresses,
//! closures created after a suspension, awaits in a `for` iterable. Several
//! come from ../shared/repro/transform (named in their docs).

#[allow(unused_imports)]
use super::realistic::Batch;
#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    /// Closures kept across points whose bodies bind again the names of
    /// values in slots (a parameter, a `let`, a nested closure's
    /// parameter, a `for` pattern), use one in struct shorthand, and nest a
    /// `move` closure copying one.
    case closure_bodies_shadow_values_in_slots() {
        fn case() -> u32 {
            let x = 5u32;
            let s = D::new("s");
            suspend!();
            let f = |v: u32| {
                let x = v * 2;
                x + s.name().len() as u32
            };
            let g = |y: u32| [1u32, 2].iter().map(|x| x + y).sum::<u32>();
            let h = || {
                let mut t = 0;
                for x in 0..x {
                    t += x;
                }
                let add = move |n: u32| n + x;
                add(t)
            };
            let k = || Point2 { x, y: 1 };
            suspend!();
            let out = f(x) + g(1) + h() + k().x;
            log!("{out} {}", s.name());
            out
        }
    }

    /// A closure that moves a value in (`FnOnce`), kept across a point and
    /// called at its last use; a borrowing one called in a loop (by
    /// reference each time) and then once more.
    case closure_called_by_value_at_last_use() {
        fn case() -> usize {
            let d = D::new("moved in");
            let e = D::new("borrowed");
            let once = || take(d);
            let twice = || e.name().len();
            let mut n = 0;
            for _ in 0..2 {
                suspend!();
                n += twice();
            }
            suspend!();
            n += twice();
            log!("before the call");
            n + once()
        }
    }

    /// A suspension point in the index of a compound assignment
    /// (`v[i.await] += 1`), and in the pointer it writes through.
    case await_in_compound_assignment_place(vec![1, 2, 3]) {
        fn case(mut v: Vec<u32>) -> u32 {
            v[index(1).await] += 10;
            v[index(2).await] *= 3;
            let mut x = 5;
            *through(&mut x).await -= 2;
            log!("{v:?} {x}");
            v.iter().sum::<u32>() + x
        }
        fn index(i: usize) -> usize {
            let _g = D::new("index");
            suspend!();
            i
        }
        fn through(x: &mut u32) -> &mut u32 {
            suspend!();
            x
        }
    }

    /// The scrutinee of a `match` whose guards suspend suspends too; the
    /// scrutinee's value lives in a slot while the guards run.
    case await_in_scrutinee_with_suspending_guard(vec![4, 5]) {
        fn case(v: Vec<u32>) -> u32 {
            let mut out = 0;
            for i in 0..3 {
                out += match make(v.get(i).copied()).await {
                    Some(d) if check(d.name().len()).await => {
                        suspend!();
                        log!("some {}", d.name());
                        1
                    }
                    Some(d) => {
                        log!("other {}", d.name());
                        2
                    }
                    None => 3,
                };
            }
            out
        }
        fn make(n: Option<u32>) -> Option<D> {
            suspend!();
            n.map(|n| D::new("x".repeat(n as usize)))
        }
        fn check(n: usize) -> bool {
            suspend!();
            n % 2 == 0
        }
    }

    /// `async` blocks naming values that live across points: one borrows
    /// them (and is kept across a point), one moves them.
    case async_blocks_name_values_in_slots() {
        fn case() -> usize {
            let d = D::new("borrowed");
            let n = 3;
            let fut = async { d.name().len() + n };
            suspend!();
            let e = D::new("moved");
            let fut2 = async move { e.into_name().len() };
            suspend!();
            let a = run_now(fut);
            let b = run_now(fut2);
            log!("{a} {b} {}", d.name());
            a + b
        }
    }

    /// A child borrows a local of its awaiter: the most common shape of
    /// async Rust (`read(&mut buf).await`).
    case child_borrows_awaiters_buffer() {
        fn case() -> usize {
            let mut buf = Vec::new();
            let n = fill(&mut buf, 3).await;
            log!("filled {n}: {buf:?}");
            let m = fill(&mut buf, 2).await;
            n + m + buf.len()
        }
        fn fill(buf: &mut Vec<u8>, n: u8) -> usize {
            for i in 0..n {
                suspend!();
                buf.push(i);
            }
            buf.len()
        }
    }

    /// A child borrows a field of a struct the awaiter owns, twice, across
    /// its own points (`self.conn.read(&mut self.buf).await`).
    case child_borrows_two_fields() {
        fn case() -> String {
            let mut conn = Conn { input: vec!["ab", "cd"], buf: String::new(), reads: 0 };
            while read_into(&mut conn.input, &mut conn.buf).await {
                conn.reads += 1;
                log!("read {} -> {}", conn.reads, conn.buf);
            }
            std::mem::take(&mut conn.buf)
        }
        fn read_into(input: &mut Vec<&'static str>, buf: &mut String) -> bool {
            suspend!();
            match input.pop() {
                Some(s) => {
                    buf.push_str(s);
                    true
                }
                None => false,
            }
        }
    }

    /// An iterator over a local kept across points.
    case iterator_across_points() {
        fn case() -> u32 {
            let v = vec![D::new("a"), D::new("b"), D::new("c")];
            let mut it = v.iter();
            let mut names = 0;
            while let Some(d) = it.next() {
                suspend!();
                log!("item {}", d.name());
                names += d.name().len() as u32;
            }
            names
        }
    }

    /// `for x in &v` and `v.iter().enumerate()` with a suspension in the body.
    case for_over_borrowed_local() {
        fn case() -> usize {
            let v = vec![D::new("x"), D::new("y")];
            for d in &v {
                suspend!();
                log!("first {}", d.name());
            }
            for (i, d) in v.iter().enumerate() {
                step(i).await;
                log!("second {i} {}", d.name());
            }
            v.len()
        }
        fn step(i: usize) -> usize {
            suspend!();
            i
        }
    }

    /// A `&str` from `String::as_str` held across a point.
    case str_from_method_across_point() {
        fn case() -> usize {
            let name = String::from("hello");
            let s = name.as_str();
            suspend!();
            log!("s = {s}");
            s.len()
        }
    }

    /// A slice of a local across points.
    case slice_across_points() {
        fn case() -> i32 {
            let v = vec![1, 2, 3, 4];
            let tail = &v[1..];
            suspend!();
            let head = &tail[..2];
            suspend!();
            head.iter().sum::<i32>() + tail.len() as i32
        }
    }

    /// `if let Some(x) = v.first()` with a suspension in the body
    /// (repro: borrow_method_ref_iflet_first).
    case iflet_on_method_reference() {
        fn case() -> u32 {
            let v = vec![1u32, 2];
            if let Some(x) = v.first() {
                suspend!();
                log!("x {x}");
            }
            7
        }
    }

    /// A `match` on a tuple holding a borrow, whose arm suspends.
    case match_on_borrowing_tuple(0) {
        fn case(state: u8) -> usize {
            let msg = String::from("ping");
            match (state, msg.as_str()) {
                (0, "ping") => {
                    suspend!();
                    log!("pong");
                    1
                }
                (_, other) => {
                    suspend!();
                    other.len()
                }
            }
        }
    }

    /// A map lookup kept across a point.
    case map_get_across_point() {
        fn case() -> usize {
            let mut map = std::collections::BTreeMap::new();
            map.insert(1, D::new("one"));
            map.insert(2, D::new("two"));
            let got = map.get(&2);
            suspend!();
            log!("got {}", got.map(|d| d.name()).unwrap_or("none"));
            map.len()
        }
    }

    /// A `&mut` to a local used on both sides of points.
    case mutable_reference_across_points() {
        fn case() -> Vec<i32> {
            let mut v = Vec::new();
            let r = &mut v;
            r.push(1);
            suspend!();
            r.push(2);
            suspend!();
            v.push(3);
            v
        }
    }

    /// Two `&mut` to one local, one after the other, each across points.
    case sequential_mutable_borrows() {
        fn case() -> Vec<i32> {
            let mut v = vec![0];
            let a = &mut v;
            a.push(1);
            suspend!();
            a.push(2);
            let b = &mut v;
            suspend!();
            b.push(3);
            suspend!();
            v
        }
    }

    /// The address of a local is the same before and after points, and a
    /// raw pointer taken before a point writes the local itself after it.
    case stable_address_and_raw_pointer() {
        fn case() -> i32 {
            let mut x = 1;
            let p = &mut x as *mut i32;
            let addr = p as usize;
            suspend!();
            let same = (&x as *const i32 as usize) == addr;
            log!("same address {same}");
            // SAFETY: `x` lives in the frame, which is pinned; nothing else
            // borrows it here. (The crate denies `unsafe_code`, which the
            // generated code must not trip; the user's own is reported.)
            #[allow(unsafe_code)]
            unsafe { *p = 5 };
            suspend!();
            x
        }
    }

    /// A `Cell` borrowed across a point and mutated through the local.
    case shared_cell_across_point() {
        fn case() -> i32 {
            let c = std::cell::Cell::new(1);
            let r = &c;
            suspend!();
            c.set(2);
            suspend!();
            r.get() * 10 + c.get()
        }
    }

    /// A closure created after an `if` whose branch suspends, kept across a
    /// later point (repro: closure_after_branch_suspend).
    case closure_after_branch_suspend(true) {
        fn case(flag: bool) -> u32 {
            if flag {
                suspend!();
            }
            let f = move |p: u32| -> u32 { p + 1 };
            suspend!();
            f(1)
        }
    }

    /// A borrowing closure kept across a point.
    case borrowing_closure_across_point() {
        fn case() -> usize {
            let d = D::new("d");
            let f = || d.name().len();
            suspend!();
            let n = f();
            suspend!();
            n + f()
        }
    }

    /// An await in a `for` iterable (repro: for_iterable_await_loops_forever).
    case for_iterable_awaits() {
        fn case() -> u32 {
            let mut sum = 0;
            for i in 0..count(3).await {
                suspend!();
                sum += i;
            }
            sum
        }
        fn count(n: u32) -> u32 {
            suspend!();
            n
        }
    }

    /// An await in a `for` iterable, using a local
    /// (repro: for_iterable_await_local_e0425).
    case for_iterable_await_uses_local() {
        fn case() -> u32 {
            let n = 3u32;
            for i in vec![echo(n).await] {
                log!("i {i}");
            }
            7
        }
        fn echo(a: u32) -> u32 {
            log!("echo {a}");
            suspend!();
            a
        }
    }

    /// Two points in a `for` iterable (repro: for_iterable_two_suspends_e0282).
    case for_iterable_two_points() {
        fn case() -> u32 {
            for i in 0..({
                suspend!();
                suspend!();
                2u32
            }) {
                log!("i {i}");
            }
            7
        }
    }

    /// A closure borrowing a plain value, kept across a point
    /// (repro: closure_borrow_plain_value_e0373).
    case closure_borrowing_plain_value() {
        fn case() -> u32 {
            let a: u32 = 5;
            let f = |p: u32| -> u32 { a + p };
            suspend!();
            f(1)
        }
    }

    /// A `Copy` field read, and a match binding a `Copy` part, at the last
    /// mention of a local that another reference still borrows: the local
    /// must stay whole (moving it out would leave the reference dangling).
    case copy_parts_read_while_borrowed() {
        fn case() -> usize {
            let p = Tagged { n: 3, d: D::new("tagged") };
            let r = &p.d;
            suspend!();
            let n = p.n;
            log!("n {n} {}", r.name());
            let q = Tagged { n: 4, d: D::new("other") };
            let rq = &q.d;
            suspend!();
            let m = match q {
                Tagged { n, .. } => n,
            };
            log!("m {m} {}", rq.name());
            n as usize + m as usize + r.name().len() + rq.name().len()
        }
    }

    /// A child borrowing a local at depth: each level lends its buffer to
    /// the next.
    case nested_children_borrow_down() {
        fn case() -> usize {
            let mut top = vec![0u8];
            let n = level1(&mut top).await;
            n + top.len()
        }
        fn level1(buf: &mut Vec<u8>) -> usize {
            let mut mine = vec![1u8];
            level2(&mut mine, buf).await;
            suspend!();
            mine.len()
        }
        fn level2(a: &mut Vec<u8>, b: &mut Vec<u8>) -> usize {
            suspend!();
            a.push(2);
            b.push(3);
            a.len() + b.len()
        }
    }

    /// Cancellation while a child borrows: the child drops before the
    /// values it borrows, in rustc's order.
    case cancel_while_child_borrows() {
        fn case() -> usize {
            let keep = D::new("keep");
            let lent = D::new("lent");
            let n = hold(&lent).await;
            log!("{}", keep.name());
            n
        }
        fn hold(d: &D) -> usize {
            let mine = D::new("child local");
            suspend!();
            suspend!();
            log!("{} {}", d.name(), mine.name());
            d.name().len()
        }
    }

    /// A borrow ends, then the borrowed local is moved after a point.
    case move_after_borrow_ends() {
        fn case() -> usize {
            let d = D::new("d");
            let r = &d;
            suspend!();
            log!("borrowed {}", r.name());
            suspend!();
            let moved = d;
            suspend!();
            moved.name().len()
        }
    }

    /// Shadowed locals that both stay alive, each in its own slot.
    case shadowed_locals_in_place() {
        fn case() -> usize {
            let x = D::new("x1");
            let r = &x;
            suspend!();
            let x = D::new("x2");
            suspend!();
            log!("{} {}", r.name(), x.name());
            r.name().len() + x.name().len()
        }
    }

    /// A loop that keeps a running reference into a vector across points.
    case reference_updated_in_loop() {
        fn case() -> i32 {
            let v = vec![3, 1, 4, 1, 5];
            let mut best = &v[0];
            for x in &v {
                suspend!();
                if x > best {
                    best = x;
                }
            }
            *best
        }
    }

    /// Two awaits in one expression, with the first result borrowed.
    case awaits_in_one_expression() {
        fn case() -> usize {
            let s = String::from("abc");
            let total = measure(&s).await + measure(&s[1..]).await;
            total + s.len()
        }
        fn measure(s: &str) -> usize {
            suspend!();
            s.len()
        }
    }

    /// `?` after a point on a result borrowing a local.
    case question_mark_with_borrow() {
        fn case() -> Result<usize, String> {
            let words = vec![String::from("7"), String::from("x")];
            let first = parse(&words[0]).await?;
            let second = parse(&words[1]).await?;
            Ok(first + second)
        }
        fn parse(s: &str) -> Result<usize, String> {
            suspend!();
            s.parse::<usize>().map_err(|_| format!("bad {s}"))
        }
    }

    /// A method that takes `self` (`into_*`, `unwrap`) on values in slots,
    /// one borrowed before the point.
    case consuming_methods_on_values_in_slots() {
        fn case() -> String {
            let d = D::new("a");
            log!("{}", d.name());
            suspend!();
            let o = Some(D::new("b"));
            suspend!();
            let b = o.unwrap();
            log!("{}", b.name());
            let n = d.into_name();
            suspend!();
            n + b.name()
        }
    }

    /// A consuming method on a `Copy` value in a slot, used again after.
    case consuming_method_on_a_copy_value() {
        fn case() -> u32 {
            let o = Some(3u32);
            suspend!();
            let a = o.unwrap();
            suspend!();
            a + o.unwrap()
        }
    }

    /// A value in a slot consumed and replaced on every iteration.
    case consumed_and_replaced_in_a_loop() {
        fn case() -> usize {
            let mut d = D::new("0");
            let mut total = 0;
            for i in 0..3 {
                suspend!();
                let n = d.into_name();
                total += n.len();
                d = D::new(format!("{}{n}", i + 1));
            }
            total + d.name().len()
        }
    }

    /// A temporary borrowed by a method (`vec![..].len()`) in an operand
    /// evaluated before a point lives until the statement ends, after the
    /// point, as in rustc.
    case borrowed_temporary_in_an_operand_lives_across_the_point() {
        fn case() -> usize {
            let n = add(vec![D::new("t")].len(), child(1).await);
            log!("after {n}");
            n
        }
        fn child(x: usize) -> usize {
            suspend!();
            log!("child");
            x
        }
    }

    /// `&make()` nested in an operand, and a temporary in the awaited
    /// operand itself: both live until the statement ends.
    case borrowed_temporaries_in_awaited_operands() {
        fn case() -> usize {
            let a = add(show(&D::new("r")), child(vec![D::new("v")].len()).await);
            log!("between");
            let b = child(show(&D::new("s")) + 1).await;
            a + b
        }
        fn child(x: usize) -> usize {
            suspend!();
            log!("child {x}");
            x
        }
    }

    /// A chain of borrowing methods on temporaries (`iter().next()`).
    case chain_of_borrowing_methods_on_temporaries() {
        fn case() -> usize {
            let n = add(
                vec![D::new("a"), D::new("b")].iter().next().map(|d| d.name().len()).unwrap_or(0),
                child().await,
            );
            log!("after");
            n
        }
        fn child() -> usize {
            suspend!();
            log!("child");
            2
        }
    }

    /// Methods taking `self` on a temporary (a builder) before a point:
    /// the macro takes a method it does not know to borrow, so the chain
    /// is written to move the temporary: `{ .. }` at its head, or a path
    /// call.
    case consuming_methods_on_temporaries_moved_explicitly() {
        fn case() -> usize {
            let n = add({ Builder::default() }.part("x").part("yz").total(), child().await);
            let m = add(Builder::total(Builder::default()), child().await);
            n + m
        }
        fn child() -> usize {
            suspend!();
            3
        }
    }

    /// A generic coroutine keeps an iterator over its `Vec<T>` and a
    /// reference to a `T` across points (the slots' types hold a borrow of
    /// `T`, which once required `T: 'static`, E0310).
    case generic_borrows_across_points() {
        fn case() -> usize {
            let a = count_clones(vec![D::new("a"), D::new("b")]).await;
            let b = count_clones(vec![1u8, 2, 3]).await;
            a + b
        }
        fn count_clones[T: Clone + std::fmt::Debug](items: Vec<T>) -> usize {
            let mut n = 0;
            let first = &items[0];
            for item in items.iter() {
                let copy = item.clone();
                suspend!();
                log!("{copy:?} after {first:?}");
                n += 1;
            }
            n
        }
    }

    /// The temporaries of a scrutinee live until the `match` ends, across
    /// the points of its arms.
    case scrutinee_temporaries_live_through_the_arms() {
        fn case() -> usize {
            let n = match vec![D::new("a"), D::new("b")].iter().map(|d| d.name().len()).sum::<usize>() {
                0 => 0,
                n => {
                    suspend!();
                    log!("arm {n}");
                    n
                }
            };
            match vec![D::new("c")].first() {
                Some(d) => {
                    suspend!();
                    log!("first {}", d.name());
                }
                None => {}
            }
            n
        }
    }

    /// An `if let` whose scrutinee keeps a temporary, with an `else`:
    /// edition 2021 drops the temporary after the `else`, 2024 before it
    /// (the corpus runs in both).
    case if_let_else_with_a_kept_temporary_then(true) {
        fn case(hit: bool) -> usize {
            let want = if hit { "t" } else { "x" };
            if let Some(d) = vec![D::new("t")].iter().find(|d| d.name() == want) {
                suspend!();
                log!("then {}", d.name());
                1
            } else {
                log!("else");
                suspend!();
                log!("else after");
                0
            }
        }
    }

    /// As above, taking the `else`, which suspends.
    case if_let_else_with_a_kept_temporary_else(false) {
        fn case(hit: bool) -> usize {
            let want = if hit { "t" } else { "x" };
            if let Some(d) = vec![D::new("t")].iter().find(|d| d.name() == want) {
                suspend!();
                log!("then {}", d.name());
                1
            } else {
                log!("else");
                suspend!();
                log!("else after");
                0
            }
        }
    }

    /// As above, with an `else` that does not suspend.
    case if_let_plain_else_with_a_kept_temporary(false) {
        fn case(hit: bool) -> usize {
            let want = if hit { "t" } else { "x" };
            if let Some(d) = vec![D::new("t")].iter().find(|d| d.name() == want) {
                suspend!();
                log!("then {}", d.name());
                1
            } else {
                log!("else");
                0
            }
        }
    }

    /// A temporary that a `let` extends (`let r = &make();`, also in a
    /// tuple) lives to the end of the block, across its points, and drops
    /// after the locals declared later.
    case let_extended_temporaries_across_points() {
        fn case() -> usize {
            let n = {
                let r = &D::new("extended");
                let (a, b) = (&D::new("a"), 7);
                let later = D::new("later");
                suspend!();
                log!("{} {} {b} {}", r.name(), a.name(), later.name());
                suspend!();
                r.name().len() + b
            };
            log!("after {n}");
            n
        }
    }

    /// A guard that suspends, failing for one value: the next arm is tried.
    case guard_suspends_then_next_arm() {
        fn case() -> u32 {
            let mut total = 0;
            for v in [Some(1u32), Some(4), None] {
                total += match v {
                    Some(n) if check(n).await => n,
                    Some(n) => n + 100,
                    None => 0,
                };
            }
            total
        }
        fn check(n: u32) -> bool {
            log!("check {n}");
            suspend!();
            n > 2
        }
    }

    /// A guard that suspends and borrows a non-`Copy` binding of a
    /// temporary scrutinee; the chosen arm suspends too, and the scrutinee
    /// is dropped on cancellation inside the guard.
    case guard_suspends_on_a_borrowed_binding() {
        fn case() -> usize {
            match Some(D::new("scrutinee")) {
                Some(d) if long(d.name().to_string()).await => {
                    suspend!();
                    log!("long {}", d.name());
                    d.name().len()
                }
                Some(d) => {
                    log!("short {}", d.name());
                    1
                }
                None => 0,
            }
        }
        fn long(s: String) -> bool {
            suspend!();
            s.len() > 3
        }
    }

    /// A block's tail `match` with a guard that suspends, and a `match`
    /// nested in an arm (each keeps its own temporaries).
    case tail_match_with_a_guard_and_a_nested_match() {
        fn case() -> usize {
            let r = {
                let _d = D::new("local");
                match vec![D::new("t")].len() {
                    n if check(n).await => match Some(D::new("inner")).as_ref().map(|d| d.name().len()) {
                        Some(k) => {
                            suspend!();
                            k + n
                        }
                        None => 0,
                    },
                    _ => 0,
                }
            };
            log!("r {r}");
            r
        }
        fn check(n: usize) -> bool {
            suspend!();
            n > 0
        }
    }

    /// A block's tail that suspends keeps its temporaries past the block's
    /// locals in edition 2021, not in 2024 (the corpus runs in both).
    case tail_expression_temporary_across_its_point() {
        fn case() -> usize {
            let r = {
                let _l = D::new("local");
                vec![D::new("t")].len() + child(2).await
            };
            log!("r {r}");
            r
        }
        fn child(n: usize) -> usize {
            suspend!();
            n
        }
    }

    /// A `match` ending a loop's body keeps its scrutinee's temporary to
    /// the end of each iteration, not of the loop.
    case loop_body_tail_match_temporary() {
        fn case() -> usize {
            let mut total = 0;
            for i in 0..2 {
                let _l = D::new("local");
                match vec![D::new("t")].len() + i {
                    0 => {}
                    n => {
                        suspend!();
                        total += n;
                    }
                }
            }
            total
        }
    }

    /// A `match` without points inside a scrutinee keeps its own
    /// scrutinee's temporary until the outer `match` ends.
    case plain_match_inside_a_scrutinee(1) {
        fn case(n: usize) -> usize {
            match match vec![D::new("inner")].len() + n { 1 => 10, m => m } % 3 {
                0 => 0,
                k => {
                    suspend!();
                    log!("k {k}");
                    k
                }
            }
        }
    }

    /// A `for` loop ending a block drops its iterable's temporaries when
    /// the loop ends (rustc's `let result = match ..; result`), before the
    /// block's locals.
    case for_loop_tail_drops_its_iterable_temporary() {
        fn case() -> usize {
            let mut total = 0;
            {
                let _l = D::new("local");
                for i in 0..vec![D::new("t"), D::new("u")].len() {
                    suspend!();
                    total += i;
                }
            }
            total
        }
    }

    /// A `match` ending a block that ends an arm's block with a local:
    /// in 2021 the scrutinee's temporary outlives both blocks' locals (it
    /// belongs to the arm), so a frame dropped inside drops the local
    /// first (generated program portable 3372).
    case nested_tail_scrutinee_temporary_outlives_outer_local(0) {
        fn case(k: usize) -> usize {
            match k {
                0 => {
                    let _outer = D::new("outer");
                    suspend!();
                    {
                        let _inner = D::new("inner");
                        log!("inner block");
                        match vec![D::new("t")].len() {
                            1 => {
                                suspend!();
                                1
                            }
                            n => n,
                        }
                    }
                }
                _ => 0,
            }
        }
    }

    /// A block's tail that suspends, with a temporary made after its last
    /// point: it drops after the block's locals in 2021, before in 2024.
    case tail_temporary_after_the_last_point() {
        fn case() -> usize {
            let r = {
                let _l = D::new("local");
                child(1).await + vec![D::new("t")].len()
            };
            r
        }
        fn child(n: usize) -> usize {
            suspend!();
            n
        }
    }

    /// A field moved out before a point, the rest used after it: the
    /// moved field is not dropped again, the others are dropped with the
    /// value, in declaration order (cancellation at every step too).
    case field_moved_rest_used_after_point() {
        fn case() -> usize {
            let s = (D::new("s0"), D::new("s1"), 3usize);
            let a = s.0;
            suspend!();
            log!("{} {}", a.name(), s.1.name());
            drop(a);
            suspend!();
            s.2
        }
    }

    /// A field moved on one path only; the drops follow the path taken.
    case field_moved_conditionally(true) {
        fn case(c: bool) -> usize {
            let pair = Pair { left: D::new("l"), right: D::new("r"), n: 2 };
            if c {
                let l = pair.left;
                suspend!();
                log!("took {}", l.name());
            }
            suspend!();
            log!("right {}", pair.right.name());
            pair.n
        }
    }

    /// The same body with the branch not taken (a case has one argument
    /// list): the whole pair drops at the end.
    case field_moved_conditionally_not_taken(false) {
        fn case(c: bool) -> usize {
            let pair = Pair { left: D::new("l"), right: D::new("r"), n: 2 };
            if c {
                let l = pair.left;
                suspend!();
                log!("took {}", l.name());
            }
            suspend!();
            log!("right {}", pair.right.name());
            pair.n
        }
    }

    /// A moved field assigned again: not dropped when assigned (nothing
    /// was there), dropped with the value after.
    case moved_field_assigned_again() {
        fn case() -> usize {
            let mut pair = Pair { left: D::new("l1"), right: D::new("r"), n: 1 };
            let old = pair.left;
            suspend!();
            pair.left = D::new("l2");
            drop(old);
            suspend!();
            pair.left = D::new("l3");
            suspend!();
            pair.left.name().len() + pair.n
        }
    }

    /// The whole value assigned after a field was moved: the rest is
    /// dropped then, the new value later.
    case whole_assigned_after_field_moved() {
        fn case() -> usize {
            let mut pair = Pair { left: D::new("l1"), right: D::new("r1"), n: 1 };
            let l = pair.left;
            suspend!();
            pair = Pair { left: D::new("l2"), right: D::new("r2"), n: 2 };
            log!("{}", l.name());
            suspend!();
            pair.n
        }
    }

    /// A field handed to a child by value and put back after
    /// (`batch.items = stage(batch.items).await`), in a loop.
    case field_through_child_and_back() {
        fn case() -> usize {
            let mut batch = Batch { label: "b".to_string(), items: vec![D::new("i1")] };
            for round in 0..2 {
                let items = grow(batch.items, round).await;
                batch.items = items;
                log!("{} has {}", batch.label, batch.items.len());
            }
            batch.items.len()
        }
        fn grow(mut items: Vec<D>, round: usize) -> Vec<D> {
            suspend!();
            items.push(D::new(format!("r{round}")));
            items
        }
    }

    /// A nested field moved, its siblings used after the point.
    case nested_field_moved() {
        fn case() -> usize {
            let outer = (Pair { left: D::new("l"), right: D::new("r"), n: 4 }, D::new("o"));
            let r = outer.0.right;
            suspend!();
            log!("{} {} {}", outer.0.left.name(), outer.1.name(), r.name());
            suspend!();
            outer.0.n
        }
    }

    /// `Copy` fields read before and after a point, then the whole value
    /// moved: reading a `Copy` field takes nothing away.
    case copy_fields_then_whole_value() {
        fn case() -> usize {
            let pair = Pair { left: D::new("l"), right: D::new("r"), n: 5 };
            let n = pair.n;
            suspend!();
            let m = pair.n + n;
            let whole = pair;
            suspend!();
            m + whole.n
        }
    }

    /// A field moved out of a binding of a loop body, every iteration.
    case field_moved_each_iteration() {
        fn case() -> usize {
            let mut total = 0;
            for i in 0..3 {
                let pair = Pair { left: D::new(format!("l{i}")), right: D::new(format!("r{i}")), n: i };
                let right = pair.right;
                suspend!();
                total += pair.n + right.name().len();
                if i == 1 {
                    let left = pair.left;
                    suspend!();
                    log!("left {}", left.name());
                }
            }
            total
        }
    }

    // Bindings with a written type: the slot takes that type (b281471).
    // Elided lifetimes, trait objects with their default lifetimes, `_`
    // inside a type, references and drops, each kept across points.
    case annotated_bindings_elided_lifetimes(String::from("owned text")) {
        fn case(owned: String) -> usize {
            let s: &str = &owned;
            let words: Vec<&str> = s.split(' ').collect();
            suspend!();
            let first: Option<&&str> = words.first();
            suspend!();
            log!("first {:?}", first);
            let d: D = D::new("annotated");
            let r: &D = &d;
            suspend!();
            s.len() + words.len() + r.name().len()
        }
    }

    case annotated_bindings_trait_objects(3) {
        fn case(n: u32) -> u32 {
            let f: Box<dyn Fn(u32) -> u32> = Box::new(move |x| x * n);
            let shown: &dyn core::fmt::Debug = &n;
            suspend!();
            log!("shown {:?}", shown);
            let mut acc: Vec<_> = Vec::new();
            for i in 0..n {
                let v: u32 = f(i);
                suspend!();
                acc.push(v);
            }
            acc.iter().sum()
        }
    }

    case annotated_bindings_mutable_borrow_and_drop() {
        fn case() -> usize {
            let mut v: Vec<D> = vec![D::new("a")];
            let r: &mut Vec<D> = &mut v;
            suspend!();
            r.push(D::new("b"));
            let taken: D = v.remove(0);
            suspend!();
            log!("taken {}", taken.name());
            let (x, y): (u32, u32) = (1, 2);
            suspend!();
            v.len() + (x + y) as usize
        }
    }
}

/// Two values and a count, for partial moves.
pub struct Pair {
    pub left: D,
    pub right: D,
    pub n: usize,
}

/// A connection: an input queue and a buffer a child fills.
pub struct Conn {
    pub input: Vec<&'static str>,
    pub buf: String,
    pub reads: u32,
}

/// A value with a `Copy` part and a part that logs its drop.
pub struct Tagged {
    pub n: u32,
    pub d: D,
}

/// `a + b` as a call, so that its operands are call arguments.
pub fn add(a: usize, b: usize) -> usize {
    crate::harness::log(format!("add {a} {b}"));
    a + b
}

/// A length of a borrowed `D`, logged.
pub fn show(d: &D) -> usize {
    crate::harness::log(format!("show {}", d.name()));
    d.name().len()
}

/// A builder whose methods take `self`.
#[derive(Default)]
pub struct Builder {
    parts: Vec<D>,
}

impl Builder {
    pub fn part(mut self, name: &str) -> Self {
        self.parts.push(D::new(name));
        self
    }

    pub fn total(self) -> usize {
        self.parts.iter().map(|d| d.name().len()).sum()
    }
}

/// Runs a future that never waits to its output.
pub fn run_now<F: core::future::Future>(fut: F) -> F::Output {
    let mut fut = core::pin::pin!(fut);
    let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
    loop {
        if let core::task::Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

/// Two numbers.
pub struct Point2 {
    pub x: u32,
    pub y: u32,
}

/// Consumes a `D`, logging its name.
pub fn take(d: D) -> usize {
    crate::harness::log(format!("take {}", d.name()));
    d.name().len()
}
