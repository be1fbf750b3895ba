//! Questions asked of the syntax by the in-place lowering: how an operation
//! uses each operand, what is a place, the parts of a closure's tokens.

use proc_macro2::{TokenStream, TokenTree};
use syn::{BinOp, UnOp};

use super::Ctx;
use crate::ir::*;
use crate::known::MacroKind;

/// Where the head of a closure ends (`|a, b| -> T`), if `trees` is one.
pub(super) fn closure_head(trees: &[TokenTree]) -> Option<usize> {
    let bar = |i: usize| matches!(trees.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '|');
    if !bar(0) {
        return None;
    }
    let mut end = if bar(1) {
        2
    } else {
        (1..trees.len()).find(|&i| bar(i))? + 1
    };
    let arrow = matches!(trees.get(end), Some(TokenTree::Punct(p)) if p.as_char() == '-')
        && matches!(trees.get(end + 1), Some(TokenTree::Punct(p)) if p.as_char() == '>');
    if arrow {
        end = (end..trees.len()).find(|&i| {
            matches!(&trees[i], TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace)
        })?;
    }
    Some(end)
}

/// Every identifier in `trees`, groups included, and the names captured
/// by the format strings there (with the literal's span).
pub(super) fn idents_in(trees: &[TokenTree], out: &mut Vec<proc_macro2::Ident>) {
    for tree in trees {
        match tree {
            TokenTree::Ident(i) => out.push(i.clone()),
            TokenTree::Group(g) => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                idents_in(&inner, out);
            }
            TokenTree::Literal(lit) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                    for name in crate::known::format_names(&s.value()) {
                        out.push(proc_macro2::Ident::new(&name, lit.span()));
                    }
                }
            }
            TokenTree::Punct(_) => {}
        }
    }
}

/// Where `tokens` first name `name`, groups included.
pub(super) fn first_mention(tokens: &TokenStream, name: &str) -> Option<proc_macro2::Span> {
    tokens.clone().into_iter().find_map(|t| match t {
        TokenTree::Ident(i) if i == name => Some(i.span()),
        TokenTree::Group(g) => first_mention(&g.stream(), name),
        _ => None,
    })
}

/// The names captured by format strings in `tokens` (`"{x}"`).
pub(super) fn format_captures(tokens: &TokenStream, out: &mut Vec<String>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Literal(lit) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                    out.extend(crate::known::format_names(&s.value()));
                }
            }
            TokenTree::Group(g) => format_captures(&g.stream(), out),
            _ => {}
        }
    }
}

/// How operation `e` uses its operand `i` (in `children` order).
pub(super) fn child_ctx(e: &Expr, i: usize) -> Ctx {
    use Ctx::*;
    match &e.kind {
        ExprKind::Unary(UnOp::Deref(_), _) => Place,
        ExprKind::Binary(_, op, _) => match op {
            op if is_comparison(op) => Place,
            op if is_compound_assignment(op) && i == 0 => Place,
            _ => Value,
        },
        ExprKind::Assign(..) => {
            if i == 1 {
                Place
            } else {
                Value
            }
        }
        ExprKind::Ref { .. } | ExprKind::Field(..) | ExprKind::Let { .. } => Place,
        ExprKind::Index(..) | ExprKind::Call(..) | ExprKind::MethodCall { .. } => {
            if i == 0 {
                Place
            } else {
                Value
            }
        }
        ExprKind::Struct { fields, .. } => {
            if i >= fields.len() {
                Place
            } else {
                Value
            }
        }
        ExprKind::Macro(m) => match m.kind {
            MacroKind::Format { assert, .. } => {
                if assert && i == 0 {
                    Value
                } else {
                    Place
                }
            }
            MacroKind::Matches if i == 0 => Place,
            _ => Value,
        },
        _ => Value,
    }
}

