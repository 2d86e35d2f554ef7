"""ISO 19139 metadata: what satudata writes reads back the same, a real client (OWSLib's ISO
parser) reads it, and ISO XML in ArcGIS's style (`data/arcgis_jaringan_jalan.xml`, an
`MI_Metadata` document as ArcGIS exports it) prefills a layer."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from owslib.iso import MD_Metadata

from satudata.engines.geo.iso19139 import (
    Contact,
    IsoMetadata,
    IsoReadError,
    OnlineResource,
    element,
    kugi_problems,
    read,
    write,
)

KELURAHAN = IsoMetadata(
    identifier="batas-kelurahan-kota-tangerang",
    title="Batas Kelurahan Kota Tangerang",
    abstract="104 kelurahan dengan kode wilayah Kemendagri.",
    topic_categories=("boundaries",),
    keywords=("batas wilayah", "kelurahan"),
    extent=(106.5253, -6.3700, 106.7251, -6.1099),
    period=(date(2025, 1, 1), date(2025, 12, 31)),
    reference_system="EPSG:32748",
    lineage="Digitasi dari peta RBI 1:25.000, dimutakhirkan dengan Kepmendagri 2025.",
    scale_denominator=25000,
    contacts=(
        Contact("Bappeda Kota Tangerang", "Rina Wulandari", "rina@tangerangkota.go.id"),
        Contact("Bappeda Kota Tangerang", role="publisher"),
    ),
    use_limitation="CC BY 4.0",
    access_constraints="Terbuka",
    dates={"creation": date(2024, 3, 1), "publication": date(2025, 2, 14)},
    stamp=datetime(2025, 2, 14, 9, 30, tzinfo=UTC),
    kugi_class="ADMINISTRASIDESA_AR_25K",
    kugi_code="BA03050040",
    online=(
        OnlineResource("https://data.example.go.id/ogc/collections/k/items", "OGC:API-Features"),
    ),
    formats=("GeoJSON",),
)


def test_what_is_written_reads_back_the_same():
    found = read(write(KELURAHAN))
    assert found.identifier == KELURAHAN.identifier
    assert (found.title, found.abstract) == (KELURAHAN.title, KELURAHAN.abstract)
    assert found.topic_categories == ("boundaries",)
    assert found.keywords == ("batas wilayah", "kelurahan")
    assert found.extent == pytest.approx(KELURAHAN.extent)
    assert found.period == KELURAHAN.period
    assert found.reference_system == "EPSG:32748"
    assert found.lineage == KELURAHAN.lineage
    assert found.scale_denominator == 25000
    assert found.contacts[0] == KELURAHAN.contacts[0]
    assert (found.use_limitation, found.access_constraints) == ("CC BY 4.0", "Terbuka")
    assert found.dates == KELURAHAN.dates
    assert (found.kugi_class, found.kugi_code) == ("ADMINISTRASIDESA_AR_25K", "BA03050040")


def test_owslib_reads_the_document():
    parsed = MD_Metadata(element(KELURAHAN))
    assert parsed.identifier == "batas-kelurahan-kota-tangerang"
    assert parsed.identification[0].title == "Batas Kelurahan Kota Tangerang"
    assert parsed.identification[0].topiccategory == ["boundaries"]
    box = parsed.identification[0].bbox
    assert (float(box.minx), float(box.maxy)) == (106.5253, -6.1099)
    assert parsed.referencesystem.code == "EPSG:32748"
    assert parsed.dataquality.lineage == KELURAHAN.lineage
    assert parsed.identification[0].denominators == ["25000"]
    assert parsed.distribution.online[0].protocol == "OGC:API-Features"


ARCGIS = (Path(__file__).parent / "data" / "arcgis_jaringan_jalan.xml").read_bytes()


def test_arcgis_style_metadata_prefills_what_it_has():
    found = read(ARCGIS)
    assert found.title == "Jaringan Jalan" and found.abstract == "Ruas jalan kota."
    assert found.reference_system == "23878"
    assert found.topic_categories == ("transportation",)
    assert found.scale_denominator == 5000
    assert found.dates == {"creation": date(2024, 6, 30)}
    assert found.contacts == (Contact("Dinas PUPR", role="custodian"),)
    assert found.kugi_class == "JALAN_LN_5K" and found.lineage == ""


def test_files_that_are_not_iso_metadata_say_why():
    with pytest.raises(IsoReadError) as caught:
        read(b"<gmd:MD_Metadata")
    assert caught.value.code == "xml.syntax"
    with pytest.raises(IsoReadError) as caught:
        read(b"<kml/>")
    assert caught.value.code == "xml.root"
    with pytest.raises(IsoReadError) as caught:
        read(b'<MD_Metadata xmlns="http://www.isotc211.org/2005/gmd"/>')
    assert caught.value.code == "xml.identification"


def test_entities_are_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("kata sandi")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<MD_Metadata xmlns="http://www.isotc211.org/2005/gmd" '
        'xmlns:gco="http://www.isotc211.org/2005/gco"><identificationInfo>'
        "<MD_DataIdentification><citation><CI_Citation><title><gco:CharacterString>&x;"
        "</gco:CharacterString></title></CI_Citation></citation></MD_DataIdentification>"
        "</identificationInfo></MD_Metadata>"
    ).encode()
    assert "kata sandi" not in read(document).title


def test_kugi_class_names_agree_with_the_layer():
    assert kugi_problems("", "polygon", None) == []
    assert kugi_problems("ADMINISTRASIDESA_AR_25K", "polygon", 25000) == []
    assert kugi_problems("administrasi desa", "polygon", None) == ["kugi.form"]
    assert kugi_problems("JALAN_LN_5K", "polygon", 25000) == ["kugi.shape", "kugi.scale"]
