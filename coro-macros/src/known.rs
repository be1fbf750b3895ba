//! Macros the transform recognises: `suspend!` and `r#await!`, and the
//! standard macros whose arguments it looks into (so that a suspension point
//! may appear in them and the locals they name are known): the formatting
//! family, the assertions, `vec!` and `matches!`.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, Macro, Path, Token};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MacroKind {
    /// `suspend!()`.
    Suspend,
    /// `r#await!(expr)`.
    Await,
    /// `yield_from!(expr)`: a generator hands out every value of another.
    YieldFrom,
    /// A formatting macro; the format string is argument `fmt`. `assert`
    /// says the first argument is a condition (a value), not a place;
    /// `panics` that the macro never returns (`panic!`, `todo!`, ...).
    Format {
        fmt: usize,
        assert: bool,
        panics: bool,
    },
    /// `vec![..]` or `dbg!(..)`: arguments taken by value.
    Vec,
    /// `matches!(expr, pattern)`.
    Matches,
    /// `select! { pat = op => body, .., default => body }`: rewritten by the
    /// transform into an await of the runtime's `select`.
    Select,
    /// `join!(a, b, ..)`: rewritten by the transform into an await of the
    /// runtime's `join`.
    Join,
    /// Anything else: kept as written.
    Unknown,
}

impl MacroKind {
    /// Whether the macro suspends the coroutine where it is written.
    pub fn suspends(self) -> bool {
        matches!(
            self,
            MacroKind::Suspend
                | MacroKind::Await
                | MacroKind::YieldFrom
                | MacroKind::Select
                | MacroKind::Join
        )
    }
}

/// Classifies a macro by the last segment of its path.
pub fn classify(path: &Path) -> MacroKind {
    let Some(last) = path.segments.last() else {
        return MacroKind::Unknown;
    };
    let name = last.ident.to_string();
    match name.as_str() {
        "suspend" => MacroKind::Suspend,
        "r#await" => MacroKind::Await,
        "yield_from" => MacroKind::YieldFrom,
        "select" => MacroKind::Select,
        "join" => MacroKind::Join,
        "println" | "print" | "eprintln" | "eprint" | "format" | "format_args" => {
            MacroKind::Format {
                fmt: 0,
                assert: false,
                panics: false,
            }
        }
        "panic" | "unreachable" | "todo" | "unimplemented" => MacroKind::Format {
            fmt: 0,
            assert: false,
            panics: true,
        },
        "write" | "writeln" => MacroKind::Format {
            fmt: 1,
            assert: false,
            panics: false,
        },
        "assert" | "debug_assert" => MacroKind::Format {
            fmt: 1,
            assert: true,
            panics: false,
        },
        "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => MacroKind::Format {
            fmt: 2,
            assert: false,
            panics: false,
        },
        // `dbg!` moves its arguments and gives them back, like `vec!` takes
        // them.
        "vec" | "dbg" => MacroKind::Vec,
        "matches" => MacroKind::Matches,
        _ => MacroKind::Unknown,
    }
}

/// One argument of a known macro, as parsed.
pub enum Arg {
    Expr(Expr),
    Named(Ident, Expr),
    Raw(TokenStream),
}

/// The parsed arguments of a known macro.
pub struct Args {
    pub kind: MacroKind,
    pub args: Vec<Arg>,
    /// The separator before each argument after the first.
    pub separators: Vec<TokenStream>,
}

