import duckdb
import pytest

from satudata.apps.bigdata import actions, alerts, publish, store
from satudata.apps.bigdata.models import Correction, Run
from satudata.apps.bigdata.tests.conftest import MAPPING, analyse, export
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.registry.models import Wilayah
from satudata.platform import storage


def test_an_export_is_masked_analysed_and_kept_as_parquet(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    run = analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    assert run.status == Run.Status.DONE, run.error
    assert (run.rows_read, run.rows_kept, run.duplicates) == (5, 5, 1)
    assert run.masked["telepon"] == 1 and run.masked["email"] == 1
    path = storage.absolute(run.posts_path)
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{path}') ORDER BY id").fetchall()
    text = " ".join(str(r) for r in rows)
    assert "081234567890" not in text and "warga@contoh.id" not in text and "@warga1" not in text
    columns = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").columns
    assert "text" not in columns and "author" not in columns and "channel" in columns
    found = store.overview(store.Filters())
    assert found.total == 4 and sum(found.by_sentiment.values()) == 4
    assert [m for m, _c in found.months] == ["2025-03", "2025-04"]
    periuk = Wilayah.objects.get(nama__iexact="Periuk", level="kecamatan").kode
    assert found.areas[periuk] == (1, 1)


def test_posts_exported_twice_are_counted_once(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    again = analyse(
        team["walidata"],
        source,
        export(tmp_path, name="lagi.csv"),
        django_capture_on_commit_callbacks,
    )
    assert again.status == Run.Status.DONE and again.rows_kept == 0 and again.skipped == 5
    assert store.overview(store.Filters()).total == 4


def test_a_new_layout_waits_for_its_mapping(team, tmp_path, django_capture_on_commit_callbacks):
    source = actions.check_save_source(user=team["analyst"], name="Medsos", channel="medsos")
    path = tmp_path / "medsos.jsonl"
    path.write_text(
        '{"full_text": "Lampu PJU mati di jalan", "user": {"name": "x"}}\n', encoding="utf-8"
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.check_start_run(
            user=team["analyst"], source=source, file=path, original_name=path.name
        )
    assert run.status == Run.Status.MAPPING
    with pytest.raises(ActionError):
        actions.check_confirm_mapping(user=team["analyst"], run=run, mapping={"text": "isi"})
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_confirm_mapping(
            user=team["analyst"], run=run, mapping={"text": "full_text", "author": "user.name"}
        )
    run.refresh_from_db()
    assert run.status == Run.Status.DONE and run.rows_kept == 1
    source.refresh_from_db()
    assert source.mapping == {"text": "full_text", "author": "user.name"}


def test_an_unreadable_export_fails_with_its_reason_and_changes_nothing(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "lain.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.check_start_run(
            user=team["walidata"], source=source, file=path, original_name=path.name
        )
    assert run.status == Run.Status.MAPPING
    with pytest.raises(ActionError):
        actions.check_start_run(
            user=team["walidata"], source=source, file=path, original_name="x.pdf"
        )
    assert store.overview(store.Filters()).total == 0


def test_only_the_team_uses_the_module(team, source, tmp_path):
    for user in (team["outsider"], team["produsen"], team["pembina"], team["partner"]):
        with pytest.raises(NotAllowed):
            actions.check_save_source(user=user, name="X", channel="lain", mapping=MAPPING)
        with pytest.raises(NotAllowed):
            actions.check_start_run(
                user=user, source=source, file=export(tmp_path), original_name="a.csv"
            )


def test_corrections_are_kept_as_training_data(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    run = analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    actions.check_correct(
        user=team["analyst"], run=run, post_id="2", field="topik", value="banjir_drainase"
    )
    actions.check_correct(
        user=team["analyst"], run=run, post_id="2", field="sentimen", value="negatif"
    )
    again = actions.check_correct(
        user=team["analyst"], run=run, post_id="2", field="sentimen", value="netral"
    )
    assert Correction.objects.count() == 2 and again.value == "netral"
    assert "Periuk" in again.text_masked
    with pytest.raises(ActionError):
        actions.check_correct(
            user=team["analyst"], run=run, post_id="2", field="sentimen", value="marah"
        )
    with pytest.raises(ActionError):
        actions.check_correct(
            user=team["analyst"], run=run, post_id="99", field="topik", value="sampah"
        )


def test_a_jump_of_negative_posts_is_a_spike():
    from datetime import date, timedelta

    monday = date(2025, 3, 31)
    rows = [("banjir_drainase", "36.71.10", monday - timedelta(weeks=n), 2) for n in range(1, 5)]
    rows.append(("banjir_drainase", "36.71.10", monday, 12))
    rows.append(("sampah", "36.71.01", monday, 9))
    assert alerts.spikes(rows) == [("banjir_drainase", "36.71.10", monday, 12, 2.0)]


def test_the_team_publishes_aggregates_through_pemeriksaan(
    team, source, tmp_path, django_capture_on_commit_callbacks
):
    analyse(team["walidata"], source, export(tmp_path), django_capture_on_commit_callbacks)
    with pytest.raises(NotAllowed):
        publish.check_publish_aggregates(user=team["walidata"])
    dataset = publish.check_publish_aggregates(user=team["analyst"])
    assert dataset.state == "diajukan" and dataset.organisation == team["analyst"].organisation
    version = dataset.candidate_version
    names = [f["name"] for f in version.fields]
    assert names[:3] == ["bulan", "kode_wilayah", "topik"] and "negatif" in names
    path = storage.absolute(version.parquet_path)
    total = duckdb.sql(f"SELECT sum(jumlah_unggahan) FROM read_parquet('{path}')").fetchone()[0]
    assert total == 4
    text = duckdb.sql(f"SELECT * FROM read_parquet('{path}')").fetchall()
    assert "Periuk" not in str(text) and "081234567890" not in str(text)
