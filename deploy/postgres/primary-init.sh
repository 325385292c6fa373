#!/bin/sh
# Runs once, when the primary's data folder is first created (the postgres image's
# /docker-entrypoint-initdb.d): motcua's roles and database, and a slot for the replica.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$OWNER_DB_PASSWORD" -v app_pw="$APP_DB_PASSWORD" -v repl_pw="$REPLICATION_PASSWORD" <<'SQL'
-- The tables' owner runs migrations; the application role gets only its grants from them.
CREATE ROLE motcua_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE motcua_app LOGIN PASSWORD :'app_pw';
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'repl_pw';
CREATE DATABASE motcua OWNER motcua_owner;
REVOKE ALL ON DATABASE motcua FROM PUBLIC;
GRANT CONNECT ON DATABASE motcua TO motcua_app;
-- A slot keeps the WAL the replica still needs (bounded by max_slot_wal_keep_size).
SELECT pg_create_physical_replication_slot('replica1');
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
