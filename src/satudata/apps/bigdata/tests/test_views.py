import pytest

from satudata.apps.bigdata.models import Correction, Run, Source
from satudata.apps.bigdata.tests.conftest import analyse, export
from satudata.apps.geo.actions import do_load_base_layers
from satudata.apps.portal.tests.helpers import english_client, signed_in

pytestmark = pytest.mark.django_db

PAGES = [
    "/kerja/bigdata/",
    "/kerja/bigdata/unggahan/",
    "/kerja/bigdata/peringatan/",
    "/kerja/bigdata/sumber/",
]


def test_the_dashboard_shows_volume_sentiment_topics_and_a_map(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    do_load_base_layers()
    analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    page = signed_in(team["walidata"]).get("/kerja/bigdata/")
    assert page.status_code == 200
    assert page.context["found"].total == 4
    assert page.context["chart"]["labels"] == ["2025-03", "2025-04"]
    assert len(page.context["chart"]["series"]) == 3
    assert page.context["thematic_map"]["matched"] >= 2
    assert 'id="topics"' in page.content.decode()
    filtered = signed_in(team["analyst"]).get("/kerja/bigdata/", {"start": "2025-04-01"})
    assert filtered.context["found"].total == 1


def test_posts_are_masked_and_labels_can_be_corrected(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    run = analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    client = signed_in(team["analyst"])
    page = client.get("/kerja/bigdata/unggahan/")
    text = page.content.decode()
    assert page.context["count"] == 4
    assert "081234567890" not in text and "warga@contoh.id" not in text and "[telepon:" in text
    response = client.post(
        f"/kerja/bigdata/proses/{run.pk}/koreksi/",
        {"post_id": "5", "field": "topik", "value": "sampah", "next": "/kerja/bigdata/unggahan/"},
    )
    assert response.status_code == 302 and response["Location"] == "/kerja/bigdata/unggahan/"
    assert Correction.objects.get().value == "sampah"
    words = client.get("/kerja/bigdata/unggahan/", {"q": "banjir"})
    assert words.context["count"] == 1


def test_a_source_is_made_uploaded_and_mapped_through_the_pages(
    team, tmp_path, django_capture_on_commit_callbacks
):
    client = signed_in(team["analyst"])
    client.post("/kerja/bigdata/sumber/", {"name": "Aduan Warga", "channel": "aduan"})
    source = Source.objects.get()
    path = export(tmp_path)
    with path.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kerja/bigdata/sumber/{source.slug}/unggah/", {"file": handle})
    run = Run.objects.get()
    assert response["Location"] == f"/kerja/bigdata/proses/{run.pk}/"
    mapping = client.get(response["Location"])
    assert "isi" in mapping.content.decode() and run.status == Run.Status.MAPPING
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"text": "isi", "time": "waktu", "id": "no"})
    run.refresh_from_db()
    assert run.status == Run.Status.DONE and run.rows_kept == 5
    assert "rows-kept" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("who", ["outsider", "produsen", "pembina", "partner", "stranger"])
def test_nobody_outside_the_team_sees_the_module(team, source, who):
    client = signed_in(team[who])
    for url in [*PAGES, f"/kerja/bigdata/sumber/{source.slug}/"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/kerja/bigdata/terbitkan/").status_code == 403
    assert english_client().get(PAGES[0]).status_code == 302
