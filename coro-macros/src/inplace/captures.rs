//! The body of a closure or `async` block kept as written, with its free
//! uses of values in slots made places (`x` → `(*slot)`), scope by scope:
//! a name that a parameter, `let`, pattern or loop inside binds again is
//! the inner binding there, not the slot.
//!
//! A `move` closure or `async move` block nested inside copies the values
//! it names when it is created, and may outlive their slots: it gets
//! `let x = (*slot);` before it (a copy; a value that is not `Copy` is
//! E0507, the borrow checker's answer, never a dangling place).

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::visit_mut::{self, VisitMut};

use super::Unsupported;
use super::syntax::is_compound_assignment;

/// What the rewriter needs from the emitter.
pub(super) trait Places {
    /// The place of slot `slot`, for a use at `span`.
    fn place_at(&self, slot: usize, span: Span) -> TokenStream;
    /// Token-level substitution, for a macro's arguments.
    fn subst_tokens(
        &self,
        tokens: TokenStream,
        names: &[(String, usize)],
        span: Span,
    ) -> Result<TokenStream, Unsupported>;
}

/// `body` (an expression) with the free uses of `names` (name, slot)
/// replaced by their places; `None` if it does not parse as an expression.
pub(super) fn substitute(
    places: &dyn Places,
    body: &TokenStream,
    names: &[(String, usize)],
    span: Span,
) -> Option<Result<TokenStream, Unsupported>> {
    let mut e: syn::Expr = syn::parse2(body.clone()).ok()?;
    let mut r = Rewriter::new(places, names, span, false);
    r.visit_expr_mut(&mut e);
    Some(match r.error {
        Some(err) => Err(err),
        None => Ok(e.into_token_stream()),
    })
}

/// The free names among `names` that `body` (a closure's body) uses by
/// value (passed, bound, returned, stored) and never assigns or borrows
/// `&mut`: a non-`move` closure captures such a value by moving it in if
/// it is not `Copy`, and a copy is as good if it is (the closure reads
/// it, and the borrow checker forbids changing it while the closure
/// lives).
pub(super) fn moved_names(
    places: &dyn Places,
    body: &TokenStream,
    names: &[(String, usize)],
    span: Span,
) -> Vec<String> {
    let Ok(mut e) = syn::parse2::<syn::Expr>(body.clone()) else {
        return Vec::new();
    };
    let mut r = Rewriter::new(places, names, span, true);
    r.value(&e);
    r.visit_expr_mut(&mut e);
    let mut out = r.by_value;
    out.retain(|n| !r.mutated.contains(n));
    out.sort();
    out.dedup();
    out
}

