#!/usr/bin/env bash
# Runs the project's tests, on a fresh machine too: installs what it needs first.
#
#   scripts/test.sh                 every stage, in order (what CI runs)
#   scripts/test.sh STAGE [STAGE…]  only these stages (each builds what it needs)
#
# Stages: native (core + simulator, cargo test), fuzz (proptest on the core, CEC_FUZZ_SECONDS per
# target), wasm-node, wasm-browser (wasm-bindgen tests against cec-sim), js (the packed package:
# Node CJS/ESM, browser entries, hostile input, fault matrix, tsc --strict), ecosystem (every
# bundler and runtime builds/runs an app of examples/ against the packed package; publint, attw,
# TypeDoc, README types), www (Playwright console tests), size (gzip budget). HACKING.md has a table for running a single test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

all_stages=(native fuzz wasm-node wasm-browser js ecosystem www size)
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=("${all_stages[@]}")
for s in "${stages[@]}"; do
  case " ${all_stages[*]} " in *" $s "*) ;; *) echo "unknown stage: $s (stages: ${all_stages[*]})" >&2; exit 2 ;; esac
done
wants() { case " ${stages[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
wants_any() { for s in "$@"; do wants "$s" && return 0; done; return 1; }

setup_flags=()
wants_any wasm-browser www js ecosystem && setup_flags+=(--browser --postgres)
wants js && [ -z "${JS_NODE:-}" ] && setup_flags+=(--node24)
bash scripts/setup.sh ${setup_flags[@]+"${setup_flags[@]}"}

t0=$(date +%s)
step() { printf '\n\033[1m==> %s\033[0m (%ss)\n' "$1" "$(( $(date +%s) - t0 ))"; }

if wants native; then
  step "habits: cargo fmt --check, cargo clippy -D warnings (native workspace and the wasm boundary)"
  cargo fmt --all --check
  cargo clippy -q --workspace --all-targets -- -D warnings
  cargo clippy -q --target wasm32-unknown-unknown --lib \
    $(ls tests/wasm_*.rs | xargs -n1 basename | sed 's/\.rs$//; s/^/--test /') -- -D warnings
  step "native tests: core (cargo test) and simulator"
  cargo test --workspace
fi

if wants fuzz; then
  step "native fuzzing (proptest; CEC_FUZZ_SECONDS per target, default 15)"
  CEC_FUZZ_SECONDS=${CEC_FUZZ_SECONDS:-15} cargo test --test fuzz_core --test fuzz_decode -- --nocapture 2>&1 | grep -E "^fuzz |test result|panicked|FAILED|error" || true
  test "${PIPESTATUS[0]}" = 0
fi

if wants_any wasm-node wasm-browser js ecosystem www size; then
  step "build: simulator (sim profile) and npm package"
  cargo build -p cec-sim --profile sim
  bash scripts/build-pkg.sh
fi

if wants_any wasm-node wasm-browser js ecosystem; then
  step "start simulators"
  # shellcheck source=scripts/sim-env.sh
  source scripts/sim-env.sh
  sim_start main "$SIM_PORT" --calls 20000
  sim_start short_ttl "$SIM_PORT_SHORT_TTL" --calls 2000 --token-ttl 2
  # The same dataset, reading callresult's endTime day as included (tests/wasm_fidelity.rs).
  sim_start inclusive "$SIM_PORT_INCLUSIVE" --calls 20000 --window-end inclusive
  # The main one verifies auth-v2 profile A (the default); this one B, for the detection tests.
  sim_start profile_b "$SIM_PORT_PROFILE_B" --calls 2000 --auth-profile B
  if wants js; then
    # The sync CLI's kill -9 test: a 200k-record sync (campaign 101 ≈ 212k results with showDetail 0).
    SIM_PORT_BIG=${SIM_PORT_BIG:-18794}
    sim_start big "$SIM_PORT_BIG" --calls 1000000
    export CEC_SIM_URL_BIG="http://127.0.0.1:$SIM_PORT_BIG"
  fi
  export CEC_SIM_URL="http://127.0.0.1:$SIM_PORT"
  export CEC_SIM_URL_SHORT_TTL="http://127.0.0.1:$SIM_PORT_SHORT_TTL"
  export CEC_SIM_URL_INCLUSIVE="http://127.0.0.1:$SIM_PORT_INCLUSIVE"
  export CEC_SIM_URL_PROFILE_B="http://127.0.0.1:$SIM_PORT_PROFILE_B"
  # A port nothing listens on, for the connection-refused test.
  export CEC_CLOSED_PORT=${CEC_CLOSED_PORT:-18799}
fi

if wants_any js ecosystem; then
  step "start PostgreSQL (throwaway, for the sync tests)"
  # shellcheck source=scripts/pg-env.sh
  source scripts/pg-env.sh
  trap 'pg_stop; sim_stop_all' EXIT INT TERM
  pg_start
fi

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
if wants wasm-node; then
  step "wasm tests in Node"
  wasm_tests_node=$(cd tests && ls wasm_*.rs | grep -v _browser | sed 's/\.rs$//' | sed 's/^/--test /' | tr '\n' ' ')
  # shellcheck disable=SC2086
  cargo test --target wasm32-unknown-unknown $wasm_tests_node
fi

if wants wasm-browser; then
  step "wasm tests in headless Chromium"
  wasm_tests_browser=$(cd tests && ls wasm_*_browser.rs 2>/dev/null | sed 's/\.rs$//' | sed 's/^/--test /' | tr '\n' ' ')
  if [ -n "$wasm_tests_browser" ]; then
    # The runner's timeout covers the whole browser run (default 20 s); the client suite needs more.
    # shellcheck disable=SC2086
    CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=180 cargo test --target wasm32-unknown-unknown $wasm_tests_browser
  fi
fi

if wants js; then
  step "JS tests against the packed package"
  work=tests/js/.work
  rm -rf "$work" && mkdir -p "$work/app"
  (cd pkg && npm pack --silent --pack-destination "$root/$work" >/dev/null)
  tarball=$(ls "$work"/cec-calldata-*.tgz)
  (
    cd "$work/app"
    printf '{ "name": "consumer", "private": true, "type": "module" }\n' > package.json
    npm install --no-audit --no-fund --loglevel=error "$root/$tarball"
    for dep in playwright-core fast-check pure-rand pg; do ln -s "$root/node_modules/$dep" "node_modules/$dep"; done
    cp "$root"/tests/js/*.test.mjs "$root"/tests/js/*.test.cjs .
    cp -r "$root/tests/js/types" .
    # On Node 24 (scripts/setup.sh --node24), first on PATH so the CLI and npx the tests start run
    # on it too; JS_NODE=/path/to/node picks another (its better-sqlite3 from the root install).
    if [ -n "${JS_NODE:-}" ]; then
      js_node=$(command -v "$JS_NODE")
      ln -s "$root/node_modules/better-sqlite3" node_modules/better-sqlite3
    else
      js_node=$root/target/tools/node24/node_modules/node24/bin/node
      ln -s "$root/target/tools/node24/node_modules/better-sqlite3" node_modules/better-sqlite3
    fi
    echo "JS tests on Node $("$js_node" --version)"
    # JS_TESTS narrows the run to some files, e.g. JS_TESTS="hostile.test.mjs".
    # shellcheck disable=SC2086
    PATH="$(dirname "$js_node"):$PATH" "$js_node" --test --test-concurrency=1 ${JS_TESTS:-./*.test.mjs ./*.test.cjs}
    "$root/node_modules/.bin/tsc" -p types/tsconfig.json
  )
fi

if wants ecosystem; then
  step "ecosystem: bundlers and runtimes build and run examples/ against the packed package"
  # ECO_CASES narrows the run, e.g. ECO_CASES="vite8 nextjs".
  # shellcheck disable=SC2086
  node tests/ecosystem/run.mjs ${ECO_CASES:-}
fi

if wants www && [ -d www/tests ]; then
  step "www: Playwright tests against the demo page"
  node --test --test-concurrency=1 www/tests/*.test.mjs
fi

if wants size && [ -f bench/size-budget.test.mjs ]; then
  step "size budget"
  node --test bench/size-budget.test.mjs
fi

step "passed: ${stages[*]}"
