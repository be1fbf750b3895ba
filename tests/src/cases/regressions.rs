//! Regression cases: each was a bug found by an adversarial review of the
//! transform (wrong behaviour or a compile error where the `async fn`
//! compiles), fixed since. The comment above each says what was wrong.

#[allow(unused_imports)]
use super::adversarial::*;
#[allow(unused_imports)]
use crate::prelude::*;

crate::differential! {
    /// `*place() += x.await` updated a spilled copy of the place: the update was lost.
    case compound_assign_through_call_place_loses_update() {
        fn case() -> Vec<i32> {
            let mut v = vec![1, 2];
            *v.last_mut().unwrap() += { suspend!(); 5 };
            v
        }
    }

    /// `v[i()] op= x.await` evaluated the place before the right side (rustc: right side
    /// first for primitives).
    case compound_assign_index_order() {
        fn case() -> Vec<i32> {
            let mut v = vec![1, 2, 3];
            v[val("i", 1)] += child(5).await;
            v[val("j", 2)] *= child(2).await;
            v
        }
        fn child(n: i32) -> i32 {
            log!("child {n}");
            suspend!();
            n
        }
    }

    /// `v.last()` was taken as a move of `v` (`last` was in the consuming-method list), so
    /// `v` was dropped early.
    case slice_last_taken_as_move() {
        fn case() {
            let v = vec![D::new("a")];
            let _ = v.last();
            suspend!();
            log!("end");
        }
    }

    /// A value produced by `.await` and used as a method receiver was dropped at the next
    /// suspension point, not at the end of the statement.
    case awaited_temporary_dropped_early() {
        fn case() -> usize {
            make("m").await.name().len() + { suspend!(); 1 }
        }
        fn make(name: &'static str) -> D {
            D::new(name)
        }
    }

    /// Same as `awaited_temporary_dropped_early`, in a method chain.
    case method_chain_on_awaited() {
        fn case() -> usize {
            let n = make("m").await.name().len() + make("kk").await.into_name().len();
            log!("n = {n}");
            let s = make("abc").await.name().chars().rev().collect::<String>();
            log!("{s}");
            n
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    /// A `match` on a borrow of an awaited value dropped the value before the arms
    /// finished.
    case match_on_borrow_of_awaited_temporary() {
        fn case() -> usize {
            match make("x").await.name() {
                "x" => {
                    suspend!();
                    log!("x arm");
                    1
                }
                _ => 0,
            }
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    /// A move in the right side of `&&` that did not run was taken as a move (no drop flag
    /// for `&&`).
    case move_in_skipped_and_operand(false) {
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

    /// Same as `move_in_skipped_and_operand`, for `||`.
    case move_in_skipped_or_operand(true) {
        fn case(c: bool) {
            let d = D::new("d");
            let e = D::new("e");
            let r = c || eat(d);
            suspend!();
            log!("{} {}", e.name(), r);
        }
    }

    /// A loop left by `break` after a suspension point referred to locals the continuation
    /// did not keep (E0425).
    case outer_local_in_loop_exited_after_suspension() {
        fn case() -> u32 {
            let mut i = 0u32;
            let mut t = 0;
            while i < 10 {
                i += 1;
                if i > 6 {
                    suspend!();
                    break;
                }
                t += i;
            }
            t
        }
    }

    /// `continue` and `break` in `match` arms of a loop that suspends referred to locals
    /// not kept (E0425).
    case loop_with_match_continue_break() {
        fn case() -> Vec<u32> {
            let mut out = Vec::new();
            let mut i = 0u32;
            'scan: while i < 10 {
                i += 1;
                let d = D::new(format!("i{i}"));
                match i % 4 {
                    0 => {
                        suspend!();
                        continue 'scan;
                    }
                    1 => out.push(i),
                    2 => {
                        if i > 6 {
                            suspend!();
                            break 'scan;
                        }
                        out.push(num(i).await);
                    }
                    _ => {
                        suspend!();
                    }
                }
            }
            out
        }
        fn num(n: u32) -> u32 {
            suspend!();
            n * 100
        }
    }

    /// `child(&v[1..]).await` spilled the place `v[1..]` by value (E0277: unsized).
    case subslice_argument_to_child(&[7u8, 8, 9]) {
        fn case(v: &'static [u8]) -> usize {
            len(&v[1..]).await
        }
        fn len(v: &[u8]) -> usize {
            suspend!();
            v.len()
        }
    }

    /// A non-`move` closure that moves its capture was re-derived instead of saved (E0382).
    case nonmove_closure_moving_its_capture() {
        fn case() {
            let d = D::new("d");
            let f = || consume(d);
            suspend!();
            f();
        }
    }

    /// `let r: &T = &v;` was not re-derived because of its type annotation (E0505).
    case typed_reference_binding() {
        fn case() -> usize {
            let v = vec![1, 2];
            let r: &Vec<i32> = &v;
            suspend!();
            r.len()
        }
    }

    /// `o.is_some_and(..)` was not taken as a move of `o` (E0382).
    case is_some_and_consumes() {
        fn case() -> bool {
            let o = Some(D::new("o"));
            let yes = o.is_some_and(|d| d.name() == "o");
            suspend!();
            yes
        }
    }

    /// `let d = *b;` was not taken as a move of `b` (E0382).
    case box_deref_move() {
        fn case() -> usize {
            let b = Box::new(D::new("boxed"));
            // Opening a box kept across a point moves it out of its slot
            // first (docs/limitations.md).
            let d = *{ b };
            suspend!();
            d.name().len()
        }
    }

    /// `dbg!(d)` was not taken as a move of `d` (E0382).
    case dbg_moves_its_argument() {
        fn case() -> usize {
            let d = D::new("d");
            let moved = dbg!(d);
            suspend!();
            moved.name().len()
        }
    }

    /// `if let Some(ref d) = opt` with `d` used after a suspension point: now re-derived by
    /// matching again.
    case ref_binding_across_suspension(Some(D::new("o"))) {
        fn case(opt: Option<D>) {
            if let Some(ref d) = opt {
                suspend!();
                log!("{}", d.name());
            }
        }
    }

    /// The original form of `nonmove_closure_moving_its_capture`.
    case nonmove_closure_capturing_by_value_original() {
        fn case() -> i32 {
            let d = D::new("d");
            let e = D::new("e");
            let f = || consume(d);
            suspend!();
            log!("{}", e.name());
            f();
            2
        }
    }

    /// The original form of `slice_last_taken_as_move`.
    case last_on_vec_original() {
        fn case() -> usize {
            let v = vec![D::new("a"), D::new("b")];
            let n = v.last().map(|d| d.name().len()).unwrap_or(0);
            suspend!();
            log!("end");
            n
        }
    }

    /// The original form of `subslice_argument_to_child`.
    case child_returning_reference_to_argument_original(&[7u8, 8, 9]) {
        fn case(v: &'static [u8]) -> u8 {
            let a = *first(v).await;
            let b = *pick(&v[1..], &v[2..], false).await;
            a + b
        }
        fn first['a](v: &'a [u8]) -> &'a u8 {
            suspend!();
            &v[0]
        }
        fn pick['a](x: &'a [u8], y: &'a [u8], left: bool) -> &'a u8 {
            let d = D::new("pick");
            suspend!();
            if left { &x[0] } else { &y[0] }
        }
    }

    /// The original form of `ref_binding_across_suspension`.
    case match_ref_binding_then_use_original(Some(D::new("o"))) {
        fn case(opt: Option<D>) -> bool {
            match opt {
                Some(ref d) => {
                    suspend!();
                    log!("{}", d.name());
                }
                None => {}
            }
            suspend!();
            opt.is_some()
        }
    }

    /// `break child().await` in a loop: the loop after the resumed iteration referred to
    /// locals not kept (E0425).
    case break_with_awaited_value_in_loop() {
        fn case() -> u32 {
            let i = 1;
            loop {
                break num(i).await;
            }
        }
        fn num(n: u32) -> u32 {
            n
        }
    }

    /// `return child().await` in a loop: same as `break_with_awaited_value_in_loop`.
    case return_awaited_value_from_loop() {
        fn case() -> i32 {
            let mut i = 0;
            loop {
                suspend!();
                if i == 2 {
                    return num(i).await;
                }
                i += 1;
            }
        }
        fn num(n: i32) -> i32 {
            suspend!();
            n
        }
    }

    /// The original form of `break_with_awaited_value_in_loop`.
    case break_value_from_await_original() {
        fn case() -> usize {
            let mut i = 0;
            let r = loop {
                let d = D::new(format!("d{i}"));
                i += 1;
                if i < 3 {
                    suspend!();
                    continue;
                }
                break num(i).await * 2;
            };
            r
        }
        fn num(n: usize) -> usize {
            suspend!();
            n
        }
    }

    /// Two awaits of a child taking a closure: the second await's closure, printed in two
    /// arms, was two types (E0308).
    case two_closure_args_to_same_child() {
        fn case() -> usize {
            let a = apply(|x| x + 1, 1).await;
            let b = apply(|x| x * 2, a).await;
            b
        }
        fn apply(f: impl Fn(usize) -> usize, x: usize) -> usize {
            suspend!();
            f(x)
        }
    }

    /// The original form of `two_closure_args_to_same_child`.
    case impl_trait_argument_original() {
        fn case() -> usize {
            let k = 3;
            let a = apply(move |x| x + k, 1).await;
            let b = apply(|x| x * 2, a).await;
            b
        }
        fn apply(f: impl Fn(usize) -> usize, x: usize) -> usize {
            let d = D::new("apply");
            suspend!();
            f(x)
        }
    }

    /// A closure comparing a captured local with `!=` after an awaited
    /// argument: `n27 !=` was taken for a macro call (`n27!`), so the local
    /// was not seen as captured (repro: closure_arg_after_await_e0425).
    case closure_not_equal_capture_after_await() {
        fn case() -> u32 {
            let n27 = 5u32;
            pair(pair(1, None).await, Some(3u32).filter(|&x| n27 != x)).await
        }
        fn pair(a: u32, o: Option<u32>) -> u32 {
            log!("pair {a} {o:?}");
            suspend!();
            a
        }
    }

    /// `let .. else` whose initializer awaits: the in-place lowering printed
    /// the initializer as a block, and `let P = { .. } else` does not parse
    /// (found by the program generator).
    case let_else_after_an_awaited_initializer(4) {
        fn case(n: i32) -> i32 {
            let d = D::new("d");
            let Some(x) = half(n).await.checked_sub(1) else {
                log!("else");
                return -1;
            };
            suspend!();
            let Some(y) = half(x as i32).await.checked_sub(5) else {
                log!("else {}", d.name());
                return x as i32;
            };
            y as i32
        }
        fn half(n: i32) -> u32 {
            suspend!();
            (n / 2) as u32
        }
    }

    /// `let _ = x.await;` followed by more points: it binds nothing, so it
    /// was printed without the test that skips it when resuming later, and
    /// the in-place lowering awaited its child again ("coroutine awaited
    /// twice").
    case let_underscore_await_then_more_points() {
        fn case() -> usize {
            let _ = make("ignored").await;
            make("stmt").await;
            let _kept = make("kept").await;
            suspend!();
            1
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    /// A closure reading a value in a slot, alive while the body names the
    /// same value again: the in-place lowering's `&mut *slot` counted as a
    /// mutable borrow of the slot pointer the closure had borrowed (E0502;
    /// found by the program generator, portable seed 683).
    case closure_reads_slot_while_body_names_it(3) {
        fn case(n: i32) -> i32 {
            let d = D::new("d");
            suspend!();
            {
                // `m` has no slot (no point follows it), `n` has one.
                let m = n + 1;
                let f = |k: i32| (k ^ n) ^ m;
                log!("{}", n);
                log!("{} {}", f(3), d.name());
            }
            suspend!();
            n
        }
    }
}
