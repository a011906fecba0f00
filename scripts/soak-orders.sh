#!/usr/bin/env bash
# Soak: 20,000 orders against a faulty hub that does not deduplicate, with the stress process and
# the hub each SIGKILLed once mid-burst and restarted, then `ledger --reconcile`. The figures in
# docs/BENCHMARKS.md come from this script. Usage: scripts/soak-orders.sh [WORKDIR] [PORT]
# Loopback only; every process it starts is ended.
set -u
cd "$(dirname "$0")/.."
WORK=${1:-$(mktemp -d)}; PORT=${2:-47311}; D=$WORK/data; F=$WORK/hub.sqlite; TOTAL=20000
mkdir -p "$WORK"; rm -rf "$D" "$F"*
TSX=node_modules/.bin/tsx
FLAGS="--port $PORT --no-dedupe --drop-request 0.05 --drop-reply 0.05 --duplicate-reply 0.05 --delay-ms 0-6000 --delay-p 0.02 --state-file $F --log-level warn"
HUB=""; STRESS=""
trap '[ -n "$STRESS" ] && kill -KILL -- -$STRESS 2>/dev/null; [ -n "$HUB" ] && kill -TERM -- -$HUB 2>/dev/null' EXIT

start_hub() { setsid $TSX src-main/hub/sim/cli.ts $FLAGS > "$WORK/hub.out" 2> "$WORK/hub.err" & HUB=$!; sleep 3; cat "$WORK/hub.out"; }
count_orders() { python3 -c "import sqlite3,sys;print(sqlite3.connect(sys.argv[1]).execute('select count(*) from orders').fetchone()[0])" "$D/ledger.sqlite"; }

start_hub
echo "== stress: $TOTAL orders, SIGKILLed after 40 s"
setsid $TSX src-main/tools/stress/cli.ts orders --hub tcp://127.0.0.1:$PORT --count $TOTAL --concurrency 200 --data-dir "$D" --json > "$WORK/s1.out" 2> "$WORK/s1.err" & STRESS=$!
sleep 40; kill -KILL -- -$STRESS; STRESS=""; echo "stress SIGKILLed"
kill -KILL -- -$HUB; HUB=""; echo "hub SIGKILLed"; sleep 1
echo "== ledger right after the kills"; $TSX src-main/tools/ledger/cli.ts --data-dir "$D" --json
RECORDED=$(count_orders); echo "orders recorded before the kill: $RECORDED"
start_hub
echo "== stress: the remaining $((TOTAL - RECORDED)) orders on the same data dir (reconciles first)"
$TSX src-main/tools/stress/cli.ts orders --hub tcp://127.0.0.1:$PORT --count $((TOTAL - RECORDED)) --concurrency 200 --data-dir "$D" --json
echo "== ledger --reconcile"
$TSX src-main/tools/ledger/cli.ts --data-dir "$D" --hub tcp://127.0.0.1:$PORT --reconcile --json
