//! Unit tests of the transform: reviewed snapshots of expansions (the
//! expansion is documentation too), and checks on every expansion.

use proc_macro2::TokenStream;
use quote::quote;

/// Expands `#[coroutine]` on `input` and pretty-prints the result.
pub fn expand_pretty(args: TokenStream, input: TokenStream) -> String {
    let out = crate::expand(args, input);
    match syn::parse2::<syn::File>(out.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => out.to_string(),
    }
}

/// The representative coroutines whose expansions are snapshotted.
fn corpus() -> Vec<(&'static str, TokenStream)> {
    vec![
        (
            "no_suspension",
            quote! {
                fn answer() -> u32 {
                    42
                }
            },
        ),
        (
            "one_suspend",
            quote! {
                fn load(id: u32) -> String {
                    suspend!();
                    format!("item {id}")
                }
            },
        ),
        (
            "counter_loop",
            quote! {
                fn counter(n: u64) -> u64 {
                    let mut sum = 0;
                    for i in 0..n {
                        suspend!();
                        sum += i;
                    }
                    sum
                }
            },
        ),
        (
            "await_in_for",
            quote! {
                fn load_all(ids: Vec<u32>, log: &mut Vec<String>) -> usize {
                    let mut n = 0;
                    for id in ids {
                        let item = load(id).await;
                        log.push(item);
                        n += 1;
                    }
                    n
                }
            },
        ),
        (
            "branches",
            quote! {
                fn pick(flag: bool, d: D) -> i32 {
                    let r = if flag {
                        suspend!();
                        1
                    } else {
                        drop(d);
                        2
                    };
                    suspend!();
                    r
                }
            },
        ),
        (
            "match_bindings",
            quote! {
                fn describe(msg: Option<String>) -> usize {
                    match msg {
                        Some(text) => {
                            suspend!();
                            text.len()
                        }
                        None => 0,
                    }
                }
            },
        ),
        (
            "spilled_arguments",
            quote! {
                fn sum() -> i32 {
                    add(value(1), child(2).await, value(3))
                }
            },
        ),
        (
            "borrowed_iteration",
            quote! {
                fn total(v: Vec<i32>) -> i32 {
                    let mut t = 0;
                    for x in &v {
                        suspend!();
                        t += x;
                    }
                    t
                }
            },
        ),
        (
            "method_with_generics",
            quote! {
                fn fill<'a, T: Clone>(&mut self, value: T, out: &'a mut Vec<T>) -> usize
                where
                    T: core::fmt::Debug,
                {
                    out.push(value.clone());
                    suspend!();
                    out.push(value);
                    self.count += 1;
                    out.len()
                }
            },
        ),
        (
            "question_mark",
            quote! {
                fn parse_all(items: Vec<&'static str>) -> Result<i32, String> {
                    let mut sum = 0;
                    for s in items {
                        sum += parse(s).await?;
                    }
                    Ok(sum)
                }
            },
        ),
    ]
}

#[test]
fn expansions() {
    for (name, input) in corpus() {
        insta::assert_snapshot!(name, expand_pretty(TokenStream::new(), input));
    }
    // A generator: its `GenIo` before the slots, entered at each resume.
    insta::assert_snapshot!(
        "generator",
        expand_pretty(
            quote!(yield = u64, resume = bool),
            quote! {
                fn countdown(mut n: u64) -> u64 {
                    while n > 0 {
                        if suspend!(n) {
                            return n;
                        }
                        n -= 1;
                    }
                    0
                }
            },
        )
    );
}

/// The state machine is ours, not rustc's: no expansion contains `async`,
/// `.await` or `Future`.
#[test]
fn expansions_use_no_async_machinery() {
    fn check(tokens: TokenStream, name: &str) {
        for tree in tokens {
            match tree {
                proc_macro2::TokenTree::Ident(ident) => {
                    let s = ident.to_string();
                    assert!(
                        s != "async" && s != "await" && !s.contains("Future"),
                        "{name}: the expansion contains `{s}`"
                    );
                }
                proc_macro2::TokenTree::Group(g) => check(g.stream(), name),
                _ => {}
            }
        }
    }
    for (name, input) in corpus() {
        check(crate::expand(TokenStream::new(), input), name);
    }
}

