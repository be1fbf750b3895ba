//! The intermediate representation the transform works on.
//!
//! `lower` builds it from the user's `syn` body; `inplace` reads it
//! (`inplace::analysis`) and prints it back as Rust, each statement once.
//!
//! It mirrors Rust's expression grammar closely, so that printing an
//! untouched subtree gives back what the user wrote, with the user's spans.
//! What differs from `syn`:
//! - every local variable is a [`Binding`] with an id; its declarations
//!   ([`Pattern::bindings`]) and uses ([`ExprKind::Local`]) point to it;
//! - suspension points are nodes of their own ([`ExprKind::Suspend`],
//!   [`ExprKind::Await`]), numbered in source order;
//! - expressions the transform never needs to look into (closures, async
//!   blocks, unknown macros, ...) are [`ExprKind::Opaque`], kept as `syn`
//!   with the locals they mention;
//! - `while` and `for` loops that contain a suspension point are desugared
//!   into `loop`, as rustc does.

use proc_macro2::{Span, TokenStream};
use syn::{Attribute, BinOp, Ident, Label, Lifetime, Member, Pat, Type, UnOp};

/// Index of a binding in [`Body::bindings`].
pub type BindingId = usize;
/// Index of a suspension point in [`Body::points`], in source order.
pub type PointId = usize;

/// A lowered coroutine body.
pub struct Body {
    /// The body: one `let` per parameter, then the user's block.
    pub block: Block,
    /// Every local variable, by id.
    pub bindings: Vec<Binding>,
    /// Every suspension point, by id.
    pub points: Vec<Point>,
    /// The items (`fn`, `struct`, `use`, ...) declared anywhere in the body,
    /// printed once before the frame, where every arm sees them.
    pub items: Vec<TokenStream>,
    /// The paths `suspend!` and `r#await!` were written with: the generated
    /// code invokes each once (`path!(@coro_used)`, which expands to
    /// nothing), so that the user's import of them counts as used.
    pub macro_paths: Vec<TokenStream>,
}

/// A local variable.
pub struct Binding {
    /// The identifier it is declared and used with in generated code.
    pub ident: Ident,
    /// The type the user wrote for it (`x: T` as a parameter, `let x: T`),
    /// where the frame's slot can spell it: the slot's type is then known
    /// from the start instead of inferred from the body, which rustc's type
    /// checker does much faster (see `lower::declared_type`).
    pub ty: Option<syn::Type>,
    /// Whether its type has no drop glue, as the syntax alone shows (see
    /// `lower::no_drop_type`): its slot is left out of the scope guards and
    /// of the frame's drop, which then need no code for it.
    pub no_drop: bool,
    /// Whether its type is made of primitives only, as the syntax shows
    /// (a literal initializer, a declared `u32` or `(u8, [bool; 4])`): no
    /// drop glue, and `Send`, so its slot needs no wrapper type to name it
    /// in a `Send` error.
    pub plain: bool,
    /// Whether its value comes from a literal (`let n = 0;`, `for i in
    /// 0..n`): a primitive (or a `&'static str`) whatever the names in
    /// scope, so `Copy`, and a use by value reads it in place.
    pub literal: bool,
}

/// A suspension point.
pub struct Point {
    pub kind: PointKind,
    /// The `suspend!()` or `.await` tokens.
    pub span: Span,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PointKind {
    /// `suspend!()`.
    Suspend,
    /// `suspend!(block)`: an [`ExprKind::Await`] node whose operand is the
    /// block (a closure evaluated before the suspension, called after the
    /// state is stored).
    SuspendBlock,
    /// `expr.await` or `r#await!(expr)`.
    Await,
    /// `suspend!(value)` in a generator: an [`ExprKind::Await`] node whose
    /// operand is the value handed out (evaluated before the suspension;
    /// it cannot suspend itself).
    Yield,
    /// `yield_from!(child)` in a generator: an [`ExprKind::Await`] of the
    /// child that also hands out its values.
    Delegate,
}

/// A block: a scope.
#[derive(Clone)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

impl Block {
    /// `{ tail }`: a block of one tail expression.
    pub fn of_tail(tail: Expr, span: Span) -> Self {
        Block {
            stmts: vec![Stmt::Expr {
                expr: tail,
                semi: false,
            }],
            span,
        }
    }
}

#[derive(Clone)]
// The IR lives for one expansion; boxing the large `Local` would only add
// noise where statements are built.
#[allow(clippy::large_enum_variant)]
pub enum Stmt {
    Let(Local),
    /// An expression statement; `semi` is false for a block's tail.
    Expr {
        expr: Expr,
        semi: bool,
    },
    /// Where an item was declared; the item itself is in [`Body::items`].
    Item,
}

#[derive(Clone)]
pub struct Local {
    pub attrs: Vec<Attribute>,
    pub pat: Pattern,
    pub init: Option<Expr>,
    pub diverge: Option<Block>,
    pub span: Span,
}

/// A pattern and the bindings it introduces, in order of introduction.
#[derive(Clone)]
pub struct Pattern {
    pub pat: Pat,
    pub bindings: Vec<BindingId>,
}

#[derive(Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
    pub attrs: Vec<Attribute>,
    /// A number unique to this node, so analyses can refer to it.
    pub id: usize,
}

