#!/usr/bin/env bash
# Builds the npm package into pkg/: one optimised .wasm shared by a Node CommonJS entry, a Node
# ES-module entry and two browser entries (see scripts/assemble-pkg.mjs and HACKING.md).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --lib --release --target wasm32-unknown-unknown
wasm=target/wasm32-unknown-unknown/release/cec_calldata.wasm
out=target/pkg-build
rm -rf "$out"
# --experimental-reset-state-function: the JS layer restarts the instance after a trap, and the
# glue then marks objects of the old instance as stale (js/runtime.js, "containment").
wasm-bindgen --target nodejs --experimental-reset-state-function --out-dir "$out/node" "$wasm"
wasm-bindgen --target web --experimental-reset-state-function --out-dir "$out/web" "$wasm"
# Both targets emit the same module; the package relies on that to ship it once.
cmp -s "$out/node/cec_calldata_bg.wasm" "$out/web/cec_calldata_bg.wasm" || {
  echo "nodejs and web targets produced different .wasm files" >&2; exit 1; }
# npm binaryen, never Debian's (its wasm-opt 108 breaks the module, TOOLCHAIN.md).
# -ocimfs=0 (no inlining of one-caller functions): -Oz's inlining makes the module smaller raw but
# ~16 KB bigger gzipped (measured: 181.5 → 165.6 KB gzip), which is what users download.
node_modules/.bin/wasm-opt -Oz -ocimfs=0 --strip-debug --strip-producers --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/web/cec_calldata_bg.wasm" -o "$out/cec_calldata_bg.opt.wasm"
node scripts/assemble-pkg.mjs
