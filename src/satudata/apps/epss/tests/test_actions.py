"""Years, weights, assessments, levels, evidence, final and publication, with their checks."""

from decimal import Decimal
from pathlib import Path

import pytest

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.epss import actions, queries
from satudata.apps.epss.models import Evidence, Weight
from satudata.apps.epss.tests.conftest import TODAY, fill
from satudata.platform import storage
from satudata.platform.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_default_weights_are_seeded_by_the_migration() -> None:
    defaults = Weight.objects.filter(year__isnull=True)
    assert defaults.count() == 5 + 19 + 38
    assert defaults.get(kind="domain", code="1").weight == Decimal("28")
    assert defaults.get(kind="aspect", code="202").weight == Decimal("16")


def test_open_year_copies_the_defaults(people, year) -> None:
    assert year.weights.count() == 62
    assert AuditEntry.objects.filter(action="epss.year.open").exists()


def test_open_year_refusals(people, year) -> None:
    with pytest.raises(ActionError, match="already open"):
        actions.check_open_year(user=people["walidata"], year=2024)
    with pytest.raises(ActionError, match="outside 2018–2100"):
        actions.check_open_year(user=people["walidata"], year=1999)
    with pytest.raises(NotAllowed):
        actions.check_open_year(user=people["produsen"], year=2026)


def test_start_makes_38_scores_and_refuses_a_second(people, year, city) -> None:
    assert city.scores.count() == 38
    with pytest.raises(ActionError, match="already exists"):
        actions.check_start_assessment(
            user=people["walidata"], year=year, organisation=None, today=TODAY
        )


def test_only_the_right_people_start(people, year) -> None:
    with pytest.raises(NotAllowed):
        actions.check_start_assessment(
            user=people["produsen"], year=year, organisation=None, today=TODAY
        )
    with pytest.raises(NotAllowed):
        actions.check_start_assessment(
            user=people["stranger"], year=year, organisation=people["org"], today=TODAY
        )
    with pytest.raises(NotAllowed):
        actions.check_start_assessment(
            user=people["pembina"], year=year, organisation=None, today=TODAY
        )


def test_set_level_keeps_the_proposal_beside_it(people, city) -> None:
    score = city.scores.get(code="50303")
    assert score.proposed_level == 1
    actions.check_set_level(
        user=people["walidata"], assessment=city, code="50303", level=3, notes="Kajian"
    )
    score.refresh_from_db()
    assert (score.level, score.proposed_level) == (3, 1)
    assert score.confirmed_by == people["walidata"]
    assert score.confirmed_at is not None
    entry = AuditEntry.objects.get(action="epss.level.set")
    assert entry.detail == {"indicator": "50303", "from": None, "to": 3, "proposed": 1}


def test_set_level_refusals(people, city, opd) -> None:
    with pytest.raises(ActionError, match="level 7 is not 1 to 5"):
        actions.check_set_level(
            user=people["walidata"], assessment=city, code="10101", level=7, notes=""
        )
    with pytest.raises(ActionError, match="99999 is not one of the 38"):
        actions.check_set_level(
            user=people["walidata"], assessment=city, code="99999", level=1, notes=""
        )
    for user in ("produsen", "pembina", "stranger"):
        with pytest.raises(NotAllowed):
            actions.check_set_level(
                user=people[user], assessment=city, code="10101", level=1, notes=""
            )
    with pytest.raises(NotAllowed):
        actions.check_set_level(
            user=people["walidata"], assessment=opd, code="10101", level=1, notes=""
        )
    actions.check_set_level(
        user=people["produsen"], assessment=opd, code="10101", level=2, notes="OPD"
    )


def test_finalise_needs_every_level(people, city) -> None:
    with pytest.raises(ActionError, match="38 indicators have no level yet"):
        actions.check_finalise(user=people["walidata"], assessment=city, final=True)
    fill(people["walidata"], city)
    actions.check_finalise(user=people["walidata"], assessment=city, final=True)
    with pytest.raises(ActionError, match="reopen it"):
        actions.check_set_level(
            user=people["walidata"], assessment=city, code="10101", level=1, notes=""
        )
    actions.check_finalise(user=people["walidata"], assessment=city, final=False)
    city.refresh_from_db()
    assert not city.is_final


