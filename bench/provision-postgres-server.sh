#!/usr/bin/env bash
# A Temporal 1.29.1 server on PostgreSQL 15 for the benchmarks (bench/scale.ts --server postgres),
# without Docker: the server and its SQL tool built with `go install` (cached), Debian's
# PostgreSQL in a throw-away data directory, the schema set up as deploy/setup-temporal-schema.sh
# does, the `default` namespace created. Loopback only, ports away from 7233/8233/8080.
#
#   bench/provision-postgres-server.sh build    # go install the server + SQL tool (cached)
#   bench/provision-postgres-server.sh start    # build if needed, initdb, schema, server, namespace
#   bench/provision-postgres-server.sh stop     # stop the server and PostgreSQL, remove the data
#   bench/provision-postgres-server.sh pids     # "<temporal-server pid> <postgres pid>"
#
# Settings (environment): DONDOC_BENCH_TOOLS (binaries, default ~/.cache/dondoc/tools/temporal-server-v1.29.1),
# DONDOC_BENCH_PG_DIR (data, config, logs; default /tmp/dondoc-bench/pg-server), PG_PORT (17432),
# FRONTEND_PORT (17233; history, matching, worker and membership ports follow it), PG_BIN
# (/usr/lib/postgresql/15/bin), TEMPORAL_CLI (else the one in .tools/tools.json), SHARDS (4).
# PostgreSQL keeps its defaults (fsync, synchronous_commit on): production-like durability.
set -euo pipefail

VERSION=1.29.1
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
TOOLS=${DONDOC_BENCH_TOOLS:-$HOME/.cache/dondoc/tools/temporal-server-v$VERSION}
WORK=${DONDOC_BENCH_PG_DIR:-/tmp/dondoc-bench/pg-server}
PG_PORT=${PG_PORT:-17432}
FRONTEND_PORT=${FRONTEND_PORT:-17233}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
SHARDS=${SHARDS:-4}
HISTORY_PORT=$((FRONTEND_PORT + 1)) MATCHING_PORT=$((FRONTEND_PORT + 2)) WORKER_PORT=$((FRONTEND_PORT + 6))
HTTP_PORT=$((FRONTEND_PORT + 10))
MEMBER_BASE=$((FRONTEND_PORT - 300)) # 16933.. for the default 17233
ADDRESS=127.0.0.1:$FRONTEND_PORT

log() { echo "provision-postgres-server: $*" >&2; }

temporal_cli() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then echo "$TEMPORAL_CLI"; return; fi
  node -e 'console.log(require(process.argv[1]).temporalCli)' "$ROOT/.tools/tools.json"
}

build() {
  mkdir -p "$TOOLS"
  if [ ! -x "$TOOLS/temporal-server" ]; then
    log "go install go.temporal.io/server/cmd/server@v$VERSION (first time: minutes; cached afterwards)"
    GOBIN="$TOOLS" go install "go.temporal.io/server/cmd/server@v$VERSION"
    mv "$TOOLS/server" "$TOOLS/temporal-server"
  fi
  if [ ! -x "$TOOLS/temporal-sql-tool" ]; then
    log "go install go.temporal.io/server/cmd/tools/sql@v$VERSION"
    GOBIN="$TOOLS" go install "go.temporal.io/server/cmd/tools/sql@v$VERSION"
    mv "$TOOLS/sql" "$TOOLS/temporal-sql-tool"
  fi
  if [ ! -d "$TOOLS/schema/postgresql/v12" ]; then
    local dir
    dir=$(go mod download -json "go.temporal.io/server@v$VERSION" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).Dir))')
    mkdir -p "$TOOLS/schema"
    cp -r "$dir/schema/postgresql" "$TOOLS/schema/"
    chmod -R u+w "$TOOLS/schema"
  fi
}

# PostgreSQL refuses to run as root: run its tools as the `postgres` user when we are root.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  mkdir -p "$WORK"
  if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
  if [ ! -f "$WORK/pgdata/PG_VERSION" ]; then
    # trust on loopback: a throw-away benchmark database, no password to keep anywhere.
    as_pg "$PG_BIN/initdb" -D "$WORK/pgdata" -U temporal --auth=trust -E UTF8 >"$WORK/initdb.log"
  fi
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -l "$WORK/postgres.log" -w \
    -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

