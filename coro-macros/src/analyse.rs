//! Phase 4: decide what the frame keeps at each suspension point.
//!
//! The macro cannot see types, moves or borrows; it sees syntax. It builds a
//! control-flow graph of the normalized body whose events are the uses of
//! each local, and runs two data-flow analyses over it:
//!
//! - forward, whether each local may be initialized and may have been moved
//!   at each point (a syntactic approximation of rustc's drop flags: a local
//!   named as a value is moved; one used as a place, borrowed, or known to be
//!   a reference or a primitive is not; a method call moves its receiver when
//!   the method's name says so, `into_*`, `unwrap`, ...);
//! - backward, whether each local is read after each point.
//!
//! A local in scope at a point is then
//! - **saved** in the frame if it is read after the point (valid Rust
//!   guarantees it is initialized there), or if it is certainly still
//!   initialized (it must be dropped later, in rustc's order);
//! - **re-derived** after the point if it is a borrow of a local place or a
//!   non-`move` closure (`let r = &v;`): the frame never holds a reference
//!   to itself;
//! - otherwise **not saved**: it was moved (or, when moved on some paths
//!   only and never read again, rustc drops it at the point instead of at
//!   the end of its scope; see docs/how-it-works.md). If it is assigned
//!   again later it is declared, uninitialized, after the point.
//!
//! The order of the saved values is the order rustc drops them when a
//! suspended `async fn` is dropped at that point: innermost scope first, and
//! in reverse order of declaration within a scope.

use std::collections::BTreeSet;

use crate::ir::*;
use crate::spill::{Ctx, macro_arg_ctx};

/// What happens to the locals at each suspension point.
pub struct Analysis {
    pub points: Vec<PointPlan>,
    /// For each point, the bindings in scope there, in drop order.
    pub in_scope: Vec<Vec<BindingId>>,
    /// Locals that need a drop flag (see `flags.rs`).
    pub flags: Vec<Flag>,
}

/// A local moved on some paths only, alive (not moved) at a later
/// suspension point on others, and not read after it: the branches that did
/// not move it must move it into a flag, so the frame keeps it only if it is
/// still there.
#[derive(Debug, Clone)]
pub struct Flag {
    pub binding: BindingId,
    /// The branches (of the `if` or `match` with this expression id) at the
    /// end of which the local is still initialized.
    pub branches: Vec<(usize, Branch)>,
}

/// A branch of an `if` or a `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Branch {
    Then,
    Else,
    Arm(usize),
}

/// Where the branches of an `if` or `match` join.
struct Merge {
    expr: usize,
    /// The node where each branch ends.
    ends: Vec<(usize, Branch)>,
    /// The bindings in scope before the construct.
    outside: Vec<BindingId>,
}

/// The plan for one suspension point.
#[derive(Debug, Default, Clone)]
pub struct PointPlan {
    /// The saved locals, in drop order; the frame stores them as a tuple in
    /// this order.
    pub saved: Vec<BindingId>,
    /// Locals re-created from their initializer after the point.
    pub rederived: Vec<BindingId>,
    /// Locals not saved but assigned after the point: declared without a
    /// value.
    pub placeholders: Vec<BindingId>,
}

impl PointPlan {
    /// Whether the continuation declares `binding`.
    pub fn declares(&self, binding: BindingId) -> bool {
        self.saved.contains(&binding)
            || self.rederived.contains(&binding)
            || self.placeholders.contains(&binding)
    }
}

