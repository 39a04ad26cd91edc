#!/usr/bin/env bash
# A local cluster from Debian packages, for the fault tests and for trying a
# deployment on one machine: a PostgreSQL primary and a streaming standby
# (pg_basebackup, a replication slot, synchronous commit by default), three
# `yoyaku serve` processes on a multi-host database URL, and nginx balancing
# them.
#
#   eval "$(scripts/cluster.sh start DIR)"   prints export lines: YOYAKU_CLUSTER_URL (nginx),
#                                            YOYAKU_CLUSTER_PG_PRIMARY, YOYAKU_CLUSTER_PG_STANDBY,
#                                            YOYAKU_CLUSTER_APP_PIDS, YOYAKU_CLUSTER_DIR
#   scripts/cluster.sh restart-app PID       take that server out of nginx, SIGTERM it (it drains), start it
#                                            again on its port, put it back; prints the new pid
#   scripts/cluster.sh stop-primary          stop the primary PostgreSQL (fast shutdown)
#   scripts/cluster.sh start-primary         start it again
#   scripts/cluster.sh promote-standby       the standby becomes the primary
#   scripts/cluster.sh stop DIR              everything stops; DIR is removed
#
# All but start and stop act on $YOYAKU_CLUSTER_DIR. DIR/apps lists the
# servers as "PID PORT N". Settings: YOYAKU_BIN (default
# build/release/yoyaku), YOYAKU_CLUSTER_APPS (3), YOYAKU_CLUSTER_ASYNC=1
# (asynchronous replication), YOYAKU_CLUSTER_SMTP_URL (the servers send the
# outbox there; without it mail stays in the outbox). Works as root (the
# database servers then run as the postgres user) and as any other user.
# On several machines the same steps apply with the addresses changed: see
# docs/operations.md, "A cluster on several machines".
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
yoyaku_bin=${YOYAKU_BIN:-$repo/build/release/yoyaku}

as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_healthy() {  # URL, seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1/healthz" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    sleep 0.2
  done
}

# Starts server N (1-based) on PORT; appends "PID PORT" to DIR/apps.
start_app() {
  local dir=$1 n=$2 port=$3 mail=()
  [[ -s "$dir/smtp_url" ]] && mail=(--smtp-url "$(cat "$dir/smtp_url")")
  YOYAKU_SECRETS_KEY_FILE="$dir/secrets.key" "$yoyaku_bin" serve --db "$(cat "$dir/db_url")" \
    --listen "127.0.0.1:$port" --base-url "$(cat "$dir/base_url")" --trusted-proxy 127.0.0.1 \
    --threads 4 --reminder-time off "${mail[@]}" >>"$dir/app-$n.log" 2>&1 &
  local pid=$!
  echo "$pid $port $n" >>"$dir/apps"
  wait_healthy "http://127.0.0.1:$port" 30 || { tail -n 20 "$dir/app-$n.log" >&2; return 1; }
}

start_postgres() {  # DATA, PORT, LOG
  as_server_user "$pg_bin/pg_ctl" -D "$1" -l "$3" -w -t 60 -o "-p $2 -k $(dirname "$1")" start >/dev/null
}

