#!/usr/bin/env bash
# The WebAssembly comparison: our scheduler's channel ping-pong against the
# same ping-pong in C with TinyGo-style Asyncify goroutines.
#
#   scripts/wasm.sh [ROUNDS]     round trips per pingpong() call; default 100000
#
# 1. installs the Debian packages it needs (as root, or through sudo);
# 2. builds the C Asyncify baseline: target/wasm/pingpong_c.wasm;
# 3. builds the Rust module (see the marked section);
# 4. times the modules with wasm/harness.mjs, one line of JSON each, at
#    stack depths 0, 4, 16 and 64, and runs the prime sieve.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-100000}"
out=target/wasm

run() {
    echo "+ $*"
    "$@"
}

echo "== packages"
# Each entry is "command or path:Debian package that provides it". Debian 12
# has all of them; the Rust ones (1.96) and lld-22 come from
# bookworm-security. The Rust toolchain is Debian's rather than rustup's
# because rustup cannot fetch a wasm32 standard library here: the Rust
# build compiles core and alloc from rust-web-src with -Zbuild-std.
needs=(
    "clang-14:clang-14"                               # C compiler, wasm32 target
    "wasm-ld-14:lld-14"                               # the linker clang-14 runs
    "wasm-opt:binaryen"                               # the Asyncify pass
    "node:nodejs"                                     # the harness; any node >= 18
    "/usr/bin/rustc:rustc-web"                        # rustc 1.96
    "/usr/bin/cargo:cargo-web"                        # the matching cargo
    "/usr/lib/rustlib/src/rust/library:rust-web-src"  # sources for -Zbuild-std
    "/usr/lib/llvm-22/bin/wasm-ld:lld-22"             # linker for the Rust module
)
missing=()
for need in "${needs[@]}"; do
    what="${need%%:*}"
    package="${need#*:}"
    if [[ $what == /* ]]; then
        [[ -e $what ]] || missing+=("$package")
    else
        command -v "$what" >/dev/null || missing+=("$package")
    fi
done
if ((${#missing[@]} > 0)); then
    sudo=()
    [[ $(id -u) == 0 ]] || sudo=(sudo)
    run "${sudo[@]}" apt-get update
    run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
fi
clang-14 --version | head -n 1
wasm-opt --version
echo "node $(node --version)"
/usr/bin/rustc --version
/usr/lib/llvm-22/bin/wasm-ld --version

echo
echo "== C Asyncify baseline"
mkdir -p "$out"
# -nostdlib: the C file is freestanding and needs no libc. wasm-opt runs
# --asyncify first, then -O2 over the instrumented code, as Emscripten does.
# No --pass-arg is needed: the module's only imports are asyncify.*, which
# the pass implements itself, and its one indirect call is in run(), which
# the pass leaves alone (see the comment at the top of pingpong.c).
run clang-14 --target=wasm32 -O2 -ffreestanding -nostdlib -Wall -Wextra \
    -Wl,--no-entry -Wl,--export=pingpong -Wl,--export=pingpong_depth \
    -o "$out/pingpong_c.linked.wasm" wasm/asyncify/pingpong.c
run wasm-opt "$out/pingpong_c.linked.wasm" --asyncify -O2 \
    -o "$out/pingpong_c.wasm"

echo
echo "== Rust module: the coro scheduler, no_std + alloc"
# Debian's toolchain (rustup has no wasm32 standard library here): core and
# alloc are built from rust-web-src (-Zbuild-std, hence RUSTC_BOOTSTRAP),
# and the module is linked by wasm-ld from lld-22. Its own target directory
# and lock file (wasm/coro-wasm is not in the main workspace).
run env RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$out/cargo" \
    RUSTFLAGS="-C linker=/usr/lib/llvm-22/bin/wasm-ld" \
    /usr/bin/cargo build --release --locked --manifest-path wasm/coro-wasm/Cargo.toml \
    --target wasm32-unknown-unknown -Zbuild-std=core,alloc
cp "$out/cargo/wasm32-unknown-unknown/release/coro_wasm.wasm" "$out/pingpong_rust.wasm"
rust_module="$out/pingpong_rust.wasm"
# The ping-pong alone (no sieve, no depth variant): the module compared
# with the C baseline's size.
run env RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$out/cargo-pingpong" \
    RUSTFLAGS="-C linker=/usr/lib/llvm-22/bin/wasm-ld" \
    /usr/bin/cargo build --release --locked --manifest-path wasm/coro-wasm/Cargo.toml \
    --target wasm32-unknown-unknown -Zbuild-std=core,alloc --features pingpong-only
cp "$out/cargo-pingpong/wasm32-unknown-unknown/release/coro_wasm.wasm" "$out/pingpong_only_rust.wasm"
echo "module bytes: C $(stat -c %s "$out/pingpong_c.wasm"), ours: ping-pong alone" \
    "$(stat -c %s "$out/pingpong_only_rust.wasm"), with the sieve and the depth variant" \
    "$(stat -c %s "$rust_module")"

echo
echo "== ping-pong, $rounds round trips per call"
run node wasm/harness.mjs --compare "$out/pingpong_c.wasm" "$rust_module" "$rounds"
# The same with each goroutine's loop DEPTH calls (C) or awaits (Rust) deep:
# Asyncify unwinds and rewinds every frame at every switch, a coroutine
# resume enters the innermost frame directly.
for depth in 0 4 16 64; do
    run node wasm/harness.mjs --compare "$out/pingpong_c.wasm" "$rust_module" \
        "$((rounds / 5))" "$depth" | tee "$out/depth-$depth.json"
done

echo
echo "== prime sieve (Rust module): the 1000th prime"
run node -e '
const fs = require("fs");
const m = new WebAssembly.Module(fs.readFileSync(process.argv[1]));
const { sieve } = new WebAssembly.Instance(m, {}).exports;
const start = performance.now();
const p = sieve(1000);
const ms = (performance.now() - start).toFixed(1);
if (p !== 7919) { console.error(`sieve(1000) = ${p}, expected 7919`); process.exit(1); }
console.log(JSON.stringify({ sieve: 1000, prime: p, ms: Number(ms) }));
' "$rust_module"

echo
# The summary: round-trip time ours / Asyncify's at each depth (below 1:
# ours is faster), and the sizes of the ping-pong modules.
ratio() { sed -n 's/.*"ratio_b_over_a":\([0-9.]*\).*/\1/p' "$out/depth-$1.json" | tail -n 1; }
echo "wasm round trip coro/asyncify: depth 0 $(ratio 0), depth 4 $(ratio 4)," \
    "depth 16 $(ratio 16), depth 64 $(ratio 64); module bytes coro" \
    "$(stat -c %s "$out/pingpong_only_rust.wasm"), asyncify $(stat -c %s "$out/pingpong_c.wasm")"