impl Args {
    /// The expressions among the arguments.
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        self.args.iter().filter_map(|a| match a {
            Arg::Expr(e) | Arg::Named(_, e) => Some(e),
            Arg::Raw(_) => None,
        })
    }

    /// The format string, if this is a formatting macro called with a
    /// literal one.
    pub fn format_string(&self) -> Option<String> {
        let MacroKind::Format { fmt, .. } = self.kind else {
            return None;
        };
        match self.args.get(fmt)? {
            Arg::Expr(Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            })) => Some(s.value()),
            _ => None,
        }
    }

    /// Names given as `name = value` arguments.
    pub fn named(&self) -> Vec<String> {
        self.args
            .iter()
            .filter_map(|a| match a {
                Arg::Named(name, _) => Some(name.to_string()),
                _ => None,
            })
            .collect()
    }

    /// Locals named inside the format string (`{x}`, `{:w$}`), which are not
    /// given as named arguments.
    pub fn implicit_captures(&self) -> Vec<String> {
        let Some(fmt) = self.format_string() else {
            return Vec::new();
        };
        let named = self.named();
        let mut out = Vec::new();
        for name in format_names(&fmt) {
            if !named.contains(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }
}

/// Parses the arguments of a known macro; `None` if the macro is not known
/// or its arguments do not parse as expected (then it is kept as written).
pub fn parse_args(mac: &Macro) -> Option<Args> {
    let kind = classify(&mac.path);
    let parser = |input: ParseStream| -> syn::Result<Args> {
        let mut args = Vec::new();
        let mut separators = Vec::new();
        match kind {
            MacroKind::Format { .. } | MacroKind::Vec => {
                while !input.is_empty() {
                    if !args.is_empty() {
                        if kind == MacroKind::Vec && input.peek(Token![;]) && args.len() == 1 {
                            let semi: Token![;] = input.parse()?;
                            separators.push(semi.into_token_stream());
                        } else {
                            let comma: Token![,] = input.parse()?;
                            if input.is_empty() {
                                break;
                            }
                            separators.push(comma.into_token_stream());
                        }
                    }
                    if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
                        let name: Ident = input.parse()?;
                        let _: Token![=] = input.parse()?;
                        args.push(Arg::Named(name, input.parse()?));
                    } else {
                        args.push(Arg::Expr(input.parse()?));
                    }
                }
            }
            MacroKind::Matches => {
                args.push(Arg::Expr(input.parse()?));
                let comma: Token![,] = input.parse()?;
                separators.push(comma.into_token_stream());
                args.push(Arg::Raw(input.parse()?));
            }
            _ => return Err(input.error("not a known macro")),
        }
        Ok(Args {
            kind,
            args,
            separators,
        })
    };
    parser.parse2(mac.tokens.clone()).ok()
}

