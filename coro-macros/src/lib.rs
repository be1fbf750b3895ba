//! The `#[coroutine]` attribute of coro: a compile-time transform of an
//! ordinary fn containing `suspend!()` and `.await` into a state machine
//! over a frame. Users depend on `coro-runtime`, which re-exports it.
//!
//! The transform runs in five phases, each in its module with a plain
//! result type:
//!
//! | phase      | module     | result                                          |
//! |------------|------------|-------------------------------------------------|
//! | parse      | `parse`    | `CoroutineFn`, `Options`                        |
//! | infer      | `infer`    | a generator's types the attribute leaves out, where the body spells them |
//! | validate   | `validate` | errors, with spans, for what cannot be a coroutine |
//! | lower      | `lower`    | `ir::Body`: bindings resolved, points numbered, loops desugared |
//! | in place   | `inplace`  | the generated fn (`inplace/analysis`, `syntax`, `captures`, `layout`; the fn around the frame in `outer`), or `Unsupported`, reported as an error at the construct |
//!
//! `docs/how-it-works.md` in the repository walks through an expansion.

mod diag;
mod infer;
mod inplace;
mod ir;
mod known;
mod lower;
mod outer;
mod parse;
mod validate;

#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

/// See `coro_runtime::coroutine`, which re-exports this with its
/// documentation.
#[proc_macro_attribute]
pub fn coroutine(
    args: proc_macro::TokenStream,
    input: proc_macro::TokenStream,
) -> proc_macro::TokenStream {
    expand(args.into(), input.into()).into()
}

/// The whole transform, on `proc_macro2` tokens (so tests can run it).
fn expand(args: TokenStream, input: TokenStream) -> TokenStream {
    let errors = diag::Errors::new();
    let mut options = match parse::Options::parse(args) {
        Ok(options) => options,
        Err(error) => {
            errors.push(error);
            parse::Options {
                krate: syn::parse_quote!(::coro_runtime),
                send: false,
                yield_ty: None,
                resume_ty: None,
                inline: false,
            }
        }
    };
    let f: parse::CoroutineFn = match syn::parse2(input) {
        Ok(f) => f,
        Err(error) => {
            let mut out = errors.finish().unwrap_or_default();
            out.extend(error.to_compile_error());
            return out;
        }
    };
    infer::generator_types(&f.sig, &f.block, &mut options);
    validate::signature(&f.sig, &errors);
    validate::body(&f.sig, &f.block, &errors);
    let body = lower::lower(&f.sig, &f.block, &options.krate, &errors);
    if options.yield_ty.is_none() {
        validate::no_yield(&body, &errors);
    }
    if let Some(mut out) = errors.finish() {
        out.extend(fallback(&f, &options));
        return out;
    }
    match inplace::generate(&f, &options, &body) {
        Ok(out) => out,
        Err(unsupported) => {
            let mut out = unsupported_error(&unsupported).to_compile_error();
            out.extend(fallback(&f, &options));
            out
        }
    }
}

/// The error for a construct the in-place lowering does not support, at
/// the construct, saying what to write instead.
fn unsupported_error(u: &inplace::Unsupported) -> syn::Error {
    let message = match u.fix {
        Some(fix) => format!("`#[coroutine]` does not support {} yet: {fix}", u.what),
        None => format!(
            "`#[coroutine]` did not expect {} here: this is a bug of coro, please report it \
             with this fn",
            u.what
        ),
    };
    syn::Error::new(u.span, message)
}

/// When the transform reports errors, a stand-in with the same signature,
/// so that callers do not get a cascade of unrelated errors.
fn fallback(f: &parse::CoroutineFn, options: &parse::Options) -> TokenStream {
    let krate = &options.krate;
    let attrs = &f.attrs;
    let vis = &f.vis;
    let ident = &f.sig.ident;
    let generics = &f.sig.generics;
    let where_clause = &generics.where_clause;
    let inputs = &f.sig.inputs;
    let output = match &f.sig.output {
        syn::ReturnType::Type(_, ty) if !matches!(**ty, syn::Type::Never(_)) => quote!(#ty),
        _ => quote!(()),
    };
    let macro_paths = validate::macro_paths(&f.block);
    let send = options.send.then(|| quote!(+ ::core::marker::Send));
    let bound = outer::return_bound(options, &output);
    let unit = || syn::parse_quote!(());
    let yield_ty = options.yield_ty.clone().unwrap_or_else(unit);
    let resume_ty = options.resume_ty.clone().unwrap_or_else(unit);
    quote! {
        #(#attrs)*
        #[allow(unused_variables, unused_mut, dead_code)]
        #vis fn #ident #generics (#inputs) -> impl #bound #send #where_clause {
            #(#macro_paths!(@coro_used);)*
            #krate::__private::Errored::<_, #yield_ty, #resume_ty>::new()
        }
    }
}
