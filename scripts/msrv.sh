#!/usr/bin/env bash
# Checks that the published crates build with the minimum supported Rust
# version declared in Cargo.toml (`rust-version`), and that a coroutine
# expands and compiles with it (the doc examples and a small test crate).
set -euo pipefail
cd "$(dirname "$0")/.."
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)
toolchain="$msrv"
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
  rustup toolchain install "$toolchain" --profile minimal
fi
echo "MSRV $msrv: $(rustup run "$toolchain" rustc --version)"
# A separate target dir: the MSRV build must not reuse stable's artifacts.
CARGO_TARGET_DIR=target/msrv cargo "+$toolchain" test -p coro-runtime --locked
