import csv
import io
import json

import openpyxl
import pytest

from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.indicators import actions
from satudata.apps.indicators.models import Indicator, Value
from satudata.apps.indicators.tests.conftest import FORMULA, define
from satudata.apps.portal.tests.helpers import english_client, signed_in

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_the_latest_city_value(rtlh, who):
    define(who, rtlh)
    page = english_client().get("/statistik/indikator/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Persentase RTLH diperbaiki" in text and "33.33" in text and "(2024)" in text


def test_the_indicator_page_has_the_series_chart_targets_and_ranking(rtlh, who):
    indicator = define(who, rtlh)
    actions.check_save_target(
        user=who["produsen"], indicator=indicator, period="2024", value=30, source="RPJMD"
    )
    actions.check_save_target(
        user=who["produsen"], indicator=indicator, period="2025", value=40, source="RPJMD"
    )
    page = english_client().get(indicator.get_absolute_url())
    assert page.status_code == 200
    chart = page.context["chart"]
    assert chart["labels"] == ["2023", "2024", "2025"]
    assert [s["name"] for s in chart["series"]] == ["Actual", "Target"]
    assert chart["series"][1]["values"] == [None, 30.0, 40.0]
    assert chart["series"][0]["values"][2] is None
    assert page.context["verdict"] == "tercapai"
    ranking = page.context["ranking"]
    assert page.context["level"] == "kecamatan" and page.context["period"] == "2024"
    assert [(r.rank, r.kode) for r in ranking] == [(1, "36.71.01"), (2, "36.71.02")]
    assert ranking[0].wilayah
    assert 'data-chart="indicator-chart-data"' in page.content.decode()


def test_lower_is_better_ranks_the_lowest_first_and_periods_can_be_chosen(rtlh, who):
    indicator = define(who, rtlh, direction=Indicator.Direction.DOWN)
    page = english_client().get(
        indicator.get_absolute_url(), {"tingkat": "kelurahan", "periode": "2023"}
    )
    ranking = page.context["ranking"]
    assert page.context["period"] == "2023" and page.context["level"] == "kelurahan"
    assert [(r.rank, r.kode) for r in ranking] == [
        (1, "36.71.01.1001"),
        (1, "36.71.02.1001"),
        (1, "36.71.02.1002"),
        (4, "36.71.01.1002"),
    ]


def test_a_choropleth_is_drawn_when_satu_peta_has_the_boundaries(rtlh, who):
    indicator = define(who, rtlh)
    assert english_client().get(indicator.get_absolute_url()).context["thematic_map"] is None
    do_load_base_layers()
    page = english_client().get(indicator.get_absolute_url(), {"method": "equal_interval"})
    found = page.context["thematic_map"]
    assert found["matched"] == 2 and found["method"] == "equal_interval"
    layer = found["config"]["layers"][0]
    assert set(layer["values"]["by_code"]) == {"36.71.01", "36.71.02"}
    assert 'id="map-config-tematik"' in page.content.decode()


def test_values_download_as_csv_xlsx_and_json(rtlh, who):
    indicator = define(who, rtlh)
    actions.check_save_target(
        user=who["produsen"], indicator=indicator, period="2024", value=30, source="=RPJMD"
    )
    client = english_client()
    body = client.get(f"/statistik/indikator/{indicator.slug}.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 2 * (1 + 2 + 4)
    city = next(r for r in rows if r["tingkat"] == "kota" and r["periode"] == "2024")
    assert float(city["nilai"]) == pytest.approx(100 / 3) and city["target"] == "30.0"
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/statistik/indikator/{indicator.slug}.xlsx").content)
    )
    sheet = book.worksheets[0]
    assert sheet.max_row == 15 and sheet.cell(1, 1).value == "Period"
    doc = json.loads(client.get(f"/statistik/indikator/{indicator.slug}.json").content)
    assert doc["target"] == [{"periode": "2024", "nilai": 30.0, "sumber": "=RPJMD"}]
    assert doc["sumber"]["rumus"] == FORMULA


def test_the_producer_defines_an_indicator_through_the_form(rtlh, who):
    client = signed_in(who["produsen"])
    form = client.get("/kerja/statistik/indikator/baru/")
    assert form.status_code == 200
    columns = client.get("/kerja/statistik/indikator/kolom/", {"dataset": rtlh.pk})
    assert "rtlh_diperbaiki" in columns.content.decode()
    response = client.post(
        "/kerja/statistik/indikator/baru/",
        {
            "name": "Persentase RTLH diperbaiki",
            "unit": "persen",
            "direction": "naik",
            "decimals": 1,
            "method": "dihitung",
            "dataset": rtlh.pk,
            "formula": FORMULA,
            "period_column": "tahun",
            "wilayah_column": "kode_wilayah",
            "deepest_level": "kecamatan",
            "published": "on",
        },
    )
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and response["Location"] == indicator.get_work_url()
    assert indicator.organisation == who["org"]
    assert Value.objects.filter(indicator=indicator, level="kelurahan").count() == 0
    work = client.get(indicator.get_work_url())
    assert work.status_code == 200 and "33.3" in work.content.decode()


def test_a_wrong_formula_is_shown_on_the_form(rtlh, who):
    response = signed_in(who["produsen"]).post(
        "/kerja/statistik/indikator/baru/",
        {
            "name": "X",
            "unit": "persen",
            "direction": "naik",
            "decimals": 1,
            "method": "dihitung",
            "dataset": rtlh.pk,
            "formula": "import os",
            "deepest_level": "kota",
        },
    )
    assert response.status_code == 200
    assert "cannot be read" in response.content.decode()
    assert not Indicator.objects.exists()


def test_values_are_pasted_and_wrong_lines_are_named(who):
    indicator = define(who, None, name="Indeks Pembangunan Manusia", unit="indeks")
    client = signed_in(who["produsen"])
    url = f"/kerja/statistik/indikator/{indicator.slug}/nilai/"
    wrong = client.post(url, {"text": "2023\t\t78,2\tBPS\n2024\t\tdelapan\tBPS"})
    assert wrong.status_code == 400
    assert "Line 2, value" in wrong.content.decode() and not Value.objects.exists()
    assert "delapan" in wrong.content.decode()
    saved = client.post(url, {"text": "2023\t\t78,2\tBPS\n2024\t\t78,9\tBPS"})
    assert saved.status_code == 302 and Value.objects.count() == 2
    value = Value.objects.get(period="2024")
    client.post(f"/kerja/statistik/indikator/{indicator.slug}/nilai/{value.pk}/hapus/")
    assert Value.objects.count() == 1


def test_targets_are_saved_with_a_decimal_comma_in_indonesian(who):
    indicator = define(who, None, name="Indeks", unit="indeks")
    client = signed_in(who["produsen"])
    client.cookies["django_language"] = "id"
    client.post(
        f"/kerja/statistik/indikator/{indicator.slug}/target/",
        {"period": "2026", "value": "80,5", "source": "RPJMD 2025–2029"},
        headers={"accept-language": "id"},
    )
    assert indicator.targets.get().value == 80.5


def test_another_opd_gets_403_on_the_work_forms(rtlh, who):
    indicator = define(who, rtlh)
    client = signed_in(who["stranger"])
    assert client.get(f"/kerja/statistik/indikator/{indicator.slug}/ubah/").status_code == 403
    assert client.post(f"/kerja/statistik/indikator/{indicator.slug}/hapus/").status_code == 403
    assert client.get(indicator.get_work_url()).status_code == 200
    assert Indicator.objects.exists()


def test_the_walidata_recomputes_and_deletes(rtlh, who):
    indicator = define(who, rtlh)
    Value.objects.all().delete()
    client = signed_in(who["walidata"])
    client.post(f"/kerja/statistik/indikator/{indicator.slug}/hitung-ulang/")
    assert Value.objects.filter(indicator=indicator).count() == 14
    client.post(f"/kerja/statistik/indikator/{indicator.slug}/hapus/")
    assert not Indicator.objects.exists()


def test_the_kegiatan_page_links_each_ms_ind_to_its_values(who):
    from satudata.apps.statistics.tests.conftest import IND, make_kegiatan

    kegiatan = make_kegiatan(who)
    entry = kegiatan.indikator.get(nama=IND["nama"])
    shown = define(who, None, name="Prevalensi stunting Kota", unit="persen", indikator=entry)
    define(who, None, name="Draf stunting", unit="persen", indikator=entry, published=False)
    text = english_client().get(kegiatan.get_absolute_url()).content.decode()
    assert shown.get_absolute_url() in text and "Draf stunting" not in text
