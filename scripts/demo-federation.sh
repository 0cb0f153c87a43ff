#!/usr/bin/env bash
# The demo federation on this machine: ten node processes on loopback ports, one development PKI
# (and Hong Kong's own root).
#
#   scripts/demo-federation.sh start    build if needed, create keys (certs tool), start all ten nodes
#   scripts/demo-federation.sh feed     records at the county (360404) → shown arriving at national (100000);
#                                       a serious-dishonesty list entry at the province (360000) → at the county
#   scripts/demo-federation.sh query    after feed: Jiangsu (320000) asks Jiangxi (360000) about a listed subject
#                                       under 长三角 (互查), the answer verified; Hong Kong (810000) asks under
#                                       泛珠三角; then Jiangxi's alliance table
#   scripts/demo-federation.sh recognise  mutual recognition (互认): Hong Kong (810000, own root) lists a company
#                                       as 诚信企业 and Zhejiang (330000) one as seriously dishonest; Jiangxi's
#                                       matching answers change, with provenance; switched off and on again
#   scripts/demo-federation.sh status   each node's links (queue depth, last success/error, what neighbours hold)
#   scripts/demo-federation.sh stop     SIGTERM to every node
#
# Nodes: 100000 national (:8410), 360000 Jiangxi (:8420), 360400 Jiujiang (:8430), 360404 Chaisang
# (:8440), 320000 Jiangsu (:8450), 310000 Shanghai (:8460), 330000 Zhejiang (:8470), 340000 Anhui
# (:8480) — 长三角 with Jiangxi; 440000 Guangdong (:8490), 810000 Hong Kong (:8500, its own PKI) —
# 泛珠三角 with Jiangxi. Admin listeners are +1, federation (mutual TLS) ports +1000. Each node writes its bootstrap operator token to data/<id>/admin.token; "feed"
# creates the department accounts it needs (keys in data/demo-keys/). Data, logs and pids live under
# data/; keys under federation-keys/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
NODES="100000 360000 360400 360404 320000 310000 330000 340000 440000 810000"
JAR=node/target/credit-node.jar
BENCH=bench/target/credit-bench.jar   # the demo feeder lives beside the benchmarks, not in the node
CERTS=certs/target/credit-certs-cli.jar
LOGS=data/demo-logs
PIDS=data/demo.pids
declare -A PORT=([100000]=8410 [360000]=8420 [360400]=8430 [360404]=8440 [320000]=8450 [310000]=8460 [330000]=8470
  [340000]=8480 [440000]=8490 [810000]=8500)
# The authority the sample records report for (SampleRecords.authorityUscc("360404", 1)).
AUTHORITY=113604040000000194
KEYS=data/demo-keys

