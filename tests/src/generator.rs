//! A generator of random coroutine programs for the differential oracle.
//!
//! Each seed gives one program: an entry `fn case(p: D, mut n: i32) ->
//! Result<i32, String>` and the children it awaits, written as a case of
//! [`differential!`](crate::differential) (the coroutine against the
//! `async fn`). The bodies mix
//! nested `if`/`match`/`for`/`while`/`loop`, `break` and early `return`,
//! awaits in operand, argument, condition, scrutinee and iterable positions,
//! `?`, `let .. else`, values that log their drops (moved whole, moved into
//! children and closures, moved in one branch only, shadowed), temporaries
//! alive across a point, and closures.
//!
//! The generator keeps a model of every variable (its type, whether it was
//! moved, what borrows it) so that every program it writes is one rustc
//! accepts as an `async fn`: it only moves what is neither borrowed nor
//! declared outside the innermost loop, only assigns what nothing borrows,
//! and keeps every loop bounded and every operation free of panics (`^`,
//! `&`, `|` and `wrapping_add` for arithmetic).
//!
//! Two uses:
//! - `cases::generated` holds the programs of a small fixed seed range
//!   ([`FIXED`]); a test checks that the file is what the generator writes
//!   today, so that the suite always runs the generator's current output.
//!   `cargo run -p coro-tests --bin generate -- --write-fixed` rewrites it.
//! - `cargo run -p coro-tests --release --bin generate -- --seeds 0..2000`
//!   writes a scratch crate of many programs, compiles it, and reports
//!   which programs fail to compile with each lowering and which run
//!   differently from the `async fn` (see that binary's docs).

use std::fmt::Write as _;

/// The kind of program a seed gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Borrows only within a stretch without suspension points (the
    /// programs the removed legacy lowering could compile too).
    Portable,
    /// Programs that keep borrows across suspension points (references,
    /// borrowing closures, children borrowing the awaiter's locals): for the
    /// in-place lowering.
    Borrowing,
}

impl Mode {
    /// The name used in case names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Portable => "portable",
            Mode::Borrowing => "borrowing",
        }
    }
}

/// The seeds of `cases::generated`: this many programs of each mode.
pub const FIXED: u64 = 24;

/// Programs of the fixed range that the transform does not handle yet,
/// with the reason (found by the `generate` binary). `cases::generated`
/// leaves them out, so that each gap is listed here instead of failing the
/// build. Fixing one means deleting its line. (Empty since the legacy
/// lowering, whose gaps these were, was removed.)
pub const KNOWN: &[(Mode, u64, &str)] = &[];

/// The case name of a seed's program.
pub fn case_name(mode: Mode, seed: u64) -> String {
    format!("{}_{seed}", mode.name())
}

/// A seeded pseudo-random source (splitmix64): the same seed gives the
/// same program on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The types the model knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ty {
    Int,
    /// `&i32` (a `for` binding over `&v`).
    IntRef,
    /// `D`: logs its drop; move-only.
    D,
    Str,
    Vec,
    /// `&Vec<i32>`.
    VecRef,
    /// `&str` borrowed from a `String`.
    StrRef,
    /// A closure `Fn(i32) -> i32`.
    Closure,
}

struct Var {
    name: String,
    ty: Ty,
    mutable: bool,
    moved: bool,
    /// The loop depth where it was declared: moving it at a deeper depth
    /// would move it again on the next iteration.
    loops: usize,
    /// Live borrows of it (references and closures in scope).
    borrows: usize,
    /// The variable it borrows, released when it goes out of scope.
    holds: Vec<usize>,
}

/// The generator's state while it writes one program.
struct Gen {
    rng: Rng,
    mode: Mode,
    vars: Vec<Var>,
    /// `vars.len()` at the start of each open block.
    scopes: Vec<usize>,
    loops: usize,
    /// Statements left to write.
    budget: usize,
    /// Above zero inside a stretch that must not suspend (a borrow a
    /// portable program does not keep across a point).
    no_suspend: usize,
    next_name: usize,
    out: String,
    indent: usize,
}

