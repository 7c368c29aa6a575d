#!/usr/bin/env bash
# `npm run bench`: builds what the benchmarks need, starts a cec-sim big enough for the export
# figures, runs every benchmark (bench/run.mjs) and prints one table.
#   --update-readme   also write the figures into README.md's performance section
#   --quick           fewer repetitions (for working on the benches; not for published figures)
# Timings are ratios against baselines measured in the same run, medians over repeated runs;
# none of them is asserted. The size budget is (bench/size-budget.test.mjs, run by scripts/test.sh).
# What is asserted: the vendor's rule. The run exits non-zero if cec-sim saw two batches start
# 1 s or less apart during an export or a sync.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
started=$(date +%s)
log() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

bash scripts/setup.sh
log "building the simulator (sim profile) and the npm package"
cargo build -p cec-sim --profile sim
bash scripts/build-pkg.sh

if ! command -v twiggy >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/twiggy" ]; then
  log "installing twiggy (wasm size profiler; a few minutes, once)"
  cargo install twiggy || log "WARNING: twiggy did not install; the size map is skipped"
fi

# The decode probe: the library's core decoder exported without serde-wasm-bindgen, built next
# to a copy of the root Cargo.lock so it uses the library's exact dependency versions. Twice:
# with the package's opt-level "z" and with opt-level 3. Bench-only; the package is untouched.
build_probe() {
  local name=$1 opt=$2 dir=target/bench/$1
  # Explicit `|| return 1`: errexit does not apply inside a function called from `||`.
  rm -rf "$dir/pkg" && mkdir -p "$dir/src" || return 1
  cp bench/decode-probe/Cargo.toml "$dir/Cargo.toml" && cp bench/decode-probe/src/lib.rs "$dir/src/lib.rs" || return 1
  cp Cargo.lock "$dir/Cargo.lock" || return 1
  if [ "$opt" != z ]; then sed -i "s/^opt-level = \"z\"/opt-level = $opt/" "$dir/Cargo.toml" || return 1; fi
  (cd "$dir" && cargo build --release --target wasm32-unknown-unknown --quiet) || return 1
  wasm-bindgen --target nodejs --out-dir "$dir/pkg" "$dir/target/wasm32-unknown-unknown/release/cec_bench_decode_probe.wasm" || return 1
  # The root package.json says "type": "module"; wasm-bindgen's nodejs glue is CommonJS.
  mv "$dir/pkg/cec_bench_decode_probe.js" "$dir/pkg/cec_bench_decode_probe.cjs" || return 1
  local level=-Oz; [ "$opt" = z ] || level=-O3
  node_modules/.bin/wasm-opt "$level" --strip-debug --strip-producers --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    "$dir/pkg/cec_bench_decode_probe_bg.wasm" -o "$dir/pkg/cec_bench_decode_probe_bg.wasm" || { rm -rf "$dir/pkg"; return 1; }
}
log "building the decode probes (bench/decode-probe)"
# A probe that fails to build only costs the decode split table (bench/decode.mjs skips it).
build_probe decode-probe z || log "WARNING: the decode probe did not build; the decode split is skipped"
build_probe decode-probe-o3 3 || log "WARNING: the opt-level 3 decode probe did not build; its rows are skipped"

# 2M call attempts: the busiest campaign (101) then holds ~423k final results (showDetail 0)
# over the default 153 days, enough for the 400k export. A free port, so a running test or demo
# sim is never mistaken for ours.
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
SIM_LOG_DIR=target/bench/sim-logs
source scripts/sim-env.sh
log "starting cec-sim on port $port (--calls 2000000)"
sim_start bench "$port" --calls 2000000
export CEC_SIM_URL="http://127.0.0.1:$port"

built=$(date +%s)
log "builds took $(( built - started )) s; measuring"
# A run that breaks the vendor's batch rule fails (non-zero), after the sync figures are measured too.
status=0
BENCH_BUILD_SEC=$(( built - started )) node bench/run.mjs "$@" || status=$?

# Sync into SQLite and a throwaway PostgreSQL (bench/sync.mjs), on the same sim.
bash scripts/setup.sh --postgres
PG_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
source scripts/pg-env.sh
trap 'pg_stop; sim_stop_all' EXIT INT TERM
pg_start
node bench/sync.mjs || status=$?
log "npm run bench took $(( $(date +%s) - started )) s in all ($(( $(date +%s) - built )) s measuring)"
[ "$status" = 0 ] || log "FAILED (exit $status): see above"
exit "$status"
