"""A layer's ISO 19115 metadata: its produsen fills in the ISO fields (or prefills them from an
ISO XML file), KUGI class names are checked against the layer, and the ISO 19139 document
follows the dataset's access level."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import etree
from owslib.iso import MD_Metadata

from satudata.apps.geo.models import LayerMetadata
from satudata.apps.portal.tests.helpers import people, signed_in
from satudata.engines.geo.tests.conftest import KELURAHAN
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_dataset, make_layer_version, publish

pytestmark = pytest.mark.django_db
ARCGIS = Path(__file__).resolve().parents[3] / "engines/geo/tests/data/arcgis_jaringan_jalan.xml"


@pytest.fixture
def crew():
    return people()


def layer(crew, access_level: str = "terbuka"):
    dataset = make_dataset(
        crew["org"], access_level=access_level, published=False, title="Batas Kelurahan"
    )
    return publish(dataset, make_layer_version(dataset, KELURAHAN))


def edit_url(dataset) -> str:
    return f"/kerja/dataset/{dataset.slug}/metadata-geospasial/"


def test_the_produsen_saves_the_iso_fields_and_the_document_carries_them(crew):
    dataset = layer(crew)
    client = signed_in(crew["produsen"])
    answer = client.post(
        edit_url(dataset),
        {
            "topic_category": "boundaries",
            "lineage": "Kepmendagri 300.2.2-2430 Tahun 2025.",
            "scale_denominator": "25000",
            "kugi_class": "administrasidesa_ar_25k",
            "kugi_code": "BA03050040",
        },
    )
    assert answer.status_code == 302
    saved = LayerMetadata.objects.get(dataset=dataset)
    assert saved.kugi_class == "ADMINISTRASIDESA_AR_25K"
    assert AuditEntry.objects.filter(action="dataset.layer_metadata").count() == 1
    document = Client().get(f"/dataset/{dataset.slug}/iso19139.xml")
    assert document["Content-Type"] == "application/xml"
    parsed = MD_Metadata(etree.fromstring(document.content))
    assert parsed.identification[0].topiccategory == ["boundaries"]
    assert parsed.dataquality.lineage == "Kepmendagri 300.2.2-2430 Tahun 2025."
    assert parsed.identification[0].denominators == ["25000"]
    assert float(parsed.identification[0].bbox.minx) == pytest.approx(106.5, abs=0.1)


def test_a_kugi_class_for_another_geometry_or_scale_is_refused(crew):
    dataset = layer(crew)
    answer = signed_in(crew["produsen"]).post(
        edit_url(dataset), {"kugi_class": "JALAN_LN_5K", "scale_denominator": "25000"}
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "The KUGI feature class is for lines, but this layer holds areas." in page
    assert "The KUGI feature class is at 1:5.000, but the scale given is 1:25.000." in page
    assert not LayerMetadata.objects.exists()


def test_an_iso_file_prefills_the_form_and_a_bad_one_says_why(crew):
    dataset = layer(crew)
    client = signed_in(crew["produsen"])
    upload = SimpleUploadedFile("jalan.xml", ARCGIS.read_bytes(), content_type="text/xml")
    page = client.post(edit_url(dataset), {"iso_file": upload}).content.decode()
    assert 'value="JALAN_LN_5K"' in page and 'value="5000"' in page
    assert '<option value="transportation" selected>' in page
    assert "Title in the file: Jaringan Jalan" in page
    assert not LayerMetadata.objects.exists()
    bad = SimpleUploadedFile("bukan.xml", b"<kml/>", content_type="text/xml")
    page = client.post(edit_url(dataset), {"iso_file": bad}).content.decode()
    assert "its root element is kml, not MD_Metadata" in page


def test_only_the_produsen_may_edit_and_hidden_layers_stay_missing(crew):
    dataset = layer(crew, "tertutup")
    assert signed_in(crew["stranger"]).get(edit_url(dataset)).status_code == 404
    assert Client().get(f"/dataset/{dataset.slug}/iso19139.xml").status_code == 404
    assert (
        signed_in(crew["stranger"]).get(f"/dataset/{dataset.slug}/iso19139.xml").status_code == 404
    )
    own = signed_in(crew["produsen"]).get(f"/dataset/{dataset.slug}/iso19139.xml")
    assert own.status_code == 200 and own["Cache-Control"] == "private, no-store"
    read = AuditEntry.objects.filter(action="dataset.read").last()
    assert read is not None and read.detail["what"] == "iso19139"
    open_layer = layer(crew)
    assert signed_in(crew["stranger"]).get(edit_url(open_layer)).status_code == 403
    assert signed_in(crew["produsen"]).get(edit_url(open_layer)).status_code == 200
