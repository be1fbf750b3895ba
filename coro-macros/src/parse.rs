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

/// Options given to the attribute: `#[coroutine(crate = path, send)]`.
pub struct Options {
    /// Path to the runtime crate; `::coro_runtime` unless given.
    pub krate: Path,
    /// `send`: the returned frame type declares `+ Send`, so that rustc
    /// checks it where the function is defined. Needed where rustc cannot
    /// infer it, as in recursion through `boxed_send`.
    pub send: bool,
    /// Which lowering: `inplace` (the in-place lowering only; an error where
    /// it does not support the body yet), `legacy` (the previous,
    /// value-moving lowering), or neither (the in-place lowering, falling
    /// back to the legacy one where it does not support the body yet).
    pub lowering: Lowering,
}

/// The lowering `#[coroutine]` uses (see [`Options::lowering`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lowering {
    /// No option: in place, or an error.
    Default,
    /// `inplace`: the same as no option (kept so that code written when
    /// the default could fall back to the legacy lowering still compiles).
    InPlace,
    /// `legacy`: values moved out of the frame and back at every point.
    Legacy,
}

impl Lowering {
    /// Whether the in-place lowering is tried first.
    pub fn in_place(self) -> bool {
        self != Lowering::Legacy
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
        let mut lowering: Option<(Lowering, &'static str)> = None;
        let mut choose =
            |which: Lowering, name: &'static str, meta: &syn::meta::ParseNestedMeta| match lowering
            {
                Some((_, before)) if before == name => {
                    Err(meta.error(format!("`{name}` is given twice")))
                }
                Some((_, before)) => Err(meta.error(format!(
                    "`{name}` and `{before}` choose different lowerings; give one"
                ))),
                None => {
                    lowering = Some((which, name));
                    Ok(())
                }
            };
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("send") {
                if send {
                    return Err(meta.error("`send` is given twice"));
                }
                send = true;
                Ok(())
            } else if meta.path.is_ident("inplace") {
                choose(Lowering::InPlace, "inplace", &meta)
            } else if meta.path.is_ident("legacy") {
                choose(Lowering::Legacy, "legacy", &meta)
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
                    "unknown #[coroutine] option; the options are `crate = path::to::coro_runtime`, \
                     `send`, `inplace` and `legacy`",
                ))
            }
        });
        syn::parse::Parser::parse2(parser, args)?;
        Ok(Options {
            krate: krate.unwrap_or_else(|| syn::parse_quote!(::coro_runtime)),
            send,
            lowering: lowering.map_or(Lowering::Default, |(which, _)| which),
        })
    }
}
