//! Phase 4, the lowering (`#[coroutine]`): every value that
//! lives across a suspension point has one slot in the pinned frame for its
//! whole life, and every statement of the body is printed once.
//!
//! The body closure runs on every resume with a *target*: 0 to start, the
//! resume index `k + 2` of point k to resume there, or `DROP`. The body is
//! the user's code, in its own structure, made re-entrant:
//!
//! ```text
//! { let a = f();  suspend!();  g(&a) }
//! ==>
//! { guard(a)                                  drops a when the scope ends
//!   if __t == 0 { let a = f(); init(a_slot, a) }   skipped when resuming
//!   { if __t == 0 { disarm guards; return suspend(2) }  __t = 0; }
//!   g(&*a_slot) }                              a used in place
//! ```
//!
//! - A statement before the one holding the target is skipped; the one
//!   holding it is entered; a point resets the target to 0, and from there
//!   the code runs forward as written.
//! - `if` and `match` whose branches suspend choose the branch holding the
//!   target instead of evaluating the condition or scrutinee again; a
//!   `match` whose guard suspends tries its arms in order
//!   (`match_guarded`).
//! - A local is *resident* (has a slot) when a suspension point follows its
//!   declaration in its scope; its uses become the place `*slot` (a value
//!   context moves it out and clears its drop flag), so its address is the
//!   same at every resume and other values may borrow it across points.
//!   One whose last use moves it out before the first point after it is
//!   dead at every point (`analysis::dead_at_points`): its slot is a local
//!   of the body closure (`stack_slot`), not part of the frame.
//! - An operand evaluated before a suspending operand is *spilled* into a
//!   slot of its own (rustc keeps it in the future's state the same way).
//!   A temporary it borrows (`&make()`, a method's receiver `make().len()`)
//!   is *kept* in a slot of its temporary scope (the statement; an arm, a
//!   loop body, an `if` branch), dropped when the scope ends; where that
//!   depends on the edition, a probe asks rustc (`edition_drop`,
//!   `tail_drop`).
//! - Each scope with slots has a guard that drops them (by their flags) when
//!   the scope ends, normally or by unwinding, unless a suspension is
//!   returning (it sets `__suspending`, one flag for all guards); a scope
//!   without slots has no guard.
//!
//! A *check copy* of the body, printed as an ordinary block in a branch that
//! never runs (points become `()` and calls that return the awaited output),
//! is type-checked and borrow-checked by rustc exactly as the `async fn`
//! would be: the state machine, whose places have unbounded lifetimes, only
//! runs programs that passed that check. See docs/how-it-works.md.
//!
//! Layout: `analysis` answers what must be known of the body before printing
//! it (which bindings have slots, where each is last used); `syntax` answers
//! questions about one expression or token stream (how an operation uses an
//! operand, what is a place, a closure's head); `captures` rewrites the
//! bodies of closures and `async` blocks kept as written (their free uses
//! of values in slots, scope by scope); `layout` arranges the
//! slots in the frame (slots that are never alive together share storage);
//! this module prints:
//! `generate` (the frame and the closure around the body), then the
//! `Emitter`'s blocks and statements, suspending expressions (`reentrant`,
//! `await_`, `if_`, `match_`, `operator`), and plain ones (`plain`, shared
//! with the check copy).

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::{BinOp, ReturnType};

use crate::outer::{outer_arg_names, outer_fn, respan, token_weight};

/// The largest body, in tokens of its check copy, that is inlined into its
/// frame's root resume. A larger one is called (one copy, which is then
/// its only caller and inlines it: one call per resume). Inlining saves
/// that call (`counter`: 5.3 ns to 3.4 ns per resume) but prints the body
/// twice in the binary (the root resume and the header's entry): the
/// 500-coroutine crate of docs/benchmarks.md, whose bodies weigh about
/// 250, took 49 s to build in release with them inlined, 40 to 44 s
/// without. Inlining them into the root resume only (one more copy, not
/// two) still cost 44-45 s against 32-34 s. `#[coroutine(inline)]`
/// inlines a body whatever its weight, for the hot coroutine where that is
/// worth the build time (`live_values`: 1.89 -> 1.51 times the hand-written
/// machine).
const INLINE_WEIGHT_OF_BODY: usize = 200;
use crate::ir::*;
use crate::parse::{CoroutineFn, Options};

mod analysis;
mod captures;
mod layout;
mod syntax;

use analysis::{Positions, binds_by_value, chain_bindings, field_moves, field_path, held_across};
use syntax::{
    child_ctx, closure_head, first_mention, format_captures, has_let, idents_in,
    is_compound_assignment, is_place, is_tail_match, keepable, macro_scope, temporaries_through,
};

/// A construct the in-place lowering does not handle yet.
pub struct Unsupported {
    pub span: Span,
    pub what: &'static str,
    /// What to write instead; `None` for a case the lowering should never
    /// meet (a bug of the transform).
    pub fix: Option<&'static str>,
}

type Res<T> = Result<T, Unsupported>;

/// A construct not supported yet, and what to write instead.
fn unsupported<T>(span: Span, what: &'static str, fix: &'static str) -> Res<T> {
    Err(Unsupported {
        span,
        what,
        fix: Some(fix),
    })
}

/// A case the lowering does not expect: a bug of the transform.
fn internal<T>(span: Span, what: &'static str) -> Res<T> {
    Err(Unsupported {
        span,
        what,
        fix: None,
    })
}

/// How a parent uses an operand.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctx {
    /// Moved or copied out.
    Value,
    /// Used as a place: borrowed, assigned, read through.
    Place,
}

