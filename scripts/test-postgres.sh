#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server for the tests.
#   eval "$(scripts/test-postgres.sh start)"   prints export lines (YOYAKU_TEST_PG_URL, YOYAKU_TEST_PG_DIR)
#   scripts/test-postgres.sh stop DIR
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$pg_bin/initdb" ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# initdb refuses to run as root: run the server as the postgres user then.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
  start)
    dir=$(mktemp -d /tmp/yoyaku-pg.XXXXXX)
    chmod 755 "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    as_server_user "$pg_bin/initdb" -D "$dir/data" -U yoyaku -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      if as_server_user "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
           -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
           start >"$dir/pg_ctl.log" 2>&1; then
        echo "export YOYAKU_TEST_PG_URL=postgresql://yoyaku@127.0.0.1:$port/postgres"
        echo "export YOYAKU_TEST_PG_DIR=$dir"
        exit 0
      fi
    done
    cat "$dir/pg_ctl.log" "$dir/server.log" >&2 || true
    exit 1
    ;;
  stop)
    dir="${2:?usage: test-postgres.sh stop DIR}"
    as_server_user "$pg_bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: test-postgres.sh start | stop DIR" >&2
    exit 2
    ;;
esac
