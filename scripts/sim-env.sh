# Sourced by the test, demo and bench scripts: starts cec-sim instances and stops them on exit.
SIM_PORT=${SIM_PORT:-18790}
SIM_PORT_SHORT_TTL=${SIM_PORT_SHORT_TTL:-18791}
SIM_PORT_INCLUSIVE=${SIM_PORT_INCLUSIVE:-18792}
SIM_PORT_PROFILE_B=${SIM_PORT_PROFILE_B:-18793}
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
  # A busy port would make the readiness check below succeed against someone else's server.
  if ! node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($port,'127.0.0.1',()=>s.close(()=>process.exit(0)))"; then
    echo "cec-sim ($name): port $port is already in use; set SIM_PORT / SIM_PORT_SHORT_TTL to free ports" >&2
    return 1
  fi
  "$SIM_BIN" --port "$port" "$@" >"$SIM_LOG_DIR/$name.log" 2>&1 &
  local pid=$!
  SIM_PIDS+=($pid)
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    # node's fetch rather than curl: node is a dependency anyway, curl may not be installed.
    if node -e "fetch('http://127.0.0.1:$port/__sim/stats').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "cec-sim ($name) did not start on port $port; log:" >&2
  cat "$SIM_LOG_DIR/$name.log" >&2
  return 1
}
