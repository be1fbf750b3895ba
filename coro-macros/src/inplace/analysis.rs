//! What the in-place lowering needs to know of the body before printing it:
//! which bindings live in a slot (`held_across`), which of those are dead
//! at every point all the same (`dead_at_points`), and where each binding is
//! declared, named and possibly borrowed (`Positions`, for moving a local out
//! at its last use).

use std::collections::HashMap;

use syn::{BinOp, Member};

use super::Ctx;
use super::syntax::child_ctx;
use crate::ir::*;

/// Where things are in the body, in source order: for each expression the
/// range of positions it covers, for each binding where it is declared and
/// mentioned, and the ranges of the loops.
#[derive(Default)]
pub(super) struct Positions {
    next: usize,
    exprs: HashMap<usize, (usize, usize)>,
    declared: HashMap<BindingId, usize>,
    mentions: HashMap<BindingId, Vec<usize>>,
    /// Mentions that may borrow the binding (a place context, or code kept
    /// as written).
    places: HashMap<BindingId, Vec<usize>>,
    loops: Vec<(usize, usize)>,
}

impl Positions {
    pub(super) fn of(body: &Body) -> Positions {
        let mut p = Positions::default();
        p.block(&body.block);
        p
    }

    fn tick(&mut self) -> usize {
        self.next += 1;
        self.next
    }

    fn declare(&mut self, pat: &Pattern) {
        let at = self.tick();
        for &b in &pat.bindings {
            self.declared.insert(b, at);
        }
    }

    fn mention(&mut self, b: BindingId, ctx: Ctx) {
        let at = self.tick();
        self.mentions.entry(b).or_default().push(at);
        if ctx == Ctx::Place {
            self.places.entry(b).or_default().push(at);
        }
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stmts {
            match s {
                Stmt::Let(local) => {
                    if let Some(init) = &local.init {
                        let simple = matches!(&local.pat.pat,
                            syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none());
                        self.expr(init, if simple { Ctx::Value } else { Ctx::Place });
                    }
                    if let Some(d) = &local.diverge {
                        self.block(d);
                    }
                    self.declare(&local.pat);
                }
                Stmt::Expr { expr, .. } => self.expr(expr, Ctx::Value),
                Stmt::Item => {}
            }
        }
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) {
        let begin = self.tick();
        match &e.kind {
            ExprKind::Local(b) => self.mention(*b, ctx),
            ExprKind::Opaque(_, mentions) => mentions
                .iter()
                .for_each(|m| self.mention(m.binding, Ctx::Place)),
            ExprKind::Macro(m) => {
                m.implicit
                    .iter()
                    .for_each(|m| self.mention(m.binding, Ctx::Place));
                for (i, c) in e.children().into_iter().enumerate() {
                    self.expr(c, child_ctx(e, i));
                }
            }
            ExprKind::Block { block, .. } => self.block(block),
            ExprKind::Loop { body, .. } => self.block(body),
            ExprKind::While { cond, body, .. } => {
                self.expr(cond, Ctx::Value);
                self.block(body);
            }
            ExprKind::For {
                pat, iter, body, ..
            } => {
                self.expr(iter, Ctx::Value);
                self.declare(pat);
                self.block(body);
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond, Ctx::Value);
                self.block(then);
                if let Some(o) = otherwise {
                    self.expr(o, Ctx::Value);
                }
            }
            ExprKind::Let { pat, expr } => {
                self.expr(expr, Ctx::Place);
                self.declare(pat);
            }
            ExprKind::Match { scrutinee, arms } => {
                self.expr(scrutinee, Ctx::Place);
                for arm in arms {
                    self.declare(&arm.pat);
                    if let Some(g) = &arm.guard {
                        self.expr(g, Ctx::Value);
                    }
                    self.expr(&arm.body, Ctx::Value);
                }
            }
            ExprKind::Paren(x) => self.expr(x, ctx),
            _ => {
                for (i, c) in e.children().into_iter().enumerate() {
                    self.expr(c, child_ctx(e, i));
                }
            }
        }
        let end = self.tick();
        if matches!(
            e.kind,
            ExprKind::Loop { .. } | ExprKind::While { .. } | ExprKind::For { .. }
        ) {
            self.loops.push((begin, end));
        }
        self.exprs.insert(e.id, (begin, end));
    }

    /// Whether no mention of `b` comes after expression `e` (`e` itself
    /// may be one), in source order.
    pub(super) fn named_last_at(&self, b: BindingId, e: &Expr) -> bool {
        let Some(&(_, end)) = self.exprs.get(&e.id) else {
            return false;
        };
        self.mentions
            .get(&b)
            .is_none_or(|m| m.iter().all(|&at| at <= end))
    }

    /// Whether `e` is the last use of `b` and nothing borrows `b` there:
    /// nothing after it names `b`, no loop around it (inside `b`'s scope)
    /// comes back to it, and no use elsewhere could have borrowed it (a
    /// reference into `b` taken before would dangle once `b` is moved out
    /// whole).
    pub(super) fn last_use(&self, b: BindingId, e: &Expr) -> bool {
        let Some(&(begin, end)) = self.exprs.get(&e.id) else {
            return false;
        };
        let declared = self.declared.get(&b).copied().unwrap_or(0);
        let later = self
            .mentions
            .get(&b)
            .is_some_and(|m| m.iter().any(|&at| at > end));
        let looped = self
            .loops
            .iter()
            .any(|&(lb, le)| lb < begin && end <= le && declared < lb);
        let borrowed = self
            .places
            .get(&b)
            .is_some_and(|p| p.iter().any(|&at| at < begin || at > end));
        !later && !looped && !borrowed
    }
}