pub fn analyse(body: &Body) -> Analysis {
    let mut b = Builder {
        body,
        nodes: vec![Node::default()],
        cur: 0,
        targets: Vec::new(),
        exit: 0,
        scopes: Vec::new(),
        in_scope: vec![Vec::new(); body.points.len()],
        merges: Vec::new(),
    };
    b.exit = b.new_node();
    b.block(&body.block);
    b.edge(b.cur, b.exit);
    let cfg = Cfg { nodes: b.nodes };
    let in_scope = b.in_scope;
    let merges = b.merges;

    let (init, exits) = cfg.init_states(body.bindings.len(), body.points.len());
    let (live, mentioned) = cfg.liveness(body.bindings.len(), body.points.len());

    let points = (0..body.points.len())
        .map(|k| {
            let mut plan = PointPlan::default();
            for &binding in in_scope[k].iter() {
                let live = live[k].contains(&binding);
                if body.bindings[binding].rederive.is_some() {
                    if live {
                        plan.rederived.push(binding);
                    }
                    continue;
                }
                let state = init[k][binding];
                // A dead value is kept only to be dropped in order; a
                // primitive or a reference has nothing to drop.
                let needs_drop = body.bindings[binding].known != Known::Copy;
                if live || (state == INIT && needs_drop) {
                    plan.saved.push(binding);
                } else if mentioned[k].contains(&binding) {
                    plan.placeholders.push(binding);
                }
            }
            plan
        })
        .collect();

    // Which locals need a flag: maybe moved at a point, not read after it.
    let mut needs_flag = vec![false; body.bindings.len()];
    for k in 0..body.points.len() {
        for &b in &in_scope[k] {
            if init[k][b] == INIT | UNINIT
                && !live[k].contains(&b)
                && body.bindings[b].rederive.is_none()
            {
                needs_flag[b] = true;
            }
        }
    }
    let mut flags: Vec<Flag> = Vec::new();
    for merge in &merges {
        for &b in &merge.outside {
            if !needs_flag[b] {
                continue;
            }
            let states: Vec<u8> = merge
                .ends
                .iter()
                .map(|(node, _)| exits[*node].as_ref().map_or(0, |s| s[b]))
                .collect();
            let joined = states.iter().fold(0, |a, s| a | s);
            // Every branch definite (or not reaching the end), and they
            // disagree.
            if joined != INIT | UNINIT || states.contains(&(INIT | UNINIT)) {
                continue;
            }
            let branches: Vec<(usize, Branch)> = merge
                .ends
                .iter()
                .zip(&states)
                .filter(|(_, s)| **s == INIT)
                .map(|((_, branch), _)| (merge.expr, *branch))
                .collect();
            match flags.iter_mut().find(|f| f.binding == b) {
                Some(flag) => flag.branches.extend(branches),
                None => flags.push(Flag {
                    binding: b,
                    branches,
                }),
            }
        }
    }
    Analysis {
        points,
        in_scope,
        flags,
    }
}

#[derive(Clone, Copy, Debug)]
enum Event {
    /// Declared with a value.
    Init(BindingId),
    /// Declared without a value.
    Uninit(BindingId),
    Read(BindingId),
    Move(BindingId),
    Assign(BindingId),
    Point(PointId),
}

#[derive(Default)]
struct Node {
    events: Vec<Event>,
    succs: Vec<usize>,
}

struct Cfg {
    nodes: Vec<Node>,
}

/// Init-state bits.
const INIT: u8 = 1;
const UNINIT: u8 = 2;

impl Cfg {
    fn preds(&self) -> Vec<Vec<usize>> {
        let mut preds = vec![Vec::new(); self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            for &s in &node.succs {
                preds[s].push(i);
            }
        }
        preds
    }

    /// For every point, whether each binding may be initialized (`INIT`)
    /// and may be uninitialized or moved (`UNINIT`) there.
    fn init_states(&self, bindings: usize, points: usize) -> (Vec<Vec<u8>>, Vec<Option<Vec<u8>>>) {
        let preds = self.preds();
        let n = self.nodes.len();
        let mut entry: Vec<Option<Vec<u8>>> = vec![None; n];
        entry[0] = Some(vec![UNINIT; bindings]);
        let mut exit: Vec<Option<Vec<u8>>> = vec![None; n];
        let mut at_point = vec![vec![0u8; bindings]; points];
        let mut work: Vec<usize> = (0..n).collect();
        while let Some(i) = work.pop() {
            let mut state = if i == 0 {
                entry[0].clone().unwrap()
            } else {
                let mut joined: Option<Vec<u8>> = None;
                for &p in &preds[i] {
                    if let Some(out) = &exit[p] {
                        match &mut joined {
                            None => joined = Some(out.clone()),
                            Some(j) => j.iter_mut().zip(out).for_each(|(a, b)| *a |= b),
                        }
                    }
                }
                match joined {
                    Some(j) => j,
                    // Not reached (yet, or ever): bottom, no state at all.
                    None => vec![0; bindings],
                }
            };
            for event in &self.nodes[i].events {
                match *event {
                    Event::Init(b) | Event::Assign(b) => state[b] = INIT,
                    Event::Uninit(b) | Event::Move(b) => state[b] = UNINIT,
                    Event::Read(_) => {}
                    Event::Point(k) => at_point[k] = state.clone(),
                }
            }
            if exit[i].as_ref() != Some(&state) {
                exit[i] = Some(state);
                for &s in &self.nodes[i].succs {
                    if !work.contains(&s) {
                        work.push(s);
                    }
                }
            }
        }
        (at_point, exit)
    }

