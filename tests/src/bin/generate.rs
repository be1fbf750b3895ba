//! Runs the program generator (`coro_tests::generator`) at scale.
//!
//! ```sh
//! # seeds 0..2000 of both modes, edition 2021: build, run, report
//! cargo run -p coro-tests --release --bin generate -- --seeds 0..2000
//! # one mode, another edition, print one program
//! cargo run -p coro-tests --bin generate -- --seeds 0..300 --mode borrowing --edition 2024
//! cargo run -p coro-tests --bin generate -- --print portable 17
//! # rewrite tests/src/cases/generated.rs (the fixed range the suite runs)
//! cargo run -p coro-tests --bin generate -- --write-fixed
//! ```
//!
//! For a seed range it writes a scratch crate under `target/generated/`
//! (one module per program, each a case of the differential harness), and
//! then, per mode:
//! 1. builds it and drops the programs that fail to compile, until the
//!    build is clean (a compile failure each);
//! 2. runs every remaining case and collects the divergences from the
//!    `async fn`.
//!
//! It prints the counts and writes every failure, with its first error
//! line or the harness's report, to `target/generated/report-<mode>.txt`.
//! The exit status is 0 whatever it found: it measures, the suite asserts.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use coro_tests::generator::{Mode, case_name, fixed_borrowing_cases, fixed_cases, program};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .map(|i| args.get(i + 1).cloned().unwrap_or_default())
    };
    if args.iter().any(|a| a == "--write-fixed") {
        for (file, text) in [
            ("src/cases/generated.rs", fixed_cases()),
            ("src/cases/generated_borrowing.rs", fixed_borrowing_cases()),
        ] {
            std::fs::write(root.join(file), text).expect("write the fixed cases");
            println!("wrote {file}");
        }
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--print") {
        let mode = parse_mode(args.get(i + 1).map(String::as_str).unwrap_or(""));
        let seed = args
            .get(i + 2)
            .and_then(|s| s.parse().ok())
            .expect("--print MODE SEED");
        print!("{}", program(mode[0], seed));
        return;
    }
    let seeds = flag("--seeds").unwrap_or_else(|| "0..100".into());
    let (from, to) = seeds
        .split_once("..")
        .and_then(|(a, b)| Some((a.parse::<u64>().ok()?, b.parse::<u64>().ok()?)))
        .expect("--seeds FROM..TO");
    let modes = parse_mode(&flag("--mode").unwrap_or_else(|| "both".into()));
    let edition = flag("--edition").unwrap_or_else(|| "2021".into());
    let workspace = root.parent().expect("tests/ is in the workspace");
    for mode in modes {
        let dir = workspace.join(format!("target/generated/{}-{edition}", mode.name()));
        let summary = run_mode(mode, from..to, &edition, &dir, workspace);
        let report = workspace.join(format!(
            "target/generated/report-{}-{edition}.txt",
            mode.name()
        ));
        std::fs::write(&report, &summary.details).expect("write the report");
        println!("{}", summary.line);
        println!("  details: {}", report.display());
    }
}

fn parse_mode(s: &str) -> Vec<Mode> {
    match s {
        "portable" => vec![Mode::Portable],
        "borrowing" => vec![Mode::Borrowing],
        "both" => vec![Mode::Portable, Mode::Borrowing],
        other => panic!("unknown mode {other:?}: portable, borrowing or both"),
    }
}

/// Programs per scratch build.
const CHUNK: u64 = 100;

/// Builds and runs one chunk of programs, recording what fails.
fn run_chunk(mode: Mode, dir: &Path, workspace: &Path, outcomes: &mut BTreeMap<u64, Outcome>) {
    compile_until_clean(dir, workspace, mode, outcomes);
    run_tests(dir, workspace, outcomes);
}

struct Summary {
    line: String,
    details: String,
}

/// What is known of each program of a run.
#[derive(Default)]
struct Outcome {
    /// The first compile error.
    error: Option<String>,
    /// How it ran differently from the `async fn`.
    diverged: Option<String>,
}

