//! Phase 5: print the coroutine.
//!
//! The annotated fn becomes a fn with the same name, generics and
//! parameters that returns `impl Coroutine<Output = T>`: it stores its
//! arguments in a new frame and runs nothing. The frame's body is a closure
//! that the runtime calls on every resume, with the index the frame was
//! suspended at:
//!
//! ```text
//! match __cx.state() {
//!     0 => start arm:        the body from the top; every suspension point
//!                            saves what is alive there and returns
//!     k + 2 => continuation: restores what point k saved, in the scopes it
//!                            was declared in, and runs the rest of the body
//!                            from just after point k (for an await, the
//!                            index also carries the await bit, 0x4000_0000)
//! }
//! ```
//!
//! A continuation is the body "zipped" along the path to point k: blocks
//! keep only the statements after the one containing the point, an `if` or
//! `match` keeps only the branch containing it, a `loop` runs the rest of
//! the current iteration once (guarded by a `__first` flag) and then loops
//! as written, and expressions keep their operands, with the suspended one
//! replaced by the value the point produced.
//!
//! The state storage is a tree of unions (see `coro_runtime::slots`): its
//! shape is printed with `_` for every payload, and rustc infers each
//! payload from the tuple the start arm stores there. No local needs a type.

use std::cell::{Cell, RefCell};

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::visit_mut::VisitMut;
use syn::{FnArg, GenericParam, Lifetime, Pat, ReturnType, Signature, Type};

use crate::analyse::Analysis;
use crate::ir::*;
use crate::parse::{CoroutineFn, Options};

/// Generates the coroutine fn.
pub fn generate(
    f: &CoroutineFn,
    options: &Options,
    body: &Body,
    analysis: &Analysis,
) -> TokenStream {
    let krate = &options.krate;
    let output = match &f.sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    let nameable = !contains_impl_trait(&f.sig.output);
    let ret_ty = if nameable { Some(output.clone()) } else { None };

    let tree = Tree::new(body.points.len() + 1);
    let g = Gen {
        krate,
        body,
        analysis,
        tree: &tree,
        ret_ty: ret_ty.as_ref(),
        targets: RefCell::new(Vec::new()),
        labels: Cell::new(0),
        dead: Cell::new(false),
        inline_ready: !body_has_closure(&body.block),
    };

    let cx = cx_ident();
    let ret = g.ret_path();
    let start_path = tree.path(0, krate);
    let args = args_ident();
    let start = g.block(&body.block, None);
    let mut arms = vec![quote! {
        0u32 => {
            let #args = #cx.take::<#start_path>();
            #ret(#start)
        }
    }];
    for (k, point) in body.points.iter().enumerate() {
        // The resume index of point k's state (`coro_runtime::header::index`):
        // k + 2, with the await bit for an await.
        let state = match point.kind {
            PointKind::Await => {
                let index = 0x4000_0000 | (k as u32 + 2);
                let value = format!("{:#06x}_{:04x}u32", index >> 16, index & 0xffff);
                syn::LitInt::new(&value, Span::call_site()).to_token_stream()
            }
            PointKind::Suspend | PointKind::SuspendBlock => {
                let state = k as u32 + 2;
                quote!(#state)
            }
        };
        let path = tree.path(k + 1, krate);
        let payload = payload_ident();
        let take = match point.kind {
            PointKind::Suspend | PointKind::SuspendBlock => {
                quote!(let #payload = #cx.take::<#path>();)
            }
            PointKind::Await => {
                let out = out_ident();
                let finish = syn::Ident::new("finish_await", point.span);
                let mut cx = cx.clone();
                cx.set_span(cx.span().located_at(point.span));
                quote_spanned! {point.span=>
                    let (#out, #payload) = match #cx.#finish::<#path, _, _>() {
                        ::core::result::Result::Ok(done) => done,
                        ::core::result::Result::Err(step) => return step,
                    };
                }
            }
        };
        let cont = g.block(&body.block, Some(k));
        arms.push(quote! {
            #state => {
                #take
                #ret(#cont)
            }
        });
    }

    // A small body is inlined into the frame's root resume, where it is the
    // whole resume; a larger one is called from there, so that its code
    // exists once (see `coro_runtime::frame::run_body`).
    let weight: usize = arms.iter().map(token_weight).sum();
    if std::env::var_os("CORO_DEBUG_WEIGHT").is_some() {
        eprintln!("coro: {} weighs {weight}", f.sig.ident);
    }
    let inline = weight <= INLINE_WEIGHT;
    let tree_ty = tree.ty(krate);
    let arg_values: Vec<TokenStream> = outer_arg_names(&f.sig);
    let frame = quote! {
        #krate::__private::Frame::<#tree_ty, _, _, #inline>::new::<#start_path>(
            (#(#arg_values,)*),
            |#cx| match #cx.state() {
                #(#arms)*
                _ => #cx.bad_state(),
            },
        )
    };
    outer_fn(f, options, body, TokenStream::new(), frame)
}

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
    if options.lowering.in_place() {
        frame_lifetime(&mut sig, &mut lifetimes, has_self);
    }
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
    quote! {
        #(#attrs)*
        #vis #defaultness #constness #asyncness #unsafety #abi #fn_token #ident #generics (#inputs #variadic)
            -> impl #krate::Coroutine<Output = #output> #send #captures
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

/// The largest body, in tokens of its arms, that is inlined into its
/// frame's root resume (legacy lowering).
const INLINE_WEIGHT: usize = 1_000;

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
    fn tokens(stream: TokenStream, span: Span) -> TokenStream {
        stream
            .into_iter()
            .map(|mut tree| {
                if let proc_macro2::TokenTree::Group(g) = &tree {
                    let mut group =
                        proc_macro2::Group::new(g.delimiter(), tokens(g.stream(), span));
                    group.set_span(span);
                    tree = proc_macro2::TokenTree::Group(group);
                } else {
                    tree.set_span(tree.span().located_at(span));
                }
                tree
            })
            .collect()
    }
    syn::parse2(tokens(path.to_token_stream(), span)).expect("a path")
}

fn plain_target(label: Option<&Lifetime>, is_loop: bool) -> Target {
    Target::Plain {
        label: label.map(|l| l.ident.to_string()),
        is_loop,
    }
}

fn cx_ident() -> syn::Ident {
    syn::Ident::new("__cx", Span::mixed_site())
}
fn args_ident() -> syn::Ident {
    syn::Ident::new("__args", Span::mixed_site())
}
fn payload_ident() -> syn::Ident {
    syn::Ident::new("__saved", Span::mixed_site())
}
fn out_ident() -> syn::Ident {
    syn::Ident::new("__out", Span::mixed_site())
}

