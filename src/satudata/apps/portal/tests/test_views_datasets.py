import pytest
from django.utils import timezone

from satudata.apps.catalog.models import Topic, Transition
from satudata.apps.portal.tests.helpers import (
    english_client,
    people,
    record_checks,
    second_version,
    signed_in,
    with_candidate,
)
from satudata.apps.search.actions import do_reindex_all
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def titles(response):
    return [d.title for d in response.context["page_obj"].object_list]


def found(response):
    return [d.title for d in response.context["result"].datasets]


def test_list_filters_on_text_organisation_and_topic(crew):
    health = Topic.objects.create(name="Kesehatan", slug="kesehatan")
    make_dataset(crew["org"], title="Jumlah Puskesmas", topic=health)
    make_dataset(crew["org"], title="Tenaga Kesehatan", description="dokter dan bidan")
    make_dataset(crew["other_org"], title="Jumlah Sekolah")
    do_reindex_all()
    client = english_client()
    by_jumlah = found(client.get("/dataset/?q=jumlah"))
    assert sorted(by_jumlah[:2]) == ["Jumlah Puskesmas", "Jumlah Sekolah"]
    assert by_jumlah[2:] == ["Tenaga Kesehatan"]  # only its column "jumlah" matches
    assert found(client.get("/dataset/?q=bidan")) == ["Tenaga Kesehatan"]
    assert found(client.get(f"/dataset/?organisation={crew['other_org'].slug}")) == [
        "Jumlah Sekolah"
    ]
    assert found(client.get("/dataset/?topic=kesehatan")) == ["Jumlah Puskesmas"]


def test_access_level_filter_is_for_signed_in_users_only(crew):
    make_dataset(crew["org"], title="Terbuka")
    make_dataset(crew["org"], title="Terbatas", access_level="terbatas")
    anonymous = english_client().get("/dataset/?access=terbatas")
    assert "access" not in [facet.name for facet in anonymous.context["result"].facets]
    assert found(anonymous) == ["Terbuka"]
    staff = signed_in(crew["stranger"]).get("/dataset/?access=terbatas")
    assert found(staff) == ["Terbatas"]


def test_list_is_paginated(crew):
    for n in range(25):
        make_dataset(crew["org"], title=f"Dataset {n:02}")
    client = english_client()
    assert len(found(client.get("/dataset/"))) == 20
    second = client.get("/dataset/?page=2")
    assert len(found(second)) == 5
    assert "Page 2 of 2" in second.content.decode()


def test_dataset_page_shows_metadata_badges_columns_and_preview(crew):
    dataset = make_dataset(
        crew["org"],
        title="Jumlah Balita",
        prioritas_years=[2024],
        satuan="jiwa",
        description="Data **balita** per kecamatan.\n\n<script>alert(1)</script>",
    )
    record_checks(dataset)
    body = english_client().get(dataset.get_absolute_url()).content.decode()
    assert "Checked — meets the SDI principles" in body
    assert "Data Prioritas 2024" in body
    assert "Up to date" in body
    assert "<strong>balita</strong>" in body
    assert "<script>alert(1)</script>" not in body
    assert "36.71.01" in body and "120" in body
    assert "whole number" in body
    assert "jiwa" in body
    assert "Checking history" not in body
    assert "/versi/1/unduh.csv" in body


