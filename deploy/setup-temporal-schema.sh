#!/bin/sh
# One-shot Temporal schema setup on PostgreSQL, run by the `temporal-schema-setup` service of
# docker-compose.yml inside temporalio/admin-tools (it ships temporal-sql-tool and the schema files).
#
# Same steps as the official temporalio/samples-server compose/scripts/setup-postgres.sh:
# create + setup-schema -v 0.0 + update-schema for the `temporal` and `temporal_visibility` databases,
# plugin postgres12, schema dirs /etc/temporal/schema/postgresql/v12/{temporal,visibility}/versioned
# (admin-tools copies temporal/schema to /etc/temporal/schema: temporalio/docker-builds admin-tools.Dockerfile).
#
# Safe to run again on an existing database: `create` ignores "database already exists" (postgres12
# plugin CreateDatabase), `setup-schema -v 0.0` skips when the recorded version is higher, and
# `update-schema` applies only the versions not yet recorded (temporalio/temporal v1.29.1 tools/).
#
# The password comes from SQL_PASSWORD, which temporal-sql-tool reads itself (tools/sql/main.go),
# so it never appears on a command line.
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS (the PostgreSQL host) is required}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
DB_PORT=${DB_PORT:-5432}
DBNAME=${DBNAME:-temporal}
VISIBILITY_DBNAME=${VISIBILITY_DBNAME:-temporal_visibility}
SCHEMA_ROOT=${SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}

for dir in "$SCHEMA_ROOT/temporal/versioned" "$SCHEMA_ROOT/visibility/versioned"; do
  if [ ! -d "$dir" ]; then
    echo "setup-temporal-schema: $dir not found: is this the temporalio/admin-tools image?" >&2
    exit 1
  fi
done

sql() {
  # Global flags go before the subcommand (urfave/cli).
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"
}

setup() {
  db=$1
  versioned=$2
  echo "setup-temporal-schema: database $db ($versioned)"
  sql --db "$db" create
  sql --db "$db" setup-schema -v 0.0
  sql --db "$db" update-schema -d "$versioned"
}

setup "$DBNAME" "$SCHEMA_ROOT/temporal/versioned"
setup "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo "setup-temporal-schema: done"
