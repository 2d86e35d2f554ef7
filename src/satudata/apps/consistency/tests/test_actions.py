import dataclasses

import pytest

from satudata.apps.catalog.actions import workflow
from satudata.apps.catalog.checks import automatic_checks
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import State
from satudata.apps.consistency import actions
from satudata.apps.consistency.actions import SideSpec
from satudata.apps.consistency.models import Comparison, ComparisonResult
from satudata.apps.consistency.tests.conftest import declaration, publish
from satudata.platform.models import AuditEntry, Job
from satudata.platform.testing.factories import make_dataset, make_version

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_declaring_computes_the_first_result(world):
    result = world.open_pair.latest
    assert result is not None
    assert result.status == "disagree"
    assert (result.matched, result.disagreements, result.only_in_a, result.only_in_b) == (
        3,
        1,
        0,
        0,
    )
    [row] = result.rows
    assert row["wilayah"] == "36.71.02" and row["period"] == "2024"
    assert (row["value_a"], row["value_b"], row["difference"]) == (600, 660, 60)
    assert result.max_relative == pytest.approx(0.1)
    assert result.version_a == world.open_a.published_version
    assert AuditEntry.objects.filter(action="comparison.declare").count() == 3
    assert AuditEntry.objects.filter(action="comparison.compute").count() == 3


@pytest.mark.parametrize("who", ["dukcapil_user", "partner", "other_user"])
def test_only_the_walidata_declares(world, who):
    with pytest.raises(NotAllowed):
        actions.check_declare_comparison(
            getattr(world, who), declaration(world.open_a, world.open_b)
        )


def test_admin_may_declare(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        found = actions.check_declare_comparison(
            world.admin, declaration(world.open_a, world.open_b)
        )
    found.refresh_from_db()
    assert found.latest.status == "disagree"


def side(world, **changes):
    base = SideSpec(world.open_b, value="penduduk", wilayah="kode_wilayah", period="tahun")
    return dataclasses.replace(base, **changes)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "hilang"}, "has no column “hilang”"),
        ({"value": "catatan"}, "does not hold numbers"),
        ({"wilayah": "penduduk"}, "does not hold kode wilayah"),
        ({"period": "catatan"}, "holds no years or dates"),
        ({"period": ""}, "on both sides, or on neither"),
        ({"filter_column": "catatan", "filter_value": " "}, "Write the value of “catatan”"),
    ],
)
def test_validation_speaks_plainly(world, changes, message):
    spec = declaration(world.open_a, world.open_b, b=side(world, **changes))
    with pytest.raises(ActionError) as caught:
        actions.check_declare_comparison(world.walidata, spec)
    assert message in caught.value.message
    assert Comparison.objects.count() == 3


def test_unpublished_and_same_dataset_are_refused(world):
    draft = make_dataset(world.open_b.organisation, published=False, title="Draf")
    make_version(draft)
    with pytest.raises(ActionError, match="no published version"):
        actions.check_declare_comparison(
            world.walidata,
            declaration(world.open_a, draft, b=side(world, dataset=draft, period="")),
        )
    with pytest.raises(ActionError, match="two different"):
        actions.check_declare_comparison(world.walidata, declaration(world.open_a, world.open_a))
    with pytest.raises(ActionError, match="negative"):
        actions.check_declare_comparison(
            world.walidata, declaration(world.open_a, world.open_b, tolerance_absolute=-1)
        )
    with pytest.raises(ActionError, match="Name the variable"):
        actions.check_declare_comparison(
            world.walidata, declaration(world.open_a, world.open_b, variable="  ")
        )


