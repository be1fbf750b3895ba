//! Writes the three crates of the compile-time benchmark: 500 coroutines of
//! realistic size, written once for `#[coroutine]`, once for diapause
//! (annotated as it requires) and once as `async fn`s.
//!
//! And the crates of the scaling benchmark, under `OUT_DIR/scale/`: build
//! time against the shape of one body, `COPIES` coroutines per crate, for
//! `coro` and `async`: `seq-N`, N suspension points in
//! a row (8, 16, 32, 64), `nest-D`, D nested loops that each suspend
//! (4, 8, 16), and `chain-D`, one static await chain of D coroutine fns
//! (64, 128, 256, 512).
//!
//! `cargo run -p coro-benches --bin compile_time_crates -- OUT_DIR`;
//! `scripts/compile-time.sh` builds and times them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How many coroutines each crate holds.
const COUNT: usize = 500;

#[derive(Clone, Copy, PartialEq)]
enum Flavor {
    /// `#[coroutine]`.
    Coro,
    Diapause,
    Async,
}

impl Flavor {
    fn name(self) -> &'static str {
        match self {
            Flavor::Coro => "coro",
            Flavor::Diapause => "diapause",
            Flavor::Async => "async",
        }
    }

    fn suspend(self) -> &'static str {
        match self {
            Flavor::Coro => "suspend!()",
            Flavor::Diapause => "yield_!(())",
            Flavor::Async => "pending_once().await",
        }
    }

    fn attr(self) -> &'static str {
        match self {
            Flavor::Coro => "#[coro_runtime::coroutine]\npub fn",
            Flavor::Diapause => "#[diapause::coroutine(yield = ())]\npub fn",
            Flavor::Async => "pub async fn",
        }
    }

    /// Awaiting the coroutine `callee` with the same arguments.
    fn call(self, callee: usize) -> String {
        match self {
            Flavor::Coro | Flavor::Async => {
                format!("task_{callee}(input.clone(), limit).await")
            }
            Flavor::Diapause => format!("yield_all!(task_{callee}(input.clone(), limit))"),
        }
    }
}

/// One coroutine: a loop over its input with a `match` that suspends in two
/// of its arms, an early return, a value-producing `if` that suspends, and
/// (every tenth one) an await of the previous coroutine. Every `let` carries
/// its type, which diapause needs and the others ignore.
fn coroutine(flavor: Flavor, i: usize) -> String {
    let suspend = flavor.suspend();
    let mut out = String::new();
    writeln!(
        out,
        "{} task_{i}(input: Vec<u32>, limit: u32) -> Result<u64, String> {{",
        flavor.attr()
    )
    .unwrap();
    if i % 10 == 9 {
        writeln!(
            out,
            "    let before: Result<u64, String> = {};",
            flavor.call(i - 1)
        )
        .unwrap();
        out.push_str("    let mut total: u64 = before?;\n");
    } else {
        out.push_str("    let mut total: u64 = 0;\n");
    }
    write!(
        out,
        "    let mut seen: Vec<u32> = Vec::new();
    let mut k: usize = 0;
    while k < input.len() {{
        let x: u32 = input[k];
        if x > limit {{
            return Err(format!(\"task {i}: {{}} is over {{}}\", x, limit));
        }}
        match x % 3 {{
            0 => {{
                {suspend};
                total += u64::from(x);
            }}
            1 => {{
                seen.push(x);
            }}
            _ => {{
                total = total.wrapping_mul(3).wrapping_add(u64::from(x));
                {suspend};
            }}
        }}
        k += 1;
    }}
    let extra: u64 = if seen.len() > 2 {{
        {suspend};
        seen.iter().map(|&v| u64::from(v)).sum()
    }} else {{
        0
    }};
    Ok(total + extra + {i})
}}

"
    )
    .unwrap();
    out
}

