#!/usr/bin/env bash
# Checks, before a release, that the published crates package, verify and
# would publish:
#
#   bash scripts/release-check.sh                on a clean checkout
#   bash scripts/release-check.sh --allow-dirty  with uncommitted changes
#
# The arguments go to every `cargo package` and `cargo publish` below.
# Exits non-zero at the first failure.
#
# The published crates are coro-macros and coro-runtime, in that order:
# coro-runtime depends on coro-macros by exact version (`=0.1.0`, through
# [workspace.dependencies]), so they are always released together. Every
# other workspace member has `publish = false`; step 1 checks both.
#
# Licenses: LICENSE-MIT and LICENSE-APACHE at the root are the reference. A
# package holds only the files under its crate's directory, so each
# published crate has plain copies of both, which must stay identical to
# the root's: step 2 compares them with `cmp`. After editing a license,
#   for c in coro-macros coro-runtime; do cp LICENSE-MIT LICENSE-APACHE $c/; done
#
# Steps:
#  1. the manifests: the publishable members are exactly the two crates,
#     and coro-runtime requires coro-macros' exact version;
#  2. the license copies;
#  3. the files each package would hold (`cargo package --list`): README,
#     licenses, and the runtime's examples;
#  4. `cargo package -p coro-macros`, verified (the package is unpacked and
#     built);
#  5. `cargo publish --dry-run -p coro-macros`;
#  6. coro-runtime, verified: its dependency coro-macros =0.1.0 is not on
#     crates.io before the release, so `cargo package -p coro-runtime`
#     alone cannot resolve it (and `--no-verify` would check nothing).
#     Packaging both crates in one command puts coro-macros' package in a
#     local registry overlay, and coro-runtime's package is built against
#     it. That needs cargo 1.90 or later (multi-package `cargo package` /
#     `cargo publish`); with an older cargo this step fails and says so:
#     use a newer cargo, or publish coro-macros first and then run
#     `cargo package -p coro-runtime`;
#  7. `cargo semver-checks` on coro-runtime, only if cargo-semver-checks is
#     installed (this script never installs it), and only once there is a
#     baseline: a release tag in git, or SEMVER_BASELINE_REV=<git rev>.
#     coro-macros is a proc-macro crate: its interface is the attribute's
#     behaviour, which the tests check, not a Rust API semver-checks can
#     read.
set -euo pipefail
cd "$(dirname "$0")/.."

crates=(coro-macros coro-runtime)

step() { printf '\n==> %s\n' "$*"; }

step "manifests: publishable members and the exact coro-macros requirement"
cargo metadata --no-deps --format-version 1 -q | python3 -c '
import json, sys
want = sys.argv[1:]
meta = json.load(sys.stdin)
members = set(meta["workspace_members"])
pkgs = {p["name"]: p for p in meta["packages"] if p["id"] in members}
# `publish` is null when publishing is allowed, [] for `publish = false`.
publishable = sorted(n for n, p in pkgs.items() if p["publish"] is None or p["publish"])
errors = []
if publishable != sorted(want):
    errors.append("publishable workspace members are %s, expected %s (give the others publish = false)"
                  % (publishable, sorted(want)))
for name in want:
    p = pkgs.get(name)
    if p is None:
        errors.append("%s is not a workspace member" % name)
        continue
    for key in ("description", "license", "repository", "readme", "documentation"):
        if not p.get(key):
            errors.append("%s: no %s" % (name, key))
    if not p["keywords"] or not p["categories"]:
        errors.append("%s: no keywords or categories" % name)
macros, runtime = pkgs.get("coro-macros"), pkgs.get("coro-runtime")
if macros and runtime:
    reqs = [d["req"] for d in runtime["dependencies"] if d["name"] == "coro-macros"]
    exact = "=" + macros["version"]
    if reqs != [exact]:
        errors.append("coro-runtime requires coro-macros %s, expected %s" % (reqs, exact))
    if runtime["version"] != macros["version"]:
        errors.append("versions differ: coro-runtime %s, coro-macros %s"
                      % (runtime["version"], macros["version"]))
for e in errors:
    print("error:", e)
if errors:
    sys.exit(1)
print("ok:", ", ".join("%s %s" % (n, pkgs[n]["version"]) for n in want))
' "${crates[@]}"

step "license copies identical to the root's"
for crate in "${crates[@]}"; do
    for license in LICENSE-MIT LICENSE-APACHE; do
        if ! cmp "$license" "$crate/$license"; then
            echo "error: $crate/$license differs from $license (or is missing): copy it again" >&2
            exit 1
        fi
    done
done
echo "ok"

step "files in the packages"
for crate in "${crates[@]}"; do
    list=$(cargo package -p "$crate" --list "$@")
    required=(Cargo.toml README.md LICENSE-MIT LICENSE-APACHE src/lib.rs)
    if [ "$crate" = coro-runtime ]; then
        required+=(examples/tour.rs examples/event_loop.rs examples/sieve.rs
            examples/pingpong.rs examples/pipeline.rs examples/tokio.rs)
    fi
    for file in "${required[@]}"; do
        if ! grep -qxF "$file" <<<"$list"; then
            echo "error: the $crate package would not contain $file" >&2
            exit 1
        fi
    done
    echo "$crate: $(wc -l <<<"$list") files, the required ones included"
done

step "cargo package -p coro-macros (verified)"
cargo package -p coro-macros "$@"

step "cargo publish --dry-run -p coro-macros"
cargo publish --dry-run -p coro-macros "$@"

step "coro-runtime, packaged and verified against the packaged coro-macros"
cargo_minor=$(cargo --version | sed -n 's/^cargo 1\.\([0-9]*\).*/\1/p')
if [ -z "$cargo_minor" ] || [ "$cargo_minor" -lt 90 ]; then
    echo "error: $(cargo --version) cannot package several workspace crates together" >&2
    echo "(cargo 1.90 or later can). Use a newer cargo, or publish coro-macros first" >&2
    echo "and then run: cargo package -p coro-runtime" >&2
    exit 1
fi
cargo package -p coro-macros -p coro-runtime "$@"

step "cargo semver-checks"
if ! command -v cargo-semver-checks >/dev/null 2>&1; then
    echo "skipped: cargo-semver-checks is not installed"
elif [ -n "${SEMVER_BASELINE_REV:-}" ]; then
    cargo semver-checks check-release -p coro-runtime --baseline-rev "$SEMVER_BASELINE_REV"
elif [ -z "$(git tag --list)" ]; then
    echo "skipped: no release tag yet, so nothing to compare with"
    echo "(SEMVER_BASELINE_REV=<git rev> compares with that revision)"
else
    # Against the newest coro-runtime on crates.io.
    cargo semver-checks check-release -p coro-runtime
fi

echo
echo "Release checks passed."
