//! Phase 3: lower the `syn` body to the IR (see `ir.rs`).
//!
//! - Resolves every use of a local variable to its binding, tracking scopes
//!   and shadowing.
//! - Numbers the suspension points in source order.
//! - Turns the parameters into `let` statements at the top of the body, in
//!   the order rustc's `async fn` lowering uses (last parameter first), so
//!   they drop in the same order.
//! - Desugars `while` and `for` loops that contain a suspension point into
//!   `loop`, exactly as rustc does, so the continuation after a suspension
//!   point inside them is an ordinary `loop`.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{FnArg, Pat, Signature};

use crate::diag::Errors;
use crate::ir::*;
use crate::known::{self, MacroKind};

/// The identifier the `self` parameter is renamed to: a closure cannot bind
/// `self`.
pub fn self_ident() -> syn::Ident {
    syn::Ident::new("__self", Span::mixed_site())
}

/// Lowers the parameters and the body of a coroutine fn.
pub fn lower(sig: &Signature, block: &syn::Block, krate: &syn::Path, errors: &Errors) -> Body {
    let mut l = Lowerer {
        errors,
        krate,
        bindings: Vec::new(),
        points: Vec::new(),
        scopes: vec![Vec::new()],
        self_binding: None,
        temps: 0,
        items: Vec::new(),
    };
    let mut stmts = Vec::new();

    // One `let` per parameter, in order, as rustc lowers an `async fn`: the
    // parameters drop after the body's locals, the last one first.
    for (index, param) in sig.inputs.iter().enumerate() {
        let arg = Expr::new(ExprKind::Atom(arg_tokens(index)), Span::mixed_site());
        match param {
            FnArg::Receiver(receiver) => {
                // `mut self` is a mutable binding; in `&mut self` the `mut`
                // belongs to the reference.
                let mutable = receiver.reference.is_none() && receiver.mutability.is_some();
                let id = l.new_binding(self_ident());
                set_declared(&mut l.bindings[id], &receiver.ty);
                l.self_binding = Some(id);
                l.declare_ids(&[id]);
                let pat: Pat = if mutable {
                    syn::parse_quote_spanned!(Span::mixed_site()=> mut __self)
                } else {
                    syn::parse_quote_spanned!(Span::mixed_site()=> __self)
                };
                stmts.push(Stmt::Let(Local {
                    attrs: Vec::new(),
                    pat: Pattern {
                        pat,
                        bindings: vec![id],
                    },
                    init: Some(arg),
                    diverge: None,
                    span: receiver.span(),
                }));
            }
            FnArg::Typed(typed) => {
                if let Pat::Ident(ident) = &*typed.pat {
                    if ident.subpat.is_none() && ident.by_ref.is_none() {
                        let pat = l.declare(&typed.pat);
                        set_declared(&mut l.bindings[pat.bindings[0]], &typed.ty);
                        stmts.push(Stmt::Let(Local {
                            attrs: Vec::new(),
                            pat,
                            init: Some(arg),
                            diverge: None,
                            span: typed.span(),
                        }));
                        continue;
                    }
                }
                // `let __argN = __argN; let <pattern> = __argN;`
                let holder = syn::Ident::new(&format!("__arg{index}"), Span::mixed_site());
                let id = l.new_binding(holder.clone());
                set_declared(&mut l.bindings[id], &typed.ty);
                l.declare_ids(&[id]);
                stmts.push(Stmt::Let(Local {
                    attrs: Vec::new(),
                    pat: Pattern {
                        // `mut`: a `ref mut` part of the pattern borrows
                        // the holder mutably.
                        pat: syn::parse_quote!(mut #holder),
                        bindings: vec![id],
                    },
                    init: Some(arg),
                    diverge: None,
                    span: typed.span(),
                }));
                // The parts a `_` leaves in the holder live until the end,
                // like the holder: bind them before the pattern, so they
                // are saved and dropped where rustc drops the holder.
                let mut paths = Vec::new();
                wildcard_fields(&typed.pat, TokenStream::new(), &mut paths);
                for path in paths {
                    let ident = l.temp_ident("__ignored");
                    let part = l.new_binding(ident.clone());
                    l.declare_ids(&[part]);
                    stmts.push(Stmt::Let(Local {
                        attrs: Vec::new(),
                        pat: Pattern {
                            pat: syn::parse_quote!(#ident),
                            bindings: vec![part],
                        },
                        init: Some(Expr::new(
                            ExprKind::Field(
                                Box::new(Expr::new(ExprKind::Local(id), typed.span())),
                                syn::parse2(path).expect("a tuple field path"),
                            ),
                            typed.span(),
                        )),
                        diverge: None,
                        span: typed.span(),
                    }));
                }
                let use_holder = Expr::new(ExprKind::Local(id), typed.span());
                let pat = l.declare(&typed.pat);
                stmts.push(Stmt::Let(Local {
                    attrs: Vec::new(),
                    pat,
                    init: Some(use_holder),
                    diverge: None,
                    span: typed.span(),
                }));
            }
        }
    }

    // `let __ret = { body }; __ret`: the body's tail temporaries drop before
    // the parameters, as rustc's `DropTemps` around an async fn body does.
    let user = l.block(block);
    let ret_ident = syn::Ident::new("__ret", Span::mixed_site());
    let ret = l.new_binding(ret_ident.clone());
    stmts.push(Stmt::Let(Local {
        attrs: Vec::new(),
        pat: Pattern {
            pat: syn::parse_quote!(#ret_ident),
            bindings: vec![ret],
        },
        init: Some(Expr::new(
            ExprKind::Block {
                label: None,
                unsafety: false,
                block: user,
            },
            block.span(),
        )),
        diverge: None,
        span: block.span(),
    }));
    // At the user's tail (or closing brace): a mismatch with the return
    // type is reported there, as for an `async fn`.
    let tail = match block.stmts.last() {
        Some(syn::Stmt::Expr(e, None)) => e.span(),
        _ => block.brace_token.span.close(),
    };
    // `return __ret`, not a tail `__ret`: the state machine runs in a
    // closure, where rustc adds "return type inferred" to a mismatch at a
    // tail, and not at a `return`; so both copies report the same error,
    // which rustc then shows once.
    let value = Expr::new(ExprKind::Local(ret), tail);
    stmts.push(Stmt::Expr {
        expr: Expr::new(ExprKind::Return(Some(Box::new(value))), tail),
        semi: false,
    });

    Body {
        block: Block {
            stmts,
            span: block.span(),
        },
        bindings: l.bindings,
        points: l.points,
        items: l.items,
        macro_paths: crate::validate::macro_paths(block),
    }
}

/// The field paths (`0`, `1.0`, ...) of the `_` parts of a tuple pattern.
/// Stops at anything whose fields it cannot name (a `..`, a struct or enum
/// pattern).
fn wildcard_fields(pat: &Pat, prefix: TokenStream, out: &mut Vec<TokenStream>) {
    match pat {
        Pat::Wild(_) if !prefix.is_empty() => out.push(prefix),
        Pat::Paren(p) => wildcard_fields(&p.pat, prefix, out),
        Pat::Tuple(t) if !t.elems.iter().any(|e| matches!(e, Pat::Rest(_))) => {
            for (i, elem) in t.elems.iter().enumerate() {
                let index = syn::Index::from(i);
                // Only single-level paths can be a `Member`; deeper ones
                // are skipped.
                if prefix.is_empty() {
                    wildcard_fields(elem, quote!(#index), out);
                }
            }
        }
        _ => {}
    }
}

/// `ty`, the type written for a binding, if the frame's slot can spell it
/// too: not where it names an `impl Trait` (of a parameter: unnameable) or
/// is a macro. Elided lifetimes are fine: in the body they are inferred,
/// and local items are printed where the frame sees them.
fn declared_type(ty: &syn::Type) -> Option<syn::Type> {
    fn nameable(tokens: TokenStream) -> bool {
        tokens.into_iter().all(|t| match t {
            TokenTree::Ident(i) => i != "impl",
            TokenTree::Group(g) => nameable(g.stream()),
            TokenTree::Punct(p) => p.as_char() != '!',
            TokenTree::Literal(_) => true,
        })
    }
    nameable(ty.to_token_stream()).then(|| ty.clone())
}

/// The primitive types a type is made of, if the syntax alone shows that
/// it has no drop glue: a primitive (`u32`, `bool`, ...), a reference, a
/// raw pointer, `!`, or a tuple or array of those. A primitive's name
/// could be shadowed by a type of the user's (`struct u64;`), so the
/// names come back for the frame to assert that they need no drop
/// (`inplace::primitives_check`); references and pointers need no such
/// check.
pub fn no_drop_type(ty: &syn::Type, names: &mut Vec<syn::Ident>) -> bool {
    made_of_primitives(ty, names, true)
}

/// Whether the syntax shows a type to be made of primitives only (no
/// reference or pointer): no drop glue, and `Send` and `Sync` whatever
/// else is in scope.
fn plain_type(ty: &syn::Type) -> bool {
    made_of_primitives(ty, &mut Vec::new(), false)
}

fn made_of_primitives(ty: &syn::Type, names: &mut Vec<syn::Ident>, pointers: bool) -> bool {
    const PRIMITIVES: [&str; 16] = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char",
    ];
    match ty {
        syn::Type::Reference(_) | syn::Type::Ptr(_) => pointers,
        syn::Type::Never(_) => true,
        syn::Type::Paren(p) => made_of_primitives(&p.elem, names, pointers),
        syn::Type::Group(g) => made_of_primitives(&g.elem, names, pointers),
        syn::Type::Array(a) => made_of_primitives(&a.elem, names, pointers),
        syn::Type::Tuple(t) => t
            .elems
            .iter()
            .all(|e| made_of_primitives(e, names, pointers)),
        syn::Type::Path(p) if p.qself.is_none() => match p.path.get_ident() {
            Some(ident) if PRIMITIVES.contains(&ident.to_string().as_str()) => {
                names.push(ident.clone());
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// What a `let`'s initializer shows of its value's type, whatever the
/// names in scope: `Some(true)` for a literal, negated or not (a primitive,
/// or a `&'static` string: no drop glue, `Send` and `Sync`), `Some(false)`
/// for a reference or raw pointer (no drop glue), `None` otherwise.
fn initializer_kind(e: &syn::Expr) -> Option<bool> {
    match e {
        syn::Expr::Lit(_) => Some(true),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            matches!(&*u.expr, syn::Expr::Lit(_)).then_some(true)
        }
        syn::Expr::Reference(_) | syn::Expr::RawAddr(_) => Some(false),
        syn::Expr::Paren(p) => initializer_kind(&p.expr),
        syn::Expr::Group(g) => initializer_kind(&g.expr),
        _ => None,
    }
}

/// Whether a `for` loop's iterable is a range that starts at a literal
/// (`0..n`, `'a'..='z'`, `-3..x`): a `Range` or `RangeInclusive` of a
/// primitive type, which has no drop glue and is `Send`, as its items.
fn literal_range(e: &syn::Expr) -> bool {
    match e {
        // A string literal has `Some(true)` too, but a range of strings
        // is not an iterator: such a loop does not compile anyway.
        syn::Expr::Range(r) => r
            .start
            .as_deref()
            .is_some_and(|start| initializer_kind(start) == Some(true)),
        syn::Expr::Paren(p) => literal_range(&p.expr),
        syn::Expr::Group(g) => literal_range(&g.expr),
        _ => false,
    }
}

/// Sets what a binding's declared type shows (see [`Binding::no_drop`]).
fn set_declared(binding: &mut Binding, ty: &syn::Type) {
    binding.ty = declared_type(ty);
    binding.no_drop = no_drop_type(ty, &mut Vec::new());
    binding.plain = plain_type(ty);
}

/// `__args.N`: parameter N in the frame's start state.
fn arg_tokens(index: usize) -> TokenStream {
    let args = syn::Ident::new("__args", Span::mixed_site());
    let index = syn::Index::from(index);
    quote!(#args.#index)
}

struct Lowerer<'a> {
    errors: &'a Errors,
    /// The runtime's path, for the few runtime items the IR names.
    krate: &'a syn::Path,
    bindings: Vec<Binding>,
    points: Vec<Point>,
    /// Names in scope, innermost last.
    scopes: Vec<Vec<(String, BindingId)>>,
    self_binding: Option<BindingId>,
    /// Counter for generated names.
    temps: usize,
    /// Items declared in the body.
    items: Vec<TokenStream>,
}

impl Lowerer<'_> {
    fn new_binding(&mut self, ident: syn::Ident) -> BindingId {
        self.bindings.push(Binding {
            ident,
            ty: None,
            no_drop: false,
            plain: false,
            literal: false,
        });
        self.bindings.len() - 1
    }

    fn new_point(&mut self, kind: PointKind, span: Span) -> PointId {
        self.points.push(Point { kind, span });
        self.points.len() - 1
    }

    fn temp_ident(&mut self, prefix: &str) -> syn::Ident {
        self.temps += 1;
        syn::Ident::new(&format!("{prefix}{}", self.temps), Span::mixed_site())
    }

    fn push_scope(&mut self) {
        self.scopes.push(Vec::new());
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    fn declare_ids(&mut self, ids: &[BindingId]) {
        for &id in ids {
            let name = self.bindings[id].ident.to_string();
            self.scopes.last_mut().unwrap().push((name, id));
        }
    }

    fn resolve(&self, name: &str) -> Option<BindingId> {
        for scope in self.scopes.iter().rev() {
            if let Some((_, id)) = scope.iter().rev().find(|(n, _)| n == name) {
                return Some(*id);
            }
        }
        None
    }

    /// Declares the bindings of `pat` in the current scope.
    fn declare(&mut self, pat: &Pat) -> Pattern {
        let mut idents = Vec::new();
        pattern_bindings(pat, &mut idents);
        let mut ids = Vec::new();
        for (ident, ..) in idents {
            let id = self.new_binding(ident);
            ids.push(id);
        }
        // `let x: T`: the one binding has type `T`.
        if let Pat::Type(typed) = pat {
            if let Pat::Ident(ident) = &*typed.pat {
                if ident.by_ref.is_none() && ident.subpat.is_none() {
                    set_declared(&mut self.bindings[ids[0]], &typed.ty);
                }
            }
        }
        self.declare_ids(&ids);
        Pattern {
            pat: pat.clone(),
            bindings: ids,
        }
    }

    fn block(&mut self, block: &syn::Block) -> Block {
        self.push_scope();
        let mut stmts = Vec::new();
        for stmt in &block.stmts {
            let lowered = self.stmt(stmt);
            stmts.push(lowered);
        }
        self.pop_scope();
        Block {
            stmts,
            span: block.span(),
        }
    }

    fn stmt(&mut self, stmt: &syn::Stmt) -> Stmt {
        match stmt {
            syn::Stmt::Local(local) => {
                let init = local.init.as_ref().map(|i| self.expr(&i.expr));
                let diverge = local
                    .init
                    .as_ref()
                    .and_then(|i| i.diverge.as_ref())
                    .map(|(_, e)| match &**e {
                        syn::Expr::Block(b) => self.block(&b.block),
                        other => Block {
                            stmts: vec![Stmt::Expr {
                                expr: self.expr(other),
                                semi: false,
                            }],
                            span: other.span(),
                        },
                    });
                let pat = self.declare(&local.pat);
                if let (syn::Pat::Ident(ident), Some(init)) = (&local.pat, &local.init) {
                    if ident.by_ref.is_none() && ident.subpat.is_none() {
                        if let Some(plain) = initializer_kind(&init.expr) {
                            let binding = &mut self.bindings[pat.bindings[0]];
                            binding.no_drop = true;
                            binding.plain = plain;
                            binding.literal = plain;
                        }
                    }
                }
                Stmt::Let(Local {
                    attrs: local.attrs.clone(),
                    pat,
                    init,
                    diverge,
                    span: local.span(),
                })
            }
            syn::Stmt::Item(item) => {
                // Items are hoisted before the frame (see `Body::items`): a
                // `struct` defined in each arm of the state machine would be
                // a different type in each.
                self.items.push(item.to_token_stream());
                Stmt::Item
            }
            syn::Stmt::Expr(expr, semi) => Stmt::Expr {
                expr: self.expr(expr),
                semi: semi.is_some(),
            },
            syn::Stmt::Macro(m) => {
                let expr = self.macro_call(&m.mac, m.attrs.clone(), m.span());
                Stmt::Expr {
                    expr,
                    semi: m.semi_token.is_some(),
                }
            }
        }
    }

    fn boxed(&mut self, e: &syn::Expr) -> Box<Expr> {
        Box::new(self.expr(e))
    }

    fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e syn::Expr>) -> Vec<Expr> {
        es.into_iter().map(|e| self.expr(e)).collect()
    }

    fn expr(&mut self, e: &syn::Expr) -> Expr {
        let span = e.span();
        let attrs = expr_attrs(e);
        let kind = match e {
            syn::Expr::Array(a) => ExprKind::Array(self.exprs(&a.elems)),
            syn::Expr::Assign(a) => match destructuring(a) {
                Some(block) => return self.expr(&block),
                None => ExprKind::Assign(self.boxed(&a.left), self.boxed(&a.right)),
            },
            syn::Expr::Async(a) => self.opaque(e, a.capture.is_some()),
            syn::Expr::Await(a) => {
                let operand = self.boxed(&a.base);
                let id = self.new_point(PointKind::Await, a.await_token.span);
                ExprKind::Await(id, operand)
            }
            syn::Expr::Binary(b) => {
                ExprKind::Binary(self.boxed(&b.left), b.op, self.boxed(&b.right))
            }
            syn::Expr::Block(b) => ExprKind::Block {
                label: b.label.clone(),
                unsafety: false,
                block: self.block(&b.block),
            },
            syn::Expr::Break(b) => ExprKind::Break {
                label: b.label.clone(),
                value: b.expr.as_ref().map(|v| self.boxed(v)),
            },
            syn::Expr::Call(c) => {
                let func = self.boxed(&c.func);
                ExprKind::Call(func, self.exprs(&c.args))
            }
            syn::Expr::Cast(c) => ExprKind::Cast(self.boxed(&c.expr), c.ty.clone()),
            syn::Expr::Closure(c) => self.opaque(e, c.capture.is_some()),
            syn::Expr::Const(_) => ExprKind::Atom(e.to_token_stream()),
            syn::Expr::Continue(c) => ExprKind::Continue(c.label.clone()),
            syn::Expr::Field(f) => ExprKind::Field(self.boxed(&f.base), f.member.clone()),
            syn::Expr::ForLoop(f) => self.for_loop(f),
            syn::Expr::Group(g) => ExprKind::Paren(self.boxed(&g.expr)),
            syn::Expr::If(i) => {
                self.push_scope();
                let cond = self.boxed(&i.cond);
                let then = self.block(&i.then_branch);
                self.pop_scope();
                let otherwise = i.else_branch.as_ref().map(|(_, e)| self.boxed(e));
                ExprKind::If {
                    cond,
                    then,
                    otherwise,
                }
            }
            syn::Expr::Index(i) => ExprKind::Index(self.boxed(&i.expr), self.boxed(&i.index)),
            syn::Expr::Infer(_) | syn::Expr::Lit(_) => ExprKind::Atom(e.to_token_stream()),
            syn::Expr::Let(l) => {
                let expr = self.boxed(&l.expr);
                let pat = self.declare(&l.pat);
                ExprKind::Let { pat, expr }
            }
            syn::Expr::Loop(l) => ExprKind::Loop {
                label: l.label.clone(),
                body: self.block(&l.body),
            },
            syn::Expr::Macro(m) => return self.macro_call(&m.mac, m.attrs.clone(), span),
            syn::Expr::Match(m) => {
                let scrutinee = self.boxed(&m.expr);
                let arms = m
                    .arms
                    .iter()
                    .map(|arm| {
                        self.push_scope();
                        let pat = self.declare(&arm.pat);
                        let guard = arm.guard.as_ref().map(|(_, g)| self.boxed(g));
                        let body = self.boxed(&arm.body);
                        self.pop_scope();
                        Arm {
                            attrs: arm.attrs.clone(),
                            pat,
                            guard,
                            body,
                        }
                    })
                    .collect();
                ExprKind::Match { scrutinee, arms }
            }
            syn::Expr::MethodCall(m) => {
                let receiver = self.boxed(&m.receiver);
                ExprKind::MethodCall {
                    receiver,
                    method: m.method.clone(),
                    turbofish: m.turbofish.as_ref().map(|t| t.to_token_stream()),
                    args: self.exprs(&m.args),
                }
            }
            syn::Expr::Paren(p) => ExprKind::Paren(self.boxed(&p.expr)),
            syn::Expr::Path(p) => self.path(p),
            syn::Expr::Range(r) => ExprKind::Range {
                start: r.start.as_ref().map(|s| self.boxed(s)),
                limits: r.limits.to_token_stream(),
                end: r.end.as_ref().map(|s| self.boxed(s)),
            },
            syn::Expr::RawAddr(_) => self.opaque(e, false),
            syn::Expr::Reference(r) => ExprKind::Ref {
                mutable: r.mutability.is_some(),
                expr: self.boxed(&r.expr),
            },
            syn::Expr::Repeat(r) => ExprKind::Repeat(self.boxed(&r.expr), r.len.to_token_stream()),
            syn::Expr::Return(r) => ExprKind::Return(r.expr.as_ref().map(|v| self.boxed(v))),
            syn::Expr::Struct(s) => {
                let path = match &s.qself {
                    None => s.path.to_token_stream(),
                    Some(_) => {
                        // `<T as Trait>::Assoc { .. }`: print the whole
                        // qualified path as written.
                        let mut tokens = TokenStream::new();
                        syn::ExprPath {
                            attrs: Vec::new(),
                            qself: s.qself.clone(),
                            path: s.path.clone(),
                        }
                        .to_tokens(&mut tokens);
                        tokens
                    }
                };
                let fields = s
                    .fields
                    .iter()
                    .map(|f| FieldValue {
                        attrs: f.attrs.clone(),
                        member: f.member.clone(),
                        expr: self.expr(&f.expr),
                    })
                    .collect();
                ExprKind::Struct {
                    path,
                    fields,
                    rest: s.rest.as_ref().map(|r| self.boxed(r)),
                }
            }
            syn::Expr::Try(t) => {
                // Errors of the lowering point at the `?` itself.
                let mut out = Expr::new(ExprKind::Try(self.boxed(&t.expr)), t.question_token.span);
                out.attrs = attrs;
                return out;
            }
            syn::Expr::Tuple(t) => ExprKind::Tuple(self.exprs(&t.elems)),
            syn::Expr::Unary(u) => ExprKind::Unary(u.op, self.boxed(&u.expr)),
            syn::Expr::Unsafe(u) => ExprKind::Block {
                label: None,
                unsafety: true,
                block: self.block(&u.block),
            },
            syn::Expr::While(w) => self.while_loop(w),
            syn::Expr::Yield(y) => {
                self.errors.error(
                    y.yield_token.span,
                    "`yield` is not supported in a #[coroutine] fn; use `suspend!()`",
                );
                ExprKind::Atom(e.to_token_stream())
            }
            _ => self.opaque(e, false),
        };
        let mut out = Expr::new(kind, span);
        out.attrs = attrs;
        out
    }

    fn path(&mut self, p: &syn::ExprPath) -> ExprKind {
        if p.qself.is_none() {
            if let Some(ident) = p.path.get_ident() {
                if ident == "self" {
                    if let Some(id) = self.self_binding {
                        return ExprKind::Local(id);
                    }
                }
                if let Some(id) = self.resolve(&ident.to_string()) {
                    return ExprKind::Local(id);
                }
            }
        }
        ExprKind::Atom(p.to_token_stream())
    }

    /// An expression kept as written: collects the locals it mentions and
    /// renames `self`.
    fn opaque(&mut self, e: &syn::Expr, moves: bool) -> ExprKind {
        let tokens = self.rename_self(e.to_token_stream());
        let mentions = self.mentions(&tokens, moves);
        ExprKind::Opaque(tokens, mentions)
    }

    /// The locals named in raw tokens: identifiers that resolve to a binding
    /// here and are not a field, a method, a path segment or a macro name.
    fn mentions(&self, tokens: &TokenStream, moves: bool) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        self.collect_mentions(tokens, moves, &mut out);
        out
    }

    fn collect_mentions(&self, tokens: &TokenStream, moves: bool, out: &mut Vec<Mention>) {
        let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
        let add = |out: &mut Vec<Mention>, binding: BindingId, moves: bool| match out
            .iter_mut()
            .find(|m| m.binding == binding)
        {
            Some(m) => m.moves |= moves,
            None => out.push(Mention { binding, moves }),
        };
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Literal(lit) => {
                    // `{name}` in a string: a format string of some macro
                    // (captured by move in a `move` closure).
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                        for name in known::format_names(&s.value()) {
                            if let Some(binding) = self.resolve(&name) {
                                add(out, binding, moves);
                            }
                        }
                    }
                }
                TokenTree::Ident(ident) => {
                    let prev_is = |c: char| {
                        i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == c)
                    };
                    let next_is = |c: char| matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == c);
                    let path_next = next_is(':')
                        && matches!(trees.get(i + 2), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                    let path_prev = prev_is(':')
                        && i > 1
                        && matches!(&trees[i - 2], TokenTree::Punct(p) if p.as_char() == ':');
                    // `name!(..)` is a macro; `name != x` is not.
                    let macro_name =
                        next_is('!') && matches!(trees.get(i + 2), Some(TokenTree::Group(_)));
                    if prev_is('.') || path_next || path_prev || macro_name {
                        continue;
                    }
                    let name = ident.to_string();
                    let id = if name == "__self" {
                        self.self_binding
                    } else {
                        self.resolve(&name)
                    };
                    if let Some(binding) = id {
                        // Used as a whole value (`f(x)`, `let y = x;`, a
                        // closure returning `x`): moved into the closure.
                        let before_value = i == 0
                            || matches!(&trees[i - 1], TokenTree::Punct(p)
                                if p.as_char() == ',' || p.as_char() == '|'
                                    || (p.as_char() == '=' && i > 1 && !matches!(&trees[i - 2],
                                        TokenTree::Punct(q) if "=!<>".contains(q.as_char()))));
                        let after_value = i + 1 == trees.len()
                            || matches!(&trees[i + 1], TokenTree::Punct(p)
                                if p.as_char() == ',' || p.as_char() == ';');
                        add(out, binding, moves || (before_value && after_value));
                    }
                }
                TokenTree::Group(g) => self.collect_mentions(&g.stream(), moves, out),
                _ => {}
            }
        }
    }

    /// Renames `self` (as a value) to the binding the frame keeps it in.
    fn rename_self(&self, tokens: TokenStream) -> TokenStream {
        if self.self_binding.is_none() {
            return tokens;
        }
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = TokenStream::new();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) if ident == "self" => {
                    let path_next =
                        matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                    let path_prev =
                        i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == ':');
                    if path_next || path_prev {
                        out.extend([tree.clone()]);
                    } else {
                        let mut renamed = self_ident();
                        renamed.set_span(renamed.span().located_at(ident.span()));
                        out.extend([TokenTree::Ident(renamed)]);
                    }
                }
                TokenTree::Group(g) => {
                    let mut group =
                        proc_macro2::Group::new(g.delimiter(), self.rename_self(g.stream()));
                    group.set_span(g.span());
                    out.extend([TokenTree::Group(group)]);
                }
                other => out.extend([other.clone()]),
            }
        }
        out
    }

    fn macro_call(&mut self, mac: &syn::Macro, attrs: Vec<syn::Attribute>, span: Span) -> Expr {
        let kind = known::classify(&mac.path);
        // `select!` and `join!` are rewritten into an await of the
        // runtime's `select`/`join`, which is then lowered as written.
        let rewritten = match kind {
            MacroKind::Select => Some(known::parse_select(mac).map(|m| self.select(&m, span))),
            MacroKind::Join => Some(known::parse_join(mac).map(|ops| self.join(&ops, span))),
            _ => None,
        };
        if let Some(rewritten) = rewritten {
            let mut lowered = match rewritten {
                Ok(rewritten) => self.expr(&rewritten),
                Err(error) => {
                    self.errors.push(error);
                    Expr::new(ExprKind::Atom(TokenStream::new()), span)
                }
            };
            lowered.attrs = attrs;
            return lowered;
        }
        let kind = match kind {
            MacroKind::Suspend if mac.tokens.is_empty() => {
                ExprKind::Suspend(self.new_point(PointKind::Suspend, span))
            }
            MacroKind::Suspend => match mac.parse_body::<syn::Expr>() {
                // A suspend block, `suspend!(|me| ..)`: like an await, its
                // operand is evaluated before the suspension.
                Ok(block @ syn::Expr::Closure(_)) => {
                    let block = self.boxed(&block);
                    ExprKind::Await(self.new_point(PointKind::SuspendBlock, span), block)
                }
                // `suspend!(value)`: a generator hands `value` out.
                Ok(value) => {
                    let value = self.boxed(&value);
                    if value.contains_point() {
                        self.errors.error(
                            value.span,
                            "the value `suspend!(..)` hands out cannot suspend itself: bind it \
                             to a local first (`let v = ...; suspend!(v)`)",
                        );
                    }
                    ExprKind::Await(self.new_point(PointKind::Yield, span), value)
                }
                Err(error) => {
                    self.errors.error(
                        error.span(),
                        format!(
                            "{error}: `suspend!` takes nothing, a value to hand out (in a \
                             generator), or a suspend block: a closure `|me| ..` that runs once \
                             the coroutine is suspended"
                        ),
                    );
                    ExprKind::Atom(TokenStream::new())
                }
            },
            MacroKind::Await | MacroKind::YieldFrom => match mac.parse_body::<syn::Expr>() {
                Ok(operand) => {
                    let operand = self.boxed(&operand);
                    let point = if kind == MacroKind::Await {
                        PointKind::Await
                    } else {
                        PointKind::Delegate
                    };
                    ExprKind::Await(self.new_point(point, mac.path.span()), operand)
                }
                Err(error) => {
                    self.errors.push(error);
                    ExprKind::Atom(TokenStream::new())
                }
            },
            MacroKind::Unknown => self.opaque_macro(mac),
            _ => match known::parse_args(mac) {
                Some(args) => {
                    let implicit = args
                        .implicit_captures()
                        .iter()
                        .filter_map(|name| self.resolve(name))
                        .map(|binding| Mention {
                            binding,
                            moves: false,
                        })
                        .collect();
                    let lowered = args
                        .args
                        .iter()
                        .map(|arg| match arg {
                            known::Arg::Expr(e) => MacroArg::Expr(self.expr(e)),
                            known::Arg::Named(name, e) => {
                                MacroArg::Named(name.clone(), self.expr(e))
                            }
                            known::Arg::Raw(tokens) => {
                                MacroArg::Raw(self.rename_self(tokens.clone()))
                            }
                        })
                        .collect();
                    let path = &mac.path;
                    let bang = &mac.bang_token;
                    ExprKind::Macro(Box::new(MacroCall {
                        kind,
                        path: quote!(#path #bang),
                        delimiter: match mac.delimiter {
                            syn::MacroDelimiter::Paren(_) => proc_macro2::Delimiter::Parenthesis,
                            syn::MacroDelimiter::Brace(_) => proc_macro2::Delimiter::Brace,
                            syn::MacroDelimiter::Bracket(_) => proc_macro2::Delimiter::Bracket,
                        },
                        delim_span: match &mac.delimiter {
                            syn::MacroDelimiter::Paren(d) => d.span.join(),
                            syn::MacroDelimiter::Brace(d) => d.span.join(),
                            syn::MacroDelimiter::Bracket(d) => d.span.join(),
                        },
                        args: lowered,
                        separators: args.separators,
                        implicit,
                    }))
                }
                None => self.opaque_macro(mac),
            },
        };
        let mut out = Expr::new(kind, span);
        out.attrs = attrs;
        out
    }

    /// `select! { p0 = op0 => b0, p1 = op1 => b1, default => d }` as
    ///
    /// ```text
    /// match sched::select((op0, op1), true).await {
    ///     (Some(__selected), _) => { let p0 = __selected; b0 }
    ///     (_, Some(__selected)) => { let p1 = __selected; b1 }
    ///     _ => d,
    /// }
    /// ```
    ///
    /// which the transform then lowers like any other code (the bodies may
    /// suspend, `break` and `return`). A refutable pattern is an error of
    /// the `let`.
    fn select(&mut self, select: &known::SelectMacro, span: Span) -> syn::Expr {
        let krate = self.krate;
        let selected = syn::Ident::new("__selected", Span::mixed_site());
        let n = select.cases.len();
        // A guarded case is an `Option` of its operation (a case of the
        // runtime's too): `None`, disabled, when the guard is false.
        // Each operation goes through the runtime's case probe: a channel
        // operation or a timer stays as it is, a coroutine or a `Future` is
        // wrapped (it is resumed by the select), anything else is one error
        // at the operation.
        let ops = select.cases.iter().map(|c| {
            let op = self.select_case(&c.op);
            match &c.guard {
                Some(guard) => quote_spanned!(c.span=> if #guard {
                    ::core::option::Option::Some(#op)
                } else {
                    ::core::option::Option::None
                }),
                None => op,
            }
        });
        let has_default = select.default.is_some();
        let select_fn = if select.biased {
            quote::format_ident!("select_biased")
        } else {
            quote::format_ident!("select")
        };
        let arms = select.cases.iter().enumerate().map(|(i, case)| {
            let slots = (0..n).map(|j| {
                if i == j {
                    quote::quote!(::core::option::Option::Some(#selected))
                } else {
                    quote::quote!(_)
                }
            });
            let (pat, body) = (&case.pat, &case.body);
            quote_spanned!(case.span=> (#(#slots,)*) => {
                #[allow(clippy::let_unit_value)]
                let #pat = #selected;
                #body
            })
        });
        let default = match &select.default {
            Some(body) => quote::quote!(_ => #body),
            None => {
                quote::quote!(_ => ::core::unreachable!("coro: a select without default completed no case"))
            }
        };
        syn::parse_quote_spanned! {span=>
            match #krate::sched::#select_fn((#(#ops,)*), #has_default).await {
                #(#arms,)*
                #default
            }
        }
    }

    /// `join!(a, b)` as `sched::join((a, b)).await`. Each operand goes
    /// through `.await`'s probe: a `Future` is wrapped, and anything else
    /// is one error, at the operand, saying what `.await` takes.
    fn join(&self, ops: &[syn::Expr], span: Span) -> syn::Expr {
        let krate = self.krate;
        let children = ops.iter().map(|op| {
            self.probed(op, |krate, x, span| {
                quote_spanned! {span=>
                    use #krate::__private::{ViaGenerator as _, ViaCoroutine as _, ViaStd as _, ViaOther as _};
                    (&&&&#krate::__private::Probe::of(&#x)).__kind().convert(#x).0
                }
            })
        });
        syn::parse_quote_spanned! {span=>
            #krate::sched::join((#(#children,)*)).await
        }
    }

    /// A `select!` operation through the runtime's case probe (see
    /// `sched::CaseProbe`): a channel operation or a timer stays as it
    /// is, a coroutine or a `Future` is wrapped, anything else is one error.
    fn select_case(&self, op: &syn::Expr) -> TokenStream {
        self.probed(op, |krate, x, span| {
            quote_spanned! {span=>
                use #krate::sched::{
                    ViaAwaitable as _, ViaCase as _, ViaFuture as _, ViaGeneratorCase as _,
                    ViaOtherCase as _,
                };
                (&&&&&#krate::sched::CaseProbe::of(&#x)).__case_kind().wrap(#x)
            }
        })
    }

    /// `{ let x = op; probe }`, spanned at `op` (so that a type error
    /// points at it): an operand passed through one of the runtime's
    /// autoref probes, which `probe(krate, x, span)` writes (its `use`s
    /// first). `x` has the user's own span, hygiene included: rustc moves
    /// the primary span of an unmet bound on an argument from another
    /// expansion (a hygienic `x`) up to that expansion's call site, the
    /// attribute. It cannot capture a name of the user's: `op`, the only
    /// user code in its scope, is evaluated before it is bound.
    fn probed(
        &self,
        op: &syn::Expr,
        probe: impl Fn(&syn::Path, &syn::Ident, Span) -> TokenStream,
    ) -> TokenStream {
        let span = op.span();
        let krate = crate::outer::respan(self.krate, span);
        let x = syn::Ident::new("__operand", span);
        let probe = probe(&krate, &x, span);
        quote_spanned! {span=> {
            let #x = #op;
            #[allow(unused_imports)]
            #probe
        }}
    }

    fn opaque_macro(&mut self, mac: &syn::Macro) -> ExprKind {
        let tokens = self.rename_self(mac.to_token_stream());
        let mentions = self.mentions(&self.rename_self(mac.tokens.clone()), false);
        ExprKind::Opaque(tokens, mentions)
    }

    /// `while`; desugared to `loop { if cond { body } else { break } }` when
    /// it contains a suspension point (rustc's own lowering).
    fn while_loop(&mut self, w: &syn::ExprWhile) -> ExprKind {
        self.push_scope();
        let cond = self.boxed(&w.cond);
        let body = self.block(&w.body);
        self.pop_scope();
        if !cond.contains_point() && !body.contains_point() {
            return ExprKind::While {
                label: w.label.clone(),
                cond,
                body,
            };
        }
        let span = w.span();
        let brk = Expr::new(
            ExprKind::Break {
                label: None,
                value: None,
            },
            span,
        );
        let if_expr = Expr::new(
            ExprKind::If {
                cond,
                then: body,
                otherwise: Some(Box::new(Expr::new(
                    ExprKind::Block {
                        label: None,
                        unsafety: false,
                        block: Block {
                            stmts: vec![Stmt::Expr {
                                expr: brk,
                                semi: false,
                            }],
                            span,
                        },
                    },
                    span,
                ))),
            },
            span,
        );
        ExprKind::Loop {
            label: w.label.clone(),
            body: Block {
                stmts: vec![Stmt::Expr {
                    expr: if_expr,
                    semi: false,
                }],
                span,
            },
        }
    }

    /// `for`; desugared when it contains a suspension point, as rustc does:
    ///
    /// ```text
    /// match IntoIterator::into_iter(iter) {
    ///     mut __iter => 'label: loop {
    ///         match Iterator::next(&mut __iter) {
    ///             None => break,
    ///             Some(pat) => body,
    ///         }
    ///     },
    /// }
    /// ```
    fn for_loop(&mut self, f: &syn::ExprForLoop) -> ExprKind {
        let iter = self.boxed(&f.expr);
        let span = f.span();
        let contains = crate::validate::suspends(&f.body);
        if !contains {
            self.push_scope();
            let pat = self.declare(&f.pat);
            let body = self.block(&f.body);
            self.pop_scope();
            return ExprKind::For {
                label: f.label.clone(),
                pat,
                iter,
                body,
            };
        }

        let iter_ident = self.temp_ident("__iter");
        self.push_scope();
        let iter_id = self.new_binding(iter_ident.clone());
        self.declare_ids(&[iter_id]);
        let into_iter = Expr::new(
            ExprKind::Call(
                Box::new(Expr::new(
                    ExprKind::Atom(quote_spanned!(span=> ::core::iter::IntoIterator::into_iter)),
                    span,
                )),
                vec![*iter],
            ),
            span,
        );
        let next = Expr::new(
            ExprKind::Call(
                Box::new(Expr::new(
                    ExprKind::Atom(quote_spanned!(span=> ::core::iter::Iterator::next)),
                    span,
                )),
                vec![Expr::new(
                    ExprKind::Ref {
                        mutable: true,
                        expr: Box::new(Expr::new(ExprKind::Local(iter_id), span)),
                    },
                    span,
                )],
            ),
            span,
        );
        let none_arm = Arm {
            attrs: Vec::new(),
            pat: Pattern {
                pat: syn::parse_quote_spanned!(span=> ::core::option::Option::None),
                bindings: Vec::new(),
            },
            guard: None,
            body: Box::new(Expr::new(
                ExprKind::Break {
                    label: None,
                    value: None,
                },
                span,
            )),
        };
        self.push_scope();
        let user_pat = &f.pat;
        let some_pat: Pat =
            syn::parse_quote_spanned!(span=> ::core::option::Option::Some(#user_pat));
        let mut declared = self.declare(user_pat);
        if literal_range(&f.expr) {
            // `for i in 0..n`: the iterator is a range of a primitive
            // type, and so is a binding of the whole item.
            self.bindings[iter_id].no_drop = true;
            self.bindings[iter_id].plain = true;
            if let Pat::Ident(ident) = &**user_pat {
                if ident.by_ref.is_none() && ident.subpat.is_none() {
                    let item = &mut self.bindings[declared.bindings[0]];
                    item.no_drop = true;
                    item.plain = true;
                    item.literal = true;
                }
            }
        }
        declared.pat = some_pat;
        let body = self.block(&f.body);
        self.pop_scope();
        let some_arm = Arm {
            attrs: Vec::new(),
            pat: declared,
            guard: None,
            body: Box::new(Expr::new(
                ExprKind::Block {
                    label: None,
                    unsafety: false,
                    block: body,
                },
                span,
            )),
        };
        let inner_match = Expr::new(
            ExprKind::Match {
                scrutinee: Box::new(next),
                arms: vec![none_arm, some_arm],
            },
            span,
        );
        let lp = Expr::new(
            ExprKind::Loop {
                label: f.label.clone(),
                body: Block {
                    stmts: vec![Stmt::Expr {
                        expr: inner_match,
                        semi: false,
                    }],
                    span,
                },
            },
            span,
        );
        self.pop_scope();
        let iter_arm = Arm {
            attrs: Vec::new(),
            pat: Pattern {
                pat: syn::parse_quote!(mut #iter_ident),
                bindings: vec![iter_id],
            },
            guard: None,
            body: Box::new(lp),
        };
        let desugared = ExprKind::Match {
            scrutinee: Box::new(into_iter),
            arms: vec![iter_arm],
        };
        // As rustc: `{ let result = match .. { .. }; result }`, so that the
        // iterable's temporaries drop when the loop ends, also where the
        // loop is a block's tail (the in-place lowering keeps temporaries
        // where rustc does).
        let result_ident = self.temp_ident("__result");
        let result_id = self.new_binding(result_ident.clone());
        let local = Local {
            attrs: Vec::new(),
            pat: Pattern {
                pat: syn::parse_quote!(#result_ident),
                bindings: vec![result_id],
            },
            init: Some(Expr::new(desugared, span)),
            diverge: None,
            span,
        };
        ExprKind::Block {
            label: None,
            unsafety: false,
            block: Block {
                stmts: vec![
                    Stmt::Let(local),
                    Stmt::Expr {
                        expr: Expr::new(ExprKind::Local(result_id), span),
                        semi: false,
                    },
                ],
                span,
            },
        }
    }
}

impl Lowerer<'_> {}

fn expr_attrs(e: &syn::Expr) -> Vec<syn::Attribute> {
    match e {
        syn::Expr::Array(x) => x.attrs.clone(),
        syn::Expr::Assign(x) => x.attrs.clone(),
        syn::Expr::Binary(x) => x.attrs.clone(),
        syn::Expr::Block(x) => x.attrs.clone(),
        syn::Expr::Call(x) => x.attrs.clone(),
        syn::Expr::Cast(x) => x.attrs.clone(),
        syn::Expr::Field(x) => x.attrs.clone(),
        syn::Expr::If(x) => x.attrs.clone(),
        syn::Expr::Index(x) => x.attrs.clone(),
        syn::Expr::Match(x) => x.attrs.clone(),
        syn::Expr::MethodCall(x) => x.attrs.clone(),
        syn::Expr::Paren(x) => x.attrs.clone(),
        syn::Expr::Reference(x) => x.attrs.clone(),
        syn::Expr::Tuple(x) => x.attrs.clone(),
        syn::Expr::Unary(x) => x.attrs.clone(),
        syn::Expr::Unsafe(x) => x.attrs.clone(),
        syn::Expr::Loop(x) => x.attrs.clone(),
        syn::Expr::While(x) => x.attrs.clone(),
        syn::Expr::ForLoop(x) => x.attrs.clone(),
        _ => Vec::new(),
    }
}

/// The bindings a pattern introduces, in order: `(ident, mut, by ref)`.
/// An identifier starting with an uppercase letter, with no `mut`, `ref` or
/// `@`, is taken to be a constant or unit variant, as rustc's naming
/// conventions make it.
pub fn pattern_bindings(pat: &Pat, out: &mut Vec<(syn::Ident, bool, bool)>) {
    match pat {
        Pat::Ident(p) => {
            let name = p.ident.to_string();
            let looks_like_path = name.starts_with(|c: char| c.is_uppercase())
                && p.by_ref.is_none()
                && p.mutability.is_none()
                && p.subpat.is_none();
            if !looks_like_path {
                out.push((p.ident.clone(), p.mutability.is_some(), p.by_ref.is_some()));
            }
            if let Some((_, sub)) = &p.subpat {
                pattern_bindings(sub, out);
            }
        }
        Pat::Or(p) => {
            if let Some(first) = p.cases.first() {
                pattern_bindings(first, out);
            }
        }
        Pat::Paren(p) => pattern_bindings(&p.pat, out),
        Pat::Reference(p) => pattern_bindings(&p.pat, out),
        Pat::Slice(p) => p.elems.iter().for_each(|e| pattern_bindings(e, out)),
        Pat::Struct(p) => p.fields.iter().for_each(|f| pattern_bindings(&f.pat, out)),
        Pat::Tuple(p) => p.elems.iter().for_each(|e| pattern_bindings(e, out)),
        Pat::TupleStruct(p) => p.elems.iter().for_each(|e| pattern_bindings(e, out)),
        Pat::Type(p) => pattern_bindings(&p.pat, out),
        _ => {}
    }
}

/// A destructuring assignment (`(a, b) = (b, a + b);`), as rustc lowers
/// it: `{ let (__lhs0, __lhs1) = (b, a + b); a = __lhs0; b = __lhs1; }`,
/// so that each place is assigned as a plain assignment is (a value in a
/// slot drops its old value and is marked present). `None` for an
/// assignment to one place.
fn destructuring(a: &syn::ExprAssign) -> Option<syn::Expr> {
    if !is_assignee_pattern(&a.left) {
        return None;
    }
    let mut places = Vec::new();
    let pat = assignee_pattern(&a.left, &mut places);
    let right = &a.right;
    let assignments = places.iter().enumerate().map(|(i, place)| {
        let temp = syn::Ident::new(&format!("__lhs{i}"), Span::mixed_site());
        quote!(#place = #temp;)
    });
    let span = a.eq_token.span;
    Some(syn::parse_quote_spanned! {span=> {
        let #pat = #right;
        #(#assignments)*
    }})
}

/// Whether `e`, the left of `=`, destructures (a tuple, a slice, a struct
/// or `_`), rather than naming one place.
fn is_assignee_pattern(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Tuple(_) | syn::Expr::Array(_) | syn::Expr::Infer(_) | syn::Expr::Struct(_) => {
            true
        }
        syn::Expr::Call(c) => matches!(&*c.func, syn::Expr::Path(_)),
        syn::Expr::Paren(p) => is_assignee_pattern(&p.expr),
        _ => false,
    }
}

/// The pattern of an assignee expression, each place in it replaced by a
/// binding `__lhsN` (N its index in `places`).
fn assignee_pattern(e: &syn::Expr, places: &mut Vec<syn::Expr>) -> TokenStream {
    let many = |es: &mut dyn Iterator<Item = &syn::Expr>, places: &mut Vec<syn::Expr>| {
        es.map(|e| assignee_pattern(e, places)).collect::<Vec<_>>()
    };
    match e {
        syn::Expr::Tuple(t) => {
            let items = many(&mut t.elems.iter(), places);
            if items.len() == 1 {
                quote!((#(#items)*,))
            } else {
                quote!((#(#items),*))
            }
        }
        syn::Expr::Array(a) => {
            let items = many(&mut a.elems.iter(), places);
            quote!([#(#items),*])
        }
        syn::Expr::Paren(p) if is_assignee_pattern(&p.expr) => assignee_pattern(&p.expr, places),
        syn::Expr::Call(c) if matches!(&*c.func, syn::Expr::Path(_)) => {
            let func = &c.func;
            let items = many(&mut c.args.iter(), places);
            quote!(#func(#(#items),*))
        }
        syn::Expr::Struct(s) => {
            let path = &s.path;
            let fields = s.fields.iter().map(|f| {
                let member = &f.member;
                let pat = assignee_pattern(&f.expr, places);
                quote!(#member: #pat)
            });
            let rest = s.dot2_token.map(|_| quote!(..));
            quote!(#path { #(#fields,)* #rest })
        }
        syn::Expr::Infer(_) => quote!(_),
        // `..` in a tuple or slice assignee.
        syn::Expr::Range(r) if r.start.is_none() && r.end.is_none() => quote!(..),
        place => {
            let temp = syn::Ident::new(&format!("__lhs{}", places.len()), Span::mixed_site());
            places.push(place.clone());
            quote!(#temp)
        }
    }
}
