#!/usr/bin/env bash
# Reproduces the figures of docs/benchmarks.md on this machine.
#
#   scripts/bench.sh                 every section below but wasm
#   scripts/bench.sh all             every section, wasm included
#   scripts/bench.sh ratios resume   only the sections named
#
# Sections:
#   ratios    the round trips (counter, live values), interleaved ratios
#   plain     the round trips again in a separate crate built as a user
#             builds it (--release, thin LTO, one codegen unit, no flags),
#             with four workloads (benches/plain)
#   resume    divan: counter, live values, create/destroy, await depth
#   sched     divan: channel ping-pong and 100,000 spawns against tokio,
#             then the ping-pong in Go (GOMAXPROCS=1; installs Debian's
#             golang-go where it can, skipped without it)
#   unsync    `ratios` and await depth again without atomics (measurement only)
#   nightly   the counter and a generator's iteration against rustc's coroutines
#             (skipped without nightly)
#   frames    frame sizes for the whole differential corpus (docs/frame-sizes.md)
#   compile   compile time of 500 coroutines (scripts/compile-time.sh; minutes)
#   wasm      the WebAssembly goroutines against Asyncify (scripts/wasm.sh;
#             installs Debian packages)
#
# Benchmark builds use 64-byte function alignment (`-align-all-functions=6`)
# in their own target directory: code placement alone moves these
# nanosecond figures by 15-20% from one build to the next, and the alignment
# takes most of that away (docs/benchmarks.md, "How we measure").
set -euo pipefail
cd "$(dirname "$0")/.."

sections=("$@")
if [ ${#sections[@]} -eq 0 ]; then
    sections=(ratios plain resume sched unsync nightly frames compile)
elif [ "${sections[0]}" = all ]; then
    sections=(ratios plain resume sched unsync nightly frames compile wasm)
fi

align="-C llvm-args=-align-all-functions=6"
bench() {
    CARGO_TARGET_DIR=target/bench RUSTFLAGS="$align" cargo bench -p coro-benches "$@"
}

echo "== machine"
lscpu | grep -E "Model name|^CPU\(s\)|Hypervisor" || true
grep MemTotal /proc/meminfo || true
rustc --version
date -u +"%Y-%m-%d %H:%M UTC"

for section in "${sections[@]}"; do
    echo
    echo "== $section"
    case "$section" in
    ratios)
        bench --bench ratios
        ;;
    plain)
        # No RUSTFLAGS: this one measures the build a user gets.
        CARGO_TARGET_DIR=target/plain RUSTFLAGS= cargo run -q --release \
            --manifest-path benches/plain/Cargo.toml
        ;;
    resume)
        bench --bench resume
        ;;
    sched)
        bench --bench sched
        if ! command -v go >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            apt-get install -y -qq golang-go >/dev/null || true
        fi
        if command -v go >/dev/null; then
            go version
            GOMAXPROCS=1 go run benches/go/pingpong.go
        else
            echo "go ping-pong skipped: no Go toolchain (apt-get install golang-go)"
        fi
        ;;
    unsync)
        # Plain cells instead of atomics in the frame header: what the
        # atomics cost (a build for measuring only; not sound across threads).
        CARGO_TARGET_DIR=target/bench-unsync RUSTFLAGS="$align --cfg coro_unsync" \
            cargo bench -p coro-benches --bench ratios
        CARGO_TARGET_DIR=target/bench-unsync RUSTFLAGS="$align --cfg coro_unsync" \
            cargo bench -p coro-benches --bench resume -- await_depth
        ;;
    nightly)
        if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
            CARGO_TARGET_DIR=target/bench-nightly RUSTFLAGS="$align --cfg coro_nightly" \
                cargo +nightly bench -p coro-benches --bench nightly
        else
            echo "skipped: no nightly toolchain (rustup toolchain install nightly)"
        fi
        ;;
    frames)
        cargo run -q --release -p coro-tests --bin frame_sizes -- docs/frame-sizes.md >/dev/null 2>&1
        sed -n '/^## Summary/,/^## Why/p' docs/frame-sizes.md | sed '$d'
        ;;
    compile)
        scripts/compile-time.sh
        ;;
    wasm)
        scripts/wasm.sh
        ;;
    *)
        echo "unknown section: $section" >&2
        exit 2
        ;;
    esac
done
