import csv
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from satudata.apps.portal.tests.helpers import english_client, people, signed_in
from satudata.apps.usage.models import DailyUsage
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def used():
    crew = people()
    today = timezone.localdate()
    popular = make_dataset(crew["org"], title="Jumlah Puskesmas")
    closed = make_dataset(crew["other_org"], title="Data Tertutup", access_level="tertutup")
    DailyUsage.objects.create(dataset=popular, day=today, views=5, downloads=2, api_calls=1)
    DailyUsage.objects.create(dataset=popular, day=today - timedelta(days=29), views=1)
    DailyUsage.objects.create(dataset=popular, day=today - timedelta(days=30), views=10)
    DailyUsage.objects.create(dataset=closed, day=today - timedelta(days=100), downloads=4)
    return crew


def test_the_usage_page_is_for_the_walidata_only(used):
    assert english_client().get("/kerja/pemakaian/").status_code == 302
    for who in ("produsen", "pembina", "partner"):
        client = signed_in(used[who])
        assert client.get("/kerja/pemakaian/").status_code == 404
        assert client.get("/kerja/pemakaian/dataset.csv").status_code == 404


def test_the_walidata_sees_recent_and_all_time_figures(used):
    response = signed_in(used["walidata"]).get("/kerja/pemakaian/")
    assert response.status_code == 200
    rows = {row["title"]: row for row in response.context["page_obj"].object_list}
    puskesmas = rows["Jumlah Puskesmas"]
    assert (puskesmas["views_recent"], puskesmas["views_all"]) == (6, 16)
    assert (puskesmas["downloads_recent"], puskesmas["api_calls_recent"]) == (2, 1)
    assert (puskesmas["total_recent"], puskesmas["total_all"]) == (9, 19)
    assert rows["Data Tertutup"]["total_recent"] == 0
    assert rows["Data Tertutup"]["downloads_all"] == 4
    organisations = {row["name"]: row for row in response.context["organisations"]}
    assert organisations["Dinas Kesehatan"]["total_all"] == 19
    assert organisations["Dinas Pendidikan"]["downloads_all"] == 4
    assert response.context["totals"]["total_all"] == 23


def test_usage_tables_as_csv_and_json(used):
    client = signed_in(used["walidata"])
    response = client.get("/kerja/pemakaian/dataset.csv")
    assert response["Content-Disposition"] == 'attachment; filename="pemakaian-dataset.csv"'
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["title"] for row in table] == ["Jumlah Puskesmas", "Data Tertutup"]
    assert table[0]["views_all"] == "16"
    organisations = json.loads(client.get("/kerja/pemakaian/organisasi.json").content)
    assert [o["name"] for o in organisations["organisations"]] == [
        "Dinas Kesehatan",
        "Dinas Pendidikan",
    ]
