#!/bin/bash
# usage: start.sh JAR DATADIR PORT -> prints ms from launch to first 200 on /health and to first chat 200
JAR=$1; DIR=$2; PORT=$3
t0=$(date +%s%N)
KEFU_LIMITS_PER_ADDRESS_PER_MINUTE=0 java -jar $JAR --port $PORT --data-dir $DIR > $DIR.log 2>&1 &
PID=$!
until curl -sf -o /dev/null http://127.0.0.1:$PORT/health; do sleep 0.02; if ! kill -0 $PID 2>/dev/null; then echo "died"; exit 1; fi; done
t1=$(date +%s%N)
# java -jar starts the server in a JVM of its own (ServerLauncher): count the launcher and the server
SPID=$(pgrep -P $PID | head -1); SPID=${SPID:-$PID}
CPU=$(awk '{s+=($14+$15)*10} END{print s}' $(printf '/proc/%s/stat\n' $PID $SPID | sort -u))
curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"text":"how long does shipping take?"}' http://127.0.0.1:$PORT/api/v1/chat
t2=$(date +%s%N)
echo "cpu_ms_at_health=$CPU health_ms=$(( (t1-t0)/1000000 )) first_chat_ms=$(( (t2-t0)/1000000 ))"
if [ -z "$KEEP" ]; then kill $PID; wait $PID 2>/dev/null; else echo $PID > $DIR.pid; fi
