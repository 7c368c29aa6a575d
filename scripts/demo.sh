#!/usr/bin/env bash
# The main job: the browser console (www/) against the local simulator (cec-sim) with its demo data.
# Does its own setup on a fresh machine, builds the npm package and the simulator, installs the
# packed package into www/.deps, starts cec-sim and the static server, prints the URL and stays up
# until Ctrl-C.
#   SIM_PORT   simulator port          (default 8790)
#   WWW_PORT   console port            (default 8080)
#   WWW_HOST   console bind address    (default 127.0.0.1, loopback only)
#   SIM_CALLS  calls in the dataset    (default: the simulator's own default)
#   SIM_SEED   dataset seed            (default 42)
#   DEMO_SKIP_SETUP=1  skip scripts/setup.sh (tools already installed)
set -euo pipefail
cd "$(dirname "$0")/.."

SIM_PORT=${SIM_PORT:-8790}
WWW_PORT=${WWW_PORT:-8080}
WWW_HOST=${WWW_HOST:-127.0.0.1}
SIM_SEED=${SIM_SEED:-42}
export SIM_PORT

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }

port_busy() {
  node -e "const s=require('net').createServer();s.once('error',()=>process.exit(0));s.listen($1,'$2',()=>s.close(()=>process.exit(1)))"
}
if port_busy "$SIM_PORT" 127.0.0.1; then echo "port $SIM_PORT is in use: set SIM_PORT to a free port" >&2; exit 1; fi
if port_busy "$WWW_PORT" "$WWW_HOST"; then echo "port $WWW_PORT is in use: set WWW_PORT to a free port" >&2; exit 1; fi

if [ "${DEMO_SKIP_SETUP:-0}" != 1 ]; then
  say "setup (skips what is already installed)"
  bash scripts/setup.sh
fi

say "building the simulator (cargo build -p cec-sim --profile sim)"
cargo build -p cec-sim --profile sim
say "building the npm package (scripts/build-pkg.sh)"
bash scripts/build-pkg.sh
say "installing the packed package into www/.deps"
node www/prepare.mjs

# shellcheck source=scripts/sim-env.sh
source scripts/sim-env.sh
sim_args=(--seed "$SIM_SEED")
[ -n "${SIM_CALLS:-}" ] && sim_args+=(--calls "$SIM_CALLS")
say "starting cec-sim on port $SIM_PORT (log: $SIM_LOG_DIR/demo.log)"
sim_start demo "$SIM_PORT" "${sim_args[@]}"

sim_url="http://127.0.0.1:$SIM_PORT"
node www/serve.mjs --port "$WWW_PORT" --host "$WWW_HOST" --sim "$sim_url" >/dev/null &
www_pid=$!

cleanup() {
  trap - EXIT INT TERM
  kill "$www_pid" 2>/dev/null || true
  sim_stop_all
  say "stopped"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

for _ in $(seq 1 50); do
  if node -e "fetch('http://$WWW_HOST:$WWW_PORT/config.json').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null; then break; fi
  kill -0 "$www_pid" 2>/dev/null || { echo "the console server did not start" >&2; exit 1; }
  sleep 0.1
done

cat <<MSG

  CEC call-data console:  http://$WWW_HOST:$WWW_PORT/
  simulator (cec-sim):    $sim_url   (dataset: $sim_url/__sim/dataset)

  Press Ctrl-C to stop both.

MSG
# Ctrl-C reaches the whole process group; the INT trap then exits through cleanup.
set +e
wait "$www_pid"
status=$?
[ "$status" -ge 128 ] || echo "the console server exited (status $status)" >&2
exit "$status"
