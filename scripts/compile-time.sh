#!/usr/bin/env bash
# The compile-time benchmark of docs/benchmarks.md: a crate of 500
# coroutines of realistic size, written for `#[coroutine]`, for diapause
# (annotated as it requires) and as `async fn`s, built in the debug and the
# release profile. Reports the median of RUNS builds of the crate alone (its
# dependencies built before), and the share of macro expansion in a build
# (rustc's `-Z time-passes`, through RUSTC_BOOTSTRAP=1 on the stable
# compiler: a measurement, not a build setting).
#
# Then the scaling table: build time against the shape of one body (N
# suspension points in a row, D nested loops; 20 copies per crate) and
# against the depth of a static await chain (D coroutine fns, each awaiting
# the next), ours against `async fn`, `cargo check` and `cargo build`
# (debug). A build that fails (a chain too deep for rustc's default
# recursion limit) is reported as `fails`.
#
#   scripts/compile-time.sh          RUNS=3 by default
#   scripts/compile-time.sh scaling  only the scaling table
#   SHAPES="chain-64 chain-128" scripts/compile-time.sh scaling
#                                    only these rows of it
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
out="$root/target/compile-time"
runs="${RUNS:-3}"

cargo run -q --release -p coro-benches --bin compile_time_crates -- "$out"

now() { date +%s.%N; }

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# build FLAVOR PROFILE [extra cargo args]: one timed build of the crate alone
build() {
    local flavor="$1" profile="$2"
    shift 2
    local flag=()
    [ "$profile" = release ] && flag=(--release)
    (
        cd "$out/$flavor"
        touch src/lib.rs
        CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$out/target-$flavor" cargo build -q "${flag[@]}" "$@"
    )
}

# expansion FLAVOR PROFILE: "expand total" seconds from -Z time-passes
expansion() {
    local flavor="$1" profile="$2"
    local flag=()
    [ "$profile" = release ] && flag=(--release)
    (
        cd "$out/$flavor"
        touch src/lib.rs
        CARGO_INCREMENTAL=0 RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$out/target-$flavor-passes" \
            cargo rustc -q "${flag[@]}" --lib -- -Z time-passes 2>&1 |
            awk '/macro_expand_crate$/ { e = $2 } /\ttotal$/ { t = $2 } END { gsub(";", "", e); gsub(";", "", t); print e, t }'
    )
}

echo "== rustc"
rustc --version
echo

# timed DIR COMMAND..: the median seconds of RUNS runs of a cargo COMMAND in
# DIR (after one untimed run that builds the dependencies), or `fails` if
# that run fails (its first error goes to stderr); the crates of a flavour
# (DIR's name up to its first `-`) share a target directory.
timed() {
    local dir="$1"
    shift
    local target
    target="$out/target-scale-$(basename "$dir" | cut -d- -f1)"
    if ! (cd "$dir" && CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$target" cargo -q "$@" 2>"$dir/error.txt"); then
        echo "  $(basename "$dir") $*: $(grep -m1 '^error' "$dir/error.txt")" >&2
        echo fails
        return
    fi
    (
        cd "$dir"
        for _ in $(seq "$runs"); do
            touch src/lib.rs
            start=$(now)
            CARGO_INCREMENTAL=0 CARGO_TARGET_DIR="$target" cargo -q "$@"
            end=$(now)
            awk -v a="$start" -v b="$end" 'BEGIN { print b - a }'
        done
    ) | median
}

# row SHAPE COMMAND CORO ASYNC: one row of the scaling table.
row() {
    if [ "$3" = fails ] || [ "$4" = fails ]; then
        secs() { if [ "$1" = fails ]; then echo fails; else printf '%.2f s' "$1"; fi; }
        echo "| $1 | $2 | $(secs "$3") | $(secs "$4") | – |"
    else
        awk -v s="$1" -v m="$2" -v c="$3" -v a="$4" \
            'BEGIN { printf "| %s | %s | %.2f s | %.2f s | %.2f |\n", s, m, c, a, c / a }'
    fi
}

scaling() {
    echo "| shape | command | coro | async | coro / async |"
    echo "|---|---|---:|---:|---:|"
    for shape in ${SHAPES:-seq-8 seq-16 seq-32 seq-64 nest-4 nest-8 nest-16 chain-64 chain-128 chain-256 chain-512}; do
        for command in check build; do
            c=$(timed "$out/scale/coro-$shape" "$command")
            a=$(timed "$out/scale/async-$shape" "$command")
            row "$shape" "$command" "$c" "$a"
        done
    done
}

if [ "${1:-}" = scaling ]; then
    scaling
    exit 0
fi

printf '| crate | profile | build (median of %s) | per coroutine | vs diapause | macro expansion | share of the build |\n' "$runs"
echo "|---|---|---:|---:|---:|---:|---:|"
for profile in dev release; do
    declare -A secs=()
    for flavor in diapause coro async; do
        build "$flavor" "$profile" # dependencies, and a warm-up
        times=""
        for _ in $(seq "$runs"); do
            start=$(now)
            build "$flavor" "$profile"
            end=$(now)
            times="$times $(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
        done
        secs[$flavor]=$(echo $times | tr ' ' '\n' | median)
    done
    for flavor in coro diapause async; do
        read -r expand total <<<"$(expansion "$flavor" "$profile")"
        s=${secs[$flavor]}
        awk -v f="$flavor" -v p="$profile" -v s="$s" -v d="${secs[diapause]}" -v e="$expand" -v t="$total" \
            'BEGIN { printf "| %s | %s | %.2f s | %.1f ms | %.2f | %.2f s | %.0f%% |\n", f, p, s, s * 2, s / d, e, 100 * e / t }'
    done
done

echo
scaling