/// The program of `seed` in `mode`, as one case of the harness macro
/// (without the macro around it).
pub fn program(mode: Mode, seed: u64) -> String {
    let mut g = Gen {
        rng: Rng(seed.wrapping_mul(2).wrapping_add(mode as u64) ^ 0x5EED),
        mode,
        vars: Vec::new(),
        scopes: vec![0],
        loops: 0,
        budget: 14,
        no_suspend: 0,
        next_name: 0,
        out: String::new(),
        indent: 3,
    };
    g.declare("p", Ty::D, false);
    g.declare("n", Ty::Int, true);
    while g.budget > 0 {
        g.stmt(0);
    }
    let tail = g.int(2);
    g.line(&format!("Ok({tail})"));
    let body = std::mem::take(&mut g.out);
    let mut out = String::new();
    let _ = writeln!(out, "    /// Generated: {} seed {seed}.", mode.name());
    let _ = writeln!(
        out,
        "    case {}(D::new(\"p\"), 5) {{",
        case_name(mode, seed)
    );
    out.push_str("        fn case(p: D, mut n: i32) -> Result<i32, String> {\n");
    out.push_str(&body);
    out.push_str("        }\n");
    out.push_str(CHILDREN);
    if mode == Mode::Borrowing {
        out.push_str(BORROWING_CHILDREN);
    }
    out.push_str("    }\n");
    out
}

/// The children every program may await.
const CHILDREN: &str = r#"        fn child(n: i32) -> i32 {
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
"#;

/// The children of borrowing programs: they borrow the awaiter's locals.
const BORROWING_CHILDREN: &str = r#"        fn child_len(v: &mut Vec<i32>) -> usize {
            v.push(9);
            suspend!();
            v.len()
        }
        fn child_str(s: &str) -> usize {
            log!("child_str {s}");
            suspend!();
            s.len()
        }
"#;

impl Gen {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn fresh(&mut self) -> String {
        self.next_name += 1;
        format!("x{}", self.next_name)
    }

    fn declare(&mut self, name: &str, ty: Ty, mutable: bool) -> usize {
        self.vars.push(Var {
            name: name.to_string(),
            ty,
            mutable,
            moved: false,
            loops: self.loops,
            borrows: 0,
            holds: Vec::new(),
        });
        self.vars.len() - 1
    }

    /// A name for a new `let`: usually fresh, sometimes shadowing a
    /// visible variable.
    fn let_name(&mut self) -> String {
        if self.rng.chance(12) {
            let visible = self.visible(|_| true);
            if !visible.is_empty() {
                let i = visible[self.rng.below(visible.len())];
                return self.vars[i].name.clone();
            }
        }
        self.fresh()
    }

    /// Declares a variable that borrows `held` while it is in scope.
    fn declare_borrowing(&mut self, name: &str, ty: Ty, held: &[usize]) {
        let i = self.declare(name, ty, false);
        for &h in held {
            self.vars[h].borrows += 1;
        }
        self.vars[i].holds = held.to_vec();
    }

    fn open(&mut self) {
        self.scopes.push(self.vars.len());
        self.indent += 1;
    }

    fn close(&mut self) {
        let start = self.scopes.pop().expect("a scope is open");
        let held: Vec<usize> = self.vars[start..]
            .iter()
            .flat_map(|v| v.holds.iter().copied())
            .collect();
        for h in held {
            self.vars[h].borrows -= 1;
        }
        self.vars.truncate(start);
        self.indent -= 1;
    }

    /// The variables that can be named here (not shadowed) and satisfy
    /// `ok`.
    fn visible(&self, ok: impl Fn(&Var) -> bool) -> Vec<usize> {
        (0..self.vars.len())
            .filter(|&i| {
                let v = &self.vars[i];
                !self.vars[i + 1..].iter().any(|w| w.name == v.name) && ok(v)
            })
            .collect()
    }

    fn pick(&mut self, ok: impl Fn(&Var) -> bool) -> Option<usize> {
        let all = self.visible(ok);
        (!all.is_empty()).then(|| all[self.rng.below(all.len())])
    }

    /// A live variable of type `ty`.
    fn live(&mut self, ty: Ty) -> Option<usize> {
        self.pick(|v| v.ty == ty && !v.moved)
    }