def test_run_and_retire(world, django_capture_on_commit_callbacks):
    with pytest.raises(NotAllowed):
        actions.check_run_comparison(world.dukcapil_user, world.open_pair)
    with django_capture_on_commit_callbacks(execute=True):
        job = actions.check_run_comparison(world.walidata, world.open_pair)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert world.open_pair.results.count() == 2
    with pytest.raises(NotAllowed):
        actions.check_retire_comparison(world.partner, world.open_pair)
    actions.check_retire_comparison(world.walidata, world.open_pair, note="ganti sumber")
    world.open_pair.refresh_from_db()
    assert not world.open_pair.active and world.open_pair.note == "ganti sumber"
    assert AuditEntry.objects.filter(action="comparison.retire").exists()
    with pytest.raises(ActionError, match="retired"):
        actions.check_run_comparison(world.walidata, world.open_pair)
    with pytest.raises(ActionError, match="already retired"):
        actions.check_retire_comparison(world.walidata, world.open_pair)


def test_engine_error_is_stored_in_plain_words(world, django_capture_on_commit_callbacks):
    publish(world.open_b, {"tahun": [2024], "kode_wilayah": ["36.71.01"], "lain": [1]})
    result = actions.do_compute_comparison(world.open_pair)
    assert result.status == "error"
    assert "penduduk" in result.error_message and "not in the data" in result.error_message


def test_publishing_a_new_version_recomputes(world, django_capture_on_commit_callbacks):
    dataset = world.open_b
    candidate = make_version(
        dataset,
        {
            "tahun": [2024] * 3,
            "kode_wilayah": ["36.71.01", "36.71.02", "36.71.03"],
            "penduduk": [1000, 600, 410],
        },
        [
            {"name": "tahun", "title": "Tahun", "type": "integer", "role": None},
            {"name": "kode_wilayah", "title": "Kode", "type": "string", "role": "kode_wilayah"},
            {"name": "penduduk", "title": "Penduduk", "type": "integer", "role": None},
        ],
    )
    dataset.candidate_version = candidate
    dataset.state = State.DIAJUKAN
    dataset.save()
    check = next(c for c in automatic_checks(dataset) if c.code == "consistency")
    assert check.ok, check.details  # the candidate is compared live before publishing
    with django_capture_on_commit_callbacks(execute=True):
        workflow.check_approve(user=world.walidata, dataset=dataset)
    world.open_pair.refresh_from_db()
    latest = world.open_pair.latest
    assert latest.version_b == candidate
    assert latest.status == "ok" and latest.disagreements == 0
    assert ComparisonResult.objects.filter(comparison=world.open_pair).count() == 2


def test_rollback_recomputes(world, django_capture_on_commit_callbacks):
    old = world.open_b.published_version
    publish(world.open_b, {"tahun": [2024], "kode_wilayah": ["36.71.01"], "penduduk": [1000]})
    with django_capture_on_commit_callbacks(execute=True):
        workflow.check_rollback(user=world.walidata, dataset=world.open_b, version=old)
    world.open_pair.refresh_from_db()
    assert world.open_pair.latest.version_b == old
    assert world.open_pair.latest.disagreements == 1


def test_checklist_names_shareable_partners_only(world):
    check = next(c for c in automatic_checks(world.open_a) if c.code == "consistency")
    assert not check.ok
    text = " ".join(check.details)
    assert "Sasaran Penduduk Dinkes" in text and "1 disagreement" in text
    assert "Rahasia" not in text
    [closed] = [c for c in automatic_checks(world.closed_b) if c.code == "consistency"]
    assert "Penduduk per Kecamatan" in closed.details[0]
    world.open_a.access_level = "tertutup"
    world.open_a.save()
    assert not [c for c in automatic_checks(world.closed_b) if c.code == "consistency"]
    lonely = make_dataset(world.open_a.organisation, title="Tanpa pasangan")
    assert not [c for c in automatic_checks(lonely) if c.code == "consistency"]


def test_recompute_skips_retired(world, django_capture_on_commit_callbacks):
    actions.check_retire_comparison(world.walidata, world.closed_pair)
    with django_capture_on_commit_callbacks(execute=True):
        queued = actions.do_recompute_for_dataset(world.open_a)
    assert len(queued) == 1