def test_publish_needs_a_final_city_assessment(people, year, city) -> None:
    with pytest.raises(ActionError, match="is not final"):
        actions.check_publish_year(user=people["walidata"], year=year, publish=True)
    fill(people["walidata"], city)
    actions.check_finalise(user=people["walidata"], assessment=city, final=True)
    with pytest.raises(NotAllowed):
        actions.check_publish_year(user=people["pembina"], year=year, publish=True)
    actions.check_publish_year(user=people["walidata"], year=year, publish=True)
    assert [r.year for r in queries.published_results()] == [2024]
    with pytest.raises(ActionError, match="withdraw the publication"):
        actions.check_finalise(user=people["walidata"], assessment=city, final=False)
    with pytest.raises(ActionError, match="withdraw the publication"):
        actions.check_set_weights(
            user=people["walidata"], year=year, values={("domain", "5"): Decimal(40)}
        )


def test_weight_edit_changes_the_index(people, year, city) -> None:
    """The hand-computed example: IPS 3.064; Statistik Nasional weight 12 → 40 gives
    384.24 / 128 = 3.001875 (see engines/stats/tests/test_epss.py)."""
    fill(people["walidata"], city)
    assert queries.index_of(city).ips == pytest.approx(3.064)
    actions.check_set_weights(
        user=people["walidata"], year=year, values={("domain", "5"): Decimal(40)}
    )
    assert queries.index_of(city).ips == pytest.approx(384.24 / 128)
    assert year.weights.get(kind="domain", code="5").weight == Decimal(40)
    assert Weight.objects.get(year__isnull=True, kind="domain", code="5").weight == Decimal(12)


def test_weight_refusals(people, year) -> None:
    with pytest.raises(NotAllowed):
        actions.check_set_weights(
            user=people["produsen"], year=year, values={("domain", "5"): Decimal(1)}
        )
    with pytest.raises(ActionError, match="use a number from 0 to 1000"):
        actions.check_set_weights(
            user=people["walidata"], year=year, values={("domain", "5"): Decimal(-1)}
        )
    with pytest.raises(ActionError, match="There is no aspect 999"):
        actions.check_set_weights(
            user=people["walidata"], year=year, values={("aspect", "999"): Decimal(1)}
        )
    zero = {("aspect", c): Decimal(0) for c in ("101", "102", "103", "104")}
    with pytest.raises(ActionError, match="aspect level under 1 is zero"):
        actions.check_set_weights(user=people["walidata"], year=year, values=zero)


def test_evidence_file_and_link(people, city, tmp_path: Path) -> None:
    source = tmp_path / "sk.pdf"
    source.write_bytes(b"%PDF-1.4 SK walikota")
    document = actions.check_add_evidence(
        user=people["walidata"],
        assessment=city,
        code="40302",
        title="SK Forum Satu Data",
        file=source,
        file_name="sk.pdf",
        media_type="application/pdf",
    )
    assert storage.absolute(document.file_path).read_bytes() == b"%PDF-1.4 SK walikota"
    assert document.file_path.startswith("epss/")
    link = actions.check_add_evidence(
        user=people["walidata"],
        assessment=city,
        code="30401",
        title="Portal",
        url="https://data.example.go.id/",
    )
    assert not link.is_file
    with pytest.raises(ActionError, match="either a document or a link"):
        actions.check_add_evidence(
            user=people["walidata"], assessment=city, code="30401", title="x"
        )
    with pytest.raises(NotAllowed):
        actions.check_remove_evidence(user=people["pembina"], evidence=link)
    actions.check_remove_evidence(user=people["walidata"], evidence=link)
    assert list(Evidence.objects.all()) == [document]
