#!/bin/sh
# The streaming replica: on its first start it clones the primary with pg_basebackup
# (-R writes standby.signal and primary_conninfo); afterwards it just starts as a standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 700 "$PGDATA"
  until gosu postgres pg_isready -h postgres-primary -p 5432 -q; do sleep 1; done
  gosu postgres env PGPASSWORD="$REPLICATION_PASSWORD" \
    pg_basebackup -h postgres-primary -U replicator -D "$PGDATA" -X stream -R -S replica1
fi
exec docker-entrypoint.sh postgres -c hot_standby=on
