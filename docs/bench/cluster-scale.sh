#!/usr/bin/env bash
# Issue 18, item 8: does a second node add throughput? One Kefu node pinned to one core, then two
# nodes pinned to one core each, both times behind nginx (no sticky sessions) on the local
# PostgreSQL (a fresh schema, dropped at the end), loaded by `kefu-eval load` for the same
# duration. Prints turns/s and p99 of each and the throughput ratio (the issue's target: >= 1.7).
#
#   mvn -B -DskipTests package          # channels/target/kefu-server.jar, evaluation/target/kefu-eval.jar
#   docs/bench/cluster-scale.sh [SECONDS]   # default 60 measured, after WARM_UP (30) unmeasured
#
# Cores: node 1 on core 0, node 2 on core 1. The load generator, nginx and PostgreSQL need CPU
# too: on a machine with 4 or more cores they get cores 2.. (GEN_CORES), away from the nodes; on a
# 2- or 3-core machine they share the nodes' cores (the script says so), which takes throughput
# from the nodes in both runs and more so in the two-node run: the ratio measured there is a lower
# bound. Run it on a quiet machine (nothing else building), and read the load average it prints.
#
# Settings (environment): PG_JDBC (jdbc URL of the database, default the local `test` as
# postgres), PSQL_URL (the same for psql), PORT_BASE (nginx on it, the nodes on +1 and +2; default
# 7480), CONNECTIONS (closed-loop streams, default 16: enough to saturate one core),
# SERVER_JAR, EVAL_JAR, WARM_UP, GEN_CORES.
set -euo pipefail
export LC_ALL=C # the figures are parsed and printed with a dot

cd "$(dirname "$0")/../.."
DURATION=${1:-60}
WARM_UP=${WARM_UP:-30}
CONNECTIONS=${CONNECTIONS:-16}
PORT_BASE=${PORT_BASE:-7480}
PG_JDBC=${PG_JDBC:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
PSQL_URL=${PSQL_URL:-postgresql://postgres@127.0.0.1:5432/test}
SERVER_JAR=${SERVER_JAR:-channels/target/kefu-server.jar}
EVAL_JAR=${EVAL_JAR:-evaluation/target/kefu-eval.jar}
CORES=$(nproc)
if [ -z "${GEN_CORES:-}" ]; then
    if [ "$CORES" -ge 4 ]; then GEN_CORES="2-$((CORES - 1))"; else GEN_CORES="0-$((CORES - 1))"; fi
fi
if [ "$CORES" -lt 4 ]; then
    echo "note: $CORES cores: the load generator, nginx and PostgreSQL share the nodes' cores (GEN_CORES=$GEN_CORES);" \
        "the two-node ratio is a lower bound" >&2
fi
for tool in taskset nginx psql curl java; do
    command -v "$tool" > /dev/null || { echo "missing: $tool (apt-get install util-linux nginx postgresql-client curl)" >&2; exit 2; }
done
[ -f "$SERVER_JAR" ] && [ -f "$EVAL_JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }

WORK=$(mktemp -d /tmp/kefu-cluster-scale.XXXXXX)
SCHEMA="kefu_scale_$(date +%s)_$$"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2> /dev/null || true
    psql -q "$PSQL_URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" > /dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
psql -q "$PSQL_URL" -c "CREATE SCHEMA $SCHEMA"

# start_node N CORE: node N on core CORE, port PORT_BASE+N, its own data directory
start_node() {
    local n=$1 core=$2 port=$((PORT_BASE + $1))
    KEFU_STORAGE_URL="$PG_JDBC&currentSchema=$SCHEMA" KEFU_LIMITS_PER_ADDRESS_PER_MINUTE=0 \
        taskset -c "$core" java -XX:ActiveProcessorCount=1 -XX:TieredStopAtLevel=1 -jar "$SERVER_JAR" \
        --port "$port" --data-dir "$WORK/node$n" > "$WORK/node$n.log" 2>&1 &
    PIDS+=($!)
    local deadline=$((SECONDS + 600))
    until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
        [ $SECONDS -lt $deadline ] || { echo "node $n did not start; see its log:" >&2; tail -20 "$WORK/node$n.log" >&2; exit 1; }
        sleep 1
    done
}

# proxy N: nginx on PORT_BASE in front of nodes 1..N (docs/cluster/nginx.conf's proxy settings)
proxy() {
    local servers="" i
    for i in $(seq 1 "$1"); do servers+="server 127.0.0.1:$((PORT_BASE + i));"; done
    [ -f "$WORK/nginx.pid" ] && { kill "$(cat "$WORK/nginx.pid")"; sleep 1; }
    cat > "$WORK/nginx.conf" << CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx-body; proxy_temp_path $WORK/nginx-proxy;
    fastcgi_temp_path $WORK/nginx-fcgi; uwsgi_temp_path $WORK/nginx-uwsgi; scgi_temp_path $WORK/nginx-scgi;
    upstream kefu { $servers keepalive 64; }
    map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
    server {
        listen 127.0.0.1:$PORT_BASE;
        location / {
            proxy_pass http://kefu; proxy_http_version 1.1;
            proxy_set_header Upgrade \$http_upgrade; proxy_set_header Connection \$connection_upgrade;
            proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_read_timeout 120s; proxy_buffering off;
        }
    }
}
CONF
    taskset -c "$GEN_CORES" nginx -c "$WORK/nginx.conf" -p "$WORK"
}

# measure LABEL: prints "LABEL turns_per_s p99_ms errors"
measure() {
    local line
    line=$(taskset -c "$GEN_CORES" java -jar "$EVAL_JAR" load --url "http://127.0.0.1:$PORT_BASE" \
        --connections "$CONNECTIONS" --duration "$DURATION" --warm-up "$WARM_UP" --out "$WORK/$1.json" \
        | grep 'turns/s')
    echo "$1 $(echo "$line" | sed -E 's#^([0-9.]+) turns/s, p50 ([0-9.]+) ms, p99 ([0-9.]+) ms, errors ([0-9]+).*#\1 \3 \4#')"
}

echo "cluster-scale: ${DURATION}s measured after ${WARM_UP}s warm-up, $CONNECTIONS connections, $CORES cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_node 1 0
proxy 1
read -r _ ONE_TPS ONE_P99 ONE_ERR <<< "$(measure one-node)"
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2> /dev/null || true; PIDS=()

start_node 1 0
start_node 2 1
proxy 2
read -r _ TWO_TPS TWO_P99 TWO_ERR <<< "$(measure two-nodes)"

printf '%-10s %10s %10s %8s\n' run turns/s p99_ms errors
printf '%-10s %10.1f %10.1f %8s\n' one-node "$ONE_TPS" "$ONE_P99" "$ONE_ERR"
printf '%-10s %10.1f %10.1f %8s\n' two-nodes "$TWO_TPS" "$TWO_P99" "$TWO_ERR"
echo "ratio (two nodes / one node): $(awk -v a="$TWO_TPS" -v b="$ONE_TPS" 'BEGIN { printf "%.2f", a / b }')" \
    "(target >= 1.7); load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
