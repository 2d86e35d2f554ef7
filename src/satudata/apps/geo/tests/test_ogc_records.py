"""OGC API – Records for the catalogue: what each viewer may see, found with the portal's search,
paged, and every tertutup record read audited."""

import pytest
from django.test import Client

from satudata.apps.search.actions import do_index_dataset
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    dinkes = make_org("opd", name="Dinas Kesehatan")
    made = {
        "open": make_dataset(dinkes, title="Jumlah Puskesmas per Kecamatan"),
        "limited": make_dataset(dinkes, title="Jumlah Puskesmas Terbatas", access_level="terbatas"),
        "closed": make_dataset(dinkes, title="Pasien Puskesmas Tertutup", access_level="tertutup"),
        "draft": make_dataset(dinkes, title="Puskesmas Draf", published=False),
        "other": make_dataset(dinkes, title="Jumlah Sekolah Dasar"),
    }
    for dataset in made.values():
        do_index_dataset(dataset)
    return dinkes, made


def ids(page: dict) -> set[str]:
    return {f["id"] for f in page["features"]}


def test_the_catalogue_is_a_record_collection(catalogue):
    listed = Client().get("/ogc/collections").json()["collections"]
    assert listed[0]["id"] == "katalog" and listed[0]["itemType"] == "record"
    assert Client().get("/ogc/collections/katalog").json()["itemType"] == "record"


def test_each_viewer_gets_the_records_it_may_see(catalogue):
    dinkes, made = catalogue
    anonymous = Client().get("/ogc/collections/katalog/items?q=puskesmas&limit=50").json()
    assert ids(anonymous) == {made["open"].slug}
    assert anonymous["numberMatched"] == 1
    owner = Client()
    owner.force_login(make_user(dinkes, "produsen"))
    own = owner.get("/ogc/collections/katalog/items?q=puskesmas&limit=50").json()
    assert ids(own) == {made["open"].slug, made["limited"].slug, made["closed"].slug}
    read = AuditEntry.objects.filter(action="dataset.read", object_id=str(made["closed"].pk))
    assert read.count() == 1 and read.get().detail["via"] == "ogc"


def test_a_record_describes_its_dataset_and_links_to_its_page(catalogue):
    _dinkes, made = catalogue
    record = Client().get(f"/ogc/collections/katalog/items/{made['open'].slug}").json()
    assert record["properties"]["title"] == "Jumlah Puskesmas per Kecamatan"
    assert record["properties"]["type"] == "dataset"
    alternate = next(link for link in record["links"] if link["rel"] == "alternate")
    assert alternate["href"].endswith(made["open"].get_absolute_url())
    for hidden in ("limited", "closed", "draft"):
        url = f"/ogc/collections/katalog/items/{made[hidden].slug}"
        assert Client().get(url).status_code == 404


def test_records_page_with_next_links_and_refuse_unaligned_offsets(catalogue):
    first = Client().get("/ogc/collections/katalog/items?limit=1").json()
    assert first["numberReturned"] == 1 and first["numberMatched"] == 2
    following = next(link["href"] for link in first["links"] if link["rel"] == "next")
    second = Client().get(following.removeprefix("http://testserver")).json()
    assert ids(second) and ids(second) != ids(first)
    refused = Client().get("/ogc/collections/katalog/items?limit=2&offset=1")
    assert refused.status_code == 400 and "limit" in refused.json()["description"]


def test_people_asking_for_html_go_to_the_portal(catalogue):
    _dinkes, made = catalogue
    listed = Client().get("/ogc/collections/katalog/items?q=puskesmas&f=html")
    assert listed.status_code == 302 and listed["Location"] == "/dataset/?q=puskesmas"
    one = Client().get(f"/ogc/collections/katalog/items/{made['open'].slug}?f=html")
    assert one["Location"] == made["open"].get_absolute_url()
    hidden = Client().get(f"/ogc/collections/katalog/items/{made['closed'].slug}?f=html")
    assert hidden.status_code == 404
