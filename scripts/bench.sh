#!/usr/bin/env bash
# Performance figures (not a test: nothing here fails a build). Builds, starts
# its own servers — embedded SQLite, then a throw-away PostgreSQL as the tests
# do — and measures each figure with its baseline beside it, in one run on
# this machine:
#
#   bookings/s over HTTP (32 users: POST /api/v1/holds + /reservations, wrk +
#     bench/booking.lua) against the raw write-transaction rate of the same
#     database (bench/sqlite_baseline; pgbench with bench/booking.pgbench)
#   reads (a day's slots, the calendar, 手続き検索; wrk, 64 connections)
#     against /healthz on the same server, with their p99
#   the 08:00 storm (bench/storm.py: 1,000 keep-alive clients at once on a
#     newly opened day), and the server's RSS with those 1,000 connections open
#   growth: booking and read latency with a large history against empty
#
# and prints one table: figure, value, baseline, ratio, target, pass/fail.
#
#   scripts/bench.sh            15 s per measurement, 1,000,000 reservations of history
#   scripts/bench.sh --quick    5 s per measurement, 200,000 of history; under 3 minutes
#   scripts/bench.sh --micro    also the Google Benchmark micro-benchmarks (domain rules, search)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

quick=0
micro=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --micro) micro=1 ;;
    *) echo "usage: scripts/bench.sh [--quick] [--micro]" >&2; exit 2 ;;
  esac
done
seconds=$((quick ? 5 : 15))
history=$((quick ? 200000 : 1000000))
users=32
storm_clients=1000

for tool in wrk sqlite3 psql curl python3; do
  command -v "$tool" >/dev/null || { echo "scripts/bench.sh: $tool not found (scripts/setup.sh --for-tests)" >&2; exit 1; }
done
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

echo "==> building" >&2
cmake --build build/release -j "$(nproc)" --target yoyaku sqlite_baseline bench_fixture domain_bench search_bench >/dev/null
bin=${YOYAKU_BIN:-$root/build/release/yoyaku}  # YOYAKU_BIN: compare another build
bench_bin=$root/build/release/bench

work=$(mktemp -d /tmp/yoyaku-bench.XXXXXX)
server_pid=""
pg_dir=""
cleanup() {
  [[ -n "$server_pid" ]] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
  [[ -n "$pg_dir" ]] && scripts/test-postgres.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

table=()
# row FIGURE VALUE BASELINE RATIO TARGET PASS
row() { table+=("$(printf '%s|%s|%s|%s|%s|%s' "$@")"); }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}' if b else 'n/a')" "$1" "$2"; }
at_least() { python3 -c "import sys; print('pass' if float(sys.argv[1]) >= float(sys.argv[2]) else 'FAIL')" "$1" "$2"; }
below() { python3 -c "import sys; print('pass' if float(sys.argv[1]) < float(sys.argv[2]) else 'FAIL')" "$1" "$2"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_server DB_URL [SERVE_OPTION…]: sets server_pid and base.
start_server() {
  local port
  port=$(free_port)
  base="http://127.0.0.1:$port"
  "$bin" serve --db "$1" --listen "127.0.0.1:$port" --base-url "$base" --log-level warn \
    --reminder-time off "${@:2}" >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && return 0; sleep 0.1; done
  tail -n 20 "$work/server.log" >&2
  exit 1
}
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

prepare_database() {  # DB_URL
  "$bin" migrate --db "$1" >/dev/null 2>>"$work/setup.log"
  "$bin" import-offices --db "$1" data/hellowork-offices.csv >/dev/null 2>>"$work/setup.log"
  "$bin" seed-demo --db "$1" --without-bookings >/dev/null 2>>"$work/setup.log"
}

# sql DB_URL STATEMENTS: runs SQL with the database's own client.
sql() {
  case "$1" in
    sqlite:*) sqlite3 "${1#sqlite:}" "$2" ;;
    *) psql -qAt -d "$1" -c "$2" ;;
  esac
}

# The bench's procedure: ハローワーク品川's 職業相談 (13040).
procedure_id() { curl -fs "$base/api/v1/procedures?q=13040&kind=job_consultation" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])'; }

# write_slots FILE [last]: the open slot ids of every available day (or of the last one) in the calendar.
write_slots() {
  python3 - "$base" "$procedure" "${2:-all}" >"$1" <<'EOF'
import json, sys, urllib.request
base, procedure, which = sys.argv[1], sys.argv[2], sys.argv[3]
get = lambda path: json.load(urllib.request.urlopen(base + path))
days = [d["date"] for d in get(f"/api/v1/procedures/{procedure}/calendar?days=60")["facilities"][0]["frames"][0]["days"]
        if d["status"] == "available"]
if which == "last":
    days = days[-1:]
for day in days:
    for slot in get(f"/api/v1/procedures/{procedure}/slots?date={day}"):
        if slot["status"] != "full":
            print(slot["id"])
EOF
}

