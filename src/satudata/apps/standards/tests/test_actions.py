import pytest

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.standards import actions, resolve
from satudata.apps.standards.models import ImmutableStandardError, StandardField
from satudata.engines.standards import StandardField as EngineField
from satudata.platform.audit import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_version

from .conftest import FIELDS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_create_publish_and_new_draft_copies_the_last(people, published):
    assert published.state == "published" and published.published_at
    assert [f.name for f in resolve.fields_of(published)] == [f.name for f in FIELDS]
    draft = actions.check_new_draft(user=people["pembina"], standard=published.standard)
    assert draft.number == 2 and draft.konsep == "Penduduk"
    assert [resolve.engine_field(f) for f in resolve.fields_of(draft)] == list(FIELDS)
    with pytest.raises(ActionError):
        actions.check_new_draft(user=people["pembina"], standard=published.standard)
    actions_logged = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"standard.create", "standard.publish", "standard.draft.create"} <= actions_logged


def test_published_versions_are_immutable(people, published):
    with pytest.raises(ActionError):
        actions.check_save_draft(
            user=people["pembina"], version=published, texts={}, note="", fields=FIELDS
        )
    with pytest.raises(ImmutableStandardError):
        StandardField.objects.filter(version=published).first().delete()
    published.konsep = "lain"
    with pytest.raises(ImmutableStandardError):
        published.save()
    actions.check_retire_version(user=people["pembina"], version=published)
    published.refresh_from_db()
    assert published.state == "retired"


def test_only_the_standards_pembina_or_walidata_edit(people, published):
    for user in (people["produsen"], people["other_pembina"]):
        with pytest.raises(NotAllowed):
            actions.check_new_draft(user=user, standard=published.standard)
    with pytest.raises(NotAllowed):
        actions.check_create_standard(user=people["produsen"], slug="x", title="x")
    draft = actions.check_new_draft(user=people["walidata"], standard=published.standard)
    assert draft.is_draft


def test_bad_fields_are_refused_with_the_reason(people):
    bad = [EngineField("a"), EngineField("a")]
    with pytest.raises(ActionError, match="appears twice"):
        actions.check_create_standard(user=people["pembina"], slug="y", title="y", fields=bad)


def test_import_table_schema_makes_a_draft(people, published):
    schema = resolve.table_schema(published)
    schema["fields"][1]["constraints"]["maximum"] = 5000
    draft = actions.check_import_table_schema(
        user=people["pembina"], descriptor=schema, standard=published.standard
    )
    assert draft.number == 2 and draft.is_draft
    assert resolve.fields_of(draft)[1].maximum == "5000"
    with pytest.raises(ActionError, match="JSON object"):
        actions.check_import_table_schema(user=people["pembina"], descriptor=[], slug="z")


def test_propose_from_dataset(people):
    dataset = make_dataset(people["opd"], level_penyajian="kecamatan")
    version = actions.check_propose_from_dataset(
        user=people["pembina"], dataset=dataset, slug="usulan", title="Usulan"
    )
    fields = {f.name: f for f in resolve.fields_of(version)}
    assert fields["jumlah"].type == "integer" and fields["jumlah"].minimum == "98"
    assert fields["jumlah"].required and fields["kode_wilayah"].wilayah_level == "kecamatan"


def test_propose_refuses_datasets_the_user_cannot_see(people):
    dataset = make_dataset(people["opd"], access_level="tertutup", published=False)
    make_version(dataset)
    with pytest.raises(NotAllowed):
        actions.check_propose_from_dataset(
            user=people["other_pembina"], dataset=dataset, slug="u", title="u"
        )


def test_adoption_checks_conformance_of_the_published_version(people, published):
    dataset = make_dataset(people["opd"])
    with pytest.raises(NotAllowed):
        actions.check_adopt_standard(
            user=people["other_pembina"], dataset=dataset, standard_version=published
        )
    actions.check_adopt_standard(
        user=people["produsen"], dataset=dataset, standard_version=published
    )
    found = dataset.published_version.conformances.get()
    assert found.problems["kode_kelurahan"] == {"schema.missing_column": 2}
    assert not found.ok
    assert (
        actions.check_adopt_standard(
            user=people["produsen"], dataset=dataset, standard_version=None
        )
        is None
    )
