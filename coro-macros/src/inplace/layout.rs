//! Which slots share storage. Each slot is allocated at a *path*: the
//! statements and branches (`if`/`match` arms) being printed, outermost
//! first. The slots of one node of the path tree live while any of its
//! children runs; two different children of a node (two statements of a
//! block, two arms of a `match`) never run at the same time, and the slots
//! of one are dropped (their flags cleared) before another starts. So a
//! node is laid out as a tuple of its own slots and one union of its
//! children:
//!
//! ```text
//! { let a; { let b; suspend } { let c; let d; suspend } suspend }
//! ==>  (a, Overlap<(b,), (c, d)>)
//! ```
//!
//! The element types are the types the user wrote for the bindings
//! (`let x: T`, parameters), else `_`, inferred from what the body writes
//! in each slot. The root's own slots (and those of nodes with a single child) stay
//! fields of the frame's tuple, so that rustc orders them with the drop
//! flags to save padding.

use proc_macro2::TokenStream;
use quote::quote;

/// One step of a path: (node, child).
pub(super) type Step = (usize, usize);

#[derive(Default)]
struct Node {
    own: Vec<usize>,
    kids: Vec<(Step, Node)>,
}

impl Node {
    fn insert(&mut self, path: &[Step], slot: usize) {
        let Some((&step, rest)) = path.split_first() else {
            self.own.push(slot);
            return;
        };
        let at = match self.kids.iter().position(|(s, _)| *s == step) {
            Some(i) => i,
            None => {
                self.kids.push((step, Node::default()));
                self.kids.len() - 1
            }
        };
        self.kids[at].1.insert(rest, slot);
    }
}

/// The type of the tuple of the slots in `paths` (slot `i + leaves.first`),
/// a skeleton whose leaves are `leaves`' types (the tuple is inside the
/// runtime's union `Lives`, and never read whole), and the
/// expression of each slot's pointer, from `rest`, a `*mut` to that tuple.
/// A slot with a wrapper is `Wrapper<T>` in the skeleton, and its pointer
/// is to the wrapped value.
///
/// The root's own slots are fields of their own; its children share one
/// field. A node with a single child is merged with it (nothing to share,
/// and a flat tuple lets rustc order the fields to save padding).
pub(super) fn layout(
    paths: &[Vec<Step>],
    leaves: &Leaves<'_>,
    rest: &TokenStream,
    rt: &TokenStream,
) -> Fields {
    let first = leaves.first;
    let mut root = Node::default();
    for (i, path) in paths.iter().enumerate() {
        root.insert(path, i + first);
    }
    root.flatten();
    let mut access = vec![TokenStream::new(); paths.len()];
    let mut out = |slot: usize, expr| access[slot - first] = expr;
    let ty = emit(&root, rest.clone(), rt, leaves, &mut out);
    Fields { ty, access }
}

/// What [`layout`] gives.
pub(super) struct Fields {
    /// The type of the slots' tuple.
    pub(super) ty: TokenStream,
    /// The expression of each slot's pointer.
    pub(super) access: Vec<TokenStream>,
}

/// The slots' leaf types: the declared type or `_`, or a wrapper of it;
/// `wrappers[i]` and `declared[i]` are those of slot `i + first`.
pub(super) struct Leaves<'a> {
    wrappers: &'a [Option<TokenStream>],
    declared: &'a [Option<syn::Type>],
    first: usize,
}

impl<'a> Leaves<'a> {
    pub(super) fn new(
        wrappers: &'a [Option<TokenStream>],
        declared: &'a [Option<syn::Type>],
        first: usize,
    ) -> Self {
        Leaves {
            wrappers,
            declared,
            first,
        }
    }

    fn wrapper(&self, slot: usize) -> Option<&TokenStream> {
        self.wrappers.get(slot - self.first)?.as_ref()
    }

    fn value(&self, slot: usize) -> TokenStream {
        match self.declared.get(slot - self.first) {
            Some(Some(ty)) => quote!(#ty),
            _ => quote!(_),
        }
    }

    fn ty(&self, slot: usize) -> TokenStream {
        let value = self.value(slot);
        match self.wrapper(slot) {
            Some(w) => quote!(#w<#value>),
            None => value,
        }
    }

    /// The pointer to the value, from `ptr`, the pointer to the leaf.
    fn unwrap(&self, slot: usize, ptr: TokenStream) -> TokenStream {
        match self.wrapper(slot) {
            Some(_) => quote!(&raw mut (*#ptr).0),
            None => ptr,
        }
    }
}

impl Node {
    /// Merges each node that has a single child with that child.
    fn flatten(&mut self) {
        while self.kids.len() == 1 {
            let (_, kid) = self.kids.pop().expect("one child");
            self.own.extend(kid.own);
            self.kids = kid.kids;
        }
        for (_, kid) in &mut self.kids {
            kid.flatten();
        }
    }
}

/// The type of `node`'s tuple; reports each slot's pointer expression.
fn emit(
    node: &Node,
    base: TokenStream,
    rt: &TokenStream,
    leaves: &Leaves<'_>,
    out: &mut dyn FnMut(usize, TokenStream),
) -> TokenStream {
    let mut fields = Vec::new();
    for (i, &slot) in node.own.iter().enumerate() {
        let i = syn::Index::from(i);
        out(slot, leaves.unwrap(slot, quote!(&raw mut (*#base).#i)));
        fields.push(leaves.ty(slot));
    }
    if !node.kids.is_empty() {
        let i = syn::Index::from(node.own.len());
        let shared = quote!(&raw mut (*#base).#i);
        fields.push(overlap(&node.kids, shared, rt, leaves, out));
    }
    quote!((#(#fields,)*))
}

/// The type `Overlap<A, Overlap<B, C>>` of children sharing the storage at
/// `base`; reports each slot's pointer expression.
fn overlap(
    kids: &[(Step, Node)],
    base: TokenStream,
    rt: &TokenStream,
    leaves: &Leaves<'_>,
    out: &mut dyn FnMut(usize, TokenStream),
) -> TokenStream {
    let mut rest = base;
    let last = kids.len() - 1;
    let mut types = Vec::new();
    for (j, (_, kid)) in kids.iter().enumerate() {
        let kid_base = if j == last {
            rest.clone()
        } else {
            quote!(#rt::overlap_a(#rest))
        };
        types.push(emit(kid, kid_base, rt, leaves, out));
        rest = quote!(#rt::overlap_b(#rest));
    }
    let mut ty = types.pop().expect("a child");
    while let Some(t) = types.pop() {
        ty = quote!(#rt::Overlap<#t, #ty>);
    }
    ty
}
