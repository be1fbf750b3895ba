#!/usr/bin/env bash
# The generator cases (tests/src/cases/yields.rs) against rustc's own
# coroutines: each case without helpers is compiled a third time as a
# nightly `#[coroutine]` closure (`suspend!(v)` is `yield Some(v)`,
# `suspend!()` is `yield None`, and `yield` evaluates to the resume value),
# and driven with the same resume values as the generator; values handed
# out, logs, outputs and drops after every step must match
# (tests/src/yields.rs, `compare_nightly`).
#
#   scripts/nightly-differential.sh
#
# Needs a nightly toolchain (rustup toolchain install nightly); without one
# it says so and exits 0. Not part of CI, which is stable only.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo +nightly --version >/dev/null 2>&1; then
    echo "nightly differential skipped: no nightly toolchain (rustup toolchain install nightly)"
    exit 0
fi
cargo +nightly --version
CARGO_TARGET_DIR=target/nightly RUSTFLAGS="--cfg coro_nightly" \
    cargo +nightly test -p coro-tests --lib nightly_differential
