//! Phase 4a: drop flags for locals moved on some paths only.
//!
//! ```text
//! let s = D::new("s");
//! if c { drop(s); }
//! suspend!();       // is `s` alive here? rustc keeps a drop flag
//! ```
//!
//! The frame must keep `s` across the point exactly when it was not moved,
//! and drop it at the end of its scope. The macro cannot read rustc's drop
//! flag, so it makes one: an `Option` declared right after the local (so it
//! drops where the local would), into which every branch that did not move
//! the local moves it:
//!
//! ```text
//! let s = D::new("s");
//! let mut __flag1 = None;
//! if c { drop(s); } else { __flag1 = Some(s); }
//! suspend!();       // saves `__flag1`, always initialized
//! ```
//!
//! An assignment to the local afterwards drops the flag's value first, as
//! the assignment would have dropped the local's.

use proc_macro2::Span;
use quote::quote;

use crate::analyse::{Branch, Flag};
use crate::ir::*;

/// Inserts the flags; returns whether anything changed (the analysis must
/// then run again).
pub fn apply(body: &mut Body, flags: &[Flag]) -> bool {
    let mut changed = false;
    for flag in flags {
        let b = flag.binding;
        let ident = syn::Ident::new(&format!("__flag{b}"), Span::mixed_site());
        let flag_id = body.bindings.len();
        body.bindings.push(Binding {
            ident: ident.clone(),
            mutable: true,
            known: Known::Unknown,
            rederive: None,
            rederive_group: None,
            ty: None,
        });
        if !declare_after(&mut body.block, b, flag_id, &ident) {
            // Declared by a `match` arm or an `if let`: not supported, the
            // local is dropped early instead (see docs/how-it-works.md).
            body.bindings.pop();
            continue;
        }
        let mut t = Transform {
            bindings: &mut body.bindings,
            binding: b,
            flag: flag_id,
            branches: &flag.branches,
        };
        t.block(&mut body.block);
        changed = true;
    }
    changed
}

/// Inserts `let mut <flag> = None;` after the `let` that declares `b`.
fn declare_after(block: &mut Block, b: BindingId, flag: BindingId, ident: &syn::Ident) -> bool {
    let position = block.stmts.iter().position(|s| match s {
        Stmt::Let(local) => local.pat.bindings.contains(&b),
        _ => false,
    });
    if let Some(i) = position {
        let span = Span::mixed_site();
        block.stmts.insert(
            i + 1,
            Stmt::Let(Local {
                attrs: Vec::new(),
                pat: Pattern {
                    pat: syn::parse_quote!(mut #ident),
                    bindings: vec![flag],
                },
                init: Some(Expr::new(
                    ExprKind::Atom(quote!(::core::option::Option::None)),
                    span,
                )),
                diverge: None,
                span,
            }),
        );
        return true;
    }
    block.stmts.iter_mut().any(|stmt| match stmt {
        Stmt::Let(local) => {
            local
                .init
                .as_mut()
                .is_some_and(|e| declare_in_expr(e, b, flag, ident))
                || local
                    .diverge
                    .as_mut()
                    .is_some_and(|d| declare_after(d, b, flag, ident))
        }
        Stmt::Expr { expr, .. } => declare_in_expr(expr, b, flag, ident),
        Stmt::Item(_) => false,
    })
}

fn declare_in_expr(e: &mut Expr, b: BindingId, flag: BindingId, ident: &syn::Ident) -> bool {
    match &mut e.kind {
        ExprKind::Block { block, .. } | ExprKind::Loop { body: block, .. } => {
            declare_after(block, b, flag, ident)
        }
        ExprKind::While { body, .. } | ExprKind::For { body, .. } => {
            declare_after(body, b, flag, ident)
        }
        ExprKind::If {
            then, otherwise, ..
        } => {
            declare_after(then, b, flag, ident)
                || otherwise
                    .as_mut()
                    .is_some_and(|o| declare_in_expr(o, b, flag, ident))
        }
        ExprKind::Match { arms, .. } => arms
            .iter_mut()
            .any(|arm| declare_in_expr(&mut arm.body, b, flag, ident)),
        _ => false,
    }
}

/// Rewrites `l && r` / `l || r` into the equivalent `if`, keeping the id.
fn to_if(e: &mut Expr) {
    let span = e.span;
    let kind = std::mem::replace(&mut e.kind, ExprKind::Tuple(Vec::new()));
    let ExprKind::Binary(l, op, r) = kind else {
        unreachable!()
    };
    let block = |x: Expr| Block {
        stmts: vec![Stmt::Expr {
            expr: x,
            semi: false,
        }],
        span,
    };
    let constant = |b: bool| {
        Expr::new(
            ExprKind::Atom(if b { quote!(true) } else { quote!(false) }),
            span,
        )
    };
    let as_expr = |b: Block| {
        Box::new(Expr::new(
            ExprKind::Block {
                label: None,
                unsafety: false,
                block: b,
            },
            span,
        ))
    };
    e.kind = if matches!(op, syn::BinOp::And(_)) {
        ExprKind::If {
            cond: l,
            then: block(*r),
            otherwise: Some(as_expr(block(constant(false)))),
        }
    } else {
        ExprKind::If {
            cond: l,
            then: block(constant(true)),
            otherwise: Some(as_expr(block(*r))),
        }
    };
}

struct Transform<'a> {
    bindings: &'a mut Vec<Binding>,
    binding: BindingId,
    flag: BindingId,
    branches: &'a [(usize, Branch)],
}