node() { java -jar "$JAR" "$@"; }
bench() { java -jar "$BENCH" "$@"; }
admin() { # admin NODE COMMAND ... : an operator command with the node's bootstrap token
  local n=$1; shift
  node admin --url "http://127.0.0.1:$((PORT[$n] + 1))" --token-file "data/$n/admin.token" "$@"
}
department_key() { # department_key NODE -> a file with an API key of a demo department account at NODE
  local f="$KEYS/$1.key"
  if [ ! -s "$f" ]; then
    mkdir -p "$KEYS"
    admin "$1" --json account-create --name "演示部门系统" --authority "$AUTHORITY" --category ADMIN_PENALTY \
      --category SERIOUS_DISHONESTY_LIST --category RED_LIST --purpose SUPERVISION | python3 -c "import json,sys; print(json.load(sys.stdin)['key'])" > "$f"
    chmod 600 "$f"
  fi
  echo "$f"
}
held() { # held AT ORIGIN -> number of ORIGIN's records held at node AT
  curl -sf -H "Authorization: Bearer $(cat "data/$1/admin.token")" "http://127.0.0.1:$((PORT[$1] + 1))/admin/v1/origins" | python3 -c \
    "import json,sys; print(json.load(sys.stdin)['origins'].get('$2',{}).get('records',0))" 2>/dev/null || echo 0
}
check() { # check AT CODE -> the signed matching answer (JSON) for a supervision check of CODE at node AT
  curl -sf -H "Authorization: Bearer $(cat "$(department_key "$1")")" -H 'Content-Type: application/json' \
    -d "{\"subject\": \"$2\", \"purpose\": \"SUPERVISION\"}" "http://127.0.0.1:${PORT[$1]}/api/v1/checks"
}
explain() { # a matching answer, as a department reads it: entries with provenance, measures, incentives
  python3 -c '
import json, sys
a = json.load(sys.stdin)
for e in a["entries"]:
    rec = e.get("provenance", {}).get("recognition", {}).get("statement", {})
    how = "recognised under %s (rule %s), signed by this node" % (rec["policy"], rec["rule"]) if rec else "domestic"
    print("     entry %s %s %s from %s: %s" % (e["recordId"], e["category"], e.get("statusLabel", ""), e["origin"], how))
for n in a.get("notRecognised", []):
    print("     held, not counted: %s (%s)" % (n["recordId"], n.get("reason", n.get("rule", ""))))
m = a["measures"]
print("     measures: %d mandatory, %d recommended; incentives: %d" % (len(m["mandatory"]), len(m["recommended"]), len(a.get("incentives", []))))
if not a["entries"] and not a.get("notRecognised"): print("     no entries")'
}
wait_for() { # wait_for AT ORIGIN COUNT WHAT
  local t0=$SECONDS
  until [ "$(held "$1" "$2")" -ge "$3" ]; do
    if [ $((SECONDS - t0)) -gt 120 ]; then echo "  not there after 120 s: see '$0 status'"; return 1; fi
    sleep 0.5
  done
  echo "  $4: $(held "$1" "$2") records of $2 at $1 after $((SECONDS - t0)) s"
}

