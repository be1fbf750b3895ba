#!/usr/bin/env bash
# Reproduces the figures of docs/benchmarks.md on this machine.
#
#   scripts/bench.sh            all benchmarks
#   scripts/bench.sh resume     one bench target of the `benches` crate
#
# The `coro_unsync` run rebuilds the runtime with plain cells instead of
# atomics in the frame header, to measure what the atomics cost; it uses its
# own target directory so that it does not invalidate the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-resume}"

echo "== machine"
lscpu | grep -E "Model name|^CPU\(s\)" || true
rustc --version
echo

echo "== cargo bench -p coro-benches --bench $target"
cargo bench -p coro-benches --bench "$target"

if [ "$target" = "resume" ]; then
    echo
    echo "== the same without atomics (RUSTFLAGS=--cfg coro_unsync; measurement only)"
    CARGO_TARGET_DIR=target/unsync RUSTFLAGS="--cfg coro_unsync" \
        cargo bench -p coro-benches --bench resume
fi
