//! Phase 1b: the types of a generator that the attribute leaves out, where
//! the body writes them down. A macro sees no types, so only what is
//! spelled out counts:
//!
//! - the yield type, from the first `suspend!(value)` whose value says its
//!   type: a cast (`x as u64`), a suffixed or string, char or bool literal,
//!   `format!(..)`, or a parameter of the fn with its declared type;
//! - the resume type, from the first `let x: T = suspend!(..)`.
//!
//! Anything else leaves the type unknown, and `validate::no_yield` asks
//! for `yield = T` as before. A value of another type than the one
//! inferred is a type error at that value, as with the attribute.

use syn::visit::Visit;
use syn::{Expr, FnArg, Lit, Pat, Signature, Type};

use crate::known::{self, MacroKind};
use crate::parse::Options;

/// Fills in `options.yield_ty` and `options.resume_ty` where the attribute
/// left them out and the body spells them.
pub fn generator_types(sig: &Signature, block: &syn::Block, options: &mut Options) {
    if options.yield_ty.is_some() && options.resume_ty.is_some() {
        return;
    }
    let mut finder = Finder {
        sig,
        yield_ty: None,
        resume_ty: None,
    };
    finder.visit_block(block);
    if options.yield_ty.is_none() {
        options.yield_ty = finder.yield_ty;
    }
    if options.resume_ty.is_none() {
        options.resume_ty = finder.resume_ty;
    }
}

struct Finder<'a> {
    sig: &'a Signature,
    yield_ty: Option<Type>,
    resume_ty: Option<Type>,
}

impl Finder<'_> {
    /// The type `value` spells out, if any.
    fn type_of(&self, value: &Expr) -> Option<Type> {
        match value {
            Expr::Cast(c) => Some((*c.ty).clone()),
            Expr::Paren(p) => self.type_of(&p.expr),
            Expr::Lit(l) => literal_type(&l.lit),
            Expr::Macro(m) if m.mac.path.is_ident("format") => Some(syn::parse_quote!(String)),
            Expr::Path(p) => {
                let ident = p.path.get_ident()?;
                self.sig.inputs.iter().find_map(|arg| match arg {
                    FnArg::Typed(t) => match &*t.pat {
                        Pat::Ident(pi) if pi.ident == *ident && !has_impl_trait(&t.ty) => {
                            Some((*t.ty).clone())
                        }
                        _ => None,
                    },
                    FnArg::Receiver(_) => None,
                })
            }
            _ => None,
        }
    }
}

fn literal_type(lit: &Lit) -> Option<Type> {
    match lit {
        Lit::Int(i) if !i.suffix().is_empty() => syn::parse_str(i.suffix()).ok(),
        Lit::Float(f) if !f.suffix().is_empty() => syn::parse_str(f.suffix()).ok(),
        Lit::Str(_) => Some(syn::parse_quote!(&'static str)),
        Lit::Char(_) => Some(syn::parse_quote!(char)),
        Lit::Bool(_) => Some(syn::parse_quote!(bool)),
        _ => None,
    }
}

fn has_impl_trait(ty: &Type) -> bool {
    struct Has(bool);
    impl Visit<'_> for Has {
        fn visit_type_impl_trait(&mut self, _: &syn::TypeImplTrait) {
            self.0 = true;
        }
    }
    let mut has = Has(false);
    has.visit_type(ty);
    has.0
}

/// The value of a `suspend!(..)` macro, if it hands one out (not a
/// suspend block).
fn suspend_value(mac: &syn::Macro) -> Option<Expr> {
    if known::classify(&mac.path) != MacroKind::Suspend || mac.tokens.is_empty() {
        return None;
    }
    match mac.parse_body::<Expr>() {
        Ok(Expr::Closure(_)) | Err(_) => None,
        Ok(value) => Some(value),
    }
}

fn is_suspend(e: &Expr) -> bool {
    matches!(e, Expr::Macro(m) if known::classify(&m.mac.path) == MacroKind::Suspend)
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.yield_ty.is_none() {
            if let Some(value) = suspend_value(mac) {
                self.yield_ty = self.type_of(&value);
            }
        }
        // Look into the arguments of other macros (`println!("{}",
        // suspend!(1u8))`) only as far as they parse as expressions.
        if let Ok(args) = mac
            .parse_body_with(syn::punctuated::Punctuated::<Expr, syn::Token![,]>::parse_terminated)
        {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if self.resume_ty.is_none() {
            if let (Pat::Type(typed), Some(init)) = (&local.pat, &local.init) {
                if is_suspend(&init.expr) {
                    self.resume_ty = Some((*typed.ty).clone());
                }
            }
        }
        syn::visit::visit_local(self, local);
    }

    // Items inside the body are other functions.
    fn visit_item(&mut self, _: &'ast syn::Item) {}
}
