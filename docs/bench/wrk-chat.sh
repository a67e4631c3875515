#!/bin/bash
# like bench.sh, plus the server's CPU per turn in each phase
JAR=$1; DIR=$2; PORT=$3; L=$4
rm -rf $DIR
KEFU_LIMITS_PER_ADDRESS_PER_MINUTE=0 java -jar $JAR --port $PORT --data-dir $DIR > $DIR.log 2>&1 &
PID=$!
until curl -sf -o /dev/null http://127.0.0.1:$PORT/health; do sleep 0.1; done
U="http://127.0.0.1:$PORT"
# java -jar starts the server in a JVM of its own (ServerLauncher): count the launcher and the server
SPID=$(pgrep -P $PID | head -1); SPID=${SPID:-$PID}
cpu() { awk '{s+=($14+$15)*10} END{print s}' $(printf '/proc/%s/stat\n' $PID $SPID | sort -u); }
WRK_OFFSET=0 wrk -t2 -c8 -d15s -s chat.lua $U > /dev/null
c0=$(cpu); r=$(WRK_OFFSET=40000 wrk -t1 -c1 -d10s --latency -s chat.lua $U | grep turns_per_s); c1=$(cpu)
n=$(echo "$r" | sed 's/.*requests=\([0-9]*\).*/\1/'); echo "$L c1 $r cpu_ms_per_turn=$(( (c1-c0)/n )) load=$(cut -d' ' -f1 /proc/loadavg)"
c0=$(cpu); r=$(WRK_OFFSET=60000 wrk -t2 -c8 -d15s --latency -s chat.lua $U | grep turns_per_s); c1=$(cpu)
n=$(echo "$r" | sed 's/.*requests=\([0-9]*\).*/\1/'); echo "$L c8 $r cpu_ms_per_turn=$(( (c1-c0)/n )) load=$(cut -d' ' -f1 /proc/loadavg)"
echo "$L rss_mb=$(( $(awk '/VmRSS/{print $2}' /proc/$SPID/status) / 1024 )) (server JVM; launcher $(( $(awk '/VmRSS/{print $2}' /proc/$PID/status) / 1024 )))"
kill $PID; wait $PID 2>/dev/null
