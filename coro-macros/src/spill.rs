//! Phase 3b: normalize expressions that suspend in the middle.
//!
//! In `f(g(), h().await)`, `g()` is evaluated before the suspension point
//! and its value is needed after it. The continuation after the point must
//! not evaluate `g()` again, so its value is *spilled*: bound to a local
//! that lives across the point like any other.
//!
//! ```text
//! f(g(), h().await)   ==>   { let mut __t1 = g(); f(__t1, h().await) }
//! ```
//!
//! The rules, for every node on the way from a statement down to a
//! suspension point, in evaluation order:
//!
//! - an operand evaluated before the child that suspends is spilled, unless
//!   evaluating it again gives the same thing: a literal, a path, a closure,
//!   a borrow of a place (`&v`, re-borrowed after the point, never held
//!   across it), or a place used as a place (a method receiver, the operand
//!   of a comparison or of a formatting macro);
//! - a temporary that Rust keeps until the end of the statement (an rvalue
//!   method receiver, `&rvalue`, the scrutinee's temporaries of a `match`
//!   whose arms suspend) is *materialized*: bound to a local first, so that
//!   it too lives across the point and drops at the end of the statement;
//! - the bindings go into a block around the statement's temporary scope
//!   (the statement, an `if` condition, a match arm, the right side of `&&`
//!   and `||`), so they drop where the temporaries would have.

use proc_macro2::Span;
use syn::BinOp;

use crate::ir::*;

/// Normalizes `body`; `temps` is the counter for generated names.
pub fn normalize(mut body: Body, temps: usize) -> Body {
    let mut n = Normalizer {
        bindings: &mut body.bindings,
        temps,
    };
    n.block(&mut body.block);
    body
}

/// How an operand is used by its parent.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ctx {
    /// Its value is moved or copied into the parent.
    Value,
    /// It is used as a place: borrowed, or read through.
    Place,
}

struct Normalizer<'a> {
    bindings: &'a mut Vec<Binding>,
    temps: usize,
}

