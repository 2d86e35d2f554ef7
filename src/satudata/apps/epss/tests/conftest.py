from datetime import date
from typing import Any

import pytest

from satudata.apps.epss import actions
from satudata.apps.epss.models import Assessment, AssessmentYear
from satudata.apps.portal.tests.helpers import people as make_people
from satudata.engines.stats.tests.test_epss import EXAMPLE

TODAY = date(2025, 3, 1)


@pytest.fixture
def people(db) -> dict[str, Any]:
    return make_people()


@pytest.fixture
def year(people) -> AssessmentYear:
    return actions.check_open_year(user=people["walidata"], year=2024)


@pytest.fixture
def city(people, year) -> Assessment:
    return actions.check_start_assessment(
        user=people["walidata"], year=year, organisation=None, today=TODAY
    )


@pytest.fixture
def opd(people, year) -> Assessment:
    return actions.check_start_assessment(
        user=people["produsen"], year=year, organisation=people["org"], today=TODAY
    )


def fill(user: Any, assessment: Assessment, levels: dict[str, int] | None = None) -> None:
    for code, level in (levels or EXAMPLE).items():
        actions.check_set_level(
            user=user, assessment=assessment, code=code, level=level, notes=f"catatan {code}"
        )
