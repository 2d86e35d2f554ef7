import pytest

from satudata.apps.portal.charts import auto_chart
from satudata.apps.portal.tests.helpers import english_client
from satudata.platform.testing.factories import make_dataset, make_org, make_version

pytestmark = pytest.mark.django_db


def version_with(columns, fields):
    dataset = make_dataset(make_org(), published=False)
    return make_version(dataset, columns=columns, fields=fields)


def test_area_dimension_gives_bars_of_the_sum():
    version = version_with(
        {"kode_wilayah": ["36.71.01", "36.71.02", "36.71.01"], "jumlah": [5, 7, 3]},
        None,
    )
    chart = auto_chart(version)
    assert chart["type"] == "bar"
    assert chart["labels"] == ["36.71.01", "36.71.02"]
    assert chart["values"] == [8.0, 7.0]
    assert chart["points"] == [("36.71.01", 8.0), ("36.71.02", 7.0)]
    assert "group=kode_wilayah" in chart["explore_url"]
    assert "agg=sum%3Ajumlah" in chart["explore_url"]


def test_time_dimension_gives_a_line_in_time_order():
    version = version_with(
        {
            "tahun": [2023, 2021, 2022, 2021],
            "kecamatan": ["a", "b", "c", "d"],
            "nilai": [1.5, 2, 3, 4],
        },
        [
            {"name": "tahun", "title": "Tahun", "type": "integer"},
            {"name": "kecamatan", "title": "Kecamatan", "type": "string"},
            {"name": "nilai", "title": "Nilai", "type": "number"},
        ],
    )
    chart = auto_chart(version)
    assert chart["type"] == "line"
    assert chart["labels"] == ["2021", "2022", "2023"]
    assert chart["values"] == [6.0, 3.0, 1.5]
    assert chart["y"] == "sum Nilai"


def test_no_chart_without_a_dimension_or_a_measure():
    assert auto_chart(version_with({"nama": ["x"], "jumlah": [1]}, None)) is None
    only_text = version_with(
        {"kecamatan": ["a"], "catatan": ["b"]},
        [
            {"name": "kecamatan", "type": "string"},
            {"name": "catatan", "type": "string"},
        ],
    )
    assert auto_chart(only_text) is None


def test_partial_renders_chart_and_table():
    from django.template.loader import render_to_string

    version = version_with({"kecamatan": ["a", "b"], "jumlah": [1, 2]}, None)
    html = render_to_string("portal/_auto_chart.html", {"chart": auto_chart(version)})
    assert 'id="auto-chart-data"' in html
    assert "<td>a</td>" in html
    assert render_to_string("portal/_auto_chart.html", {"chart": None}).strip() == ""


def test_the_dataset_page_shows_the_automatic_chart_with_its_numbers():
    dataset = make_dataset(make_org())
    page = english_client().get(dataset.get_absolute_url()).content.decode()
    assert 'id="auto-chart-data"' in page
    assert "The numbers of this chart" in page
    assert "<td>36.71.01</td><td>120</td>" in page


def test_the_dataset_page_has_no_chart_when_the_data_has_no_dimension(client):
    dataset = make_dataset(make_org(), published=False)
    version = make_version(dataset, columns={"catatan": ["a", "b"]})
    dataset.published_version = version
    dataset.save()
    page = client.get(dataset.get_absolute_url()).content.decode()
    assert "auto-chart-data" not in page
