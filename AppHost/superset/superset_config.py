"""Superset configuration for Ecom.Aspire.

Loaded through SUPERSET_CONFIG_PATH, which AppHost/Program.cs sets for the "superset-init" and "superset" containers
(this folder is mounted read-only at /app/ecom). Secrets come from the environment, never from this file.
"""

import os

# Signs sessions and encrypts the database passwords Superset stores (the bi_reader password among them).
# From the AppHost parameter superset-secret-key; Superset refuses to start without one.
SECRET_KEY = os.environ["SUPERSET_SECRET_KEY"]

# Superset's own metadata (users, charts, dashboards, the registered ecomdb database): SQLite on the named volume
# mounted at /app/superset_home, shared by the one-shot init container and the web server. The business data stays
# in PostgreSQL and is read through the read-only role bi_reader only.
SQLALCHEMY_DATABASE_URI = "sqlite:////app/superset_home/superset.db?check_same_thread=false"