fn run_mode(
    mode: Mode,
    seeds: std::ops::Range<u64>,
    edition: &str,
    dir: &Path,
    workspace: &Path,
) -> Summary {
    write_manifest(dir, mode, edition, workspace);
    let mut outcomes: BTreeMap<u64, Outcome> = BTreeMap::new();
    // Chunks keep each rebuild (after dropping the programs that fail)
    // short.
    let mut start = seeds.start;
    while start < seeds.end {
        let end = (start + CHUNK).min(seeds.end);
        eprintln!("{} programs {start}..{end}", mode.name());
        let mut chunk: BTreeMap<u64, Outcome> =
            (start..end).map(|s| (s, Outcome::default())).collect();
        run_chunk(mode, dir, workspace, &mut chunk);
        outcomes.extend(chunk);
        start = end;
    }

    let count = |f: &dyn Fn(&Outcome) -> bool| outcomes.values().filter(|o| f(o)).count();
    let total = outcomes.len();
    let line = format!(
        "{} programs, seeds {}..{} (edition {edition}): {total}: {} compile failures, {} divergences",
        mode.name(),
        seeds.start,
        seeds.end,
        count(&|o| o.error.is_some()),
        count(&|o| o.diverged.is_some()),
    );
    let mut details = format!("{line}\n\n");
    for (seed, o) in &outcomes {
        for (what, text) in [("compile error", &o.error), ("diverges", &o.diverged)] {
            if let Some(text) = text {
                let _ = writeln!(
                    details,
                    "{} ({what}):\n  {}\n",
                    case_name(mode, *seed),
                    text.trim()
                );
            }
        }
    }
    Summary { line, details }
}

/// The scratch crate's manifest; its name differs per mode and edition so
/// that the crates' builds in the shared target directory stay apart.
fn write_manifest(dir: &Path, mode: Mode, edition: &str, workspace: &Path) {
    std::fs::create_dir_all(dir.join("src")).expect("create the scratch crate");
    let manifest = format!(
        "[package]\nname = \"coro-generated-{}-{edition}\"\nversion = \"0.0.0\"\nedition = \"{edition}\"\npublish = false\n\n\
         [lib]\npath = \"src/lib.rs\"\n\n\
         [dependencies]\ncoro-runtime = {{ path = {:?} }}\ncoro-tests = {{ path = {:?} }}\n\n[workspace]\n",
        mode.name(),
        workspace.join("coro-runtime"),
        workspace.join("tests"),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
}

/// Writes the modules of the programs without a compile error yet,
/// builds, records each program's first error, and repeats without them
/// until the build is clean.
fn compile_until_clean(
    dir: &Path,
    workspace: &Path,
    mode: Mode,
    outcomes: &mut BTreeMap<u64, Outcome>,
) {
    loop {
        let included: Vec<u64> = outcomes
            .iter()
            .filter(|(_, o)| o.error.is_none())
            .map(|(s, _)| *s)
            .collect();
        write_sources(dir, mode, &included);
        let output = cargo(
            dir,
            workspace,
            &["test", "--lib", "--no-run", "--message-format=short"],
        );
        if output.status.success() {
            return;
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut errors = first_errors(&stderr);
        if errors.is_empty() {
            // The error's main span is elsewhere (the harness's macro, for
            // an error the attribute reports): the full report names the
            // program in a secondary span.
            let human = cargo(dir, workspace, &["test", "--lib", "--no-run"]);
            errors = errors_by_any_span(&String::from_utf8_lossy(&human.stderr));
        }
        if errors.is_empty() {
            panic!("the scratch crate failed to build for a reason no program explains:\n{stderr}");
        }
        eprintln!(
            "  {} programs fail to compile; rebuilding without them",
            errors.len()
        );
        for (seed, e) in errors {
            if let Some(o) = outcomes.get_mut(&seed) {
                o.error = Some(e);
            }
        }
    }
}

/// Writes one module per program.
fn write_sources(dir: &Path, mode: Mode, seeds: &[u64]) {
    let src = dir.join("src");
    let mut lib = String::from("#![allow(warnings)]\n");
    for &seed in seeds {
        let _ = writeln!(lib, "pub mod p{seed};");
        let text = format!(
            "use coro_tests::prelude::*;\n\ncoro_tests::differential! {{\n{}}}\n",
            program(mode, seed)
        );
        let path = src.join(format!("p{seed}.rs"));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("write a program");
        }
    }
    std::fs::write(src.join("lib.rs"), lib).expect("write lib.rs");
}

fn cargo(dir: &Path, workspace: &Path, args: &[&str]) -> std::process::Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        // Share the workspace's build of the runtime, macros and harness.
        .env("CARGO_TARGET_DIR", workspace.join("target"))
        // Faster builds of many programs: no debug info, no incremental
        // cache.
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("run cargo")
}