    /// For every point, the bindings read after it (`live`) and the bindings
    /// named after it at all (`mentioned`, which includes assignments).
    fn liveness(
        &self,
        bindings: usize,
        points: usize,
    ) -> (Vec<BTreeSet<BindingId>>, Vec<BTreeSet<BindingId>>) {
        let n = self.nodes.len();
        let _ = bindings;
        let mut live_in: Vec<BTreeSet<BindingId>> = vec![BTreeSet::new(); n];
        let mut mention_in: Vec<BTreeSet<BindingId>> = vec![BTreeSet::new(); n];
        let mut live_at = vec![BTreeSet::new(); points];
        let mut mention_at = vec![BTreeSet::new(); points];
        let mut changed = true;
        while changed {
            changed = false;
            for i in (0..n).rev() {
                let mut live: BTreeSet<BindingId> = BTreeSet::new();
                let mut mention: BTreeSet<BindingId> = BTreeSet::new();
                for &s in &self.nodes[i].succs {
                    live.extend(&live_in[s]);
                    mention.extend(&mention_in[s]);
                }
                for event in self.nodes[i].events.iter().rev() {
                    match *event {
                        Event::Read(b) | Event::Move(b) => {
                            live.insert(b);
                            mention.insert(b);
                        }
                        Event::Assign(b) => {
                            live.remove(&b);
                            mention.insert(b);
                        }
                        Event::Init(b) | Event::Uninit(b) => {
                            live.remove(&b);
                            mention.remove(&b);
                        }
                        Event::Point(k) => {
                            live_at[k] = live.clone();
                            mention_at[k] = mention.clone();
                        }
                    }
                }
                if live != live_in[i] || mention != mention_in[i] {
                    live_in[i] = live;
                    mention_in[i] = mention;
                    changed = true;
                }
            }
        }
        (live_at, mention_at)
    }
}

/// A loop or labeled block that `break`/`continue` may target.
struct Target {
    label: Option<String>,
    is_loop: bool,
    head: usize,
    exit: usize,
}

struct Builder<'a> {
    body: &'a Body,
    nodes: Vec<Node>,
    cur: usize,
    targets: Vec<Target>,
    exit: usize,
    /// Bindings in scope, by scope, in declaration order.
    scopes: Vec<Vec<BindingId>>,
    /// For each point, the bindings in scope there, in drop order.
    in_scope: Vec<Vec<BindingId>>,
    merges: Vec<Merge>,
}

