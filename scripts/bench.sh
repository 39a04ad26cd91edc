#!/usr/bin/env bash
# Prints performance figures (not a test): domain micro-benchmarks and, with
# wrk, the home page and /healthz served from SQLite. Run after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build --preset release -j "$(nproc)" >/dev/null

echo "== domain rules"
build/release/bench/domain_bench --benchmark_min_time=0.2
echo "== procedure search (603 procedures of 534 offices, in-memory index)"
build/release/bench/search_bench --benchmark_min_time=0.2

if ! command -v wrk >/dev/null 2>&1; then
  echo "== HTTP: install wrk (apt-get install -y wrk) for request-rate figures"
  exit 0
fi
dir=$(mktemp -d /tmp/yoyaku-bench.XXXXXX)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
db="sqlite:$dir/bench.db"
build/release/yoyaku migrate --db "$db" >/dev/null
build/release/yoyaku import-offices --db "$db" data/hellowork-offices.csv >/dev/null
build/release/yoyaku seed-demo --db "$db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
build/release/yoyaku serve --db "$db" --listen "127.0.0.1:$port" --log-level warn &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
for path in / /healthz "/api/v1/procedures?q=%E8%81%B7%E6%A5%AD%E7%9B%B8%E8%AB%87%20%E5%93%81%E5%B7%9D"; do
  echo "== HTTP GET $path (10 s, 2 threads, 32 connections)"
  wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$port$path" | grep -E "Requests/sec|Latency|50%|99%"
done
