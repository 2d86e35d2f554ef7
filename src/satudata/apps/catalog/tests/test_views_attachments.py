import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from satudata.apps.catalog.models import Attachment
from satudata.apps.portal.tests.helpers import document, people, signed_in
from satudata.platform.testing.factories import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew():
    return people()


def test_add_a_document_and_a_link_then_remove(crew):
    dataset = make_dataset(crew["org"])
    client = signed_in(crew["produsen"])
    url = f"/kerja/dataset/{dataset.slug}/lampiran/"
    pdf = SimpleUploadedFile("panduan.pdf", b"%PDF-1.4 panduan", content_type="application/pdf")
    response = client.post(
        url, {"title": "Panduan Pengisian", "access_level": "terbuka", "file": pdf}
    )
    assert response.status_code == 302
    client.post(url, {"title": "Situs", "access_level": "terbatas", "url": "https://bps.go.id"})
    stored = Attachment.objects.get(title="Panduan Pengisian")
    assert stored.file_name == "panduan.pdf" and stored.size == len(b"%PDF-1.4 panduan")
    assert Attachment.objects.get(title="Situs").url == "https://bps.go.id"
    page = client.get(url).content.decode()
    assert "Panduan Pengisian" in page and "Situs" in page
    client.post(f"{url}{stored.pk}/hapus/")
    assert not Attachment.objects.filter(pk=stored.pk).exists()


def test_attachment_needs_a_file_or_a_link(crew):
    dataset = make_dataset(crew["org"])
    response = signed_in(crew["produsen"]).post(
        f"/kerja/dataset/{dataset.slug}/lampiran/", {"title": "Kosong", "access_level": "terbuka"}
    )
    assert "Attach either a document or a link" in response.content.decode()
    assert not Attachment.objects.exists()


def test_others_cannot_manage_attachments(crew):
    dataset = make_dataset(crew["org"])
    item = document(dataset)
    client = signed_in(crew["stranger"])
    assert client.get(f"/kerja/dataset/{dataset.slug}/lampiran/").status_code == 403
    assert (
        client.post(f"/kerja/dataset/{dataset.slug}/lampiran/{item.pk}/hapus/").status_code == 403
    )
    assert Attachment.objects.filter(pk=item.pk).exists()