impl Normalizer<'_> {
    fn block(&mut self, block: &mut Block) {
        for stmt in &mut block.stmts {
            self.stmt(stmt);
        }
    }

    fn stmt(&mut self, stmt: &mut Stmt) {
        match stmt {
            Stmt::Let(local) => {
                if let Some(init) = &mut local.init {
                    let mut lets = Vec::new();
                    self.ts(init, &mut lets);
                    if !lets.is_empty() {
                        let inner = take(init);
                        let wrapped = self.wrap(lets, inner);
                        *init = if local.diverge.is_some() {
                            // `let P = ({ .. }) else { .. }`: a let-else
                            // initializer cannot end with `}`.
                            Expr::new(ExprKind::Paren(Box::new(wrapped)), Span::mixed_site())
                        } else {
                            wrapped
                        };
                    }
                }
                if let Some(diverge) = &mut local.diverge {
                    self.block(diverge);
                }
            }
            Stmt::Expr { expr, .. } => self.own_ts(expr),
            Stmt::Item(_) => {}
        }
    }

    /// Normalizes `e` as a temporary scope of its own.
    fn own_ts(&mut self, e: &mut Expr) {
        let mut lets = Vec::new();
        self.ts(e, &mut lets);
        if !lets.is_empty() {
            let inner = take(e);
            *e = self.wrap(lets, inner);
        }
    }

    /// `{ lets; let __v = e; __v }`: the block of spilled values, whose
    /// tail's temporaries drop before them (in every edition), unless the
    /// tail's temporaries are extended.
    fn wrap(&mut self, mut lets: Vec<Stmt>, e: Expr) -> Expr {
        let span = e.span;
        if extends_temporaries(&e) {
            lets.push(Stmt::Expr {
                expr: e,
                semi: false,
            });
        } else {
            let id = self.new_temp();
            self.bindings[id].mutable = false;
            let ident = self.bindings[id].ident.clone();
            lets.push(Stmt::Let(Local {
                attrs: Vec::new(),
                pat: Pattern {
                    pat: syn::parse_quote!(#ident),
                    bindings: vec![id],
                },
                init: Some(e),
                diverge: None,
                span,
            }));
            lets.push(Stmt::Expr {
                expr: Expr::new(ExprKind::Local(id), span),
                semi: false,
            });
        }
        Expr::new(
            ExprKind::Block {
                label: None,
                unsafety: false,
                block: Block { stmts: lets, span },
            },
            span,
        )
    }

    fn new_temp(&mut self) -> BindingId {
        self.temps += 1;
        let ident = syn::Ident::new(&format!("__t{}", self.temps), Span::mixed_site());
        self.bindings.push(Binding {
            ident,
            mutable: true,
            known: Known::Unknown,
            rederive: None,
            rederive_group: None,
            ty: None,
        });
        self.bindings.len() - 1
    }

    /// Binds `e` to a new local (pushed to `lets`) and replaces it by a use
    /// of it.
    fn spill(&mut self, e: &mut Expr, lets: &mut Vec<Stmt>) {
        let id = self.new_temp();
        let span = e.span;
        let ident = self.bindings[id].ident.clone();
        let value = std::mem::replace(e, Expr::new(ExprKind::Local(id), span));
        lets.push(Stmt::Let(Local {
            attrs: Vec::new(),
            pat: Pattern {
                pat: syn::parse_quote!(mut #ident),
                bindings: vec![id],
            },
            init: Some(value),
            diverge: None,
            span,
        }));
    }

    /// Normalizes an expression within a temporary scope whose spills go to
    /// `lets`.
    fn ts(&mut self, e: &mut Expr, lets: &mut Vec<Stmt>) {
        if !e.contains_point() {
            return;
        }
        match &mut e.kind {
            ExprKind::Suspend(_) => {}
            ExprKind::Await(_, operand) => {
                if operand.contains_point() {
                    self.ts(operand, lets);
                } else {
                    self.materialize(operand, lets);
                }
            }
            ExprKind::Block { block, .. } | ExprKind::Loop { body: block, .. } => self.block(block),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                if has_let(cond) {
                    // The scrutinees of `if let` live until the end of the
                    // `if`: their temporaries belong to the enclosing scope.
                    self.ts(cond, lets);
                    if then.contains_point()
                        || otherwise.as_ref().is_some_and(|o| o.contains_point())
                    {
                        self.materialize_lets(cond, lets);
                    }
                } else {
                    self.own_ts(cond);
                }
                self.block(then);
                if let Some(otherwise) = otherwise {
                    self.own_ts(otherwise);
                }
            }
            ExprKind::Let { expr, .. } => {
                if expr.contains_point() {
                    self.ts(expr, lets);
                }
            }
            ExprKind::Match { scrutinee, arms } => {
                if scrutinee.contains_point() {
                    self.ts(scrutinee, lets);
                } else {
                    self.materialize(scrutinee, lets);
                }
                for arm in arms {
                    self.own_ts(&mut arm.body);
                }
            }
            ExprKind::Binary(left, BinOp::And(_) | BinOp::Or(_), right) => {
                // The right side is evaluated only when the left allows it;
                // the left's value is not needed after a point in the right.
                self.ts(left, lets);
                if matches!(right.kind, ExprKind::Let { .. }) {
                    self.ts(right, lets);
                } else {
                    self.own_ts(right);
                }
            }
            _ => {
                let mut operands = operands_mut(e);
                let Some(last) = operands.iter().rposition(|(o, _)| o.contains_point()) else {
                    return;
                };
                let mut rest = operands.split_off(last);
                // Whether everything evaluated before the suspending operand
                // is a constant. Otherwise that operand is spilled too, so
                // that the suspension happens in a statement of its own,
                // before any local of this expression is borrowed or moved.
                let mut only_constants = true;
                for (operand, ctx) in operands {
                    if operand.contains_point() {
                        self.ts(operand, lets);
                        self.spill(operand, lets);
                    } else if ctx == Ctx::Place && is_place(operand) {
                        // A place stays a place: only the values it is
                        // computed from are spilled.
                        self.settle_place(operand, lets);
                    } else if !trivial(operand, ctx) {
                        self.materialize(operand, lets);
                        if !trivial(operand, ctx) {
                            self.spill(operand, lets);
                        }
                    }
                    if !matches!(operand.kind, ExprKind::Atom(_)) {
                        only_constants = false;
                    }
                }
                let (suspending, ctx) = &mut rest[0];
                self.ts(suspending, lets);
                // An rvalue used as a place (`make().await.name()`) is a
                // temporary that lives to the end of the statement.
                let temporary = *ctx == Ctx::Place
                    && !is_place(suspending)
                    && !is_control_flow(suspending)
                    && !matches!(suspending.kind, ExprKind::MethodCall { .. });
                if !only_constants || temporary {
                    self.spill(suspending, lets);
                }
            }
        }
    }

    /// Binds the temporaries Rust would keep until the end of the statement
    /// (rvalues used as places) to locals pushed to `lets`, in evaluation
    /// order. Does not look into nested temporary scopes.
    fn materialize(&mut self, e: &mut Expr, lets: &mut Vec<Stmt>) {
        if is_control_flow(e) {
            return;
        }
        let is_ref = matches!(e.kind, ExprKind::Ref { .. });
        for (operand, ctx) in operands_mut(e) {
            self.materialize(operand, lets);
            // A method's result used as a place often borrows the method's
            // receiver (`v.name().len()`): kept as a temporary, not held
            // across the point. The operand of `&` must be materialized,
            // or the borrow could not be re-derived.
            let borrows_receiver = matches!(operand.kind, ExprKind::MethodCall { .. }) && !is_ref;
            if ctx == Ctx::Place && is_place(operand) {
                self.settle_place(operand, lets);
            } else if ctx == Ctx::Place
                && !trivial(operand, Ctx::Place)
                && !is_control_flow(operand)
                && !borrows_receiver
            {
                self.spill(operand, lets);
            }
        }
    }

    /// Makes a place safe to evaluate again after a suspension point: the
    /// index expressions in it are spilled (a place is never moved into a
    /// temporary: that would move out of it, or copy what should be
    /// updated).
    fn settle_place(&mut self, e: &mut Expr, lets: &mut Vec<Stmt>) {
        match &mut e.kind {
            ExprKind::Field(base, _) | ExprKind::Paren(base) => self.settle_place(base, lets),
            ExprKind::Unary(syn::UnOp::Deref(_), base) if is_place(base) => {
                self.settle_place(base, lets);
            }
            ExprKind::Index(base, index) => {
                self.settle_place(base, lets);
                if !trivial(index, Ctx::Value)
                    && !matches!(index.kind, ExprKind::Local(_) | ExprKind::Range { .. })
                {
                    self.materialize(index, lets);
                    self.spill(index, lets);
                }
            }
            _ => {}
        }
    }

    fn materialize_lets(&mut self, cond: &mut Expr, lets: &mut Vec<Stmt>) {
        match &mut cond.kind {
            ExprKind::Let { expr, .. } => self.materialize(expr, lets),
            ExprKind::Binary(left, BinOp::And(_), right) => {
                self.materialize_lets(left, lets);
                self.materialize_lets(right, lets);
            }
            ExprKind::Paren(inner) => self.materialize_lets(inner, lets),
            _ => {}
        }
    }
}