impl Builder<'_> {
    fn visible(&self) -> Vec<BindingId> {
        self.scopes.iter().flatten().copied().collect()
    }

    fn new_node(&mut self) -> usize {
        self.nodes.push(Node::default());
        self.nodes.len() - 1
    }

    fn edge(&mut self, from: usize, to: usize) {
        if !self.nodes[from].succs.contains(&to) {
            self.nodes[from].succs.push(to);
        }
    }

    fn emit(&mut self, event: Event) {
        let cur = self.cur;
        self.nodes[cur].events.push(event);
    }

    /// Continues in a fresh node reached from the current one.
    fn step(&mut self) -> usize {
        let next = self.new_node();
        self.edge(self.cur, next);
        self.cur = next;
        next
    }

    /// Jumps to `to`; what follows is unreachable.
    fn goto(&mut self, to: usize) {
        self.edge(self.cur, to);
        self.cur = self.new_node();
    }

    fn declare(&mut self, bindings: &[BindingId], init: bool) {
        for &b in bindings {
            self.emit(if init {
                Event::Init(b)
            } else {
                Event::Uninit(b)
            });
            self.scopes.last_mut().unwrap().push(b);
        }
    }

    fn block(&mut self, block: &Block) {
        self.scopes.push(Vec::new());
        for stmt in &block.stmts {
            self.stmt(stmt);
        }
        self.scopes.pop();
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Let(local) => match &local.init {
                Some(init) => {
                    let ctx = if binds_by_value(&local.pat.pat) {
                        Ctx::Value
                    } else {
                        Ctx::Place
                    };
                    self.expr(init, ctx);
                    if let Some(diverge) = &local.diverge {
                        let split = self.cur;
                        let otherwise = self.new_node();
                        self.edge(split, otherwise);
                        self.cur = otherwise;
                        self.block(diverge);
                        self.cur = split;
                        self.step();
                    }
                    self.declare(&local.pat.bindings, true);
                }
                None => self.declare(&local.pat.bindings, false),
            },
            Stmt::Expr { expr, .. } => self.expr(expr, Ctx::Value),
            Stmt::Item(_) => {}
        }
    }

    fn use_local(&mut self, id: BindingId, ctx: Ctx) {
        let binding = &self.body.bindings[id];
        if let Some(rederive) = &binding.rederive {
            self.emit(Event::Read(id));
            // What it is re-derived from must be kept, and so on: a
            // closure may call another re-derived closure.
            for dep in locals_in(rederive) {
                if dep != id {
                    self.use_local(dep, Ctx::Place);
                }
            }
            return;
        }
        if ctx == Ctx::Value && binding.known != Known::Copy {
            self.emit(Event::Move(id));
        } else {
            self.emit(Event::Read(id));
        }
    }

    fn expr(&mut self, e: &Expr, ctx: Ctx) {
        match &e.kind {
            ExprKind::Local(id) => self.use_local(*id, ctx),
            ExprKind::Atom(_) => {}
            ExprKind::Opaque(_, mentions) => {
                for m in mentions {
                    self.use_local(m.binding, if m.moves { Ctx::Value } else { Ctx::Place });
                }
            }
            ExprKind::Unary(op, x) => {
                // `*b` as a value moves out of `b` (a `Box`); as a place it
                // reads through it.
                let ctx = if matches!(op, syn::UnOp::Deref(_)) {
                    ctx
                } else {
                    Ctx::Value
                };
                self.expr(x, ctx);
            }
            ExprKind::Binary(l, op @ (syn::BinOp::And(_) | syn::BinOp::Or(_)), r) => {
                let outside = self.visible();
                self.expr(l, Ctx::Value);
                let split = self.cur;
                self.step();
                self.expr(r, Ctx::Value);
                let end_r = self.cur;
                let join = self.new_node();
                self.edge(split, join);
                self.edge(end_r, join);
                // As `if l { r } else { false }` (`&&`) or
                // `if l { true } else { r }` (`||`): see `flags.rs`.
                let ends = if matches!(op, syn::BinOp::And(_)) {
                    vec![(end_r, Branch::Then), (split, Branch::Else)]
                } else {
                    vec![(split, Branch::Then), (end_r, Branch::Else)]
                };
                self.merges.push(Merge {
                    expr: e.id,
                    ends,
                    outside,
                });
                self.cur = join;
            }
            ExprKind::Binary(l, op, r) => {
                let (lc, rc) = match op {
                    syn::BinOp::Eq(_)
                    | syn::BinOp::Ne(_)
                    | syn::BinOp::Lt(_)
                    | syn::BinOp::Le(_)
                    | syn::BinOp::Gt(_)
                    | syn::BinOp::Ge(_) => (Ctx::Place, Ctx::Place),
                    syn::BinOp::AddAssign(_)
                    | syn::BinOp::SubAssign(_)
                    | syn::BinOp::MulAssign(_)
                    | syn::BinOp::DivAssign(_)
                    | syn::BinOp::RemAssign(_)
                    | syn::BinOp::BitXorAssign(_)
                    | syn::BinOp::BitAndAssign(_)
                    | syn::BinOp::BitOrAssign(_)
                    | syn::BinOp::ShlAssign(_)
                    | syn::BinOp::ShrAssign(_) => {
                        // The right side is evaluated first (as for
                        // primitives), then the place.
                        self.expr(r, Ctx::Value);
                        self.expr(l, Ctx::Place);
                        return;
                    }
                    _ => (Ctx::Value, Ctx::Value),
                };
                self.expr(l, lc);
                self.expr(r, rc);
            }
            ExprKind::Assign(place, value) => {
                self.expr(value, Ctx::Value);
                match &place.kind {
                    ExprKind::Local(id) => self.emit(Event::Assign(*id)),
                    _ => self.expr(place, Ctx::Place),
                }
            }
            ExprKind::Cast(x, _) | ExprKind::Repeat(x, _) => self.expr(x, Ctx::Value),
            ExprKind::Ref { expr, .. } => self.expr(expr, Ctx::Place),
            ExprKind::Field(base, _) => self.expr(base, ctx),
            ExprKind::Index(base, index) => {
                self.expr(base, Ctx::Place);
                self.expr(index, Ctx::Value);
            }
            ExprKind::Call(func, args) => {
                self.expr(func, Ctx::Place);
                for a in args {
                    self.expr(a, Ctx::Value);
                }
            }
            ExprKind::MethodCall {
                receiver,
                method,
                args,
                ..
            } => {
                let rc = if consumes(&method.to_string(), args.len()) {
                    Ctx::Value
                } else {
                    Ctx::Place
                };
                self.expr(receiver, rc);
                for a in args {
                    self.expr(a, Ctx::Value);
                }
            }
            ExprKind::Tuple(es) | ExprKind::Array(es) => {
                for x in es {
                    self.expr(x, Ctx::Value);
                }
            }
            ExprKind::Struct { fields, rest, .. } => {
                for f in fields {
                    self.expr(&f.expr, Ctx::Value);
                }
                if let Some(rest) = rest {
                    self.expr(rest, Ctx::Value);
                }
            }
            ExprKind::Range { start, end, .. } => {
                for x in start.iter().chain(end.iter()) {
                    self.expr(x, Ctx::Value);
                }
            }
            ExprKind::Paren(x) => self.expr(x, ctx),
            ExprKind::Block { label, block, .. } => {
                let exit = self.new_node();
                if let Some(label) = label {
                    self.targets.push(Target {
                        label: Some(label.name.ident.to_string()),
                        is_loop: false,
                        head: exit,
                        exit,
                    });
                }
                self.block(block);
                if label.is_some() {
                    self.targets.pop();
                }
                self.edge(self.cur, exit);
                self.cur = exit;
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let outside = self.visible();
                self.scopes.push(Vec::new());
                let (yes, no) = self.cond(cond);
                self.cur = yes;
                self.block(then);
                let end_then = self.cur;
                self.scopes.pop();
                self.cur = no;
                if let Some(otherwise) = otherwise {
                    self.expr(otherwise, Ctx::Value);
                }
                let end_else = self.cur;
                let join = self.new_node();
                self.edge(end_then, join);
                self.edge(end_else, join);
                self.merges.push(Merge {
                    expr: e.id,
                    ends: vec![(end_then, Branch::Then), (end_else, Branch::Else)],
                    outside,
                });
                self.cur = join;
            }
            ExprKind::Let { .. } => {
                let (yes, no) = self.cond(e);
                let join = self.new_node();
                self.edge(yes, join);
                self.edge(no, join);
                self.cur = join;
            }
            ExprKind::Match { scrutinee, arms } => {
                let by_value = arms.iter().any(|arm| binds_by_value(&arm.pat.pat));
                self.expr(
                    scrutinee,
                    if by_value && crate::spill::is_place(scrutinee) {
                        Ctx::Value
                    } else {
                        Ctx::Place
                    },
                );
                let outside = self.visible();
                let split = self.cur;
                let join = self.new_node();
                let mut ends = Vec::new();
                for (index, arm) in arms.iter().enumerate() {
                    self.cur = split;
                    self.step();
                    self.scopes.push(Vec::new());
                    self.declare(&arm.pat.bindings, true);
                    if let Some(guard) = &arm.guard {
                        self.expr(guard, Ctx::Value);
                    }
                    self.expr(&arm.body, Ctx::Value);
                    self.scopes.pop();
                    ends.push((self.cur, Branch::Arm(index)));
                    self.edge(self.cur, join);
                }
                self.merges.push(Merge {
                    expr: e.id,
                    ends,
                    outside,
                });
                self.cur = join;
            }
            ExprKind::Loop { label, body } => {
                let head = self.step();
                let exit = self.new_node();
                self.targets.push(Target {
                    label: label.as_ref().map(|l| l.name.ident.to_string()),
                    is_loop: true,
                    head,
                    exit,
                });
                self.block(body);
                self.edge(self.cur, head);
                self.targets.pop();
                self.cur = exit;
            }
            ExprKind::While { label, cond, body } => {
                let head = self.step();
                let exit = self.new_node();
                self.scopes.push(Vec::new());
                let (yes, no) = self.cond(cond);
                self.edge(no, exit);
                self.cur = yes;
                self.targets.push(Target {
                    label: label.as_ref().map(|l| l.name.ident.to_string()),
                    is_loop: true,
                    head,
                    exit,
                });
                self.block(body);
                self.edge(self.cur, head);
                self.targets.pop();
                self.scopes.pop();
                self.cur = exit;
            }
            ExprKind::For {
                label,
                pat,
                iter,
                body,
            } => {
                self.expr(iter, Ctx::Value);
                let head = self.step();
                let exit = self.new_node();
                self.edge(head, exit);
                self.step();
                self.scopes.push(Vec::new());
                self.declare(&pat.bindings, true);
                self.targets.push(Target {
                    label: label.as_ref().map(|l| l.name.ident.to_string()),
                    is_loop: true,
                    head,
                    exit,
                });
                self.block(body);
                self.edge(self.cur, head);
                self.targets.pop();
                self.scopes.pop();
                self.cur = exit;
            }
            ExprKind::Break { label, value } => {
                if let Some(value) = value {
                    self.expr(value, Ctx::Value);
                }
                let name = label.as_ref().map(|l| l.ident.to_string());
                let target = self
                    .targets
                    .iter()
                    .rev()
                    .find(|t| match &name {
                        Some(name) => t.label.as_ref() == Some(name),
                        None => t.is_loop,
                    })
                    .map(|t| t.exit);
                match target {
                    Some(exit) => self.goto(exit),
                    None => self.goto(self.exit),
                }
            }
            ExprKind::Continue(label) => {
                let name = label.as_ref().map(|l| l.ident.to_string());
                let target = self
                    .targets
                    .iter()
                    .rev()
                    .find(|t| {
                        t.is_loop
                            && match &name {
                                Some(name) => t.label.as_ref() == Some(name),
                                None => true,
                            }
                    })
                    .map(|t| t.head);
                match target {
                    Some(head) => self.goto(head),
                    None => self.goto(self.exit),
                }
            }
            ExprKind::Return(value) => {
                if let Some(value) = value {
                    self.expr(value, Ctx::Value);
                }
                self.goto(self.exit);
            }
            ExprKind::Try(x) => {
                self.expr(x, Ctx::Value);
                let exit = self.exit;
                self.edge(self.cur, exit);
                self.step();
            }
            ExprKind::Macro(m) => {
                for (i, arg) in m.args.iter().enumerate() {
                    if let MacroArg::Expr(x) | MacroArg::Named(_, x) = arg {
                        self.expr(x, macro_arg_ctx(m.kind, i));
                    }
                }
                for mention in &m.implicit {
                    self.use_local(mention.binding, Ctx::Place);
                }
            }
            ExprKind::Suspend(k) => self.point(*k),
            ExprKind::Await(k, operand) => {
                self.expr(operand, Ctx::Value);
                self.point(*k);
            }
        }
    }

    /// A condition: returns the nodes where it is true and where it is
    /// false. `let` patterns bind on the true side only.
    fn cond(&mut self, e: &Expr) -> (usize, usize) {
        match &e.kind {
            ExprKind::Binary(l, syn::BinOp::And(_), r) if has_let(e) => {
                let (lt, lf) = self.cond(l);
                self.cur = lt;
                let (rt, rf) = self.cond(r);
                let no = self.new_node();
                self.edge(lf, no);
                self.edge(rf, no);
                (rt, no)
            }
            ExprKind::Binary(l, syn::BinOp::Or(_), r) if has_let(e) => {
                let (lt, lf) = self.cond(l);
                self.cur = lf;
                let (rt, rf) = self.cond(r);
                let yes = self.new_node();
                self.edge(lt, yes);
                self.edge(rt, yes);
                (yes, rf)
            }
            ExprKind::Paren(inner) if has_let(inner) => self.cond(inner),
            ExprKind::Let { pat, expr } => {
                let ctx = if binds_by_value(&pat.pat) && crate::spill::is_place(expr) {
                    Ctx::Value
                } else {
                    Ctx::Place
                };
                self.expr(expr, ctx);
                let split = self.cur;
                let no = self.new_node();
                self.edge(split, no);
                self.step();
                self.declare(&pat.bindings, true);
                (self.cur, no)
            }
            _ => {
                self.expr(e, Ctx::Value);
                let split = self.cur;
                let no = self.new_node();
                self.edge(split, no);
                let yes = self.step();
                (yes, no)
            }
        }
    }

    fn point(&mut self, k: PointId) {
        self.emit(Event::Point(k));
        let mut order = Vec::new();
        for scope in self.scopes.iter().rev() {
            order.extend(scope.iter().rev().copied());
        }
        self.in_scope[k] = order;
    }
}

