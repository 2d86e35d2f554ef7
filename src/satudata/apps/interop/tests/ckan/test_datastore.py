"""datastore_search on a version's rows: filters, q, fields, sort, paging, formats."""

import csv
import io

import pytest

from satudata.apps.interop.tests.ckan.conftest import call, publish, result
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource_id(world):
    package = result(call("package_show", id=world["datasets"]["penduduk"].slug))
    return package["resources"][0]["id"]


def test_all_rows_with_fields_and_links(world, resource_id):
    found = result(call("datastore_search", resource_id=resource_id))
    assert found["total"] == 4
    assert found["fields"][0] == {"id": "_id", "type": "int"}
    assert {f["id"]: f["type"] for f in found["fields"][1:]} == {
        "kode_wilayah": "text",
        "kecamatan": "text",
        "tahun": "int",
        "jumlah": "int",
    }
    assert found["records"][0] == {
        "_id": 1,
        "kode_wilayah": "36.71.01",
        "kecamatan": "Tangerang",
        "tahun": 2023,
        "jumlah": 120,
    }
    assert found["_links"]["start"].startswith("/api/3/action/datastore_search?")
    assert "offset=100" in found["_links"]["next"]


def test_filters_q_fields_sort_and_paging(world, resource_id):
    found = result(
        call(
            "datastore_search",
            resource_id=resource_id,
            filters={"kode_wilayah": "36.71.01"},
            fields=["tahun", "jumlah"],
            sort="tahun desc",
        )
    )
    assert found["total"] == 2
    assert found["records"] == [{"tahun": 2024, "jumlah": 130}, {"tahun": 2023, "jumlah": 120}]
    listed = result(call("datastore_search", resource_id=resource_id, filters={"tahun": [2023]}))
    assert listed["total"] == 3
    assert result(call("datastore_search", resource_id=resource_id, q="jatiu"))["total"] == 1
    by_column = result(call("datastore_search", resource_id=resource_id, q={"kecamatan": "batu"}))
    assert [r["kode_wilayah"] for r in by_column["records"]] == ["36.71.03"]
    page = result(
        call("datastore_search", resource_id=resource_id, sort="jumlah asc", limit=2, offset=1)
    )
    assert [r["jumlah"] for r in page["records"]] == [98, 120]
    assert page["total"] == 4 and page["limit"] == 2 and page["offset"] == 1
    bare = result(call("datastore_search", resource_id=resource_id, include_total=False))
    assert "total" not in bare


def test_records_formats(world, resource_id):
    lists = result(
        call(
            "datastore_search",
            resource_id=resource_id,
            records_format="lists",
            fields="kecamatan,jumlah",
            limit=1,
        )
    )
    assert lists["records"] == [["Tangerang", 120]]
    text = result(call("datastore_search", resource_id=resource_id, records_format="csv", limit=2))
    assert text["records"] == "1,36.71.01,Tangerang,2023,120\n2,36.71.02,Jatiuwung,2023,98\n"
    tsv = result(call("datastore_search", resource_id=resource_id, records_format="tsv", limit=1))
    assert tsv["records"] == "1\t36.71.01\tTangerang\t2023\t120\n"


def test_delimited_records_guard_formulas(world):
    dataset = make_dataset(world["orgs"]["dukcapil"], title="Catatan warga")
    formulas = ['=HYPERLINK("http://x.id")', "+62 21", "-5", "@SUM(A1)", "\tx", "biasa"]
    publish(
        dataset,
        {"catatan": formulas, "nilai": [-1, 2, 3, 4, 5, 6]},
        [
            {"name": "catatan", "title": "Catatan", "type": "string", "role": None},
            {"name": "nilai", "title": "Nilai", "type": "integer", "role": None},
        ],
    )
    guarded = ["'" + v for v in formulas[:-1]] + ["biasa"]
    package = result(call("package_show", id=dataset.slug))
    resource = package["resources"][0]["id"]
    for fmt, sep in (("csv", ","), ("tsv", "\t")):
        text = result(
            call(
                "datastore_search", resource_id=resource, records_format=fmt, fields="catatan,nilai"
            )
        )["records"]
        rows = list(csv.reader(io.StringIO(text), delimiter=sep))
        assert [row[0] for row in rows] == guarded
        assert [row[1] for row in rows] == ["-1", "2", "3", "4", "5", "6"]
    objects = result(call("datastore_search", resource_id=resource, fields="catatan"))["records"]
    assert [row["catatan"] for row in objects] == formulas


def test_post_json_body(world, resource_id):
    found = result(
        call(
            "datastore_search",
            method="post",
            resource_id=resource_id,
            filters={"kecamatan": ["Tangerang", "Batuceper"]},
        )
    )
    assert found["total"] == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"filters": {"nope": 1}}, "filters"),
        ({"filters": {"tahun": "dua ribu"}}, "filters"),
        ({"fields": ["nope"]}, "fields"),
        ({"sort": "nope desc"}, "sort"),
        ({"limit": 32001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"records_format": "xml"}, "records_format"),
        ({"filters": "[1]"}, "filters"),
    ],
)
def test_validation_errors(world, resource_id, params, field):
    response = call("datastore_search", resource_id=resource_id, **params)
    assert response.status_code == 409
    error = response.json()["error"]
    assert error["__type"] == "Validation Error" and field in error


def test_unknown_or_non_data_resources(world):
    response = call("datastore_search", resource_id="tidak-ada")
    assert response.status_code == 404
    assert response.json()["error"]["__type"] == "Not Found Error"
    package = result(call("package_show", id=world["datasets"]["penduduk"].slug))
    attachment = package["resources"][-1]["id"]
    assert call("datastore_search", resource_id=attachment).status_code == 404
    assert call("datastore_search").status_code == 409
