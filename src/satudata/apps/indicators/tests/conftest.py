from typing import Any

import pytest

from satudata.apps.catalog.models import Dataset
from satudata.apps.indicators import actions
from satudata.apps.indicators.models import Indicator
from satudata.apps.portal.tests.helpers import people
from satudata.platform.testing.factories import make_dataset, make_version, publish

KELURAHAN = ["36.71.01.1001", "36.71.01.1002", "36.71.02.1001", "36.71.02.1002"]
FIELDS = [
    {"name": "tahun", "title": "Tahun", "type": "integer"},
    {"name": "kode_wilayah", "title": "Kode Wilayah", "type": "string", "role": "kode_wilayah"},
    {"name": "rtlh_terdata", "title": "RTLH Terdata", "type": "integer"},
    {"name": "rtlh_diperbaiki", "title": "RTLH Diperbaiki", "type": "integer"},
]
FORMULA = "sum(rtlh_diperbaiki) / sum(rtlh_terdata) * 100"


def year_table(year: int, fixed: list[int], listed: list[int] | None = None) -> dict[str, list]:
    return {
        "tahun": [year] * 4,
        "kode_wilayah": KELURAHAN,
        "rtlh_terdata": listed or [100, 100, 50, 50],
        "rtlh_diperbaiki": fixed,
    }


def publish_year(dataset: Dataset, year: int, fixed: list[int], **extra: Any) -> Any:
    version = make_version(dataset, year_table(year, fixed, **extra), fields=FIELDS)
    publish(dataset, version)
    return version


@pytest.fixture
def who(db) -> dict[str, Any]:
    return people()


@pytest.fixture
def rtlh(who) -> Dataset:
    """A dataset of two published yearly versions: 2023 then 2024."""
    dataset = make_dataset(who["org"], published=False, title="Rumah Tidak Layak Huni")
    publish_year(dataset, 2023, [10, 20, 5, 5])
    publish_year(dataset, 2024, [30, 40, 10, 20])
    return dataset


def define(who: dict[str, Any], dataset: Dataset | None, **changes: Any) -> Indicator:
    values: dict[str, Any] = {
        "name": "Persentase RTLH diperbaiki",
        "unit": "persen",
        "method": Indicator.Method.COMPUTED if dataset else Indicator.Method.ENTERED,
        "dataset": dataset,
        "formula": FORMULA if dataset else "",
        "period_column": "tahun" if dataset else "",
        "wilayah_column": "kode_wilayah" if dataset else "",
        "deepest_level": "kelurahan" if dataset else "kota",
        "published": True,
        **changes,
    }
    return actions.check_save_indicator(
        user=who["produsen"],
        definition=actions.Definition(**values),
        organisation=who["org"],
    )
