//! Phase 1: parse the attribute's options and the annotated function.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Block, Path, Signature, Token, Visibility};

/// The annotated function.
pub struct CoroutineFn {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub defaultness: Option<Token![default]>,
    pub sig: Signature,
    pub block: Block,
}

/// Options given to the attribute: `#[coroutine(crate = path, send)]`
/// (`inplace`, the only lowering, is accepted and changes nothing).
pub struct Options {
    /// Path to the runtime crate; `::coro_runtime` unless given.
    pub krate: Path,
    /// `send`: the returned frame type declares `+ Send`, so that rustc
    /// checks it where the function is defined. Needed where rustc cannot
    /// infer it, as in recursion through `boxed_send`.
    pub send: bool,
    /// `yield = T`: what `suspend!(value)` hands out (the fn returns an
    /// `impl Generator`).
    pub yield_ty: Option<syn::Type>,
    /// `resume = R`: what `resume_with` passes in and `suspend!()`
    /// evaluates to.
    pub resume_ty: Option<syn::Type>,
    /// `inline`: the body is inlined into its frame's resume whatever its
    /// size (by default only small bodies are).
    pub inline: bool,
}

impl Options {
    /// Whether the fn is a generator: it hands values out or takes them in.
    pub fn generator(&self) -> bool {
        self.yield_ty.is_some() || self.resume_ty.is_some()
    }
}

impl Parse for CoroutineFn {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let defaultness: Option<Token![default]> = input.parse()?;
        let sig: Signature = input.parse()?;
        if input.peek(Token![;]) {
            return Err(input.error(
                "#[coroutine] needs a function body; on a trait method without one, \
                 declare `fn name(..) -> impl coro_runtime::Coroutine<Output = T>` instead",
            ));
        }
        let block: Block = input.parse()?;
        Ok(CoroutineFn {
            attrs,
            vis,
            defaultness,
            sig,
            block,
        })
    }
}

impl Options {
    pub fn parse(args: TokenStream) -> syn::Result<Options> {
        let mut krate: Option<Path> = None;
        let mut send = false;
        let mut inplace = false;
        let mut inline = false;
        let mut yield_ty: Option<syn::Type> = None;
        let mut resume_ty: Option<syn::Type> = None;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("send") {
                if send {
                    return Err(meta.error("`send` is given twice"));
                }
                send = true;
                Ok(())
            } else if meta.path.is_ident("inline") {
                if inline {
                    return Err(meta.error("`inline` is given twice"));
                }
                inline = true;
                Ok(())
            } else if meta.path.is_ident("inplace") {
                // The default since the legacy lowering went; accepted so
                // that code written for both still compiles.
                if inplace {
                    return Err(meta.error("`inplace` is given twice"));
                }
                inplace = true;
                Ok(())
            } else if meta.path.is_ident("legacy") {
                Err(meta.error(
                    "the legacy lowering was removed: remove `legacy`; `#[coroutine]` keeps \
                     every value in the frame, and docs/limitations.md says what it does not \
                     support and what to write instead",
                ))
            } else if meta.path.is_ident("yield") || meta.path.is_ident("resume") {
                let which = if meta.path.is_ident("yield") {
                    &mut yield_ty
                } else {
                    &mut resume_ty
                };
                if which.is_some() {
                    return Err(meta.error("given twice"));
                }
                *which = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("crate") {
                if krate.is_some() {
                    return Err(meta.error("`crate` is given twice"));
                }
                let value = meta.value()?;
                krate = Some(if value.peek(syn::LitStr) {
                    value.parse::<syn::LitStr>()?.parse()?
                } else {
                    value.parse()?
                });
                Ok(())
            } else {
                Err(meta.error(
                    "unknown #[coroutine] option; the options are `yield = T`, `resume = R`, \
                     `crate = path::to::coro_runtime`, `send`, `inline` and `inplace` (the \
                     default, accepted)",
                ))
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        Ok(Options {
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::coro_runtime)),
            send,
            yield_ty,
            resume_ty,
            inline,
        })
    }
}
