import csv
import io
import json
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from satudata.apps.portal import explorer
from satudata.apps.portal.tests.helpers import english_client, people, signed_in
from satudata.engines.tabular.query import Op, QueryError, QueryTimeout, Sort
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_version

pytestmark = pytest.mark.django_db

COLUMNS = {
    "kecamatan": ["Ciledug", "Tangerang", "Ciledug", "Cipondoh", "=HYPERLINK(1)"],
    "jumlah": [10, 20, 30, 40, 50],
}
FIELDS = [
    {"name": "kecamatan", "title": "Kecamatan", "type": "string", "role": None},
    {"name": "jumlah", "title": "Jumlah Penduduk", "type": "integer", "role": None},
]


@pytest.fixture
def crew():
    return people()


def with_data(org, **extra):
    dataset = make_dataset(org, published=False, **extra)
    version = make_version(dataset, columns=COLUMNS, fields=FIELDS)
    dataset.transitions.create(kind="publish", to_state="diterbitkan", version=version)
    dataset.published_version = version
    dataset.state = "diterbitkan"
    dataset.save()
    return dataset


def url(dataset, query=""):
    return f"{dataset.get_absolute_url()}versi/1/jelajah/{query}"


def test_parse_and_query_string_round_trip():
    state = explorer.parse(
        {
            "f": ["jumlah:between:10..30", "kecamatan:in:Ciledug|Cipondoh"],
            "fc": ["kecamatan", ""],
            "fo": ["notempty", "eq"],
            "fv": ["", ""],
            "sort": ["-jumlah"],
            "page": ["2"],
            "chart": ["pie"],
        }
    )
    spec = state.spec
    assert [f.op for f in spec.filters] == [Op.BETWEEN, Op.IN, Op.NOT_EMPTY]
    assert spec.filters[0].value == ("10", "30")
    assert spec.sort == (Sort("jumlah", descending=True),)
    again = explorer.parse(
        {
            k: [v for key, v in explorer.query_pairs(state) if key == k]
            for k in ("f", "sort", "page")
        }
    )
    assert again.spec == spec
    assert "page=3" in explorer.query_string(state, page=3)


@pytest.mark.parametrize(
    "params",
    [{"f": ["jumlah"]}, {"f": ["jumlah:kira:1"]}, {"f": ["jumlah:between:5"]}, {"page": ["x"]}],
)
def test_parse_rejects_malformed_filters(params):
    with pytest.raises(QueryError):
        explorer.parse(params)


