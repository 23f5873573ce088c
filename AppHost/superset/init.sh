#!/usr/bin/env bash
# One-shot Superset initialisation for Ecom.Aspire.
#
# Run by the AppHost's "superset-init" container (image built from ./Dockerfile, this folder mounted read-only at
# /app/ecom); the "superset" web container starts only after this script has exited with 0. Every step is idempotent,
# so it runs again on every start of the AppHost:
#   1. superset db upgrade          Superset's own metadata (SQLite on the shared superset-home volume)
#   2. superset fab create-admin    the user "admin" (skipped when it exists), then reset-password so that its
#                                   password always follows the AppHost parameter superset-admin-password
#   3. superset init                default roles and permissions
#   4. register_ecomdb.py           the database "ecomdb", connected as the read-only role bi_reader, and its
#                                   datasets: every table and view bi_reader may read, plus datasets/*.sql
#
# Environment (set in AppHost/Program.cs): SUPERSET_CONFIG_PATH, SUPERSET_SECRET_KEY, SUPERSET_ADMIN_USERNAME,
# SUPERSET_ADMIN_PASSWORD, ECOM_DB_HOST, ECOM_DB_PORT, ECOM_DB_NAME, ECOM_BI_READER_PASSWORD.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
admin="${SUPERSET_ADMIN_USERNAME:-admin}"
: "${SUPERSET_ADMIN_PASSWORD:?SUPERSET_ADMIN_PASSWORD is not set}"

echo "[superset-init] migrating Superset's metadata database"
superset db upgrade

echo "[superset-init] admin user '$admin'"
superset fab create-admin \
  --username "$admin" \
  --firstname Superset \
  --lastname Admin \
  --email "$admin@ecom-aspire.local" \
  --password "$SUPERSET_ADMIN_PASSWORD"
superset fab reset-password --username "$admin" --password "$SUPERSET_ADMIN_PASSWORD"

echo "[superset-init] roles and permissions"
superset init

echo "[superset-init] database ecomdb (role bi_reader) and datasets"
python "$here/register_ecomdb.py"

echo "[superset-init] done"
