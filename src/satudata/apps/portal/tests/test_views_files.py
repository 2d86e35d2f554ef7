import io
import json

import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from satudata.apps.catalog.models import Transition
from satudata.apps.portal.tests.helpers import document, english_client, people, signed_in
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def body(response):
    return b"".join(response.streaming_content)


def test_attachment_download_follows_its_access_level(crew):
    dataset = make_dataset(crew["org"])
    public = document(dataset, "terbuka", b"%PDF-open")
    restricted = document(dataset, "terbatas", b"%PDF-restricted")
    client = english_client()
    response = client.get(f"{dataset.get_absolute_url()}lampiran/{public.pk}/")
    assert response.status_code == 200
    assert body(response) == b"%PDF-open"
    assert 'filename="kuesioner.pdf"' in response["Content-Disposition"]
    assert client.get(f"{dataset.get_absolute_url()}lampiran/{restricted.pk}/").status_code == 404
    assert (
        signed_in(crew["partner"])
        .get(f"{dataset.get_absolute_url()}lampiran/{restricted.pk}/")
        .status_code
        == 200
    )


def test_original_source_file_only_for_the_workflow(crew):
    dataset = make_dataset(crew["org"], access_level="tertutup")
    url = f"{dataset.get_absolute_url()}versi/1/sumber/"
    assert signed_in(crew["stranger"]).get(url).status_code == 404
    response = signed_in(crew["produsen"]).get(url)
    assert response.status_code == 200
    assert body(response).startswith(b"PAR1")
    assert AuditEntry.objects.get(action="dataset.read").detail["what"] == "source"
    public = make_dataset(crew["org"])
    assert english_client().get(f"{public.get_absolute_url()}versi/1/sumber/").status_code == 404


def test_link_attachments_redirect(crew):
    from satudata.apps.catalog.models import Attachment

    dataset = make_dataset(crew["org"])
    link = Attachment.objects.create(
        dataset=dataset, kind="link", title="BPS", url="https://bps.go.id", access_level="terbuka"
    )
    response = english_client().get(f"{dataset.get_absolute_url()}lampiran/{link.pk}/")
    assert response.status_code == 302 and response["Location"] == "https://bps.go.id"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "parquet"])
def test_downloads_stream_the_version(crew, fmt):
    dataset = make_dataset(crew["org"])
    response = english_client().get(f"{dataset.get_absolute_url()}versi/1/unduh.{fmt}")
    assert response.status_code == 200
    assert f'filename="{dataset.slug}-v1.{fmt}"' in response["Content-Disposition"]
    content = body(response)
    if fmt == "csv":
        assert content.decode().splitlines()[:2] == ["kode_wilayah,jumlah", "36.71.01,120"]
    elif fmt == "json":
        assert json.loads(content)[1] == {"kode_wilayah": "36.71.02", "jumlah": 98}
    elif fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(content)).active
        assert [c.value for c in sheet[2]] == ["36.71.01", 120]
    else:
        assert pq.read_table(io.BytesIO(content)).num_rows == 2


def test_csv_cells_that_look_like_formulas_are_neutralised(crew):
    dataset = make_dataset(crew["org"], published=False)
    version = make_version(dataset, columns={"catatan": ["=1+1", "aman"]})
    Transition.objects.create(
        dataset=dataset, kind="publish", to_state="diterbitkan", version=version
    )
    dataset.published_version = version
    dataset.save()
    content = body(english_client().get(f"{dataset.get_absolute_url()}versi/1/unduh.csv"))
    assert "'=1+1" in content.decode()


def test_downloading_tertutup_data_is_audited(crew):
    dataset = make_dataset(crew["org"], access_level="tertutup")
    url = f"{dataset.get_absolute_url()}versi/1/unduh.csv"
    assert english_client().get(url).status_code == 404
    assert signed_in(crew["produsen"]).get(url).status_code == 200
    entry = AuditEntry.objects.get(action="dataset.read")
    assert entry.detail == {"what": "download", "version": 1, "format": "csv"}