/// The bindings declared `let f = |..| ..;` (a closure literal without
/// `move`, to a plain name): such a closure owns nothing with drop glue
/// unless it consumes it (it captures by reference, or moves in a value
/// its body consumes, which makes it `FnOnce`), so calling it by value at
/// its last use drops nothing earlier than rustc would.
pub(super) fn closure_bindings(body: &Body) -> Vec<bool> {
    let mut out = vec![false; body.bindings.len()];
    let mut scan = |b: &Block| {
        for s in &b.stmts {
            let Stmt::Let(local) = s else { continue };
            let (Some(init), [id]) = (&local.init, &local.pat.bindings[..]) else {
                continue;
            };
            let plain = matches!(&local.pat.pat, syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none());
            let closure = matches!(&init.kind, ExprKind::Opaque(tokens, _)
                if matches!(tokens.clone().into_iter().next(),
                    Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '|'));
            if plain && closure {
                out[*id] = true;
            }
        }
    };
    scan(&body.block);
    visit_all(body, &mut |x| {
        if let Some(b) = block_of(x) {
            scan(b);
        }
    });
    out
}

/// Calls `f` on every expression of the body (see [`Expr::visit`]).
fn visit_all(body: &Body, f: &mut dyn FnMut(&Expr)) {
    for s in &body.block.stmts {
        for e in s.exprs() {
            e.visit(f);
        }
    }
}

/// The block of statements directly in `e`: a block's, a loop's, an `if`'s
/// first branch (its `else` is an expression of its own).
fn block_of(e: &Expr) -> Option<&Block> {
    match &e.kind {
        ExprKind::Block { block: b, .. }
        | ExprKind::Loop { body: b, .. }
        | ExprKind::While { body: b, .. }
        | ExprKind::For { body: b, .. }
        | ExprKind::If { then: b, .. } => Some(b),
        _ => None,
    }
}

/// Whether a pattern binds something by value (`x`, `Some(x)`, not
/// `ref x` or `_`): matching it may move out of the scrutinee.
pub(super) fn binds_by_value(pat: &syn::Pat) -> bool {
    let mut out = Vec::new();
    crate::lower::pattern_bindings(pat, &mut out);
    out.iter().any(|(_, _, by_ref)| !by_ref)
}