def test_late_update_badge(crew):
    dataset = make_dataset(crew["org"], frekuensi="bulanan")
    dataset.data_updated_at = timezone.now() - timezone.timedelta(days=60)
    dataset.save()
    assert "Update late" in english_client().get(dataset.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", [None, "partner", "stranger"])
def test_hidden_datasets_answer_404(crew, who):
    closed = make_dataset(crew["org"], access_level="tertutup")
    draft = make_dataset(crew["org"], published=False)
    client = signed_in(crew[who]) if who else english_client()
    for dataset in (closed, draft):
        assert client.get(dataset.get_absolute_url()).status_code == 404
        assert client.get(f"{dataset.get_absolute_url()}versi/1/").status_code == 404


def test_terbatas_is_hidden_from_the_public_only(crew):
    dataset = make_dataset(crew["org"], access_level="terbatas")
    assert english_client().get(dataset.get_absolute_url()).status_code == 404
    assert signed_in(crew["partner"]).get(dataset.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["produsen", "walidata"])
def test_reading_a_tertutup_dataset_is_audited(crew, who):
    dataset = make_dataset(crew["org"], access_level="tertutup")
    client = signed_in(crew[who])
    assert client.get(dataset.get_absolute_url()).status_code == 200
    assert client.get(f"{dataset.get_absolute_url()}versi/1/").status_code == 200
    reads = AuditEntry.objects.filter(action="dataset.read", object_id=str(dataset.pk))
    assert [e.detail["what"] for e in reads.order_by("seq")] == ["page", "version"]
    assert {e.actor_id for e in reads} == {crew[who].pk}


def test_open_dataset_reads_are_not_audited(crew):
    dataset = make_dataset(crew["org"])
    english_client().get(dataset.get_absolute_url())
    assert not AuditEntry.objects.filter(action="dataset.read").exists()


def test_producer_sees_draft_candidate_timeline_and_return_note(crew):
    dataset = with_candidate(crew["org"], crew["produsen"], state="dikembalikan")
    Transition.objects.create(
        dataset=dataset,
        kind=Transition.Kind.RETURN,
        to_state="dikembalikan",
        actor=crew["walidata"],
        note="Satuan belum diisi",
    )
    body = signed_in(crew["produsen"]).get(dataset.get_absolute_url()).content.decode()
    assert "Checking history" in body
    assert "Satuan belum diisi" in body
    assert "not yet published" in body
    assert "Submit for checking" in body


def test_version_page_shows_facts_and_diff(crew):
    dataset = make_dataset(crew["org"])
    second_version(
        dataset,
        {
            "rows_added": 3,
            "rows_removed": 1,
            "rows_changed": 2,
            "columns_added": ["catatan"],
            "columns_removed": [],
            "columns_retyped": [{"name": "jumlah", "old_type": "integer", "new_type": "number"}],
        },
        publish=True,
    )
    response = english_client().get(f"{dataset.get_absolute_url()}versi/2/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Changes since version 1" in body
    assert "catatan" in body and "integer → number" in body
    assert "data-2.xlsx" in body
    assert dataset.versions.get(number=2).checksum in body
    assert "Roll back" not in body


def test_unpublished_versions_are_hidden_from_the_public(crew):
    dataset = make_dataset(crew["org"])
    second_version(dataset, {})
    assert english_client().get(f"{dataset.get_absolute_url()}versi/2/").status_code == 404
    assert (
        signed_in(crew["produsen"]).get(f"{dataset.get_absolute_url()}versi/2/").status_code == 200
    )


def test_walidata_sees_the_rollback_button_on_an_older_published_version(crew):
    dataset = make_dataset(crew["org"])
    second_version(dataset, {}, publish=True)
    body = signed_in(crew["walidata"]).get(f"{dataset.get_absolute_url()}versi/1/").content.decode()
    assert "Roll back to this version" in body
    produsen = signed_in(crew["produsen"]).get(f"{dataset.get_absolute_url()}versi/1/")
    assert "Roll back to this version" not in produsen.content.decode()


def test_organisation_and_topic_pages(crew):
    topic = Topic.objects.create(name="Pendidikan", slug="pendidikan")
    make_dataset(crew["other_org"], title="Jumlah Sekolah", topic=topic)
    make_dataset(crew["other_org"], title="Rahasia", access_level="tertutup")
    client = english_client()
    listing = client.get("/organisasi/").content.decode()
    assert "Dinas Pendidikan" in listing
    org_page = client.get(crew["other_org"].get_absolute_url())
    assert titles(org_page) == ["Jumlah Sekolah"]
    assert titles(client.get(topic.get_absolute_url())) == ["Jumlah Sekolah"]
    assert client.get("/organisasi/tidak-ada/").status_code == 404


def test_cached_fragments_of_the_search_page_follow_the_query_and_the_data(crew):
    make_dataset(crew["org"], title="Jumlah Puskesmas")
    make_dataset(crew["other_org"], title="Jumlah Sekolah")
    do_reindex_all()
    client = english_client()
    first = client.get("/dataset/?q=puskesmas&sort=newest").content.decode()
    second = client.get("/dataset/?q=sekolah&sort=title").content.decode()
    assert 'value="puskesmas"' in first and "Jumlah Puskesmas" in first
    assert 'value="sekolah"' in second and "Jumlah Sekolah" in second
    assert "Jumlah Puskesmas" not in second
    assert '<option value="title" selected>' in second
    assert f'{crew["other_org"].name} <span class="muted">(1)</span>' in second
    school = crew["other_org"].datasets.get(title="Jumlah Sekolah")
    school.title = "Jumlah Sekolah Dasar"
    school.save()
    do_reindex_all()
    again = client.get("/dataset/?q=sekolah&sort=title").content.decode()
    assert "Jumlah Sekolah Dasar" in again


def test_a_cached_card_shows_an_edit_at_once(crew):
    school = make_dataset(crew["other_org"], title="Jumlah Sekolah")
    client = english_client()
    page = crew["other_org"].get_absolute_url()
    assert titles(client.get(page)) == ["Jumlah Sekolah"]
    school.title = "Jumlah Sekolah Dasar"
    school.description = "Sekolah dasar negeri dan swasta."
    school.save()
    shown = client.get(page)
    assert titles(shown) == ["Jumlah Sekolah Dasar"]
    assert "Sekolah dasar negeri dan swasta." in shown.content.decode()
