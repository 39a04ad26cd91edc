#!/usr/bin/env bash
# Sets up yoyaku, prepares an embedded SQLite database with every office and
# the demo data, and serves it on http://localhost:8080 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

mkdir -p var
export YOYAKU_DB="${YOYAKU_DB:-sqlite:$PWD/var/yoyaku.db}"
export YOYAKU_LISTEN="${YOYAKU_LISTEN:-127.0.0.1:8080}"
export YOYAKU_BASE_URL="${YOYAKU_BASE_URL:-http://localhost:${YOYAKU_LISTEN##*:}}"
yoyaku=build/release/yoyaku

echo "==> preparing the database ($YOYAKU_DB)"
"$yoyaku" migrate
"$yoyaku" import-offices data/hellowork-offices.csv
"$yoyaku" seed-demo

cat <<INFO

yoyaku is starting: $YOYAKU_BASE_URL
INFO
"$yoyaku" seed-demo --list-accounts
echo
exec "$yoyaku" serve