/// Generates the coroutine fn with the in-place lowering.
pub fn generate(f: &CoroutineFn, options: &Options, body: &Body) -> Res<TokenStream> {
    let krate = &options.krate;
    let ret_ty = match &f.sig.output {
        ReturnType::Default => Some(quote!(())),
        ReturnType::Type(_, ty) if !crate::outer::contains_impl_trait(&f.sig.output) => {
            Some(quote!(#ty))
        }
        ReturnType::Type(..) => None,
    };
    let gen = Gen::of(options);
    let mut em = Emitter::new(body, krate, false, gen.clone());
    let machine = em.top_block(&body.block)?;
    let mut check = Emitter::new(body, krate, true, gen.clone());
    let checked = check.plain_block(&body.block)?;

    let k = em.rt();
    let n = em.slots.len();
    let (s, fl, cx, t) = (em.s.clone(), em.f.clone(), em.cx.clone(), em.t.clone());
    let sus = em.sus.clone();
    let arg_values = outer_arg_names(&f.sig);
    // Slot 0, the arguments, and the other slots are field 1, a `Lives`:
    // the arguments are moved out of it when the body starts, before any
    // other slot is written (as rustc's unresumed state shares storage
    // with the others), and the output is written there once every other
    // slot is dropped. Field 0 is the drop flags.
    let rest = hygienic("__rest");
    let Slots {
        wrappers,
        rest_ty,
        decls,
    } = slots(&em, body, &rest);
    let args_slot = &em.slots[0];
    let args_at = quote! {
        let #rest = #k::lives_rest(unsafe { &raw mut (*#s).1 });
        let #args_slot = #k::lives_args(unsafe { &raw mut (*#s).1 });
    };
    // The output's type where the signature spells it; else inferred, from
    // the body's value, through `shape`'s bound.
    let out_ty = ret_ty.clone().unwrap_or_else(|| quote!(_));
    let lives = quote!(#k::lives_with_args::<_, #rest_ty, #out_ty>((#(#arg_values,)*)));
    let flags_at = (0..n).filter(|&i| !em.stack[i]).map(|i| {
        let (flag, index) = (frame_flag(i), syn::Index::from(i));
        quote!(let #flag: *mut bool = unsafe { &raw mut (*#fl)[#index] };)
    });
    let decls = quote! {
        #args_at
        #(#flags_at)*
        #decls
    };
    let mut drops = em.frame_drops();
    let flags = (0..n).map(|i| if i == 0 { quote!(true) } else { quote!(false) });
    let mut init = quote!(([#(#flags),*], #lives));
    let mut slots = quote!(let #s = #cx.slots(););
    let mut enter = TokenStream::new();
    if let Some(gen) = &gen {
        // A generator's states are its `GenIo`, then the slots.
        let (y, r, io, resumed) = (&gen.y, &gen.r, &gen.io, &gen.resumed);
        init = quote!((::core::mem::ManuallyDrop::new(#k::GenIo::<#y, #r>::new()), #init));
        let states = hygienic("__states");
        slots = quote! {
            let #states = #cx.slots();
            // SAFETY: field addresses in the frame's states, which are pinned.
            let #io = #k::io_of(unsafe { &raw mut (*#states).0 });
            let #s = unsafe { &raw mut (*#states).1 };
        };
        drops.push(quote!(#k::drop_io(#io);));
        // SAFETY (of `enter`): the body runs, so the `GenIo` is its own.
        enter = if gen.receives {
            quote!(let mut #resumed = unsafe { #k::enter(#io) };)
        } else {
            quote!(let _ = unsafe { #k::enter(#io) };)
        };
    }
    let label = check.check_label();
    let out_ident = hygienic("__out");
    let ty = ret_ty.as_ref().map(|ty| quote!(: #ty));
    // `#[coroutine(inline)]`: LLVM is told, not asked (a large closure
    // called from a function that does more than call it is not inlined by
    // its own measure).
    let force = if options.inline {
        quote!(#[inline(always)])
    } else {
        TokenStream::new()
    };
    let closure = quote! {
        #force
        |#cx: &mut #k::Cx<'_, (), ()>| {
            // The typed view. Its types are those of the closure's return
            // type, which `shape` fixes from the slots: the closure's type
            // names the slots only there (see `Body`).
            let #cx = #cx.typed();
            if false {
                return #cx.types();
            }
            #slots
            // SAFETY: field addresses in the frame's slots, which are pinned.
            let #fl = unsafe { &raw mut (*#s).0 };
            #decls
            let mut #t: u32 = #cx.target();
            if #t != #k::DROP {
                #enter
                let #sus = &::core::cell::Cell::new(false);
                // The body's value, and what its `return`s and `?`s
                // break with, checked against the declared type exactly as
                // in the check copy (one error for a mismatch, not two).
                let #out_ident #ty = #label: #machine;
                return #cx.ret(#out_ident);
            }
            // Dropping the frame. Printed after the machine, where rustc
            // knows every slot's type: mentioned before, each slot's type
            // would be pending in its type checker until the write that
            // fixes it, which costs build time at every step between.
            // SAFETY: the flags say which slots hold a value; later slots
            // are dropped first (inner scopes, later values).
            unsafe { #(#drops)* }
            #cx.dropped()
        }
    };
    // Weighed on the check copy, which is about the user's body: the state
    // machine's own tokens (slot accesses, guards) cost little once
    // compiled.
    // `#[coroutine(inline)]` asks for it whatever the weight.
    let inline = options.inline || token_weight(&checked) <= INLINE_WEIGHT_OF_BODY;
    let init_ident = format_ident!("__init", span = Span::mixed_site());
    let body_ident = format_ident!("__body", span = Span::mixed_site());
    let primitives = primitives_check(body);
    let frame = quote! {{
        #wrappers
        #primitives
        let #init_ident = #init;
        let #body_ident = #k::shape(&#init_ident, #closure);
        // SAFETY: `__body` is the state machine generated for these slots
        // (see `InFrame::new`), and the check copy above accepted the body.
        unsafe { #k::InFrame::<_, #inline>::new(#init_ident, #body_ident) }
    }};
    let args_ident = syn::Ident::new("__args", Span::mixed_site());
    let check_copy = quote! {
        // The check copy: type-checked and borrow-checked, never run.
        #[allow(unreachable_code, unused_variables, unused_mut, unused_assignments, unused_labels, unused_braces, unused_parens, clippy::diverging_sub_expression, clippy::needless_return, clippy::let_and_return, clippy::unused_unit, clippy::no_effect, clippy::drop_non_drop, dropping_copy_types, dropping_references)]
        if false {
            let #args_ident = (#(#arg_values,)*);
            let _ #ty = #label: #checked;
            ::core::unreachable!();
        }
    };
    Ok(outer_fn(f, options, body, check_copy, frame))
}

/// A compile-time check that the primitive type names the bindings'
/// declared types are made of name the primitives (`Binding::no_drop`
/// leaves their slots out of every drop): a type of the user's called
/// `u64` with drop glue would otherwise leak.
fn primitives_check(body: &Body) -> TokenStream {
    let mut names = Vec::new();
    for b in body.bindings.iter().filter(|b| b.no_drop) {
        if let Some(ty) = &b.ty {
            crate::lower::no_drop_type(ty, &mut names);
        }
    }
    let mut seen: Vec<String> = Vec::new();
    let checks = names.into_iter().filter_map(|ty| {
        let name = ty.to_string();
        if seen.contains(&name) {
            return None;
        }
        seen.push(name);
        // At the user's type: that is where the name is not the primitive.
        Some(quote_spanned! {ty.span()=>
            const _: () = ::core::assert!(
                !::core::mem::needs_drop::<#ty>(),
                "this type is named like a primitive type but has drop glue, \
                 which #[coroutine] does not expect: rename it",
            );
        })
    });
    quote!(#(#checks)*)
}

/// The slots of the frame, once the body is printed (see [`slots`]).
struct Slots {
    /// The module of the slots' wrapper types (see [`slot_types`]).
    wrappers: TokenStream,
    /// The type of the slots in the frame but the arguments' (`Lives`'
    /// `R`).
    rest_ty: TokenStream,
    /// The pointer of every slot but the arguments': a field of the
    /// frame's `rest`, or a stack slot (see [`stack_slot`]).
    decls: TokenStream,
}

/// Lays out the slots `em` allocated that are not on the body's stack in
/// `rest` (see `layout`), and declares every slot's pointer.
fn slots(em: &Emitter<'_>, body: &Body, rest: &syn::Ident) -> Slots {
    let n = em.slots.len();
    let in_frame: Vec<usize> = (1..n).filter(|&i| !em.stack[i]).collect();
    let framed = |i: &usize| em.slot_bindings[i - 1];
    let wrapped: Vec<Option<BindingId>> = (1..n)
        .map(|i| framed(&i).filter(|_| !em.stack[i]))
        .collect();
    let (wrappers, named) = slot_types(&wrapped, &em.held, body);
    let named: Vec<_> = in_frame.iter().map(|i| named[i - 1].clone()).collect();
    let declared: Vec<Option<syn::Type>> = in_frame
        .iter()
        .map(|i| framed(i).and_then(|b| body.bindings[b].ty.clone()))
        .collect();
    let paths: Vec<_> = in_frame
        .iter()
        .map(|i| em.slot_paths[i - 1].clone())
        .collect();
    let leaves = layout::Leaves::new(&named, &declared, 1);
    let layout::Fields {
        ty: rest_ty,
        access,
    } = layout::layout(&paths, &leaves, &quote!(#rest), &em.rt());
    let mut access = access.iter();
    // SAFETY (of the generated blocks): `&raw mut` of fields of the
    // pinned frame's slots, through raw pointers only (no reference is
    // made, and a union side is only an address; the flags say which side
    // holds values).
    let decls = em.slots[1..].iter().enumerate().map(|(i, p)| {
        if em.stack[i + 1] {
            return stack_slot(p, i + 1);
        }
        let at = access.next().expect("a field for each slot in the frame");
        // A moved field's flag has a slot of its own only for its index in
        // the flags: the slot holds nothing.
        let ty = if em.flag_only.contains(&(i + 1)) {
            quote!(())
        } else {
            quote!(_)
        };
        quote!(let #p: *mut #ty = unsafe { #at };)
    });
    Slots {
        wrappers,
        rest_ty,
        decls: decls.collect(),
    }
}

/// The pointer to the drop flag of frame slot `n`, declared once at the
/// top of the body (`flag_decls`) rather than indexed at every use.
fn frame_flag(n: usize) -> syn::Ident {
    hygienic(&format!("__flag{n}"))
}

/// The declaration of stack slot `n`, pointer `p` (see `Emitter::stack`):
/// a value and a drop flag, locals of the body closure, reached through
/// pointers as the frame's slots are (the scope guards, `move` closures,
/// hold the pointers, not copies of the locals).
fn stack_slot(p: &syn::Ident, n: usize) -> TokenStream {
    let (value, flag) = (
        hygienic(&format!("__stack{n}")),
        hygienic(&format!("__stack_set{n}")),
    );
    let flag_ptr = stack_flag(n);
    quote! {
        let mut #value = ::core::mem::MaybeUninit::uninit();
        let #p: *mut _ = #value.as_mut_ptr();
        let mut #flag = false;
        let #flag_ptr: *mut bool = &raw mut #flag;
    }
}

/// The module of wrapper types for the slots that hold a binding, and
/// the path of each slot's wrapper (`None`: the slot is not wrapped).
///
/// `let x = Rc::new(1);` kept across a point is stored as
/// `__coro_slots::x<Rc<i32>>`, a transparent struct whose name is spanned
/// at the binding, and whose `Send` impl has its bound spanned at the
/// first suspension point the binding is kept across. When the frame is
/// required to be `Send`, rustc's notes then read as its notes for an
/// `async fn`: "required for `x<Rc<i32>>` to implement `Send`" at `let x`,
/// and "unsatisfied trait bound introduced here" at the point. Bindings
/// with the same name share one (generic) wrapper, whose bound names the
/// first one's point; a name that cannot name a struct is left unwrapped.
fn slot_types(
    slot_bindings: &[Option<BindingId>],
    held: &[Option<PointId>],
    body: &Body,
) -> (TokenStream, Vec<Option<TokenStream>>) {
    let module = syn::Ident::new("__coro_slots", Span::mixed_site());
    let mut defined: Vec<String> = Vec::new();
    let mut structs = Vec::new();
    let named = slot_bindings
        .iter()
        .map(|b| {
            let b = (*b)?;
            if body.bindings[b].plain {
                return None;
            }
            let binding = &body.bindings[b].ident;
            // The transform's own bindings: a `for` loop's iterator is
            // named for what it is; the others are not wrapped.
            let ident = match binding.to_string() {
                name if name.starts_with("__iter") => {
                    syn::Ident::new("for_loop_iterator", binding.span())
                }
                name if name.starts_with("__") => return None,
                _ => binding.clone(),
            };
            let name = ident.to_string();
            syn::parse_str::<syn::Ident>(&name).ok()?;
            if !defined.contains(&name) {
                defined.push(name);
                let point = held[b].map_or(ident.span(), |p| body.points[p].span);
                let send = quote_spanned!(point=> T: ::core::marker::Send);
                // At the binding, with the macro's hygiene: `unsafe_code`
                // is not reported in the code of another crate's macro.
                let at = Span::mixed_site().located_at(ident.span());
                let impl_send = quote_spanned! {at=>
                    unsafe impl<T> ::core::marker::Send for #ident<T> where #send {}
                };
                structs.push(quote! {
                    #[repr(transparent)]
                    pub struct #ident<T>(pub T);
                    // SAFETY: the bound of the impl rustc would derive; it
                    // is written out only for the span of its bound.
                    #impl_send
                });
            }
            Some(quote!(#module::#ident))
        })
        .collect();
    if structs.is_empty() {
        return (TokenStream::new(), named);
    }
    let wrappers = quote! {
        #[allow(non_camel_case_types, dead_code)]
        mod #module {
            #(#structs)*
        }
    };
    (wrappers, named)
}

/// Prints the body, as the state machine or as the check copy.
struct Emitter<'a> {
    body: &'a Body,
    krate: &'a syn::Path,
    /// Printing the check copy: plain Rust, points as calls.
    check: bool,
    /// Whether each binding has a slot (a point follows it in its scope).
    resident: Vec<bool>,
    /// For a binding with a slot, the first point it is kept across
    /// (`analysis::held_across`).
    held: Vec<Option<PointId>>,
    /// Bindings with a slot that are dead at every point all the same
    /// (`analysis::dead_at_points`): their slot is on the body's stack.
    dead: Vec<bool>,
    /// For each slot, whether it is on the body's stack (a local of the
    /// body closure, fresh at each call) rather than in the frame.
    stack: Vec<bool>,
    /// The slot of each resident binding, once its declaration is printed.
    slot_of: Vec<Option<usize>>,
    /// Bindings printed by name although resident: inside the `match` that
    /// binds them, before they are stored.
    by_name: Vec<BindingId>,
    /// Bindings of a pattern matched by reference, in a guard that
    /// suspends: printed `(*x)` (see `match_guarded`).
    by_ref: Vec<BindingId>,
    /// The pointer of each slot (slot 0 holds the arguments).
    slots: Vec<syn::Ident>,
    /// The fields moved out of each resident binding (see `field_moves`).
    moved: HashMap<BindingId, Vec<Vec<syn::Member>>>,
    /// The companions of the slot of each binding fields are moved out of.
    companions: HashMap<usize, Companion>,
    /// Slots that are companions (dropped with the slot they serve).
    aux: Vec<usize>,
    /// The slots of `aux` that are only a flag (a moved field's).
    flag_only: Vec<usize>,
    /// Slots of the bindings of the scope being printed.
    own: Vec<usize>,
    /// Spilled operands of each statement being printed.
    temps: Vec<Vec<usize>>,
    /// The `match` or `if let` about to be printed is the tail of a block
    /// (see `match_`): the block's edition span and its first slot.
    tail: Option<(Span, usize)>,
    /// Slots of a tail's temporaries, which outlive the slots of their
    /// block from its first (`usize`) in edition 2021 (see `match_`).
    late: Vec<(usize, usize, Span)>,
    /// Printing an operand evaluated before a point of its statement: a
    /// temporary it borrows (`&make()`, `make().len()`) lives across the
    /// point, so it goes in a slot of the statement (see `kept_temporary`).
    keep: bool,
    /// The statements and branches being printed (see `layout`); `true`
    /// marks a statement of a block.
    path: Vec<(layout::Step, bool)>,
    /// The path of each slot but the first (the arguments).
    slot_paths: Vec<Vec<layout::Step>>,
    /// For each slot but the first, the binding it holds, if any: its
    /// value is wrapped in a type named after the binding and defined at
    /// it (see `slot_types`), so that an error about the frame's type (a
    /// value that is not `Send`) names the value and points at it.
    slot_bindings: Vec<Option<BindingId>>,
    counter: usize,
    ranges: HashMap<usize, Option<(usize, usize)>>,
    positions: Positions,
    /// Bindings of closure literals (`analysis::closure_bindings`).
    closures: Vec<bool>,
    cx: syn::Ident,
    t: syn::Ident,
    s: syn::Ident,
    f: syn::Ident,
    /// A `&Cell<bool>` set by a suspension: the scope guards then keep the
    /// slots for the next resume.
    sus: syn::Ident,
    /// Suspensions printed so far.
    points_printed: usize,
    /// A generator's types (`yield = Y, resume = R`), if it is one.
    gen: Option<Gen>,
}

/// A generator's types, from the attribute (`()` where not given).
#[derive(Clone)]
struct Gen {
    y: TokenStream,
    r: TokenStream,
    /// `resume = R` was given: each `suspend!` evaluates to the value
    /// passed in.
    receives: bool,
    /// The frame's `GenIo` (`*mut GenIo<Y, R>`).
    io: syn::Ident,
    /// The value passed in at this entry (`Option<R>`).
    resumed: syn::Ident,
}

impl Gen {
    fn of(options: &Options) -> Option<Gen> {
        if !options.generator() {
            return None;
        }
        let unit = || quote!(());
        Some(Gen {
            y: options.yield_ty.as_ref().map_or_else(unit, |t| quote!(#t)),
            r: options.resume_ty.as_ref().map_or_else(unit, |t| quote!(#t)),
            receives: options.resume_ty.is_some(),
            io: hygienic("__io"),
            resumed: hygienic("__resumed"),
        })
    }
}

/// The slots that serve the slot of a binding fields are moved out of
/// (`let a = s.x;`): one holds how to drop what is left (`Rest`), one flag
/// per field path says whether that field was moved out.
struct Companion {
    rest: usize,
    paths: Vec<(Vec<syn::Member>, usize)>,
}

/// A span at the macro's call site with the hygiene, and so the edition,
/// of `user`: a block printed with it drops its tail's temporaries as the
/// user's block does (2024: before the block's locals), and errors still
/// point at the call site, not into the user's code at a generated block.
fn edition_of(user: Span) -> Span {
    Span::call_site().resolved_at(user)
}

/// The pointer to the drop flag of stack slot `n` (see `Emitter::stack`).
fn stack_flag(n: usize) -> syn::Ident {
    hygienic(&format!("__stack_flag{n}"))
}

fn hygienic(name: &str) -> syn::Ident {
    syn::Ident::new(name, Span::mixed_site())
}

/// The keyword `unsafe` of a generated block printed at a user's `span`
/// (every generated `unsafe` that is not printed with `quote!`'s call-site
/// span): with the macro's hygiene, so that rustc sees it as the macro's
/// code, where the `unsafe_code` lint of a `#![forbid(unsafe_code)]` crate
/// does not apply.
fn unsafe_at(span: Span) -> proc_macro2::Ident {
    proc_macro2::Ident::new("unsafe", Span::mixed_site().located_at(span))
}

impl<'a> Emitter<'a> {
    fn new(body: &'a Body, krate: &'a syn::Path, check: bool, gen: Option<Gen>) -> Self {
        let held = held_across(body);
        let resident: Vec<bool> = held.iter().map(Option::is_some).collect();
        let moved = field_moves(body, &resident);
        let positions = Positions::of(body);
        let dead = analysis::dead_at_points(body, &held, &positions, &moved);
        Emitter {
            held,
            dead,
            stack: vec![false],
            moved,
            companions: HashMap::new(),
            aux: Vec::new(),
            flag_only: Vec::new(),
            body,
            krate,
            check,
            slot_of: vec![None; body.bindings.len()],
            resident,
            by_name: Vec::new(),
            by_ref: Vec::new(),
            slots: vec![hygienic("__args_slot")],
            own: Vec::new(),
            temps: Vec::new(),
            keep: false,
            tail: None,
            late: Vec::new(),
            path: Vec::new(),
            slot_paths: Vec::new(),
            slot_bindings: Vec::new(),
            counter: 0,
            ranges: HashMap::new(),
            positions,
            closures: analysis::closure_bindings(body),
            cx: hygienic("__cx"),
            t: hygienic("__t"),
            s: hygienic("__s"),
            f: hygienic("__f"),
            sus: hygienic("__suspending"),
            points_printed: 0,
            gen,
        }
    }

    fn rt(&self) -> TokenStream {
        let krate = self.krate;
        quote!(#krate::__private::inplace)
    }

    fn fresh(&mut self, prefix: &str) -> syn::Ident {
        self.counter += 1;
        hygienic(&format!("{prefix}{}", self.counter))
    }

    fn check_label(&self) -> syn::Lifetime {
        syn::Lifetime::new("'__check", Span::mixed_site())
    }

    // ----- slots -------------------------------------------------------

    fn alloc(&mut self, name: &str, path: Vec<layout::Step>) -> usize {
        let n = self.slots.len();
        let ident = hygienic(&format!("{}__{n}", name.trim_start_matches("r#")));
        self.slots.push(ident);
        self.stack.push(false);
        self.slot_paths.push(path);
        self.slot_bindings.push(None);
        n
    }

    /// A slot for binding `b`: it lives until the end of its block, so it
    /// belongs to the block, not to the statement declaring it (an arm's
    /// bindings belong to the arm).
    fn alloc_binding(&mut self, b: BindingId) -> usize {
        let mut path = self.path.clone();
        if path.last().is_some_and(|(_, statement)| *statement) {
            path.pop();
        }
        let path: Vec<layout::Step> = path.into_iter().map(|(step, _)| step).collect();
        let n = self.alloc(&self.body.bindings[b].ident.to_string(), path.clone());
        self.stack[n] = self.dead[b];
        self.slot_of[b] = Some(n);
        self.slot_bindings[n - 1] = Some(b);
        if let Some(moved) = self.moved.get(&b).cloned() {
            let rest = self.alloc("__rest", path.clone());
            self.aux.push(rest);
            let mut paths = Vec::new();
            for fields in moved {
                let flag = self.alloc("__moved", path.clone());
                self.aux.push(flag);
                self.flag_only.push(flag);
                paths.push((fields, flag));
            }
            self.companions.insert(n, Companion { rest, paths });
        }
        n
    }

    /// Drops every slot, when the frame is dropped: the last first, but a
    /// tail's temporaries after their block's slots where the edition says
    /// so (see `match_`).
    fn frame_drops(&self) -> Vec<TokenStream> {
        let mut out = Vec::new();
        for i in (0..self.slots.len()).rev() {
            if self.aux.contains(&i) {
                continue;
            }
            match self.late.iter().find(|(n, ..)| *n == i) {
                Some(&(_, _, span)) => {
                    let early = self.tail_temporaries_drop_first(span);
                    let drop = self.drop_slot(i);
                    out.push(quote!(if #early { #drop }));
                }
                // A stack slot is empty whenever the frame is suspended; a
                // tail's temporaries that outlive its block may still be
                // dropped at its place (below).
                None if self.stack[i] || self.no_drop(i) => {}
                None => out.push(self.drop_slot(i)),
            }
            // Latest first, as rustc drops temporaries.
            for &(n, start, _) in self.late.iter().rev() {
                if start == i {
                    out.push(self.drop_slot(n));
                }
            }
        }
        out
    }

    /// Whether slot `n` holds a binding whose type the syntax shows to
    /// have no drop glue (`Binding::no_drop`): nothing drops it.
    fn no_drop(&self, n: usize) -> bool {
        n > 0
            && self.slot_bindings[n - 1].is_some_and(|b| self.body.bindings[b].no_drop)
            && !self.companions.contains_key(&n)
    }

    /// A fresh node of the layout's path tree.
    fn node(&mut self) -> usize {
        self.counter += 1;
        self.counter
    }

    /// Runs `f` inside child `child` of node `node` of the layout.
    fn within<T>(
        &mut self,
        node: usize,
        child: usize,
        statement: bool,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.path.push(((node, child), statement));
        let out = f(self);
        self.path.pop();
        out
    }

    fn alloc_temp(&mut self) -> usize {
        let path = self.path.iter().map(|(step, _)| *step).collect();
        self.alloc_temp_at(path)
    }

    /// A slot for the child an `.await` runs: it holds a value only while
    /// that await is suspended, when no code of the statement runs and
    /// every slot of a branch or block nested in the statement has been
    /// dropped; so it is a node of its own below the statement, sharing
    /// storage with those (and with every other child of the statement).
    fn alloc_child(&mut self) -> usize {
        let mut path: Vec<layout::Step> = self.path.iter().map(|(step, _)| *step).collect();
        path.push((self.node(), 0));
        self.alloc_temp_at(path)
    }

    fn alloc_temp_at(&mut self, path: Vec<layout::Step>) -> usize {
        let n = self.alloc("__spill", path);
        if let Some(frame) = self.temps.last_mut() {
            frame.push(n);
        }
        n
    }

    fn flag(&self, n: usize) -> TokenStream {
        if self.stack[n] {
            let flag = stack_flag(n);
            return quote!(#flag);
        }
        let flag = frame_flag(n);
        quote!(#flag)
    }

    /// The place of slot `n`, for a use at `span` (errors point there).
    fn place_at(&self, n: usize, span: Span) -> TokenStream {
        let p = &self.slots[n];
        // SAFETY (of the generated block): the slot holds a value whenever
        // the user's code names it; the check copy proved the borrows.
        // `{ p }`: a copy of the pointer, so that a closure reading `p` does
        // not conflict with this use (a `&mut *p` would count as a mutable
        // borrow of `p`'s place for the borrow checker).
        // The macro's hygiene at the user's place: lints about the
        // reborrow (clippy's `mut_mut` on a slot holding a `&mut`) and the
        // `unsafe` are not the user's (see `unsafe_at`).
        let at = Span::mixed_site().located_at(span);
        quote_spanned!(at=> (*unsafe { &mut *{ #p } }))
    }

    fn place(&self, n: usize) -> TokenStream {
        self.place_at(n, Span::call_site())
    }

    /// Moves the value out of slot `n` (its type is the slot's, not the
    /// one the use site expects: a coercion applies after).
    fn take_at(&self, n: usize, span: Span) -> TokenStream {
        let (k, p, flag) = (self.rt(), &self.slots[n], self.flag(n));
        let v = hygienic("__taken");
        let unsafe_ = unsafe_at(span);
        // Through a `let`: the type the use site expects must not reach
        // `take_slot`'s `T` (it would be taken for the slot's type, where a
        // coercion is meant: `let w: &str = s;` with `s` a `&String`).
        quote_spanned!(span=> ({ let #v = #unsafe_ { #k::take_slot(#p, #flag) }; #v }))
    }

    fn take(&self, n: usize) -> TokenStream {
        self.take_at(n, Span::call_site())
    }

    fn init(&self, n: usize, value: &syn::Ident) -> TokenStream {
        let (k, p, flag) = (self.rt(), &self.slots[n], self.flag(n));
        quote!(unsafe { #k::init_slot(#p, #flag, #value) };)
    }

    fn drop_slot(&self, n: usize) -> TokenStream {
        let (k, p, flag) = (self.rt(), &self.slots[n], self.flag(n));
        match self.companions.get(&n) {
            Some(c) => {
                let (rest, rest_flag, f) = (&self.slots[c.rest], self.flag(c.rest), &self.f);
                quote!(#k::drop_partial(#p, #flag, #rest, #rest_flag, #f.cast::<bool>());)
            }
            None => quote!(#k::drop_slot(#p, #flag);),
        }
    }

    /// `slot = value`: drops the old value if there is one (the value is
    /// evaluated first, outside the `unsafe` block).
    fn assign(&self, n: usize, value: TokenStream) -> TokenStream {
        let (k, p, flag) = (self.rt(), &self.slots[n], self.flag(n));
        let tmp = hygienic("__value");
        if self.companions.contains_key(&n) {
            // What is left of the old value is dropped as at the end of
            // its scope.
            let drop = self.drop_slot(n);
            return quote!({ let #tmp = #value; unsafe { #drop #k::init_slot(#p, #flag, #tmp) } });
        }
        quote!({ let #tmp = #value; unsafe { #k::assign_slot(#p, #flag, #tmp) } })
    }

    /// The slot of the binding `e`, a field chain, is a field of, and the
    /// flag slot of that field path if it is one moved out (see
    /// `Companion`).
    fn moved_path(&self, e: &Expr) -> Option<(usize, &[syn::Member], Option<usize>)> {
        if self.check {
            return None;
        }
        let (b, fields) = field_path(e)?;
        let n = self.resident_local_binding(b)?;
        let c = self.companions.get(&n)?;
        let (path, flag) = c
            .paths
            .iter()
            .find(|(p, _)| p[..] == fields[..])
            .map_or_else(
                || (c.paths[0].0.as_slice(), None),
                |(p, flag)| (p.as_slice(), Some(*flag)),
            );
        if flag.is_none() {
            // A prefix of a moved path (`s.a = ..` with `s.a.b` moved) is
            // not assigned in place: the caller decides.
            let prefix = c
                .paths
                .iter()
                .any(|(p, _)| p.len() > fields.len() && p[..fields.len()] == fields[..]);
            return prefix.then_some((n, path, None));
        }
        Some((n, path, flag))
    }

    /// `s.x` in a value context, with `s.x` a field path moved out of a
    /// value in a slot: read out, its flag set, and how to drop what is
    /// left of `s` recorded (`move_field`).
    fn move_field(&self, n: usize, fields: &[syn::Member], flag: usize, span: Span) -> TokenStream {
        let (k, p) = (self.rt(), &self.slots[n]);
        let c = &self.companions[&n];
        let (rest, rest_flag, path_flag) =
            (&self.slots[c.rest], self.flag(c.rest), self.flag(flag));
        let (w, fl) = (hygienic("__whole"), hygienic("__flags"));
        let forgets = c.paths.iter().map(|(path, flag)| {
            let i = syn::Index::from(*flag);
            quote! {
                if *#fl.add(#i) {
                    *#fl.add(#i) = false;
                    ::core::mem::forget(#w #(.#path)*);
                }
            }
        });
        // SAFETY (of the generated block): `n` holds a value (the check copy
        // accepted the move); the fields flagged were moved out, the others
        // are there, so forgetting the first and dropping `w` drops the rest
        // once.
        let v = hygienic("__taken");
        let unsafe_ = unsafe_at(span);
        quote_spanned! {span=> ({
            let #v = #unsafe_ {
                #k::move_field(
                    #p,
                    #rest,
                    #rest_flag,
                    #path_flag,
                    |#w: *mut _, #fl: *mut bool| {
                        let #w = ::core::ptr::read(#w);
                        #(#forgets)*
                    },
                    &raw mut (*{ #p }) #(.#fields)*,
                )
            };
            #v
        })}
    }

    /// `let g = ScopeGuard(..)` dropping `slots`, the last first, when the
    /// scope ends other than by a suspension; nothing if none of `slots`
    /// needs a drop (`no_drop`).
    fn guard_decl(&self, g: &syn::Ident, slots: &[usize]) -> TokenStream {
        let drops: Vec<TokenStream> = slots
            .iter()
            .rev()
            .filter(|&&n| !self.no_drop(n))
            .map(|&n| self.drop_slot(n))
            .collect();
        if drops.is_empty() {
            return TokenStream::new();
        }
        let k = self.rt();
        let sus = &self.sus;
        quote! {
            let #g = #k::ScopeGuard(move || if !#sus.get() {
                // SAFETY: the flags say which of the scope's slots hold a
                // value.
                unsafe { #(#drops)* }
            });
        }
    }

    /// For each binding of `local` kept in a slot, `let name: NoType;`
    /// under the user's name, never initialised nor used: the binding's
    /// uses are the slot's place, so in the state machine no local of that
    /// name is in scope, and a misspelt name (`totl`) would be reported
    /// without the "a local variable with a similar name exists: `total`"
    /// that the check copy gives it; with the stand-in both copies give the
    /// same error, which rustc shows once. A use of one that the transform
    /// did not turn into the slot's place is a compile error (E0381), never
    /// a value.
    fn name_stand_ins(&self, local: &Local) -> TokenStream {
        self.stand_ins(&local.pat.bindings)
    }

    /// [`name_stand_ins`](Self::name_stand_ins) for the bindings of a
    /// pattern (a `let`'s, a `match` arm's, a `for` loop's).
    fn stand_ins(&self, bindings: &[usize]) -> TokenStream {
        if self.check {
            return TokenStream::new();
        }
        let krate = self.krate;
        let names = bindings
            .iter()
            .filter(|&&b| self.resident[b])
            .map(|&b| &self.body.bindings[b].ident)
            .filter(|ident| !ident.to_string().starts_with("__"));
        quote! {
            #(
                #[allow(unused_variables)]
                let #names: #krate::__private::NoType;
            )*
        }
    }

    /// Disarms the guards in scope before a suspension returns: the slots
    /// stay for the next resume.
    fn disarm_guards(&mut self) -> TokenStream {
        self.points_printed += 1;
        let sus = &self.sus;
        quote!(#sus.set(true);)
    }

    /// `{ inner }` if a point was printed in `inner` (the count was
    /// `before`), else `inner`: the scope of a statement that suspends is a
    /// block, as it is when it has a guard.
    fn block_if_suspends(&self, before: usize, inner: TokenStream) -> TokenStream {
        if self.points_printed == before {
            inner
        } else {
            quote!({ #inner })
        }
    }

    // ----- points ------------------------------------------------------

    fn range(&mut self, e: &Expr) -> Option<(usize, usize)> {
        if let Some(r) = self.ranges.get(&e.id) {
            return *r;
        }
        let mut ids = Vec::new();
        e.visit(&mut |x| match &x.kind {
            ExprKind::Suspend(k) | ExprKind::Await(k, _) => ids.push(*k),
            _ => {}
        });
        let r = ids.iter().min().map(|&lo| (lo, *ids.iter().max().unwrap()));
        self.ranges.insert(e.id, r);
        r
    }

    fn block_range(&mut self, b: &Block) -> Option<(usize, usize)> {
        let mut lo = usize::MAX;
        let mut hi = 0;
        for s in &b.stmts {
            for e in s.exprs() {
                if let Some((l, h)) = self.range(e) {
                    lo = lo.min(l);
                    hi = hi.max(h);
                }
            }
        }
        (lo != usize::MAX).then_some((lo, hi))
    }

    /// `__t` names a point in `range`.
    fn in_range(&self, range: Option<(usize, usize)>) -> TokenStream {
        let t = &self.t;
        match range {
            None => quote!(false),
            Some((lo, hi)) if lo == hi => {
                let v = lo as u32 + 2;
                quote!((#t == #v))
            }
            Some((lo, hi)) => {
                let (lo, hi) = (lo as u32 + 2, hi as u32 + 2);
                quote!(::core::matches!(#t, #lo..=#hi))
            }
        }
    }

    /// The condition to run an expression forward or into its points.
    fn enter(&mut self, e: &Expr) -> TokenStream {
        let t = self.t.clone();
        let r = self.range(e);
        if r.is_none() {
            return quote!(#t == 0);
        }
        let within = self.in_range(r);
        quote!((#t == 0 || #within))
    }

    // ----- blocks and statements -----------------------------------------

    /// The lowered body: the parameters' `let`s, `let __ret = { .. };`,
    /// `__ret`.
    fn top_block(&mut self, b: &Block) -> Res<TokenStream> {
        let take_args = self.take(0);
        let args = hygienic("__args");
        let n = b.stmts.len();
        let (params, rest) = b.stmts.split_at(n.saturating_sub(2));
        if !b.contains_point() {
            let block = self.plain_block(b)?;
            return Ok(quote!({ let #args = #take_args; #block }));
        }
        let g = self.fresh("__params");
        let saved = std::mem::take(&mut self.own);
        let mut lets = TokenStream::new();
        // The holders of pattern parameters (`__argN`, see `lower`) are
        // plain locals of this block when their patterns move parts out of
        // them; a pattern binding only by reference (`ref mut x`) borrows
        // the holder, which then stays in its slot.
        for s in params {
            if let Stmt::Let(local) = s {
                let Some(ExprKind::Local(h)) = local.init.as_ref().map(|e| &e.kind) else {
                    continue;
                };
                let holder = self.body.bindings[*h]
                    .ident
                    .to_string()
                    .starts_with("__arg");
                if holder && binds_by_value(&local.pat.pat) {
                    self.resident[*h] = false;
                }
            }
        }
        let node = self.node();
        for (i, s) in params.iter().enumerate() {
            match s {
                Stmt::Let(local) if local.pat.bindings.iter().any(|&b| self.resident[b]) => {
                    lets.extend(self.within(node, i, true, |this| this.resident_let(local))?)
                }
                _ => lets.extend(self.plain_stmt(s)?),
            }
        }
        let mut tail = TokenStream::new();
        let last = rest.iter().rposition(Stmt::contains_point).unwrap_or(0);
        for (i, s) in rest.iter().enumerate() {
            if i > last {
                tail.extend(self.plain_stmt(s)?);
            } else {
                let i_node = params.len() + i;
                tail.extend(self.within(node, i_node, true, |this| this.stmt(s, i == last))?);
            }
        }
        let own = std::mem::replace(&mut self.own, saved);
        let guard = self.guard_decl(&g, &own);
        let t = &self.t;
        let names = params.iter().map(|s| match s {
            Stmt::Let(local) => self.name_stand_ins(local),
            _ => TokenStream::new(),
        });
        Ok(quote!({
            #guard
            if #t == 0 {
                #[allow(unused_mut)]
                let mut #args = #take_args;
                #lets
            }
            #(#names)*
            #tail
        }))
    }

    /// A block of the state machine.
    fn block(&mut self, b: &Block) -> Res<TokenStream> {
        if !b.contains_point() {
            return self.plain_block(b);
        }
        let g = self.fresh("__scope");
        let saved = std::mem::take(&mut self.own);
        let last = b.stmts.iter().rposition(Stmt::contains_point).unwrap();
        let mut out = TokenStream::new();
        let node = self.node();
        let block_start = self.slots.len();
        for (i, s) in b.stmts.iter().enumerate() {
            if i > last {
                out.extend(self.plain_stmt(s)?);
            } else {
                let tail = matches!(s, Stmt::Expr { semi: false, .. });
                self.tail =
                    (i + 1 == b.stmts.len() && tail).then(|| (edition_of(b.span), block_start));
                out.extend(self.within(node, i, true, |this| this.stmt(s, i == last))?);
            }
        }
        let own = std::mem::replace(&mut self.own, saved);
        let guard = self.guard_decl(&g, &own);
        let span = edition_of(b.span);
        Ok(quote_spanned!(span=> { #guard #out }))
    }

    /// A statement up to the last one of its block that suspends (`last`).
    fn stmt(&mut self, s: &Stmt, last: bool) -> Res<TokenStream> {
        let t = self.t.clone();
        match s {
            Stmt::Item => Ok(TokenStream::new()),
            Stmt::Let(local) if local.pat.bindings.iter().any(|&b| self.resident[b]) => {
                let enter = match &local.init {
                    Some(init) => {
                        let r = self.range(init);
                        let d = local.diverge.as_ref().and_then(|d| self.block_range(d));
                        match (r, d) {
                            (None, None) => quote!(#t == 0),
                            _ => {
                                let (a, b) = (self.in_range(r), self.in_range(d));
                                quote!((#t == 0 || #a || #b))
                            }
                        }
                    }
                    None => quote!(#t == 0),
                };
                let body = self.resident_let(local)?;
                let names = self.name_stand_ins(local);
                Ok(quote!(if #enter { #body } #names))
            }
            Stmt::Let(_) if !s.contains_point() && !last => {
                // No binding to keep (`let _ = x;`): run it going forward.
                let stmt = self.plain_stmt(s)?;
                Ok(quote!(if #t == 0 { #stmt }))
            }
            Stmt::Let(local) => {
                let stmt = if local.diverge.as_ref().is_some_and(Block::contains_point) {
                    let (pat, value) = self.let_else_with_points(local)?;
                    let attrs = &local.attrs;
                    quote!(#(#attrs)* #[allow(unused_mut)] let #pat = #value;)
                } else {
                    self.let_stmt(local)?
                };
                if last {
                    return Ok(stmt);
                }
                // Not the last statement that suspends, so it binds nothing
                // (`let _ = x.await;`): entered going forward or resuming
                // inside it only.
                let mut enter = TokenStream::new();
                for e in s.exprs() {
                    if !enter.is_empty() {
                        enter.extend(quote!(||));
                    }
                    enter.extend(self.enter(e));
                }
                Ok(quote!(if #enter { #stmt }))
            }
            Stmt::Expr { expr, semi } => {
                let semi = semi.then(|| quote!(;));
                if !expr.contains_point() {
                    let e = self.plain(expr, Ctx::Value)?;
                    return Ok(quote!(if #t == 0 { #e; }));
                }
                let e = match self.tail.take() {
                    Some(tail) if !self.temps.is_empty() => self.tail_expr(s, expr, tail)?,
                    _ => self.scoped(|this| this.reentrant(expr))?,
                };
                if last {
                    Ok(quote!(#e #semi))
                } else {
                    let enter = self.enter(expr);
                    Ok(quote!(if #enter { #e; }))
                }
            }
        }
    }

    /// A block's tail expression `expr` (statement `s`) that suspends. Its
    /// temporaries belong to the statement around the block in edition
    /// 2021 (they outlive the block's locals), to the tail itself in 2024:
    /// they go in the enclosing statement's scope, and `tail_drop` drops
    /// them at the tail's end where rustc says 2024 applies. A `match` or
    /// `if let` does the same with its scrutinee's (`match_`).
    fn tail_expr(&mut self, s: &Stmt, expr: &Expr, tail: (Span, usize)) -> Res<TokenStream> {
        if is_tail_match(s) {
            self.tail = Some(tail);
            return self.reentrant(expr);
        }
        let (span, block_start) = tail;
        let first = self.temps.last().map_or(0, Vec::len);
        // The tail stays a tail (its Rust temporaries too follow the
        // edition); a guard around it drops the kept ones in 2024.
        let g = self.fresh("__tail");
        let points = self.points_printed;
        let e = self.reentrant(expr)?;
        let temps = self.temps.last().map_or(&[][..], |t| &t[first..]).to_vec();
        if temps.is_empty() {
            return Ok(self.block_if_suspends(points, e));
        }
        for &n in &temps {
            self.mark_late(n, block_start, span);
        }
        let guard = self.tail_guard(g, span, &temps);
        Ok(quote_spanned! {span=> {
            #guard
            #e
        }})
    }

    /// A guard `g` that, where the tail at `span` drops its temporaries
    /// before its block's locals (2024), drops those of `temps` still in
    /// their slots when the tail's scope is left by a `return`, `break` or
    /// `?` from inside it, or normally (not when it suspends).
    fn tail_guard(&self, g: syn::Ident, span: Span, temps: &[usize]) -> TokenStream {
        let k = self.rt();
        let drops = temps.iter().rev().map(|&n| self.drop_slot(n));
        let early = self.tail_temporaries_drop_first(span);
        let sus = &self.sus;
        let unsafe_ = unsafe_at(span);
        quote_spanned! {span=>
            let #g = #k::ScopeGuard(move || {
                if !#sus.get() && #early {
                    // SAFETY: the flags say which of the tail's temporaries
                    // are still in their slots.
                    #unsafe_ { #(#drops)* }
                }
            });
        }
    }

    /// Records that tail temporary `n` outlives the slots of its block from
    /// `block_start` (see `late`). A tail of a block that is itself the tail
    /// of a block (`{ let a; { let b; match make().f() { .. } } }`) outlives
    /// both blocks' slots: the outermost start wins.
    fn mark_late(&mut self, n: usize, block_start: usize, span: Span) {
        match self.late.iter_mut().find(|(m, ..)| *m == n) {
            Some(entry) => entry.1 = entry.1.min(block_start),
            None => self.late.push((n, block_start, span)),
        }
    }

    /// The end of a block's tail `e` whose temporaries `temps` are in the
    /// enclosing statement's scope: drops them there in 2024 (`tail_drop`),
    /// and marks them to drop after the block's slots (from `block_start`)
    /// when the frame is dropped in 2021.
    fn tail_end(
        &mut self,
        e: TokenStream,
        span: Span,
        block_start: usize,
        temps: &[usize],
    ) -> TokenStream {
        for &n in temps {
            self.mark_late(n, block_start, span);
        }
        let drop = self.tail_drop(span, temps);
        let v = hygienic("__tail");
        if temps.is_empty() {
            return quote!({ let #v = { #e }; #v });
        }
        // An arm that leaves early (`return`, `break`, `?`) passes the
        // guard; the normal end drops them first, and the guard finds none.
        let g = self.fresh("__tail");
        let guard = self.tail_guard(g, span, temps);
        quote!({ #guard let #v = { #e }; #drop #v })
    }

    /// Gives each binding of `local` a slot of this scope and moves it there.
    fn store_bindings(&mut self, local: &Local) -> TokenStream {
        let mut inits = TokenStream::new();
        for &b in &local.pat.bindings {
            let n = self.alloc_binding(b);
            self.own.push(n);
            let ident = self.body.bindings[b].ident.clone();
            inits.extend(self.init(n, &ident));
        }
        inits
    }

    /// `let PAT = INIT;` whose bindings are resident: binds, then moves each
    /// binding into its slot.
    fn resident_let(&mut self, local: &Local) -> Res<TokenStream> {
        if local.diverge.as_ref().is_some_and(Block::contains_point) {
            let (pat, value) = self.let_else_with_points(local)?;
            let inits = self.store_bindings(local);
            let attrs = &local.attrs;
            return Ok(quote! {
                #(#attrs)*
                #[allow(unused_mut)]
                let #pat = #value;
                #inits
            });
        }
        let Some(init) = &local.init else {
            for &b in &local.pat.bindings {
                let n = self.alloc_binding(b);
                self.own.push(n);
            }
            return Ok(TokenStream::new());
        };
        let ctx = self.binding_ctx(init, &[&local.pat.pat]);
        let mut value = if init.contains_point() || local.diverge.is_some() {
            self.scoped(|this| this.expr(init, ctx))?
        } else {
            self.scoped(|this| this.extended(init, ctx))?
        };
        let diverge = match &local.diverge {
            Some(d) => {
                // `let P = { .. } else` does not parse.
                value = quote!((#value));
                let d = self.plain_block(d)?;
                Some(quote!(else #d))
            }
            None => None,
        };
        let inits = self.store_bindings(local);
        let (attrs, pat) = (&local.attrs, &local.pat.pat);
        Ok(quote! {
            #(#attrs)*
            #[allow(unused_mut)]
            let #pat = #value #diverge;
            #inits
        })
    }

    /// The initializer of a resident `let`, whose `&rvalue` operands rustc
    /// extends to the end of the block (`let r = &make();`, also inside a
    /// tuple, array, struct literal, cast or parentheses): the rvalue goes
    /// in a slot of the block, dropped with its locals, after the binding.
    fn extended(&mut self, e: &Expr, ctx: Ctx) -> Res<TokenStream> {
        match &e.kind {
            ExprKind::Ref { mutable, expr } if !is_place(expr) && keepable(expr) => {
                let v = self.plain(expr, Ctx::Value)?;
                let mut path = self.path.clone();
                if path.last().is_some_and(|(_, statement)| *statement) {
                    path.pop();
                }
                let path = path.into_iter().map(|(step, _)| step).collect();
                let n = self.alloc("__extended", path);
                self.own.push(n);
                let tmp = hygienic("__value");
                let init = self.init(n, &tmp);
                let p = &self.slots[n];
                // SAFETY (of the generated block): the slot was just
                // written; the block's guard drops it.
                let at = Span::mixed_site().located_at(expr.span);
                let place =
                    quote_spanned!(at=> (*{ let #tmp = #v; #init unsafe { &mut *{ #p } } }));
                Ok(if *mutable {
                    quote!(&mut #place)
                } else {
                    quote!(&#place)
                })
            }
            ExprKind::Paren(_) | ExprKind::Tuple(_) | ExprKind::Array(_) | ExprKind::Cast(..) => {
                let mut kids = Vec::new();
                for c in e.children() {
                    kids.push(self.extended(c, Ctx::Value)?);
                }
                self.assemble(e, kids)
            }
            _ => self.plain(e, ctx),
        }
    }

    /// `let PAT = INIT else { .. }` whose `else` block suspends, as a
    /// pattern of its bindings and the value to bind it to:
    ///
    /// ```text
    /// let __m = if !(t in else) { match INIT { PAT => Some((a, b)), _ => None } } else { None };
    /// let (a, b) = match __m { Some(v) => v, None => ELSE };
    /// ```
    ///
    /// so that the `else` block, printed once, is entered going forward
    /// when the pattern does not match and directly when resuming inside
    /// it (no labeled block: the user's `break`/`continue` in it must still
    /// reach their loop).
    fn let_else_with_points(&mut self, local: &Local) -> Res<(TokenStream, TokenStream)> {
        let (init, diverge) = match (&local.init, &local.diverge) {
            (Some(init), Some(diverge)) => (init, diverge),
            _ => return internal(local.span, "a `let .. else` without an initializer"),
        };
        let mut bindings = Vec::new();
        crate::lower::pattern_bindings(&local.pat.pat, &mut bindings);
        let names: Vec<&syn::Ident> = bindings.iter().map(|(ident, _, _)| ident).collect();
        let outer = bindings.iter().map(|(ident, mutable, _)| {
            let m = mutable.then(|| quote!(mut));
            quote!(#m #ident)
        });
        let ctx = self.binding_ctx(init, &[&local.pat.pat]);
        let value = self.scoped(|this| this.expr(init, ctx))?;
        let in_else = {
            let r = self.block_range(diverge);
            self.in_range(r)
        };
        let otherwise = self.block(diverge)?;
        let pat = &local.pat.pat;
        let m = hygienic("__matched");
        let v = hygienic("__bound");
        let value = quote! {{
            let #m = if !#in_else {
                match #value {
                    #pat => ::core::option::Option::Some((#(#names,)*)),
                    _ => ::core::option::Option::None,
                }
            } else {
                ::core::option::Option::None
            };
            match #m {
                ::core::option::Option::Some(#v) => #v,
                ::core::option::Option::None => #otherwise,
            }
        }};
        Ok((quote!((#(#outer,)*)), value))
    }

    /// Prints a temporary scope (a statement, a condition): its spilled
    /// operands are dropped when it ends.
    fn scoped(&mut self, f: impl FnOnce(&mut Self) -> Res<TokenStream>) -> Res<TokenStream> {
        let g = self.fresh("__temps");
        self.temps.push(Vec::new());
        let points = self.points_printed;
        let inner = f(self);
        let temps = self.temps.pop().unwrap();
        let inner = inner?;
        if temps.is_empty() {
            return Ok(self.block_if_suspends(points, inner));
        }
        let guard = self.guard_decl(&g, &temps);
        // The Rust temporaries of `inner`, made after the ones in slots,
        // drop first, at the end of this `let` (a block's tail would keep
        // them past the guard).
        let v = hygienic("__scoped");
        Ok(quote!({ #guard let #v = #inner; #v }))
    }

    // ----- expressions that suspend --------------------------------------

    /// An expression in the state machine: re-entrant if it suspends.
    fn expr(&mut self, e: &Expr, ctx: Ctx) -> Res<TokenStream> {
        if self.check || !e.contains_point() {
            self.plain(e, ctx)
        } else {
            self.reentrant(e)
        }
    }

    /// A suspending expression, parenthesized (it may be a block, printed
    /// where an operand starts).
    fn reentrant(&mut self, e: &Expr) -> Res<TokenStream> {
        let keep = self.keep;
        self.keep &= temporaries_through(e);
        let out = if macro_scope(e) {
            self.scoped(|this| this.reentrant_kind(e))
        } else {
            self.reentrant_kind(e)
        };
        self.keep = keep;
        let out = out?;
        Ok(quote!((#out)))
    }

    /// Prints `e`, an operand evaluated before a point of its statement,
    /// keeping the temporaries it borrows until the statement ends.
    fn kept(&mut self, e: &Expr, ctx: Ctx) -> Res<TokenStream> {
        let keep = std::mem::replace(&mut self.keep, !self.check);
        let out = self.expr(e, ctx);
        self.keep = keep;
        out
    }

    fn reentrant_kind(&mut self, e: &Expr) -> Res<TokenStream> {
        let t = self.t.clone();
        match &e.kind {
            ExprKind::Suspend(k) => {
                let disarm = self.disarm_guards();
                let (cx, index) = (&self.cx, *k as u32 + 2);
                let span = self.body.points[*k].span;
                let resumed = self.resumed_value(span);
                Ok(quote_spanned!(span=> {
                    if #t == 0 {
                        #disarm
                        return #cx.suspend(#index);
                    }
                    #t = 0;
                    #resumed
                }))
            }
            ExprKind::Await(k, block) if self.body.points[*k].kind == PointKind::SuspendBlock => {
                self.suspend_block(*k, block)
            }
            ExprKind::Await(k, value) if self.body.points[*k].kind == PointKind::Yield => {
                self.yield_point(*k, value)
            }
            ExprKind::Await(k, child) if self.body.points[*k].kind == PointKind::Delegate => {
                self.delegate(*k, child)
            }
            ExprKind::Await(k, operand) => self.await_(*k, operand),
            ExprKind::Paren(x) => {
                let x = self.reentrant(x)?;
                Ok(quote!((#x)))
            }
            ExprKind::Block {
                label,
                unsafety,
                block,
            } => {
                let block = self.block(block)?;
                let unsafety = unsafety.then(|| quote!(unsafe));
                Ok(quote!(#label #unsafety #block))
            }
            ExprKind::Loop { label, body } => {
                // A loop's body is a temporary scope of its own (its tail's
                // temporaries end with each iteration).
                let body = self.scoped(|this| this.block(body))?;
                Ok(quote!(#label loop #body))
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => self.if_(e.span, cond, then, otherwise.as_deref()),
            ExprKind::Match { scrutinee, arms } => self.match_(scrutinee, arms, None),
            // Only the iterable suspends: it is evaluated once, on entry.
            ExprKind::For {
                label,
                pat,
                iter,
                body,
            } if !body.contains_point() => {
                let iter = self.scoped(|this| this.reentrant(iter))?;
                let body = self.plain_block(body)?;
                let pat = &pat.pat;
                Ok(quote!(#label for #pat in #iter #body))
            }
            ExprKind::While { .. } | ExprKind::For { .. } => {
                internal(e.span, "a loop that was not desugared")
            }
            ExprKind::Let { .. } => internal(e.span, "a `let` outside an `if` condition"),
            ExprKind::Binary(l, op @ (BinOp::And(_) | BinOp::Or(_)), r) => {
                let skip = if matches!(op, BinOp::And(_)) {
                    quote!(true)
                } else {
                    quote!(false)
                };
                let left = if l.contains_point() {
                    let enter = self.enter(l);
                    let l = self.reentrant(l)?;
                    quote!((if #enter { #l } else { #skip }))
                } else {
                    let l = self.plain(l, Ctx::Value)?;
                    quote!((if #t == 0 { #l } else { #skip }))
                };
                let right = self.expr(r, Ctx::Value)?;
                Ok(quote!(#left #op #right))
            }
            ExprKind::Assign(place, value) if self.resident_local(place).is_some() => {
                let n = self.resident_local(place).unwrap();
                let v = self.reentrant(value)?;
                Ok(self.assign(n, v))
            }
            // `place op= value` with a computed place: the value first, then
            // the place (rustc's order for primitive types; for others it
            // evaluates the place first, see docs/limitations.md).
            ExprKind::Binary(place, op, value)
                if is_compound_assignment(op) && !self.pure(place, Ctx::Place) =>
            {
                if place.contains_point() {
                    return self.suspending_place(place, op, value);
                }
                let v = self.reentrant(value)?;
                let place = self.plain(place, Ctx::Place)?;
                let id = self.fresh("__operand");
                Ok(quote!({ let #id = #v; #place #op #id }))
            }
            _ => self.operator(e),
        }
    }

    /// `base[i.await] op= value` or `*r.await op= value`: the operand that
    /// suspends, then the place, then the value. rustc evaluates the value
    /// first when both sides are of primitive types and the place first
    /// otherwise: the two orders agree when the value is a constant, the
    /// one form taken here.
    fn suspending_place(&mut self, place: &Expr, op: &BinOp, value: &Expr) -> Res<TokenStream> {
        if !matches!(value.kind, ExprKind::Atom(_)) {
            return unsupported(
                place.span,
                "a suspension point in the place of a compound assignment whose value is not a constant",
                "compute what suspends first: `let i = i.await; v[i] += x;`",
            );
        }
        let v = self.plain(value, Ctx::Value)?;
        let id = self.fresh("__operand");
        match &place.kind {
            ExprKind::Index(base, index) if self.pure(base, Ctx::Place) => {
                let i = self.reentrant(index)?;
                let base = self.plain(base, Ctx::Place)?;
                Ok(quote!({ let #id = #i; #base[#id] #op #v }))
            }
            ExprKind::Unary(syn::UnOp::Deref(_), inner) => {
                let r = self.reentrant(inner)?;
                Ok(quote!({ let #id = #r; *#id #op #v }))
            }
            ExprKind::Paren(inner) => self.suspending_place(inner, op, value),
            _ => unsupported(
                place.span,
                "a suspension point in the place of a compound assignment other than an index or a dereference",
                "compute what suspends first: `let p = p.await; p.field += 1;`",
            ),
        }
    }

    /// How the initializer of a `let`, or a scrutinee, is printed: a
    /// resident local that the patterns may move out of is taken out of its
    /// slot when this is its last use (rustc moves the parts the patterns
    /// bind; the rest drops at the end of the statement here, at the end of
    /// the local's scope in rustc); anywhere else it stays a place.
    fn binding_ctx(&self, init: &Expr, pats: &[&syn::Pat]) -> Ctx {
        let simple = |p: &syn::Pat| matches!(p, syn::Pat::Ident(i) if i.by_ref.is_none() && i.subpat.is_none());
        if pats.iter().all(|p| simple(p))
            && self
                .moved_path(init)
                .is_some_and(|(.., flag)| flag.is_some())
        {
            return Ctx::Value;
        }
        let ExprKind::Local(b) = &init.kind else {
            return Ctx::Place;
        };
        let moves = pats.iter().any(|p| binds_by_value(p));
        if pats.iter().all(|p| simple(p)) || (moves && self.positions.last_use(*b, init)) {
            Ctx::Value
        } else {
            Ctx::Place
        }
    }

    /// How `e` uses its operand `i` (`c`): as `child_ctx` says, except
    /// that the base of struct update syntax (`..base`) at the last use of
    /// a value in a slot is moved out whole (rustc moves the fields not
    /// given; the others are dropped at the end of the statement instead
    /// of the end of the scope).
    fn operand_ctx(&self, e: &Expr, i: usize, c: &Expr) -> Ctx {
        let rest =
            matches!(&e.kind, ExprKind::Struct { fields, rest: Some(_), .. } if i == fields.len());
        if (rest && self.last_use_of_resident(c, e).is_some()) || self.moved_receiver(e, i, c) {
            Ctx::Value
        } else {
            child_ctx(e, i)
        }
    }

    /// Whether operand `i` (`c`) of `e` is a value in a slot that `e`, a
    /// method call, moves: a method taken to consume its receiver
    /// (`into_*`, `unwrap`, ...; see `known::consumes`). Macros cannot see
    /// types, and a value in a slot can only be moved out whole: the
    /// receiver is taken out of its slot, and the check copy moves it too
    /// (`{x}.m()`), so that if the method only borrows it the borrow
    /// checker still judges what runs (a use of `x` after, or a borrow of
    /// it alive across this call, is then an error, never a dangling
    /// place); the one difference left is when `x` drops.
    fn moved_receiver(&self, e: &Expr, i: usize, c: &Expr) -> bool {
        let ExprKind::MethodCall { method, args, .. } = &e.kind else {
            return false;
        };
        let ExprKind::Local(b) = &c.kind else {
            return false;
        };
        i == 0
            && self.resident[*b]
            && !self.by_name.contains(b)
            && crate::known::consumes(&method.to_string(), args.len())
    }

    /// The slot of `callee` if it is a closure literal's binding in a
    /// slot (`analysis::closure_bindings`) called for the last time.
    fn called_by_value(&self, callee: &Expr) -> Option<usize> {
        let ExprKind::Local(b) = &callee.kind else {
            return None;
        };
        if self.check || !self.closures[*b] {
            return None;
        }
        self.last_use_of_resident(callee, callee)
    }

    /// The slot of `local` if it is a resident local used for the last time
    /// in `at`.
    fn last_use_of_resident(&self, local: &Expr, at: &Expr) -> Option<usize> {
        let n = self.resident_local(local)?;
        let ExprKind::Local(b) = &local.kind else {
            return None;
        };
        self.positions.last_use(*b, at).then_some(n)
    }

    /// The slot of binding `b` if it is resident and its slot exists.
    fn resident_local_binding(&self, b: BindingId) -> Option<usize> {
        if self.resident[b] && !self.by_name.contains(&b) {
            self.slot_of[b]
        } else {
            None
        }
    }

    /// The slot of `e` if it is a resident local whose slot exists.
    fn resident_local(&self, e: &Expr) -> Option<usize> {
        match &e.kind {
            ExprKind::Local(b) if self.resident[*b] && !self.by_name.contains(b) => {
                self.slot_of[*b]
            }
            _ => None,
        }
    }

    /// `child.await`: stores the child in a slot of its own and awaits it;
    /// resumed here once it returned, takes its output and drops it.
    fn await_(&mut self, k: PointId, operand: &Expr) -> Res<TokenStream> {
        let point = self.body.points[k].span;
        let child = hygienic("__child");
        let convert = self.convert_operand(&child, operand.span, point);
        let k_rt = self.rt();
        self.await_child(k, operand, &child, |p, flag| {
            quote! {
                let (#child, _) = #convert;
                unsafe { #k_rt::init_slot(#p, #flag, #child) };
            }
        })
    }

    /// An await of `operand` at point `k` (`.await` or `yield_from!`):
    /// `store` puts the child, evaluated into `child`, in its slot `p`
    /// (flag `flag`); then the frame awaits it, and once it returned takes
    /// its output and drops it.
    fn await_child(
        &mut self,
        k: PointId,
        operand: &Expr,
        child: &syn::Ident,
        store: impl FnOnce(&syn::Ident, &TokenStream) -> TokenStream,
    ) -> Res<TokenStream> {
        let point = self.body.points[k].span;
        let enter = self.enter(operand);
        let op = self.kept(operand, Ctx::Value)?;
        let n = self.alloc_child();
        let (cx, t, index) = (self.cx.clone(), self.t.clone(), k as u32 + 2);
        let (p, flag) = (self.slots[n].clone(), self.flag(n));
        let store = store(&p, &flag);
        let disarm = self.disarm_guards();
        let drop = self.drop_slot(n);
        let unsafe_ = unsafe_at(point);
        Ok(quote_spanned! {point=> {
            if #enter {
                let #child = #op;
                #store
                // SAFETY: the child is in its slot, pinned with the frame,
                // until it is dropped there below (or with the frame).
                if let ::core::option::Option::Some(step) = #unsafe_ { #cx.await_(#index, #p) } {
                    #disarm
                    return step;
                }
            }
            #t = 0;
            // SAFETY: the child awaited at this point is in its slot.
            match #unsafe_ { #cx.finish_await(#index, #p) } {
                ::core::result::Result::Ok(output) => {
                    #unsafe_ { #drop }
                    output
                }
                ::core::result::Result::Err(step) => {
                    #disarm
                    return step;
                }
            }
        }})
    }

    /// `Delegation::new::<Y, R>`, spanned at the operand: the one check
    /// that the child has this generator's types, printed the same in the
    /// check copy and the state machine so that rustc reports a mismatch
    /// once.
    fn delegation_new(&self, span: Span) -> TokenStream {
        let gen = self.gen.as_ref();
        let (y, r) = (gen.map(|g| &g.y), gen.map(|g| &g.r));
        let krate = respan(self.krate, span);
        quote_spanned!(span=> #krate::__private::inplace::Delegation::new::<#y, #r>)
    }

    /// `yield_from!(child)` at point `k`: an await of `child` (which must
    /// be a generator with this one's types) whose values pass straight
    /// through to whoever resumes this frame's outermost delegator: the
    /// child hands out into, and takes in from, the same slots this frame
    /// does (`delegate`), and resuming goes straight to it along the await
    /// chain, so each value costs the same at any depth.
    fn delegate(&mut self, k: PointId, operand: &Expr) -> Res<TokenStream> {
        let point = self.body.points[k].span;
        let Some(gen) = self.gen.clone() else {
            return internal(point, "`yield_from!` outside a generator");
        };
        let k_rt = self.rt();
        let io = gen.io;
        let new = self.delegation_new(operand.span);
        // The child's name spanned at the operand: a type mismatch is
        // reported there, as the check copy reports it, and only once, as
        // the two reports are then the same.
        let child = syn::Ident::new("__child", operand.span);
        let mut here = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, quote!(#child));
        here.set_span(operand.span);
        self.await_child(k, operand, &child.clone(), |p, flag| {
            quote! {
                // SAFETY: stored in its slot right away, pinned there; the
                // body runs, so the `GenIo` is its own.
                let #child = unsafe { #new #here };
                unsafe { #k_rt::init_slot(#p, #flag, #child) };
                unsafe { #k_rt::delegate(#p, #io) };
            }
        })
    }

    /// `if LET_CHAIN { .. } else { .. }` whose branches suspend, as a
    /// `match` on the chain's bindings:
    ///
    /// ```text
    /// match (if LET_CHAIN { Some((a, b)) } else { None }) {
    ///     Some((a, b)) => { .. }
    ///     _ => ..,
    /// }
    /// ```
    ///
    /// (The chain's temporaries are dropped before either branch runs.)
    fn let_chain(
        &mut self,
        cond: &Expr,
        then: &Block,
        otherwise: Option<&Expr>,
    ) -> Res<TokenStream> {
        if cond.contains_point() {
            return self.suspending_chain(cond, then, otherwise);
        }
        let mut bindings = Vec::new();
        chain_bindings(cond, &mut bindings);
        // In the chain its bindings are the pattern's, not slots.
        let depth = self.by_name.len();
        self.by_name.extend(bindings.iter().copied());
        let chain = self.plain(cond, Ctx::Value);
        self.by_name.truncate(depth);
        let chain = chain?;
        let idents: Vec<syn::Ident> = bindings
            .iter()
            .map(|&b| self.body.bindings[b].ident.clone())
            .collect();
        let scrutinee = Expr::new(
            // The user's span: the edition of `if` decides whether a let
            // chain is allowed.
            ExprKind::Atom(quote_spanned! {cond.span=>
                (if #chain {
                    ::core::option::Option::Some((#(#idents,)*))
                } else {
                    ::core::option::Option::None
                })
            }),
            cond.span,
        );
        let pat = Pattern {
            pat: syn::parse_quote!(::core::option::Option::Some((#(#idents,)*))),
            bindings,
        };
        let arms = if_arms(pat, then, otherwise);
        self.match_(&scrutinee, &arms, None)
    }

    /// `if LET_CHAIN { THEN } else { ELSE }` whose chain suspends, as
    /// nested `if`s, each operand and branch printed once:
    ///
    /// ```text
    /// let v = if let P1 = e1 { if c2 { if let P2 = e3 {
    ///     Some({ THEN }) } else { None } } else { None } } else { None };
    /// match v { Some(v) => v, None => ELSE }
    /// ```
    ///
    /// rustc's order (edition 2024): each operand's temporaries and
    /// bindings live through `THEN` and are dropped before `ELSE` runs.
    /// (Not a labeled block: an unlabeled `break` in `THEN` or `ELSE`
    /// would have to name it, E0695.)
    fn suspending_chain(
        &mut self,
        cond: &Expr,
        then: &Block,
        otherwise: Option<&Expr>,
    ) -> Res<TokenStream> {
        fn operands<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
            match &e.kind {
                ExprKind::Binary(l, BinOp::And(_), r) => {
                    operands(l, out);
                    operands(r, out);
                }
                _ => out.push(e),
            }
        }
        // Not the tail `match` of a block (rustc drops the temporaries of
        // each `let` at the end of the `if`, in edition 2024 the only one
        // with let chains).
        self.tail = None;
        let span = cond.span;
        let mut ops = Vec::new();
        operands(cond, &mut ops);
        let some = quote_spanned!(span=> ::core::option::Option::Some);
        let none = || {
            let none = Expr::new(ExprKind::Atom(quote!(::core::option::Option::None)), span);
            Expr::block(Block::of_tail(none, span))
        };
        let some_then = ExprKind::Call(
            Box::new(Expr::new(ExprKind::Atom(some.clone()), span)),
            vec![Expr::block(then.clone())],
        );
        let mut chain = Expr::new(some_then, span);
        for op in ops.into_iter().rev() {
            let kind = ExprKind::If {
                cond: Box::new(op.clone()),
                then: Block::of_tail(chain, span),
                otherwise: Some(Box::new(none())),
            };
            chain = Expr::new(kind, span);
        }
        let enter = self.enter(&chain);
        let node = self.node();
        let chain = self.within(node, 0, false, |this| this.reentrant(&chain))?;
        let (v, out) = (hygienic("__chain"), hygienic("__value"));
        let otherwise = match otherwise {
            Some(o) => self.within(node, 1, false, |this| this.expr(o, Ctx::Value))?,
            None => quote!(()),
        };
        Ok(quote!({
            let #v = if #enter { #chain } else { ::core::option::Option::None };
            match #v {
                #some(#out) => #out,
                ::core::option::Option::None => #otherwise,
            }
        }))
    }

    /// `if` whose branches (or condition) suspend.
    fn if_(
        &mut self,
        span: Span,
        cond: &Expr,
        then: &Block,
        otherwise: Option<&Expr>,
    ) -> Res<TokenStream> {
        if let ExprKind::Let { pat, expr } = &cond.kind {
            let arms = if_arms(pat.clone(), then, otherwise);
            return self.match_(expr, &arms, Some((span, otherwise.is_some())));
        }
        if has_let(cond) {
            return self.let_chain(cond, then, otherwise);
        }
        let enter = self.enter(cond);
        let c = self.scoped(|this| this.expr(cond, Ctx::Value))?;
        let r = self.block_range(then);
        let into_then = self.in_range(r);
        let node = self.node();
        // Each branch is a temporary scope of its own.
        let then = self.within(node, 0, false, |this| this.scoped(|this| this.block(then)))?;
        let otherwise = match otherwise {
            Some(o) if o.contains_point() => {
                let o = self.within(node, 1, false, |this| {
                    if matches!(o.kind, ExprKind::Block { .. }) {
                        this.scoped(|this| this.reentrant_kind(o))
                    } else {
                        this.reentrant_kind(o)
                    }
                })?;
                quote!(else #o)
            }
            Some(o) => {
                let o = self.plain(o, Ctx::Value)?;
                quote!(else #o)
            }
            None => quote!(),
        };
        let c_ident = hygienic("__cond");
        Ok(quote!({
            let #c_ident: bool = if #enter { #c } else { #into_then };
            if #c_ident #then #otherwise
        }))
    }

    /// `match` whose arms (or scrutinee) suspend: the arm is chosen once,
    /// going forward; a resume goes straight to the arm holding its target.
    ///
    /// The scrutinee's temporaries live until the `match` ends, as in
    /// rustc: those it borrows are kept in slots when an arm suspends (see
    /// `kept`). `if_let`, the span of an `if let` and whether it has an
    /// `else` (the second arm): edition 2024 drops them before the `else`
    /// runs and when the `if let` ends, 2021 after the `else` and with the
    /// enclosing statement; the code asks rustc which applies
    /// (`edition_drop`).
    fn match_(
        &mut self,
        scrutinee: &Expr,
        arms: &[Arm],
        if_let: Option<(Span, bool)>,
    ) -> Res<TokenStream> {
        let if_let_else = if_let.filter(|&(_, e)| e).map(|(span, _)| span);
        // For the tail of a block (see below); taken first, so that no
        // `match` inside this one sees it.
        let tail = self.tail.take();
        if arms
            .iter()
            .any(|a| a.guard.as_ref().is_some_and(|g| g.contains_point()))
        {
            return self.match_guarded(scrutinee, arms, tail);
        }
        let arm_ix = hygienic("__arm");
        let val = hygienic("__val");
        let has_plain = arms.iter().any(|a| !a.body.contains_point());
        let enter = self.enter(scrutinee);
        // The scrutinee's temporaries belong to the enclosing statement
        // (a `match` is not a temporary scope of its own); for the tail of
        // a block, that is the statement around the block in edition 2021
        // (they outlive the block's locals), the `match` in 2024
        // (`tail_drop` asks rustc which).
        let g = self.fresh("__temps");
        let own_frame = self.temps.is_empty();
        if own_frame {
            self.temps.push(Vec::new());
        }
        let first_outer = self.temps.last().map_or(0, Vec::len);
        let s = {
            let pats: Vec<&syn::Pat> = arms.iter().map(|a| &a.pat.pat).collect();
            let ctx = self.binding_ctx(scrutinee, &pats);
            if arms.iter().any(|a| a.body.contains_point()) {
                self.kept(scrutinee, ctx)
            } else {
                self.expr(scrutinee, ctx)
            }
        };
        let s = match s {
            Ok(s) => s,
            Err(e) => {
                if own_frame {
                    self.temps.pop();
                }
                return Err(e);
            }
        };
        let scrutinee_temps = self.temps.last().unwrap()[first_outer..].to_vec();
        let else_drop = match if_let_else {
            Some(span) => self.edition_drop(span, &scrutinee_temps),
            None => TokenStream::new(),
        };
        let else_first = if_let_else.is_some().then_some(&else_drop);
        let node = self.node();
        let (forward, arm_slots) = self.match_forward(arms, node, has_plain, else_first)?;
        let scrut = quote!(match #s { #forward });
        let pick = self.match_pick(arms, has_plain);
        let dispatch = self.match_dispatch(arms, node, &arm_slots, else_first)?;
        let (binding, fallback) = if has_plain {
            (
                quote!((#arm_ix, #val)),
                quote!(_ => match #val {
                    ::core::option::Option::Some(v) => v,
                    // SAFETY: arm 0 carries the value of a plain arm.
                    ::core::option::Option::None => unsafe { ::core::hint::unreachable_unchecked() },
                }),
            )
        } else {
            (
                quote!(#arm_ix),
                // SAFETY: the index is one of the arms above.
                quote!(_ => unsafe { ::core::hint::unreachable_unchecked() }),
            )
        };
        let mut out = quote! {
            let #binding = if #enter { #scrut } else #pick;
            match #arm_ix { #dispatch #fallback }
        };
        if let Some((span, _)) = if_let {
            let end_drop = self.edition_drop(span, &scrutinee_temps);
            if !end_drop.is_empty() {
                let r = hygienic("__if_let");
                out = quote!(let #r = { #out }; #end_drop #r);
            }
        }
        if own_frame {
            let temps = self.temps.pop().unwrap();
            if temps.is_empty() {
                return Ok(quote!({ #out }));
            }
            let guard = self.guard_decl(&g, &temps);
            return Ok(quote!({ #guard #out }));
        }
        match tail {
            // The slots are in the enclosing statement's guard; dropping the
            // frame drops them after the block's slots in 2021.
            Some((span, block_start)) => {
                Ok(self.tail_end(out, span, block_start, &scrutinee_temps))
            }
            None => Ok(quote!({ #out })),
        }
    }

    /// The forward `match` of `match_`'s arms (layout node `node`): binds,
    /// stores the bindings of an arm that suspends in their slots and gives
    /// its index; a plain arm gives its value (index 0). Also the slots of
    /// each arm. `else_first` (an `if let`'s `else`, arm 2) runs first.
    fn match_forward(
        &mut self,
        arms: &[Arm],
        node: usize,
        has_plain: bool,
        else_first: Option<&TokenStream>,
    ) -> Res<(TokenStream, Vec<Vec<usize>>)> {
        let mut arm_slots = Vec::new();
        let mut forward = TokenStream::new();
        for (j, arm) in arms.iter().enumerate() {
            let j = j as u32 + 1;
            let (attrs, pat) = (&arm.attrs, &arm.pat.pat);
            self.by_name.extend(arm.pat.bindings.iter().copied());
            let guard = match &arm.guard {
                Some(g) => {
                    let g = self.plain(g, Ctx::Value)?;
                    Some(quote!(if #g))
                }
                None => None,
            };
            if arm.body.contains_point() {
                let mut inits = TokenStream::new();
                let mut slots = Vec::new();
                for &b in &arm.pat.bindings {
                    if !self.resident[b] {
                        continue;
                    }
                    let n = self.within(node, j as usize, false, |this| this.alloc_binding(b));
                    slots.push(n);
                    let ident = self.body.bindings[b].ident.clone();
                    inits.extend(self.init(n, &ident));
                }
                for _ in &arm.pat.bindings {
                    self.by_name.pop();
                }
                arm_slots.push(slots);
                let value = if has_plain {
                    quote!((#j, ::core::option::Option::None))
                } else {
                    quote!(#j)
                };
                forward.extend(
                    quote!(#(#attrs)* #[allow(unused_mut)] #pat #guard => { #inits #value }),
                );
            } else {
                let body = self.plain(&arm.body, Ctx::Value)?;
                let body = match else_first {
                    Some(drop) if j == 2 => quote!({ #drop #body }),
                    _ => body,
                };
                for _ in &arm.pat.bindings {
                    self.by_name.pop();
                }
                arm_slots.push(Vec::new());
                forward.extend(
                    quote!(#(#attrs)* #pat #guard => (0u32, ::core::option::Option::Some(#body)),),
                );
            }
        }
        Ok((forward, arm_slots))
    }

    /// On a resume, the index of `match_`'s arm that holds the target.
    fn match_pick(&mut self, arms: &[Arm], has_plain: bool) -> TokenStream {
        let mut pick = TokenStream::new();
        for (j, arm) in arms.iter().enumerate() {
            if !arm.body.contains_point() {
                continue;
            }
            let j = j as u32 + 1;
            let r = self.range(&arm.body);
            let within = self.in_range(r);
            let value = if has_plain {
                quote!((#j, ::core::option::Option::None))
            } else {
                quote!(#j)
            };
            pick.extend(quote!(if #within { #value } else));
        }
        // SAFETY (of the generated block): a resume targets a point of this
        // match only when it is in one of these arms.
        pick.extend(quote!({ unsafe { ::core::hint::unreachable_unchecked() } }));
        pick
    }

    /// The arms of `match_` that suspend, by index, each with its slots'
    /// guard.
    fn match_dispatch(
        &mut self,
        arms: &[Arm],
        node: usize,
        arm_slots: &[Vec<usize>],
        else_first: Option<&TokenStream>,
    ) -> Res<TokenStream> {
        let mut dispatch = TokenStream::new();
        for (j, arm) in arms.iter().enumerate() {
            if !arm.body.contains_point() {
                continue;
            }
            let jv = j as u32 + 1;
            let g = self.fresh("__arm_scope");
            let body = self.within(node, jv as usize, false, |this| {
                // An arm's body is a temporary scope of its own.
                this.scoped(|this| this.expr(&arm.body, Ctx::Value))
            })?;
            let guard = self.guard_decl(&g, &arm_slots[j]);
            let first = match else_first {
                Some(drop) if jv == 2 => drop.clone(),
                _ => TokenStream::new(),
            };
            let names = self.stand_ins(&arm.pat.bindings);
            dispatch.extend(quote!(#jv => { #first #guard #names #body }));
        }
        Ok(dispatch)
    }

    /// `match` with a suspension point in a guard. rustc tests the arms in
    /// order, and in a guard the bindings refer to the scrutinee, which
    /// stays where it is; so here:
    ///
    /// ```text
    /// (scrutinee in a slot, unless it is a place)
    /// let __arm = 'select: {
    ///     if t in arm j's body { break 'select j }            resuming in an arm
    ///     if t == 0 || t in guard j {                        each arm, in order
    ///         if match &SCRUT { PAT_j => GUARD_j, _ => false } { break 'select j }
    ///     }
    ///     ..
    /// };
    /// match __arm { j => match SCRUT { PAT_j => BODY_j, .. } }  binds by value
    /// ```
    ///
    /// The guard sees its bindings as references into the scrutinee
    /// (printed `(*x)`), matched again when resuming inside it. The
    /// scrutinee's remains drop when the chosen arm has bound its values
    /// (as for any `match` that suspends here).
    fn match_guarded(
        &mut self,
        scrutinee: &Expr,
        arms: &[Arm],
        tail: Option<(Span, usize)>,
    ) -> Res<TokenStream> {
        if !self.temps.is_empty() {
            // The enclosing statement's scope, as in `match_`.
            let first = self.temps.last().map_or(0, Vec::len);
            let out = self.match_guarded_inner(scrutinee, arms)?;
            let temps = self.temps.last().unwrap()[first..].to_vec();
            return Ok(match tail {
                Some((span, block_start)) => self.tail_end(out, span, block_start, &temps),
                None => quote!({ #out }),
            });
        }
        let g = self.fresh("__temps");
        self.temps.push(Vec::new());
        let out = self.match_guarded_inner(scrutinee, arms);
        let temps = self.temps.pop().unwrap();
        let out = out?;
        let guard = self.guard_decl(&g, &temps);
        Ok(quote!({ #guard #out }))
    }

    fn match_guarded_inner(&mut self, scrutinee: &Expr, arms: &[Arm]) -> Res<TokenStream> {
        let t = self.t.clone();
        let pats: Vec<&syn::Pat> = arms.iter().map(|a| &a.pat.pat).collect();
        let (init, place, value) = if is_place(scrutinee) && self.pure(scrutinee, Ctx::Place) {
            let place = self.plain(scrutinee, Ctx::Place)?;
            let ctx = self.binding_ctx(scrutinee, &pats);
            let value = self.plain(scrutinee, ctx)?;
            (TokenStream::new(), place, value)
        } else {
            // Entered forward or to resume a point in the scrutinee.
            let enter = self.enter(scrutinee);
            let v = self.kept(scrutinee, Ctx::Value)?;
            let n = self.alloc_temp();
            let tmp = hygienic("__value");
            let init = self.init(n, &tmp);
            (
                quote!(if #enter { let #tmp = #v; #init }),
                self.place_at(n, scrutinee.span),
                self.take_at(n, scrutinee.span),
            )
        };
        let label = syn::Lifetime::new("'__select", Span::mixed_site());
        let (arm_ix, ok, v) = (hygienic("__arm"), hygienic("__ok"), hygienic("__value"));
        let mut select = TokenStream::new();
        for (j, arm) in arms.iter().enumerate() {
            if arm.body.contains_point() {
                let jv = j as u32 + 1;
                let r = self.range(&arm.body);
                let within = self.in_range(r);
                select.extend(quote!(if #within { break #label #jv; }));
            }
        }
        for (j, arm) in arms.iter().enumerate() {
            let jv = j as u32 + 1;
            let pat = &arm.pat.pat;
            let Some(guard) = &arm.guard else {
                select.extend(quote! {
                    #[allow(unused_variables)]
                    let #ok = #t == 0 && ::core::matches!(&#place, #pat);
                    if #ok { break #label #jv; }
                });
                continue;
            };
            let depth = (self.by_name.len(), self.by_ref.len());
            self.by_name.extend(arm.pat.bindings.iter().copied());
            self.by_ref.extend(arm.pat.bindings.iter().copied());
            let enter = self.enter(guard);
            let printed = self.scoped(|this| this.expr(guard, Ctx::Value));
            self.by_name.truncate(depth.0);
            self.by_ref.truncate(depth.1);
            let printed = printed?;
            select.extend(quote! {
                if #enter {
                    #[allow(unused_variables)]
                    let #ok: bool = match &#place { #pat => #printed, _ => false };
                    if #ok { break #label #jv; }
                }
            });
        }
        // The check copy's `match` is exhaustive: some arm was chosen.
        select.extend(quote!(::core::unreachable!()));
        let node = self.node();
        let mut dispatch = TokenStream::new();
        for (j, arm) in arms.iter().enumerate() {
            let jv = j as u32 + 1;
            let pat = &arm.pat.pat;
            let attrs = &arm.attrs;
            if !arm.body.contains_point() {
                self.by_name.extend(arm.pat.bindings.iter().copied());
                let body = self.plain(&arm.body, Ctx::Value);
                self.by_name
                    .truncate(self.by_name.len() - arm.pat.bindings.len());
                let body = body?;
                dispatch.extend(quote! {
                    #jv => {
                        #[allow(unreachable_patterns)]
                        let #v = match #value { #(#attrs)* #pat => #body, _ => ::core::unreachable!() };
                        #v
                    }
                });
                continue;
            }
            let mut inits = TokenStream::new();
            let mut slots = Vec::new();
            for &b in &arm.pat.bindings {
                if !self.resident[b] {
                    continue;
                }
                let n = self.within(node, jv as usize, false, |this| this.alloc_binding(b));
                slots.push(n);
                let ident = self.body.bindings[b].ident.clone();
                inits.extend(self.init(n, &ident));
            }
            let g = self.fresh("__arm_scope");
            let body = self.within(node, jv as usize, false, |this| {
                // An arm's body is a temporary scope of its own.
                this.scoped(|this| this.expr(&arm.body, Ctx::Value))
            });
            let body = body?;
            let guard = self.guard_decl(&g, &slots);
            let names = self.stand_ins(&arm.pat.bindings);
            dispatch.extend(quote! {
                #jv => {
                    #guard
                    if #t == 0 {
                        #[allow(unreachable_patterns, unused_mut)]
                        match #value { #(#attrs)* #pat => { #inits } _ => ::core::unreachable!() }
                    }
                    #names
                    #body
                }
            });
        }
        Ok(quote! {
            #init
            let #arm_ix: u32 = #label: { #select };
            match #arm_ix {
                #dispatch
                // SAFETY: `__arm` is one of the arms above.
                _ => unsafe { ::core::hint::unreachable_unchecked() },
            }
        })
    }

    /// After a `match` that is the tail of a block: drops the scrutinee's
    /// temporaries kept in slots (`temps`) if the block's edition drops a
    /// tail's temporaries before the block's locals (2024); in 2021 they
    /// stay for the enclosing statement. rustc answers: which of a local
    /// and a tail temporary of a probe block drops first.
    fn tail_drop(&self, span: Span, temps: &[usize]) -> TokenStream {
        if temps.is_empty() {
            return TokenStream::new();
        }
        let drops = temps.iter().rev().map(|&n| self.drop_slot(n));
        let early = self.tail_temporaries_drop_first(span);
        quote! {
            if #early {
                // SAFETY: the flags say which of the scrutinee's
                // temporaries are still in their slots.
                unsafe { #(#drops)* }
            }
        }
    }

    /// A `bool`: whether a block of `span`'s edition drops its tail's
    /// temporaries before its locals (2024). rustc answers: which of a
    /// local and a tail temporary of a probe block drops first.
    fn tail_temporaries_drop_first(&self, span: Span) -> TokenStream {
        let k = self.rt();
        let (local, later, p) = (
            hygienic("__local"),
            hygienic("__later"),
            hygienic("__probe"),
        );
        let probe = quote_spanned! {span=> {
            let #p = #k::EditionProbe(&#local);
            #k::TailProbe(&#local, &#later).get()
        }};
        quote!({
            let #local = ::core::cell::Cell::new(false);
            let #later = ::core::cell::Cell::new(false);
            #probe;
            !#later.get()
        })
    }

    /// At the start of the `else` of an `if let` (at `span`, the user's):
    /// drops the scrutinee's temporaries kept in slots if the edition of
    /// that `if let` drops them before `else` (2024). rustc answers: a
    /// probe temporary in an `if let` written with the user's span tells,
    /// from inside its `else`, whether it was dropped already.
    fn edition_drop(&self, span: Span, temps: &[usize]) -> TokenStream {
        if temps.is_empty() {
            return TokenStream::new();
        }
        let k = self.rt();
        let drops = temps.iter().rev().map(|&n| self.drop_slot(n));
        let c = hygienic("__dropped");
        let unsafe_ = unsafe_at(span);
        quote_spanned! {span=>
            let #c = ::core::cell::Cell::new(false);
            if let ::core::option::Option::Some(#k::Probed) = #k::EditionProbe(&#c).get() {} else if #c.get() {
                // SAFETY: the flags say which of the scrutinee's
                // temporaries are still in their slots.
                #unsafe_ { #(#drops)* }
            }
        }
    }

    /// An operation with a suspending operand: the operands evaluated
    /// before it are spilled into slots, so that they survive the point
    /// and are not evaluated again.
    fn operator(&mut self, e: &Expr) -> Res<TokenStream> {
        let kids = e.children();
        let Some(last) = kids.iter().rposition(|c| c.contains_point()) else {
            return self.plain(e, Ctx::Value);
        };
        let mut pre = TokenStream::new();
        let mut printed = Vec::new();
        let mut spilled = false;
        for (i, c) in kids.iter().enumerate() {
            let ctx = self.operand_ctx(e, i, c);
            if i < last {
                if !c.contains_point() && self.pure(c, ctx) {
                    printed.push(self.plain(c, ctx)?);
                    continue;
                }
                // `&rvalue`: the rvalue is the temporary that lives across
                // the point, in a slot, and the operand borrows the slot.
                let (value, by_ref) = match &c.kind {
                    ExprKind::Ref { mutable, expr } if !is_place(expr) => (&**expr, Some(*mutable)),
                    _ => (*c, None),
                };
                let enter = self.enter(value);
                let v = self.kept(value, Ctx::Value)?;
                let n = self.alloc_temp();
                let tmp = hygienic("__value");
                let init = self.init(n, &tmp);
                pre.extend(quote!(if #enter { let #tmp = #v; #init }));
                printed.push(match by_ref {
                    Some(true) => {
                        let place = self.place_at(n, c.span);
                        quote!(&mut #place)
                    }
                    Some(false) => {
                        let place = self.place_at(n, c.span);
                        quote!(&#place)
                    }
                    None => self.take_at(n, c.span),
                });
                spilled = true;
            } else if i == last {
                let v = self.reentrant(c)?;
                if self.keep && self.borrows_temporary(e, i, c) {
                    // The value after the point is a temporary that a later
                    // point of the statement must not drop
                    // (`make().await.name()` before another point).
                    let n = self.alloc_temp();
                    let tmp = hygienic("__value");
                    let init = self.init(n, &tmp);
                    pre.extend(quote!(let #tmp = #v; #init));
                    printed.push(self.place_at(n, c.span));
                } else if spilled {
                    let id = self.fresh("__operand");
                    pre.extend(quote!(let #id = #v;));
                    printed.push(quote!(#id));
                } else {
                    printed.push(v);
                }
            } else {
                printed.push(self.plain(c, ctx)?);
            }
        }
        let node = self.assemble(e, printed)?;
        if pre.is_empty() {
            Ok(node)
        } else {
            Ok(quote!({ #pre #node }))
        }
    }

    /// Whether printing `e` again after a point gives the same thing.
    fn pure(&self, e: &Expr, ctx: Ctx) -> bool {
        match &e.kind {
            ExprKind::Atom(_) => true,
            ExprKind::Local(_) => ctx == Ctx::Place,
            ExprKind::Paren(x) => self.pure(x, ctx),
            ExprKind::Unary(syn::UnOp::Deref(_), x) => {
                ctx == Ctx::Place && self.pure(x, Ctx::Place)
            }
            ExprKind::Ref { expr, .. } => self.pure(expr, Ctx::Place),
            ExprKind::Field(base, _) => ctx == Ctx::Place && self.pure(base, Ctx::Place),
            _ => false,
        }
    }

    // ----- expressions that do not suspend (and the check copy) -----------

    fn plain_block(&mut self, b: &Block) -> Res<TokenStream> {
        let mut out = TokenStream::new();
        for s in &b.stmts {
            out.extend(self.plain_stmt(s)?);
        }
        let span = edition_of(b.span);
        Ok(quote_spanned!(span=> { #out }))
    }

    /// `let PAT = INIT else { .. };` as written, with plain bindings (its
    /// initializer may suspend: then it is the last statement of its block
    /// that does).
    fn let_stmt(&mut self, local: &Local) -> Res<TokenStream> {
        let init = match &local.init {
            Some(init) => {
                let ctx = self.binding_ctx(init, &[&local.pat.pat]);
                let v = self.scoped(|this| this.expr(init, ctx))?;
                // `let P = { .. } else` does not parse.
                let v = if local.diverge.is_some() {
                    quote!((#v))
                } else {
                    v
                };
                Some(quote!(= #v))
            }
            None => None,
        };
        let diverge = match &local.diverge {
            Some(d) => {
                let d = self.plain_block(d)?;
                Some(quote!(else #d))
            }
            None => None,
        };
        let (attrs, pat) = (&local.attrs, &local.pat.pat);
        Ok(quote!(#(#attrs)* let #pat #init #diverge;))
    }

    fn plain_stmt(&mut self, s: &Stmt) -> Res<TokenStream> {
        match s {
            Stmt::Item => Ok(TokenStream::new()),
            Stmt::Let(local) => self.let_stmt(local),
            Stmt::Expr { expr, semi } => {
                let e = self.plain(expr, Ctx::Value)?;
                let semi = semi.then(|| quote!(;));
                Ok(quote!(#e #semi))
            }
        }
    }

    fn plain(&mut self, e: &Expr, ctx: Ctx) -> Res<TokenStream> {
        if !self.keep {
            return self.plain_kind(e, ctx);
        }
        if let Some(out) = self.kept_temporary(e)? {
            return Ok(out);
        }
        // A `match`'s scrutinee keeps its temporaries for the enclosing
        // statement; its arms are scopes of their own (`plain_kind`).
        let through = temporaries_through(e) || matches!(e.kind, ExprKind::Match { .. });
        let keep = std::mem::replace(&mut self.keep, through);
        let out = self.plain_kind(e, ctx);
        self.keep = keep;
        out
    }

    /// In an operand kept until its statement ends (`keep`), a temporary
    /// that rustc keeps to the end of the statement because it is borrowed
    /// (`&make()`, the receiver of a method that borrows it,
    /// `make().len()`), stored in a slot of the statement and used there.
    ///
    /// Which methods borrow their receiver is a question of types; the
    /// macro takes every method to borrow except those `known::consumes`
    /// names, as for a value in a slot (`moved_receiver`). A method taking
    /// `self` that is not in that list is then a compile error at the call
    /// (E0507), never a wrong program; `T::m(make())` or `{ make() }.m()`
    /// moves the temporary instead.
    /// Whether operand `i` (`c`) of `e` is a temporary that `e` borrows:
    /// the operand of `&`, or the receiver of a method taken to borrow it
    /// (see `kept_temporary`), when it is not a place.
    fn borrows_temporary(&self, e: &Expr, i: usize, c: &Expr) -> bool {
        if i != 0 || is_place(c) || !keepable(c) {
            return false;
        }
        match &e.kind {
            ExprKind::Ref { .. } => true,
            ExprKind::MethodCall { method, args, .. } => {
                !crate::known::consumes(&method.to_string(), args.len())
            }
            _ => false,
        }
    }

    fn kept_temporary(&mut self, e: &Expr) -> Res<Option<TokenStream>> {
        let (temp, mutable) = match &e.kind {
            ExprKind::Ref { mutable, expr } if !is_place(expr) => (&**expr, *mutable),
            ExprKind::MethodCall {
                receiver,
                method,
                args,
                ..
            } if !is_place(receiver)
                && !crate::known::consumes(&method.to_string(), args.len()) =>
            {
                (&**receiver, true)
            }
            _ => return Ok(None),
        };
        if !keepable(temp) {
            return Ok(None);
        }
        let v = self.plain(temp, Ctx::Value)?;
        let n = self.alloc_temp();
        let tmp = hygienic("__value");
        let init = self.init(n, &tmp);
        let p = &self.slots[n];
        // SAFETY (of the generated block): the slot was just written, and
        // its guard drops it when the statement ends.
        let at = Span::mixed_site().located_at(temp.span);
        let place = quote_spanned!(at=> (*{ let #tmp = #v; #init unsafe { &mut *{ #p } } }));
        let mut kids = vec![place];
        if let ExprKind::MethodCall { args, .. } = &e.kind {
            for a in args {
                kids.push(self.plain(a, Ctx::Value)?);
            }
            return self.assemble(e, kids).map(Some);
        }
        let place = &kids[0];
        Ok(Some(if mutable {
            quote!(&mut #place)
        } else {
            quote!(&#place)
        }))
    }

    fn plain_kind(&mut self, e: &Expr, ctx: Ctx) -> Res<TokenStream> {
        let span = e.span;
        let attrs = &e.attrs;
        let inner = match &e.kind {
            ExprKind::Local(b) => self.local(*b, ctx, span)?,
            ExprKind::Atom(tokens) => tokens.clone(),
            ExprKind::Opaque(tokens, mentions) => self.opaque(tokens, mentions, span)?,
            ExprKind::Paren(x) => {
                let x = self.plain(x, ctx)?;
                quote_spanned!(span=> (#x))
            }
            ExprKind::Block {
                label,
                unsafety,
                block,
            } => {
                let block = self.plain_block(block)?;
                // The user's `unsafe`, at its place in the check copy, where
                // the `unsafe_code` lint reports it (once: the state
                // machine's is the macro's).
                let unsafety = unsafety.then(|| {
                    if self.check {
                        quote_spanned!(span=> unsafe)
                    } else {
                        quote!(unsafe)
                    }
                });
                quote_spanned!(span=> #label #unsafety #block)
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let cond = self.plain(cond, Ctx::Value)?;
                let then = self.plain_block(then)?;
                let otherwise = match otherwise {
                    Some(o) => {
                        let o = self.plain(o, Ctx::Value)?;
                        quote_spanned!(span=> else #o)
                    }
                    None => quote!(),
                };
                quote_spanned!(span=> if #cond #then #otherwise)
            }
            ExprKind::Let { pat, expr } => {
                let pat = &pat.pat;
                let ctx = self.binding_ctx(expr, &[pat]);
                let expr = self.plain(expr, ctx)?;
                // The user's span: its edition decides whether a let chain
                // is allowed.
                quote_spanned!(span=> let #pat = #expr)
            }
            ExprKind::Match { scrutinee, arms } => {
                let pats: Vec<&syn::Pat> = arms.iter().map(|a| &a.pat.pat).collect();
                let ctx = self.binding_ctx(scrutinee, &pats);
                let scrutinee = self.plain(scrutinee, ctx)?;
                let keep = std::mem::replace(&mut self.keep, false);
                let mut out = TokenStream::new();
                for arm in arms {
                    let (attrs, pat) = (&arm.attrs, &arm.pat.pat);
                    let guard = match &arm.guard {
                        Some(g) => {
                            let g = self.plain(g, Ctx::Value)?;
                            Some(quote!(if #g))
                        }
                        None => None,
                    };
                    let body = self.plain(&arm.body, Ctx::Value)?;
                    out.extend(quote!(#(#attrs)* #pat #guard => #body,));
                }
                self.keep = keep;
                // The call-site span: a `match` may be the lowering's (a `while let`
                // desugared), which lints must not see as the user's.
                quote!(match #scrutinee { #out })
            }
            ExprKind::Loop { label, body } => {
                let body = self.plain_block(body)?;
                quote!(#label loop #body)
            }
            ExprKind::While { label, cond, body } => {
                let cond = self.plain(cond, Ctx::Value)?;
                let body = self.plain_block(body)?;
                quote_spanned!(span=> #label while #cond #body)
            }
            ExprKind::For {
                label,
                pat,
                iter,
                body,
            } => {
                let pat = &pat.pat;
                let iter = self.plain(iter, Ctx::Value)?;
                let body = self.plain_block(body)?;
                quote_spanned!(span=> #label for #pat in #iter #body)
            }
            ExprKind::Suspend(_) if self.check => self.resumed_value(span),
            ExprKind::Await(k, operand) if self.check => self.check_await(*k, operand)?,
            ExprKind::Suspend(_) | ExprKind::Await(..) => {
                return internal(span, "a suspension point the lowering did not expect");
            }
            ExprKind::Continue(label) => quote_spanned!(span=> continue #label),
            ExprKind::Assign(place, value) if self.resident_local(place).is_some() => {
                let n = self.resident_local(place).unwrap();
                let v = self.plain(value, Ctx::Value)?;
                self.assign(n, v)
            }
            // `s.x` moved out of a value in a slot (see `Companion`).
            ExprKind::Field(..)
                if ctx == Ctx::Value && self.moved_path(e).is_some_and(|(.., f)| f.is_some()) =>
            {
                let (n, fields, flag) = self.moved_path(e).unwrap();
                self.move_field(n, fields, flag.unwrap(), span)
            }
            // `local.field` moved out at the local's last use: the local is
            // taken (rustc drops its other fields at the end of its scope,
            // which this use ends).
            ExprKind::Field(base, member)
                if ctx == Ctx::Value && self.last_use_of_resident(base, e).is_some() =>
            {
                let n = self.last_use_of_resident(base, e).unwrap();
                let taken = self.take_at(n, base.span);
                quote!(#taken.#member)
            }
            _ => {
                let kids: Vec<&Expr> = e.children();
                let mut printed = Vec::new();
                for (i, c) in kids.iter().enumerate() {
                    let x = self.plain(c, self.operand_ctx(e, i, c))?;
                    printed.push(if self.check && self.moved_receiver(e, i, c) {
                        quote_spanned!(c.span=> ({ #x }))
                    } else {
                        x
                    });
                }
                return self.assemble(e, printed);
            }
        };
        if attrs.is_empty() {
            Ok(inner)
        } else {
            Ok(quote!(#(#attrs)* #inner))
        }
    }

    fn local(&self, b: BindingId, ctx: Ctx, span: Span) -> Res<TokenStream> {
        let mut ident = self.body.bindings[b].ident.clone();
        ident.set_span(ident.span().located_at(span));
        if !self.check && self.by_ref.contains(&b) {
            return Ok(quote!((*#ident)));
        }
        if self.check || !self.resident[b] || self.by_name.contains(&b) {
            return Ok(quote!(#ident));
        }
        let Some(n) = self.slot_of[b] else {
            return internal(span, "a local used before its declaration was printed");
        };
        Ok(match ctx {
            // A binding whose value comes from a literal is a primitive,
            // `Copy`: a use by value reads it where it is.
            Ctx::Value if self.body.bindings[b].literal => self.place_at(n, span),
            Ctx::Place => self.place_at(n, span),
            Ctx::Value => self.take_at(n, span),
        })
    }

    /// `(child, witness)` for the operand of an `.await` at `point`: the
    /// operand as a coroutine (a `Future` is wrapped), and a typing witness
    /// of its output; a type error points at the operand (`operand_span`).
    fn convert_operand(&self, child: &syn::Ident, operand_span: Span, point: Span) -> TokenStream {
        let krate = respan(self.krate, point);
        let mut here = proc_macro2::Group::new(proc_macro2::Delimiter::Brace, quote!(#child));
        here.set_span(operand_span);
        quote_spanned! {point=> {
            #[allow(unused_imports)]
            use #krate::__private::{ViaGenerator as _, ViaCoroutine as _, ViaStd as _, ViaOther as _};
            (&&&&#krate::__private::Probe::of(&#child)).__kind().convert(#here)
        }}
    }

    /// `suspend!(|me| ..)` at point `k`. The block runs once the frame is
    /// suspended and may resume it (`me.resume()`): the rest of the body
    /// then runs, and may end the scopes of the values in slots, before the
    /// block continues. So the block never reaches into a slot: each value
    /// in a slot that it names is first moved (a `Copy` one copied) into a
    /// local of its name, which the block captures as written; the check
    /// copy does the same (`let x = { x };`), so a value the code after the
    /// point uses must be `Copy` (or cloned before), as with the default
    /// lowering, where such values are saved in the frame before the block
    /// runs.
    fn suspend_block(&mut self, k: PointId, block: &Expr) -> Res<TokenStream> {
        let point = self.body.points[k].span;
        let mut names: Vec<BindingId> = Vec::new();
        let (printed, moves) = match &block.kind {
            ExprKind::Opaque(tokens, mentions) => {
                for m in mentions {
                    if self.resident[m.binding] && !names.contains(&m.binding) {
                        names.push(m.binding);
                    }
                }
                let moves = tokens
                    .clone()
                    .into_iter()
                    .next()
                    .is_some_and(|t| matches!(&t, TokenTree::Ident(i) if i == "move"));
                (tokens.clone(), moves)
            }
            _ => (self.plain(block, Ctx::Value)?, false),
        };
        let mut lets = Vec::new();
        for b in names {
            let mut ident = self.body.bindings[b].ident.clone();
            ident.set_span(ident.span().located_at(point));
            let value = if self.check {
                // The move is reported where the block names the local, as
                // for a `move` closure.
                let mut used = self.body.bindings[b].ident.clone();
                if let Some(span) = first_mention(&printed, &used.to_string()) {
                    used.set_span(span);
                }
                quote_spanned!(point=> { #used })
            } else {
                self.local(b, Ctx::Value, point)?
            };
            let mutability = moves.then(|| quote!(mut));
            lets.push(quote!(#[allow(unused_mut)] let #mutability #ident = #value;));
        }
        let k_rt = self.rt();
        let b = hygienic("__block");
        if self.check {
            return Ok(quote_spanned! {point=> ({
                #(#lets)*
                #k_rt::check_block(#printed);
            })});
        }
        let disarm = self.disarm_guards();
        let (t, cx, index) = (&self.t, &self.cx, k as u32 + 2);
        Ok(quote_spanned! {point=> {
            if #t == 0 {
                #(#lets)*
                let #b = #cx.block(#printed);
                #disarm
                return #cx.suspend_with(#index, #b);
            }
            #t = 0;
        }})
    }

    /// What a `suspend!` evaluates to once resumed: the value passed in,
    /// in a generator that takes one (`resume = R`); `()` otherwise.
    fn resumed_value(&self, span: Span) -> TokenStream {
        let Some(gen) = self.gen.as_ref().filter(|gen| gen.receives) else {
            // In the state machine, the block around the point is `()`.
            return if self.check {
                quote_spanned!(span=> ())
            } else {
                TokenStream::new()
            };
        };
        // The path spanned at the point, hygiene included: a panic for a
        // missing value reports the `suspend!`'s line.
        let krate = crate::outer::respan_exact(self.krate, span);
        let k = quote_spanned!(span=> #krate::__private::inplace);
        let r = &gen.r;
        let mut resumed = gen.resumed.clone();
        resumed.set_span(resumed.span().located_at(span));
        if self.check {
            quote_spanned!(span=> #k::check_resumed::<#r>())
        } else {
            quote_spanned!(span=> #k::resumed(&mut #resumed))
        }
    }

    /// `suspend!(value)` at point `k`, in a generator: `value` is stored in
    /// the frame's `GenIo` for the resumer to take, then the frame
    /// suspends. The value cannot suspend (`lower` reports it), so it is
    /// evaluated, and its temporaries dropped, before the suspension.
    fn yield_point(&mut self, k: PointId, value: &Expr) -> Res<TokenStream> {
        let point = self.body.points[k].span;
        let Some(gen) = self.gen.clone() else {
            return internal(point, "`suspend!(value)` outside a generator");
        };
        let span = value.span;
        let value = self.plain(value, Ctx::Value)?;
        let resumed = self.resumed_value(point);
        let (k_rt, y, io) = (self.rt(), &gen.y, &gen.io);
        // Typed by a `let` printed the same in both copies, so that rustc
        // reports a value of the wrong type once, at the value.
        let v = hygienic("__value");
        let typed = quote_spanned!(span=> let #v: #y = #value;);
        if self.check {
            return Ok(quote_spanned! {point=> ({
                #typed
                #k_rt::check_hand_out(#v);
                #resumed
            })});
        }
        let disarm = self.disarm_guards();
        let (t, cx, index) = (&self.t, &self.cx, k as u32 + 2);
        // SAFETY (of `hand_out`): the body runs, so the `GenIo` is its own.
        let unsafe_ = unsafe_at(point);
        Ok(quote_spanned! {point=> {
            if #t == 0 {
                #typed
                #unsafe_ { #k_rt::hand_out(#io, #v) };
                #disarm
                return #cx.suspend(#index);
            }
            #t = 0;
            #resumed
        }})
    }

    /// `.await` in the check copy: the awaited output, typed, never run.
    fn check_await(&mut self, k: PointId, operand: &Expr) -> Res<TokenStream> {
        match self.body.points[k].kind {
            PointKind::SuspendBlock => return self.suspend_block(k, operand),
            PointKind::Yield => return self.yield_point(k, operand),
            PointKind::Delegate => {
                if self.gen.is_none() {
                    return internal(operand.span, "`yield_from!` outside a generator");
                }
                let op = self.plain(operand, Ctx::Value)?;
                let new = self.delegation_new(operand.span);
                let unsafe_ = unsafe_at(operand.span);
                return Ok(quote_spanned! {operand.span=>
                    #unsafe_ { #new(#op) }.output()
                });
            }
            PointKind::Suspend | PointKind::Await => {}
        }
        let point = self.body.points[k].span;
        let op = self.plain(operand, Ctx::Value)?;
        let child = hygienic("__child");
        let witness = hygienic("__witness");
        let convert = self.convert_operand(&child, operand.span, point);
        // In parentheses: `{ .. } == 3` at the start of a statement would
        // parse as a block statement.
        Ok(quote_spanned! {point=> ({
            let #child = #op;
            let (#child, #witness) = #convert;
            ::core::mem::drop(#child);
            #witness.value()
        })})
    }

    /// Code kept as written (closures, unknown macros): the resident locals
    /// it names become their places.
    fn opaque(&self, tokens: &TokenStream, mentions: &[Mention], span: Span) -> Res<TokenStream> {
        if self.check {
            return Ok(tokens.clone());
        }
        let mut names: Vec<(String, usize)> = Vec::new();
        for m in mentions {
            let b = m.binding;
            if !self.resident[b] || self.by_name.contains(&b) {
                continue;
            }
            let Some(n) = self.slot_of[b] else {
                return internal(span, "a local used before its declaration was printed");
            };
            names.push((self.body.bindings[b].ident.to_string(), n));
        }
        if names.is_empty() {
            return Ok(tokens.clone());
        }
        let mut captured = Vec::new();
        format_captures(tokens, &mut captured);
        let shadowed: Vec<(String, usize)> = names
            .iter()
            .filter(|(n, _)| captured.contains(n))
            .cloned()
            .collect();
        let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
        let ident_at =
            |i: usize, name: &str| matches!(trees.get(i), Some(TokenTree::Ident(x)) if x == name);
        if (ident_at(0, "move") && closure_head(&trees[1..]).is_some())
            || (ident_at(0, "async") && ident_at(1, "move"))
        {
            return Ok(self.move_closure(tokens, &names, span));
        }
        if let [TokenTree::Ident(a), TokenTree::Group(g)] = &trees[..] {
            if a == "async" && g.delimiter() == proc_macro2::Delimiter::Brace {
                // An `async` block borrows as a closure does: it captures
                // the pointers to the slots it names (see below).
                let body = self.captured(&quote!(#g), &names, span)?;
                let body = self.shadow(&shadowed, span, body);
                return Ok(if mentions.iter().all(|m| self.resident[m.binding]) {
                    quote!(async move #body)
                } else {
                    quote!(async #body)
                });
            }
        }
        let Some(split) = closure_head(&trees) else {
            // A macro the transform does not know, naming locals in a format
            // string (`log!("{x}")`): those names are bound, with the
            // user's hygiene, to references to their places around it.
            let body = self.subst(tokens.clone(), &names, span)?;
            return Ok(self.shadow(&shadowed, span, body));
        };
        let (head, rest) = trees.split_at(split);
        let rest: TokenStream = rest.iter().cloned().collect();
        // A parameter named like a value in a slot shadows it in the body.
        let mut params = Vec::new();
        idents_in(head, &mut params);
        let params: Vec<String> = params.iter().map(ToString::to_string).collect();
        names.retain(|(n, _)| !params.contains(n));
        let shadowed: Vec<(String, usize)> = shadowed
            .into_iter()
            .filter(|(n, _)| !params.contains(n))
            .collect();
        let all_in_slots = mentions.iter().all(|m| self.resident[m.binding]);
        // Values the closure moves in are taken out of their slots when
        // it is created, as rustc moves them (see `captures::moved_names`).
        let moved = if all_in_slots {
            captures::moved_names(self, &rest, &names, span)
        } else {
            Vec::new()
        };
        let taken: Vec<(String, usize)> = names
            .iter()
            .filter(|(n, _)| moved.contains(n))
            .cloned()
            .collect();
        names.retain(|(n, _)| !moved.contains(n));
        let shadowed: Vec<(String, usize)> = shadowed
            .into_iter()
            .filter(|(n, _)| !moved.contains(n))
            .collect();
        let body = self.captured(&rest, &names, span)?;
        let body = self.shadow(&shadowed, span, body);
        let head: TokenStream = head.iter().cloned().collect();
        if !taken.is_empty() {
            let closure = quote!(move #head #body);
            return Ok(self.move_closure(&closure, &taken, span));
        }
        // A closure naming only values in slots captures their pointers by
        // value (`move`), so that it may itself live in a slot across a
        // point. (The check copy checks its borrows as written.)
        if mentions.iter().all(|m| self.resident[m.binding]) {
            Ok(quote!(move #head #body))
        } else {
            Ok(quote!(#head #body))
        }
    }

    /// The body of a closure or `async` block, its free uses of `names`
    /// made places (`captures`); token by token if it does not parse.
    fn captured(
        &self,
        body: &TokenStream,
        names: &[(String, usize)],
        span: Span,
    ) -> Res<TokenStream> {
        match captures::substitute(self, body, names, span) {
            Some(out) => out,
            None => self.subst(body.clone(), names, span),
        }
    }

    /// A `move` closure naming values in slots: each is moved out of its
    /// slot into a local of its name (with the user's hygiene) that the
    /// closure, printed as written, captures. (A `Copy` value stays readable
    /// in its slot; a moved one is not named again, as the check copy
    /// proves.)
    fn move_closure(
        &self,
        tokens: &TokenStream,
        names: &[(String, usize)],
        span: Span,
    ) -> TokenStream {
        let mut seen = Vec::new();
        let once = names.iter().filter(|(name, _)| {
            let first = !seen.contains(name);
            seen.push(name.clone());
            first
        });
        let lets = once.map(|(name, n)| {
            let ident = syn::Ident::new(name, span);
            let taken = self.take_at(*n, span);
            quote!(#[allow(unused_mut)] let mut #ident = #taken;)
        });
        quote!({ #(#lets)* #tokens })
    }

    /// `{ let x = &place; .. body }` for each name in `shadowed`.
    fn shadow(&self, shadowed: &[(String, usize)], span: Span, body: TokenStream) -> TokenStream {
        if shadowed.is_empty() {
            return body;
        }
        let lets = shadowed.iter().map(|(name, n)| {
            let ident = syn::Ident::new(name, span);
            let place = self.place(*n);
            quote!(let #ident = &#place;)
        });
        quote!({ #(#lets)* #body })
    }

    fn subst(
        &self,
        tokens: TokenStream,
        names: &[(String, usize)],
        span: Span,
    ) -> Res<TokenStream> {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = TokenStream::new();
        let punct = |i: usize, c: char| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    if name == "move" || name == "async" {
                        return unsupported(
                            span,
                            "a `move` closure or `async` block inside a macro's arguments naming a value that lives across a suspension point",
                            "create it before the macro, in a `let`: `let f = move || ..; m!(f)`",
                        );
                    }
                    let found = names.iter().find(|(n, _)| *n == name);
                    let Some((_, n)) = found else {
                        out.extend([tree.clone()]);
                        continue;
                    };
                    let prev_dot = i > 0 && punct(i - 1, '.');
                    let path = (punct(i + 1, ':') && punct(i + 2, ':'))
                        || (i > 1 && punct(i - 1, ':') && punct(i - 2, ':'));
                    let macro_name =
                        punct(i + 1, '!') && matches!(trees.get(i + 2), Some(TokenTree::Group(_)));
                    if prev_dot || path || macro_name {
                        out.extend([tree.clone()]);
                        continue;
                    }
                    let binds = i > 0
                        && ((punct(i - 1, '|') && !(i > 1 && punct(i - 2, '|')))
                            || matches!(&trees[i - 1], TokenTree::Ident(p)
                                if ["let", "mut", "ref", "for"].contains(&p.to_string().as_str())));
                    if binds {
                        return unsupported(
                            span,
                            "a closure parameter or local inside a macro's arguments named like a value that lives across a suspension point",
                            "rename one of them",
                        );
                    }
                    out.extend(self.place_at(*n, ident.span()));
                }
                TokenTree::Group(g) => {
                    let inner = self.subst(g.stream(), names, span)?;
                    let mut group = proc_macro2::Group::new(g.delimiter(), inner);
                    group.set_span(g.span());
                    out.extend([TokenTree::Group(group)]);
                }
                TokenTree::Literal(_) => out.extend([tree.clone()]),
                TokenTree::Punct(_) => out.extend([tree.clone()]),
            }
        }
        Ok(out)
    }

    /// Prints operation `e` from its operands, printed in `children` order.
    fn assemble(&mut self, e: &Expr, kids: Vec<TokenStream>) -> Res<TokenStream> {
        let span = e.span;
        let k = |i: usize| kids[i].clone();
        let out = match &e.kind {
            ExprKind::Unary(op, _) => {
                let x = k(0);
                quote_spanned!(span=> #op #x)
            }
            ExprKind::Binary(_, op, _) => {
                let (l, r) = (k(0), k(1));
                quote_spanned!(span=> #l #op #r)
            }
            ExprKind::Assign(place_expr, _) => {
                let (value, place) = (k(0), k(1));
                match self.moved_path(place_expr) {
                    Some((n, fields, Some(flag))) => {
                        let (k, p, flag) = (self.rt(), &self.slots[n], self.flag(flag));
                        let tmp = hygienic("__value");
                        // SAFETY (of the generated block): a field of the
                        // value in slot `n`, present unless its flag says
                        // it was moved out.
                        quote!({
                            let #tmp = #value;
                            unsafe { #k::write_field(&raw mut (*{ #p }) #(.#fields)*, #flag, #tmp) }
                        })
                    }
                    Some((_, _, None)) => {
                        return unsupported(
                            span,
                            "an assignment to a field whose own field was moved out",
                            "assign the whole field (`s.x = X { .. }`), or move the inner field out (`let a = s.x.a;`)",
                        );
                    }
                    None => quote_spanned!(span=> #place = #value),
                }
            }
            ExprKind::Cast(_, ty) => {
                let x = k(0);
                quote_spanned!(span=> #x as #ty)
            }
            ExprKind::Ref { mutable, .. } => {
                let x = k(0);
                if *mutable {
                    quote_spanned!(span=> &mut #x)
                } else {
                    quote_spanned!(span=> &#x)
                }
            }
            ExprKind::Field(_, member) => {
                let x = k(0);
                quote_spanned!(span=> #x.#member)
            }
            ExprKind::Index(..) => {
                let (b, i) = (k(0), k(1));
                quote_spanned!(span=> #b[#i])
            }
            ExprKind::Call(callee, _) => {
                let args = &kids[1..];
                if let Some(n) = self.called_by_value(callee) {
                    // At its last use a closure is called by value (an
                    // `FnOnce` must be): taken out of its slot first, as
                    // rustc evaluates the callee before the arguments.
                    let f = self.take_at(n, callee.span);
                    return Ok(quote_spanned!(span=> #f(#(#args),*)));
                }
                let f = k(0);
                quote_spanned!(span=> #f(#(#args),*))
            }
            ExprKind::MethodCall {
                method, turbofish, ..
            } => {
                let r = k(0);
                let args = &kids[1..];
                // The user's span: "value moved due to this method call"
                // points at the call.
                quote_spanned!(span=> #r.#method #turbofish(#(#args),*))
            }
            ExprKind::Tuple(_) if kids.len() == 1 => {
                let x = k(0);
                quote_spanned!(span=> (#x,))
            }
            ExprKind::Tuple(_) => quote_spanned!(span=> (#(#kids),*)),
            ExprKind::Array(_) => quote_spanned!(span=> [#(#kids),*]),
            ExprKind::Repeat(_, len) => {
                let x = k(0);
                quote_spanned!(span=> [#x; #len])
            }
            ExprKind::Struct { path, fields, rest } => {
                let fs = fields.iter().enumerate().map(|(i, f)| {
                    let (attrs, member, v) = (&f.attrs, &f.member, &kids[i]);
                    // `x` for `x: x` (the user's shorthand, printed back).
                    if v.to_string() == quote::ToTokens::to_token_stream(member).to_string() {
                        quote_spanned!(span=> #(#attrs)* #v)
                    } else {
                        quote_spanned!(span=> #(#attrs)* #member: #v)
                    }
                });
                let rest = rest.as_ref().map(|_| {
                    let r = k(fields.len());
                    quote_spanned!(span=> ..#r)
                });
                quote_spanned!(span=> #path { #(#fs,)* #rest })
            }
            ExprKind::Range { start, limits, end } => {
                let s = start.as_ref().map(|_| k(0));
                let e = end.as_ref().map(|_| k(usize::from(start.is_some())));
                quote_spanned!(span=> #s #limits #e)
            }
            ExprKind::Paren(_) => {
                let x = k(0);
                quote_spanned!(span=> (#x))
            }
            ExprKind::Break { label, value } => {
                let v = value.as_ref().map(|_| k(0));
                quote_spanned!(span=> break #label #v)
            }
            ExprKind::Return(value) => {
                let v = match value {
                    Some(_) => k(0),
                    None => quote!(()),
                };
                // Both copies leave the body's labelled block, whose type
                // is the declared return type: a mismatch is then the same
                // error in both, which rustc reports once.
                let label = self.check_label();
                quote_spanned!(span=> break #label (#v))
            }
            ExprKind::Try(_) => self.try_(k(0), span),
            ExprKind::Macro(m) => self.macro_(m, &kids)?,
            ExprKind::Await(..) | ExprKind::Suspend(_) => {
                return internal(span, "a suspension point the lowering did not expect");
            }
            _ => return internal(span, "an expression the lowering did not expect"),
        };
        Ok(out)
    }

    fn try_(&self, x: TokenStream, span: Span) -> TokenStream {
        let krate = respan(self.krate, span);
        let v = format_ident!("__value", span = Span::mixed_site().located_at(span));
        let r = format_ident!("__residual", span = Span::mixed_site().located_at(span));
        // As for `return` (see there).
        let label = self.check_label();
        let exit = quote_spanned!(span=> break #label (#krate::__private::FromResidual::from_residual(#r)));
        quote_spanned! {span=>
            match #krate::__private::Try::branch(#x) {
                #krate::__private::ControlFlow::Continue(#v) => #v,
                #krate::__private::ControlFlow::Break(#r) => #exit,
            }
        }
    }

    fn macro_(&self, m: &MacroCall, kids: &[TokenStream]) -> Res<TokenStream> {
        let mut args = TokenStream::new();
        let mut next = 0;
        for (i, arg) in m.args.iter().enumerate() {
            if i > 0 {
                args.extend(m.separators[i - 1].clone());
            }
            match arg {
                MacroArg::Expr(_) => {
                    args.extend(kids[next].clone());
                    next += 1;
                }
                MacroArg::Named(name, _) => {
                    let v = &kids[next];
                    next += 1;
                    args.extend(quote!(#name = #v));
                }
                MacroArg::Raw(tokens) => args.extend(tokens.clone()),
            }
        }
        if !self.check {
            for mention in &m.implicit {
                let b = mention.binding;
                if !self.resident[b] || self.by_name.contains(&b) {
                    continue;
                }
                let Some(n) = self.slot_of[b] else {
                    return internal(
                        m.path
                            .clone()
                            .into_iter()
                            .next()
                            .map_or(Span::call_site(), |t| t.span()),
                        "a local used before its declaration was printed",
                    );
                };
                let mut ident = self.body.bindings[b].ident.clone();
                ident.set_span(Span::call_site());
                let place = self.place(n);
                args.extend(quote!(, #ident = #place));
            }
        }
        let mut group = proc_macro2::Group::new(m.delimiter, args);
        // The user's delimiters for the formatting macros, so that the
        // location a `panic!`, `assert!` or `todo!` reports is the user's
        // line. Not for `vec!`: clippy's `useless_vec` then takes a snippet
        // of the arguments, some of them printed by the transform, and
        // panics (clippy 1.95).
        if matches!(m.kind, crate::known::MacroKind::Format { .. }) {
            group.set_span(m.delim_span);
        }
        let path = &m.path;
        Ok(quote!(#path #group))
    }
}

impl captures::Places for Emitter<'_> {
    fn place_at(&self, slot: usize, span: Span) -> TokenStream {
        Emitter::place_at(self, slot, span)
    }

    fn subst_tokens(
        &self,
        tokens: TokenStream,
        names: &[(String, usize)],
        span: Span,
    ) -> Res<TokenStream> {
        self.subst(tokens, names, span)
    }
}

/// The arms of `match x { PAT => then, _ => otherwise }`, the `match` an
/// `if let` (or a let chain) whose branches suspend is printed as.
fn if_arms(pat: Pattern, then: &Block, otherwise: Option<&Expr>) -> [Arm; 2] {
    let then_arm = Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        body: Box::new(Expr::block(then.clone())),
    };
    let else_arm = Arm {
        attrs: Vec::new(),
        pat: Pattern {
            pat: syn::parse_quote!(_),
            bindings: Vec::new(),
        },
        guard: None,
        body: Box::new(match otherwise {
            Some(o) => o.clone(),
            None => Expr::new(ExprKind::Atom(quote!(())), then.span),
        }),
    };
    [then_arm, else_arm]
}
