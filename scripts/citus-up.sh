#!/usr/bin/env bash
# Starts a two-node Citus cluster on this machine for `npm run test:citus` and the Citus benchmark: a
# coordinator (127.0.0.1:5433) and one worker (127.0.0.1:5434), each its own PostgreSQL 15 data directory
# under ${CITUS_DIR:-/tmp/citus-cluster}, trust authentication on loopback. Prints CITUS_URL=… for eval.
# Needs PostgreSQL 15's server binaries with the Citus extension installed (docs/DEPLOY.md §3 says where
# Citus comes from); with CITUS_TARBALL naming a build of it for /usr/lib/postgresql/15, that build is
# unpacked first. Runs as root (it starts the nodes as the postgres user). A second run reuses a
# running cluster; scripts/citus-down.sh stops it and removes its data.
#
#   eval "$(scripts/citus-up.sh)"
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
coord=${CITUS_COORD_PORT:-5433}
worker=${CITUS_WORKER_PORT:-5434}
dir=${CITUS_DIR:-/tmp/citus-cluster}

[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 server binaries not found at $bin" >&2; exit 1; }
if [ ! -f /usr/lib/postgresql/15/lib/citus.so ]; then
  [ -n "${CITUS_TARBALL:-}" ] || { echo "Citus is not installed for PostgreSQL 15: install it, or set CITUS_TARBALL" >&2; exit 1; }
  tar -xzf "$CITUS_TARBALL" -C / --no-same-owner --no-overwrite-dir --exclude=./LICENSE-citus
fi

ready() { pg_isready -h 127.0.0.1 -p "$1" -q; }
start_node() { # name port
  local d="$dir/$1"
  if ready "$2"; then return 0; fi
  if [ ! -f "$d/PG_VERSION" ]; then
    mkdir -p "$d" && chown postgres "$dir" "$d"
    su postgres -c "$bin/initdb -D '$d' -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    {
      echo "shared_preload_libraries = 'citus'"
      echo "port = $2"
      echo "listen_addresses = '127.0.0.1'"
      echo "unix_socket_directories = '$d'"
      echo "max_connections = 200"
    } >>"$d/postgresql.conf"
  fi
  su postgres -c "$bin/pg_ctl -D '$d' -l '$d/server.log' -w start" >/dev/null
}
mkdir -p "$dir" && chmod 755 "$dir" && chown postgres "$dir"
start_node coordinator "$coord" >&2
start_node worker "$worker" >&2
q() { psql -h 127.0.0.1 -p "$1" -U postgres -d postgres -qtAX -c "$2"; }
q "$worker" "create extension if not exists citus" >&2
q "$coord" "create extension if not exists citus" >&2
q "$coord" "select citus_set_coordinator_host('127.0.0.1', $coord)" >/dev/null
if [ "$(q "$coord" "select count(*) from pg_dist_node where nodeport = $worker")" = 0 ]; then
  q "$coord" "select citus_add_node('127.0.0.1', $worker)" >/dev/null
fi
echo "CITUS_URL=postgres://postgres@127.0.0.1:$coord/postgres"
