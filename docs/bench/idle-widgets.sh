#!/bin/bash
# docs/bench/idle-widgets.sh JAR LABEL, from the checkout (after a build): 10,000 idle widgets on a
# product page; the report (idle-LABEL.json), then the server JVM's CPU 160-200 s into the hold,
# once outreach has decided every widget (the demo's page rule greets after 90 s)
JAR=$1; L=$2; PORT=7394; DIR=/tmp/idle2-$L
rm -rf $DIR
KEFU_LIMITS_PER_ADDRESS_PER_MINUTE=0 java -jar $JAR --port $PORT --data-dir $DIR > $DIR.log 2>&1 &
PID=$!
until curl -sf -o /dev/null http://127.0.0.1:$PORT/health; do sleep 0.1; done
SPID=$(pgrep -P $PID | head -1)
java -jar evaluation/target/kefu-eval.jar load --url http://127.0.0.1:$PORT --idle-sockets 10000 --page product-x200 \
  --duration 210 --server-pid $PID --out idle-$L.json > idle-$L.out 2>&1 &
EV=$!
until grep -q "sockets open" idle-$L.out; do sleep 0.5; done
sleep 160; a=$(awk '{print $14+$15}' /proc/$SPID/stat); sleep 40; b=$(awk '{print $14+$15}' /proc/$SPID/stat)
echo "$L steady cpu cores (160-200 s into the hold): $(python3 -c "print(round(($b-$a)/100/40, 3))")"
wait $EV; kill $PID; wait $PID 2>/dev/null
python3 -c "import json; d=json.load(open('idle-$L.json')); print('$L', d['n_held'], d['n_outreach'], d.get('server_cpu_cores_held'), d.get('last_outreach_s'))"