impl Transform<'_> {
    fn local(&self, id: BindingId) -> Expr {
        Expr::new(ExprKind::Local(id), Span::mixed_site())
    }

    /// `<flag> = Some(<binding>)`.
    fn store(&self) -> Expr {
        let some = Expr::new(
            ExprKind::Atom(quote!(::core::option::Option::Some)),
            Span::mixed_site(),
        );
        Expr::new(
            ExprKind::Assign(
                Box::new(self.local(self.flag)),
                Box::new(Expr::new(
                    ExprKind::Call(Box::new(some), vec![self.local(self.binding)]),
                    Span::mixed_site(),
                )),
            ),
            Span::mixed_site(),
        )
    }

    fn temp(&mut self) -> BindingId {
        let ident = syn::Ident::new(
            &format!("__value{}", self.bindings.len()),
            Span::mixed_site(),
        );
        self.bindings.push(Binding {
            ident,
            mutable: false,
            known: Known::Unknown,
            rederive: None,
            rederive_group: None,
            ty: None,
        });
        self.bindings.len() - 1
    }

    /// `{ let __v = <e>; <extra>; __v }`.
    fn then_do(&mut self, e: Expr, extra: Expr) -> Expr {
        let v = self.temp();
        let ident = self.bindings[v].ident.clone();
        let span = e.span;
        Expr::new(
            ExprKind::Block {
                label: None,
                unsafety: false,
                block: Block {
                    stmts: vec![
                        Stmt::Let(Local {
                            attrs: Vec::new(),
                            pat: Pattern {
                                pat: syn::parse_quote!(#ident),
                                bindings: vec![v],
                            },
                            init: Some(e),
                            diverge: None,
                            span,
                        }),
                        Stmt::Expr {
                            expr: extra,
                            semi: true,
                        },
                        Stmt::Expr {
                            expr: self.local(v),
                            semi: false,
                        },
                    ],
                    span,
                },
            },
            span,
        )
    }

    /// Appends the store at the end of a block, keeping its value.
    fn append(&mut self, block: &mut Block) {
        let store = self.store();
        match block.stmts.pop() {
            Some(Stmt::Expr { expr, semi: false }) => {
                let tail = self.then_do(expr, store);
                block.stmts.push(Stmt::Expr {
                    expr: tail,
                    semi: false,
                });
            }
            other => {
                block.stmts.extend(other);
                block.stmts.push(Stmt::Expr {
                    expr: store,
                    semi: true,
                });
            }
        }
    }

    fn wants(&self, e: &Expr, branch: Branch) -> bool {
        self.branches.contains(&(e.id, branch))
    }

    fn block(&mut self, block: &mut Block) {
        for stmt in &mut block.stmts {
            match stmt {
                Stmt::Let(local) => {
                    if let Some(init) = &mut local.init {
                        self.expr(init);
                    }
                    if let Some(d) = &mut local.diverge {
                        self.block(d);
                    }
                }
                Stmt::Expr { expr, .. } => self.expr(expr),
                Stmt::Item(_) => {}
            }
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        let wants_then = self.wants(e, Branch::Then);
        let wants_else = self.wants(e, Branch::Else);
        let id = e.id;
        if (wants_then || wants_else)
            && matches!(
                e.kind,
                ExprKind::Binary(_, syn::BinOp::And(_) | syn::BinOp::Or(_), _)
            )
        {
            // `l && r` is `if l { r } else { false }`, `l || r` is
            // `if l { true } else { r }`: give the flag's store a branch.
            to_if(e);
        }
        match &mut e.kind {
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond);
                self.block(then);
                if let Some(o) = otherwise {
                    self.expr(o);
                }
                if wants_then {
                    self.append(then);
                }
                if wants_else {
                    let store = self.store();
                    let span = Span::mixed_site();
                    *otherwise = Some(Box::new(match otherwise.take() {
                        Some(o) => self.then_do(*o, store),
                        None => Expr::new(
                            ExprKind::Block {
                                label: None,
                                unsafety: false,
                                block: Block {
                                    stmts: vec![Stmt::Expr {
                                        expr: store,
                                        semi: true,
                                    }],
                                    span,
                                },
                            },
                            span,
                        ),
                    }));
                }
            }
            ExprKind::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                for (index, arm) in arms.iter_mut().enumerate() {
                    if let Some(g) = &mut arm.guard {
                        self.expr(g);
                    }
                    self.expr(&mut arm.body);
                    if self.branches.contains(&(id, Branch::Arm(index))) {
                        let store = self.store();
                        let body = std::mem::replace(&mut *arm.body, self.local(self.flag));
                        *arm.body = self.then_do(body, store);
                    }
                }
            }
            ExprKind::Assign(place, value) if matches!(place.kind, ExprKind::Local(b) if b == self.binding) =>
            {
                // `b = v` drops the old value, which may be in the flag:
                // `b = { let __v = v; <flag> = None; __v }`.
                self.expr(value);
                let none = Expr::new(
                    ExprKind::Assign(
                        Box::new(self.local(self.flag)),
                        Box::new(Expr::new(
                            ExprKind::Atom(quote!(::core::option::Option::None)),
                            Span::mixed_site(),
                        )),
                    ),
                    Span::mixed_site(),
                );
                let v = std::mem::replace(&mut **value, self.local(self.flag));
                **value = self.then_do(v, none);
            }
            ExprKind::Block { block, .. } | ExprKind::Loop { body: block, .. } => self.block(block),
            ExprKind::While { cond, body, .. } => {
                self.expr(cond);
                self.block(body);
            }
            ExprKind::For { iter, body, .. } => {
                self.expr(iter);
                self.block(body);
            }
            ExprKind::Let { expr, .. } => self.expr(expr),
            ExprKind::Macro(m) => {
                for arg in &mut m.args {
                    if let MacroArg::Expr(x) | MacroArg::Named(_, x) = arg {
                        self.expr(x);
                    }
                }
            }
            _ => {
                for child in crate::rename::children_mut(e) {
                    self.expr(child);
                }
            }
        }
    }
}
