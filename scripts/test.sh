#!/usr/bin/env bash
# Sets everything up and runs every test: unit tests, the store suite on SQLite
# and on a real PostgreSQL, integration tests against the real server binary,
# and end-to-end tests in Chromium. Ends with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --for-tests

eval "$(scripts/test-postgres.sh start)"
trap 'scripts/test-postgres.sh stop "$YOYAKU_TEST_PG_DIR"' EXIT
echo "==> PostgreSQL for the tests: $YOYAKU_TEST_PG_URL"

log=build/release/test-output.log
set +e
ctest --test-dir build/release -j "$(nproc)" --output-on-failure --timeout 900 2>&1 | tee "$log"
ctest_status=${PIPESTATUS[0]}
set -e

summary=$(grep -E '[0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1 || true)
if [[ -n "$summary" ]]; then
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$summary")
  total=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$summary")
  passed=$(( total - failed ))
else
  passed=0
  failed=1
fi
echo "Screenshots and logs: build/release/test-artifacts/"
echo "$passed passed, $failed failed"
if (( ctest_status != 0 || failed != 0 )); then exit 1; fi