    /// A variable of type `ty` that may be moved or assigned here.
    fn movable(&mut self, ty: Ty) -> Option<usize> {
        let loops = self.loops;
        self.pick(|v| v.ty == ty && !v.moved && v.borrows == 0 && v.loops == loops)
    }

    fn can_suspend(&self) -> bool {
        self.no_suspend == 0
    }

    /// An `i32` expression; `depth` bounds its nesting.
    fn int(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self.int_atom();
        }
        let d = depth - 1;
        match self.rng.below(16) {
            0..=2 => self.int_atom(),
            3 => {
                let op = ["^", "&", "|"][self.rng.below(3)];
                format!("({} {op} {})", self.int(d), self.int(d))
            }
            4 => format!("i32::wrapping_add({}, {})", self.int(d), self.int(d)),
            5 | 6 if self.can_suspend() => format!("child({}).await", self.int(d)),
            7 => format!("quick({}).await", self.int(d)),
            8 if self.can_suspend() => format!("fallible({}).await?", self.int(d)),
            9 => format!(
                "if {} {{ {} }} else {{ {} }}",
                self.bool(d),
                self.int(d),
                self.int(d)
            ),
            10 => format!(
                "match {} & 1 {{ 0 => {}, _ => {} }}",
                self.int(d),
                self.int(d),
                self.int(d)
            ),
            11 => {
                let t = self.fresh();
                format!("(D::new(\"{t}\").name().len() as i32 ^ {})", self.int(d))
            }
            12 => match self.live(Ty::Closure) {
                Some(f) => {
                    let name = self.vars[f].name.clone();
                    format!("{name}({})", self.int(d))
                }
                None => self.int_atom(),
            },
            13 if self.mode == Mode::Borrowing && self.can_suspend() => {
                match self.pick(|v| v.ty == Ty::Vec && !v.moved && v.borrows == 0 && v.mutable) {
                    Some(v) => format!("(child_len(&mut {}).await as i32)", self.vars[v].name),
                    None => self.int_atom(),
                }
            }
            14 if self.mode == Mode::Borrowing && self.can_suspend() => match self.live(Ty::Str) {
                Some(s) => format!("(child_str(&{}).await as i32)", self.vars[s].name),
                None => self.int_atom(),
            },
            _ => self.int_atom(),
        }
    }

    /// An `i32` without nesting: a literal or a reading of a variable.
    fn int_atom(&mut self) -> String {
        let readable = self.visible(|v| !v.moved);
        if readable.is_empty() || self.rng.chance(25) {
            return self.rng.below(40).to_string();
        }
        let v = &self.vars[readable[self.rng.below(readable.len())]];
        let name = &v.name;
        match v.ty {
            Ty::Int => name.clone(),
            Ty::IntRef => format!("(*{name})"),
            Ty::D => format!("({name}.name().len() as i32)"),
            Ty::Str | Ty::StrRef => format!("({name}.len() as i32)"),
            Ty::Vec | Ty::VecRef => format!("{name}.iter().fold(0, |a, b| a ^ b)"),
            Ty::Closure => format!("{name}(3)"),
        }
    }

    fn bool(&mut self, depth: usize) -> String {
        let d = depth.saturating_sub(1);
        match self.rng.below(if depth == 0 { 2 } else { 5 }) {
            0 => format!("({} < {})", self.int(d), self.int(d)),
            1 => format!("({} & 1 == 0)", self.int(d)),
            2 => format!("!{}", self.bool(d)),
            3 => format!("({} && {})", self.bool(d), self.bool(d)),
            _ => format!("({} || {})", self.bool(d), self.bool(d)),
        }
    }

    /// A `D` expression; may move a variable.
    fn d_value(&mut self) -> String {
        let t = self.fresh();
        match self.rng.below(4) {
            0 => {
                if let Some(v) = self.movable(Ty::D) {
                    self.vars[v].moved = true;
                    return self.vars[v].name.clone();
                }
                format!("D::new(\"{t}\")")
            }
            1 if self.can_suspend() => {
                if let Some(v) = self.movable(Ty::D) {
                    self.vars[v].moved = true;
                    return format!("child_d({}).await", self.vars[v].name);
                }
                format!("child_d(D::new(\"{t}\")).await")
            }
            _ => format!("D::new(\"{t}\")"),
        }
    }

    /// One statement (or a compound one), consuming budget.
    fn stmt(&mut self, depth: usize) {
        self.budget = self.budget.saturating_sub(1);
        let nest = depth < 3 && self.budget > 0;
        match self.rng.below(24) {
            0 | 1 => {
                let name = self.let_name();
                let mutable = self.rng.chance(40);
                let init = self.int(2);
                let m = if mutable { "mut " } else { "" };
                self.line(&format!("let {m}{name} = {init};"));
                self.declare(&name, Ty::Int, mutable);
            }
            2 | 3 => {
                let name = self.let_name();
                let init = self.d_value();
                self.line(&format!("let {name} = {init};"));
                self.declare(&name, Ty::D, false);
            }
            4 => match self.pick(|v| v.ty == Ty::Int && v.mutable && v.borrows == 0) {
                Some(v) => {
                    let name = self.vars[v].name.clone();
                    let value = self.int(2);
                    let mut op = ["=", "^=", "|="][self.rng.below(3)];
                    if value == name {
                        op = "^=";
                    }
                    self.line(&format!("{name} {op} {value};"));
                }
                None => self.suspend(),
            },
            5 | 6 => {
                let value = self.int(2);
                self.line(&format!("log(format!(\"{{}}\", {value}));"));
            }
            7 | 8 => self.suspend(),
            9 | 10 if nest => self.if_stmt(depth),
            11 if nest => self.match_stmt(depth),
            12 if nest => self.for_stmt(depth),
            13 if nest => self.while_stmt(depth),
            14 if nest => {
                self.line("{");
                self.open();
                self.block_body(depth + 1);
                self.close();
                self.line("}");
            }
            15 => self.move_stmt(),
            16 => self.vec_stmt(),
            17 => self.string_stmt(),
            18 | 19 => self.borrow_stmt(depth),
            20 if self.loops > 0 => {
                let cond = self.bool(1);
                let jump = if self.rng.chance(50) {
                    "break"
                } else {
                    "continue"
                };
                self.line(&format!("if {cond} {{ log!(\"{jump}\"); {jump}; }}"));
            }
            21 if self.rng.chance(40) => {
                let cond = self.bool(1);
                let value = self.int(1);
                self.line(&format!("if {cond} {{ return Ok({value}); }}"));
            }
            22 if self.can_suspend() => {
                let name = self.let_name();
                let arg = self.int(1);
                let value = self.int(1);
                self.line(&format!(
                    "let Some({name}) = fallible({arg}).await.ok() else {{ log!(\"else\"); return Ok({value}); }};"
                ));
                self.declare(&name, Ty::Int, false);
            }
            23 if nest && self.can_suspend() => {
                let name = self.fresh();
                let arg = self.int(1);
                self.line(&format!("if let Ok({name}) = fallible({arg}).await {{"));
                self.open();
                self.declare(&name, Ty::Int, false);
                self.block_body(depth + 1);
                self.close();
                self.line("} else {");
                self.open();
                self.block_body(depth + 1);
                self.close();
                self.line("}");
            }
            _ => self.suspend(),
        }
    }

    fn suspend(&mut self) {
        if self.can_suspend() {
            self.line("suspend!();");
        } else {
            let value = self.int(1);
            self.line(&format!("log(format!(\"{{}}\", {value}));"));
        }
    }

    /// One to three statements of a nested block.
    fn block_body(&mut self, depth: usize) {
        let n = 1 + self.rng.below(3);
        for _ in 0..n {
            self.stmt(depth);
        }
    }

    /// Generates the branches of an `if` or `match`: a variable moved in
    /// any branch counts as moved after it.
    fn branches(&mut self, depth: usize, heads: &[String], tail: &str) {
        let before: Vec<bool> = self.vars.iter().map(|v| v.moved).collect();
        let mut moved = before.clone();
        for head in heads {
            self.line(head);
            self.open();
            self.block_body(depth + 1);
            self.close();
            for (m, v) in moved.iter_mut().zip(&mut self.vars) {
                *m |= v.moved;
            }
            for (v, b) in self.vars.iter_mut().zip(&before) {
                v.moved = *b;
            }
        }
        self.line(tail);
        for (v, m) in self.vars.iter_mut().zip(moved) {
            v.moved = m;
        }
    }

    fn if_stmt(&mut self, depth: usize) {
        let cond = self.bool(2);
        if self.rng.chance(60) {
            let heads = [format!("if {cond} {{"), "} else {".to_string()];
            self.branches(depth, &heads, "}");
        } else {
            self.branches(depth, &[format!("if {cond} {{")], "}");
        }
    }

    fn match_stmt(&mut self, depth: usize) {
        let scrutinee = self.int(2);
        self.line(&format!("match {scrutinee} % 3 {{"));
        self.indent += 1;
        let heads = [
            "0 => {".to_string(),
            "} 1 | -1 => {".to_string(),
            "} _ => {".to_string(),
        ];
        self.branches(depth, &heads, "}");
        self.indent -= 1;
        self.line("}");
    }

    fn for_stmt(&mut self, depth: usize) {
        let bound = self.int(1);
        let i = self.fresh();
        let iterable = match self.live(Ty::Vec) {
            Some(v) if self.rng.chance(30) && self.mode == Mode::Borrowing => {
                let vec = self.vars[v].name.clone();
                self.line(&format!("for {i} in &{vec} {{"));
                self.loops += 1;
                self.open();
                self.declare_borrowing(&i, Ty::IntRef, &[v]);
                // The loop borrows the vector for its whole run.
                self.vars[v].borrows += 1;
                self.block_body(depth + 1);
                self.close();
                self.vars[v].borrows -= 1;
                self.loops -= 1;
                self.line("}");
                return;
            }
            _ => format!("0..({bound} & 3)"),
        };
        self.line(&format!("for {i} in {iterable} {{"));
        self.loops += 1;
        self.open();
        self.declare(&i, Ty::Int, false);
        self.block_body(depth + 1);
        self.close();
        self.loops -= 1;
        self.line("}");
    }

    fn while_stmt(&mut self, depth: usize) {
        let k = self.fresh();
        self.line(&format!("let mut {k} = 0;"));
        self.declare(&k, Ty::Int, false);
        if self.rng.chance(50) {
            let bound = self.int(1);
            self.line(&format!("while {k} < ({bound} & 3) {{"));
        } else {
            self.line("loop {");
            self.line(&format!("    if {k} >= 2 {{ break; }}"));
        }
        self.loops += 1;
        self.open();
        self.line(&format!("{k} += 1;"));
        self.block_body(depth + 1);
        self.close();
        self.loops -= 1;
        self.line("}");
    }

    /// Moves a `D` away: into `drop`, a by-value method, a child, or a
    /// `move` closure.
    fn move_stmt(&mut self) {
        let Some(v) = self.movable(Ty::D) else {
            return self.suspend();
        };
        let d = self.vars[v].name.clone();
        self.vars[v].moved = true;
        match self.rng.below(4) {
            0 => self.line(&format!("drop({d});")),
            1 => {
                let name = self.let_name();
                self.line(&format!("let {name} = {d}.into_name();"));
                self.declare(&name, Ty::Str, false);
            }
            2 if self.can_suspend() => {
                self.line(&format!(
                    "log(format!(\"{{}}\", child_d({d}).await.name()));"
                ));
            }
            _ => {
                let name = self.let_name();
                self.line(&format!(
                    "let {name} = move |k: i32| k ^ {d}.name().len() as i32;"
                ));
                self.declare(&name, Ty::Closure, false);
            }
        }
    }

    fn vec_stmt(&mut self) {
        match self.pick(|v| v.ty == Ty::Vec && v.mutable && !v.moved && v.borrows == 0) {
            Some(v) if self.rng.chance(60) => {
                let name = self.vars[v].name.clone();
                // `v.push(..)` borrows `v` while its argument runs.
                self.vars[v].borrows += 1;
                let value = self.int(2);
                self.vars[v].borrows -= 1;
                self.line(&format!("{name}.push({value});"));
            }
            _ => {
                let name = self.let_name();
                let a = self.int(1);
                let b = self.int(1);
                self.line(&format!("let mut {name} = vec![{a}, {b}];"));
                self.declare(&name, Ty::Vec, true);
            }
        }
    }

    fn string_stmt(&mut self) {
        let name = self.let_name();
        let value = self.int(1);
        self.line(&format!("let {name} = format!(\"s{{}}\", {value});"));
        self.declare(&name, Ty::Str, false);
    }

    /// A reference or a borrowing closure. Portable programs keep it in a
    /// block without suspension points; borrowing programs keep it in the
    /// current block, across whatever follows.
    fn borrow_stmt(&mut self, depth: usize) {
        let portable = self.mode == Mode::Portable;
        if portable {
            self.line("{");
            self.open();
            self.no_suspend += 1;
        }
        let name = self.fresh();
        let choice = self.rng.below(3);
        if let (0, Some(v)) = (choice, self.live(Ty::Vec)) {
            let vec = self.vars[v].name.clone();
            self.line(&format!("let {name} = &{vec};"));
            self.declare_borrowing(&name, Ty::VecRef, &[v]);
        } else if let (1, Some(s)) = (choice, self.live(Ty::Str)) {
            let string = self.vars[s].name.clone();
            let how = if self.rng.chance(50) {
                format!("{string}.as_str()")
            } else {
                format!("&{string}[..]")
            };
            self.line(&format!("let {name} = {how};"));
            self.declare_borrowing(&name, Ty::StrRef, &[s]);
        } else {
            let captured: Vec<usize> = self
                .visible(|v| !v.moved && matches!(v.ty, Ty::Int | Ty::D))
                .into_iter()
                .take(2)
                .collect();
            let mut body = "k".to_string();
            for &c in &captured {
                let v = &self.vars[c];
                let read = match v.ty {
                    Ty::D => format!("{}.name().len() as i32", v.name),
                    _ => v.name.clone(),
                };
                body = format!("({body} ^ {read})");
            }
            self.line(&format!("let {name} = |k: i32| {body};"));
            self.declare_borrowing(&name, Ty::Closure, &captured);
        }
        if portable {
            let value = self.int(1);
            self.line(&format!("log(format!(\"{{}}\", {value}));"));
            if depth < 3 && self.rng.chance(50) {
                self.stmt(depth + 1);
            }
            self.no_suspend -= 1;
            self.close();
            self.line("}");
        }
    }
}

