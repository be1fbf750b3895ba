#!/usr/bin/env bash
# The WebAssembly comparison: our scheduler's channel ping-pong against the
# same ping-pong in C with TinyGo-style Asyncify goroutines.
#
#   scripts/wasm.sh [ROUNDS]     round trips per pingpong() call; default 100000
#
# 1. installs the Debian packages it needs (as root, or through sudo);
# 2. builds the C Asyncify baseline: target/wasm/pingpong_c.wasm;
# 3. builds the Rust module (see the marked section);
# 4. times the modules with wasm/harness.mjs, one line of JSON each.
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
    -Wl,--no-entry -Wl,--export=pingpong \
    -o "$out/pingpong_c.linked.wasm" wasm/asyncify/pingpong.c
run wasm-opt "$out/pingpong_c.linked.wasm" --asyncify -O2 \
    -o "$out/pingpong_c.wasm"

# --- Rust side (filled in by the scheduler work) ---
# To build here: $out/pingpong_rust.wasm, a module as wasm/harness.mjs
# describes it (exports pingpong, imports nothing), with Debian's toolchain:
#   RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build --release \
#       --target wasm32-unknown-unknown -Zbuild-std=core,alloc ...
# linked by /usr/lib/llvm-22/bin/wasm-ld; then set rust_module to its path.
rust_module=
# --- end of the Rust side ---

echo
echo "== ping-pong, $rounds round trips per call"
run node wasm/harness.mjs "$out/pingpong_c.wasm" "$rounds" c-asyncify
if [[ -n $rust_module ]]; then
    run node wasm/harness.mjs --compare "$out/pingpong_c.wasm" "$rust_module" "$rounds"
fi
