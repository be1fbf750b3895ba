//! Phase 2: reject what the transform cannot turn into a coroutine, with an
//! error at the offending tokens that says what to write instead. Every
//! problem is reported, not only the first.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{
    Expr, ExprAsync, ExprClosure, ExprMacro, Item, Macro, ReturnType, Signature, Stmt, Type,
};

use crate::diag::Errors;
use crate::known;

/// Checks the signature.
pub fn signature(sig: &Signature, errors: &Errors) {
    if let Some(token) = &sig.asyncness {
        errors.error(
            token.span,
            "#[coroutine] cannot be applied to an `async fn`: remove `async`; \
             the attribute makes the fn a coroutine and `.await` works in it",
        );
    }
    if let Some(token) = &sig.constness {
        errors.error(token.span, "#[coroutine] cannot be applied to a `const fn`");
    }
    if let Some(token) = &sig.unsafety {
        errors.error(
            token.span,
            "#[coroutine] cannot be applied to an `unsafe fn`: make it safe and put the \
             unsafe operations in `unsafe { .. }` blocks inside it",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.error_spanned(
            abi,
            "#[coroutine] cannot be applied to an `extern` fn: a coroutine returns a Rust frame",
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.error_spanned(variadic, "#[coroutine] cannot be applied to a variadic fn");
    }
    if let ReturnType::Type(_, ty) = &sig.output {
        if let Type::Never(never) = &**ty {
            errors.error_spanned(
                never,
                "a #[coroutine] fn cannot return `!`; return `core::convert::Infallible` instead",
            );
        }
    }
}

/// Checks the body for suspension points where nothing can suspend, and
/// for a coroutine that awaits itself directly.
pub fn body(sig: &Signature, block: &syn::Block, errors: &Errors) {
    let mut v = Places {
        errors,
        context: Context::Body,
        name: &sig.ident,
        has_self: sig.receiver().is_some(),
    };
    v.visit_block(block);
}

/// Whether `operand` calls the coroutine itself: `name(..)`,
/// `Self::name(..)` or `self.name(..)`.
fn calls_itself(operand: &Expr, name: &syn::Ident, has_self: bool) -> bool {
    match operand {
        Expr::Paren(p) => calls_itself(&p.expr, name, has_self),
        Expr::Group(g) => calls_itself(&g.expr, name, has_self),
        Expr::Call(call) => match &*call.func {
            Expr::Path(p) if p.qself.is_none() => {
                let segments: Vec<_> = p.path.segments.iter().collect();
                match segments.as_slice() {
                    [only] => only.ident == *name,
                    [ty, f] => ty.ident == "Self" && f.ident == *name,
                    _ => false,
                }
            }
            _ => false,
        },
        Expr::MethodCall(m) => {
            has_self
                && m.method == *name
                && matches!(&*m.receiver, Expr::Path(p) if p.path.is_ident("self"))
        }
        _ => false,
    }
}

/// What encloses the code being visited.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// The coroutine's own body: suspension points are fine.
    Body,
    /// A closure: it runs whenever it is called, it cannot suspend the
    /// coroutine.
    Closure,
    /// An `async` block or closure: `.await` is Rust's own there; our
    /// `suspend!()` cannot be used.
    Async,
}

struct Places<'a> {
    errors: &'a Errors,
    context: Context,
    /// The coroutine's name, to spot direct recursion.
    name: &'a syn::Ident,
    has_self: bool,
}