struct Rewriter<'a> {
    places: &'a dyn Places,
    names: &'a [(String, usize)],
    /// Names bound inside the body, innermost scope last.
    scopes: Vec<Vec<String>>,
    span: Span,
    /// `Some`: only collect the free uses (first use of each), replace
    /// nothing.
    found: Option<Vec<(syn::Ident, usize)>>,
    /// Free names used by value (an argument, an initializer, a tail, ...),
    /// and free names assigned or borrowed `&mut`.
    by_value: Vec<String>,
    mutated: Vec<String>,
    error: Option<Unsupported>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter of `names`; `collect`: one that only collects the free
    /// uses.
    fn new(
        places: &'a dyn Places,
        names: &'a [(String, usize)],
        span: Span,
        collect: bool,
    ) -> Self {
        Rewriter {
            places,
            names,
            scopes: vec![Vec::new()],
            span,
            found: collect.then(Vec::new),
            by_value: Vec::new(),
            mutated: Vec::new(),
            error: None,
        }
    }

    /// The slot of `name` if it is a value in a slot not bound again here.
    fn slot(&self, name: &str) -> Option<usize> {
        if self.scopes.iter().any(|s| s.iter().any(|n| n == name)) {
            return None;
        }
        self.names
            .iter()
            .find(|(n, _)| n == name)
            .map(|&(_, slot)| slot)
    }

    fn bind(&mut self, pat: &syn::Pat) {
        let mut out = Vec::new();
        crate::lower::pattern_bindings(pat, &mut out);
        let top = self.scopes.last_mut().expect("a scope");
        top.extend(out.into_iter().map(|(ident, ..)| ident.to_string()));
    }

    fn scoped(&mut self, f: impl FnOnce(&mut Self)) {
        self.scopes.push(Vec::new());
        f(self);
        self.scopes.pop();
    }

    /// The free name `e` is, if it is one in a slot.
    fn free_name(&self, e: &syn::Expr) -> Option<String> {
        let syn::Expr::Path(p) = e else { return None };
        let ident = p.path.get_ident().filter(|_| p.qself.is_none())?;
        let name = ident.to_string();
        self.slot(&name).map(|_| name)
    }

    /// `e` is used by value.
    fn value(&mut self, e: &syn::Expr) {
        if let Some(name) = self.free_name(e) {
            self.by_value.push(name);
        }
    }

    /// `e` is assigned or borrowed `&mut`.
    fn mutate(&mut self, e: &syn::Expr) {
        if let Some(name) = self.free_name(e) {
            self.mutated.push(name);
        }
    }

    /// Notes how `e` uses its operands that are bare names.
    fn note_operands(&mut self, e: &syn::Expr) {
        match e {
            syn::Expr::Call(c) => c.args.iter().for_each(|a| self.value(a)),
            syn::Expr::MethodCall(m) => m.args.iter().for_each(|a| self.value(a)),
            syn::Expr::Assign(a) => {
                self.mutate(&a.left);
                self.value(&a.right);
            }
            syn::Expr::Binary(b) if is_compound_assignment(&b.op) => self.mutate(&b.left),
            syn::Expr::Reference(r) if r.mutability.is_some() => self.mutate(&r.expr),
            syn::Expr::Tuple(t) => t.elems.iter().for_each(|x| self.value(x)),
            syn::Expr::Array(a) => a.elems.iter().for_each(|x| self.value(x)),
            syn::Expr::Return(syn::ExprReturn { expr: Some(x), .. })
            | syn::Expr::Break(syn::ExprBreak { expr: Some(x), .. }) => self.value(x),
            syn::Expr::Struct(s) => s.fields.iter().for_each(|f| self.value(&f.expr)),
            _ => {}
        }
    }

    /// A use of `ident`: its place if it names a value in a slot.
    fn use_of(&mut self, ident: &syn::Ident) -> Option<TokenStream> {
        let slot = self.slot(&ident.to_string())?;
        match &mut self.found {
            Some(found) => {
                if !found.iter().any(|(i, _)| i == ident) {
                    found.push((ident.clone(), slot));
                }
                None
            }
            None => Some(self.places.place_at(slot, ident.span())),
        }
    }

    /// A `move` closure or `async move` block: copies of the values in
    /// slots it names, made when it is created, which it captures.
    fn moving(&mut self, e: &mut syn::Expr) {
        let mut collect = Rewriter::new(self.places, self.names, self.span, true);
        collect.scopes = self.scopes.clone();
        collect.walk(e);
        let free = collect.found.unwrap_or_default();
        if free.is_empty() || self.found.is_some() {
            if let Some(found) = &mut self.found {
                found.extend(free);
            }
            return;
        }
        let lets = free.iter().map(|(ident, slot)| {
            let place = self.places.place_at(*slot, ident.span());
            quote!(#[allow(unused_mut)] let mut #ident = #place;)
        });
        let inner = e.to_token_stream();
        *e = syn::Expr::Verbatim(quote!({ #(#lets)* #inner }));
    }

    fn macro_tokens(&mut self, tokens: &mut TokenStream) {
        let names: Vec<(String, usize)> = self
            .names
            .iter()
            .filter(|(n, _)| self.slot(n).is_some())
            .cloned()
            .collect();
        if let Some(found) = &mut self.found {
            // Collecting: a name in the tokens, or in a format string
            // there, counts as a use.
            let mut idents = Vec::new();
            let trees: Vec<proc_macro2::TokenTree> = tokens.clone().into_iter().collect();
            super::syntax::idents_in(&trees, &mut idents);
            for ident in idents {
                if let Some((_, slot)) = names.iter().find(|(n, _)| ident == n) {
                    if !found.iter().any(|(i, _)| *i == ident) {
                        found.push((ident, *slot));
                    }
                }
            }
            return;
        }
        match self.places.subst_tokens(tokens.clone(), &names, self.span) {
            Ok(t) => *tokens = t,
            Err(e) => self.error = Some(e),
        }
    }

    /// Visits `e` with the default walk (not `visit_expr_mut`'s special
    /// cases for `e` itself).
    fn walk(&mut self, e: &mut syn::Expr) {
        match e {
            syn::Expr::Closure(c) => self.scoped(|r| {
                for input in &c.inputs {
                    r.bind(input);
                }
                r.visit_expr_mut(&mut c.body);
            }),
            syn::Expr::Async(a) => self.visit_block_mut(&mut a.block),
            _ => visit_mut::visit_expr_mut(self, e),
        }
    }
}

impl VisitMut for Rewriter<'_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        self.note_operands(e);
        match e {
            syn::Expr::Path(p) if p.qself.is_none() => {
                if let Some(ident) = p.path.get_ident().cloned() {
                    if let Some(place) = self.use_of(&ident) {
                        *e = syn::Expr::Verbatim(place);
                    }
                }
            }
            syn::Expr::Closure(c) if c.capture.is_some() => self.moving(e),
            syn::Expr::Async(a) if a.capture.is_some() => self.moving(e),
            syn::Expr::Closure(_) | syn::Expr::Async(_) => self.walk(e),
            syn::Expr::Macro(m) => self.macro_tokens(&mut m.mac.tokens),
            syn::Expr::ForLoop(f) => {
                self.visit_expr_mut(&mut f.expr);
                self.scoped(|r| {
                    r.bind(&f.pat);
                    r.visit_block_mut(&mut f.body);
                });
            }
            syn::Expr::Match(m) => {
                self.visit_expr_mut(&mut m.expr);
                for arm in &mut m.arms {
                    self.scoped(|r| {
                        r.bind(&arm.pat);
                        if let Some((_, guard)) = &mut arm.guard {
                            r.visit_expr_mut(guard);
                        }
                        r.visit_expr_mut(&mut arm.body);
                    });
                }
            }
            // A `let` in a condition binds in the rest of the condition
            // and in the branch or body (the scope `If`/`While` opened).
            syn::Expr::Let(l) => {
                self.visit_expr_mut(&mut l.expr);
                self.bind(&l.pat);
            }
            syn::Expr::If(i) => {
                self.scoped(|r| {
                    r.visit_expr_mut(&mut i.cond);
                    r.visit_block_mut(&mut i.then_branch);
                });
                if let Some((_, otherwise)) = &mut i.else_branch {
                    self.visit_expr_mut(otherwise);
                }
            }
            syn::Expr::While(w) => self.scoped(|r| {
                r.visit_expr_mut(&mut w.cond);
                r.visit_block_mut(&mut w.body);
            }),
            syn::Expr::Struct(s) => {
                for field in &mut s.fields {
                    // `S { x }`: `x` is a use of `x`.
                    if field.colon_token.is_none() {
                        if let syn::Member::Named(name) = &field.member {
                            let name = name.clone();
                            if let Some(place) = self.use_of(&name) {
                                field.colon_token = Some(Default::default());
                                field.expr = syn::Expr::Verbatim(place);
                            }
                            continue;
                        }
                    }
                    self.visit_expr_mut(&mut field.expr);
                }
                if let Some(rest) = &mut s.rest {
                    self.visit_expr_mut(rest);
                }
            }
            _ => self.walk(e),
        }
    }

    fn visit_block_mut(&mut self, b: &mut syn::Block) {
        self.scoped(|r| {
            let n = b.stmts.len();
            for (i, stmt) in b.stmts.iter_mut().enumerate() {
                match stmt {
                    syn::Stmt::Local(local) => {
                        if let Some(init) = &mut local.init {
                            r.value(&init.expr);
                            r.visit_expr_mut(&mut init.expr);
                            if let Some((_, diverge)) = &mut init.diverge {
                                r.visit_expr_mut(diverge);
                            }
                        }
                        r.bind(&local.pat);
                    }
                    syn::Stmt::Item(_) => {}
                    syn::Stmt::Expr(e, semi) => {
                        if semi.is_none() && i + 1 == n {
                            r.value(e);
                        }
                        r.visit_expr_mut(e);
                    }
                    syn::Stmt::Macro(m) => r.macro_tokens(&mut m.mac.tokens),
                }
            }
        });
    }

    // Items, patterns and types name no locals.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_pat_mut(&mut self, _: &mut syn::Pat) {}
    fn visit_type_mut(&mut self, _: &mut syn::Type) {}
}