/// The function that drives one coroutine to its end, per flavour.
fn driver(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Coro => {
            "/// Resumes `c` until it returns.\n\
             pub fn drive<C: coro_runtime::Coroutine>(c: C) -> C::Output {\n    \
             let mut c = core::pin::pin!(c);\n    \
             while c.as_mut().resume() == coro_runtime::Status::Suspended {}\n    \
             c.as_mut().take_output().unwrap()\n}\n\n"
        }
        Flavor::Diapause => {
            "/// Resumes `c` until it returns.\n\
             pub fn drive<C: diapause::Coroutine<(), Yield = ()>>(mut c: C) -> C::Return {\n    \
             let mut state = c.start();\n    \
             loop {\n        \
             match state {\n            \
             diapause::CoroutineState::Yielded(()) => state = c.resume(()),\n            \
             diapause::CoroutineState::Complete(out) => return out,\n        \
             }\n    \
             }\n}\n\n"
        }
        Flavor::Async => {
            "/// Polls `f` with a no-op waker until it is ready.\n\
             pub fn drive<F: std::future::Future>(f: F) -> F::Output {\n    \
             let mut f = core::pin::pin!(f);\n    \
             let mut cx = std::task::Context::from_waker(std::task::Waker::noop());\n    \
             loop {\n        \
             if let std::task::Poll::Ready(out) = f.as_mut().poll(&mut cx) {\n            \
             return out;\n        \
             }\n    \
             }\n}\n\n"
        }
    }
}

/// What a crate of `flavor` declares before its coroutines.
fn prelude(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Coro => "use coro_runtime::suspend;\n\n",
        Flavor::Diapause => "",
        Flavor::Async => {
            "/// A future that is pending once.\npub struct PendingOnce(bool);\n\n\
             impl std::future::Future for PendingOnce {\n    type Output = ();\n    \
             fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> std::task::Poll<()> {\n        \
             if self.0 { std::task::Poll::Ready(()) } else { self.0 = true; std::task::Poll::Pending }\n    }\n}\n\n\
             pub fn pending_once() -> PendingOnce {\n    PendingOnce(false)\n}\n\n"
        }
    }
}

/// `dir/Cargo.toml` of a crate `package` of `flavor`, and `dir/src`.
fn write_manifest(dir: &Path, package: &str, flavor: Flavor, runtime: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let dependency = match flavor {
        Flavor::Coro => format!(
            "coro-runtime = {{ path = {:?} }}",
            runtime.display().to_string()
        ),
        Flavor::Diapause => "diapause = \"=0.2.0\"".to_string(),
        Flavor::Async => String::new(),
    };
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{dependency}\n\n[workspace]\n"
        ),
    )
    .unwrap();
}

fn write_crate(root: &Path, flavor: Flavor, runtime: &Path) {
    let dir = root.join(flavor.name());
    let package = format!("compile-time-{}", flavor.name());
    write_manifest(&dir, &package, flavor, runtime);
    let mut lib = String::from(
        "//! Generated by `compile_time_crates`: 500 coroutines for the compile-time benchmark.\n\n",
    );
    lib.push_str(prelude(flavor));
    lib.push_str(driver(flavor));
    for i in 0..COUNT {
        lib.push_str(&coroutine(flavor, i));
        // Each coroutine is also driven, so that every flavour's state
        // machine is compiled to machine code (an `async fn` nobody polls,
        // or a generic resume nobody calls, is not).
        writeln!(
            lib,
            "pub fn run_{i}(input: Vec<u32>, limit: u32) -> Result<u64, String> {{\n    drive(task_{i}(input, limit))\n}}\n"
        )
        .unwrap();
    }
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
}

/// How many copies of one shape a scaling crate holds (one body alone
/// builds in about the time cargo needs to start).
const COPIES: usize = 20;

/// A body shape of the scaling benchmark.
#[derive(Clone, Copy)]
enum Shape {
    /// This many suspension points in a row.
    Sequential(usize),
    /// This many nested loops.
    Nested(usize),
    /// A static await chain: this many distinct coroutine fns, each
    /// awaiting the next, declared from the leaf up (one chain per crate).
    Chain(usize),
}

impl Shape {
    const ALL: [Shape; 11] = [
        Shape::Sequential(8),
        Shape::Sequential(16),
        Shape::Sequential(32),
        Shape::Sequential(64),
        Shape::Nested(4),
        Shape::Nested(8),
        Shape::Nested(16),
        Shape::Chain(64),
        Shape::Chain(128),
        Shape::Chain(256),
        Shape::Chain(512),
    ];

    fn name(self) -> String {
        match self {
            Shape::Sequential(n) => format!("seq-{n}"),
            Shape::Nested(d) => format!("nest-{d}"),
            Shape::Chain(d) => format!("chain-{d}"),
        }
    }