/// Which bindings live in a slot: those with a suspension point after
/// their declaration in their scope (a later statement of the block, the
/// body of the arm or `if let` that binds them). For each, the first such
/// point in source order, which a `Send` error names as the one that holds
/// the binding.
pub(super) fn held_across(body: &Body) -> Vec<Option<PointId>> {
    let mut held = vec![None; body.bindings.len()];
    mark_block(&body.block, &mut held);
    for s in &body.block.stmts {
        for e in s.exprs() {
            e.visit(&mut |x| mark(x, &mut held));
        }
    }
    held
}

/// The first suspension point of `exprs`, in source order (an `.await`'s
/// operand runs before it).
fn first_point<'e>(exprs: impl IntoIterator<Item = &'e Expr>) -> Option<PointId> {
    exprs.into_iter().find_map(|e| match &e.kind {
        ExprKind::Suspend(p) => Some(*p),
        ExprKind::Await(p, operand) => first_point([&**operand]).or(Some(*p)),
        _ => first_point(e.nested()),
    })
}

fn block_exprs(stmts: &[Stmt]) -> impl Iterator<Item = &Expr> {
    stmts.iter().flat_map(Stmt::exprs)
}

fn mark(e: &Expr, held: &mut [Option<PointId>]) {
    let mut bind = |ids: &[BindingId], point: Option<PointId>| {
        for &id in ids {
            held[id] = held[id].or(point);
        }
    };
    match &e.kind {
        ExprKind::If { cond, then, .. } => {
            if let ExprKind::Let { pat, .. } = &cond.kind {
                bind(&pat.bindings, first_point(block_exprs(&then.stmts)));
            } else {
                let mut chained = Vec::new();
                chain_bindings(cond, &mut chained);
                let point =
                    first_point([&**cond]).or_else(|| first_point(block_exprs(&then.stmts)));
                bind(&chained, point);
            }
            mark_block(then, held);
        }
        ExprKind::Match { arms, .. } => {
            for arm in arms {
                bind(&arm.pat.bindings, first_point([&*arm.body]));
            }
        }
        ExprKind::Block { block: b, .. }
        | ExprKind::Loop { body: b, .. }
        | ExprKind::While { body: b, .. }
        | ExprKind::For { body: b, .. } => mark_block(b, held),
        _ => {}
    }
}

/// Marks the `let`s of `b` followed by a statement that suspends (and
/// those of the `else` blocks of its `let .. else`s).
fn mark_block(b: &Block, held: &mut [Option<PointId>]) {
    for (i, s) in b.stmts.iter().enumerate() {
        if let Stmt::Let(local) = s {
            if let Some(point) = first_point(block_exprs(&b.stmts[i + 1..])) {
                for &id in &local.pat.bindings {
                    held[id] = held[id].or(Some(point));
                }
            }
            if let Some(d) = &local.diverge {
                mark_block(d, held);
            }
        }
    }
}