/// The next [`Expr::id`].
static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[derive(Clone)]
pub enum ExprKind {
    /// A use of a local variable.
    Local(BindingId),
    /// A path that is not a local variable, a literal, or another leaf the
    /// transform never changes; printed as written.
    Atom(TokenStream),
    /// An expression the transform does not look into, with the locals it
    /// mentions; printed as written.
    Opaque(TokenStream, Vec<Mention>),
    Unary(UnOp, Box<Expr>),
    Binary(Box<Expr>, BinOp, Box<Expr>),
    Assign(Box<Expr>, Box<Expr>),
    Cast(Box<Expr>, Box<Type>),
    Ref {
        mutable: bool,
        expr: Box<Expr>,
    },
    Field(Box<Expr>, Member),
    Index(Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    MethodCall {
        receiver: Box<Expr>,
        method: Ident,
        turbofish: Option<TokenStream>,
        args: Vec<Expr>,
    },
    Tuple(Vec<Expr>),
    Array(Vec<Expr>),
    Repeat(Box<Expr>, TokenStream),
    Struct {
        path: TokenStream,
        fields: Vec<FieldValue>,
        rest: Option<Box<Expr>>,
    },
    Range {
        start: Option<Box<Expr>>,
        limits: TokenStream,
        end: Option<Box<Expr>>,
    },
    Paren(Box<Expr>),
    Block {
        label: Option<Label>,
        unsafety: bool,
        block: Block,
    },
    If {
        cond: Box<Expr>,
        then: Block,
        otherwise: Option<Box<Expr>>,
    },
    /// `let PAT = EXPR` in an `if` or `while` condition.
    Let {
        pat: Pattern,
        expr: Box<Expr>,
    },
    Match {
        scrutinee: Box<Expr>,
        arms: Vec<Arm>,
    },
    Loop {
        label: Option<Label>,
        body: Block,
    },
    While {
        label: Option<Label>,
        cond: Box<Expr>,
        body: Block,
    },
    For {
        label: Option<Label>,
        pat: Pattern,
        iter: Box<Expr>,
        body: Block,
    },
    Break {
        label: Option<Lifetime>,
        value: Option<Box<Expr>>,
    },
    Continue(Option<Lifetime>),
    Return(Option<Box<Expr>>),
    /// `expr?`.
    Try(Box<Expr>),
    /// A call of a macro the transform understands (formatting, `vec!`,
    /// assertions), with its arguments lowered.
    Macro(Box<MacroCall>),
    /// `suspend!()`.
    Suspend(PointId),
    /// `expr.await`.
    Await(PointId, Box<Expr>),
}

#[derive(Clone)]
pub struct FieldValue {
    pub attrs: Vec<Attribute>,
    pub member: Member,
    pub expr: Expr,
}

#[derive(Clone)]
pub struct Arm {
    pub attrs: Vec<Attribute>,
    pub pat: Pattern,
    pub guard: Option<Box<Expr>>,
    pub body: Box<Expr>,
}

/// A macro call with lowered arguments.
#[derive(Clone)]
pub struct MacroCall {
    pub kind: crate::known::MacroKind,
    /// The path and `!`.
    pub path: TokenStream,
    pub delimiter: proc_macro2::Delimiter,
    /// The user's delimiters' span: the invocation's span, and so the
    /// location a `panic!` reports, ends there.
    pub delim_span: proc_macro2::Span,
    pub args: Vec<MacroArg>,
    /// The separator before each argument after the first (`,` or `;`).
    pub separators: Vec<TokenStream>,
    /// Locals named inside the format string (`{x}`).
    pub implicit: Vec<Mention>,
}

#[derive(Clone)]
pub enum MacroArg {
    Expr(Expr),
    /// `name = expr`.
    Named(Ident, Expr),
    /// Printed as written (a format string, a pattern).
    Raw(TokenStream),
}

/// A local variable named inside something the transform keeps as written.
#[derive(Clone, Copy, Debug)]
pub struct Mention {
    pub binding: BindingId,
    pub moves: bool,
}

impl Block {
    /// Whether a suspension point is inside.
    pub fn contains_point(&self) -> bool {
        self.stmts.iter().any(Stmt::contains_point)
    }
}

impl Stmt {
    /// The expressions directly in the statement: a `let`'s initializer and
    /// its `else` block's, or the expression.
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            Stmt::Let(local) => {
                let mut out: Vec<&Expr> = local.init.iter().collect();
                if let Some(d) = &local.diverge {
                    out.extend(d.stmts.iter().flat_map(Stmt::exprs));
                }
                out
            }
            Stmt::Expr { expr, .. } => vec![expr],
            Stmt::Item => Vec::new(),
        }
    }

    /// Whether a suspension point is inside.
    pub fn contains_point(&self) -> bool {
        self.exprs().into_iter().any(Expr::contains_point)
    }
}