fn take(e: &mut Expr) -> Expr {
    std::mem::replace(e, Expr::new(ExprKind::Tuple(Vec::new()), e.span))
}

/// Whether temporaries of `e` in a `let` initializer or a block tail are
/// extended (`&temp`, also inside a tuple, array or struct literal).
fn extends_temporaries(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Ref { .. } => true,
        ExprKind::Paren(x) | ExprKind::Cast(x, _) => extends_temporaries(x),
        ExprKind::Tuple(es) | ExprKind::Array(es) => es.iter().any(extends_temporaries),
        ExprKind::Struct { fields, .. } => fields.iter().any(|f| extends_temporaries(&f.expr)),
        _ => false,
    }
}

fn has_let(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Let { .. } => true,
        ExprKind::Binary(l, BinOp::And(_), r) => has_let(l) || has_let(r),
        ExprKind::Paren(inner) => has_let(inner),
        _ => false,
    }
}

fn is_control_flow(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Block { .. }
            | ExprKind::If { .. }
            | ExprKind::Match { .. }
            | ExprKind::Loop { .. }
            | ExprKind::While { .. }
            | ExprKind::For { .. }
            | ExprKind::Let { .. }
            | ExprKind::Binary(_, BinOp::And(_) | BinOp::Or(_), _)
    )
}

/// Whether `e` is a place expression.
pub fn is_place(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Local(_) | ExprKind::Atom(_) => true,
        ExprKind::Field(base, _) | ExprKind::Paren(base) => is_place(base),
        ExprKind::Index(base, _) => is_place(base),
        ExprKind::Unary(syn::UnOp::Deref(_), base) => is_place(base),
        _ => false,
    }
}