/// `cases::generated` as the generator writes it today: the fixed seed
/// range of portable programs, without the known gaps.
pub fn fixed_cases() -> String {
    fixed_file(Mode::Portable)
}

/// `cases::generated_borrowing`: the fixed seed range of borrowing
/// programs, without the known gaps.
pub fn fixed_borrowing_cases() -> String {
    fixed_file(Mode::Borrowing)
}

fn fixed_file(mode: Mode) -> String {
    let mut out = format!(
        "//! Programs written by the generator (`crate::generator`): the {} seeds\n\
         //! `0..FIXED`. Do not edit: rewrite with\n\
         //! `cargo run -p coro-tests --bin generate -- --write-fixed`.\n\
         //! The programs the transform does not handle yet are listed, with\n\
         //! the reason, in `generator::KNOWN`, and left out.\n\n\
         // The generator parenthesizes every operand.\n\
         #![allow(\n    unused_parens,\n    unused_braces,\n    unused_assignments,\n    unreachable_code,\n    clippy::all\n)]\n\n\
         #[allow(unused_imports)]\nuse crate::prelude::*;\n\ncrate::differential! {{\n",
        mode.name()
    );
    for seed in (0..FIXED).filter(|&seed| known(mode, seed).is_none()) {
        out.push_str(&program(mode, seed));
        out.push('\n');
    }
    out.push_str("}\n");
    out
}

/// The reason `mode`'s program `seed` is a known gap.
pub fn known(mode: Mode, seed: u64) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|(m, s, _)| *m == mode && *s == seed)
        .map(|(_, _, why)| *why)
}
