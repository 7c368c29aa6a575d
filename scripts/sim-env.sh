# Sourced by the test, demo and bench scripts: starts cec-sim instances and stops them on exit.
SIM_PORT=${SIM_PORT:-18790}
SIM_PORT_SHORT_TTL=${SIM_PORT_SHORT_TTL:-18791}
SIM_PORT_PROFILE_B=${SIM_PORT_PROFILE_B:-18792}
SIM_BIN=${SIM_BIN:-target/sim/cec-sim}
SIM_PIDS=()
SIM_LOG_DIR=${SIM_LOG_DIR:-target/sim-logs}
mkdir -p "$SIM_LOG_DIR"

sim_stop_all() {
  for pid in "${SIM_PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap sim_stop_all EXIT INT TERM

# sim_start NAME PORT [flags...]: starts one instance and waits until it answers.
sim_start() {
  local name=$1 port=$2; shift 2
  "$SIM_BIN" --port "$port" "$@" >"$SIM_LOG_DIR/$name.log" 2>&1 &
  SIM_PIDS+=($!)
  for _ in $(seq 1 100); do
    # node's fetch rather than curl: node is a dependency anyway, curl may not be installed.
    if node -e "fetch('http://127.0.0.1:$port/__sim/stats').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "cec-sim ($name) did not start on port $port; log:" >&2
  cat "$SIM_LOG_DIR/$name.log" >&2
  return 1
}
