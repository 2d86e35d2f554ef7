import pytest
from django.test import Client

from satudata.apps.consistency.models import Comparison
from satudata.platform.models import AuditEntry

pytestmark = pytest.mark.django_db


def client_for(user=None) -> Client:
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_dataset_page_panel_for_anonymous(world):
    html = page(client_for(), world.open_a.get_absolute_url())
    assert "Consistency with other datasets" in html
    assert "1 difference with Sasaran Penduduk Dinkes" in html
    assert f"/konsistensi/{world.open_pair.pk}/" in html
    assert "Rahasia" not in html  # the tertutup partner is not named
    assert f"/konsistensi/{world.closed_pair.pk}/" not in html


def test_dataset_page_panel_for_the_owner_of_the_closed_partner(world):
    html = page(client_for(world.dinkes_user), world.open_a.get_absolute_url())
    assert "Sasaran Rahasia Tertutup" in html


def test_same_as_when_consistent(world):
    world.open_pair.latest.status = "ok"
    world.open_pair.latest.save()
    html = page(client_for(), world.open_b.get_absolute_url())
    assert "Same as Penduduk per Kecamatan" in html


def test_public_comparison_page(world):
    html = page(Client(), f"/konsistensi/{world.open_pair.pk}/")
    assert "Jumlah penduduk" in html and "36.71.02" in html
    assert "660" in html and "10,0%" in html  # Indonesian number format by default
    assert "Bandingkan lagi sekarang" not in html and "Compare again now" not in html


@pytest.mark.parametrize(
    ("who", "closed", "restricted"),
    [
        (None, 404, 404),
        ("partner", 404, 200),
        ("other_user", 404, 200),
        ("dukcapil_user", 404, 200),
        ("dinkes_user", 200, 200),
        ("walidata", 200, 200),
    ],
)
def test_public_comparison_page_is_access_checked(world, who, closed, restricted):
    client = client_for(getattr(world, who) if who else None)
    text = page(client, f"/konsistensi/{world.closed_pair.pk}/", closed)
    if closed == 404:
        assert "Rahasia" not in text
    page(client, f"/konsistensi/{world.restricted_pair.pk}/", restricted)


def test_closed_comparison_read_is_audited(world):
    before = AuditEntry.objects.filter(action="dataset.read").count()
    page(client_for(world.walidata), f"/konsistensi/{world.closed_pair.pk}/")
    assert AuditEntry.objects.filter(action="dataset.read").count() == before + 1


def test_restricted_pair_is_invisible_to_anonymous_everywhere(world):
    client = client_for()
    assert "Penduduk terbatas" not in page(client, world.open_a.get_absolute_url())
    page(client, world.restricted_a.get_absolute_url(), 404)
    assert "Penduduk terbatas" in page(
        client_for(world.partner), world.restricted_a.get_absolute_url()
    )


@pytest.mark.parametrize("who", [None, "partner", "dukcapil_user"])
def test_work_pages_are_for_the_walidata(world, who):
    client = client_for(getattr(world, who) if who else None)
    for url in (
        "/kerja/konsistensi/",
        "/kerja/konsistensi/baru/",
        f"/kerja/konsistensi/{world.open_pair.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 404), url
    assert client.post(f"/kerja/konsistensi/{world.open_pair.pk}/jalankan/").status_code in (
        302 if who is None else 404,
    )


def test_work_list_and_detail(world):
    client = client_for(world.walidata)
    html = page(client, "/kerja/konsistensi/")
    for variable in ("Jumlah penduduk", "Penduduk vs tertutup", "Penduduk terbatas"):
        assert variable in html
    html = page(client, f"/kerja/konsistensi/{world.open_pair.pk}/")
    assert "Compare again now" in html and "36.71.02" in html


def test_declare_in_two_steps(world, django_capture_on_commit_callbacks):
    client = client_for(world.walidata)
    html = page(client, "/kerja/konsistensi/baru/")
    assert "Choose the columns" in html and "2. What to compare" not in html
    url = f"/kerja/konsistensi/baru/?a={world.open_b.slug}&b={world.open_a.slug}"
    html = page(client, url)
    assert 'value="penduduk"' in html and 'value="catatan"' in html
    data = {
        "variable": "Penduduk terbalik",
        "value_a": "penduduk",
        "wilayah_a": "kode_wilayah",
        "period_a": "tahun",
        "value_b": "jumlah",
        "wilayah_b": "kode_wilayah",
        "period_b": "tahun",
        "filter_column_b": "jenis_kelamin",
        "filter_value_b": "perempuan",
        "tolerance_absolute": "1",
        "wilayah_level": "kecamatan",
        "period_grain": "year",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    comparison = Comparison.objects.get(variable="Penduduk terbalik")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/kerja/konsistensi/{comparison.pk}/")
    assert comparison.latest.status == "disagree"  # perempuan only: about half of the total
    assert comparison.filter_value_b == "perempuan"


def test_declare_shows_action_errors(world):
    client = client_for(world.walidata)
    url = f"/kerja/konsistensi/baru/?a={world.open_b.slug}&b={world.open_a.slug}"
    data = {
        "variable": "Setengah",
        "value_a": "penduduk",
        "wilayah_a": "kode_wilayah",
        "period_a": "tahun",
        "value_b": "jumlah",
        "wilayah_b": "kode_wilayah",
        "period_grain": "year",
    }
    html = client.post(url, data).content.decode()
    assert "on both sides, or on neither" in html
    assert not Comparison.objects.filter(variable="Setengah").exists()
    html = page(client, f"/kerja/konsistensi/baru/?a={world.open_a.slug}&b={world.open_a.slug}")
    assert "Choose two different datasets" in html


def test_run_and_retire_pages(world, django_capture_on_commit_callbacks):
    client = client_for(world.walidata)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kerja/konsistensi/{world.open_pair.pk}/jalankan/")
    assert response.status_code == 302
    assert world.open_pair.results.count() == 2
    client.post(f"/kerja/konsistensi/{world.open_pair.pk}/pensiunkan/", {"note": "selesai"})
    world.open_pair.refresh_from_db()
    assert not world.open_pair.active
    page(client_for(), f"/konsistensi/{world.open_pair.pk}/", 404)
    assert "retired" in page(client, "/kerja/konsistensi/")


def test_dashboard_panel(world):
    html = page(client_for(world.walidata), "/kerja/")
    assert "Data not in sync" in html and "Penduduk vs tertutup" in html
    html = page(client_for(world.dukcapil_user), "/kerja/")
    assert "Data not in sync" in html and "Jumlah penduduk" in html
    assert "Penduduk vs tertutup" not in html  # the partner is another OPD's tertutup data
    html = page(client_for(world.other_user), "/kerja/")
    assert "Data not in sync" not in html
    html = page(client_for(world.partner), "/kerja/")
    assert "Data not in sync" not in html
