//! Phase 4b: give a fresh name to every local that a suspension point must
//! save while another local of the same name shadows it.
//!
//! ```text
//! let x = D::new("x1");
//! suspend!();
//! let x = D::new("x2");   // x1 is still alive, dropped at the end
//! suspend!();             // saves both: they need two names
//! ```
//!
//! The renamed local keeps its name with a numeric suffix and a hygienic
//! span, so no user identifier can refer to it by accident. Every place it
//! appears is renamed: its pattern, its uses, the closures and unknown
//! macros that name it, and format strings (`{x}` gets an explicit `x = ..`
//! argument).

use proc_macro2::{Span, TokenStream, TokenTree};

use crate::analyse::Analysis;
use crate::ir::*;

pub fn apply(body: &mut Body, analysis: &Analysis) {
    let mut renamed = vec![false; body.bindings.len()];
    for (k, plan) in analysis.points.iter().enumerate() {
        let order = &analysis.in_scope[k];
        for (i, &b) in order.iter().enumerate() {
            if !plan.declares(b) {
                continue;
            }
            let name = body.bindings[b].ident.to_string();
            if order[..i]
                .iter()
                .any(|&other| body.bindings[other].ident == name)
            {
                renamed[b] = true;
            }
        }
    }
    if !renamed.iter().any(|&r| r) {
        return;
    }
    let mut map: Vec<(BindingId, String, syn::Ident)> = Vec::new();
    for (b, binding) in body.bindings.iter_mut().enumerate() {
        if renamed[b] {
            let old = binding.ident.to_string();
            let fresh = syn::Ident::new(
                &format!("{}__{b}", old.trim_start_matches("r#")),
                Span::mixed_site().located_at(binding.ident.span()),
            );
            binding.ident = fresh.clone();
            map.push((b, old, fresh));
        }
    }
    let mut r = Renamer { map: &map };
    r.block(&mut body.block);
    for binding in &mut body.bindings {
        if let Some(e) = &mut binding.rederive {
            r.expr(e);
        }
    }
}

struct Renamer<'a> {
    map: &'a [(BindingId, String, syn::Ident)],
}