impl Expr {
    /// Whether a suspension point is inside (or is this expression).
    pub fn contains_point(&self) -> bool {
        self.any(&|e| matches!(e.kind, ExprKind::Suspend(_) | ExprKind::Await(..)))
    }

    /// Whether `p` holds for this expression or one inside it.
    pub fn any(&self, p: &dyn Fn(&Expr) -> bool) -> bool {
        p(self) || self.nested().into_iter().any(|e| e.any(p))
    }

    /// Calls `f` on this expression and every expression inside it, blocks,
    /// branches, arms and loops included, in source order: the walker every
    /// pass uses (with [`Expr::children`] for an operation's operands).
    pub fn visit(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        for e in self.nested() {
            e.visit(f);
        }
    }

    /// The expressions directly inside this one: an operation's operands
    /// ([`Expr::children`]), or the condition, scrutinee, guards and the
    /// statements' expressions of a block, branch, arm or loop.
    pub fn nested(&self) -> Vec<&Expr> {
        fn block(b: &Block) -> Vec<&Expr> {
            b.stmts.iter().flat_map(Stmt::exprs).collect()
        }
        match &self.kind {
            ExprKind::Block { block: b, .. } | ExprKind::Loop { body: b, .. } => block(b),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let mut out = vec![&**cond];
                out.extend(block(then));
                out.extend(otherwise.as_deref());
                out
            }
            ExprKind::Match { scrutinee, arms } => {
                let mut out = vec![&**scrutinee];
                for arm in arms {
                    out.extend(arm.guard.as_deref());
                    out.push(&arm.body);
                }
                out
            }
            ExprKind::While {
                cond: head, body, ..
            }
            | ExprKind::For {
                iter: head, body, ..
            } => {
                let mut out = vec![&**head];
                out.extend(block(body));
                out
            }
            _ => self.children(),
        }
    }

    /// `{ block }`, a plain block expression.
    pub fn block(block: Block) -> Self {
        let span = block.span;
        Expr::new(
            ExprKind::Block {
                label: None,
                unsafety: false,
                block,
            },
            span,
        )
    }

    pub fn new(kind: ExprKind, span: Span) -> Self {
        Expr {
            kind,
            span,
            attrs: Vec::new(),
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Calls `f` on each direct subexpression, in evaluation order.
    pub fn children(&self) -> Vec<&Expr> {
        let mut out: Vec<&Expr> = Vec::new();
        match &self.kind {
            ExprKind::Local(_)
            | ExprKind::Atom(_)
            | ExprKind::Opaque(..)
            | ExprKind::Suspend(_)
            | ExprKind::Continue(_) => {}
            ExprKind::Unary(_, e)
            | ExprKind::Cast(e, _)
            | ExprKind::Ref { expr: e, .. }
            | ExprKind::Field(e, _)
            | ExprKind::Paren(e)
            | ExprKind::Try(e)
            | ExprKind::Await(_, e)
            | ExprKind::Repeat(e, _)
            | ExprKind::Let { expr: e, .. } => out.push(e),
            ExprKind::Binary(a, _, b) | ExprKind::Index(a, b) => {
                out.push(a);
                out.push(b);
            }
            // The assigned value is evaluated before the place.
            ExprKind::Assign(place, value) => {
                out.push(value);
                out.push(place);
            }
            ExprKind::Call(f, args) => {
                out.push(f);
                out.extend(args);
            }
            ExprKind::MethodCall { receiver, args, .. } => {
                out.push(receiver);
                out.extend(args);
            }
            ExprKind::Tuple(es) | ExprKind::Array(es) => out.extend(es),
            ExprKind::Struct { fields, rest, .. } => {
                out.extend(fields.iter().map(|f| &f.expr));
                out.extend(rest.as_deref());
            }
            ExprKind::Range { start, end, .. } => {
                out.extend(start.as_deref());
                out.extend(end.as_deref());
            }
            ExprKind::Break { value, .. } => out.extend(value.as_deref()),
            ExprKind::Return(value) => out.extend(value.as_deref()),
            ExprKind::Macro(m) => {
                for arg in &m.args {
                    match arg {
                        MacroArg::Expr(e) | MacroArg::Named(_, e) => out.push(e),
                        MacroArg::Raw(_) => {}
                    }
                }
            }
            ExprKind::Block { .. }
            | ExprKind::If { .. }
            | ExprKind::Match { .. }
            | ExprKind::Loop { .. }
            | ExprKind::While { .. }
            | ExprKind::For { .. } => {}
        }
        out
    }
}