/// The first error of each program, from `--message-format=short` output
/// (`src/p17.rs:3:9: error[E0382]: ...`).
fn first_errors(stderr: &str) -> BTreeMap<u64, String> {
    let mut out = BTreeMap::new();
    for line in stderr.lines() {
        let Some(rest) = line.strip_prefix("src/p") else {
            continue;
        };
        if !line.contains(": error") {
            continue;
        }
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(seed) = digits.parse() {
            out.entry(seed).or_insert_with(|| line.to_string());
        }
    }
    out
}

/// The programs named by any span (`--> src/pN.rs` or `::: src/pN.rs`)
/// of each error of rustc's full report, with the error's first line.
fn errors_by_any_span(stderr: &str) -> BTreeMap<u64, String> {
    let mut out = BTreeMap::new();
    let mut current: Option<&str> = None;
    for line in stderr.lines() {
        if line.starts_with("error") {
            current = Some(line);
            continue;
        }
        let Some(error) = current else { continue };
        let trimmed = line.trim_start();
        let Some(path) = trimmed
            .strip_prefix("--> ")
            .or_else(|| trimmed.strip_prefix("::: "))
        else {
            continue;
        };
        let Some(rest) = path.strip_prefix("src/p") else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(seed) = digits.parse() {
            out.entry(seed)
                .or_insert_with(|| format!("{path}: {error} (reported at the macro)"));
        }
    }
    out
}

/// Runs the built cases and records which diverge. A case that hangs
/// (a loop that no longer ends) would stop the whole run, so the test
/// binary runs under a time limit, and case by case if it exceeds it.
fn run_tests(dir: &Path, workspace: &Path, outcomes: &mut BTreeMap<u64, Outcome>) {
    let built = cargo(
        dir,
        workspace,
        &["test", "--lib", "--no-run", "--message-format=json"],
    );
    let json = String::from_utf8_lossy(&built.stdout);
    let exe = json
        .lines()
        .filter(|l| l.contains(&*dir.to_string_lossy()))
        .filter_map(|l| l.split("\"executable\":\"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .next_back()
        .expect("the test binary of the scratch crate");
    // Each run under a time limit and a memory limit (4 GiB of address
    // space): a miscompiled loop may run forever or allocate without end.
    let run = |args: &[&str], limit: &str| {
        Command::new("sh")
            .env("RUST_BACKTRACE", "0")
            .arg("-c")
            .arg("ulimit -v 4194304; exec timeout \"$@\"")
            .arg("sh")
            .arg(limit)
            .arg(exe)
            .args(args)
            .output()
            .expect("run the test binary")
    };
    let all = run(&["--test-threads=2"], "600");
    let stdout = String::from_utf8_lossy(&all.stdout);
    if all.status.code() != Some(124) && stdout.contains("test result:") {
        record_failures(&stdout, outcomes);
        return;
    }
    eprintln!(
        "  the cases did not finish ({}); running them one by one",
        all.status
    );
    let list = run(&["--list"], "60");
    for line in String::from_utf8_lossy(&list.stdout).lines() {
        let Some(name) = line.strip_suffix(": test") else {
            continue;
        };
        let one = run(&["--exact", name], "20");
        let stdout = String::from_utf8_lossy(&one.stdout);
        if one.status.code() == Some(124) {
            record(outcomes, name, "hangs: no result after 20 s".to_string());
        } else if !stdout.contains("test result:") {
            let text = format!("crashes or runs out of memory ({})", one.status);
            record(outcomes, name, text);
        } else {
            record_failures(&stdout, outcomes);
        }
    }
}

/// Records the failures listed in libtest's output: a report starts with
/// "---- p17::portable_17::differential stdout ----" and is followed by
/// the panic message.
fn record_failures(stdout: &str, outcomes: &mut BTreeMap<u64, Outcome>) {
    let mut current: Option<String> = None;
    let mut text = String::new();
    for line in stdout.lines() {
        let header = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"));
        let end =
            header.is_some() || line.starts_with("failures:") || line.starts_with("test result");
        if end {
            if let Some(name) = current.take() {
                record(outcomes, &name, std::mem::take(&mut text));
            }
            current = header.map(str::to_string);
        } else if current.is_some() && !line.starts_with("note: run with") {
            text.push_str(line);
            text.push('\n');
        }
    }
    if let Some(name) = current {
        record(outcomes, &name, text);
    }
}

/// Records that test `name` (`p17::portable_17::differential`) failed
/// with `text`.
fn record(outcomes: &mut BTreeMap<u64, Outcome>, name: &str, text: String) {
    let digits: String = name
        .trim_start_matches('p')
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let Some(o) = digits.parse().ok().and_then(|s: u64| outcomes.get_mut(&s)) else {
        return;
    };
    o.diverged = Some(text);
}