def test_page_filters_sorts_and_links_every_state(crew):
    dataset = with_data(crew["org"])
    response = english_client().get(url(dataset, "?fc=kecamatan&fo=eq&fv=Ciledug&sort=-jumlah"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 rows" in html
    assert html.index(">30<") < html.index(">10<")
    assert "Tangerang" not in html.split("<tbody>")[1].split("</tbody>")[0]
    assert "f=kecamatan%3Aeq%3ACiledug" in html
    assert "jelajah/unduh.csv?f=kecamatan%3Aeq%3ACiledug" in html
    assert 'aria-sort="descending"' in html


def test_grouped_result_has_a_chart_and_its_table(crew):
    dataset = with_data(crew["org"])
    response = english_client().get(url(dataset, "?group=kecamatan&agg=sum:jumlah&chart=line"))
    html = response.content.decode()
    assert "4 groups" in html
    data = json.loads(
        html.split('id="explorer-chart-data" type="application/json">')[1].split("<")[0]
    )
    assert data["type"] == "line"
    assert dict(zip(data["labels"], data["values"], strict=True))["Ciledug"] == 40.0
    assert "echarts.min.js" in html


def test_bad_filter_is_a_400_that_names_the_column(crew):
    dataset = with_data(crew["org"])
    response = english_client().get(url(dataset, "?f=jumlah:gt:banyak"))
    assert response.status_code == 400
    assert "banyak" in response.content.decode()
    assert "jumlah" in response.content.decode()


def test_timeout_says_so(crew, monkeypatch):
    dataset = with_data(crew["org"])

    def slow(version, spec):
        raise QueryTimeout(5)

    monkeypatch.setattr(explorer, "run", slow)
    response = english_client().get(url(dataset))
    assert response.status_code == 400
    assert "longer than 5 seconds" in response.content.decode()


def test_htmx_gets_only_the_result(crew):
    dataset = with_data(crew["org"])
    response = english_client().get(url(dataset), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"5 rows" in response.content


def test_download_streams_the_filtered_result(crew):
    dataset = with_data(crew["org"])
    response = english_client().get(
        f"{dataset.get_absolute_url()}versi/1/jelajah/unduh.csv?f=jumlah:gt:25&sort=jumlah"
    )
    assert response.status_code == 200
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["jumlah"] for r in rows] == ["30", "40", "50"]
    assert rows[-1]["kecamatan"] == "'=HYPERLINK(1)"
    bad = english_client().get(f"{dataset.get_absolute_url()}versi/1/jelajah/unduh.csv?f=x:eq:1")
    assert bad.status_code == 400


def test_restricted_versions_are_404_for_who_may_not_see_them(crew):
    restricted = with_data(crew["org"], access_level="terbatas")
    assert english_client().get(url(restricted)).status_code == 404
    download = f"{restricted.get_absolute_url()}versi/1/jelajah/unduh.json"
    assert english_client().get(download).status_code == 404
    assert signed_in(crew["partner"]).get(url(restricted)).status_code == 200


def test_tertutup_reads_are_audited(crew):
    closed = with_data(crew["org"], access_level="tertutup")
    assert signed_in(crew["stranger"]).get(url(closed)).status_code == 404
    assert signed_in(crew["produsen"]).get(url(closed)).status_code == 200
    entry = AuditEntry.objects.get(action="dataset.read")
    assert entry.detail["what"] == "explore"


def test_version_page_links_to_the_explorer(crew):
    dataset = with_data(crew["org"])
    html = english_client().get(f"{dataset.get_absolute_url()}versi/1/").content.decode()
    assert "versi/1/jelajah/" in html


class FormDefaults(HTMLParser):
    """What a browser submits for the explorer form as it is rendered (selected options, values)."""

    def __init__(self):
        super().__init__()
        self.pairs, self._select, self._first = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name"):
            self.pairs.append((a["name"], a.get("value") or ""))
        elif tag == "select":
            self._select, self._first = a.get("name"), None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
            if "selected" in a:
                self.pairs.append((self._select, a.get("value", "")))
                self._select = None

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self.pairs.append((self._select, self._first or ""))
            self._select = None


def test_submitting_the_form_as_rendered_is_never_refused(crew):
    dataset = with_data(crew["org"])
    client = english_client()
    page = client.get(url(dataset)).content.decode()
    start = page.index('<form class="card explorer-form"')
    form = page[start : page.index("</form>", start)]
    parser = FormDefaults()
    parser.feed(form)
    assert ("agg", "") in parser.pairs
    response = client.get(url(dataset, "?" + urlencode(parser.pairs)))
    assert response.status_code == 200
    typed = {"fc": "jumlah", "fo": "gt", "fv": "15"}
    chosen = [(k, typed.get(k, v)) for k, v in parser.pairs]
    filtered = client.get(url(dataset, "?" + urlencode(chosen)), headers={"HX-Request": "true"})
    assert filtered.status_code == 200


def test_grouping_drops_a_sort_left_over_from_the_table(crew):
    dataset = with_data(crew["org"])
    query = "?sort=-jumlah&group=kecamatan&agg=sum:jumlah"
    response = english_client().get(url(dataset, query), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "sort=" not in response.content.decode().split("Link to this view")[1][:400]
    kept = english_client().get(url(dataset, "?sort=-sum_jumlah&group=kecamatan&agg=sum:jumlah"))
    assert kept.status_code == 200
    assert "sort=-sum_jumlah" in kept.content.decode()