impl Places<'_> {
    fn with(&mut self, context: Context, f: impl FnOnce(&mut Self)) {
        let saved = self.context;
        self.context = context;
        f(self);
        self.context = saved;
    }

    fn suspension(&mut self, tokens: &dyn ToTokens, what: &str) {
        let message = match self.context {
            Context::Body => return,
            Context::Closure => format!(
                "{what} cannot be used inside a closure: a closure is not a coroutine and \
                 cannot suspend the one it is in; write the code in the coroutine's body, or \
                 make the closure a separate #[coroutine] fn and `.await` it"
            ),
            Context::Async => format!(
                "{what} cannot be used inside an `async` block: it suspends a #[coroutine], and \
                 an async block is a separate future"
            ),
        };
        self.errors.error_spanned(tokens, message);
    }

    /// An awaited operand that calls the coroutine itself: its frame would
    /// contain itself.
    fn awaited(&mut self, operand: &Expr) {
        if self.context == Context::Body && calls_itself(operand, self.name, self.has_self) {
            self.errors.error_spanned(
                operand,
                format!(
                    "`{name}` awaits itself: its frame would contain its own frame, an \
                     infinitely large type. Box the recursive call, which then lives on the \
                     heap: `coro_runtime::boxed({call}).await` (with the runtime's `alloc` \
                     feature)",
                    name = self.name,
                    call = operand
                        .to_token_stream()
                        .to_string()
                        .replace(" (", "(")
                        .replace(" ,", ",")
                        .replace(" :: ", "::"),
                ),
            );
        }
    }

    fn macro_call(&mut self, mac: &Macro) {
        match known::classify(&mac.path) {
            known::MacroKind::Suspend => {
                self.suspension(mac, "`suspend!()`");
                // A suspend block: `suspend!(|me| ..)`. The block is a
                // closure (it cannot suspend); parse errors are reported
                // when lowering.
                if !mac.tokens.is_empty() {
                    if let Ok(expr) = mac.parse_body::<Expr>() {
                        self.visit_expr(&expr);
                    }
                }
            }
            known::MacroKind::Await => {
                if self.context != Context::Async {
                    self.suspension(mac, "`r#await!(..)`");
                }
                if let Ok(expr) = mac.parse_body::<Expr>() {
                    self.awaited(&expr);
                    self.visit_expr(&expr);
                }
            }
            known::MacroKind::YieldFrom => {
                self.suspension(mac, "`yield_from!(..)`");
                if let Ok(expr) = mac.parse_body::<Expr>() {
                    self.awaited(&expr);
                    self.visit_expr(&expr);
                }
            }
            known::MacroKind::Select => {
                self.suspension(mac, "`select!`");
                // Malformed input is reported when lowering.
                if let Ok(select) = known::parse_select(mac) {
                    for case in &select.cases {
                        self.visit_expr(&case.op);
                        self.visit_expr(&case.body);
                    }
                    if let Some(body) = &select.default {
                        self.visit_expr(body);
                    }
                }
            }
            known::MacroKind::Join => {
                self.suspension(mac, "`join!`");
                // Malformed input is reported when lowering.
                if let Ok(exprs) = known::parse_join(mac) {
                    for e in &exprs {
                        self.visit_expr(e);
                    }
                }
            }
            known::MacroKind::Unknown => {
                if let Some(span) = suspension_in_tokens(&mac.tokens) {
                    if self.context == Context::Body {
                        self.errors.error(
                            span,
                            format!(
                                "cannot suspend inside `{}!(..)`: the transform only looks into \
                                 the arguments of the standard formatting, assertion and `vec!` \
                                 macros; evaluate this before the macro and bind it to a local",
                                mac.path.to_token_stream().to_string().replace(' ', "")
                            ),
                        );
                    }
                }
            }
            _ => {
                // A known macro: its arguments are expressions.
                if let Some(args) = known::parse_args(mac) {
                    for arg in args.exprs() {
                        self.visit_expr(arg);
                    }
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Places<'_> {
    fn visit_expr_await(&mut self, node: &'ast syn::ExprAwait) {
        if self.context != Context::Async {
            self.suspension(node, "`.await`");
            self.awaited(&node.base);
        }
        self.visit_expr(&node.base);
    }

    fn visit_expr_closure(&mut self, node: &'ast ExprClosure) {
        let context = if node.asyncness.is_some() {
            Context::Async
        } else {
            Context::Closure
        };
        self.with(context, |v| v.visit_expr(&node.body));
    }

    fn visit_expr_async(&mut self, node: &'ast ExprAsync) {
        self.with(Context::Async, |v| v.visit_block(&node.block));
    }

    fn visit_arm(&mut self, node: &'ast syn::Arm) {
        if let Some((_, guard)) = &node.guard {
            self.visit_expr(guard);
        }
        self.visit_expr(&node.body);
    }

    fn visit_expr_macro(&mut self, node: &'ast ExprMacro) {
        self.macro_call(&node.mac);
    }

    fn visit_stmt(&mut self, node: &'ast Stmt) {
        match node {
            Stmt::Macro(m) => self.macro_call(&m.mac),
            _ => syn::visit::visit_stmt(self, node),
        }
    }

    fn visit_item(&mut self, _: &'ast Item) {
        // A nested item is not part of this coroutine.
    }

    fn visit_expr_const(&mut self, _: &'ast syn::ExprConst) {
        // Checked by rustc: a const block cannot suspend anything.
    }
}

/// The paths `suspend!` and `r#await!` are written with anywhere in the
/// body (closures included), once each: the expansion invokes each with
/// `@coro_used`, so that the user's import of them counts as used.
pub fn macro_paths(block: &syn::Block) -> Vec<TokenStream> {
    struct Paths(Vec<TokenStream>);
    impl<'ast> Visit<'ast> for Paths {
        fn visit_macro(&mut self, mac: &'ast Macro) {
            if known::classify(&mac.path).suspends() {
                let path = mac.path.to_token_stream();
                if !self.0.iter().any(|p| p.to_string() == path.to_string()) {
                    self.0.push(path);
                }
            }
            if let Ok(expr) = mac.parse_body_with(
                syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated,
            ) {
                for e in &expr {
                    self.visit_expr(e);
                }
            }
        }
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let mut paths = Paths(Vec::new());
    paths.visit_block(block);
    paths.0
}

/// Whether a block suspends the coroutine: it contains `.await`,
/// `suspend!` or `r#await!` outside closures, async blocks and items.
pub fn suspends(block: &syn::Block) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
            self.0 = true;
        }
        fn visit_macro(&mut self, mac: &'ast Macro) {
            match known::classify(&mac.path) {
                kind if kind.suspends() => self.0 = true,
                known::MacroKind::Unknown => {}
                _ => {
                    if let Some(args) = known::parse_args(mac) {
                        for arg in args.exprs() {
                            self.visit_expr(arg);
                        }
                    }
                }
            }
        }
        fn visit_expr_closure(&mut self, _: &'ast ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'ast ExprAsync) {}
        fn visit_item(&mut self, _: &'ast Item) {}
    }
    let mut finder = Finder(false);
    finder.visit_block(block);
    finder.0
}

/// The span of the first `.await`, `suspend!` or `r#await!` in raw tokens.
pub fn suspension_in_tokens(tokens: &TokenStream) -> Option<proc_macro2::Span> {
    let trees: Vec<_> = tokens.clone().into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            proc_macro2::TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let next_is_bang = matches!(
                    trees.get(i + 1),
                    Some(proc_macro2::TokenTree::Punct(p)) if p.as_char() == '!'
                );
                let after_dot = i > 0
                    && matches!(&trees[i - 1], proc_macro2::TokenTree::Punct(p) if p.as_char() == '.');
                if (name == "await" && after_dot)
                    || (next_is_bang
                        && (name == "suspend" || name == "r#await" || name == "select"))
                {
                    return Some(ident.span());
                }
            }
            proc_macro2::TokenTree::Group(group) => {
                if let Some(span) = suspension_in_tokens(&group.stream()) {
                    return Some(span);
                }
            }
            _ => {}
        }
    }
    let _ = tokens.span();
    None
}

/// `suspend!(value)` in a coroutine that hands nothing out: the type of the
/// values is named in the attribute.
pub fn no_yield(body: &crate::ir::Body, errors: &Errors) {
    for point in &body.points {
        let what = match point.kind {
            crate::ir::PointKind::Yield => "`suspend!(value)` hands a value out",
            crate::ir::PointKind::Delegate => "`yield_from!(..)` hands values out",
            _ => continue,
        };
        errors.error(
            point.span,
            format!(
                "{what}, so this coroutine is a generator: name the type of its values with \
                 `#[coro_runtime::coroutine(yield = T)]`"
            ),
        );
    }
}
