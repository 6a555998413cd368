#!/usr/bin/env bash
# Stops the cluster scripts/citus-up.sh started and removes its data.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
dir=${CITUS_DIR:-/tmp/citus-cluster}
for n in worker coordinator; do
  if [ -f "$dir/$n/PG_VERSION" ]; then su postgres -c "$bin/pg_ctl -D '$dir/$n' -m fast stop" >/dev/null 2>&1 || true; fi
done
rm -rf "$dir"
