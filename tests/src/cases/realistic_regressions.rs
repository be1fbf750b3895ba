//! Regression cases from the realistic review (tests/src/cases/realistic.rs):
//! each failed to compile through `#[coroutine]` while its `async fn` twin
//! compiled, and is fixed since. The comment above each says what was wrong.

#[allow(unused_imports)]
use super::realistic::*;
#[allow(unused_imports)]
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

crate::differential! {
    /// Was bug 1: assigning to a local from a branch that suspends and then diverges.
    ///
    /// ```text
    /// error[E0425]: cannot find value `n` in this scope
    ///   --> src/lib.rs:..:13
    ///    |             n = if c {
    ///    |             ^
    /// ```
    /// The continuation after the point prints `n = <rest of the branch>` although the
    /// branch returns, and `n` (a primitive, not read on that path) is not restored.
    /// Same with `n = match c { true => { suspend!(); return 7; } false => 1 };` and
    /// `n += if ..`. Not with a `String` local (it is saved for its drop), nor with
    /// `let x = if c { suspend!(); return 7; } else { 1 };`.
    case assign_from_diverging_branch(true) {
        fn case(c: bool) -> u32 {
            let mut n = 0;
            log!("n starts at {n}");
            n = if c {
                suspend!();
                return 7;
            } else {
                1
            };
            n
        }
    }

    /// Was bug 2: a primitive local read after a loop whose body suspends and then returns.
    ///
    /// ```text
    /// error[E0425]: cannot find value `n` in this scope
    ///   --> src/lib.rs:..:13
    ///    |             n
    ///    |             ^
    /// ```
    /// The continuation of the point runs the rest of the iteration (which returns), but
    /// the code after the loop is still printed and reads `n`, which was not saved (it is
    /// not read on any path from the point). Same with `for` and `while` loops, and
    /// with another `suspend!()` between the loop and the read. Not when the local may
    /// need dropping (`let n = D::new(..)`, `let n = u32::default();`: saved).
    case primitive_read_after_loop_with_suspend_return(3) {
        fn case(stop: u32) -> u32 {
            let n = 0;
            loop {
                if stop == 3 {
                    suspend!();
                    return 100;
                }
                break;
            }
            n
        }
    }

    /// Was bug 2, in the realistic program (RAII guards, early return) it was found in.
    ///
    /// ```text
    /// error[E0425]: cannot find value `committed` in this scope
    ///    --> tests/src/cases/realistic.rs:651:16
    ///     |             Ok(committed)
    ///     |                ^^^^^^^^^ not found in this scope
    /// ```
    case raii_guards_counter_after_loop(2) {
        fn case(fail_at: u32) -> Result<u32, String> {
            let _db = Guard::new("db");
            let mut committed = 0;
            for batch in 0..4 {
                let _tx = Guard::new(format!("tx{batch}"));
                {
                    let _lock = Guard::new(format!("lock{batch}"));
                    suspend!();
                    if batch == fail_at {
                        let _audit = Guard::new("audit");
                        suspend!();
                        return Err(format!("batch {batch} failed"));
                    }
                }
                suspend!();
                committed += 1;
            }
            Ok(committed)
        }
    }

    /// Was bug 3: a local initialized by a branch whose type is fixed only by another
    /// branch.
    ///
    /// ```text
    /// error[E0282]: type annotations needed for `Option<_>`
    ///   --> src/lib.rs:..:17
    ///    |             let r = if c { suspend!(); None } else { Some(5u8) };
    ///    |                 ^
    /// ```
    /// The continuation after the point prints only the rest of the branch that
    /// suspended (`None`), so rustc infers `r`'s type in that arm alone.
    case type_fixed_by_other_branch(true) {
        fn case(c: bool) -> bool {
            let r = if c { suspend!(); None } else { Some(5u8) };
            r.is_some()
        }
    }

    /// Was bug 3, with `break` values: the peeled iteration breaks with `Err(1)`, the `Ok(())`
    /// of the loop is not printed in that continuation.
    ///
    /// ```text
    /// error[E0282]: type annotations needed for `Result<_, u32>`
    ///   --> src/lib.rs:..:17
    ///    |             let r = loop {
    ///    |                 ^
    /// ...
    ///    |             if let Err(e) = r { return e; }
    ///    |                             - type must be known at this point
    /// ```
    case type_fixed_by_other_break(true) {
        fn case(c: bool) -> u32 {
            let r = loop {
                if c {
                    suspend!();
                    break Err(1);
                }
                break Ok(());
            };
            if let Err(e) = r {
                return e;
            }
            0
        }
    }

    /// An inline format argument (`{copy}`) inside a `move` closure was not seen as a
    /// move: the value was also saved across the suspension (E0382).
    case move_closure_format_arg_moves() {
        fn case() -> String {
            let name = D::new("name");
            let copy = String::from("c");
            let f = move || format!("{copy}!");
            suspend!();
            let out = f();
            drop(name);
            out
        }
    }


    /// Was bug 4: two `ref mut` bindings of one pattern, both used after a suspension
    /// point in the arm.
    ///
    /// ```text
    /// error[E0499]: cannot borrow value as mutable more than once at a time
    ///   --> src/cases/one.rs:21:18   (the `match` arm's pattern)
    ///    |                 (ref mut a, ref mut b) => {
    ///    |                  ^^^^^^^^^ value was mutably borrowed here in the previous iteration of the loop
    ///    |                     suspend!();
    ///    |                     *a += 1;
    ///    |                     ------- first borrow later used here
    /// ```
    /// One `ref mut` binding works (also with a guard, in a loop: see
    /// `ref_mut_bindings_across_points` in realistic.rs), as do two `ref mut` bindings
    /// with only one of them used after the point, and two `ref` bindings.
    /// `(ref mut a, ref b)` with both used after the point fails the same way (E0499),
    /// and so do `match &mut p { (a, b) => .. }` and `if let (ref mut a, ref mut b) = p`
    /// in a loop.
    case two_ref_mut_bindings() {
        fn case() -> u32 {
            let mut p = (0u32, 0u32);
            match p {
                (ref mut a, ref mut b) => {
                    suspend!();
                    *a += 1;
                    *b += 2;
                }
            }
            p.0 + p.1
        }
    }

    /// Was bug 4, through `match &mut place`.
    ///
    /// ```text
    /// error[E0499]: cannot borrow value as mutable more than once at a time
    ///    --> src/harness.rs:299:25   (#[coro_runtime::coroutine])
    ///     |  value was mutably borrowed here in the previous iteration of the loop
    ///     |                     *a += 1;
    ///     |                     ------- first borrow later used here
    /// ```
    case two_bindings_through_mut_ref() {
        fn case() -> u32 {
            let mut p = (0u32, 0u32);
            match &mut p {
                (a, b) => {
                    suspend!();
                    *a += 1;
                    *b += 2;
                }
            }
            p.0 + p.1
        }
    }

    /// Was bug 4, in the realistic program it was found in (`ref mut` bindings into a
    /// struct local in a loop).
    ///
    /// ```text
    /// error[E0499]: cannot borrow value as mutable more than once at a time
    ///     --> tests/src/cases/realistic.rs:1268:27
    ///      |                     Job { ref mut retries, ref mut log, .. } if round < 2 => {
    ///      |                           ^^^^^^^^^^^^^^^ value was mutably borrowed here in the previous iteration of the loop
    ///      |                         suspend!();
    ///      |                         *retries += 1;
    ///      |                         ------------- first borrow later used here
    /// ```
    case ref_mut_two_bindings_job() {
        fn case() -> (u32, Vec<String>, String) {
            let mut job = Job { retries: 0, log: Vec::new(), owner: Some(D::new("owner")) };
            for round in 0..3 {
                // Not two arms binding `ref mut` to `job` with a guard:
                // E0499 in place (docs/limitations.md,
                // tests/ui/inplace_ref_mut_arms_with_guard.rs).
                match job {
                    Job { ref mut retries, ref mut log, .. } => {
                        if round < 2 {
                            suspend!();
                            *retries += 1;
                            log.push(format!("round {round}"));
                        } else {
                            log.push("final".into());
                        }
                    }
                }
                if let Some(ref o) = job.owner {
                    suspend!();
                    log!("owner {} at {round}", o.name());
                } else if let Some(last) = job.log.last() {
                    log!("no owner, last {last}");
                }
                if round == 1 {
                    let taken = job.owner.take();
                    suspend!();
                    log!("took {:?}", taken.as_ref().map(|d| d.name()));
                }
            }
            let owner = job.owner.as_ref().map(|d| d.name().to_string()).unwrap_or_default();
            (job.retries, job.log, owner)
        }
    }

    /// Was bug 5: nested borrowed iteration. The outer `for row in &grid` keeps a position
    /// and re-derives `row`, but the inner `for x in row` iterates over `row`, a
    /// reference (not a local the frame owns), so its iterator, a borrow of `grid`, is
    /// saved in the frame.
    ///
    /// ```text
    /// error[E0597]: `grid` does not live long enough
    ///    --> src/harness.rs:299:25   (#[coro_runtime::coroutine])
    ///     |  borrowed value does not live long enough
    ///     |  has type `&mut Resume<'_, Node<Leaf<()>, Leaf<(&'1 u32, std::slice::Iter<'_, u32>, usize, u32, Vec<Vec<u32>>)>>, u32>`
    ///     |  argument requires that `grid` is borrowed for `'1`
    /// error[E0505]: cannot move out of `grid` because it is borrowed
    ///    --> src/cases/one.rs:23:21
    ///     |                     suspend!();
    ///     |                     ^^^^^^^ move out of `grid` occurs here, borrow later used by call
    /// ```
    /// limitations.md says borrowed iteration is re-derived "over a local the frame
    /// owns", but does not list nested borrowed loops under what is not supported.
    case nested_borrowed_loops() {
        fn case() -> u32 {
            let grid = vec![vec![1u32, 2], vec![3]];
            let mut sum = 0;
            for row in &grid {
                for x in row {
                    suspend!();
                    sum += x;
                }
            }
            sum
        }
    }

    /// Was bug 5, with `iter_mut`.
    ///
    /// ```text
    /// error[E0499]: cannot borrow `grid` as mutable more than once at a time   (at `grid.iter_mut()`)
    /// error[E0499]: cannot borrow value as mutable more than once at a time    (at `grid.iter_mut()`)
    /// error[E0505]: cannot move out of `grid` because it is borrowed           (at `suspend!()`)
    /// error[E0505]: cannot move out of value because it is borrowed            (at `suspend!()`)
    /// error[E0505]: cannot move out of `grid` because it is borrowed           (at the final `grid`)
    /// error[E0505]: cannot move out of value because it is borrowed            (at the final `grid`)
    /// ```
    case nested_borrowed_loops_iter_mut() {
        fn case() -> Vec<Vec<u8>> {
            let mut grid = vec![vec![0u8; 2]; 2];
            for row in grid.iter_mut() {
                for cell in row.iter_mut() {
                    suspend!();
                    *cell += 1;
                }
            }
            grid
        }
    }

    /// Was bug 5, in the realistic program it was found in (game-of-life update).
    ///
    /// ```text
    /// error[E0499]: cannot borrow `grid` as mutable more than once at a time
    ///     --> tests/src/cases/realistic.rs:1635:29
    ///      |                             ^^^^ `grid` was mutably borrowed here in the previous iteration of the loop
    ///      |  has type `&mut Resume<'_, Node<Leaf<()>, Leaf<(u8, &'1 mut u8, Enumerate<std::slice::IterMut<'_, u8>>, usize, Vec<Vec<u8>>, Vec<Vec<u8>>)>>, Vec<Vec<u8>>>`
    /// (and, compiled alone: E0502 "cannot borrow `row` as immutable because it is also borrowed
    /// as mutable" at `log!("row {y} done: {:?}", row)`, E0505 "cannot move out of `grid` because
    /// it is borrowed" at `suspend!()` and at the final `grid`)
    /// ```
    case grid_update_nested_borrowed_loops() {
        fn case() -> Vec<Vec<u8>> {
            let mut grid = vec![vec![0u8, 1, 0], vec![1, 1, 0], vec![0, 0, 1]];
            let snapshot = grid.clone();
            for (y, row) in grid.iter_mut().enumerate() {
                for (x, cell) in row.iter_mut().enumerate() {
                    let mut n = 0;
                    for dy in [-1i32, 0, 1] {
                        for dx in [-1i32, 0, 1] {
                            if (dy, dx) == (0, 0) {
                                continue;
                            }
                            let (ny, nx) = (y as i32 + dy, x as i32 + dx);
                            if ny >= 0 && nx >= 0 && (ny as usize) < 3 && (nx as usize) < 3 {
                                n += snapshot[ny as usize][nx as usize];
                            }
                        }
                    }
                    if n >= 2 {
                        suspend!();
                    }
                    *cell = match (*cell, n) {
                        (1, 2) | (_, 3) => 1,
                        _ => 0,
                    };
                }
                log!("row {y} done: {:?}", row);
            }
            grid
        }
    }

    /// Was bug 6: `match &v[..]` (a slice pattern over a `Vec` local) with an arm that
    /// suspends: the bindings (`&String`s into `parts`) are saved instead of
    /// re-derived (`match &v { .. }` is re-derived, `&v[..]` is not a "frame place").
    /// Fails also when the bindings are not used after the point (they are kept for
    /// their possible drop). With `parts.as_slice()` it is the documented limitation
    /// (a reference obtained from a method), so a slice pattern over a local `Vec` has
    /// no spelling that works when its arms suspend.
    ///
    /// ```text
    /// error[E0597]: `parts` does not live long enough
    ///    --> src/cases/one.rs:20:20
    ///     |             match &parts[..] {
    ///     |                    ^^^^^ borrowed value does not live long enough
    ///     |  has type `&mut Resume<'_, Node<Leaf<()>, Leaf<(&'1 String, &String, Vec<String>)>>, usize>`
    ///     |  argument requires that `parts` is borrowed for `'1`
    /// error[E0505]: cannot move out of `parts` because it is borrowed
    ///   --> src/cases/one.rs:22:21
    ///    |                     suspend!();
    ///    |                     ^^^^^^^ move out of `parts` occurs here, borrow later used by call
    /// ```
    case index_slice_match() {
        fn case() -> usize {
            let parts = vec![String::from("get"), String::from("k")];
            match &parts[..] {
                [op, key] => {
                    suspend!();
                    op.len() + key.len()
                }
                _ => 0,
            }
        }
    }

    /// Was bug 6, in the realistic program it was found in (a key-value store).
    ///
    /// ```text
    /// error[E0597]: `parts` does not live long enough
    ///     --> tests/src/cases/realistic.rs:1530:36   (`match &parts[..] {`)
    /// error[E0505]: cannot move out of `parts` because it is borrowed
    ///     --> tests/src/cases/realistic.rs:1533:62   (`store = write(store, key.clone(), v).await;`)
    /// error[E0505]: cannot move out of `parts` because it is borrowed
    ///     --> tests/src/cases/realistic.rs:1537:63   (`let (s, v) = read(store, key.clone()).await;`)
    /// error[E0505]: cannot move out of `parts` because it is borrowed
    ///     --> tests/src/cases/realistic.rs:1542:25   (`suspend!();` in the `del` arm)
    /// ```
    case kv_store_slice_patterns(vec!["set a 1", "set b 22", "get a", "del a", "get a", "incr b", "bogus x", "get b"]) {
        fn case(cmds: Vec<&'static str>) -> Vec<String> {
            let mut store: BTreeMap<String, i64> = BTreeMap::new();
            let mut replies = Vec::new();
            for cmd in cmds {
                let parts: Vec<String> = cmd.split_whitespace().map(String::from).collect();
                let _req = D::new(format!("req {}", parts[0]));
                let reply = match &parts[..] {
                    [op, key, val] if op == "set" => {
                        let v: i64 = val.parse().unwrap_or(0);
                        store = write(store, key.clone(), v).await;
                        "OK".to_string()
                    }
                    [op, key] if op == "get" => {
                        let (s, v) = read(store, key.clone()).await;
                        store = s;
                        v.map(|v| v.to_string()).unwrap_or_else(|| "nil".to_string())
                    }
                    [op, key] if op == "del" => {
                        suspend!();
                        match store.remove(key) {
                            Some(_) => "1".into(),
                            None => "0".into(),
                        }
                    }
                    [op, key] if op == "incr" => {
                        let e = store.entry(key.clone()).or_insert(0);
                        *e += 1;
                        e.to_string()
                    }
                    _ => format!("ERR unknown {cmd:?}"),
                };
                log!("{cmd} -> {reply}");
                replies.push(reply);
            }
            replies
        }
        fn write(mut store: BTreeMap<String, i64>, key: String, v: i64) -> BTreeMap<String, i64> {
            let _wal = D::new("wal");
            suspend!();
            store.insert(key, v);
            store
        }
        fn read(store: BTreeMap<String, i64>, key: String) -> (BTreeMap<String, i64>, Option<i64>) {
            suspend!();
            let v = store.get(&key).copied();
            (store, v)
        }
    }
}
