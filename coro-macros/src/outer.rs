//! The coroutine fn around the frame: the user's name, generics and
//! parameters, returning `impl Coroutine<Output = T>` with every lifetime
//! it needs named and captured; the body builds the frame and runs
//! nothing.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::visit_mut::VisitMut;
use syn::{FnArg, GenericParam, Lifetime, Pat, ReturnType, Signature, Type};

use crate::ir::Body;
use crate::parse::{CoroutineFn, Options};

/// The coroutine fn around `frame`, the expression that builds its frame
/// (shared by both lowerings): the same name, generics and parameters,
/// returning `impl Coroutine<Output = T>`. `check` goes before the frame.
pub(crate) fn outer_fn(
    f: &CoroutineFn,
    options: &Options,
    body: &Body,
    check: TokenStream,
    frame: TokenStream,
) -> TokenStream {
    let krate = &options.krate;
    let (mut sig, mut lifetimes) = outer_signature(&f.sig);
    let has_self = matches!(f.sig.inputs.first(), Some(FnArg::Receiver(_)));
    frame_lifetime(&mut sig, &mut lifetimes, has_self);
    let output = match &f.sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => {
            let mut ty = (**ty).clone();
            if let Some(lifetime) = elision_target(&sig) {
                FillElided(lifetime).visit_type_mut(&mut ty);
            }
            ty.to_token_stream()
        }
    };
    let frame_ident = format_ident!("__frame", span = Span::mixed_site());
    let captures = if lifetimes.is_empty() && !has_self {
        quote!()
    } else {
        let self_ty = if has_self {
            quote!(*const Self,)
        } else {
            quote!()
        };
        quote!(+ #krate::__private::Captures<(#(&#lifetimes (),)* #self_ty)>)
    };

    let items = &body.items;
    let macro_paths = &body.macro_paths;
    let attrs = &f.attrs;
    let vis = &f.vis;
    let defaultness = &f.defaultness;
    let Signature {
        constness,
        asyncness,
        unsafety,
        abi,
        fn_token,
        ident,
        generics,
        inputs,
        variadic,
        ..
    } = &sig;
    let where_clause = &generics.where_clause;
    let send = options.send.then(|| quote!(+ ::core::marker::Send));
    let bound = return_bound(options, &output);
    quote! {
        #(#attrs)*
        #vis #defaultness #constness #asyncness #unsafety #abi #fn_token #ident #generics (#inputs #variadic)
            -> impl #bound #send #captures
        #where_clause
        {
            #(#items)*
            #(#macro_paths!(@coro_used);)*
            #check
            // `unused_mut`: a `let mut` whose mutation is after a suspension
            // point is mutated in another arm than the one declaring it.
            #[allow(unreachable_code, unused_mut, unused_parens, unused_braces, unused_labels, unused_unsafe, clippy::needless_return, clippy::let_and_return, clippy::blocks_in_conditions, clippy::unused_unit, clippy::diverging_sub_expression)]
            let #frame_ident = #frame;
            #frame_ident
        }
    }
}