# wrk_get PATH: "requests/s p99_ms" for GETs at 64 connections.
wrk_get() {
  wrk -t2 -c64 -d"${seconds}s" --latency "$base$1" | python3 -c '
import re, sys
text = sys.stdin.read()
rate = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
value, unit = re.search(r"\n\s+99%\s+([\d.]+)(us|ms|s)", text).groups()
ms = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(rate, f"{ms:.2f}", non2xx.group(1) if non2xx else 0)'
}

# wrk_bookings: "bookings/s errors p99_ms" for 32 users booking.
wrk_bookings() {
  BENCH_TOKENS=$work/tokens BENCH_SLOTS=$work/slots BENCH_THREADS=$users \
    wrk -t"$users" -c"$users" -d"${seconds}s" -s bench/booking.lua "$base" |
    awk '/^bookings\/s/ {b=$2} /^errors/ {e=$2} /^p99_ms/ {p=$2} END {print b, e, p}'
}

# measure_reads LABEL: the three reads against /healthz, with p99.
measure_reads() {
  local label=$1 date
  date=$(head -n 1 "$work/slots" | cut -d- -f2)
  date="${date:0:4}-${date:4:2}-${date:6:2}"
  slots_path="/api/v1/procedures/$procedure/slots?date=$date"
  read -r health_rate health_p99 _ < <(wrk_get /healthz)
  row "$label /healthz (64 conn.)" "$health_rate/s" "" "" "" ""
  local name path rate p99 errors
  for name in slots calendar search; do
    case $name in
      slots) path=$slots_path ;;
      calendar) path="/api/v1/procedures/$procedure/calendar?days=14" ;;
      search) path="/api/v1/procedures?q=%E8%81%B7%E6%A5%AD%E7%9B%B8%E8%AB%87%20%E5%93%81%E5%B7%9D" ;;
    esac
    read -r rate p99 errors < <(wrk_get "$path")
    row "$label $name reads/s" "$rate" "$health_rate" "$(ratio "$rate" "$health_rate")" ">= 0.50" \
      "$(at_least "$(ratio "$rate" "$health_rate")" 0.5)"
    row "$label $name p99 ms" "$p99" "" "" "< 10" "$(below "$p99" 10)"
    [[ "$errors" == 0 ]] || row "$label $name non-2xx" "$errors" "" "" "0" "FAIL"
  done
}

# ---------------------------------------------------------------- SQLite
echo "==> SQLite: preparing" >&2
db="sqlite:$work/bench.db"
prepare_database "$db"
"$bench_bin/bench_fixture" users "$db" bench "$storm_clients" >"$work/tokens"
start_server "$db"
procedure=$(procedure_id)

# The storm first, while the newest day is untouched: its seats as the demo opens them.
write_slots "$work/storm-slots" last
seats=$(sql "$db" "SELECT COALESCE(SUM(seats), 0) FROM reservation_frames WHERE procedure_id = $procedure")
day_seats=$(( $(wc -l <"$work/storm-slots") * seats ))
echo "==> SQLite: the 08:00 storm ($storm_clients clients, $day_seats seats)" >&2
python3 bench/storm.py "$base" "$work/tokens" "$work/storm-slots" --connections "$storm_clients" --pid "$server_pid" \
  >"$work/storm.txt"
storm() { awk -v k="$1" '$1 == k {print $2}' "$work/storm.txt"; }
row "storm: holds given" "$(storm held)" "$day_seats seats" "" "= seats" \
  "$([[ "$(storm held)" == "$day_seats" ]] && echo pass || echo FAIL)"
row "storm: clean 409 予約不可" "$(storm refused)" "" "" "= the rest" \
  "$([[ $(( $(storm refused) + day_seats )) == "$storm_clients" ]] && echo pass || echo FAIL)"
row "storm: 5xx" "$(storm server_errors)" "" "" "0" "$([[ "$(storm server_errors)" == 0 ]] && echo pass || echo FAIL)"
row "storm: p99 ms" "$(storm p99_ms)" "" "" "< 1000" "$(below "$(storm p99_ms)" 1000)"
stuck=$(sql "$db" "SELECT COALESCE(SUM(taken), 0) - (SELECT COUNT(*) FROM holds WHERE released_at IS NULL) FROM slots")
row "storm: seats stuck afterwards" "$stuck" "" "" "0" "$([[ "$stuck" == 0 ]] && echo pass || echo FAIL)"
row "RSS MB, $storm_clients keep-alive conn." "$(storm rss_mb)" "" "" "< 100" "$(below "$(storm rss_mb)" 100)"

echo "==> SQLite: reads" >&2
write_slots "$work/slots"
measure_reads "SQLite"

echo "==> SQLite: bookings" >&2
# Seats enough for the whole run on every slot not made yet (a slot keeps the seats it was made with).
sql "$db" "UPDATE reservation_frames SET seats = 1000000 WHERE procedure_id = $procedure" >/dev/null
grep -v -x -F -f "$work/storm-slots" "$work/slots" >"$work/slots.booking" && mv "$work/slots.booking" "$work/slots"
read -r booked errors booking_p99 < <(wrk_bookings)
baseline=$("$bench_bin/sqlite_baseline" "$work/baseline.db" "$seconds")
row "SQLite bookings/s (32 users)" "$booked" "$baseline tx/s" "$(ratio "$booked" "$baseline")" ">= 0.25" \
  "$(at_least "$(ratio "$booked" "$baseline")" 0.25)"
