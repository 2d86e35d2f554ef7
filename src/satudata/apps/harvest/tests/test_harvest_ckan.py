from collections.abc import Callable

import pytest

from satudata.apps.catalog.models import Attachment, Dataset, State
from satudata.apps.harvest import actions
from satudata.apps.harvest.models import HarvestedDataset, HarvestRun, HarvestSource
from satudata.apps.harvest.tests.remote import Remote, package
from satudata.platform import access, storage
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_org, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

Harvest = Callable[..., HarvestRun]


@pytest.fixture
def walidata():
    return make_user(make_org("walidata"), "walidata")


@pytest.fixture
def source(remote: Remote, walidata) -> HarvestSource:
    return actions.check_create_source(
        user=walidata,
        data={
            "name": "Portal Provinsi",
            "kind": "ckan",
            "url": remote.base,
            "organisation": make_org(name="Diskominfo Provinsi"),
            "interval_hours": 24,
        },
    )


@pytest.fixture
def harvest(walidata, django_capture_on_commit_callbacks) -> Harvest:
    def run(source: HarvestSource, full: bool = False) -> HarvestRun:
        with django_capture_on_commit_callbacks(execute=True):
            started = actions.check_start_harvest(user=walidata, source=source, full=full)
        started.refresh_from_db()
        source.refresh_from_db()
        return started

    return run


def searches(remote: Remote) -> list[dict[str, list[str]]]:
    return [q for path, q in remote.requests if path.endswith("package_search")]


def test_creates_published_open_datasets_with_links_and_source_tag(remote, source, harvest):
    remote.packages = [
        package("jumlah-puskesmas", "2024-03-01T10:00:00.000000"),
        package("jumlah-posyandu", "2024-03-02T10:00:00.000000"),
    ]
    run = harvest(source)
    assert run.status == HarvestRun.Status.SUCCEEDED, run.message
    assert (run.created, run.updated, run.failed) == (2, 0, 0)
    dataset = Dataset.objects.get(slug="jumlah-puskesmas")
    assert dataset.state == State.DITERBITKAN
    assert dataset.access_level == "terbuka"
    assert dataset.organisation == source.organisation
    assert dataset.frekuensi == "tahunan"
    assert {t.name for t in dataset.tags.all()} == {"kesehatan", "uji", "panen-portal-provinsi"}
    links = {a.url for a in dataset.attachments.filter(kind=Attachment.Kind.LINK)}
    assert links == {
        "https://data.example.go.id/jumlah-puskesmas.csv",
        f"{remote.base}/dataset/jumlah-puskesmas",
    }
    assert dataset.published_version.rows == 1
    assert storage.absolute(dataset.published_version.parquet_path).exists()
    assert access.public_datasets(access.ANONYMOUS).filter(pk=dataset.pk).exists()
    record = HarvestedDataset.objects.get(dataset=dataset)
    assert record.remote_id == "id-jumlah-puskesmas"
    assert str(source.last_success_modified).startswith("2024-03-02 10:00:00")
    assert AuditEntry.objects.filter(action="harvest.dataset.create").count() == 2
    assert "fq" not in searches(remote)[0]


def test_rerun_is_incremental_and_creates_no_duplicates(remote, source, harvest):
    remote.packages = [package("jumlah-puskesmas", "2024-03-01T10:00:00.000000")]
    harvest(source)
    run = harvest(source)
    assert (run.created, run.updated, run.unchanged) == (0, 0, 1)
    assert Dataset.objects.count() == 1
    assert HarvestedDataset.objects.count() == 1
    assert searches(remote)[-2]["fq"] == ["metadata_modified:[2024-03-01T10:00:00.000Z TO *]"]
    assert searches(remote)[-2]["sort"] == ["metadata_modified asc"]


def test_changed_record_is_updated_with_a_new_version_only_when_resources_change(
    remote, source, harvest
):
    remote.packages = [package("jumlah-puskesmas", "2024-03-01T10:00:00.000000")]
    harvest(source)
    dataset = Dataset.objects.get()
    first_version = dataset.published_version_id
    remote.packages = [
        package("jumlah-puskesmas", "2024-03-05T10:00:00.000000", title="Puskesmas Baru")
    ]
    run = harvest(source)
    assert run.updated == 1
    dataset.refresh_from_db()
    assert dataset.title == "Puskesmas Baru"
    assert dataset.published_version_id == first_version
    two = [
        {"name": "a.csv", "url": "https://data.example.go.id/a.csv", "format": "CSV"},
        {"name": "b.xlsx", "url": "https://data.example.go.id/b.xlsx", "format": "XLSX"},
    ]
    remote.packages = [package("jumlah-puskesmas", "2024-03-06T10:00:00.000000", resources=two)]
    harvest(source)
    dataset.refresh_from_db()
    assert dataset.published_version_id != first_version
    assert dataset.published_version.rows == 2
    assert dataset.versions.count() == 2
    assert Dataset.objects.count() == 1