case "${1:-}" in
  start)
    [ -f "$JAR" ] && [ -f "$BENCH" ] && [ -f "$CERTS" ] || mvn -q -B -DskipTests package
    if [ ! -f federation-keys/signing-trust.pem ]; then
      java -jar "$CERTS" federation --out federation-keys --nodes "${NODES// /,}"
    fi
    # Hong Kong's own root, which config/alliances/pprd.yaml names as 810000's trust anchor
    [ -f federation-keys/foreign/810000/roots.pem ] || java -jar "$CERTS" foreign --dir federation-keys/foreign/810000 \
      --node 810000 --national federation-keys
    mkdir -p "$LOGS"; : > "$PIDS"
    for n in $NODES; do
      # C1 only, parallel GC, a small heap: ten JVMs on a small machine do better so (see README, Performance)
      nohup java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xmx512m -jar "$JAR" --config "config/$n.yaml" > "$LOGS/$n.log" 2>&1 &
      echo $! >> "$PIDS"
    done
    for n in $NODES; do
      until curl -sf "http://127.0.0.1:${PORT[$n]}/health" > /dev/null; do sleep 0.5; done
      echo "node $n up: http://127.0.0.1:${PORT[$n]}  (log $LOGS/$n.log)"
    done ;;
  feed)
    before=$(held 100000 360404)
    echo "1. 1000 administrative penalties submitted at the county 360404 (Chaisang) ..."
    bench feed --url http://127.0.0.1:8440 --key-file "$(department_key 360404)" --records 1000 2>/dev/null
    wait_for 100000 360404 $((before + 1000)) "county → city → province → national"
    before=$(held 360404 360000)
    echo "2. 3 serious-dishonesty list entries made at the province 360000 (Jiangxi) ..."
    bench feed --url http://127.0.0.1:8420 --key-file "$(department_key 360000)" --records 3 --category SERIOUS_DISHONESTY_LIST 2>/dev/null
    wait_for 360404 360000 $((before + 3)) "province → city → county"
    echo "Look at one (an authorised read, written to the query log):"
    echo "  curl -s -H \"Authorization: Bearer \$(cat $KEYS/360404.key)\" -H 'X-Purpose: SUPERVISION' http://127.0.0.1:8440/api/v1/records/360000-1"
    echo "The public view (masked, no key): curl -s http://127.0.0.1:8440/public/v1/subjects/<code>/records" ;;
  query)
    code=$(curl -sf -H "Authorization: Bearer $(cat "$(department_key 360000)")" -H 'X-Purpose: SUPERVISION' \
      http://127.0.0.1:8420/api/v1/records/360000-1 | python3 -c "import json,sys; print(json.load(sys.stdin)['subject']['code'])") \
      || { echo "no record 360000-1 yet: run '$0 feed' first"; exit 1; }
    echo "Jiangsu (320000) asks Jiangxi (360000) about $code for 政府采购 under 长三角 (互查):"
    admin 320000 alliance-query --alliance yrd --partner 360000 --subject "$code" --purpose PROCUREMENT
    echo "Hong Kong (810000, its own root, trusted by Jiangxi for 泛珠三角 only) asks the same under 泛珠三角:"
    admin 810000 alliance-query --alliance pprd --partner 360000 --subject "$code" --purpose PROCUREMENT
    echo "Jiangxi's view of its alliances:"
    admin 360000 alliances ;;
  recognise)
    echo "1. Hong Kong (810000, its own root) lists a company as 诚信企业 (red list) ..."
    hk=$(bench feed --url http://127.0.0.1:8500 --key-file "$(department_key 810000)" --records 1 --category RED_LIST --print-ids 2>/dev/null | tail -1)
    echo "2. Zhejiang (330000) lists a company as seriously dishonest (严重失信主体名单) ..."
    zj=$(bench feed --url http://127.0.0.1:8470 --key-file "$(department_key 330000)" --records 1 --category SERIOUS_DISHONESTY_LIST --print-ids 2>/dev/null | tail -1)
    for rec in "$hk" "$zj"; do
      origin=${rec%%-*}
      code=$(curl -sf -H "Authorization: Bearer $(cat "$(department_key "$origin")")" -H 'X-Purpose: SUPERVISION' \
        "http://127.0.0.1:${PORT[$origin]}/api/v1/records/$rec" | python3 -c "import json,sys; print(json.load(sys.stdin)['subject']['code'])")
      echo "   $rec is about $code; waiting for Jiangxi (360000) to hold it (peer link, verified against $origin's roots) ..."
      t0=$SECONDS
      until [ "$(check 360000 "$code" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['entries']))")" -ge 1 ]; do
        if [ $((SECONDS - t0)) -gt 120 ]; then echo "   not there after 120 s: see '$0 status'"; exit 1; fi
        sleep 0.5
      done
      echo "   Jiangxi's matching answer (联合奖惩自动匹配) for $code after $((SECONDS - t0)) s:"
      check 360000 "$code" | explain
    done
    echo "3. The operator switches off recognition of Hong Kong's red lists at Jiangxi: the effect goes at once"
    curl -sf -X POST -H "Authorization: Bearer $(cat data/360000/admin.token)" -H 'Content-Type: application/json' \
      -d '{"partner": "810000", "category": "RED_LIST", "enabled": false}' http://127.0.0.1:8421/admin/v1/alliances/pprd/recognition > /dev/null
    code=$(curl -sf -H "Authorization: Bearer $(cat "$(department_key 810000)")" -H 'X-Purpose: SUPERVISION' \
      "http://127.0.0.1:8500/api/v1/records/$hk" | python3 -c "import json,sys; print(json.load(sys.stdin)['subject']['code'])")
    check 360000 "$code" | explain
    curl -sf -X POST -H "Authorization: Bearer $(cat data/360000/admin.token)" -H 'Content-Type: application/json' \
      -d '{"partner": "810000", "category": "RED_LIST", "enabled": true}' http://127.0.0.1:8421/admin/v1/alliances/pprd/recognition > /dev/null
    echo "   ... and on again. Jiangxi's alliance table (互认 column: entries recognised per partner):"
    admin 360000 alliances ;;
  status)
    for n in $NODES; do echo "== $n"; admin "$n" links 2>/dev/null || echo "  down"; done ;;
  stop)
    [ -f "$PIDS" ] && xargs -r kill < "$PIDS" 2>/dev/null || true
    rm -f "$PIDS"; echo "stopped" ;;
  *)
    sed -n '2,24p' "$0"; exit 2 ;;
esac