#[test]
#[ignore = "debugging aid: [ARGS=send] COROUTINE=path/to/file.rs cargo test -p coro-macros dump -- --ignored --nocapture"]
fn dump() {
    let path = std::env::var("COROUTINE").expect("set COROUTINE to a file with one fn");
    let text = std::fs::read_to_string(path).unwrap();
    let input: TokenStream = text.parse().unwrap();
    // ARGS: the attribute's arguments (`ARGS=send`).
    let args: TokenStream = std::env::var("ARGS").unwrap_or_default().parse().unwrap();
    if std::env::var("RAW").is_ok() {
        println!("{}", crate::expand(args, input));
    } else {
        println!("{}", expand_pretty(args, input));
    }
}

/// A body above the inlining weight is called from its resume, unless
/// `#[coroutine(inline)]` asks for it to be inlined; `inline` twice is an
/// error at the second.
#[test]
fn inline_option_inlines_a_large_body() {
    let mut stmts = TokenStream::new();
    for i in 0..40u32 {
        stmts.extend(quote! { total += #i * n; suspend!(); });
    }
    let body = quote! {
        fn large(n: u32) -> u32 {
            let mut total = 0;
            #stmts
            total
        }
    };
    let frame_kind = |args: TokenStream| {
        let out = crate::expand(args, body.clone()).to_string();
        let called = out.contains("InFrame :: < _ , false >");
        let inlined = out.contains("InFrame :: < _ , true >");
        assert!(called != inlined, "{out}");
        inlined
    };
    assert!(!frame_kind(TokenStream::new()));
    assert!(frame_kind(quote!(inline)));
    assert!(frame_kind(quote!(send, inline)));
    let twice = crate::expand(quote!(inline, inline), body.clone()).to_string();
    assert!(twice.contains("`inline` is given twice"), "{twice}");
}

/// Which bindings get a slot on the body's stack (`dead_at_points`): named
/// once, by a use that moves them out, unconditionally, before the first
/// point after their declaration. The others keep their slot in the frame.
#[test]
fn bindings_dead_at_every_point_live_on_the_stack() {
    let body = quote! {
        fn f(v: Vec<String>, c: bool) -> usize {
            let moved = String::new();
            let kept = String::new();
            let maybe = String::new();
            let ignored = String::new();
            let borrowed = String::new();
            let mut reassigned = String::new();
            n_of(&borrowed);
            reassigned.push('x');
            reassigned = std::convert::identity(reassigned);
            drop(borrowed);
            drop(moved);
            if c {
                drop(maybe);
            }
            let _ = ignored;
            let mut n = 0;
            for s in v {
                n += consume(s);
                suspend!();
            }
            for (i, name) in ["a", "b"].iter().enumerate() {
                n += name.len();
                suspend!();
                n += i;
            }
            n + kept.len()
        }
    };
    let out = crate::expand(TokenStream::new(), body).to_string();
    let on_stack = |name: &str| {
        let framed = out.contains(&format!("let {name}__"));
        assert!(framed, "no slot for `{name}`: {out}");
        out.split(&format!("let {name}__"))
            .nth(1)
            .is_some_and(|rest| rest.split(';').next().unwrap().contains("__stack"))
    };
    assert!(on_stack("moved"));
    assert!(on_stack("borrowed"));
    assert!(!on_stack("reassigned"));
    assert!(on_stack("s"));
    assert!(!on_stack("kept"));
    assert!(!on_stack("maybe"));
    assert!(!on_stack("ignored"));
    assert!(!on_stack("i"));
    assert!(!on_stack("name"));
    assert!(!on_stack("n"));
}
