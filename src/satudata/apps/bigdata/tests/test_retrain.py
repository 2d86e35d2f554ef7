import pytest

from satudata.apps.bigdata import actions, analysis, retrain
from satudata.apps.bigdata.tests.conftest import analyse, export
from satudata.apps.catalog.errors import ActionError
from satudata.apps.portal.tests.helpers import signed_in
from satudata.engines.text import sentiment

pytestmark = pytest.mark.django_db

SMALL = [
    ("pelayanan cepat ramah bagus sekali", "positive"),
    ("jalan mulus terima kasih pemkot", "positive"),
    ("taman bersih indah nyaman", "positive"),
    ("petugas sigap membantu warga", "positive"),
    ("jalan rusak berlubang parah", "negative"),
    ("banjir lagi got mampet bau", "negative"),
    ("sampah menumpuk tidak diangkut", "negative"),
    ("antrian lama petugas judes", "negative"),
    ("rapat warga hari senin pukul sembilan", "neutral"),
    ("jadwal posyandu bulan depan", "neutral"),
    ("informasi pendaftaran sekolah dibuka", "neutral"),
    ("pengumuman libur kantor kelurahan", "neutral"),
]


LABELS = {"positive": "positif", "negative": "negatif", "neutral": "netral"}


@pytest.fixture
def small_data(monkeypatch, settings, tmp_path):
    """A dozen rows stand in for the SmSA files, so that training takes a moment."""
    settings.DATA_DIR = tmp_path
    rows = [(text, LABELS[label]) for text, label in SMALL]
    monkeypatch.setattr(retrain, "training_rows", lambda: rows)
    monkeypatch.setattr(retrain, "validation_rows", lambda: rows)


def test_a_version_scoring_at_least_as_well_replaces_the_one_in_use(
    team, source, tmp_path, small_data, django_capture_on_commit_callbacks
):
    run = analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    with pytest.raises(ActionError):
        actions.check_start_retrain(user=team["analyst"])
    actions.check_correct(
        user=team["analyst"], run=run, post_id="1", field="sentimen", value="negatif"
    )
    attempt = retrain.do_retrain()
    assert attempt.corrections == 1 and attempt.accepted
    assert retrain.current_path() is not None
    in_use = analysis.sentiment_model()
    assert in_use.card["corrections"] == 1
    assert retrain.history()[0]["macro_f1"] == attempt.macro_f1


def test_a_worse_version_is_kept_out_and_recorded(team, small_data, monkeypatch):
    before = retrain.current_path()
    scored = {"n": 0}

    def evaluate(model, rows):
        scored["n"] += 1
        return sentiment.Scores(50.0 if scored["n"] == 1 else 60.0, 40.0, 60.0, {}, len(rows))

    monkeypatch.setattr(sentiment, "evaluate", evaluate)
    attempt = retrain.do_retrain()
    assert not attempt.accepted and attempt.previous_macro_f1 == 60.0
    assert retrain.current_path() == before
    assert retrain.history()[0]["accepted"] is False


def test_the_model_page_shows_the_card_and_starts_a_retrain(team, small_data):
    client = signed_in(team["analyst"])
    page = client.get("/kerja/bigdata/model/")
    assert page.status_code == 200 and "train.tsv" in page.content.decode()
    response = client.post("/kerja/bigdata/model/")
    assert response.status_code == 302
