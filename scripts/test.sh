#!/usr/bin/env bash
# Runs every test of the project, on a fresh machine too: installs what it needs first.
#   native core + simulator tests → package build → wasm tests (Node, Chromium) against cec-sim
#   → JS tests against the packed tarball (Node CJS/ESM, browser entries, tsc --strict)
#   → www Playwright tests → size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

bash scripts/setup.sh --browser

t0=$(date +%s)
step() { printf '\n\033[1m==> %s\033[0m (%ss)\n' "$1" "$(( $(date +%s) - t0 ))"; }

step "native tests: core (cargo test) and simulator"
cargo test --workspace

step "build: simulator (sim profile) and npm package"
cargo build -p cec-sim --profile sim
bash scripts/build-pkg.sh

step "start simulators"
source scripts/sim-env.sh
sim_start main "$SIM_PORT" --calls 20000
sim_start short_ttl "$SIM_PORT_SHORT_TTL" --calls 2000 --token-ttl 2
# The main one verifies auth-v2 profile A (the default); this one B, for the detection tests.
sim_start profile_b "$SIM_PORT_PROFILE_B" --calls 2000 --auth-profile B
export CEC_SIM_URL="http://127.0.0.1:$SIM_PORT"
export CEC_SIM_URL_SHORT_TTL="http://127.0.0.1:$SIM_PORT_SHORT_TTL"
export CEC_SIM_URL_PROFILE_B="http://127.0.0.1:$SIM_PORT_PROFILE_B"
# A port nothing listens on, for the connection-refused test.
export CEC_CLOSED_PORT=${CEC_CLOSED_PORT:-18799}

step "wasm tests in Node"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
wasm_tests_node=$(cd tests && ls wasm_*.rs | grep -v _browser | sed 's/\.rs$//' | sed 's/^/--test /' | tr '\n' ' ')
# shellcheck disable=SC2086
cargo test --target wasm32-unknown-unknown $wasm_tests_node

step "wasm tests in headless Chromium"
wasm_tests_browser=$(cd tests && ls wasm_*_browser.rs 2>/dev/null | sed 's/\.rs$//' | sed 's/^/--test /' | tr '\n' ' ')
if [ -n "$wasm_tests_browser" ]; then
  # shellcheck disable=SC2086
  # The runner's timeout covers the whole browser run (default 20 s); the client suite needs more.
  CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 cargo test --target wasm32-unknown-unknown $wasm_tests_browser
fi

step "JS tests against the packed package"
work=tests/js/.work
rm -rf "$work" && mkdir -p "$work/app"
(cd pkg && npm pack --silent --pack-destination "$root/$work" >/dev/null)
tarball=$(ls "$work"/cec-calldata-*.tgz)
(
  cd "$work/app"
  printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
  npm install --no-audit --no-fund --loglevel=error "$root/$tarball"
  ln -s "$root/node_modules/playwright-core" node_modules/playwright-core
  cp "$root"/tests/js/*.test.mjs "$root"/tests/js/*.test.cjs .
  cp -r "$root/tests/js/types" .
  node --test --test-concurrency=1 ./*.test.mjs ./*.test.cjs
  "$root/node_modules/.bin/tsc" -p types/tsconfig.json
)

if [ -d www/tests ]; then
  step "www: Playwright tests against the demo page"
  node --test --test-concurrency=1 www/tests/*.test.mjs
fi

if [ -f bench/size-budget.test.mjs ]; then
  step "size budget"
  node --test bench/size-budget.test.mjs
fi

step "all tests passed"