schema() {
  local sql=("$TOOLS/temporal-sql-tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" -u temporal)
  export SQL_PASSWORD=temporal
  for pair in "temporal:temporal" "temporal_visibility:visibility"; do
    local db=${pair%%:*} dir=${pair##*:}
    "${sql[@]}" --db "$db" create >>"$WORK/schema.log" 2>&1
    "${sql[@]}" --db "$db" setup-schema -v 0.0 >>"$WORK/schema.log" 2>&1
    "${sql[@]}" --db "$db" update-schema -d "$TOOLS/schema/postgresql/v12/$dir/versioned" >>"$WORK/schema.log" 2>&1
  done
}

write_config() {
  mkdir -p "$WORK/config"
  store() {
    cat <<YAML
            sql:
                pluginName: postgres12
                databaseName: $1
                connectAddr: "127.0.0.1:$PG_PORT"
                connectProtocol: tcp
                user: temporal
                password: temporal
                maxConns: $2
                maxIdleConns: $2
                maxConnLifetime: 1h
YAML
  }
  cat >"$WORK/config/development.yaml" <<YAML
log:
    stdout: true
    level: warn
persistence:
    numHistoryShards: $SHARDS
    defaultStore: default
    visibilityStore: visibility
    datastores:
        default:
$(store temporal 20)
        visibility:
$(store temporal_visibility 10)
global:
    membership:
        maxJoinDuration: 30s
        broadcastAddress: "127.0.0.1"
services:
    frontend:
        rpc: { grpcPort: $FRONTEND_PORT, membershipPort: $MEMBER_BASE, bindOnIP: 127.0.0.1, httpPort: $HTTP_PORT }
    matching:
        rpc: { grpcPort: $MATCHING_PORT, membershipPort: $((MEMBER_BASE + 2)), bindOnIP: 127.0.0.1 }
    history:
        rpc: { grpcPort: $HISTORY_PORT, membershipPort: $((MEMBER_BASE + 1)), bindOnIP: 127.0.0.1 }
    worker:
        rpc: { grpcPort: $WORKER_PORT, membershipPort: $((MEMBER_BASE + 6)), bindOnIP: 127.0.0.1 }
clusterMetadata:
    enableGlobalNamespace: false
    failoverVersionIncrement: 10
    masterClusterName: active
    currentClusterName: active
    clusterInformation:
        active:
            enabled: true
            initialFailoverVersion: 1
            rpcName: frontend
            rpcAddress: $ADDRESS
            httpAddress: 127.0.0.1:$HTTP_PORT
dcRedirectionPolicy:
    policy: noop
dynamicConfigClient:
    filepath: $ROOT/deploy/dynamicconfig/development-sql.yaml
    pollInterval: 60s
YAML
}

start_server() {
  write_config
  nohup "$TOOLS/temporal-server" --root "$WORK" --config config --env development --allow-no-auth start \
    >"$WORK/server.log" 2>&1 </dev/null &
  echo $! >"$WORK/server.pid"
  local cli
  cli=$(temporal_cli)
  for _ in $(seq 1 120); do
    if "$cli" operator cluster health --address "$ADDRESS" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$WORK/server.pid")" 2>/dev/null; then log "the server exited:"; tail -20 "$WORK/server.log" >&2; exit 1; fi
    sleep 0.5
  done
  "$cli" operator namespace describe --address "$ADDRESS" --namespace default >/dev/null 2>&1 ||
    "$cli" operator namespace create --address "$ADDRESS" --namespace default --retention 24h >/dev/null
  for _ in $(seq 1 60); do
    "$cli" workflow list --address "$ADDRESS" --namespace default --limit 1 >/dev/null 2>&1 && break
    sleep 0.5
  done
}

pg_pid() { head -1 "$WORK/pgdata/postmaster.pid" 2>/dev/null || true; }

case "${1:-start}" in
  build) build ;;
  start)
    build
    t0=$(date +%s.%N)
    start_postgres
    schema
    start_server
    log "Temporal $VERSION on PostgreSQL at $ADDRESS (data in $WORK) in $(echo "$(date +%s.%N) - $t0" | bc) s"
    echo "$ADDRESS"
    ;;
  pids) echo "$(cat "$WORK/server.pid" 2>/dev/null) $(pg_pid)" ;;
  stop)
    if [ -f "$WORK/server.pid" ]; then
      pid=$(cat "$WORK/server.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$WORK/server.pid"
    fi
    if [ -f "$WORK/pgdata/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pgdata" -m fast -w stop >/dev/null || true; fi
    rm -rf "$WORK"
    ;;
  *) echo "usage: $0 build|start|stop|pids" >&2; exit 2 ;;
esac