/// Which of the bindings `held` across a point are dead at every point
/// all the same: named last by a use that moves (or copies) the whole
/// value out, reached unconditionally before the first point after the
/// declaration (`for i in 0..n { suspend!(i) }`, `let req = make();
/// log(&req); send(req).await`), and never assigned (`x = f(x)` would
/// make it live again after that use). Whatever its type, no value of
/// such a binding is left when the frame suspends: a moved value has gone,
/// a copied one has no drop glue, and the check copy's borrow check
/// rejects a use after the move. It needs a slot, for the early exits
/// between its declaration and that use, which drop it by its flag, but
/// not in the frame: it gets one on the body's stack, as rustc keeps such
/// a local out of the future. A binding with fields moved out of it
/// (`moved`) keeps its frame slot.
pub(super) fn dead_at_points(
    body: &Body,
    held: &[Option<PointId>],
    positions: &Positions,
    moved: &HashMap<BindingId, Vec<Vec<Member>>>,
) -> Vec<bool> {
    let mut dead = vec![false; body.bindings.len()];
    let assigned = assigned(body);
    let mut check = |ids: &[BindingId], after: Walked<'_>| {
        for &b in ids {
            if held[b].is_none() || moved.contains_key(&b) || assigned[b] {
                continue;
            }
            if let Walk::Moved(at) = after.walk(b) {
                dead[b] = positions.named_last_at(b, at);
            }
        }
    };
    let in_block = |block: &Block, check: &mut dyn FnMut(&[BindingId], Walked<'_>)| {
        for (i, s) in block.stmts.iter().enumerate() {
            if let Stmt::Let(local) = s {
                if !local.diverge.as_ref().is_some_and(Block::contains_point) {
                    check(&local.pat.bindings, Walked::Stmts(&block.stmts[i + 1..]));
                }
            }
        }
    };
    in_block(&body.block, &mut check);
    visit_all(body, &mut |x| {
        if let Some(b) = block_of(x) {
            in_block(b, &mut check);
        }
        match &x.kind {
            ExprKind::If { cond, then, .. } => {
                if let ExprKind::Let { pat, .. } = &cond.kind {
                    check(&pat.bindings, Walked::Stmts(&then.stmts));
                }
            }
            ExprKind::Match { arms, .. } => {
                for arm in arms.iter().filter(|arm| arm.guard.is_none()) {
                    let after = match &arm.body.kind {
                        ExprKind::Block {
                            label: None, block, ..
                        } => Walked::Stmts(&block.stmts),
                        _ => Walked::Value(&arm.body),
                    };
                    check(&arm.pat.bindings, after);
                }
            }
            _ => {}
        }
    });
    dead
}

/// What runs after a declaration, in its scope: the rest of a block, or
/// an arm's value.
#[derive(Clone, Copy)]
enum Walked<'a> {
    Stmts(&'a [Stmt]),
    Value(&'a Expr),
}

/// The bindings a plain assignment (`x = ..`) gives a new value. (The
/// order of mentions already puts the place of `x = f(x)` after the move,
/// since `Positions` visits an assignment's value first; this does not
/// depend on it.)
fn assigned(body: &Body) -> Vec<bool> {
    let mut out = vec![false; body.bindings.len()];
    let mut mark = |e: &Expr| {
        if let ExprKind::Assign(place, _) = &e.kind {
            let mut place = &**place;
            while let ExprKind::Paren(x) = &place.kind {
                place = x;
            }
            if let ExprKind::Local(b) = place.kind {
                out[b] = true;
            }
        }
    };
    visit_all(body, &mut mark);
    out
}

/// How far a walk in evaluation order got (see [`Walked::walk`]).
#[derive(Clone, Copy)]
enum Walk<'e> {
    /// It found a use that moves the binding out.
    Moved(&'e Expr),
    /// It reached a suspension point first, or code that may or may not
    /// run and holds one.
    Point,
    /// Neither, yet.
    On,
}

impl<'a> Walked<'a> {
    /// Walks in evaluation order, through what runs unconditionally, to the
    /// first suspension point: whether a use moving `b` out comes first.
    fn walk(self, b: BindingId) -> Walk<'a> {
        match self {
            Walked::Value(e) => walk(e, b, true),
            Walked::Stmts(stmts) => {
                for s in stmts {
                    let w = match s {
                        Stmt::Let(local) => {
                            let moves = matches!(&local.pat.pat,
                                syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none());
                            let w = local.init.as_ref().map_or(Walk::On, |e| walk(e, b, moves));
                            match w {
                                Walk::On
                                    if local
                                        .diverge
                                        .as_ref()
                                        .is_some_and(Block::contains_point) =>
                                {
                                    Walk::Point
                                }
                                w => w,
                            }
                        }
                        Stmt::Expr { expr, .. } => walk(expr, b, true),
                        Stmt::Item => Walk::On,
                    };
                    if !matches!(w, Walk::On) {
                        return w;
                    }
                }
                Walk::On
            }
        }
    }
}