/// The identifiers a format string captures implicitly: `{name}`,
/// `{name:?}`, and `name$` in a width or precision.
pub fn format_names(fmt: &str) -> Vec<String> {
    let mut names = Vec::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' if chars.get(i + 1) == Some(&'{') => i += 2,
            '}' if chars.get(i + 1) == Some(&'}') => i += 2,
            '{' => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '}' {
                    end += 1;
                }
                let inner: String = chars[start..end.min(chars.len())].iter().collect();
                let (arg, spec) = match inner.find(':') {
                    Some(colon) => (&inner[..colon], &inner[colon + 1..]),
                    None => (&inner[..], ""),
                };
                let arg = arg.trim();
                if is_identifier(arg) {
                    names.push(arg.to_string());
                }
                // `name$` in a width or precision.
                let spec: Vec<char> = spec.chars().collect();
                let mut j = 0;
                while j < spec.len() {
                    if spec[j] == '$' {
                        let mut k = j;
                        while k > 0 && (spec[k - 1].is_alphanumeric() || spec[k - 1] == '_') {
                            k -= 1;
                        }
                        let name: String = spec[k..j].iter().collect();
                        if is_identifier(&name) {
                            names.push(name);
                        }
                    }
                    j += 1;
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    names
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_alphanumeric() || c == '_')
}

/// A parsed `select!`.
pub struct SelectMacro {
    /// `biased;` first: ready cases are tried in the written order.
    pub biased: bool,
    pub cases: Vec<SelectCase>,
    /// The `default` case's body.
    pub default: Option<Expr>,
}

/// `pat = op => body`, or `pat = op, if guard => body`.
pub struct SelectCase {
    pub pat: syn::Pat,
    pub op: Expr,
    /// The case's precondition: evaluated first; when false the case is
    /// disabled (its operation is not even made).
    pub guard: Option<Expr>,
    pub body: Expr,
    pub span: proc_macro2::Span,
}

/// The most cases a `select!` takes (the runtime's tuples go up to 32).
pub const SELECT_MAX: usize = 32;

/// Parses the body of `select! { .. }`.
pub fn parse_select(mac: &Macro) -> syn::Result<SelectMacro> {
    let parser = |input: ParseStream<'_>| {
        let mut cases = Vec::new();
        let mut default = None;
        let biased = input.peek(syn::Ident) && input.peek2(Token![;]) && {
            let fork = input.fork();
            fork.parse::<syn::Ident>()? == "biased"
        };
        if biased {
            let _: syn::Ident = input.parse()?;
            let _: Token![;] = input.parse()?;
        }
        while !input.is_empty() {
            let start = input.span();
            let body_of = |input: ParseStream<'_>| -> syn::Result<Expr> {
                let body: Expr = if input.peek(syn::token::Brace) {
                    Expr::Block(input.parse()?)
                } else {
                    input.parse()?
                };
                let is_block = matches!(body, Expr::Block(_));
                if input.is_empty() {
                    return Ok(body);
                }
                if is_block {
                    let _: Option<Token![,]> = input.parse()?;
                } else {
                    let _: Token![,] = input.parse()?;
                }
                Ok(body)
            };
            if input.peek(Token![default]) && input.peek2(Token![=>]) {
                let kw: Token![default] = input.parse()?;
                let _: Token![=>] = input.parse()?;
                if default.is_some() {
                    return Err(syn::Error::new(
                        kw.span,
                        "`select!` has two `default` cases",
                    ));
                }
                default = Some(body_of(input)?);
                continue;
            }
            let pat = syn::Pat::parse_single(input)?;
            let _: Token![=] = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "expected `pattern = operation => body` (or `default => body`)",
                )
            })?;
            let op: Expr = input.parse()?;
            let guard = if input.peek(Token![,]) && input.peek2(Token![if]) {
                let _: Token![,] = input.parse()?;
                let _: Token![if] = input.parse()?;
                Some(Expr::parse_without_eager_brace(input)?)
            } else {
                None
            };
            let _: Token![=>] = input.parse()?;
            let body = body_of(input)?;
            cases.push(SelectCase {
                pat,
                op,
                guard,
                body,
                span: start,
            });
        }
        Ok(SelectMacro {
            biased,
            cases,
            default,
        })
    };
    let parsed = parser.parse2(mac.tokens.clone())?;
    if parsed.cases.is_empty() {
        return Err(syn::Error::new_spanned(
            &mac.path,
            "`select!` needs at least one case: `pattern = operation => body`",
        ));
    }
    if parsed.cases.len() > SELECT_MAX {
        return Err(syn::Error::new(
            parsed.cases[SELECT_MAX].span,
            format!(
                "`select!` takes at most {SELECT_MAX} cases; nest a second `select!` in a `default`, or split the work"
            ),
        ));
    }
    Ok(parsed)
}

/// The most coroutines a `join!` takes (the runtime's tuples go up to 12).
pub const JOIN_MAX: usize = 12;

/// Parses the body of `join!(a, b, ..)`: the coroutines.
pub fn parse_join(mac: &Macro) -> syn::Result<Vec<Expr>> {
    let exprs = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)?;
    if exprs.is_empty() {
        return Err(syn::Error::new_spanned(
            &mac.path,
            "`join!` needs at least one coroutine: `join!(a(), b())`",
        ));
    }
    if exprs.len() > JOIN_MAX {
        return Err(syn::Error::new_spanned(
            &exprs[JOIN_MAX],
            format!(
                "`join!` takes at most {JOIN_MAX} coroutines; for more, use \
                 `coro_runtime::sched::join_all(..).await`"
            ),
        ));
    }
    Ok(exprs.into_iter().collect())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_finds_implicit_arguments() {
        assert_eq!(
            format_names("{x} {} {0} {{y}} {z:?} {:w$.p$}"),
            ["x", "z", "w", "p"]
        );
        assert_eq!(format_names("{ a }"), ["a"]);
        assert!(format_names("{:>8}").is_empty());
    }
}