    /// How many copies of the body a crate holds.
    fn copies(self) -> usize {
        match self {
            Shape::Chain(_) => 1,
            _ => COPIES,
        }
    }

    /// Copy `i` of the coroutine, and its driver `run_i`.
    fn body(self, flavor: Flavor, i: usize) -> String {
        let (f, body) = match self {
            Shape::Sequential(n) => ("seq", sequential(flavor, i, n)),
            Shape::Nested(d) => ("nest", nested(flavor, i, d)),
            Shape::Chain(d) => ("chain", chain(flavor, d)),
        };
        format!("{body}pub fn run_{i}(x: u64) -> u64 {{\n    drive({f}_{i}(x))\n}}\n\n")
    }
}

/// Copy `i` of a body with `n` suspension points in a row, each between
/// a value computed before it and used after it.
fn sequential(flavor: Flavor, i: usize, n: usize) -> String {
    let suspend = flavor.suspend();
    let mut out = format!(
        "{} seq_{i}(input: u64) -> u64 {{
    let mut acc: u64 = input;
",
        flavor.attr()
    );
    for k in 0..n {
        writeln!(
            out,
            "    let v{k}: u64 = acc.wrapping_mul({});
    {suspend};
    acc = acc.rotate_left(3) ^ v{k};",
            k + 3
        )
        .unwrap();
    }
    out.push_str(
        "    acc
}

",
    );
    out
}

/// Copy `i` of a body with `d` nested `for` loops, each suspending before
/// its inner loop.
fn nested(flavor: Flavor, i: usize, d: usize) -> String {
    let suspend = flavor.suspend();
    let mut out = format!(
        "{} nest_{i}(n: u64) -> u64 {{
    let mut acc: u64 = 0;
",
        flavor.attr()
    );
    for k in 0..d {
        let pad = "    ".repeat(k + 1);
        writeln!(
            out,
            "{pad}for i{k} in 0..n {{
{pad}    {suspend};
{pad}    acc = acc.wrapping_add(i{k});"
        )
        .unwrap();
    }
    for k in (0..d).rev() {
        writeln!(out, "{}}}", "    ".repeat(k + 1)).unwrap();
    }
    out.push_str(
        "    acc
}

",
    );
    out
}

/// A chain of `d` coroutine fns, `chain_0` awaiting `chain_1` and so on,
/// declared from the leaf `chain_{d-1}` (which suspends once) up: the order
/// in which rustc lays out such frames without nesting its layout queries
/// (docs/limitations.md, *Deep await chains*).
fn chain(flavor: Flavor, d: usize) -> String {
    let mut out = format!(
        "{} chain_{}(x: u64) -> u64 {{\n    {};\n    x + 1\n}}\n\n",
        flavor.attr(),
        d - 1,
        flavor.suspend()
    );
    for k in (0..d - 1).rev() {
        writeln!(
            out,
            "{} chain_{k}(x: u64) -> u64 {{
    let y = chain_{}(x + 1).await;
    y.wrapping_mul(3).wrapping_add(x)
}}
",
            flavor.attr(),
            k + 1
        )
        .unwrap();
    }
    out
}

fn write_scaling(root: &Path, flavor: Flavor, runtime: &Path) {
    for shape in Shape::ALL {
        let name = shape.name();
        let dir = root.join("scale").join(format!("{}-{name}", flavor.name()));
        let package = format!("scale-{}-{name}", flavor.name());
        write_manifest(&dir, &package, flavor, runtime);
        let mut lib =
            format!("//! Generated by `compile_time_crates`: {COPIES} copies of `{name}`.\n\n");
        lib.push_str(prelude(flavor));
        lib.push_str(driver(flavor));
        for i in 0..shape.copies() {
            lib.push_str(&shape.body(flavor, i));
        }
        std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    }
}

fn main() {
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .expect("usage: compile_time_crates OUT_DIR")
        .into();
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../coro-runtime")
        .canonicalize()
        .expect("coro-runtime beside the benches crate");
    for flavor in [Flavor::Coro, Flavor::Diapause, Flavor::Async] {
        write_crate(&out, flavor, &runtime);
    }
    for flavor in [Flavor::Coro, Flavor::Async] {
        write_scaling(&out, flavor, &runtime);
    }
    println!(
        "wrote {COUNT} coroutines in three flavours, and the scaling crates, to {}",
        out.display()
    );
}
