"""API: published results for everyone, worksheets for the people who may open them."""

import pytest

from satudata.apps.epss import actions
from satudata.apps.epss.tests.conftest import fill
from satudata.apps.portal.tests.helpers import english_client, signed_in

pytestmark = pytest.mark.django_db


def test_results_are_public_once_published(people, year, city) -> None:
    client = english_client()
    assert client.get("/api/v1/epss/results").json() == []
    assert client.get("/api/v1/epss/results/2024").status_code == 404
    fill(people["walidata"], city)
    actions.check_finalise(user=people["walidata"], assessment=city, final=True)
    actions.check_publish_year(user=people["walidata"], year=year, publish=True)
    body = client.get("/api/v1/epss/results/2024").json()
    assert body["ips"] == pytest.approx(3.064) and body["predikat"] == "Baik"
    assert body["domains"][4]["value"] == pytest.approx(2.78)
    assert "indicators" not in body


def test_worksheets_follow_the_access_rules(people, city, opd) -> None:
    assert english_client().get("/api/v1/epss/assessments").status_code == 401
    ids = lambda user: {a["id"] for a in signed_in(user).get("/api/v1/epss/assessments").json()}  # noqa: E731
    assert ids(people["walidata"]) == {city.pk, opd.pk}
    assert ids(people["pembina"]) == {city.pk}
    assert ids(people["produsen"]) == {opd.pk}
    assert ids(people["stranger"]) == set()
    assert (
        signed_in(people["stranger"]).get(f"/api/v1/epss/assessments/{opd.pk}").status_code == 404
    )
    detail = signed_in(people["pembina"]).get(f"/api/v1/epss/assessments/{city.pk}").json()
    assert len(detail["indicators"]) == 38
    big_data = next(i for i in detail["indicators"] if i["code"] == "50303")
    assert big_data["proposed_level"] == 1 and len(big_data["criteria"]) == 5