/// The balanced tree of state leaves, and each leaf's path.
struct Tree {
    shape: Shape,
    paths: Vec<Vec<bool>>,
}

enum Shape {
    Leaf,
    Node(Box<Shape>, Box<Shape>),
}

impl Tree {
    fn new(leaves: usize) -> Tree {
        fn build(n: usize, prefix: &mut Vec<bool>, paths: &mut Vec<Vec<bool>>) -> Shape {
            if n == 1 {
                paths.push(prefix.clone());
                return Shape::Leaf;
            }
            let left = n.div_ceil(2);
            prefix.push(false);
            let l = build(left, prefix, paths);
            prefix.pop();
            prefix.push(true);
            let r = build(n - left, prefix, paths);
            prefix.pop();
            Shape::Node(Box::new(l), Box::new(r))
        }
        let mut paths = Vec::new();
        let shape = build(leaves, &mut Vec::new(), &mut paths);
        Tree { shape, paths }
    }

    fn ty(&self, krate: &syn::Path) -> TokenStream {
        fn go(s: &Shape, krate: &syn::Path) -> TokenStream {
            match s {
                Shape::Leaf => quote!(#krate::__private::Leaf<_>),
                Shape::Node(l, r) => {
                    let (l, r) = (go(l, krate), go(r, krate));
                    quote!(#krate::__private::Node<#l, #r>)
                }
            }
        }
        go(&self.shape, krate)
    }

    fn path(&self, leaf: usize, krate: &syn::Path) -> TokenStream {
        let mut out = quote!(#krate::__private::H);
        for &right in self.paths[leaf].iter().rev() {
            out = if right {
                quote!(#krate::__private::R<#out>)
            } else {
                quote!(#krate::__private::L<#out>)
            };
        }
        out
    }
}

struct Gen<'a> {
    krate: &'a syn::Path,
    body: &'a Body,
    analysis: &'a Analysis,
    tree: &'a Tree,
    ret_ty: Option<&'a TokenStream>,
    /// The loops and labeled blocks enclosing the code being printed,
    /// innermost last, to resolve `break` and `continue`.
    targets: RefCell<Vec<Target>>,
    /// Counter for generated labels.
    labels: Cell<usize>,
    /// Set while printing code that the arm being printed never reaches,
    /// because an earlier statement always suspends (that code runs in
    /// another arm). A suspension point there stores nothing: only the
    /// occurrences that run decide a state's payload type. (A closure
    /// written once is a different type in each arm that prints it.)
    dead: Cell<bool>,
    /// Whether an `.await` of an operation that can complete now continues
    /// in the same arm (see `Coroutine::__ready`). Not when the body has a
    /// closure literal: code after an await is printed in two arms, where a
    /// closure has two types, and the one in the arm the code was dead in
    /// must not be stored.
    inline_ready: bool,
}

/// Something `break` or `continue` can target.
#[derive(Clone)]
enum Target {
    /// A loop or labeled block printed as written.
    Plain {
        label: Option<String>,
        is_loop: bool,
    },
    /// A loop whose resumed iteration is printed before it, in a labeled
    /// block (see `Gen::peeled_loop`): `break` leaves `exit`, `continue`
    /// leaves `first` and enters the loop.
    Peeled {
        label: Option<String>,
        first: Lifetime,
        exit: Lifetime,
        /// Set when a `continue` to this loop was printed in the resumed
        /// iteration (it enters the loop).
        continued: std::rc::Rc<Cell<bool>>,
    },
}

/// Which code is being printed: the forward code (`None`), or the
/// continuation after point `Some(k)`.
type Mode = Option<PointId>;

impl Gen<'_> {
    fn ret_path(&self) -> TokenStream {
        self.ret_path_at(Span::call_site())
    }

    fn ret_path_at(&self, span: Span) -> TokenStream {
        let krate = respan(self.krate, span);
        match self.ret_ty {
            Some(ty) => quote_spanned!(span=> #krate::__private::ret::<#ty>),
            None => quote_spanned!(span=> #krate::__private::ret),
        }
    }

    fn binding(&self, id: BindingId, at: Span) -> syn::Ident {
        let ident = &self.body.bindings[id].ident;
        let mut ident = ident.clone();
        ident.set_span(ident.span().located_at(at));
        ident
    }

    /// `let _ = &x;` for the bindings re-derived after point `k`: the arm
    /// that declares them may use them only after the point, in code that
    /// another arm runs.
    fn touch_rederived(&self, k: PointId) -> TokenStream {
        let span = self.body.points[k].span;
        let names = self.analysis.points[k]
            .rederived
            .iter()
            .map(|&b| self.binding(b, span));
        quote!(#(let _ = &#names;)*)
    }

    /// The tuple of values saved at point `k`.
    fn saved_tuple(&self, k: PointId) -> TokenStream {
        let span = self.body.points[k].span;
        let saved = self.analysis.points[k]
            .saved
            .iter()
            .map(|&b| self.binding(b, span));
        quote_spanned!(span=> (#(#saved,)*))
    }

    /// Declarations after point `k` of the `bindings` it keeps: the saved
    /// ones take their value from the frame, the re-derived ones are
    /// re-created, the placeholders are declared without a value.
    fn restores(&self, bindings: &[BindingId], k: PointId) -> TokenStream {
        let plan = &self.analysis.points[k];
        let payload = payload_ident();
        let mut out = TokenStream::new();
        for &b in bindings {
            let binding = &self.body.bindings[b];
            let ident = &binding.ident;
            let mutability = if binding.mutable {
                quote!(mut)
            } else {
                quote!()
            };
            if let Some(index) = plan.saved.iter().position(|&s| s == b) {
                let index = syn::Index::from(index);
                out.extend(quote! {
                    #[allow(unused_variables, unused_mut)]
                    let #mutability #ident = #payload.#index;
                });
            } else if let Some(group) = binding
                .rederive_group
                .filter(|_| plan.rederived.contains(&b))
            {
                // One re-match for all the bindings of its pattern kept here.
                let members: Vec<BindingId> = bindings
                    .iter()
                    .copied()
                    .filter(|&m| {
                        self.body.bindings[m].rederive_group == Some(group)
                            && plan.rederived.contains(&m)
                    })
                    .collect();
                if members[0] != b {
                    continue;
                }
                let mut rematch = binding.rederive.clone().unwrap();
                let ExprKind::Match { arms, .. } = &mut rematch.kind else {
                    unreachable!("a grouped re-derivation is a re-match")
                };
                let values = members
                    .iter()
                    .map(
                        |&m| match &self.body.bindings[m].rederive.as_ref().unwrap().kind {
                            ExprKind::Match { arms, .. } => (*arms[0].body).clone(),
                            _ => unreachable!("a grouped re-derivation is a re-match"),
                        },
                    )
                    .collect();
                *arms[0].body = Expr::new(ExprKind::Tuple(values), rematch.span);
                let value = self.expr(&rematch, None);
                let names = members.iter().map(|&m| {
                    let binding = &self.body.bindings[m];
                    let ident = &binding.ident;
                    if binding.mutable {
                        quote!(mut #ident)
                    } else {
                        quote!(#ident)
                    }
                });
                out.extend(quote! {
                    #[allow(unused_variables, unused_mut)]
                    let (#(#names,)*) = #value;
                });
            } else if plan.rederived.contains(&b) {
                let value = self.expr(binding.rederive.as_ref().unwrap(), None);
                let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                out.extend(quote! {
                    #[allow(unused_variables, unused_mut)]
                    let #mutability #ident #ty = #value;
                });
            } else if plan.placeholders.contains(&b) {
                out.extend(quote! {
                    #[allow(unused_mut)]
                    let mut #ident;
                });
            }
        }
        out
    }

    fn with_target(&self, target: Target, f: impl FnOnce() -> TokenStream) -> TokenStream {
        self.targets.borrow_mut().push(target);
        let out = f();
        self.targets.borrow_mut().pop();
        out
    }

    /// What `break` (or `continue`, if `is_continue`) with `label` targets.
    fn resolve(&self, label: Option<&Lifetime>, is_continue: bool) -> Option<Target> {
        let name = label.map(|l| l.ident.to_string());
        self.targets
            .borrow()
            .iter()
            .rev()
            .find(|t| {
                let (t_label, is_loop) = match t {
                    Target::Plain { label, is_loop } => (label, *is_loop),
                    Target::Peeled { label, .. } => (label, true),
                };
                match &name {
                    Some(name) => t_label.as_ref() == Some(name) && (is_loop || !is_continue),
                    None => is_loop,
                }
            })
            .cloned()
    }

    fn fresh_label(&self, what: &str) -> Lifetime {
        let n = self.labels.get() + 1;
        self.labels.set(n);
        Lifetime::new(&format!("'__{what}{n}"), Span::mixed_site())
    }

    /// The continuation of a `loop` resumed inside its body: the rest of the
    /// resumed iteration runs once, outside the loop (so the values restored
    /// for it may be moved), then the loop runs as written.
    ///
    /// ```text
    /// 'exit: {
    ///     'first: { <rest of the iteration> }   // `continue` = `break 'first`
    ///     'label: loop { <body> }               // `break v` = `break 'exit v`
    /// }
    /// ```
    fn peeled_loop(&self, label: Option<&syn::Label>, body: &Block, mode: Mode) -> TokenStream {
        let first = self.fresh_label("first");
        let exit = self.fresh_label("exit");
        let continued = std::rc::Rc::new(Cell::new(false));
        let peeled = Target::Peeled {
            label: label.map(|l| l.name.ident.to_string()),
            first: first.clone(),
            exit: exit.clone(),
            continued: continued.clone(),
        };
        let resumed = self.with_target(peeled, || self.block(body, mode));
        if let Some(k) = mode {
            if block_after(body, k) && !continued.get() {
                // The resumed iteration never falls through nor continues
                // (it returns, or breaks out): the loop after it is never
                // reached, and may name locals this arm does not keep.
                return quote!(#exit: { #first: #resumed });
            }
        }
        let was_dead = self.dead.get();
        if mode.is_some_and(|k| {
            stmt_suspends_resumed_block(&self.body.points, self.inline_ready, body, k)
        }) && !continued.get()
        {
            self.dead.set(true);
        }
        let again = self.with_target(plain_target(label.map(|l| &l.name), true), || {
            self.block(body, None)
        });
        self.dead.set(was_dead);
        quote! {
            #exit: {
                #first: #resumed
                #label loop #again
            }
        }
    }

    /// Prints statements forward, up to the first one that never completes
    /// (see `never_completes`).
    fn forward_stmts(&self, stmts: &[Stmt]) -> Vec<TokenStream> {
        let reached = stmts
            .iter()
            .position(stmt_never_completes)
            .map_or(stmts.len(), |i| i + 1);
        let truncated = reached < stmts.len();
        let mut out = Vec::new();
        let was_dead = self.dead.get();
        for (index, stmt) in stmts[..reached].iter().enumerate() {
            if let Stmt::Let(Local {
                init: None, pat, ..
            }) = stmt
            {
                // `let x;` assigned only after the point: declared by the
                // continuation instead (here it would have no type).
                let mentioned = |b: BindingId| {
                    stmts[index + 1..reached]
                        .iter()
                        .any(|s| stmt_mentions(s, b))
                };
                if truncated && !pat.bindings.iter().any(|&b| mentioned(b)) {
                    continue;
                }
            }
            out.push(self.stmt(stmt, None));
            if stmt_suspends(&self.body.points, self.inline_ready, stmt) {
                self.dead.set(true);
            }
        }
        self.dead.set(was_dead);
        out
    }

    fn block(&self, block: &Block, mode: Mode) -> TokenStream {
        let Some(k) = mode.filter(|&k| contains(block, k)) else {
            let stmts = self.forward_stmts(&block.stmts);
            return quote_spanned!(block.span=> { #(#stmts)* });
        };
        let i = block
            .stmts
            .iter()
            .position(|s| stmt_contains(s, k))
            .expect("the statement containing the point");
        let declared: Vec<BindingId> = block.stmts[..i]
            .iter()
            .flat_map(|s| match s {
                Stmt::Let(local) => local.pat.bindings.clone(),
                _ => Vec::new(),
            })
            .collect();
        let restores = self.restores(&declared, k);
        let here = self.stmt(&block.stmts[i], mode);
        // After a suspension point in a `let .. else` block, which diverges,
        // the rest of the block (which uses the `let`'s bindings) is not
        // reached.
        let diverges = matches!(&block.stmts[i], Stmt::Let(local)
            if local.diverge.as_ref().is_some_and(|d| contains(d, k)));
        let rest: Vec<TokenStream> = if diverges || stmt_after(&block.stmts[i], k) {
            Vec::new()
        } else {
            let was_dead = self.dead.get();
            if stmt_suspends_resumed(&self.body.points, self.inline_ready, &block.stmts[i], k) {
                self.dead.set(true);
            }
            let rest = self.forward_stmts(&block.stmts[i + 1..]);
            self.dead.set(was_dead);
            rest
        };
        quote_spanned!(block.span=> { #restores #here #(#rest)* })
    }

    fn stmt(&self, stmt: &Stmt, mode: Mode) -> TokenStream {
        match stmt {
            Stmt::Let(local) => {
                let attrs = &local.attrs;
                let pat = &local.pat.pat;
                if let (Some(k), Some(diverge)) = (mode, &local.diverge) {
                    if contains(diverge, k) {
                        let inner = self.block(diverge, mode);
                        return quote!(#inner);
                    }
                }
                // A `let` whose initializer suspends: in this arm its
                // bindings are used only after the suspension, in code rustc
                // sees as unreachable, and would call them unused.
                let allow = local
                    .init
                    .as_ref()
                    .filter(|init| {
                        suspends_before_value(&self.body.points, self.inline_ready, init, mode)
                    })
                    .map(|_| quote!(#[allow(unused_variables)]));
                let init = local.init.as_ref().map(|e| {
                    let e = self.expr(e, mode);
                    quote!(= #e)
                });
                let diverge = local.diverge.as_ref().map(|d| {
                    let d = self.block(d, None);
                    quote!(else #d)
                });
                quote_spanned!(local.span=> #allow #(#attrs)* let #pat #init #diverge;)
            }
            Stmt::Expr { expr, semi } => {
                let e = self.expr(expr, mode);
                if *semi { quote!(#e;) } else { e }
            }
            Stmt::Item(tokens) => tokens.clone(),
        }
    }

    fn exprs(&self, es: &[Expr], mode: Mode) -> Vec<TokenStream> {
        es.iter().map(|e| self.expr(e, mode)).collect()
    }

    /// Prints an expression: forward (`mode` is `None`, or the expression does
    /// not contain point k), or as the continuation after point k inside it.
    fn expr(&self, e: &Expr, mode: Mode) -> TokenStream {
        let mode = mode.filter(|&k| expr_contains(e, k));
        let attrs = &e.attrs;
        let inner = self.expr_kind(e, mode);
        quote!(#(#attrs)* #inner)
    }

    fn expr_kind(&self, e: &Expr, mode: Mode) -> TokenStream {
        let krate = self.krate;
        let span = e.span;
        if let Some(k) = mode.filter(|_| is_operation(&e.kind)) {
            let children = e.children();
            if let Some(child) = children.iter().find(|c| expr_contains(c, k)) {
                if after(child, k) {
                    // Resumed inside an operand that never completes (it
                    // returns or breaks): the operation is never reached,
                    // and may name locals this arm does not keep
                    // (`n = if c { suspend!(); return 7 } else { 1 }`).
                    return self.expr(child, mode);
                }
            }
        }
        match &e.kind {
            ExprKind::Local(id) => self.binding(*id, span).into_token_stream(),
            ExprKind::Atom(tokens) | ExprKind::Opaque(tokens, _) => tokens.clone(),
            ExprKind::Unary(op, x) => {
                let x = self.expr(x, mode);
                quote!(#op #x)
            }
            ExprKind::Binary(l, op @ (syn::BinOp::And(_) | syn::BinOp::Or(_)), r) => {
                if let Some(k) = mode {
                    if !expr_contains(l, k) {
                        // Resumed inside the right side: the left side was
                        // evaluated and let it run, so the result is the
                        // right side's.
                        return self.expr(r, mode);
                    }
                }
                let l = self.expr(l, mode);
                let r = self.expr(r, None);
                quote!(#l #op #r)
            }
            ExprKind::Binary(l, op, r) => {
                let l = self.expr(l, mode);
                let r = self.expr(r, mode);
                quote!(#l #op #r)
            }
            ExprKind::Assign(place, value) => {
                let place = self.expr(place, mode);
                let value = self.expr(value, mode);
                quote!(#place = #value)
            }
            ExprKind::Cast(x, ty) => {
                let x = self.expr(x, mode);
                quote!(#x as #ty)
            }
            ExprKind::Ref { mutable, expr } => {
                let x = self.expr(expr, mode);
                if *mutable {
                    quote!(&mut #x)
                } else {
                    quote!(&#x)
                }
            }
            ExprKind::Field(base, member) => {
                let base = self.expr(base, mode);
                quote!(#base.#member)
            }
            ExprKind::Index(base, index) => {
                let base = self.expr(base, mode);
                let index = self.expr(index, mode);
                quote!(#base[#index])
            }
            ExprKind::Call(func, args) => {
                let func = self.expr(func, mode);
                let args = self.exprs(args, mode);
                quote!(#func(#(#args),*))
            }
            ExprKind::MethodCall {
                receiver,
                method,
                turbofish,
                args,
            } => {
                let receiver = self.expr(receiver, mode);
                let args = self.exprs(args, mode);
                quote!(#receiver.#method #turbofish(#(#args),*))
            }
            ExprKind::Tuple(es) => {
                let es = self.exprs(es, mode);
                if es.len() == 1 {
                    quote!((#(#es),*,))
                } else {
                    quote!((#(#es),*))
                }
            }
            ExprKind::Array(es) => {
                let es = self.exprs(es, mode);
                quote!([#(#es),*])
            }
            ExprKind::Repeat(x, len) => {
                let x = self.expr(x, mode);
                quote!([#x; #len])
            }
            ExprKind::Struct { path, fields, rest } => {
                let fields = fields.iter().map(|f| {
                    let attrs = &f.attrs;
                    let member = &f.member;
                    let value = self.expr(&f.expr, mode);
                    quote!(#(#attrs)* #member: #value)
                });
                let rest = rest.as_ref().map(|r| {
                    let r = self.expr(r, mode);
                    quote!(..#r)
                });
                quote!(#path { #(#fields,)* #rest })
            }
            ExprKind::Range { start, limits, end } => {
                let start = start.as_ref().map(|s| self.expr(s, mode));
                let end = end.as_ref().map(|s| self.expr(s, mode));
                quote!(#start #limits #end)
            }
            ExprKind::Paren(x) => {
                let x = self.expr(x, mode);
                quote_spanned!(span=> (#x))
            }
            ExprKind::Block {
                label,
                unsafety,
                block,
            } => {
                let block = match label {
                    Some(l) => self.with_target(plain_target(Some(&l.name), false), || {
                        self.block(block, mode)
                    }),
                    None => self.block(block, mode),
                };
                let unsafety = unsafety.then(|| quote!(unsafe));
                quote!(#label #unsafety #block)
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                if let Some(k) = mode {
                    if expr_contains(cond, k) {
                        let cond = self.expr(cond, mode);
                        let then = self.block(then, None);
                        let otherwise = otherwise.as_ref().map(|o| {
                            let o = self.expr(o, None);
                            quote!(else #o)
                        });
                        return quote!(if #cond #then #otherwise);
                    }
                    if contains(then, k) {
                        let restores = self.restores(&let_bindings(cond), k);
                        let then = self.block(then, mode);
                        return quote!({ #restores #then });
                    }
                    return self.expr(otherwise.as_ref().unwrap(), mode);
                }
                let cond = self.expr(cond, None);
                let then = self.block(then, None);
                let otherwise = otherwise.as_ref().map(|o| {
                    let o = self.expr(o, None);
                    quote!(else #o)
                });
                quote!(if #cond #then #otherwise)
            }
            ExprKind::Let { pat, expr } => {
                let pat = &pat.pat;
                let expr = self.expr(expr, mode);
                quote!(let #pat = #expr)
            }
            ExprKind::Match { scrutinee, arms } => {
                if let Some(k) = mode {
                    if let Some(arm) = arms.iter().find(|a| expr_contains(&a.body, k)) {
                        let restores = self.restores(&arm.pat.bindings, k);
                        let body = self.expr(&arm.body, mode);
                        return quote!({ #restores #body });
                    }
                }
                let scrutinee = self.expr(scrutinee, mode);
                let arms = arms.iter().map(|arm| {
                    let attrs = &arm.attrs;
                    let pat = &arm.pat.pat;
                    let guard = arm.guard.as_ref().map(|g| {
                        let g = self.expr(g, None);
                        quote!(if #g)
                    });
                    let body = self.expr(&arm.body, None);
                    quote!(#(#attrs)* #pat #guard => #body,)
                });
                quote!(match #scrutinee { #(#arms)* })
            }
            ExprKind::Loop { label, body } => {
                if mode.is_some() {
                    return self.peeled_loop(label.as_ref(), body, mode);
                }
                let body = self
                    .with_target(plain_target(label.as_ref().map(|l| &l.name), true), || {
                        self.block(body, None)
                    });
                quote!(#label loop #body)
            }
            ExprKind::While { label, cond, body } => {
                let cond = self.expr(cond, None);
                let body = self
                    .with_target(plain_target(label.as_ref().map(|l| &l.name), true), || {
                        self.block(body, None)
                    });
                quote!(#label while #cond #body)
            }
            ExprKind::For {
                label,
                pat,
                iter,
                body,
            } => {
                let pat = &pat.pat;
                let iter = self.expr(iter, None);
                let body = self
                    .with_target(plain_target(label.as_ref().map(|l| &l.name), true), || {
                        self.block(body, None)
                    });
                quote!(#label for #pat in #iter #body)
            }
            ExprKind::Break { label, value } => {
                let value = value.as_ref().map(|v| self.expr(v, mode));
                match self.resolve(label.as_ref(), false) {
                    Some(Target::Peeled { exit, .. }) => quote_spanned!(span=> break #exit #value),
                    _ => quote_spanned!(span=> break #label #value),
                }
            }
            ExprKind::Continue(label) => match self.resolve(label.as_ref(), true) {
                Some(Target::Peeled {
                    first, continued, ..
                }) => {
                    continued.set(true);
                    quote_spanned!(span=> break #first)
                }
                _ => quote_spanned!(span=> continue #label),
            },
            ExprKind::Return(value) => {
                let value = match value {
                    Some(v) => self.expr(v, mode),
                    None => quote!(()),
                };
                let ret = self.ret_path();
                quote_spanned!(span=> return #ret(#value))
            }
            ExprKind::Try(x) => {
                let x = self.expr(x, mode);
                // Errors of the lowering (a `?` in a coroutine that does
                // not return `Result`) point at the `?` expression.
                let krate = respan(krate, span);
                let ret = self.ret_path_at(span);
                let v = format_ident!("__value", span = Span::mixed_site().located_at(span));
                let r = format_ident!("__residual", span = Span::mixed_site().located_at(span));
                quote_spanned! {span=>
                    match #krate::__private::Try::branch(#x) {
                        #krate::__private::ControlFlow::Continue(#v) => #v,
                        #krate::__private::ControlFlow::Break(#r) => {
                            return #ret(#krate::__private::FromResidual::from_residual(#r))
                        }
                    }
                }
            }
            ExprKind::Macro(m) => {
                let mut args = TokenStream::new();
                for (i, arg) in m.args.iter().enumerate() {
                    if i > 0 {
                        args.extend(m.separators[i - 1].clone());
                    }
                    match arg {
                        MacroArg::Expr(x) => args.extend(self.expr(x, mode)),
                        MacroArg::Named(name, x) => {
                            let x = self.expr(x, mode);
                            args.extend(quote!(#name = #x));
                        }
                        MacroArg::Raw(tokens) => args.extend(tokens.clone()),
                    }
                }
                let group = proc_macro2::Group::new(m.delimiter, args);
                let path = &m.path;
                quote!(#path #group)
            }
            ExprKind::Suspend(k) => {
                if mode == Some(*k) {
                    return quote!(());
                }
                let point = self.body.points[*k].span;
                if self.dead.get() {
                    return quote_spanned!(point=> ({ ::core::unreachable!(); }));
                }
                let path = self.tree.path(*k + 1, krate);
                let saved = self.saved_tuple(*k);
                let cx = cx_ident();
                let touch = self.touch_rederived(*k);
                quote_spanned!(point=> ({ #touch return #cx.suspend::<#path>(#saved); }))
            }
            ExprKind::Await(k, block) if self.body.points[*k].kind == PointKind::SuspendBlock => {
                if mode == Some(*k) {
                    return quote!(());
                }
                let block = self.expr(block, mode);
                let touch = self.touch_rederived(*k);
                let path = self.tree.path(*k + 1, krate);
                let saved = self.saved_tuple(*k);
                let cx = cx_ident();
                let block_ident = format_ident!("__block", span = Span::mixed_site());
                let point = self.body.points[*k].span;
                if self.dead.get() {
                    return quote_spanned! {point=>
                        ({
                            let #block_ident = #cx.block(#block);
                            ::core::mem::drop(#block_ident);
                            ::core::unreachable!();
                        })
                    };
                }
                quote_spanned! {point=>
                    ({
                        let #block_ident = #cx.block(#block);
                        #touch
                        return #cx.suspend_with::<#path, _>(#saved, #block_ident);
                    })
                }
            }
            ExprKind::Await(k, operand) => {
                if mode == Some(*k) {
                    let out = out_ident();
                    return quote!(({ #out }));
                }
                let operand_span = operand.span;
                let operand = self.expr(operand, mode);
                let touch = self.touch_rederived(*k);
                let path = self.tree.path(*k + 1, krate);
                let saved = self.saved_tuple(*k);
                let cx = cx_ident();
                let child = format_ident!("__child", span = Span::mixed_site());
                let witness = format_ident!("__witness", span = Span::mixed_site());
                let ready = format_ident!("__ready", span = Span::mixed_site());
                // The local in a block located at the operand: a type
                // error of the `.await` points there.
                let mut operand_here =
                    proc_macro2::Group::new(proc_macro2::Delimiter::Brace, quote!(#child));
                operand_here.set_span(operand_span);
                let point = self.body.points[*k].span;
                let krate = respan(krate, point);
                if self.dead.get() {
                    // Typed like the live occurrence, stores nothing.
                    return quote_spanned! {point=>
                        ({
                            let (#child, #witness) = {
                                #[allow(unused_imports)]
                                use #krate::__private::{ViaCoroutine as _, ViaStd as _, ViaOther as _};
                                let #child = #operand;
                                (&&&#krate::__private::Probe::of(&#child)).__kind().convert(#operand_here)
                            };
                            ::core::mem::drop(#child);
                            ::core::unreachable!();
                            #witness.value()
                        })
                    };
                }
                if !self.inline_ready {
                    return quote_spanned! {point=>
                        ({
                            let (#child, #witness) = {
                                #[allow(unused_imports)]
                                use #krate::__private::{ViaCoroutine as _, ViaStd as _, ViaOther as _};
                                let #child = #operand;
                                (&&&#krate::__private::Probe::of(&#child)).__kind().convert(#operand_here)
                            };
                            #touch
                            return #cx.await_::<#path, _, _>(#child, #saved);
                            #witness.value()
                        })
                    };
                }
                quote_spanned! {point=>
                    ({
                        let (mut #child, _) = {
                            #[allow(unused_imports)]
                            use #krate::__private::{ViaCoroutine as _, ViaStd as _, ViaOther as _};
                            let #child = #operand;
                            (&&&#krate::__private::Probe::of(&#child)).__kind().convert(#operand_here)
                        };
                        // An operation that can complete now does, without
                        // storing anything in the frame.
                        match #krate::__private::ready(&mut #child) {
                            ::core::option::Option::Some(#ready) => #ready,
                            ::core::option::Option::None => {
                                #touch
                                return #cx.await_::<#path, _, _>(#child, #saved);
                            }
                        }
                    })
                }
            }
        }
    }
}

fn stmt_mentions(stmt: &Stmt, b: BindingId) -> bool {
    let mut found = false;
    let mut check = |id: BindingId| found |= id == b;
    match stmt {
        Stmt::Let(local) => {
            if let Some(init) = &local.init {
                each_local(init, &mut check);
            }
            if let Some(d) = &local.diverge {
                for s in &d.stmts {
                    if stmt_mentions(s, b) {
                        return true;
                    }
                }
            }
        }
        Stmt::Expr { expr, .. } => each_local(expr, &mut check),
        Stmt::Item(_) => {}
    }
    found
}

/// Whether evaluating `e` (forward, or resumed at point `k` in it) always
/// reaches a suspension point before producing its value.
fn suspends_before_value(points: &[Point], inline_ready: bool, e: &Expr, mode: Mode) -> bool {
    // An `.await` may complete without suspending (an operation ready
    // now, `Coroutine::__ready`): only `suspend!()` and suspend blocks
    // always suspend.
    let always = |p: PointId| !inline_ready || points[p].kind != PointKind::Await;
    fn forward(always: &dyn Fn(PointId) -> bool, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Suspend(_) => true,
            ExprKind::Await(p, operand) => always(*p) || forward(always, operand),
            ExprKind::Block {
                label: None, block, ..
            } => block.stmts.iter().any(|s| match s {
                Stmt::Let(local) => local.init.as_ref().is_some_and(|e| forward(always, e)),
                Stmt::Expr { expr, .. } => forward(always, expr),
                Stmt::Item(_) => false,
            }),
            // The condition or scrutinee runs first, always.
            ExprKind::If { cond, .. } => forward(always, cond),
            ExprKind::Match { scrutinee, .. } => forward(always, scrutinee),
            ExprKind::Block { .. }
            | ExprKind::Loop { .. }
            | ExprKind::While { .. }
            | ExprKind::For { .. }
            | ExprKind::Binary(_, syn::BinOp::And(_) | syn::BinOp::Or(_), _) => false,
            _ => e.children().into_iter().any(|c| forward(always, c)),
        }
    }
    fn resumed(always: &dyn Fn(PointId) -> bool, e: &Expr, k: PointId) -> bool {
        match &e.kind {
            ExprKind::Suspend(_) => false,
            ExprKind::Await(p, operand) => (*p != k && always(*p)) || resumed(always, operand, k),
            ExprKind::Block {
                label: None, block, ..
            } => match block.stmts.iter().position(|s| stmt_contains(s, k)) {
                Some(i) => {
                    let here = match &block.stmts[i] {
                        Stmt::Let(local) => {
                            local.init.as_ref().is_some_and(|e| resumed(always, e, k))
                        }
                        Stmt::Expr { expr, .. } => resumed(always, expr, k),
                        Stmt::Item(_) => false,
                    };
                    here || block.stmts[i + 1..].iter().any(|s| match s {
                        Stmt::Let(local) => local.init.as_ref().is_some_and(|e| forward(always, e)),
                        Stmt::Expr { expr, .. } => forward(always, expr),
                        Stmt::Item(_) => false,
                    })
                }
                None => false,
            },
            ExprKind::If { cond, .. } if expr_contains(cond, k) => resumed(always, cond, k),
            ExprKind::Match { scrutinee, .. } if expr_contains(scrutinee, k) => {
                resumed(always, scrutinee, k)
            }
            ExprKind::Block { .. }
            | ExprKind::If { .. }
            | ExprKind::Match { .. }
            | ExprKind::Loop { .. }
            | ExprKind::While { .. }
            | ExprKind::For { .. }
            | ExprKind::Binary(_, syn::BinOp::And(_) | syn::BinOp::Or(_), _) => false,
            _ => {
                let children = e.children();
                match children.iter().position(|c| expr_contains(c, k)) {
                    Some(i) => {
                        resumed(always, children[i], k)
                            || children[i + 1..].iter().any(|c| forward(always, c))
                    }
                    None => false,
                }
            }
        }
    }
    match mode.filter(|&k| expr_contains(e, k)) {
        Some(k) => resumed(&always, e, k),
        None => forward(&always, e),
    }
}

/// Whether a statement always reaches a suspension point (forward).
fn stmt_suspends(points: &[Point], inline_ready: bool, stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Let(local) => local
            .init
            .as_ref()
            .is_some_and(|e| suspends_before_value(points, inline_ready, e, None)),
        Stmt::Expr { expr, .. } => suspends_before_value(points, inline_ready, expr, None),
        Stmt::Item(_) => false,
    }
}

/// Whether, resumed after point `k` in it, a statement always reaches
/// another suspension point.
fn stmt_suspends_resumed(points: &[Point], inline_ready: bool, stmt: &Stmt, k: PointId) -> bool {
    match stmt {
        Stmt::Let(local) => local
            .init
            .as_ref()
            .is_some_and(|e| suspends_before_value(points, inline_ready, e, Some(k))),
        Stmt::Expr { expr, .. } => suspends_before_value(points, inline_ready, expr, Some(k)),
        Stmt::Item(_) => false,
    }
}

/// Whether, resumed after point `k` in it, the rest of a block always
/// reaches another suspension point.
fn stmt_suspends_resumed_block(
    points: &[Point],
    inline_ready: bool,
    block: &Block,
    k: PointId,
) -> bool {
    match block.stmts.iter().position(|s| stmt_contains(s, k)) {
        Some(i) => {
            stmt_suspends_resumed(points, inline_ready, &block.stmts[i], k)
                || block.stmts[i + 1..]
                    .iter()
                    .any(|s| stmt_suspends(points, inline_ready, s))
        }
        None => false,
    }
}

/// Whether evaluating `e` never completes normally: it always returns,
/// breaks, continues or panics. The code after it is unreachable and is not
/// printed: the analysis, for which it is unreachable too, may have kept
/// none of the locals it names. (Code after a suspension point is printed:
/// the analysis sees execution continue there, as it does in another arm.)
fn never_completes(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Suspend(_) => false,
        ExprKind::Await(_, operand) => never_completes(operand),
        ExprKind::Return(_) | ExprKind::Break { .. } | ExprKind::Continue(_) => true,
        ExprKind::Macro(m) => {
            matches!(m.kind, crate::known::MacroKind::Format { panics: true, .. })
                || m.args.iter().any(|a| match a {
                    MacroArg::Expr(x) | MacroArg::Named(_, x) => never_completes(x),
                    MacroArg::Raw(_) => false,
                })
        }
        ExprKind::Block {
            label: None, block, ..
        } => stmts_never_complete(&block.stmts),
        ExprKind::Block { .. } => false,
        ExprKind::Loop { body, .. } => !has_jump(body),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            never_completes(cond)
                || (stmts_never_complete(&then.stmts)
                    && otherwise.as_ref().is_some_and(|o| never_completes(o)))
        }
        ExprKind::Match { scrutinee, arms } => {
            never_completes(scrutinee)
                || (!arms.is_empty() && arms.iter().all(|a| never_completes(&a.body)))
        }
        ExprKind::While { cond, .. } => never_completes(cond),
        ExprKind::For { iter, .. } => never_completes(iter),
        ExprKind::Binary(l, syn::BinOp::And(_) | syn::BinOp::Or(_), _) => never_completes(l),
        ExprKind::Let { expr, .. } => never_completes(expr),
        _ => e.children().into_iter().any(never_completes),
    }
}

fn stmt_never_completes(stmt: &Stmt) -> bool {
    match stmt {
        Stmt::Let(local) => local.init.as_ref().is_some_and(never_completes),
        Stmt::Expr { expr, .. } => never_completes(expr),
        Stmt::Item(_) => false,
    }
}

fn stmts_never_complete(stmts: &[Stmt]) -> bool {
    stmts.iter().any(stmt_never_completes)
}

/// Whether a block contains a `break` or `continue` anywhere (also one
/// that leaves a nested loop by its label).
fn has_jump(block: &Block) -> bool {
    fn expr(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Break { .. } | ExprKind::Continue(_) => true,
            ExprKind::Block { block, .. }
            | ExprKind::Loop { body: block, .. }
            | ExprKind::While { body: block, .. }
            | ExprKind::For { body: block, .. } => {
                has_jump(block)
                    || match &e.kind {
                        ExprKind::While { cond, .. } => expr(cond),
                        ExprKind::For { iter, .. } => expr(iter),
                        _ => false,
                    }
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => expr(cond) || has_jump(then) || otherwise.as_ref().is_some_and(|o| expr(o)),
            ExprKind::Match { scrutinee, arms } => {
                expr(scrutinee) || arms.iter().any(|a| expr(&a.body))
            }
            _ => e.children().into_iter().any(expr),
        }
    }
    block.stmts.iter().any(|s| match s {
        Stmt::Let(local) => {
            local.init.as_ref().is_some_and(expr) || local.diverge.as_ref().is_some_and(has_jump)
        }
        Stmt::Expr { expr: e, .. } => expr(e),
        Stmt::Item(_) => false,
    })
}

/// Whether, resumed after point `k` inside `block` (a loop body), a `break`
/// or `continue` may run before the body ends: the loop may then go on.
/// Conservative: jumps on paths the resumed run cannot take (the other
/// branch of the `if` it was suspended in) are ignored, others are counted.
fn jump_after_in_block(block: &Block, k: PointId) -> bool {
    let Some(i) = block.stmts.iter().position(|s| stmt_contains(s, k)) else {
        return has_jump(block);
    };
    let here = match &block.stmts[i] {
        Stmt::Expr { expr, .. } => jump_after(expr, k),
        stmt => has_jump(&Block {
            stmts: vec![stmt.clone()],
            span: block.span,
        }),
    };
    here || (!stmt_after(&block.stmts[i], k)
        && has_jump(&Block {
            stmts: block.stmts[i + 1..].to_vec(),
            span: block.span,
        }))
}

/// [`jump_after_in_block`] for an expression containing `k`.
fn jump_after(e: &Expr, k: PointId) -> bool {
    let whole = || {
        has_jump(&Block {
            stmts: vec![Stmt::Expr {
                expr: e.clone(),
                semi: true,
            }],
            span: e.span,
        })
    };
    match &e.kind {
        ExprKind::If {
            cond,
            then,
            otherwise,
        } if !expr_contains(cond, k) => {
            if contains(then, k) {
                jump_after_in_block(then, k)
            } else {
                otherwise.as_ref().is_some_and(|o| jump_after(o, k))
            }
        }
        ExprKind::Match { scrutinee, arms } if !expr_contains(scrutinee, k) => arms
            .iter()
            .find(|a| expr_contains(&a.body, k))
            .is_some_and(|a| jump_after(&a.body, k)),
        ExprKind::Block {
            label: None, block, ..
        } => jump_after_in_block(block, k),
        ExprKind::Paren(inner) => jump_after(inner, k),
        _ => whole(),
    }
}

/// Whether `kind` is an operation on the values of its children, evaluated
/// after all of them (not control flow, which has its own rules).
fn is_operation(kind: &ExprKind) -> bool {
    matches!(
        kind,
        ExprKind::Unary(..)
            | ExprKind::Binary(..)
            | ExprKind::Assign(..)
            | ExprKind::Cast(..)
            | ExprKind::Ref { .. }
            | ExprKind::Field(..)
            | ExprKind::Index(..)
            | ExprKind::Call(..)
            | ExprKind::MethodCall { .. }
            | ExprKind::Tuple(..)
            | ExprKind::Array(..)
            | ExprKind::Repeat(..)
            | ExprKind::Struct { .. }
            | ExprKind::Range { .. }
            | ExprKind::Paren(..)
            | ExprKind::Try(..)
            | ExprKind::Macro(..)
    )
}

/// Whether, resumed after point `k` inside `stmt`, the rest of `stmt`
/// never completes normally.
fn stmt_after(stmt: &Stmt, k: PointId) -> bool {
    match stmt {
        Stmt::Let(local) => local.init.as_ref().is_some_and(|e| after(e, k)),
        Stmt::Expr { expr, .. } => after(expr, k),
        Stmt::Item(_) => false,
    }
}

fn block_after(block: &Block, k: PointId) -> bool {
    match block.stmts.iter().position(|s| stmt_contains(s, k)) {
        Some(i) => stmt_after(&block.stmts[i], k) || stmts_never_complete(&block.stmts[i + 1..]),
        None => false,
    }
}

/// Whether, resumed after point `k` inside `e`, the rest of `e` never
/// completes normally.
fn after(e: &Expr, k: PointId) -> bool {
    match &e.kind {
        ExprKind::Suspend(_) => false,
        // Resumed in its value: it then leaves.
        ExprKind::Return(_) | ExprKind::Break { .. } => true,
        ExprKind::Macro(m)
            if matches!(m.kind, crate::known::MacroKind::Format { panics: true, .. }) =>
        {
            true
        }
        ExprKind::Await(p, operand) => *p != k && after(operand, k),
        ExprKind::Block {
            label: None, block, ..
        } => block_after(block, k),
        ExprKind::Block { .. } => false,
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            if expr_contains(cond, k) {
                after(cond, k)
                    || (stmts_never_complete(&then.stmts)
                        && otherwise.as_ref().is_some_and(|o| never_completes(o)))
            } else if contains(then, k) {
                block_after(then, k)
            } else {
                otherwise.as_ref().is_some_and(|o| after(o, k))
            }
        }
        ExprKind::Match { scrutinee, arms } => {
            if expr_contains(scrutinee, k) {
                after(scrutinee, k)
                    || (!arms.is_empty() && arms.iter().all(|a| never_completes(&a.body)))
            } else {
                arms.iter()
                    .find(|a| expr_contains(&a.body, k))
                    .is_some_and(|a| after(&a.body, k))
            }
        }
        ExprKind::Loop { body, .. } => block_after(body, k) && !jump_after_in_block(body, k),
        ExprKind::While { .. } | ExprKind::For { .. } => false,
        ExprKind::Binary(l, syn::BinOp::And(_) | syn::BinOp::Or(_), r) => {
            if expr_contains(l, k) {
                after(l, k)
            } else {
                after(r, k)
            }
        }
        _ => {
            let children = e.children();
            match children.iter().position(|c| expr_contains(c, k)) {
                Some(i) => {
                    after(children[i], k) || children[i + 1..].iter().any(|c| never_completes(c))
                }
                None => false,
            }
        }
    }
}

/// The bindings of the `let`s in a condition.
fn let_bindings(cond: &Expr) -> Vec<BindingId> {
    match &cond.kind {
        ExprKind::Let { pat, .. } => pat.bindings.clone(),
        ExprKind::Binary(l, syn::BinOp::And(_), r) => {
            let mut out = let_bindings(l);
            out.extend(let_bindings(r));
            out
        }
        ExprKind::Paren(inner) => let_bindings(inner),
        _ => Vec::new(),
    }
}

fn contains(block: &Block, k: PointId) -> bool {
    block.stmts.iter().any(|s| stmt_contains(s, k))
}

fn stmt_contains(stmt: &Stmt, k: PointId) -> bool {
    match stmt {
        Stmt::Let(local) => {
            local.init.as_ref().is_some_and(|e| expr_contains(e, k))
                || local.diverge.as_ref().is_some_and(|d| contains(d, k))
        }
        Stmt::Expr { expr, .. } => expr_contains(expr, k),
        Stmt::Item(_) => false,
    }
}

/// Whether point `k` is inside `e` (or is `e`).
pub fn expr_contains(e: &Expr, k: PointId) -> bool {
    match &e.kind {
        ExprKind::Suspend(p) => *p == k,
        ExprKind::Await(p, operand) => *p == k || expr_contains(operand, k),
        ExprKind::Block { block, .. } | ExprKind::Loop { body: block, .. } => contains(block, k),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            expr_contains(cond, k)
                || contains(then, k)
                || otherwise.as_ref().is_some_and(|o| expr_contains(o, k))
        }
        ExprKind::Match { scrutinee, arms } => {
            expr_contains(scrutinee, k) || arms.iter().any(|a| expr_contains(&a.body, k))
        }
        ExprKind::While { cond, body, .. } => expr_contains(cond, k) || contains(body, k),
        ExprKind::For { iter, body, .. } => expr_contains(iter, k) || contains(body, k),
        _ => e.children().into_iter().any(|c| expr_contains(c, k)),
    }
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

/// Whether the body has a closure literal (conservatively: a `|` or `move`
/// in code the transform keeps as written, where closures are).
fn body_has_closure(body: &Block) -> bool {
    fn tokens_have_closure(tokens: &TokenStream) -> bool {
        tokens.clone().into_iter().any(|t| match t {
            proc_macro2::TokenTree::Punct(p) => p.as_char() == '|',
            proc_macro2::TokenTree::Ident(i) => i == "move",
            proc_macro2::TokenTree::Group(g) => tokens_have_closure(&g.stream()),
            proc_macro2::TokenTree::Literal(_) => false,
        })
    }
    fn expr(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Opaque(tokens, _) | ExprKind::Atom(tokens) => tokens_have_closure(tokens),
            ExprKind::Block { block: b, .. } | ExprKind::Loop { body: b, .. } => block(b),
            ExprKind::While { cond, body, .. } => expr(cond) || block(body),
            ExprKind::For { iter, body, .. } => expr(iter) || block(body),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => expr(cond) || block(then) || otherwise.as_ref().is_some_and(|o| expr(o)),
            ExprKind::Match { scrutinee, arms } => {
                expr(scrutinee)
                    || arms
                        .iter()
                        .any(|a| expr(&a.body) || a.guard.as_ref().is_some_and(|g| expr(g)))
            }
            _ => e.children().into_iter().any(expr),
        }
    }
    fn block(b: &Block) -> bool {
        b.stmts.iter().any(|s| match s {
            Stmt::Let(local) => {
                local.init.as_ref().is_some_and(expr) || local.diverge.as_ref().is_some_and(block)
            }
            Stmt::Expr { expr: e, .. } => expr(e),
            Stmt::Item(_) => false,
        })
    }
    block(body)
}