/// The locals an expression uses (for a re-derived binding, what it is
/// re-derived from).
fn locals_in(e: &Expr) -> Vec<BindingId> {
    let mut out = Vec::new();
    each_local(e, &mut |b| out.push(b));
    out
}

fn has_let(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Let { .. } => true,
        ExprKind::Binary(l, syn::BinOp::And(_) | syn::BinOp::Or(_), r) => has_let(l) || has_let(r),
        ExprKind::Paren(inner) => has_let(inner),
        _ => false,
    }
}

/// Whether a pattern binds something by value (so matching a place against
/// it may move out of the place).
fn binds_by_value(pat: &syn::Pat) -> bool {
    let mut bindings = Vec::new();
    crate::lower::pattern_bindings(pat, &mut bindings);
    bindings.iter().any(|(_, _, by_ref)| !by_ref)
}

/// Whether a method with this name and number of arguments is taken to
/// consume its receiver (the heuristic the macro uses in place of types).
pub fn consumes(method: &str, args: usize) -> bool {
    if method.starts_with("into_") || method == "into" {
        return true;
    }
    match method {
        "take" => args >= 1,
        "unwrap" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default" | "unwrap_unchecked"
        | "unwrap_err" | "expect" | "expect_err" | "ok" | "err" | "map" | "map_err" | "map_or"
        | "map_or_else" | "and_then" | "or_else" | "ok_or" | "ok_or_else" | "flatten"
        | "is_some_and" | "is_none_or" | "is_ok_and" | "is_err_and" | "zip" | "unzip" | "xor"
        | "and" | "or" | "filter" | "collect" | "sum" | "product" | "count" | "fold"
        | "for_each" | "try_fold" | "try_for_each" | "max" | "min" | "max_by" | "min_by"
        | "max_by_key" | "min_by_key" | "rev" | "skip" | "skip_while" | "step_by"
        | "take_while" | "chain" | "cycle" | "enumerate" | "peekable" | "fuse" | "inspect"
        | "filter_map" | "flat_map" | "map_while" | "scan" | "partition" | "reduce" | "copied"
        | "cloned" | "finish" | "build" | "boxed" | "leak" => true,
        _ => false,
    }
}
