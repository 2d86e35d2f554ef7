"""The catalog's actions keep the index up to date; `reindex` rebuilds it."""

import pytest
from django.core.management import call_command

from satudata.apps.catalog.actions.datasets import check_add_attachment, check_update_metadata
from satudata.apps.search.models import Document, Posting, WordVariant
from satudata.apps.search.queries import params_from_query, search
from satudata.platform.access import ANONYMOUS
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db


def titles(query):
    return [d.title for d in search(ANONYMOUS, params_from_query(query)).datasets]


def test_editing_metadata_reindexes_the_dataset(tmp_path):
    org = make_org()
    user = make_user(org, "produsen")
    dataset = make_dataset(org, title="Data lama")
    assert titles({"q": "pernikahan"}) == []
    check_update_metadata(
        user=user, dataset=dataset, data={"title": "Jumlah Pernikahan"}, tags=["catatan sipil"]
    )
    assert titles({"q": "nikah"}) == ["Jumlah Pernikahan"]
    assert titles({"q": "sipil"}) == ["Jumlah Pernikahan"]
    assert titles({"q": "lama"}) == []
    pdf = tmp_path / "kuesioner.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    check_add_attachment(
        user=user,
        dataset=dataset,
        title="Kuesioner",
        access_level="terbuka",
        file=pdf,
        file_name="kuesioner.pdf",
        media_type="application/pdf",
    )
    assert titles({"format": "pdf"}) == ["Jumlah Pernikahan"]


def test_a_restricted_attachment_gives_no_format_to_an_open_dataset(tmp_path):
    org = make_org()
    user = make_user(org, "produsen")
    dataset = make_dataset(org, title="Terbuka")
    pdf = tmp_path / "rahasia.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    check_add_attachment(
        user=user,
        dataset=dataset,
        title="Rahasia",
        access_level="tertutup",
        file=pdf,
        file_name="rahasia.pdf",
    )
    assert Document.objects.get(dataset=dataset).formats == "csv xlsx json parquet"


def test_reindex_command_rebuilds_everything():
    org = make_org()
    make_dataset(org, title="Jumlah Penduduk")
    make_dataset(org, title="Fasilitas Kesehatan", published=False)
    call_command("reindex", verbosity=0)
    assert Document.objects.count() == 2
    assert Posting.objects.filter(term="duduk").count() == 1
    assert WordVariant.objects.filter(variant="pendudk", word="penduduk").exists()
    assert titles({"q": "pendudk"}) == ["Jumlah Penduduk"]
    assert titles({"q": "kesehatan"}) == []  # not published
