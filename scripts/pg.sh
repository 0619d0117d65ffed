#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL cluster for the team hub's tests.
#   scripts/pg.sh start DIR   initdb in DIR/data (first time), start it on a free port of
#                             127.0.0.1 with its socket in DIR, and print the superuser URL
#                             (also written to DIR/url). Eval-friendly:  export DESKLINE_TEST_PGURL=$(scripts/pg.sh start DIR)
#   scripts/pg.sh stop DIR    stop it (fast shutdown); a cluster already stopped is fine.
# PostgreSQL refuses to run as root: as root, the cluster runs as the postgres user.
# The superuser (postgres) is trusted from 127.0.0.1; every other role logs in with its
# password (scram-sha-256), so the tests of passwords and join codes are real.
set -euo pipefail

cmd=${1:-}; dir=${2:-}
[[ -n "$cmd" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir=${DESKLINE_PG_BINDIR:-}
if [[ -z "$bindir" ]]; then
  if command -v pg_config >/dev/null && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    bindir=$(pg_config --bindir)
  else
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  fi
fi
[[ -x "$bindir/initdb" ]] || { echo "PostgreSQL is not installed (no initdb): run scripts/setup.sh --test" >&2; exit 1; }

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"

case "$cmd" in
start)
  if [[ $(id -u) -eq 0 ]]; then
    chmod 755 "$dir"
    chown postgres: "$dir"
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    cat >"$data/pg_hba.conf" <<'HBA'
local   all   all                     trust
host    all   postgres  127.0.0.1/32  trust
host    all   all       127.0.0.1/32  scram-sha-256
HBA
  fi
  port=""
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
  done
  [[ -n "$port" ]] || { echo "no free port found" >&2; exit 1; }
  as_pg "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
  url="postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
  echo "$url" >"$dir/url"
  echo "$url"
  ;;
stop)
  if [[ -f "$data/postmaster.pid" ]]; then
    as_pg "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
  fi
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
