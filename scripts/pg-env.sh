# Sourced by the test and bench scripts: a throwaway PostgreSQL (Debian's binaries) in a temp
# directory on PG_PORT, trust auth on 127.0.0.1 only, stopped and deleted on exit.
PG_PORT=${PG_PORT:-18795}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PG_DIR=""

# PostgreSQL refuses to run as root: run its binaries as the postgres user then.
pg_as() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_stop() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

pg_start() {
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then echo "PostgreSQL binaries not found (scripts/setup.sh --postgres installs them)" >&2; return 1; fi
  if ! node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($PG_PORT,'127.0.0.1',()=>s.close(()=>process.exit(0)))"; then
    echo "PostgreSQL: port $PG_PORT is already in use; set PG_PORT to a free port" >&2
    return 1
  fi
  PG_DIR=$(mktemp -d /tmp/cec-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" start >/dev/null || { cat "$PG_DIR/server.log" >&2; return 1; }
  export CEC_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
}