def test_remote_organisations_are_mapped_onto_local_ones(remote, source, harvest):
    dinkes = make_org(name="Dinas Kesehatan")
    source.organisation_map = {"dinkes-remote": dinkes.pk}
    source.save()
    remote.packages = [
        package("puskesmas", "2024-03-01T10:00:00.000000"),
        package("sekolah", "2024-03-01T11:00:00.000000", org="disdik-remote"),
    ]
    harvest(source)
    assert Dataset.objects.get(slug="puskesmas").organisation == dinkes
    assert Dataset.objects.get(slug="sekolah").organisation == source.organisation


def test_a_bad_record_is_logged_and_the_run_goes_on_without_moving_the_mark(
    remote, source, harvest
):
    remote.packages = [
        package("puskesmas", "2024-03-01T10:00:00.000000"),
        package("rusak", "2024-03-02T10:00:00.000000", resources="bukan daftar"),
    ]
    run = harvest(source)
    assert run.status == HarvestRun.Status.PARTIAL
    assert (run.created, run.failed) == (1, 1)
    error = run.errors.get()
    assert (error.remote_id, error.remote_name) == ("id-rusak", "rusak")
    assert "resources" in error.message
    assert source.last_success_modified is None


def test_private_packages_are_never_harvested_and_are_withdrawn(remote, source, harvest):
    remote.show_private = True
    remote.packages = [package("rahasia", "2024-03-01T10:00:00.000000", private=True)]
    run = harvest(source)
    assert run.created == 0
    assert not Dataset.objects.exists()
    remote.packages = [package("rahasia", "2024-03-01T10:00:00.000000")]
    harvest(source)
    dataset = Dataset.objects.get()
    assert access.public_datasets(access.ANONYMOUS).filter(pk=dataset.pk).exists()
    remote.packages = [package("rahasia", "2024-03-03T10:00:00.000000", private=True)]
    run = harvest(source)
    assert run.skipped == 1
    assert not access.public_datasets(access.ANONYMOUS).filter(pk=dataset.pk).exists()


def test_local_datasets_are_never_overwritten(remote, source, harvest):
    local = make_dataset(make_org(), title="Lokal")
    Dataset.objects.filter(pk=local.pk).update(slug="puskesmas")
    remote.packages = [package("puskesmas", "2024-03-01T10:00:00.000000")]
    harvest(source)
    local.refresh_from_db()
    assert local.title == "Lokal"
    harvested = HarvestedDataset.objects.get().dataset
    assert harvested.slug == "puskesmas-2"


def test_deletions_are_reported_and_optionally_withdrawn(remote, source, harvest):
    remote.packages = [
        package("puskesmas", "2024-03-01T10:00:00.000000"),
        package("posyandu", "2024-03-01T11:00:00.000000"),
    ]
    harvest(source)
    remote.packages = remote.packages[:1]
    run = harvest(source)
    assert run.deleted == 1
    record = HarvestedDataset.objects.get(remote_id="id-posyandu")
    assert record.deleted_at_source is not None
    assert record.dataset.published_version_id is not None
    source.withdraw_deleted = True
    source.save()
    remote.packages.append(package("klinik", "2024-03-02T11:00:00.000000"))
    harvest(source)
    remote.packages = remote.packages[:1]
    harvest(source)
    gone = HarvestedDataset.objects.get(remote_id="id-klinik").dataset
    assert gone.published_version_id is None
    assert not access.public_datasets(access.ANONYMOUS).filter(pk=gone.pk).exists()


def test_network_errors_fail_the_run_with_a_clear_message(source, harvest):
    source.url = "http://127.0.0.1:9/"
    source.save()
    run = harvest(source)
    assert run.status == HarvestRun.Status.FAILED
    assert "127.0.0.1:9" in run.message
    assert run.finished_at is not None


def test_one_run_at_a_time_per_source(remote, source, walidata):
    first = actions.do_create_run(source=source, trigger=HarvestRun.Trigger.MANUAL)
    assert first is not None
    with pytest.raises(actions.ActionError):
        actions.check_start_harvest(user=walidata, source=source)


def test_only_the_walidata_manages_sources(remote, source):
    producer = make_user(make_org(), "produsen")
    with pytest.raises(actions.NotAllowed):
        actions.check_start_harvest(user=producer, source=source)
    with pytest.raises(actions.NotAllowed):
        actions.check_create_source(user=producer, data={"name": "x"})
    with pytest.raises(actions.NotAllowed):
        actions.check_delete_source(user=producer, source=source)