/// Whether `e` is a place expression (a local, a field or an index of
/// one, a dereference).
pub(super) fn is_place(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Local(_) | ExprKind::Unary(UnOp::Deref(_), _) => true,
        ExprKind::Field(base, _) | ExprKind::Index(base, _) | ExprKind::Paren(base) => {
            is_place(base)
        }
        ExprKind::Atom(_) => true,
        _ => false,
    }
}

pub(super) fn has_let(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Let { .. } => true,
        ExprKind::Binary(l, BinOp::And(_), r) => has_let(l) || has_let(r),
        ExprKind::Paren(x) => has_let(x),
        _ => false,
    }
}

/// Whether `e` is an operation on its operands' values (an operator, a
/// call, a literal of a tuple, array or struct, a macro, `.await`, a place
/// expression), not a block, a branch, a loop or a closure.
fn is_operation(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Local(_)
            | ExprKind::Atom(_)
            | ExprKind::Unary(..)
            | ExprKind::Binary(..)
            | ExprKind::Cast(..)
            | ExprKind::Ref { .. }
            | ExprKind::Field(..)
            | ExprKind::Index(..)
            | ExprKind::Call(..)
            | ExprKind::MethodCall { .. }
            | ExprKind::Tuple(_)
            | ExprKind::Array(_)
            | ExprKind::Repeat(..)
            | ExprKind::Struct { .. }
            | ExprKind::Range { .. }
            | ExprKind::Paren(_)
            | ExprKind::Macro(_)
            | ExprKind::Await(..)
            | ExprKind::Suspend(_)
    )
}

/// Whether every temporary that evaluating `e` makes, and that its value
/// may borrow, can be kept in a slot (see `Emitter::kept_temporary`): a
/// block, a branch or a closure may leave a temporary the value borrows
/// (`{ make() }.name()` returning `&str`); keeping such a value past the
/// temporary would not compile, so it is not kept.
pub(super) fn keepable(e: &Expr) -> bool {
    match &e.kind {
        // The awaited operand's temporaries are kept (`Emitter::await_`).
        ExprKind::Await(_, operand) => keepable(operand),
        _ if is_operation(e) => e.children().into_iter().all(keepable),
        _ => false,
    }
}

/// Whether the temporaries of `e`'s operands belong to the temporary scope
/// `e` is in (a call, a method call, an operator...). A block, a branch, a
/// loop, a closure, the right side of `&&` and `||`, and a macro that
/// ends them itself (`macro_scope`) have scopes of their own.
pub(super) fn temporaries_through(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Binary(_, op, _) => !matches!(op, BinOp::And(_) | BinOp::Or(_)),
        ExprKind::Macro(_) => !macro_scope(e),
        _ => is_operation(e),
    }
}

/// Whether macro call `e`'s expansion ends the temporaries of its
/// arguments before it returns: `format!` and the printing macros expand to
/// a block whose statement holds them (`{ let res = format(..); res }`),
/// and `assert!` tests its condition in an `if`;
/// `write!`, `vec!`, `dbg!`, `matches!` and the assertions keep them to
/// the end of the enclosing statement, as an operation does.
pub(super) fn macro_scope(e: &Expr) -> bool {
    let ExprKind::Macro(m) = &e.kind else {
        return false;
    };
    let name = m.path.clone().into_iter().fold(None, |last, t| match t {
        TokenTree::Ident(i) => Some(i.to_string()),
        _ => last,
    });
    matches!(
        name.as_deref(),
        Some("format" | "print" | "println" | "eprint" | "eprintln" | "assert" | "debug_assert")
    )
}

/// Whether `s` is a block's tail that is a `match` or an `if let`.
pub(super) fn is_tail_match(s: &Stmt) -> bool {
    fn matches_(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Paren(x) => matches_(x),
            ExprKind::Match { .. } => true,
            ExprKind::If { cond, .. } => matches!(cond.kind, ExprKind::Let { .. }),
            _ => false,
        }
    }
    matches!(s, Stmt::Expr { expr, semi: false } if matches_(expr))
}

pub(super) fn is_comparison(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

pub(super) fn is_compound_assignment(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}
