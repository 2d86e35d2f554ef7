"""A standard proposed from a terbatas or tertutup dataset never shows what was read from the
data to anyone who may not see the dataset, and never publishes it unless the walidata confirms."""

import pytest

from satudata.apps.catalog.errors import NotAllowed
from satudata.apps.standards import actions, resolve
from satudata.apps.standards.tests.conftest import login
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_version

pytestmark = pytest.mark.django_db

SECRET = "Rahasia-Diagnosa-5X"
PAGES = ("/standar/usulan/", "/standar/usulan.json", "/standar/usulan.csv", "/standar/usulan/v1/")


@pytest.fixture
def closed(people):
    dataset = make_dataset(
        people["opd"],
        access_level="tertutup",
        published=False,
        description=f"Uraian {SECRET}",
        konsep=f"Konsep {SECRET}",
    )
    version = make_version(
        dataset,
        columns={"diagnosa": [SECRET, "Lain", SECRET], "umur": [3, 97, 41]},
        fields=[
            {"name": "diagnosa", "title": f"Diagnosa {SECRET}", "type": "string", "role": None},
            {"name": "umur", "title": "Umur", "type": "integer", "role": None},
        ],
    )
    dataset.transitions.create(kind="publish", to_state="diterbitkan", version=version)
    dataset.published_version = version
    dataset.state = "diterbitkan"
    dataset.save()
    return dataset


def _propose(people, dataset):
    return actions.check_propose_from_dataset(
        user=people["walidata"], dataset=dataset, slug="usulan", title="Usulan"
    )


def _texts(client) -> str:
    pages = [*PAGES, "/standar/usulan/v1/tableschema.json", "/api/v1/standards/usulan"]
    return "".join(client.get(url).content.decode() for url in pages)


def test_values_from_a_tertutup_dataset_stay_out_of_the_draft(people, closed):
    draft = _propose(people, closed)
    fields = {f.name: f for f in resolve.fields_of(draft)}
    assert fields["diagnosa"].enum == [] and fields["umur"].minimum == ""
    assert draft.konsep == "" and draft.standard.description == ""
    assert draft.withheld["fields"]["diagnosa"]["enum"] == ["Lain", SECRET]
    assert draft.withheld["fields"]["umur"] == {"minimum": "3", "maximum": "97"}
    assert fields["diagnosa"].title == "Diagnosa"
    pembina = login(people["pembina"])
    assert SECRET not in _texts(pembina)
    assert (
        "diusulkan dari dataset yang tidak boleh Anda lihat"
        in pembina.get("/standar/usulan/").content.decode()
    )
    assert pembina.post("/standar/usulan/v1/konfirmasi-nilai/").status_code == 404


def test_walidata_sees_audited_values_and_confirms_them_into_the_draft(people, closed):
    draft = _propose(people, closed)
    walidata = login(people["walidata"])
    page = walidata.get("/standar/usulan/v1/").content.decode()
    assert SECRET in page
    assert AuditEntry.objects.filter(
        action="dataset.read", object_id=str(closed.pk), detail__what="standard_proposal"
    ).exists()
    assert SECRET not in walidata.get("/standar/usulan/v1/tableschema.json").content.decode()
    response = walidata.post("/standar/usulan/v1/konfirmasi-nilai/")
    assert response.status_code == 302
    draft.refresh_from_db()
    fields = {f.name: f for f in resolve.fields_of(draft)}
    assert fields["diagnosa"].enum == ["Lain", SECRET]
    assert fields["diagnosa"].title == f"Diagnosa {SECRET}"
    assert (fields["umur"].minimum, fields["umur"].maximum) == ("3", "97")
    assert draft.konsep == f"Konsep {SECRET}" and draft.withheld == {}
    entry = AuditEntry.objects.get(action="standard.confirm_values")
    assert entry.detail == {"dataset": closed.pk, "fields": ["diagnosa", "umur"]}


def test_only_the_walidata_confirms(people, closed):
    draft = _propose(people, closed)
    with pytest.raises(NotAllowed):
        actions.check_confirm_withheld(user=people["pembina"], version=draft)


def test_publishing_without_confirmation_drops_the_values(people, closed):
    draft = _propose(people, closed)
    actions.check_publish_version(user=people["walidata"], version=draft)
    draft.refresh_from_db()
    assert draft.withheld == {}
    assert SECRET not in _texts(login(people["walidata"]))
    assert AuditEntry.objects.get(action="standard.publish").detail == {
        "unconfirmed_values_dropped": True
    }


def test_values_from_an_open_dataset_are_proposed_as_before(people):
    dataset = make_dataset(people["opd"], description="Uraian terbuka")
    draft = actions.check_propose_from_dataset(
        user=people["pembina"], dataset=dataset, slug="terbuka", title="Terbuka"
    )
    assert draft.withheld == {} and draft.source_dataset == dataset
    assert draft.standard.description == "Uraian terbuka"
