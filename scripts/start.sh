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
# No mail server in the demo: every mail the service sends is listed at /demo/mailbox
# (set YOYAKU_SMTP_URL to send real mail as well).
export YOYAKU_DEMO_MAILBOX="${YOYAKU_DEMO_MAILBOX:-1}"
yoyaku=build/release/yoyaku

echo "==> preparing the database ($YOYAKU_DB)"
"$yoyaku" migrate
"$yoyaku" import-offices data/hellowork-offices.csv
"$yoyaku" seed-demo

cat <<INFO

yoyaku is starting: $YOYAKU_BASE_URL
mail it sends (demo mailbox): $YOYAKU_BASE_URL/demo/mailbox
INFO
"$yoyaku" seed-demo --list-accounts
echo
exec "$yoyaku" serve