/// Whether evaluating `e` again after a suspension point, in context `ctx`,
/// is the same as keeping the value it had before.
pub fn trivial(e: &Expr, ctx: Ctx) -> bool {
    match &e.kind {
        ExprKind::Atom(_) => true,
        ExprKind::Opaque(tokens, _) => {
            // A closure is re-created; other opaque expressions are not.
            let first = tokens.clone().into_iter().next();
            matches!(&first, Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '|')
                || matches!(&first, Some(proc_macro2::TokenTree::Ident(i)) if i == "move")
        }
        ExprKind::Local(_) => ctx == Ctx::Place,
        ExprKind::Paren(inner) => trivial(inner, ctx),
        ExprKind::Field(base, _) => ctx == Ctx::Place && is_place(base),
        ExprKind::Index(base, index) => {
            ctx == Ctx::Place
                && is_place(base)
                && matches!(index.kind, ExprKind::Atom(_) | ExprKind::Local(_))
        }
        ExprKind::Unary(syn::UnOp::Deref(_), base) => ctx == Ctx::Place && is_place(base),
        ExprKind::Ref { expr, .. } => is_place(expr),
        _ => false,
    }
}

/// How a known macro uses its argument `i`.
pub fn macro_arg_ctx(kind: crate::known::MacroKind, i: usize) -> Ctx {
    use crate::known::MacroKind;
    match kind {
        // `assert!(cond, ..)`: the condition is a value.
        MacroKind::Format { assert: true, .. } if i == 0 => Ctx::Value,
        MacroKind::Vec => Ctx::Value,
        _ => Ctx::Place,
    }
}

pub(crate) fn is_comparison(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

pub(crate) fn is_compound_assignment(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// The operands of a non-control-flow expression, in evaluation order, with
/// how each is used.
fn operands_mut(e: &mut Expr) -> Vec<(&mut Expr, Ctx)> {
    use Ctx::*;
    let mut out: Vec<(&mut Expr, Ctx)> = Vec::new();
    match &mut e.kind {
        ExprKind::Unary(op, x) => {
            let ctx = if matches!(op, syn::UnOp::Deref(_)) {
                Place
            } else {
                Value
            };
            out.push((x, ctx));
        }
        ExprKind::Cast(x, _) | ExprKind::Try(x) | ExprKind::Repeat(x, _) => out.push((x, Value)),
        ExprKind::Await(_, x) => out.push((x, Value)),
        ExprKind::Ref { expr, .. } => out.push((expr, Place)),
        ExprKind::Field(base, _) => out.push((base, Place)),
        ExprKind::Paren(x) => out.push((x, Place)),
        ExprKind::Index(base, index) => {
            out.push((base, Place));
            out.push((index, Value));
        }
        ExprKind::Binary(l, op, r) => {
            if is_comparison(op) {
                out.push((l, Place));
                out.push((r, Place));
            } else if is_compound_assignment(op) {
                // The right side first, as rustc evaluates `place op= value`
                // for primitives.
                out.push((r, Value));
                out.push((l, Place));
            } else {
                out.push((l, Value));
                out.push((r, Value));
            }
        }
        ExprKind::Assign(place, value) => {
            out.push((value, Value));
            out.push((place, Place));
        }
        ExprKind::Call(func, args) => {
            out.push((func, Place));
            out.extend(args.iter_mut().map(|a| (a, Value)));
        }
        ExprKind::MethodCall { receiver, args, .. } => {
            out.push((receiver, Place));
            out.extend(args.iter_mut().map(|a| (a, Value)));
        }
        ExprKind::Tuple(es) | ExprKind::Array(es) => out.extend(es.iter_mut().map(|a| (a, Value))),
        ExprKind::Struct { fields, rest, .. } => {
            out.extend(fields.iter_mut().map(|f| (&mut f.expr, Value)));
            if let Some(rest) = rest {
                out.push((rest, Place));
            }
        }
        ExprKind::Range { start, end, .. } => {
            if let Some(s) = start {
                out.push((s, Value));
            }
            if let Some(s) = end {
                out.push((s, Value));
            }
        }
        ExprKind::Break { value, .. } | ExprKind::Return(value) => {
            if let Some(v) = value {
                out.push((v, Value));
            }
        }
        ExprKind::Macro(m) => {
            for (i, arg) in m.args.iter_mut().enumerate() {
                match arg {
                    MacroArg::Expr(x) | MacroArg::Named(_, x) => {
                        out.push((x, macro_arg_ctx(m.kind, i)))
                    }
                    MacroArg::Raw(_) => {}
                }
            }
        }
        ExprKind::Local(_)
        | ExprKind::Atom(_)
        | ExprKind::Opaque(..)
        | ExprKind::Suspend(_)
        | ExprKind::Continue(_)
        | ExprKind::Block { .. }
        | ExprKind::If { .. }
        | ExprKind::Let { .. }
        | ExprKind::Match { .. }
        | ExprKind::Loop { .. }
        | ExprKind::While { .. }
        | ExprKind::For { .. } => {}
    }
    out
}
