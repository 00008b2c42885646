# PostgreSQL peer for bench/run (sourced): a throw-away cluster in the run's temp dir, listening
# on loopback only, run as the "postgres" system user when bench/run is root (initdb refuses
# root), stopped by pg_stop. Needs: put (from bench/run), ROOT.
PG_DIR=""
PG_PORT=${COOP_BENCH_PG_PORT:-}
if [ -z "$PG_PORT" ]; then  # first free loopback port from 55432
  PG_PORT=55432
  while ss -Hltn "sport = :$PG_PORT" 2>/dev/null | grep -q .; do PG_PORT=$((PG_PORT + 1)); done
fi

pg_as() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PG_BIN=$bin
  PG_DIR=$1/pg
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  pg_as "$bin/initdb" -D "$PG_DIR/data" -E UTF8 --locale=C.UTF-8 -A trust > "$1/initdb.log" 2>&1
  pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=100" start >&2
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE bench" postgres
}

pg_stop() {
  [ -n "$PG_DIR" ] && [ -d "$PG_DIR/data" ] && pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >&2
  PG_DIR=""
}

pg_psql() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -v ON_ERROR_STOP=1 "$@"; }

# pg_load SCALE COPYFILE: load + GIN build, timed together; table + index size.
pg_load() {
  local t0
  t0=$(date +%s.%N)
  pg_psql -q -f "$ROOT/bench/peers/pg_schema.sql" < "$2" 2> /dev/null
  put "$1" postgresql index_seconds "$(echo "$(date +%s.%N) - $t0" | bc -l)"
  put "$1" postgresql index_bytes "$(pg_psql -At -c "SELECT pg_total_relation_size('records')")"
}

# pg_bench SCALE CONNECTIONS NQUERIES SECONDS: pgbench running pg_search.sql on a random query.
pg_bench() {
  local dir=$PG_DIR/../pgbench$1_$2 jobs=$(( $2 < 2 ? 1 : 2 ))
  mkdir -p "$dir"
  { echo "\\set i random(1, $3)"; cat "$ROOT/bench/peers/pg_search.sql"; } > "$dir/script.sql"
  (cd "$dir" && pgbench -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c "$2" -j "$jobs" -T "$4" \
     -f script.sql -l --log-prefix=tx bench > out.txt 2>&1)
  put "$1" postgresql "load_c${2}_qps" "$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$dir/out.txt" | head -1)"
  # log lines: client tx latency_us script epoch epoch_us
  cat "$dir"/tx.* | awk '{print $3}' | sort -n > "$dir/lat"
  local n
  n=$(wc -l < "$dir/lat")
  put "$1" postgresql "load_c${2}_p50_ms" "$(awk -v n="$n" 'NR == int(n * 0.50) + 1 {printf "%.3f", $1 / 1000}' "$dir/lat")"
  put "$1" postgresql "load_c${2}_p99_ms" "$(awk -v n="$n" 'NR == int(n * 0.99) + 1 {printf "%.3f", $1 / 1000}' "$dir/lat")"
  put "$1" postgresql "load_c${2}_errors" "$(grep -c 'ERROR' "$dir/out.txt" || true)"
  rm -f "$dir"/tx.*
}