cmd_start() {
  local dir=${1:?usage: cluster.sh start DIR}
  [[ -x "$pg_bin/initdb" ]] || { echo "PostgreSQL server binaries not found (scripts/setup.sh --for-tests)" >&2; exit 1; }
  command -v nginx >/dev/null || { echo "nginx not found (scripts/setup.sh --for-tests)" >&2; exit 1; }
  [[ -x "$yoyaku_bin" ]] || { echo "no yoyaku binary at $yoyaku_bin (build first, or set YOYAKU_BIN)" >&2; exit 1; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  chmod 755 "$dir"
  mkdir -p "$dir/pg"
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir/pg"

  # The primary: replication to the standby, synchronous unless asked otherwise.
  local primary_port standby_port
  primary_port=$(free_port)
  as_server_user "$pg_bin/initdb" -D "$dir/pg/primary" -U yoyaku -A trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/pg/initdb.log" 2>&1 || { cat "$dir/pg/initdb.log" >&2; exit 1; }
  as_server_user tee -a "$dir/pg/primary/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
max_connections = 200
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
EOF
  start_postgres "$dir/pg/primary" "$primary_port" "$dir/pg/primary.log"
  as_server_user "$pg_bin/psql" -h 127.0.0.1 -p "$primary_port" -U yoyaku -d postgres -qAt \
    -c "SELECT pg_create_physical_replication_slot('standby')" -c "CREATE DATABASE yoyaku" >/dev/null

  # The standby: a base backup that follows the primary through the slot.
  standby_port=$(free_port)
  as_server_user "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U yoyaku -D "$dir/pg/standby" \
    -S standby -R -X stream -c fast >"$dir/pg/basebackup.log" 2>&1 || { cat "$dir/pg/basebackup.log" >&2; exit 1; }
  # Named "standby" so that synchronous_standby_names finds it.
  as_server_user sed -i "s/^primary_conninfo = '/primary_conninfo = 'application_name=standby /" \
    "$dir/pg/standby/postgresql.auto.conf"
  start_postgres "$dir/pg/standby" "$standby_port" "$dir/pg/standby.log"
  # Synchronous only now that the standby is there: a commit is acknowledged once the standby has it.
  if [[ "${YOYAKU_CLUSTER_ASYNC:-0}" != 1 ]]; then
    as_server_user "$pg_bin/psql" -h 127.0.0.1 -p "$primary_port" -U yoyaku -d postgres -qAt \
      -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" -c "SELECT pg_reload_conf()" >/dev/null
  fi
  echo "$primary_port" >"$dir/primary_port"
  echo "${YOYAKU_CLUSTER_SMTP_URL:-}" >"$dir/smtp_url"
  echo "$standby_port" >"$dir/standby_port"

  # The schema, the offices and the demo data, on the primary.
  local primary_url="postgresql://yoyaku@127.0.0.1:$primary_port/yoyaku"
  local standby_url="postgresql://yoyaku@127.0.0.1:$standby_port/yoyaku"
  [[ -f "$dir/secrets.key" ]] || (umask 077; openssl rand -hex 32 >"$dir/secrets.key")
  for step in "migrate" "import-offices $repo/data/hellowork-offices.csv" "seed-demo --without-bookings"; do
    # shellcheck disable=SC2086
    YOYAKU_SECRETS_KEY_FILE="$dir/secrets.key" "$yoyaku_bin" $step --db "$primary_url" >>"$dir/setup.log" 2>&1 \
      || { cat "$dir/setup.log" >&2; exit 1; }
  done
  # The servers follow whichever of the two accepts writes.
  echo "postgresql://yoyaku@127.0.0.1:$primary_port,127.0.0.1:$standby_port/yoyaku?target_session_attrs=read-write" \
    >"$dir/db_url"

  # nginx first (its port is the public URL), then the servers.
  local nginx_port
  nginx_port=$(free_port)
  echo "http://127.0.0.1:$nginx_port" >"$dir/base_url"
  : >"$dir/apps"
  local n ports=()
  for ((n = 1; n <= ${YOYAKU_CLUSTER_APPS:-3}; n++)); do ports+=("$(free_port)"); done
  mkdir -p "$dir/nginx"/{body,proxy,fastcgi,uwsgi,scgi}
  chmod 777 "$dir/nginx"/{body,proxy,fastcgi,uwsgi,scgi}  # nginx's workers run as nobody under root
  {
    echo "worker_processes 1;"
    echo "pid $dir/nginx/nginx.pid;"
    echo "error_log $dir/nginx/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off;"
    echo "  client_body_temp_path $dir/nginx/body; proxy_temp_path $dir/nginx/proxy;"
    echo "  fastcgi_temp_path $dir/nginx/fastcgi; uwsgi_temp_path $dir/nginx/uwsgi; scgi_temp_path $dir/nginx/scgi;"
    echo "  include $dir/nginx/upstream.conf;"
    echo "  server {"
    echo "    listen 127.0.0.1:$nginx_port;"
    echo "    client_max_body_size 1m;"
    echo "    location / {"
    echo "      proxy_pass http://yoyaku;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "      proxy_set_header Host \$host;"
    echo "      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    echo "      proxy_set_header X-Forwarded-Proto \$scheme;"
    echo "      proxy_next_upstream error timeout http_503;"
    echo "      proxy_connect_timeout 2s;"
    echo "      proxy_read_timeout 35s;"
    echo "    }"
    echo "  }"
    echo "}"
  } >"$dir/nginx/nginx.conf"
  {
    echo "upstream yoyaku {"
    for port in "${ports[@]}"; do echo "  server 127.0.0.1:$port max_fails=1 fail_timeout=2s;"; done
    echo "  keepalive 64;"
    echo "}"
  } >"$dir/nginx/upstream.conf"
  nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/error.log"
  for ((n = 1; n <= ${#ports[@]}; n++)); do start_app "$dir" "$n" "${ports[$((n - 1))]}"; done
  wait_healthy "http://127.0.0.1:$nginx_port" 30 || { cat "$dir/nginx/error.log" >&2; exit 1; }

  echo "export YOYAKU_CLUSTER_URL=http://127.0.0.1:$nginx_port"
  echo "export YOYAKU_CLUSTER_PG_PRIMARY=$primary_url"
  echo "export YOYAKU_CLUSTER_PG_STANDBY=$standby_url"
  echo "export YOYAKU_CLUSTER_APP_PIDS=\"$(cut -d' ' -f1 "$dir/apps" | tr '\n' ' ' | sed 's/ $//')\""
  echo "export YOYAKU_CLUSTER_DIR=$dir"
}

cluster_dir() {
  local dir=${YOYAKU_CLUSTER_DIR:?set YOYAKU_CLUSTER_DIR (from cluster.sh start)}
  [[ -f "$dir/apps" ]] || { echo "$dir is not a cluster directory" >&2; exit 1; }
  echo "$dir"
}

nginx_signal() {  # DIR, reload|quit…
  nginx -p "$1/nginx" -c "$1/nginx/nginx.conf" -e "$1/nginx/error.log" -s "$2"
}

# Reloads nginx and waits until its old workers have finished their requests
# and closed their connections to the servers (at most 30 s).
nginx_reload() {
  local dir=$1 master old_workers pid
  master=$(cat "$dir/nginx/nginx.pid")
  old_workers=$(pgrep -P "$master" || true)
  nginx_signal "$dir" reload
  for pid in $old_workers; do
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}

# Marks the server on PORT down (up=0) or back up (up=1) in nginx.
nginx_mark() {
  local dir=$1 port=$2 up=$3
  if (( up )); then
    sed -i "s/^  server 127.0.0.1:$port down /  server 127.0.0.1:$port /" "$dir/nginx/upstream.conf"
  else
    sed -i "s/^  server 127.0.0.1:$port /  server 127.0.0.1:$port down /" "$dir/nginx/upstream.conf"
  fi
  nginx_reload "$dir"
}

# A rolling restart's step: nginx stops sending the server requests before it
# gets SIGTERM, so no request is refused or cut; a POST that nginx had already
# sent is never retried elsewhere by nginx (it could book twice).
cmd_restart_app() {
  local pid=${1:?usage: cluster.sh restart-app PID} dir line port n
  dir=$(cluster_dir)
  line=$(grep "^$pid " "$dir/apps") || { echo "no server with pid $pid in $dir/apps" >&2; exit 1; }
  read -r _ port n <<<"$line"
  nginx_mark "$dir" "$port" 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done  # it drains (at most 20 s), then exits
  grep -v "^$pid " "$dir/apps" >"$dir/apps.new" || true
  mv "$dir/apps.new" "$dir/apps"
  start_app "$dir" "$n" "$port"
  nginx_mark "$dir" "$port" 1
  tail -n 1 "$dir/apps" | cut -d' ' -f1  # the new pid
}

cmd_stop_primary() {
  local dir
  dir=$(cluster_dir)
  as_server_user "$pg_bin/pg_ctl" -D "$dir/pg/primary" -m fast -w stop >/dev/null
}

cmd_start_primary() {
  local dir
  dir=$(cluster_dir)
  start_postgres "$dir/pg/primary" "$(cat "$dir/primary_port")" "$dir/pg/primary.log"
}

cmd_promote_standby() {
  local dir
  dir=$(cluster_dir)
  as_server_user "$pg_bin/pg_ctl" -D "$dir/pg/standby" -w promote >/dev/null
}

cmd_stop() {
  local dir=${1:?usage: cluster.sh stop DIR}
  [[ -d "$dir" ]] || exit 0
  if [[ -f "$dir/nginx/nginx.pid" ]]; then kill -QUIT "$(cat "$dir/nginx/nginx.pid")" 2>/dev/null || true; fi
  if [[ -f "$dir/apps" ]]; then
    while read -r pid _; do kill -TERM "$pid" 2>/dev/null || true; done <"$dir/apps"
    while read -r pid _; do
      for _ in $(seq 1 250); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    done <"$dir/apps"
  fi
  for data in "$dir/pg/standby" "$dir/pg/primary"; do
    [[ -d "$data" ]] && as_server_user "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  done
  rm -rf "$dir"
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  restart-app) cmd_restart_app "${2:-}" ;;
  stop-primary) cmd_stop_primary ;;
  start-primary) cmd_start_primary ;;
  promote-standby) cmd_promote_standby ;;
  stop) cmd_stop "${2:-}" ;;
  *)
    echo "usage: cluster.sh start DIR | restart-app PID | stop-primary | start-primary | promote-standby | stop DIR" >&2
    exit 2
    ;;
esac
