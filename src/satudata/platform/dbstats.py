"""Planner statistics for the metadata database.

The query planner needs table statistics to pick the right index: without them SQLite reads
`catalog_dataset` through the low-selectivity access-level index instead of the primary key
when a page of search results is fetched by id (about 10 ms instead of well under 1 ms on
100,000 datasets). PostgreSQL's autovacuum gathers statistics on its own, but only some time
after a bulk load. `refresh()` runs after migrations and after the search index is rebuilt."""

from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_ANALYSIS_LIMIT = 1000


def refresh(using: str = DEFAULT_DB_ALIAS) -> None:
    """Gathers fresh planner statistics (sampled on SQLite, so it stays fast at any size)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def after_migrate(using: str = DEFAULT_DB_ALIAS, **_: Any) -> None:
    refresh(using)
