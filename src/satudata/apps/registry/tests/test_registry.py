"""The loaded list, its queries and its pages."""

import pytest

from satudata.apps.registry import queries
from satudata.apps.registry.loader import lokal_names
from satudata.apps.registry.models import Wilayah
from satudata.platform.testing.factories import make_dataset, make_org

pytestmark = pytest.mark.django_db


def test_every_level_is_loaded_from_lokal() -> None:
    names = lokal_names()
    by_depth = [sum(1 for k in names if k.count(".") == d) for d in range(4)]
    counts = {level: Wilayah.objects.filter(level=level).count() for level in queries.LEVELS}
    assert counts["provinsi"] == 38
    assert counts["kabkota"] == 514
    assert counts["kecamatan"] == by_depth[2] == 7285
    assert counts["desa"] == by_depth[3] == 83762
    assert Wilayah.objects.filter(parent__isnull=True).count() == 38


def test_names_are_in_display_case_and_centres_are_kept() -> None:
    assert Wilayah.objects.get(kode="36.71").nama == "Kota Tangerang"
    assert Wilayah.objects.get(kode="11.01").nama == "Kabupaten Aceh Selatan"
    sukarasa = Wilayah.objects.get(kode="36.71.01.1001")
    assert sukarasa.nama == "Sukarasa"
    assert sukarasa.lat == pytest.approx(-6.1729, abs=1e-3)
    assert Wilayah.objects.filter(kode__startswith="36.71.", lat__isnull=False).count() == 117


def test_kelurahan_desa_and_desa_adat() -> None:
    assert Wilayah.objects.get(kode="36.71.01.1001").jenis == "kelurahan"
    desa = Wilayah.objects.filter(level="desa", kode__regex=r"\.2\d{3}$").first()
    assert desa.jenis == "desa"
    assert Wilayah.objects.get(kode="91.03.01.3007").jenis == "desa_adat"
    assert Wilayah.objects.get(kode="36.71").jenis == "kabkota"


def test_codes_at_level() -> None:
    kecamatan = queries.codes_at_level("kecamatan", within="36.71")
    assert kecamatan == {f"36.71.{n:02d}" for n in range(1, 14)}
    assert len(queries.codes_at_level("desa", within="36.71")) == 104
    assert queries.codes_at_level("kabkota", within="36.71") == {"36.71"}
    assert len(queries.codes_at_level("provinsi")) == 38
    Wilayah.objects.filter(kode="36.71.13").update(valid_until="2025-01-01")
    assert "36.71.13" not in queries.codes_at_level("kecamatan", within="36.71")
    assert "36.71.13" in queries.codes_at_level("kecamatan", within="36.71", current=False)
    with pytest.raises(ValueError, match="unknown level"):
        queries.codes_at_level("kota")


def test_suggest_is_typo_tolerant_and_follows_changes() -> None:
    found = queries.suggest("Karang Tengah", level="kecamatan", within="36.71")
    assert found[0].kode == "36.71.12"
    assert found[0].parent == "Kota Tangerang"
    assert queries.suggest("Kel. Sukrasa", level="desa", within="36.71")[0].kode == "36.71.01.1001"
    assert queries.suggest("Krang Tenga", level="kecamatan", within="36.71")[0].kode == "36.71.12"
    Wilayah.objects.filter(kode="36.71.12").update(nama="Karang Baru")
    from django.utils import timezone

    Wilayah.objects.filter(kode="36.71.12").update(updated_at=timezone.now())
    assert queries.suggest("Karang Baru", level="kecamatan", within="36.71")[0].kode == "36.71.12"


def test_pages_and_data_files(client) -> None:
    page = client.get("/wilayah/")
    assert page.status_code == 200
    assert "Banten" in page.content.decode()
    data = client.get("/wilayah.json").json()
    assert len(data["wilayah"]) == 38
    assert client.get("/wilayah.csv")["Content-Type"].startswith("text/csv")
    detail = client.get("/wilayah/36.71.12/")
    text = detail.content.decode()
    assert "Karang Tengah" in text and "Kota Tangerang" in text and "Banten" in text
    document = client.get("/wilayah/36.71.12.json").json()
    assert document["wilayah"]["child_count"] == len(document["children"]) > 0
    assert client.get("/wilayah/99.99/").status_code == 404
    found = client.get("/wilayah/cari/", {"q": "Karang Tngah", "level": "kecamatan"})
    assert "36.71.12" in found.content.decode()
    rows = client.get("/wilayah/cari.json", {"q": "36.71.01"}).json()["results"]
    assert rows[0]["kode"] == "36.71.01"
    assert client.get("/wilayah/cari/", {"q": "x" * 500, "level": "nope"}).status_code == 200


def test_detail_lists_only_datasets_the_viewer_may_see(client) -> None:
    org = make_org("opd")
    area = Wilayah.objects.get(kode="36.71")
    make_dataset(org, title="Data Terbuka Kota", cakupan_wilayah=area)
    make_dataset(org, title="Rahasia Tertutup Kota", access_level="tertutup", cakupan_wilayah=area)
    text = client.get("/wilayah/36.71/").content.decode()
    assert "Data Terbuka Kota" in text
    assert "Rahasia Tertutup Kota" not in text
    titles = [d["title"] for d in client.get("/wilayah/36.71.json").json()["datasets"]]
    assert titles == ["Data Terbuka Kota"]