/// Walks `parts` in order (see [`walk`]), each used by value or not.
fn walk_seq<'e>(parts: &mut dyn Iterator<Item = (&'e Expr, bool)>, b: BindingId) -> Walk<'e> {
    for (x, moves) in parts {
        let w = walk(x, b, moves);
        if !matches!(w, Walk::On) {
            return w;
        }
    }
    Walk::On
}

/// Walks `e` (see [`Walked::walk`]); `moves`: `e` is used by value.
fn walk<'e>(e: &'e Expr, b: BindingId, moves: bool) -> Walk<'e> {
    use ExprKind as K;
    let seq =
        |parts: &mut dyn Iterator<Item = (&'e Expr, bool)>| -> Walk<'e> { walk_seq(parts, b) };
    // What may or may not run, or is not looked into: passed over unless a
    // point is inside.
    let skip = || {
        if e.contains_point() {
            Walk::Point
        } else {
            Walk::On
        }
    };
    match &e.kind {
        K::Local(x) if *x == b && moves => Walk::Moved(e),
        K::Suspend(_) => Walk::Point,
        // The operand (the child, the value yielded) is evaluated and
        // moved, then the frame suspends.
        K::Await(_, operand) => match walk(operand, b, true) {
            Walk::Moved(at) => Walk::Moved(at),
            _ => Walk::Point,
        },
        K::Call(f, args) => {
            seq(&mut std::iter::once((&**f, false)).chain(args.iter().map(|a| (a, true))))
        }
        K::MethodCall { receiver, args, .. } => {
            seq(&mut std::iter::once((&**receiver, false)).chain(args.iter().map(|a| (a, true))))
        }
        K::Unary(syn::UnOp::Deref(_), x) | K::Ref { expr: x, .. } | K::Field(x, _) => {
            walk(x, b, false)
        }
        K::Unary(_, x) | K::Cast(x, _) | K::Try(x) | K::Repeat(x, _) => walk(x, b, true),
        K::Paren(x) => walk(x, b, moves),
        K::Binary(l, BinOp::And(_) | BinOp::Or(_), r) => match walk(l, b, true) {
            Walk::On if r.contains_point() => Walk::Point,
            w => w,
        },
        K::Binary(l, op, r) if super::syntax::is_comparison(op) => {
            seq(&mut [(&**l, false), (&**r, false)].into_iter())
        }
        // An assignment's order depends on its operands' types: looked
        // into only where no point is inside.
        K::Binary(l, op, r) if super::syntax::is_compound_assignment(op) => match skip() {
            Walk::On => seq(&mut [(&**l, false), (&**r, true)].into_iter()),
            w => w,
        },
        K::Assign(place, value) => match skip() {
            Walk::On => seq(&mut [(&**value, true), (&**place, false)].into_iter()),
            w => w,
        },
        K::Binary(l, _, r) | K::Index(l, r) => {
            let left_moves = !matches!(e.kind, K::Index(..));
            seq(&mut [(&**l, left_moves), (&**r, true)].into_iter())
        }
        K::Tuple(xs) | K::Array(xs) => seq(&mut xs.iter().map(|x| (x, true))),
        K::Struct { fields, rest, .. } => seq(&mut fields
            .iter()
            .map(|f| (&f.expr, true))
            .chain(rest.iter().map(|r| (&**r, false)))),
        K::Range { start, end, .. } => {
            seq(&mut start.iter().chain(end.iter()).map(|x| (&**x, true)))
        }
        // A block runs its statements in order (an early exit leaves the
        // scope: the guard drops what is left); a label lets a `break`
        // skip the rest.
        K::Block {
            label: None, block, ..
        } => Walked::Stmts(&block.stmts).walk(b),
        // The scrutinee or condition runs, then one branch or arm of
        // several, or none.
        K::Match { scrutinee, arms } => match walk(scrutinee, b, false) {
            Walk::On if arms.iter().any(|a| a.body.contains_point()) => Walk::Point,
            Walk::On
                if arms
                    .iter()
                    .flat_map(|a| &a.guard)
                    .any(|g| g.contains_point()) =>
            {
                Walk::Point
            }
            w => w,
        },
        K::If {
            cond,
            then,
            otherwise,
        } => match walk(cond, b, true) {
            Walk::On
                if then.contains_point()
                    || otherwise.as_ref().is_some_and(|o| o.contains_point()) =>
            {
                Walk::Point
            }
            w => w,
        },
        K::Let { expr, .. } => walk(expr, b, false),
        _ => skip(),
    }
}