impl Renamer<'_> {
    fn fresh(&self, b: BindingId) -> Option<&syn::Ident> {
        self.map
            .iter()
            .find(|(id, _, _)| *id == b)
            .map(|(_, _, f)| f)
    }

    fn pattern(&self, pattern: &mut Pattern) {
        for (index, &b) in pattern.bindings.iter().enumerate() {
            if let Some(fresh) = self.fresh(b) {
                let mut n = 0;
                rename_nth(&mut pattern.pat, index, &mut n, fresh);
            }
        }
    }

    /// Renames the identifiers of `mentions` in raw tokens.
    fn tokens(&self, tokens: &mut TokenStream, mentions: &[Mention]) {
        let renames: Vec<(&str, &syn::Ident)> = mentions
            .iter()
            .filter_map(|m| {
                let (_, old, fresh) = self.map.iter().find(|(id, _, _)| *id == m.binding)?;
                Some((old.as_str(), fresh))
            })
            .collect();
        if !renames.is_empty() {
            *tokens = rename_tokens(tokens.clone(), &renames);
        }
    }

    fn block(&mut self, block: &mut Block) {
        for stmt in &mut block.stmts {
            match stmt {
                Stmt::Let(local) => {
                    self.pattern(&mut local.pat);
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
        match &mut e.kind {
            ExprKind::Opaque(tokens, mentions) => {
                let mentions = mentions.clone();
                self.tokens(tokens, &mentions);
            }
            ExprKind::Let { pat, expr } => {
                self.pattern(pat);
                self.expr(expr);
            }
            ExprKind::Match { scrutinee, arms } => {
                self.expr(scrutinee);
                for arm in arms {
                    self.pattern(&mut arm.pat);
                    if let Some(g) = &mut arm.guard {
                        self.expr(g);
                    }
                    self.expr(&mut arm.body);
                }
            }
            ExprKind::For {
                pat, iter, body, ..
            } => {
                self.pattern(pat);
                self.expr(iter);
                self.block(body);
            }
            ExprKind::Block { block, .. } | ExprKind::Loop { body: block, .. } => self.block(block),
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
            }
            ExprKind::While { cond, body, .. } => {
                self.expr(cond);
                self.block(body);
            }
            ExprKind::Macro(m) => {
                for arg in &mut m.args {
                    match arg {
                        MacroArg::Expr(x) | MacroArg::Named(_, x) => self.expr(x),
                        MacroArg::Raw(tokens) => {
                            let implicit = m.implicit.clone();
                            self.tokens(tokens, &implicit);
                        }
                    }
                }
                // `{x}` in the format string: pass the renamed local
                // explicitly as `x = x__N`.
                for mention in &m.implicit {
                    if let Some((_, old, fresh)) =
                        self.map.iter().find(|(id, _, _)| *id == mention.binding)
                    {
                        let name = syn::Ident::new(old, Span::call_site());
                        m.separators.push(quote::quote!(,));
                        m.args.push(MacroArg::Named(
                            name,
                            Expr::new(ExprKind::Local(mention.binding), fresh.span()),
                        ));
                    }
                }
            }
            _ => {
                for child in children_mut(e) {
                    self.expr(child);
                }
            }
        }
    }
}

/// The direct operand subexpressions of a non-control-flow expression.
pub fn children_mut(e: &mut Expr) -> Vec<&mut Expr> {
    let mut out: Vec<&mut Expr> = Vec::new();
    match &mut e.kind {
        ExprKind::Unary(_, x)
        | ExprKind::Cast(x, _)
        | ExprKind::Ref { expr: x, .. }
        | ExprKind::Field(x, _)
        | ExprKind::Paren(x)
        | ExprKind::Try(x)
        | ExprKind::Await(_, x)
        | ExprKind::Repeat(x, _) => out.push(x),
        ExprKind::Binary(a, _, b) | ExprKind::Index(a, b) | ExprKind::Assign(a, b) => {
            out.push(a);
            out.push(b);
        }
        ExprKind::Call(f, args) => {
            out.push(f);
            out.extend(args.iter_mut());
        }
        ExprKind::MethodCall { receiver, args, .. } => {
            out.push(receiver);
            out.extend(args.iter_mut());
        }
        ExprKind::Tuple(es) | ExprKind::Array(es) => out.extend(es.iter_mut()),
        ExprKind::Struct { fields, rest, .. } => {
            out.extend(fields.iter_mut().map(|f| &mut f.expr));
            if let Some(r) = rest {
                out.push(r);
            }
        }
        ExprKind::Range { start, end, .. } => {
            out.extend(start.as_deref_mut());
            out.extend(end.as_deref_mut());
        }
        ExprKind::Break { value, .. } | ExprKind::Return(value) => out.extend(value.as_deref_mut()),
        _ => {}
    }
    out
}

/// Renames the `target`-th binding of a pattern (in `pattern_bindings`
/// order).
fn rename_nth(pat: &mut syn::Pat, target: usize, n: &mut usize, fresh: &syn::Ident) {
    use syn::Pat;
    match pat {
        Pat::Ident(p) => {
            let mut found = Vec::new();
            crate::lower::pattern_bindings(
                &Pat::Ident(syn::PatIdent {
                    subpat: None,
                    ..p.clone()
                }),
                &mut found,
            );
            if !found.is_empty() {
                if *n == target {
                    p.ident = fresh.clone();
                }
                *n += 1;
            }
            if let Some((_, sub)) = &mut p.subpat {
                rename_nth(sub, target, n, fresh);
            }
        }
        Pat::Or(p) => {
            // Every alternative binds the same names.
            let start = *n;
            for case in &mut p.cases {
                *n = start;
                rename_nth(case, target, n, fresh);
            }
        }
        Pat::Paren(p) => rename_nth(&mut p.pat, target, n, fresh),
        Pat::Reference(p) => rename_nth(&mut p.pat, target, n, fresh),
        Pat::Slice(p) => p
            .elems
            .iter_mut()
            .for_each(|e| rename_nth(e, target, n, fresh)),
        Pat::Struct(p) => p.fields.iter_mut().for_each(|f| {
            if f.colon_token.is_none() {
                // Shorthand `S { x }`: spell it out before renaming.
                f.colon_token = Some(Default::default());
            }
            rename_nth(&mut f.pat, target, n, fresh)
        }),
        Pat::Tuple(p) => p
            .elems
            .iter_mut()
            .for_each(|e| rename_nth(e, target, n, fresh)),
        Pat::TupleStruct(p) => p
            .elems
            .iter_mut()
            .for_each(|e| rename_nth(e, target, n, fresh)),
        Pat::Type(p) => rename_nth(&mut p.pat, target, n, fresh),
        _ => {}
    }
}

/// Renames identifiers in raw tokens (not fields, methods or path
/// segments).
fn rename_tokens(tokens: TokenStream, renames: &[(&str, &syn::Ident)]) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = TokenStream::new();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) => {
                let after_dot =
                    i > 0 && matches!(&trees[i - 1], TokenTree::Punct(p) if p.as_char() == '.');
                let path_next = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == ':')
                    && matches!(trees.get(i + 2), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                let name = ident.to_string();
                match renames.iter().find(|(old, _)| *old == name) {
                    Some((_, fresh)) if !after_dot && !path_next => {
                        let mut fresh = (*fresh).clone();
                        fresh.set_span(fresh.span().located_at(ident.span()));
                        out.extend([TokenTree::Ident(fresh)]);
                    }
                    _ => out.extend([tree.clone()]),
                }
            }
            TokenTree::Group(g) => {
                let mut group =
                    proc_macro2::Group::new(g.delimiter(), rename_tokens(g.stream(), renames));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            other => out.extend([other.clone()]),
        }
    }
    out
}
