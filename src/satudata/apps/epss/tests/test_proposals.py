"""Proposals from real platform objects: datasets made with the factories."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from satudata.apps.catalog.models import Tag
from satudata.apps.epss import actions
from satudata.apps.epss.proposals import proposals_for, reason
from satudata.apps.epss.tests.conftest import TODAY
from satudata.apps.standards.models import DatasetStandard, Standard, StandardVersion
from satudata.platform.testing.factories import make_dataset

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _adopt(dataset, org) -> None:
    standard = Standard.objects.create(slug=f"s-{dataset.pk}", title="S", organisation=org)
    version = StandardVersion.objects.create(standard=standard, number=1, state="published")
    DatasetStandard.objects.create(dataset=dataset, standard_version=version)


def test_shares_become_levels(people) -> None:
    org, other = people["org"], people["other_org"]
    datasets = [make_dataset(org) for _ in range(4)]
    make_dataset(org, published=False)
    for dataset in datasets[:3]:
        _adopt(dataset, other)
    late = datasets[3]
    late.data_updated_at = timezone.now() - timedelta(days=800)
    late.save()
    make_dataset(other, access_level="tertutup")
    found = proposals_for(org.pk, TODAY)
    # 3 of 4 published adopted a standard: 75% ≥ 60% → level 3
    assert found["10101"]["level"] == 3
    assert found["10101"]["figures"]["numerator"] == 3
    assert found["10101"]["figures"]["denominator"] == 4
    # factories' versions carry a kode_wilayah column: 4 of 4 → level 4
    assert found["10401"]["level"] == 4
    # no required metadata filled → level 1
    assert found["10201"]["level"] == 1
    # the city scope counts the other OPD's tertutup dataset too (5 published)
    assert proposals_for(None, TODAY)["10401"]["figures"]["denominator"] == 5
    # 4 of 5 datasets published = 80% → level 3
    assert found["30401"]["level"] == 3
    text = reason(found["10101"]["figures"], found["10101"]["level"])
    assert "3 of 4 published datasets (75%)" in text
    assert "level 3 from 60%" in text


def test_big_data_level_one_without_evidence_and_two_with_it(people) -> None:
    assert proposals_for(None, TODAY)["50303"]["level"] == 1
    dataset = make_dataset(people["org"])
    dataset.tags.add(Tag.objects.create(name="big data"))
    found = proposals_for(None, TODAY)["50303"]
    assert found["level"] == 2
    assert "1 published datasets are tagged as Big Data" in reason(found["figures"], 2)


def test_big_data_reason_counts_the_module_runs_of_the_year(people) -> None:
    from satudata.apps.bigdata.models import Run, Source

    source = Source.objects.create(slug="lapor", name="LAPOR", channel="lapor")
    Run.objects.create(source=source, status=Run.Status.DONE, rows_kept=1200, file_name="a.csv")
    Run.objects.create(source=source, status=Run.Status.FAILED, rows_kept=0, file_name="b.csv")
    found = proposals_for(None, date.today())["50303"]
    assert "1200 public posts in 1 runs" in reason(found["figures"], found["level"])


def test_refresh_stores_proposals(people, city) -> None:
    make_dataset(people["org"])
    actions.check_refresh_proposals(user=people["walidata"], assessment=city, today=TODAY)
    score = city.scores.get(code="10401")
    assert score.proposed_level == 4 and score.proposed_at is not None
    assert score.level is None