/// The bindings of the `let`s of a let chain (`let a = x && let Some(b) = y`).
pub(super) fn chain_bindings(e: &Expr, out: &mut Vec<BindingId>) {
    match &e.kind {
        ExprKind::Let { pat, .. } => out.extend(&pat.bindings),
        ExprKind::Binary(l, BinOp::And(_), r) => {
            chain_bindings(l, out);
            chain_bindings(r, out);
        }
        ExprKind::Paren(x) => chain_bindings(x, out),
        _ => {}
    }
}

/// The fields moved out of each resident binding (`let a = s.x;`,
/// `f(s.x)`, `s.x` as a statement or a tail): a field chain on the binding
/// in a value context. (A `Copy` field read this way is found too; moving
/// it is reading it.) A binding with one path inside another (`s.a` and
/// `s.a.b`) is left out: what is left of it could not be dropped by
/// flags, so its fields keep the rules for a whole value.
pub(super) fn field_moves(body: &Body, resident: &[bool]) -> HashMap<BindingId, Vec<Vec<Member>>> {
    let mut out: HashMap<BindingId, Vec<Vec<Member>>> = HashMap::new();
    let mut found = |e: &Expr| {
        let Some((b, path)) = field_path(e) else {
            return;
        };
        if resident[b] {
            let paths = out.entry(b).or_default();
            if !paths.contains(&path) {
                paths.push(path);
            }
        }
    };
    let stmts = |b: &Block, found: &mut dyn FnMut(&Expr)| {
        for s in &b.stmts {
            match s {
                Stmt::Let(local) => {
                    let simple = matches!(&local.pat.pat, syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none());
                    if let (true, Some(init)) = (simple, &local.init) {
                        found(init);
                    }
                }
                Stmt::Expr { expr, .. } => found(expr),
                Stmt::Item => {}
            }
        }
    };
    stmts(&body.block, &mut found);
    for s in &body.block.stmts {
        for e in s.exprs() {
            e.visit(&mut |e| {
                match &e.kind {
                    ExprKind::Block { block, .. } | ExprKind::Loop { body: block, .. } => {
                        stmts(block, &mut found)
                    }
                    ExprKind::If { then, .. } => stmts(then, &mut found),
                    _ => {}
                }
                for (i, c) in e.children().into_iter().enumerate() {
                    if child_ctx(e, i) == Ctx::Value {
                        found(c);
                    }
                }
            });
        }
    }
    out.retain(|_, paths| {
        !paths.iter().any(|p| {
            paths
                .iter()
                .any(|q| q.len() > p.len() && q[..p.len()] == p[..])
        })
    });
    out
}

/// `x.a.b` as `(x, [a, b])`: a chain of fields on a local.
pub(super) fn field_path(e: &Expr) -> Option<(BindingId, Vec<Member>)> {
    let ExprKind::Field(base, member) = &e.kind else {
        return None;
    };
    let mut base: &Expr = base;
    let mut path = vec![member.clone()];
    loop {
        match &base.kind {
            ExprKind::Field(inner, m) => {
                path.push(m.clone());
                base = inner;
            }
            ExprKind::Local(b) => {
                path.reverse();
                return Some((*b, path));
            }
            _ => return None,
        }
    }
}
