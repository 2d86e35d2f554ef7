import pytest
from django.db import connection

from satudata.platform import dbstats
from satudata.platform.testing.factories import make_dataset, make_org

pytestmark = pytest.mark.django_db


def _analysed_tables() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT DISTINCT tbl FROM sqlite_stat1")
        else:
            cursor.execute(
                "SELECT relname FROM pg_stat_user_tables "
                "WHERE last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL"
            )
        return {row[0] for row in cursor.fetchall()}


def test_migrations_leave_planner_statistics():
    assert "registry_wilayah" in _analysed_tables()


def test_refresh_gathers_statistics_for_the_catalog():
    make_dataset(make_org("opd"), title="Jumlah Penduduk")
    dbstats.refresh()
    assert "catalog_dataset" in _analysed_tables()
