//! Realistic cases: the kind of program a user writes with coroutines, each
//! mixing many constructs (parsers, state machines, generators, graph
//! traversals, text processing, `?` with custom errors, RAII guards held
//! across suspension points, await chains with owned data).

#[allow(unused_imports)]
use crate::prelude::*;
#[allow(unused_imports)]
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
#[allow(unused_imports)]
use std::fmt::{Debug, Write as _};

crate::differential! {
    /// A tokenizer over a `Vec<char>` that suspends after each token.
    case tokenizer_suspends_per_token("12 + x*(3 - 40)") {
        fn case(src: &'static str) -> Vec<Tok> {
            let chars: Vec<char> = src.chars().collect();
            let mut toks = Vec::new();
            let mut i = 0;
            let guard = D::new("lexer");
            while i < chars.len() {
                let c = chars[i];
                if c.is_whitespace() {
                    i += 1;
                    continue;
                }
                let tok = if c.is_ascii_digit() {
                    let mut n = 0u64;
                    while i < chars.len() && chars[i].is_ascii_digit() {
                        n = n * 10 + chars[i].to_digit(10).unwrap() as u64;
                        i += 1;
                    }
                    Tok::Num(n)
                } else if c.is_alphabetic() {
                    let start = i;
                    while i < chars.len() && chars[i].is_alphanumeric() {
                        i += 1;
                    }
                    Tok::Ident(chars[start..i].iter().collect())
                } else {
                    i += 1;
                    Tok::Op(c)
                };
                log!("token {:?} at {}", tok, i);
                suspend!();
                toks.push(tok);
            }
            log!("done with {} tokens, {}", toks.len(), guard.name());
            toks
        }
    }

    /// A stack-based RPN evaluator: each token is read by an awaited child; errors
    /// propagate with `?` through a custom error enum with a `From` impl.
    case rpn_evaluator_with_errors("3 4 + 2 * 7 -") {
        fn case(src: &'static str) -> Result<i64, CalcError> {
            let mut stack: Vec<i64> = Vec::new();
            let _g = D::new("eval");
            for word in src.split_whitespace() {
                let tok = classify(word.to_string()).await?;
                match tok {
                    Tok::Num(n) => stack.push(n as i64),
                    Tok::Op(op) => {
                        let b = stack.pop().ok_or(CalcError::Underflow)?;
                        let a = stack.pop().ok_or(CalcError::Underflow)?;
                        let r = apply(op, a, b).await?;
                        log!("{a} {op} {b} = {r}");
                        stack.push(r);
                    }
                    Tok::Ident(name) => return Err(CalcError::Unknown(name)),
                }
            }
            if stack.len() != 1 {
                return Err(CalcError::Leftover(stack.len()));
            }
            Ok(stack[0])
        }
        fn classify(word: String) -> Result<Tok, CalcError> {
            suspend!();
            if let Ok(n) = word.parse::<u64>() {
                Ok(Tok::Num(n))
            } else if word.len() == 1 && "+-*/".contains(word.as_str()) {
                Ok(Tok::Op(word.chars().next().unwrap()))
            } else {
                let n: u64 = word.parse()?;
                Ok(Tok::Num(n))
            }
        }
        fn apply(op: char, a: i64, b: i64) -> Result<i64, CalcError> {
            let g = D::new(format!("apply {op}"));
            suspend!();
            match op {
                '+' => Ok(a + b),
                '-' => Ok(a - b),
                '*' => Ok(a * b),
                '/' if b == 0 => Err(CalcError::DivZero),
                '/' => Ok(a / b),
                _ => Err(CalcError::Unknown(op.to_string())),
            }
        }
    }

    /// The same evaluator on input that fails in the middle, with guards alive.
    case rpn_evaluator_error_path("1 2 + 0 / 5") {
        fn case(src: &'static str) -> Result<i64, CalcError> {
            let mut stack: Vec<i64> = Vec::new();
            let _g = D::new("eval");
            for (pos, word) in src.split_whitespace().enumerate() {
                let step = D::new(format!("word{pos}"));
                let tok = classify(word.to_string()).await?;
                if let Tok::Op(op) = tok {
                    let b = stack.pop().ok_or(CalcError::Underflow)?;
                    let a = stack.pop().ok_or(CalcError::Underflow)?;
                    stack.push(apply(op, a, b).await?);
                } else if let Tok::Num(n) = tok {
                    stack.push(n as i64);
                }
            }
            stack.pop().ok_or(CalcError::Underflow)
        }
        fn classify(word: String) -> Result<Tok, CalcError> {
            suspend!();
            match word.parse::<u64>() {
                Ok(n) => Ok(Tok::Num(n)),
                Err(_) => Ok(Tok::Op(word.chars().next().ok_or(CalcError::Underflow)?)),
            }
        }
        fn apply(op: char, a: i64, b: i64) -> Result<i64, CalcError> {
            let g = D::new(format!("apply {op}"));
            suspend!();
            if op == '/' && b == 0 {
                log!("division by zero under {}", g.name());
                return Err(CalcError::DivZero);
            }
            Ok(match op { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b })
        }
    }

    /// A traffic light driven by events, `match` on `(state, event)` with suspensions
    /// inside arms.
    case traffic_light_state_machine(vec![Ev::Tick, Ev::Tick, Ev::Emergency, Ev::Tick, Ev::Reset, Ev::Tick, Ev::Tick]) {
        fn case(events: Vec<Ev>) -> (Light, Vec<String>) {
            let mut state = Light::Red;
            let mut history = Vec::new();
            let _power = D::new("power");
            for ev in events {
                let next = match (state, ev) {
                    (Light::Red, Ev::Tick) => {
                        suspend!();
                        Light::Green
                    }
                    (Light::Green, Ev::Tick) => {
                        let beep = D::new("beep");
                        suspend!();
                        Light::Yellow
                    }
                    (Light::Yellow, Ev::Tick) => Light::Red,
                    (_, Ev::Emergency) => {
                        log!("emergency in {:?}", state);
                        suspend!();
                        suspend!();
                        Light::Blinking
                    }
                    (Light::Blinking, Ev::Reset) => Light::Red,
                    (s, Ev::Reset) => s,
                    (Light::Blinking, Ev::Tick) => {
                        suspend!();
                        Light::Blinking
                    }
                };
                history.push(format!("{:?}->{:?}", state, next));
                log!("{:?} --{:?}--> {:?}", state, ev, next);
                state = next;
            }
            (state, history)
        }
    }

    /// A protocol handshake: each phase awaits a child that "receives" a message; a
    /// bad message aborts with live guards.
    case handshake_protocol(vec!["HELLO", "AUTH bob", "DATA 1", "DATA 2", "BYE"]) {
        fn case(msgs: Vec<&'static str>) -> Result<Vec<String>, String> {
            let conn = D::new("conn");
            let mut inbox: VecDeque<&'static str> = msgs.into_iter().collect();
            let mut phase = Phase::Start;
            let mut data = Vec::new();
            let mut user = None;
            while let Some(m) = inbox.pop_front() {
                let msg = recv(m.to_string()).await;
                let (verb, rest) = match msg.split_once(' ') {
                    Some((v, r)) => (v.to_string(), r.to_string()),
                    None => (msg.clone(), String::new()),
                };
                phase = match (phase, verb.as_str()) {
                    (Phase::Start, "HELLO") => Phase::Greeted,
                    (Phase::Greeted, "AUTH") => {
                        let session = D::new(format!("session {rest}"));
                        suspend!();
                        user = Some(rest);
                        Phase::Authed
                    }
                    (Phase::Authed, "DATA") => {
                        data.push(format!("{}:{}", user.as_deref().unwrap_or("?"), rest));
                        Phase::Authed
                    }
                    (Phase::Authed, "BYE") => break,
                    (p, v) => return Err(format!("unexpected {v} in {p:?}")),
                };
                log!("phase {:?}", phase);
            }
            log!("closing {}", conn.name());
            Ok(data)
        }
        fn recv(m: String) -> String {
            let buf = D::new(format!("buf {}", m.len()));
            suspend!();
            m
        }
    }

    /// A Fibonacci generator into a `Vec`, stopping by `break` with a value.
    case fibonacci_generator_break_value(1000) {
        fn case(limit: u64) -> (Vec<u64>, u64) {
            let mut out = Vec::new();
            let (mut a, mut b) = (0u64, 1u64);
            let _g = D::new("fib");
            let first_over = loop {
                if a > limit {
                    break a;
                }
                out.push(a);
                if out.len() % 3 == 0 {
                    log!("yielded {} so far, last {}", out.len(), a);
                    suspend!();
                }
                let next = a + b;
                a = b;
                b = next;
            };
            (out, first_over)
        }
    }

    /// A prime sieve by trial division, each candidate checked by an awaited child,
    /// with early `return` once enough primes are found.
    case primes_with_early_return(8) {
        fn case(want: usize) -> Vec<u32> {
            let mut primes: Vec<u32> = Vec::new();
            let mut n = 2u32;
            loop {
                let check = D::new(format!("check {n}"));
                let (is_p, known) = is_prime(n, primes).await;
                primes = known;
                if is_p {
                    primes.push(n);
                    log!("prime #{}: {}", primes.len(), n);
                    if primes.len() == want {
                        return primes;
                    }
                }
                n += 1;
            }
        }
        fn is_prime(n: u32, known: Vec<u32>) -> (bool, Vec<u32>) {
            for p in &known {
                if p * p > n {
                    break;
                }
                if n % p == 0 {
                    return (false, known);
                }
            }
            suspend!();
            (true, known)
        }
    }

    /// BFS over a graph in a `HashMap`, with a `VecDeque` worklist and a `HashSet` of
    /// visited nodes, suspending per node.
    case bfs_graph_traversal() {
        fn case() -> Vec<(u32, u32)> {
            let mut graph: HashMap<u32, Vec<u32>> = HashMap::new();
            for (a, b) in [(1, 2), (1, 3), (2, 4), (3, 4), (4, 5), (5, 1), (6, 7)] {
                graph.entry(a).or_default().push(b);
                graph.entry(b).or_default();
            }
            let mut seen = HashSet::new();
            let mut queue = VecDeque::new();
            let mut order = Vec::new();
            queue.push_back((1u32, 0u32));
            seen.insert(1u32);
            let _walker = D::new("walker");
            while let Some((node, depth)) = queue.pop_front() {
                let visit = D::new(format!("visit {node}"));
                suspend!();
                order.push((node, depth));
                let mut next: Vec<u32> = graph.get(&node).cloned().unwrap_or_default();
                next.sort();
                for m in next {
                    if seen.insert(m) {
                        log!("discover {m} from {node}");
                        queue.push_back((m, depth + 1));
                    }
                }
            }
            order
        }
    }

    /// Iterative DFS with an explicit stack, computing finish order; each child visit
    /// is an awaited coroutine taking and returning owned state.
    case dfs_with_awaited_visits() {
        fn case() -> Vec<String> {
            let edges: BTreeMap<char, Vec<char>> = [
                ('a', vec!['b', 'c']),
                ('b', vec!['d']),
                ('c', vec!['d', 'e']),
                ('d', vec![]),
                ('e', vec!['a']),
            ]
            .into_iter()
            .collect();
            let mut visited: HashSet<char> = HashSet::new();
            let mut stack = vec!['a'];
            let mut trail = Vec::new();
            while let Some(n) = stack.pop() {
                if !visited.insert(n) {
                    continue;
                }
                trail = visit(n, trail).await;
                if let Some(succ) = edges.get(&n) {
                    for s in succ.iter().rev() {
                        if !visited.contains(s) {
                            stack.push(*s);
                        }
                    }
                }
            }
            trail
        }
        fn visit(n: char, mut trail: Vec<String>) -> Vec<String> {
            let g = D::new(format!("node {n}"));
            suspend!();
            trail.push(format!("{n}@{}", trail.len()));
            trail
        }
    }

    /// The handshake with a message out of order: the error arm suspends, then
    /// returns, with guards alive. Rewritten three times to compile:
    /// `phase = match .. { .. => { suspend!(); return .. } }` does not compile
    /// (failing_realistic.rs, `assign_from_diverging_branch`); a counter `n` read after
    /// the loop does not either (`primitive_read_after_loop_with_suspend_return`); and
    /// the arm's binding `other` (a `&str` into `msg`, from `msg.as_str()`) is saved at
    /// the arm's point although unused after it (the documented limitation on references
    /// obtained from a method), so the arm only builds the error.
    case handshake_protocol_rejects(vec!["HELLO", "DATA 1", "BYE"]) {
        fn case(msgs: Vec<&'static str>) -> Result<usize, String> {
            let conn = D::new("conn");
            let mut phase = Phase::Start;
            let mut accepted = Vec::new();
            for m in msgs {
                let guard = D::new(format!("msg {m}"));
                let msg = recv(m.to_string()).await;
                let next = match (phase, msg.as_str()) {
                    (Phase::Start, "HELLO") => {
                        suspend!();
                        Ok(Phase::Greeted)
                    }
                    (Phase::Greeted, s) if s.starts_with("AUTH") => Ok(Phase::Authed),
                    (Phase::Authed, _) => {
                        accepted.push(msg.clone());
                        Ok(Phase::Authed)
                    }
                    (p, other) => Err(format!("{other} in {p:?}")),
                };
                match next {
                    Ok(p) => phase = p,
                    Err(err) => {
                        let _report = D::new("report");
                        suspend!();
                        return Err(err);
                    }
                }
            }
            Ok(accepted.len())
        }
        fn recv(m: String) -> String {
            suspend!();
            m
        }
    }

    /// Word frequencies over `lines()` and `split`, each line normalized by an awaited
    /// child, the report built with `write!`/`writeln!` into a `String`.
    case word_frequency_report("The cat sat.\nthe DOG sat, the cat ran\n\nend") {
        fn case(text: &'static str) -> String {
            let mut freq: BTreeMap<String, usize> = BTreeMap::new();
            let mut lines_seen = 0;
            for (no, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    log!("skip blank line {no}");
                    continue;
                }
                let words = normalize(line.to_string()).await;
                lines_seen += 1;
                for w in words {
                    *freq.entry(w).or_insert(0) += 1;
                }
            }
            let mut out = String::new();
            writeln!(out, "{} lines", lines_seen).unwrap();
            let mut by_count: Vec<(String, usize)> = freq.into_iter().collect();
            by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            for (w, c) in by_count.iter().take(4) {
                suspend!();
                write!(out, "{w}={c};").unwrap();
            }
            out
        }
        fn normalize(line: String) -> Vec<String> {
            let buf = D::new(format!("line {}", line.len()));
            suspend!();
            line.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_lowercase())
                .collect()
        }
    }

    /// CSV records parsed into structs; a bad field stops with `?` through
    /// `From<ParseIntError>` while a per-row guard and a file guard are alive.
    case csv_records_with_question_mark("name,age,score\nann,31,88\nbob,x,70\ncy,22,91") {
        fn case(src: &'static str) -> Result<Vec<Person>, CsvError> {
            let file = D::new("file");
            let mut lines = src.lines();
            let header = lines.next().ok_or(CsvError::Empty)?;
            let cols: Vec<&str> = header.split(',').collect();
            log!("columns {:?}", cols);
            let mut people = Vec::new();
            for (i, line) in lines.enumerate() {
                let row = D::new(format!("row {i}"));
                let p = parse_row(line.to_string(), cols.len()).await?;
                log!("parsed {:?}", p);
                people.push(p);
            }
            Ok(people)
        }
        fn parse_row(line: String, ncols: usize) -> Result<Person, CsvError> {
            let fields: Vec<String> = line.split(',').map(String::from).collect();
            if fields.len() != ncols {
                return Err(CsvError::Columns(fields.len()));
            }
            suspend!();
            let age: u32 = fields[1].trim().parse()?;
            suspend!();
            let score = fields[2].parse::<u32>()?;
            Ok(Person { name: fields[0].clone(), age, score })
        }
    }

    /// The same CSV parser on good input, then summarized with combinators.
    case csv_records_summary("name,age,score\nann,31,88\nbob,45,70\ncy,22,91") {
        fn case(src: &'static str) -> Result<String, CsvError> {
            let mut people = Vec::new();
            for line in src.lines().skip(1) {
                people.push(parse_row(line.to_string()).await?);
            }
            let oldest = people.iter().max_by_key(|p| p.age).map(|p| p.name.clone());
            suspend!();
            let avg = people.iter().map(|p| p.score).sum::<u32>() / people.len().max(1) as u32;
            let young = people
                .iter()
                .find(|p| p.age < 25)
                .map(|p| p.name.as_str())
                .unwrap_or("nobody")
                .to_string();
            Ok(format!("oldest={} avg={} young={}", oldest.unwrap_or_default(), avg, young))
        }
        // `let mut it = line.split(',')` kept across the point is a documented
        // limitation (an iterator obtained from a method): the fields are collected.
        fn parse_row(line: String) -> Result<Person, CsvError> {
            let fields: Vec<String> = line.split(',').map(str::to_string).collect();
            let mut it = fields.into_iter();
            let name = it.next().ok_or(CsvError::Empty)?;
            let age = it.next().ok_or(CsvError::Columns(1))?.parse()?;
            suspend!();
            let score = it.next().ok_or(CsvError::Columns(2))?.parse()?;
            Ok(Person { name, age, score })
        }
    }

    /// A generic helper awaited with two different types; a struct with methods on a
    /// local carried across suspension points.
    case generic_process_two_types() {
        fn case() -> (Vec<String>, Vec<String>, usize) {
            let mut stats = Stats::new("run");
            let a = process(vec![3, 1, 2], "int".to_string()).await;
            stats.record(a.len());
            let b = process(vec![D::new("x"), D::new("y")], "d".to_string()).await;
            stats.record(b.len());
            suspend!();
            let total = stats.total();
            log!("{}", stats.describe());
            (a, b, total)
        }
        fn process[T: Clone + Debug](items: Vec<T>, tag: String) -> Vec<String> {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let copy = item.clone();
                suspend!();
                out.push(format!("{tag}#{i}={copy:?}"));
            }
            out
        }
    }

    /// A retry loop: a flaky child fails the first attempts, the caller counts
    /// attempts and `continue`s, with a labeled outer loop over jobs.
    case retry_loop_with_labels(vec!["a", "bb", "ccc"]) {
        fn case(jobs: Vec<&'static str>) -> Vec<String> {
            let mut done = Vec::new();
            let mut budget = 6;
            'jobs: for job in jobs {
                let mut attempt = 0;
                let slot = D::new(format!("slot {job}"));
                loop {
                    attempt += 1;
                    if budget == 0 {
                        log!("out of budget at {job}");
                        break 'jobs;
                    }
                    budget -= 1;
                    match flaky(job.to_string(), attempt).await {
                        Ok(r) => {
                            done.push(r);
                            continue 'jobs;
                        }
                        Err(e) if attempt < 3 => {
                            log!("retry {job}: {e}");
                            continue;
                        }
                        Err(e) => {
                            done.push(format!("gave up {job}: {e}"));
                            break;
                        }
                    }
                }
                log!("after loop for {}", slot.name());
            }
            done
        }
        fn flaky(job: String, attempt: u32) -> Result<String, String> {
            let conn = D::new(format!("conn {job}/{attempt}"));
            suspend!();
            if attempt < job.len() as u32 {
                Err(format!("timeout {attempt}"))
            } else {
                Ok(format!("{job} ok after {attempt}"))
            }
        }
    }

    /// A four-deep await chain passing owned `Vec<D>`, `String` and a struct down and
    /// back up.
    case await_chain_four_deep_owned() {
        fn case() -> (usize, String) {
            let items = vec![D::new("i1"), D::new("i2"), D::new("i3")];
            let batch = Batch { label: "b".to_string(), items };
            let (batch, summary) = stage1(batch).await;
            suspend!();
            (batch.items.len(), summary)
        }
        // `stage2(batch.items, ..).await` then `batch.items = items;` is a documented
        // limitation (partial move, then the rest used after the point): destructured.
        fn stage1(batch: Batch) -> (Batch, String) {
            let g = D::new("stage1");
            let Batch { mut label, items } = batch;
            label.push_str("-1");
            let (items, s) = stage2(items, label.clone()).await;
            (Batch { label, items }, s)
        }
        fn stage2(items: Vec<D>, label: String) -> (Vec<D>, String) {
            let mut kept = Vec::new();
            let mut names = String::new();
            for it in items {
                let (it, n) = stage3(it).await;
                names.push_str(&n);
                kept.push(it);
            }
            (kept, format!("{label}:{names}"))
        }
        fn stage3(item: D) -> (D, String) {
            suspend!();
            let upper = item.name().to_uppercase();
            let tmp = D::new(format!("tmp {upper}"));
            suspend!();
            (item, upper)
        }
    }

    /// Children awaited in an `if` condition with `&&`, a `while` condition and a
    /// `match` scrutinee.
    case awaits_in_conditions_and_scrutinees(vec![4, 7, 10, 13, 2]) {
        fn case(nums: Vec<u32>) -> Vec<String> {
            let mut out = Vec::new();
            let mut q: VecDeque<u32> = nums.into_iter().collect();
            while has_more(q.len()).await {
                let n = q.pop_front().unwrap();
                if is_even(n).await && n > 3 {
                    out.push(format!("big even {n}"));
                } else if n > 8 || is_even(n + 1).await {
                    out.push(format!("odd-ish {n}"));
                }
                match classify(n).await {
                    Size::Small => log!("{n} small"),
                    Size::Large(extra) => {
                        let d = D::new(format!("large {n}"));
                        suspend!();
                        out.push(format!("extra {extra}"));
                    }
                }
            }
            out
        }
        fn has_more(len: usize) -> bool {
            suspend!();
            len > 0
        }
        fn is_even(n: u32) -> bool {
            log!("is_even {n}");
            if n % 3 == 0 {
                suspend!();
            }
            n % 2 == 0
        }
        fn classify(n: u32) -> Size {
            suspend!();
            if n < 8 { Size::Small } else { Size::Large(n - 8) }
        }
    }

    /// RAII guards held across suspension points, nested scopes and an early return
    /// with many guards alive. The committed batches are a `Vec`: with a counter
    /// `let mut committed = Vec::new();` read after the loop, this does not compile (see
    /// failing_realistic.rs, `primitive_read_after_loop_with_suspend_return`).
    case raii_guards_early_return(2) {
        fn case(fail_at: u32) -> Result<u32, String> {
            let _db = Guard::new("db");
            let mut committed = Vec::new();
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
                committed.push(batch);
            }
            Ok(committed.len() as u32)
        }
    }

    /// `?` error paths with guards alive at several depths of an await chain.
    case question_mark_through_guarded_chain(vec![("k1", 5), ("k2", 0), ("k3", 2)]) {
        fn case(reqs: Vec<(&'static str, u32)>) -> Result<u32, AppError> {
            let _session = Guard::new("session");
            let mut total = 0;
            for (key, n) in reqs {
                let _req = Guard::new(format!("req {key}"));
                total += handle(key.to_string(), n).await?;
                log!("total {total}");
            }
            Ok(total)
        }
        fn handle(key: String, n: u32) -> Result<u32, AppError> {
            let _h = Guard::new(format!("handle {key}"));
            let v = lookup(key.clone(), n).await?;
            suspend!();
            Ok(v * 2)
        }
        fn lookup(key: String, n: u32) -> Result<u32, AppError> {
            let _io = Guard::new("io");
            suspend!();
            let parsed: u32 = check(n)?;
            if key.ends_with('3') {
                return Err(AppError::NotFound(key));
            }
            Ok(parsed + 1)
        }
    }

    /// Shunting-yard evaluation of an infix expression with precedence and parentheses:
    /// an operator stack and a value stack, one suspension per token, reductions
    /// awaited.
    case shunting_yard_infix("2 * (3 + 4) - 10 / 5 * 2") {
        fn case(src: &'static str) -> Result<i64, String> {
            let chars: Vec<char> = src.chars().filter(|c| !c.is_whitespace()).collect();
            let mut vals: Vec<i64> = Vec::new();
            let mut ops: Vec<char> = Vec::new();
            let mut i = 0;
            let _g = D::new("parser");
            while i < chars.len() {
                let c = chars[i];
                suspend!();
                match c {
                    '0'..='9' => {
                        let mut n = 0i64;
                        while i < chars.len() && chars[i].is_ascii_digit() {
                            n = n * 10 + (chars[i] as u8 - b'0') as i64;
                            i += 1;
                        }
                        vals.push(n);
                        continue;
                    }
                    '(' => ops.push(c),
                    ')' => {
                        while let Some(op) = ops.pop() {
                            if op == '(' {
                                break;
                            }
                            vals = reduce(vals, op).await?;
                        }
                    }
                    '+' | '-' | '*' | '/' => {
                        while let Some(&top) = ops.last() {
                            if top != '(' && prec(top) >= prec(c) {
                                ops.pop();
                                vals = reduce(vals, top).await?;
                            } else {
                                break;
                            }
                        }
                        ops.push(c);
                    }
                    other => return Err(format!("bad char {other:?} at {i}")),
                }
                i += 1;
            }
            while let Some(op) = ops.pop() {
                vals = reduce(vals, op).await?;
            }
            vals.pop().ok_or_else(|| "empty".to_string())
        }
        fn reduce(mut vals: Vec<i64>, op: char) -> Result<Vec<i64>, String> {
            let b = vals.pop().ok_or("underflow")?;
            let a = vals.pop().ok_or("underflow")?;
            suspend!();
            let r = match op {
                '+' => a + b,
                '-' => a - b,
                '*' => a * b,
                '/' => a.checked_div(b).ok_or_else(|| format!("{a}/{b}"))?,
                _ => return Err(format!("op {op}")),
            };
            log!("reduce {a} {op} {b} = {r}");
            vals.push(r);
            Ok(vals)
        }
    }

    /// A tiny stack VM: a program counter, `match` on the instruction with guards,
    /// jumps, and a suspension per instruction (a countdown loop in bytecode).
    case stack_vm_interpreter(vec![
        Instr::Push(3), Instr::Dup, Instr::Print, Instr::Push(1), Instr::Sub, Instr::Dup,
        Instr::Jz(8), Instr::Jmp(1), Instr::Push(42), Instr::Print, Instr::Halt,
    ]) {
        fn case(prog: Vec<Instr>) -> (Vec<i64>, usize) {
            let mut stack: Vec<i64> = Vec::new();
            let mut printed = Vec::new();
            let mut pc = 0usize;
            let mut executed = 0;
            let _machine = D::new("vm");
            while pc < prog.len() {
                let instr = prog[pc];
                executed += 1;
                pc += 1;
                match instr {
                    Instr::Push(v) => stack.push(v),
                    Instr::Dup => {
                        let top = *stack.last().expect("dup on empty");
                        stack.push(top);
                    }
                    Instr::Sub | Instr::Add => {
                        let b = stack.pop().unwrap();
                        let a = stack.pop().unwrap();
                        stack.push(if instr == Instr::Add { a + b } else { a - b });
                    }
                    Instr::Jz(t) if stack.pop() == Some(0) => {
                        log!("jump to {t}");
                        pc = t;
                    }
                    Instr::Jz(_) => {}
                    Instr::Jmp(t) => {
                        suspend!();
                        pc = t;
                    }
                    Instr::Print => {
                        let v = stack.pop().unwrap_or(-1);
                        let line = D::new(format!("out {v}"));
                        suspend!();
                        printed.push(v);
                    }
                    Instr::Halt => break,
                }
            }
            (printed, executed)
        }
    }

    /// Dijkstra's shortest paths with a `BinaryHeap` of `Reverse` pairs over an
    /// adjacency list, suspending per settled node.
    case dijkstra_shortest_paths() {
        fn case() -> Vec<Option<u32>> {
            let edges = [(0, 1, 4), (0, 2, 1), (2, 1, 2), (1, 3, 1), (2, 3, 5), (3, 4, 3)];
            let n = 6;
            let mut adj: Vec<Vec<(usize, u32)>> = vec![Vec::new(); n];
            for &(a, b, w) in edges.iter() {
                adj[a].push((b, w));
            }
            let mut dist: Vec<Option<u32>> = vec![None; n];
            let mut heap = std::collections::BinaryHeap::new();
            dist[0] = Some(0);
            heap.push(std::cmp::Reverse((0u32, 0usize)));
            while let Some(std::cmp::Reverse((d, u))) = heap.pop() {
                if dist[u].is_some_and(|best| d > best) {
                    continue;
                }
                let settle = D::new(format!("settle {u}@{d}"));
                suspend!();
                for &(v, w) in &adj[u] {
                    let nd = d + w;
                    if dist[v].map_or(true, |old| nd < old) {
                        dist[v] = Some(nd);
                        heap.push(std::cmp::Reverse((nd, v)));
                        log!("relax {u}->{v} = {nd}");
                    }
                }
            }
            dist
        }
    }

    /// Kahn's topological sort over a `BTreeMap` of dependencies; each ready node is
    /// "built" by an awaited child that takes and returns the owned artifact list.
    case topo_sort_build_order() {
        fn case() -> Result<Vec<String>, String> {
            let deps: BTreeMap<&str, Vec<&str>> = BTreeMap::from([
                ("app", vec!["lib", "log"]),
                ("lib", vec!["core"]),
                ("log", vec!["core", "fmt"]),
                ("core", vec![]),
                ("fmt", vec![]),
            ]);
            let mut indeg: BTreeMap<&str, usize> = deps.keys().map(|k| (*k, 0)).collect();
            for (node, ds) in &deps {
                *indeg.get_mut(node).unwrap() += ds.len();
            }
            let mut ready: VecDeque<&str> =
                indeg.iter().filter(|(_, d)| **d == 0).map(|(k, _)| *k).collect();
            let mut built = Vec::new();
            while let Some(node) = ready.pop_front() {
                built = build(node.to_string(), built).await;
                for (other, ds) in &deps {
                    if ds.contains(&node) {
                        let d = indeg.get_mut(other).unwrap();
                        *d -= 1;
                        if *d == 0 {
                            ready.push_back(other);
                        }
                    }
                }
            }
            if built.len() != deps.len() {
                return Err("cycle".to_string());
            }
            Ok(built)
        }
        fn build(name: String, mut artifacts: Vec<String>) -> Vec<String> {
            let _lock = Guard::new(format!("build {name}"));
            suspend!();
            artifacts.push(format!("{}.o", name));
            artifacts
        }
    }

    /// Run-length encoding then decoding of a string through awaited children, over
    /// `Vec<char>` indices.
    case run_length_roundtrip("aaabccddddde") {
        fn case(text: &'static str) -> (String, bool) {
            let encoded = encode(text.chars().collect()).await;
            log!("encoded {encoded}");
            let decoded = decode(encoded.clone()).await;
            let same = decoded == text;
            (encoded, same)
        }
        fn encode(chars: Vec<char>) -> String {
            let mut out = String::new();
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let mut run = 1;
                while i + run < chars.len() && chars[i + run] == c {
                    run += 1;
                }
                if run > 2 {
                    suspend!();
                }
                write!(out, "{run}{c}").unwrap();
                i += run;
            }
            out
        }
        fn decode(code: String) -> String {
            let mut out = String::new();
            let mut count = 0usize;
            for ch in code.chars() {
                if let Some(d) = ch.to_digit(10) {
                    count = count * 10 + d as usize;
                } else {
                    suspend!();
                    out.extend(std::iter::repeat(ch).take(count));
                    count = 0;
                }
            }
            out
        }
    }

    /// Order fulfilment over a `HashMap` of stock with `Option` combinators
    /// (`get`, `copied`, `filter`, `map`, `ok_or_else`, `and_then`) and an awaited
    /// pricing child.
    case inventory_orders_with_combinators(vec![("apple", 3), ("pear", 10), ("kiwi", 1), ("apple", 5)]) {
        fn case(orders: Vec<(&'static str, u32)>) -> (Vec<String>, u32) {
            let mut stock: HashMap<String, u32> = HashMap::new();
            stock.insert("apple".into(), 6);
            stock.insert("pear".into(), 12);
            stock.insert("kiwi".into(), 2);
            let mut receipts = Vec::new();
            let mut revenue = 0;
            for (item, qty) in orders {
                let _order = D::new(format!("order {item}x{qty}"));
                let available = stock
                    .get(item)
                    .copied()
                    .filter(|&have| have >= qty)
                    .ok_or_else(|| format!("{item}: not enough"));
                let line = match available {
                    Ok(have) => {
                        let unit = price(item.to_string()).await;
                        let total = unit.map(|u| u * qty).unwrap_or(0);
                        stock.insert(item.to_string(), have - qty);
                        revenue += total;
                        format!("{item} x{qty} = {total}")
                    }
                    Err(e) => {
                        suspend!();
                        e
                    }
                };
                receipts.push(line);
            }
            let left = stock.get("apple").and_then(|n| n.checked_sub(1)).unwrap_or(0);
            log!("apples left minus one: {left}");
            (receipts, revenue)
        }
        fn price(item: String) -> Option<u32> {
            suspend!();
            match item.as_str() {
                "apple" => Some(3),
                "pear" => Some(5),
                _ => None,
            }
        }
    }

    /// Bank transfers: a struct with `&mut self` methods returning `Result`, `?` with
    /// `From` between error types, awaited audit steps, a rollback on failure.
    case bank_transfers_with_rollback(vec![(0, 1, 30), (1, 2, 80), (2, 0, 10), (0, 2, 500)]) {
        fn case(transfers: Vec<(usize, usize, u64)>) -> Result<Vec<u64>, BankError> {
            let mut bank = Bank::new(vec![100, 50, 0]);
            let _journal = Guard::new("journal");
            for (i, (from, to, amount)) in transfers.into_iter().enumerate() {
                let _tx = Guard::new(format!("tx{i}"));
                let snapshot = bank.balances.clone();
                let r = transfer(bank, from, to, amount).await;
                bank = match r {
                    (b, Ok(())) => b,
                    (mut b, Err(e)) => {
                        log!("rollback tx{i}: {e:?}");
                        b.balances = snapshot;
                        suspend!();
                        b
                    }
                };
            }
            let last = bank.withdraw(0, 1000);
            last?;
            Ok(bank.balances)
        }
        fn transfer(mut bank: Bank, from: usize, to: usize, amount: u64) -> (Bank, Result<(), BankError>) {
            let r = audit(from, amount).await;
            if let Err(e) = r {
                return (bank, Err(e));
            }
            if let Err(e) = bank.withdraw(from, amount) {
                return (bank, Err(e));
            }
            suspend!();
            bank.deposit(to, amount);
            (bank, Ok(()))
        }
        fn audit(from: usize, amount: u64) -> Result<(), BankError> {
            suspend!();
            if amount > 400 {
                Err(LimitError(amount))?;
            }
            log!("audit ok {from} {amount}");
            Ok(())
        }
    }

    /// A producer/consumer pipeline: the producer child takes the owned queue and
    /// returns the next batch with the rest; the consumer uses `let .. else`.
    case producer_consumer_batches(5) {
        fn case(n: usize) -> Vec<String> {
            let mut queue: VecDeque<D> = (0..n).map(|i| D::new(format!("job{i}"))).collect();
            let mut report = Vec::new();
            loop {
                let (batch, rest) = next_batch(queue, 2).await;
                queue = rest;
                let Some(batch) = batch else {
                    log!("drained");
                    break;
                };
                let names: Vec<String> = batch.iter().map(|d| d.name().to_string()).collect();
                suspend!();
                report.push(names.join("+"));
                drop(batch);
                log!("batch done");
            }
            report
        }
        fn next_batch(mut q: VecDeque<D>, size: usize) -> (Option<Vec<D>>, VecDeque<D>) {
            if q.is_empty() {
                return (None, q);
            }
            let mut batch = Vec::new();
            while batch.len() < size {
                match q.pop_front() {
                    Some(d) => batch.push(d),
                    None => break,
                }
                suspend!();
            }
            (Some(batch), q)
        }
    }

    /// Flood fill over a character grid, counting regions; `checked_sub` for the
    /// neighbours, a suspension per filled cell.
    case grid_flood_fill_regions(vec!["##..#", "#..##", "..#..", "##..#"]) {
        fn case(rows: Vec<&'static str>) -> (usize, Vec<usize>) {
            let mut grid: Vec<Vec<char>> = rows.iter().map(|r| r.chars().collect()).collect();
            let (h, w) = (grid.len(), grid[0].len());
            let mut sizes = Vec::new();
            for y in 0..h {
                for x in 0..w {
                    if grid[y][x] != '#' {
                        continue;
                    }
                    let region = D::new(format!("region {}", sizes.len()));
                    let mut size = 0;
                    let mut todo = VecDeque::from([(y, x)]);
                    grid[y][x] = 'x';
                    while let Some((cy, cx)) = todo.pop_front() {
                        size += 1;
                        suspend!();
                        let neighbours = [
                            (cy.checked_sub(1), Some(cx)),
                            (Some(cy + 1).filter(|&v| v < h), Some(cx)),
                            (Some(cy), cx.checked_sub(1)),
                            (Some(cy), Some(cx + 1).filter(|&v| v < w)),
                        ];
                        for (ny, nx) in neighbours {
                            if let (Some(ny), Some(nx)) = (ny, nx) {
                                if grid[ny][nx] == '#' {
                                    grid[ny][nx] = 'x';
                                    todo.push_back((ny, nx));
                                }
                            }
                        }
                    }
                    log!("{} has {size} cells", region.name());
                    sizes.push(size);
                }
            }
            (sizes.len(), sizes)
        }
    }

    /// Search a matrix for a pair summing to a target with labeled loops and
    /// `break 'outer value`, each probe awaited.
    case labeled_matrix_search(14) {
        fn case(target: i32) -> Option<(usize, usize)> {
            let m = vec![vec![1, 4, 7], vec![2, 5, 8], vec![3, 6, 9]];
            let _scan = D::new("scan");
            let found = 'outer: loop {
                for (i, row) in m.iter().enumerate() {
                    let row_guard = D::new(format!("row{i}"));
                    for j in 0..row.len() {
                        let v = probe(row[j]).await;
                        if v < 0 {
                            continue;
                        }
                        if v + m[j][i] == target {
                            log!("hit {} at {i},{j}", row_guard.name());
                            break 'outer Some((i, j));
                        }
                    }
                }
                break None;
            };
            found
        }
        fn probe(v: i32) -> i32 {
            if v % 4 == 0 {
                suspend!();
                return -v;
            }
            v
        }
    }

    /// Template rendering: `{name}` placeholders looked up by an awaited child
    /// returning `Option<String>`, with `unwrap_or_else` defaults.
    case template_rendering("Hi {user}, you have {count} new {what}. {missing}!") {
        fn case(tpl: &'static str) -> String {
            let mut out = String::with_capacity(tpl.len());
            let mut rest = tpl;
            while let Some(start) = rest.find('{') {
                out.push_str(&rest[..start]);
                let end = match rest[start..].find('}') {
                    Some(e) => start + e,
                    None => break,
                };
                let key = rest[start + 1..end].to_string();
                let value = lookup(key.clone()).await.unwrap_or_else(|| format!("<{key}?>"));
                out.push_str(&value);
                rest = &rest[end + 1..];
            }
            out.push_str(rest);
            out
        }
        fn lookup(key: String) -> Option<String> {
            let _g = D::new(format!("lookup {key}"));
            suspend!();
            match key.as_str() {
                "user" => Some("ann".to_string()),
                "count" => Some(3.to_string()),
                "what" => Some("messages".into()),
                _ => None,
            }
        }
    }

    /// Text wrapping: words of a local `String`, a suspension per emitted line.
    /// `for word in text.split_whitespace()` over the local `String` is the documented
    /// limitation (an iterator obtained from a method, held across the point; only
    /// `iter`, `chars`, `keys`, ... are re-derived): the words are collected first and
    /// iterated by reference.
    case word_wrap_lines(12) {
        fn case(width: usize) -> Vec<String> {
            let text = String::from("the quick brown fox jumps over the lazy dog again and again");
            let words: Vec<String> = text.split_whitespace().map(String::from).collect();
            let mut lines = Vec::new();
            let mut cur = String::new();
            for word in &words {
                if !cur.is_empty() && cur.len() + 1 + word.len() > width {
                    let full = std::mem::take(&mut cur);
                    log!("line {:?}", full);
                    suspend!();
                    lines.push(full);
                }
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(word);
            }
            if !cur.is_empty() {
                lines.push(cur);
            }
            lines
        }
    }

    /// An event loop over a mailbox: a `loop` with `match queue.pop_front()` on
    /// nested enum patterns, suspending when idle, state carried in an enum with data
    /// and replaced by value (`state = match state { .. }`, no arm diverges).
    case mailbox_event_loop(vec![Msg::Connect("ann".into()), Msg::Data(vec![1, 2]), Msg::Tick, Msg::Data(vec![3]), Msg::Disconnect, Msg::Data(vec![9]), Msg::Quit]) {
        fn case(msgs: Vec<Msg>) -> (Vec<String>, u32) {
            let mut inbox: VecDeque<Msg> = VecDeque::new();
            let mut pending: VecDeque<Msg> = msgs.into();
            let mut state = Conn::Idle;
            let mut out = Vec::new();
            let mut idle_ticks = 0;
            loop {
                match inbox.pop_front() {
                    None => {
                        idle_ticks += 1;
                        suspend!();
                        match pending.pop_front() {
                            Some(m) => inbox.push_back(m),
                            None => break,
                        }
                    }
                    Some(Msg::Quit) => {
                        log!("quit");
                        break;
                    }
                    Some(msg) => {
                        state = match (state, msg) {
                            (Conn::Idle, Msg::Connect(who)) => {
                                let sess = D::new(format!("session {who}"));
                                suspend!();
                                Conn::Open { who, sess, bytes: 0 }
                            }
                            (Conn::Open { who, sess, bytes }, Msg::Data(d)) => {
                                out.push(format!("{who} sent {d:?}"));
                                Conn::Open { who, sess, bytes: bytes + d.len() }
                            }
                            (Conn::Open { who, sess, bytes }, Msg::Disconnect) => {
                                log!("closing {} after {bytes} bytes", sess.name());
                                suspend!();
                                drop(sess);
                                Conn::Closed(who)
                            }
                            (s, Msg::Tick) => s,
                            (s, m) => {
                                out.push(format!("ignored {m:?}"));
                                s
                            }
                        };
                    }
                }
            }
            let who = match &state {
                Conn::Closed(w) => w.clone(),
                _ => "?".to_string(),
            };
            out.push(format!("final {who}"));
            (out, idle_ticks)
        }
    }

    /// A `ref mut` binding into a struct local, mutated after a suspension point in
    /// the arm (re-derived by matching again), and `if let .. else if let` chains.
    /// Written with one `ref mut` binding and `job.log` by field: with two
    /// (`Job { ref mut retries, ref mut log, .. }`) it does not compile
    /// (failing_realistic.rs, `two_ref_mut_bindings`).
    case ref_mut_bindings_across_points() {
        fn case() -> (u32, Vec<String>, String) {
            let mut job = Job { retries: 0, log: Vec::new(), owner: Some(D::new("owner")) };
            for round in 0..3 {
                match job {
                    Job { ref mut retries, .. } if round < 2 => {
                        suspend!();
                        *retries += 1;
                        job.log.push(format!("round {round}"));
                    }
                    Job { ref mut log, .. } => {
                        log.push("final".into());
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

    /// Trait objects in a `Vec<Box<dyn Shape>>` and a generic child bounded by a trait,
    /// iterated by reference across suspension points.
    case trait_objects_and_generic_bounds() {
        fn case() -> (String, u64) {
            let shapes: Vec<Box<dyn Shape>> = vec![
                Box::new(Rect { w: 3, h: 4 }),
                Box::new(Square(5)),
                Box::new(Rect { w: 1, h: 10 }),
            ];
            let mut report = String::new();
            for (i, s) in shapes.iter().enumerate() {
                suspend!();
                write!(report, "{i}:{}={} ", s.name(), s.area()).unwrap();
            }
            let total = total_area(vec![Square(2), Square(3)]).await + total_area(vec![Rect { w: 2, h: 2 }]).await;
            (report, total)
        }
        fn total_area[S: Shape + Debug](items: Vec<S>) -> u64 {
            let mut sum = 0;
            for it in items {
                let _g = D::new(format!("{:?}", it));
                suspend!();
                sum += it.area();
            }
            sum
        }
    }

    /// `Result<_, Box<dyn Error>>` in a child with `?` on different error types, mapped
    /// to `String` by the caller; config lines parsed with `split_once` and `trim`.
    case config_parse_boxed_errors(vec!["port = 8080", "host=example", "# comment", "retries = 3"]) {
        fn case(lines: Vec<&'static str>) -> Result<Config, String> {
            let _g = D::new("config");
            let text = lines.join("\n");
            let first = parse_config(text.clone()).await.map_err(|e| e.to_string())?;
            log!("first {:?}", first);
            let bad = parse_config(format!("{text}\nretries = many")).await;
            match bad {
                Ok(_) => log!("unexpected ok"),
                Err(e) => log!("error: {e}"),
            }
            let missing = parse_config("port = 1".to_string()).await.map_err(|e| e.to_string());
            log!("missing: {:?}", missing);
            Ok(first)
        }
        fn parse_config(text: String) -> Result<Config, Box<dyn std::error::Error>> {
            let mut port = None;
            let mut host = None;
            let mut retries = 0u32;
            for raw in text.lines().map(str::to_string).collect::<Vec<_>>() {
                let line = raw.trim().to_string();
                if line.starts_with('#') || line.is_empty() {
                    continue;
                }
                suspend!();
                let (k, v) = line.split_once('=').ok_or_else(|| format!("no '=' in {line}"))?;
                match k.trim() {
                    "port" => port = Some(v.trim().parse::<u16>()?),
                    "host" => host = Some(v.trim().to_string()),
                    "retries" => retries = v.trim().parse()?,
                    other => return Err(format!("unknown key {other}").into()),
                }
            }
            Ok(Config { port: port.ok_or("no port")?, host: host.ok_or(MissingHost)?, retries })
        }
    }

    /// A child returning `Option` with `?` on lookups, called in a loop; the caller
    /// uses `matches!`, `assert!` and `Option::zip`/`transpose`. Two documented
    /// limitations avoided: the child takes the map by value and gives it back (not
    /// `lookup_path(&tree, ..).await`, a child borrowing a local of the awaiting frame),
    /// and the halves of `path.split_once('.')` are made owned (`&str`s from a method,
    /// kept across the point).
    case option_question_mark_lookups(vec!["a.b", "a.c", "x.y", "b"]) {
        fn case(paths: Vec<&'static str>) -> Vec<Option<i32>> {
            let mut tree: HashMap<String, HashMap<String, i32>> = HashMap::new();
            tree.entry("a".into()).or_default().insert("b".into(), 1);
            tree.entry("a".into()).or_default().insert("c".into(), 2);
            tree.entry("b".into()).or_default();
            let mut found = Vec::new();
            for p in paths {
                let (t, r) = resolve(tree, p.to_string()).await;
                tree = t;
                assert!(matches!(r, Some(1..=2) | None), "{r:?}");
                found.push(r);
            }
            let both = found[0].zip(found[1]).map(|(a, b)| a + b);
            let parsed: Option<Result<i32, std::num::ParseIntError>> = Some("7".parse());
            log!("both {:?} transposed {:?}", both, parsed.transpose());
            found
        }
        fn resolve(tree: HashMap<String, HashMap<String, i32>>, path: String) -> (HashMap<String, HashMap<String, i32>>, Option<i32>) {
            let _g = D::new(format!("path {path}"));
            let (r, tree) = lookup_path(tree, path).await;
            (tree, r)
        }
        fn lookup_path(tree: HashMap<String, HashMap<String, i32>>, path: String) -> (Option<i32>, HashMap<String, HashMap<String, i32>>) {
            let found = match path.split_once('.').map(|(h, t)| (h.to_string(), t.to_string())) {
                Some(parts) => parts,
                None => return (None, tree),
            };
            let (head, tail) = found;
            suspend!();
            let r = find(&tree, &head, &tail);
            suspend!();
            (r, tree)
        }
    }

    /// A line-oriented log analyzer: `char_indices` over a local `String` in a `for`
    /// that suspends, slicing by indices after the point, counts in a `BTreeMap` with
    /// `entry().or_insert_with`.
    case log_analyzer_char_indices() {
        fn case() -> (BTreeMap<String, usize>, Vec<String>) {
            let data = String::from("ERR disk;WARN cpu;ERR net;INFO ok;ERR disk");
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            let mut errors = Vec::new();
            let mut start = 0;
            for (i, ch) in data.char_indices() {
                if ch != ';' && i + 1 != data.len() {
                    continue;
                }
                let end = if ch == ';' { i } else { i + 1 };
                let entry = data[start..end].to_string();
                suspend!();
                let level = entry.split(' ').next().unwrap_or("").to_string();
                *counts.entry(level.clone()).or_insert_with(|| {
                    log!("new level {level}");
                    0
                }) += 1;
                if level == "ERR" {
                    let what = classify_error(entry.clone()).await;
                    errors.push(what);
                }
                start = i + 1;
            }
            (counts, errors)
        }
        fn classify_error(entry: String) -> String {
            let _g = D::new("classify");
            suspend!();
            match entry.rsplit(' ').next() {
                Some("disk") => "storage".to_string(),
                Some(other) => format!("other:{other}"),
                None => String::new(),
            }
        }
    }

    /// A retrying download manager, three awaits deep, each level holding guards;
    /// `?` in the middle level, a `match` on the awaited `Result` with a guard in
    /// every arm.
    case download_manager_three_levels(vec!["ok.txt", "flaky.bin", "missing.dat", "big.iso"]) {
        fn case(files: Vec<&'static str>) -> (Vec<String>, Vec<String>) {
            let _mgr = Guard::new("manager");
            let mut done = Vec::new();
            let mut failed = Vec::new();
            for f in files {
                match download(f.to_string()).await {
                    Ok(bytes) if bytes > 100 => {
                        let _g = Guard::new("large");
                        suspend!();
                        done.push(format!("{f} ({bytes}, large)"));
                    }
                    Ok(bytes) => done.push(format!("{f} ({bytes})")),
                    Err(e) => {
                        let _g = Guard::new("report");
                        failed.push(format!("{f}: {e:?}"));
                    }
                }
            }
            (done, failed)
        }
        fn download(name: String) -> Result<usize, NetError> {
            let _conn = Guard::new(format!("conn {name}"));
            let mut tries = 0;
            let body = loop {
                tries += 1;
                match fetch(name.clone(), tries).await {
                    Err(NetError::Timeout) if tries < 3 => continue,
                    other => break other?,
                }
            };
            Ok(body.len() * 10)
        }
        fn fetch(name: String, attempt: u32) -> Result<String, NetError> {
            let _sock = Guard::new(format!("sock {attempt}"));
            suspend!();
            if name.starts_with("flaky") && attempt < 2 {
                return Err(NetError::Timeout);
            }
            if name.starts_with("missing") {
                return Err(NetError::NotFound(name));
            }
            Ok(name.repeat(if name.ends_with("iso") { 2 } else { 1 }))
        }
    }

    /// A builder-style API (methods taking `self`, not in the macro's list of
    /// consuming methods), used across suspension points by rebinding. The moves are
    /// made visible with `{ req }.header(..)`: written `req.header(..)`, this is the
    /// documented E0382 (a method not in the list that takes `self`).
    case builder_pattern_rebinding() {
        fn case() -> String {
            let req = Request::new("GET");
            let req = { req }.header("accept", "json");
            suspend!();
            let req = { req }.header("x-id", &id().await.to_string());
            let body = fetch_body().await;
            let req = { req }.body(body);
            suspend!();
            // `send` takes `self` and is not a name the macro knows as
            // consuming: the move is written (docs/limitations.md).
            { req }.send()
        }
        fn id() -> u32 {
            suspend!();
            42
        }
        fn fetch_body() -> String {
            let _g = D::new("body");
            suspend!();
            "{}".to_string()
        }
    }

    /// A key-value store driven by text commands: each line is parsed into an owned
    /// `Command` (by a plain fn with slice patterns), then dispatched; `set` awaits a
    /// write, `get` awaits a read. Matching `&parts[..]` directly with arms that
    /// suspend does not compile (failing_realistic.rs, `index_slice_match`).
    case kv_store_commands(vec!["set a 1", "set b 22", "get a", "del a", "get a", "incr b", "bogus x", "get b"]) {
        fn case(cmds: Vec<&'static str>) -> Vec<String> {
            let mut store: BTreeMap<String, i64> = BTreeMap::new();
            let mut replies = Vec::new();
            for cmd in cmds {
                let parts: Vec<String> = cmd.split_whitespace().map(String::from).collect();
                let _req = D::new(format!("req {}", parts[0]));
                let reply = match parse_command(&parts) {
                    Command::Set(key, v) => {
                        store = write(store, key, v).await;
                        "OK".to_string()
                    }
                    Command::Get(key) => {
                        let (s, v) = read(store, key).await;
                        store = s;
                        v.map(|v| v.to_string()).unwrap_or_else(|| "nil".to_string())
                    }
                    Command::Del(key) => {
                        suspend!();
                        match store.remove(&key) {
                            Some(_) => "1".into(),
                            None => "0".into(),
                        }
                    }
                    Command::Incr(key) => {
                        let e = store.entry(key).or_insert(0);
                        *e += 1;
                        e.to_string()
                    }
                    Command::Unknown => format!("ERR unknown {cmd:?}"),
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

    /// An owned singly-linked list built from a `Vec`, then traversed by moving the
    /// boxes (`while let Some(node) = cur`), one suspension per node.
    case linked_list_owned_traversal(vec![5, 3, 8, 1]) {
        fn case(vals: Vec<i32>) -> (i32, Vec<String>) {
            let mut head: Option<Box<Node>> = None;
            for v in vals.into_iter().rev() {
                head = Some(Box::new(Node { val: v, tag: D::new(format!("n{v}")), next: head }));
            }
            let mut cur = head;
            let mut sum = 0;
            let mut seen = Vec::new();
            // The moves of values kept across points are written
            // (`{ cur }`, `*{ node }`): docs/limitations.md.
            while let Some(node) = { cur } {
                let Node { val, tag, next } = *{ node };
                suspend!();
                sum += val;
                seen.push(tag.into_name());
                if val > 7 {
                    log!("stop at {val}, rest kept across one more point");
                    let rest = next;
                    suspend!();
                    drop(rest);
                    break;
                }
                cur = next;
            }
            (sum, seen)
        }
    }

    /// A closure created before a loop and a fn item passed to a generic child
    /// (`F: Fn(i32) -> i32`), awaited in a loop.
    case closures_passed_to_generic_child(3) {
        fn case(k: i32) -> Vec<Vec<i32>> {
            let scale = move |x: i32| x * k;
            let mut outs = Vec::new();
            let data = vec![vec![1, 2], vec![3], vec![]];
            for chunk in data {
                let scaled = transform(chunk, scale).await;
                let negated = transform(scaled, negate).await;
                outs.push(negated);
            }
            let threshold = -4;
            suspend!();
            let small = outs.iter().flatten().filter(|&&x| x < threshold).count();
            log!("{small} below {threshold}");
            outs
        }
        fn transform[F: Fn(i32) -> i32](v: Vec<i32>, f: F) -> Vec<i32> {
            let mut out = Vec::with_capacity(v.len());
            for x in v {
                suspend!();
                out.push(f(x));
            }
            out
        }
    }

    /// Game-of-life style update of a grid, suspending inside the inner loop. Written
    /// with index loops: the nested borrowed loops
    /// `for row in grid.iter_mut() { for cell in row.iter_mut() { suspend!(); .. } }`
    /// do not compile (failing_realistic.rs, `nested_borrowed_loops`).
    case grid_update_nested_loops() {
        fn case() -> Vec<Vec<u8>> {
            let mut grid = vec![vec![0u8, 1, 0], vec![1, 1, 0], vec![0, 0, 1]];
            let snapshot = grid.clone();
            for y in 0..grid.len() {
                for x in 0..grid[y].len() {
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
                    grid[y][x] = match (grid[y][x], n) {
                        (1, 2) | (_, 3) => 1,
                        _ => 0,
                    };
                }
                log!("row {y} done: {:?}", grid[y]);
            }
            grid
        }
    }

    /// Struct literals with awaited fields and `..Default::default()`; awaited
    /// results ignored with `let _ =` and as statements (drop timing of the output).
    case struct_update_and_ignored_results() {
        fn case() -> Settings {
            let base = Settings { name: "base".into(), ..Default::default() };
            let s = Settings { level: level().await, verbose: flag().await, ..base };
            let _ = make("ignored").await;
            make("stmt").await;
            let _kept = make("kept").await;
            suspend!();
            log!("built {:?}", s);
            s
        }
        fn level() -> u8 {
            suspend!();
            3
        }
        fn flag() -> bool {
            suspend!();
            true
        }
        fn make(name: &'static str) -> D {
            suspend!();
            D::new(name)
        }
    }

    /// Nested `Result<Option<D>, E>` patterns with bindings by value, suspending in
    /// arms, so each binding is alive at a point.
    case nested_result_option_patterns(vec![0, 1, 2, 3, 4]) {
        fn case(ids: Vec<u32>) -> Vec<String> {
            let mut out = Vec::new();
            for id in ids {
                match fetch(id).await {
                    Ok(Some(d)) if d.name().len() > 4 => {
                        suspend!();
                        out.push(format!("long {}", d.name()));
                    }
                    Ok(Some(d)) => {
                        let extra = D::new("extra");
                        suspend!();
                        out.push(d.into_name());
                    }
                    Ok(None) => out.push("none".into()),
                    Err((code, d)) => {
                        suspend!();
                        out.push(format!("err {code} {}", d.name()));
                    }
                }
            }
            out
        }
        fn fetch(id: u32) -> Result<Option<D>, (u32, D)> {
            suspend!();
            match id % 4 {
                0 => Ok(Some(D::new(format!("item{id}")))),
                1 => Ok(Some(D::new(format!("i{id}")))),
                2 => Ok(None),
                _ => Err((500 + id, D::new(format!("ctx{id}")))),
            }
        }
    }

    /// A search child returning early from inside nested loops when it finds a
    /// match, the caller counting calls across a paginated cursor.
    case paginated_search_early_return(vec![vec![3, 9, 4], vec![7, 12], vec![1, 15, 2], vec![8]]) {
        fn case(pages: Vec<Vec<u32>>) -> (Vec<(usize, usize)>, usize) {
            let mut hits = Vec::new();
            let mut cursor = Some(0usize);
            let mut calls = 0;
            while let Some(c) = cursor {
                calls += 1;
                let page = pages.get(c).cloned().unwrap_or_default();
                let (found, next) = search_page(page, c, pages.len()).await;
                if let Some(pos) = found {
                    hits.push((c, pos));
                }
                cursor = next;
            }
            (hits, calls)
        }
        fn search_page(page: Vec<u32>, c: usize, npages: usize) -> (Option<usize>, Option<usize>) {
            let _g = D::new(format!("page {c}"));
            let next = if c + 1 < npages { Some(c + 1) } else { None };
            for (i, v) in page.iter().enumerate() {
                let probe = D::new(format!("probe {v}"));
                suspend!();
                if v % 3 == 0 && *v > 5 {
                    return (Some(i), next);
                }
            }
            (None, next)
        }
    }

    /// A lexer over a `&'static str` parameter with a `Peekable<CharIndices>` kept
    /// across suspension points (it borrows the caller's data, not the frame),
    /// producing owned tokens; `?` on `Option` in a child returning `Option`.
    case peekable_lexer_over_str_param("let x1 = 42 + y; // done") {
        fn case(src: &'static str) -> (Vec<String>, Option<u32>) {
            let mut it = src.char_indices().peekable();
            let mut out = Vec::new();
            let _lexer = D::new("lexer");
            while let Some((start, c)) = it.next() {
                if c.is_whitespace() {
                    continue;
                }
                if c == '/' && it.peek().map(|&(_, n)| n) == Some('/') {
                    log!("comment at {start}");
                    break;
                }
                let mut end = start + c.len_utf8();
                if c.is_alphanumeric() {
                    while let Some(&(i, n)) = it.peek() {
                        if !n.is_alphanumeric() {
                            break;
                        }
                        end = i + n.len_utf8();
                        it.next();
                    }
                }
                suspend!();
                out.push(src[start..end].to_string());
            }
            let n = first_number(out.clone()).await;
            (out, n)
        }
        fn first_number(toks: Vec<String>) -> Option<u32> {
            let _g = D::new("scan");
            let pos = toks.iter().position(|t| t.chars().all(|c| c.is_ascii_digit()))?;
            suspend!();
            let tok = toks.get(pos)?;
            tok.parse().ok()
        }
    }

    /// Report building with `+=` on a `String` whose right side awaits, `write!`
    /// with awaited arguments, and awaits in a tuple scrutinee of a `match`.
    case report_builder_string_ops(vec![("cpu", 93), ("mem", 40), ("disk", 71)]) {
        fn case(metrics: Vec<(&'static str, u32)>) -> String {
            let mut out = String::from("report:");
            for (name, v) in metrics {
                out += &label(name.to_string()).await;
                match (level(v).await, v % 2 == 0) {
                    (Level::High, even) => {
                        let _alert = D::new(format!("alert {name}"));
                        write!(out, " HIGH({v}{})", if even { "e" } else { "o" }).unwrap();
                        suspend!();
                    }
                    (Level::Mid, _) => write!(out, " mid({}={})", name, bar(v).await).unwrap(),
                    (Level::Low, _) => out.push_str(" low"),
                }
                out.push(';');
            }
            out
        }
        fn label(name: String) -> String {
            suspend!();
            format!(" [{}]", name.to_uppercase())
        }
        fn level(v: u32) -> Level {
            if v > 90 {
                suspend!();
                Level::High
            } else if v > 50 {
                Level::Mid
            } else {
                Level::Low
            }
        }
        fn bar(v: u32) -> String {
            suspend!();
            "#".repeat((v / 20) as usize)
        }
    }

    /// A scheduler that processes tasks by priority: `sort_by_key`, `retain` and
    /// `dedup` with closures before suspension points, tasks owned and consumed in a
    /// `while let` over `pop`, a task that fails is re-queued once.
    case priority_scheduler_with_requeue(vec![(2, "b"), (5, "e"), (1, "a"), (5, "e"), (3, "fail"), (0, "z")]) {
        fn case(input: Vec<(u8, &'static str)>) -> Vec<String> {
            let mut tasks: Vec<Task> = input
                .into_iter()
                .map(|(prio, name)| Task { prio, name: name.to_string(), tries: 0, tag: D::new(format!("t-{name}")) })
                .collect();
            tasks.retain(|t| t.prio > 0);
            tasks.sort_by_key(|t| t.prio);
            tasks.dedup_by(|a, b| a.name == b.name);
            log!("queue {:?}", tasks.iter().map(|t| t.name.as_str()).collect::<Vec<_>>());
            let mut done = Vec::new();
            while let Some(mut task) = tasks.pop() {
                task.tries += 1;
                match run_task(task.name.clone(), task.tries).await {
                    Ok(msg) => {
                        done.push(msg);
                        drop(task);
                    }
                    Err(e) if task.tries < 2 => {
                        log!("requeue {}: {e}", task.name);
                        tasks.insert(0, task);
                    }
                    Err(e) => {
                        suspend!();
                        done.push(format!("{} dropped: {e}", task.name));
                    }
                }
            }
            done
        }
        fn run_task(name: String, attempt: u32) -> Result<String, String> {
            let _worker = Guard::new(format!("worker {name}#{attempt}"));
            suspend!();
            if name == "fail" {
                return Err(format!("attempt {attempt} failed"));
            }
            Ok(format!("{name} ok"))
        }
    }

    /// A session that nests three guard scopes in a child, returns early from the
    /// innermost with `?` inside a `match` inside a loop, and the caller retries with
    /// a different input; every guard's release is logged.
    case nested_guards_question_mark_in_loop(vec!["ok", "bad", "ok"]) {
        fn case(inputs: Vec<&'static str>) -> Vec<Result<u32, String>> {
            let _app = Guard::new("app");
            let mut results = Vec::new();
            for (i, inp) in inputs.into_iter().enumerate() {
                let r = session(inp.to_string(), i as u32).await;
                if r.is_err() {
                    let _cleanup = Guard::new("cleanup");
                    suspend!();
                }
                results.push(r);
            }
            results
        }
        fn session(input: String, id: u32) -> Result<u32, String> {
            let _s = Guard::new(format!("session{id}"));
            let mut acc = 0;
            for step in 0..3u32 {
                let _step = Guard::new(format!("step{id}.{step}"));
                match step {
                    1 => {
                        let _inner = Guard::new(format!("inner{id}"));
                        acc += validate(input.clone(), step).await?;
                    }
                    _ => {
                        suspend!();
                        acc += step;
                    }
                }
            }
            Ok(acc)
        }
        fn validate(input: String, step: u32) -> Result<u32, String> {
            suspend!();
            if input == "bad" {
                Err(format!("{input} at step {step}"))
            } else {
                Ok(10)
            }
        }
    }

    /// A batch import that stops at the first missing record: `let .. else` whose
    /// `else` suspends and returns with guards alive; a labeled block with
    /// `let .. else` and `break 'label value` for parse failures.
    case batch_import_let_else(vec![Some("7"), Some("x"), Some("12"), None, Some("3")]) {
        fn case(records: Vec<Option<&'static str>>) -> Result<Vec<u32>, String> {
            let _import = Guard::new("import");
            let mut total = 0;
            let mut out = Vec::new();
            for (i, rec) in records.into_iter().enumerate() {
                let _row = D::new(format!("row{i}"));
                let Some(text) = rec else {
                    let _report = Guard::new("report");
                    suspend!();
                    return Err(format!("record {i} missing, imported {total}"));
                };
                let n = 'parse: {
                    let Ok(n) = text.parse::<u32>() else {
                        log!("not a number: {text}");
                        suspend!();
                        break 'parse 0;
                    };
                    suspend!();
                    n * 2
                };
                total += n;
                out.push(n);
            }
            Ok(out)
        }
    }

    /// A `&'static` configuration passed from the case to children (references the
    /// frame receives), a `BTreeMap` local iterated by reference and with
    /// `values_mut` across suspension points.
    case config_ref_and_map_iteration(&LIMITS, vec![("cpu", 3), ("mem", 9), ("io", 5)]) {
        fn case(limits: &'static Limits, usage: Vec<(&'static str, u32)>) -> String {
            let mut alarms: BTreeMap<String, D> = BTreeMap::new();
            for (name, v) in usage {
                if over(limits, name.to_string(), v).await {
                    alarms.insert(name.to_string(), D::new(format!("alarm {name}")));
                }
            }
            for a in alarms.values_mut() {
                suspend!();
                a.0.push_str(" (acked)");
            }
            let mut out = String::new();
            for (k, v) in &alarms {
                suspend!();
                write!(out, "{k}: {}; ", v.name()).unwrap();
            }
            log!("{} limits checked", limits.name);
            out
        }
        fn over(limits: &Limits, name: String, v: u32) -> bool {
            suspend!();
            let max = limits.max.iter().find(|(n, _)| *n == name).map(|(_, m)| *m).unwrap_or(u32::MAX);
            v > max
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tok {
    Num(u64),
    Ident(String),
    Op(char),
}

#[derive(Debug, PartialEq, Eq)]
pub enum CalcError {
    Underflow,
    DivZero,
    Unknown(String),
    Leftover(usize),
    Parse(String),
}

impl From<std::num::ParseIntError> for CalcError {
    fn from(e: std::num::ParseIntError) -> Self {
        CalcError::Parse(e.to_string())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    Red,
    Green,
    Yellow,
    Blinking,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ev {
    Tick,
    Emergency,
    Reset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Start,
    Greeted,
    Authed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub age: u32,
    pub score: u32,
}

#[derive(Debug, PartialEq, Eq)]
pub enum CsvError {
    Empty,
    Columns(usize),
    Number(String),
}

impl From<std::num::ParseIntError> for CsvError {
    fn from(e: std::num::ParseIntError) -> Self {
        CsvError::Number(e.to_string())
    }
}

/// A small accumulator with methods, used as a local across suspension points.
pub struct Stats {
    name: D,
    counts: Vec<usize>,
}

impl Stats {
    pub fn new(name: &str) -> Stats {
        Stats {
            name: D::new(format!("stats {name}")),
            counts: Vec::new(),
        }
    }
    pub fn record(&mut self, n: usize) {
        log!("record {n}");
        self.counts.push(n);
    }
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
    pub fn describe(&self) -> String {
        format!("{}: {:?}", self.name.name(), self.counts)
    }
}

pub struct Batch {
    pub label: String,
    pub items: Vec<D>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    Small,
    Large(u32),
}

/// An RAII guard that logs when it is acquired and released.
pub struct Guard(String);

impl Guard {
    pub fn new(name: impl Into<String>) -> Guard {
        let name = name.into();
        log!("acquire {name}");
        Guard(name)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        log!("release {}", self.0);
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum AppError {
    Zero,
    NotFound(String),
}

pub fn check(n: u32) -> Result<u32, ZeroError> {
    if n == 0 { Err(ZeroError) } else { Ok(n) }
}

#[derive(Debug)]
pub struct ZeroError;

impl From<ZeroError> for AppError {
    fn from(_: ZeroError) -> Self {
        AppError::Zero
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instr {
    Push(i64),
    Dup,
    Add,
    Sub,
    Jz(usize),
    Jmp(usize),
    Print,
    Halt,
}

pub fn prec(op: char) -> u8 {
    match op {
        '*' | '/' => 2,
        '+' | '-' => 1,
        _ => 0,
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum BankError {
    Insufficient { account: usize, short: u64 },
    NoAccount(usize),
    Limit(u64),
}

pub struct LimitError(pub u64);

impl From<LimitError> for BankError {
    fn from(e: LimitError) -> Self {
        BankError::Limit(e.0)
    }
}

pub struct Bank {
    pub balances: Vec<u64>,
    _d: D,
}

impl Bank {
    pub fn new(balances: Vec<u64>) -> Bank {
        Bank {
            balances,
            _d: D::new("bank"),
        }
    }
    pub fn withdraw(&mut self, account: usize, amount: u64) -> Result<(), BankError> {
        let bal = self
            .balances
            .get_mut(account)
            .ok_or(BankError::NoAccount(account))?;
        if *bal < amount {
            return Err(BankError::Insufficient {
                account,
                short: amount - *bal,
            });
        }
        *bal -= amount;
        log!("withdraw {amount} from {account}");
        Ok(())
    }
    pub fn deposit(&mut self, account: usize, amount: u64) {
        self.balances[account] += amount;
        log!("deposit {amount} to {account}");
    }
}

#[derive(Debug)]
pub enum Msg {
    Connect(String),
    Data(Vec<u8>),
    Tick,
    Disconnect,
    Quit,
}

pub enum Conn {
    Idle,
    Open { who: String, sess: D, bytes: usize },
    Closed(String),
}

pub struct Job {
    pub retries: u32,
    pub log: Vec<String>,
    pub owner: Option<D>,
}

pub trait Shape {
    fn area(&self) -> u64;
    fn name(&self) -> String;
}

#[derive(Debug)]
pub struct Rect {
    pub w: u64,
    pub h: u64,
}

#[derive(Debug)]
pub struct Square(pub u64);

impl Shape for Rect {
    fn area(&self) -> u64 {
        self.w * self.h
    }
    fn name(&self) -> String {
        format!("rect{}x{}", self.w, self.h)
    }
}

impl Shape for Square {
    fn area(&self) -> u64 {
        self.0 * self.0
    }
    fn name(&self) -> String {
        format!("square{}", self.0)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Config {
    pub port: u16,
    pub host: String,
    pub retries: u32,
}

#[derive(Debug)]
pub struct MissingHost;

impl std::fmt::Display for MissingHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no host")
    }
}

impl std::error::Error for MissingHost {}

#[derive(Debug, PartialEq, Eq)]
pub enum NetError {
    Timeout,
    NotFound(String),
}

/// A request builder whose methods take `self`.
pub struct Request {
    method: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    _d: D,
}

impl Request {
    pub fn new(method: &str) -> Request {
        Request {
            method: method.to_string(),
            headers: Vec::new(),
            body: None,
            _d: D::new("req"),
        }
    }
    pub fn header(mut self, k: &str, v: &str) -> Request {
        log!("header {k}");
        self.headers.push((k.to_string(), v.to_string()));
        self
    }
    pub fn body(mut self, b: String) -> Request {
        self.body = Some(b);
        self
    }
    pub fn send(self) -> String {
        format!("{} {:?} {:?}", self.method, self.headers, self.body)
    }
}

pub fn find(tree: &HashMap<String, HashMap<String, i32>>, head: &str, tail: &str) -> Option<i32> {
    tree.get(head)?.get(tail).copied()
}

pub struct Node {
    pub val: i32,
    pub tag: D,
    pub next: Option<Box<Node>>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub name: String,
    pub level: u8,
    pub verbose: bool,
}

pub fn negate(x: i32) -> i32 {
    -x
}

pub enum Command {
    Set(String, i64),
    Get(String),
    Del(String),
    Incr(String),
    Unknown,
}

pub fn parse_command(parts: &[String]) -> Command {
    match parts {
        [op, key, val] if op == "set" => Command::Set(key.clone(), val.parse().unwrap_or(0)),
        [op, key] if op == "get" => Command::Get(key.clone()),
        [op, key] if op == "del" => Command::Del(key.clone()),
        [op, key] if op == "incr" => Command::Incr(key.clone()),
        _ => Command::Unknown,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Low,
    Mid,
    High,
}

pub struct Task {
    pub prio: u8,
    pub name: String,
    pub tries: u32,
    pub tag: D,
}

pub struct Limits {
    pub name: &'static str,
    pub max: &'static [(&'static str, u32)],
}

pub static LIMITS: Limits = Limits {
    name: "prod",
    max: &[("cpu", 2), ("mem", 16), ("io", 4)],
};