row "SQLite booking errors" "$errors" "" "" "0" "$([[ "$errors" == 0 ]] && echo pass || echo FAIL)"
empty_booking_p99=$booking_p99
# The growth comparison reads both files in the same state: right after a booking run, whose slot rows the day's
# list then reads too (before any booking the day has none, and the list is cheaper).
read -r _ empty_slots_p99 _ < <(wrk_get "$slots_path")
row "SQLite slots p99 ms, after bookings" "$empty_slots_p99" "" "" "< 10" "$(below "$empty_slots_p99" 10)"

echo "==> SQLite: growth ($history reservations of history)" >&2
stop_server
python3 bench/grow.py "${db#sqlite:}" "$history" "$procedure"
start_server "$db"
read -r booked errors booking_p99 < <(wrk_bookings)
read -r _ grown_slots_p99 _ < <(wrk_get "$slots_path")
row "growth: booking p99 ms" "$booking_p99" "$empty_booking_p99 empty" "$(ratio "$booking_p99" "$empty_booking_p99")" "< 1.5x" \
  "$(below "$(ratio "$booking_p99" "$empty_booking_p99")" 1.5)"
row "growth: booking errors" "$errors" "" "" "0" "$([[ "$errors" == 0 ]] && echo pass || echo FAIL)"
row "growth: slots p99 ms" "$grown_slots_p99" "$empty_slots_p99 empty, after bookings" "$(ratio "$grown_slots_p99" "$empty_slots_p99")" "< 1.5x" \
  "$(below "$(ratio "$grown_slots_p99" "$empty_slots_p99")" 1.5)"
stop_server

full_baseline=$("$bench_bin/sqlite_baseline" "$work/baseline-full.db" "$seconds" full)
row "SQLite synchronous=FULL raw tx/s" "$full_baseline" "$baseline NORMAL" "$(ratio "$full_baseline" "$baseline")" "" ""
echo "==> SQLite: bookings with --sqlite-synchronous full" >&2
start_server "$db" --sqlite-synchronous full
read -r booked errors _ < <(wrk_bookings)
row "SQLite bookings/s, synchronous=FULL" "$booked" "$full_baseline tx/s" "$(ratio "$booked" "$full_baseline")" "" ""
row "SQLite booking errors, FULL" "$errors" "" "" "0" "$([[ "$errors" == 0 ]] && echo pass || echo FAIL)"
stop_server

# ---------------------------------------------------------------- PostgreSQL
echo "==> PostgreSQL: preparing" >&2
eval "$(scripts/test-postgres.sh start)"
pg_dir=$YOYAKU_TEST_PG_DIR
pg_admin=$YOYAKU_TEST_PG_URL
psql -qAt -d "$pg_admin" -c "CREATE DATABASE yoyaku_bench" -c "CREATE DATABASE yoyaku_bench_raw" >/dev/null
pg_db=${pg_admin%/*}/yoyaku_bench
pg_raw=${pg_admin%/*}/yoyaku_bench_raw
prepare_database "$pg_db"
"$bench_bin/bench_fixture" users "$pg_db" bench "$users" >"$work/tokens"
sql "$pg_db" "UPDATE reservation_frames SET seats = 1000000" >/dev/null
start_server "$pg_db"
procedure=$(procedure_id)
write_slots "$work/slots"
echo "==> PostgreSQL: reads" >&2
measure_reads "PostgreSQL"
echo "==> PostgreSQL: bookings" >&2
read -r booked errors booking_p99 < <(wrk_bookings)
stop_server
psql -qAt -d "$pg_raw" -f bench/booking-pgbench-init.sql >/dev/null 2>&1
pgbench_tps=$(pgbench -n -f bench/booking.pgbench -c "$users" -j 2 -T "$seconds" "$pg_raw" 2>/dev/null |
  awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]}')
row "PostgreSQL bookings/s (32 users)" "$booked" "$pgbench_tps tps" "$(ratio "$booked" "$pgbench_tps")" ">= 0.25" \
  "$(at_least "$(ratio "$booked" "$pgbench_tps")" 0.25)"
row "PostgreSQL booking errors" "$errors" "" "" "0" "$([[ "$errors" == 0 ]] && echo pass || echo FAIL)"
echo "    (PostgreSQL settings: scripts/test-postgres.sh's, the same for the server and pgbench)" >&2

if (( micro )); then
  echo "== domain rules"
  "$bench_bin/domain_bench" --benchmark_min_time=0.2
  echo "== procedure search (in-memory index)"
  "$bench_bin/search_bench" --benchmark_min_time=0.2
fi

# ---------------------------------------------------------------- the table
printf '\n%s, %s, %s s per measurement, %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc) cores" "$seconds" \
  "$(git describe --always --dirty 2>/dev/null || echo '?')"
{
  echo "figure|value|baseline|ratio|target|result"
  printf '%s\n' "${table[@]}"
} | python3 -c '
import sys
rows = [line.rstrip("\n").split("|") for line in sys.stdin]
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())'
