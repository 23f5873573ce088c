"""Registers Ecom.Aspire's PostgreSQL database in Superset, and its datasets. Run by init.sh inside the Superset image.

The database is called "ecomdb" in Superset and connects as the read-only role bi_reader (created by the Worker's
migrations with the password Ecom:BiReaderPassword), so nothing done in Superset can change the business data.

Datasets (existing ones are kept and their columns refreshed; nothing is deleted):
  - every table, view and materialized view bi_reader may read (the dw star schema and its aggregates): a physical
    dataset each;
  - every datasets/<name>.sql file next to this script: a virtual dataset called <name> whose query is the file; its
    leading "--" comment lines become the dataset's description (and are left out of the query), and a comment line
    "-- main time column: <column>" sets the dataset's default time column.

Fails (non-zero exit, so the Superset web container does not start) only when the database cannot be registered.
Datasets that cannot be read yet (no warehouse built, role missing) are reported and skipped.
"""

import logging
import os
import sys
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from superset.app import create_app

DATABASE_NAME = "ecomdb"
BI_ROLE = "bi_reader"

# What bi_reader can SELECT: information_schema.tables lists only the tables and views the current role has a
# privilege on; materialized views are not in it and are checked one by one.
READABLE_RELATIONS = text(
    """
    SELECT table_schema AS schema_name, table_name AS relation_name
      FROM information_schema.tables
     WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
    UNION
    SELECT schemaname, matviewname
      FROM pg_matviews
     WHERE has_schema_privilege(schemaname, 'USAGE')
       AND has_table_privilege(quote_ident(schemaname) || '.' || quote_ident(matviewname), 'SELECT')
    ORDER BY 1, 2
    """
)

log = logging.getLogger("superset-init")


def bi_reader_url() -> URL:
    return URL.create(
        "postgresql+psycopg2",
        username=BI_ROLE,
        password=os.environ["ECOM_BI_READER_PASSWORD"],
        host=os.environ["ECOM_DB_HOST"],
        port=int(os.environ.get("ECOM_DB_PORT", "5432")),
        database=os.environ.get("ECOM_DB_NAME", DATABASE_NAME),
    )


def readable_relations(url: URL) -> list[tuple[str, str]]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [(row.schema_name, row.relation_name) for row in connection.execute(READABLE_RELATIONS)]
    finally:
        engine.dispose()


MAIN_TIME_COLUMN = "main time column:"


def read_sql_dataset(path: Path) -> tuple[str, str, str | None]:
    """The query of a datasets/*.sql file without its leading comment lines, its description and its main time column."""
    lines = path.read_text(encoding="utf-8").splitlines()
    comments: list[str] = []
    while lines and (lines[0].startswith("--") or not lines[0].strip()):
        line = lines.pop(0)
        if line.startswith("--"):
            comments.append(line[2:].strip())
    time_column = next((c[len(MAIN_TIME_COLUMN):].strip() for c in comments if c.startswith(MAIN_TIME_COLUMN)), None)
    description = " ".join(c for c in comments if not c.startswith(MAIN_TIME_COLUMN))
    return "\n".join(lines).strip(), description, time_column


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="[superset-init] %(message)s")
    url = bi_reader_url()
    sql_files = sorted((Path(__file__).resolve().parent / "datasets").glob("*.sql"))

    app = create_app()
    with app.app_context():
        from superset.connectors.sqla.models import SqlaTable
        from superset.extensions import db
        from superset.models.core import Database

        database = db.session.query(Database).filter_by(database_name=DATABASE_NAME).one_or_none()
        if database is None:
            database = Database(database_name=DATABASE_NAME)
            db.session.add(database)
        # Superset keeps the password apart (encrypted with SECRET_KEY) and stores the URI masked.
        database.set_sqlalchemy_uri(url.render_as_string(hide_password=False))
        database.expose_in_sqllab = True
        db.session.commit()
        log.info("database %s -> %s@%s:%s/%s", DATABASE_NAME, BI_ROLE, url.host, url.port, url.database)

        wanted: list[tuple[str | None, str, str | None, str | None, str | None]] = []
        try:
            wanted += [(schema, name, None, None, None) for schema, name in readable_relations(url)]
        except Exception as ex:  # noqa: BLE001 - report and go on: Superset is usable without datasets
            log.warning("cannot list what %s may read (%s); physical datasets skipped", BI_ROLE, ex)
        wanted += [(None, path.stem, *read_sql_dataset(path)) for path in sql_files]

        created = refreshed = failed = 0
        for schema, name, sql, description, time_column in wanted:
            dataset = (
                db.session.query(SqlaTable)
                .filter_by(database_id=database.id, schema=schema, table_name=name)
                .one_or_none()
            )
            is_new = dataset is None
            if is_new:
                dataset = SqlaTable(table_name=name, schema=schema, database=database)
                db.session.add(dataset)
            dataset.sql = sql
            if description:
                dataset.description = description
            if time_column:
                dataset.main_dttm_col = time_column
            try:
                dataset.fetch_metadata()
                db.session.commit()
            except Exception as ex:  # noqa: BLE001 - one bad dataset must not hide the others
                db.session.rollback()
                failed += 1
                log.warning("dataset %s: %s", f"{schema}.{name}" if schema else name, ex)
                continue
            created += is_new
            refreshed += not is_new

        log.info("datasets: %d created, %d refreshed, %d failed", created, refreshed, failed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