/// The trait the returned frame implements: `Coroutine<Output = T>`, or
/// for a generator `Generator<Yield = Y, Resume = R, Output = T>`.
pub(crate) fn return_bound(options: &Options, output: &TokenStream) -> TokenStream {
    let krate = &options.krate;
    if !options.generator() {
        return quote!(#krate::Coroutine<Output = #output>);
    }
    let unit = || syn::parse_quote!(());
    let y = options.yield_ty.clone().unwrap_or_else(unit);
    let r = options.resume_ty.clone().unwrap_or_else(unit);
    quote!(#krate::Generator<Yield = #y, Resume = #r, Output = #output>)
}

/// Adds `'__frame` to the in-place lowering's fn: a lifetime that every
/// lifetime and type parameter (and `Self`) outlives, captured by the
/// returned type. A slot holding a borrow of another slot (`slice::Iter<'x,
/// T>` over a `Vec<T>` in the frame) has a lifetime no parameter names; the
/// returned type may only contain captured lifetimes, and without this one
/// rustc would make it `'static`, which needs `T: 'static` (E0310). Callers
/// never name it: it is inferred, as short as the coroutine's use.
fn frame_lifetime(sig: &mut Signature, lifetimes: &mut Vec<Lifetime>, has_self: bool) {
    let params = &sig.generics.params;
    let types: Vec<syn::Ident> = params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Type(t) => Some(t.ident.clone()),
            _ => None,
        })
        .collect();
    // Only for a fn with type parameters of its own: a lifetime parameter
    // added to a method without them would no longer match its trait's
    // declaration (E0195), and without a type parameter `'static` serves.
    if types.is_empty() {
        return;
    }
    let frame = Lifetime::new("'__frame", Span::call_site());
    // Each bound goes where the parameter's others are (clippy's
    // `multiple_bound_locations` otherwise): inline, unless the user's
    // `where` clause bounds it.
    let in_where = |name: &str| {
        sig.generics.where_clause.as_ref().is_some_and(|w| {
            w.predicates.iter().any(|p| match p {
                syn::WherePredicate::Type(t) => t.bounded_ty.to_token_stream().to_string() == name,
                syn::WherePredicate::Lifetime(l) => l.lifetime.to_string() == name,
                _ => false,
            })
        })
    };
    let own_lifetime = |name: &str| {
        sig.generics
            .lifetimes()
            .any(|p| p.lifetime.to_string() == name)
    };
    let mut bounds: Vec<syn::WherePredicate> = Vec::new();
    let mut inline: Vec<String> = Vec::new();
    for l in lifetimes.iter() {
        if in_where(&l.to_string()) || !own_lifetime(&l.to_string()) {
            bounds.push(syn::parse_quote!(#l: #frame));
        } else {
            inline.push(l.to_string());
        }
    }
    for t in &types {
        if in_where(&t.to_string()) {
            bounds.push(syn::parse_quote!(#t: #frame));
        } else {
            inline.push(t.to_string());
        }
    }
    if has_self {
        bounds.push(syn::parse_quote!(Self: #frame));
    }
    for p in sig.generics.params.iter_mut() {
        match p {
            GenericParam::Type(t) if inline.contains(&t.ident.to_string()) => {
                t.bounds.push(syn::TypeParamBound::Lifetime(frame.clone()));
            }
            GenericParam::Lifetime(l) if inline.contains(&l.lifetime.to_string()) => {
                l.bounds.push(frame.clone());
            }
            _ => {}
        }
    }
    sig.generics.params.insert(
        0,
        GenericParam::Lifetime(syn::LifetimeParam::new(frame.clone())),
    );
    if !bounds.is_empty() {
        sig.generics.make_where_clause().predicates.extend(bounds);
    }
    if sig.generics.lt_token.is_none() {
        sig.generics.lt_token = Some(Default::default());
        sig.generics.gt_token = Some(Default::default());
    }
    lifetimes.push(frame);
}

/// The number of tokens in `tokens`, groups included.
pub(crate) fn token_weight(tokens: &TokenStream) -> usize {
    tokens
        .clone()
        .into_iter()
        .map(|tree| match tree {
            proc_macro2::TokenTree::Group(g) => 1 + token_weight(&g.stream()),
            _ => 1,
        })
        .sum()
}

/// `path` with every token's location moved to `span` (for error messages;
/// a path to the runtime resolves the same from anywhere).
pub(crate) fn respan(path: &syn::Path, span: Span) -> syn::Path {
    respan_with(path, span, false)
}

/// `path` with every token's span replaced by `span`, hygiene included: a
/// call through it is then entirely the user's code to rustc, and a
/// `#[track_caller]` function called there reports the user's line (with
/// [`respan`], the path keeps the macro's context, and `Location::caller()`
/// reports the attribute). A path to the runtime resolves the same in the
/// user's context.
pub(crate) fn respan_exact(path: &syn::Path, span: Span) -> syn::Path {
    respan_with(path, span, true)
}

fn respan_with(path: &syn::Path, span: Span, exact: bool) -> syn::Path {
    fn tokens(stream: TokenStream, span: Span, exact: bool) -> TokenStream {
        stream
            .into_iter()
            .map(|mut tree| {
                if let proc_macro2::TokenTree::Group(g) = &tree {
                    let mut group =
                        proc_macro2::Group::new(g.delimiter(), tokens(g.stream(), span, exact));
                    group.set_span(span);
                    tree = proc_macro2::TokenTree::Group(group);
                } else if exact {
                    tree.set_span(span);
                } else {
                    tree.set_span(tree.span().located_at(span));
                }
                tree
            })
            .collect()
    }
    syn::parse2(tokens(path.to_token_stream(), span, exact)).expect("a path")
}

pub(crate) fn contains_impl_trait(output: &ReturnType) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_type_impl_trait(&mut self, _: &'ast syn::TypeImplTrait) {
            self.0 = true;
        }
    }
    let mut finder = Finder(false);
    syn::visit::visit_return_type(&mut finder, output);
    finder.0
}

/// The outer fn's signature: patterns replaced by `__argN`, `mut` dropped
/// from parameters (the frame owns them), and every elided lifetime in a
/// parameter named, so that the returned `impl Coroutine` can capture it in
/// edition 2021. Returns the lifetimes to capture.
fn outer_signature(sig: &Signature) -> (Signature, Vec<Lifetime>) {
    let mut sig = sig.clone();
    let mut namer = NameElided {
        next: 0,
        named: Vec::new(),
    };
    for (index, input) in sig.inputs.iter_mut().enumerate() {
        match input {
            FnArg::Receiver(receiver) => {
                if let Some((_, lifetime)) = &mut receiver.reference {
                    let named = namer.name(lifetime.as_ref());
                    *lifetime = Some(named.clone());
                    if let Type::Reference(r) = &mut *receiver.ty {
                        r.lifetime = Some(named);
                    }
                } else {
                    namer.visit_type_mut(&mut receiver.ty);
                }
                if receiver.reference.is_none() {
                    // `mut self` → `self`: the frame owns it.
                    receiver.mutability = None;
                }
            }
            FnArg::Typed(typed) => {
                namer.visit_type_mut(&mut typed.ty);
                let ident = outer_param(&typed.pat, index);
                *typed.pat = syn::parse_quote!(#ident);
            }
        }
    }
    let mut lifetimes: Vec<Lifetime> = sig
        .generics
        .params
        .iter()
        .filter_map(|p| match p {
            GenericParam::Lifetime(l) => Some(l.lifetime.clone()),
            _ => None,
        })
        .collect();
    for lifetime in &namer.named {
        sig.generics.params.insert(
            0,
            GenericParam::Lifetime(syn::LifetimeParam::new(lifetime.clone())),
        );
    }
    lifetimes.extend(namer.named);
    // Lifetime parameters must come first.
    let params: Vec<GenericParam> = sig.generics.params.iter().cloned().collect();
    let (lts, others): (Vec<_>, Vec<_>) = params
        .into_iter()
        .partition(|p| matches!(p, GenericParam::Lifetime(_)));
    sig.generics.params = lts.into_iter().chain(others).collect();
    if sig.generics.lt_token.is_none() && !sig.generics.params.is_empty() {
        sig.generics.lt_token = Some(Default::default());
        sig.generics.gt_token = Some(Default::default());
    }
    (sig, lifetimes)
}

/// The names the outer fn passes to the frame, in order.
pub(crate) fn outer_arg_names(sig: &Signature) -> Vec<TokenStream> {
    sig.inputs
        .iter()
        .enumerate()
        .map(|(index, input)| match input {
            FnArg::Receiver(r) => {
                let token = r.self_token;
                quote!(#token)
            }
            FnArg::Typed(typed) => outer_param(&typed.pat, index).into_token_stream(),
        })
        .collect()
}

/// The outer fn's name for parameter `index`: the user's name for a plain
/// binding (it shows in the docs), `__argN` for a pattern; hygienic either
/// way, so the state machine can never capture the outer parameter by
/// mistake instead of the local it keeps in the frame.
fn outer_param(pat: &Pat, index: usize) -> syn::Ident {
    match pat {
        Pat::Ident(p) if p.subpat.is_none() && p.by_ref.is_none() => {
            syn::Ident::new(&p.ident.to_string(), Span::mixed_site())
        }
        _ => format_ident!("__arg{}", index, span = Span::mixed_site()),
    }
}

/// Names elided lifetimes (`&T`, `'_`) in parameter types.
/// The lifetime rustc gives the elided lifetimes of the output of `sig`
/// (whose inputs' lifetimes are all named): `self`'s if it is a
/// reference, else the only lifetime of the inputs. The output of the
/// outer fn names it, as the inputs do (rustc warns when one names a
/// lifetime that the other elides).
fn elision_target(sig: &Signature) -> Option<Lifetime> {
    struct Collect(Vec<Lifetime>);
    impl<'a> syn::visit::Visit<'a> for Collect {
        fn visit_lifetime(&mut self, l: &'a Lifetime) {
            self.0.push(l.clone());
        }
        fn visit_type_bare_fn(&mut self, _: &'a syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'a syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    let mut found = Collect(Vec::new());
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(r) => {
                if let Some((_, Some(l))) = &r.reference {
                    return Some(l.clone());
                }
                syn::visit::Visit::visit_type(&mut found, &r.ty);
            }
            FnArg::Typed(t) => syn::visit::Visit::visit_type(&mut found, &t.ty),
        }
    }
    match &found.0[..] {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// Names the elided lifetimes of a type (`&T`, `'_`) with one lifetime.
struct FillElided(Lifetime);

impl VisitMut for FillElided {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        if r.lifetime.is_none() {
            r.lifetime = Some(self.0.clone());
        }
        self.visit_type_mut(&mut r.elem);
    }

    fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
        if l.ident == "_" {
            *l = self.0.clone();
        }
    }

    fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}

    fn visit_parenthesized_generic_arguments_mut(
        &mut self,
        _: &mut syn::ParenthesizedGenericArguments,
    ) {
    }
}

struct NameElided {
    next: usize,
    named: Vec<Lifetime>,
}

impl NameElided {
    fn name(&mut self, existing: Option<&Lifetime>) -> Lifetime {
        if let Some(l) = existing {
            if l.ident != "_" {
                return l.clone();
            }
        }
        let lifetime = Lifetime::new(&format!("'__coro{}", self.next), Span::mixed_site());
        self.next += 1;
        self.named.push(lifetime.clone());
        lifetime
    }
}

impl VisitMut for NameElided {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        r.lifetime = Some(self.name(r.lifetime.as_ref()));
        self.visit_type_mut(&mut r.elem);
    }

    fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
        if l.ident == "_" {
            *l = self.name(Some(l));
        }
    }

    fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {
        // Elided lifetimes in `fn(&T)` belong to the fn pointer type.
    }

    fn visit_parenthesized_generic_arguments_mut(
        &mut self,
        _: &mut syn::ParenthesizedGenericArguments,
    ) {
        // Likewise in `Fn(&T)`.
    }
}
