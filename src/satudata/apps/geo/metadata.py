"""A dataset's metadata in the shape of SNI 8843-1:2019 / ISO 19115: the catalogue's own
fields, the published version's extent and reference system, the layer's ISO fields
(`LayerMetadata`) and the addresses where the public reaches it (`SATUDATA_SITE_URL`).
Callers pass only datasets the viewer may see."""

from django.urls import reverse

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.models import LayerMetadata
from satudata.apps.interop.dcat.links import absolute
from satudata.engines.geo.iso19139 import Contact, IsoMetadata, OnlineResource

ACCESS_TEXT = {
    "terbuka": "Terbuka: dapat diakses dan digunakan oleh publik.",
    "terbatas": "Terbatas: hanya untuk instansi pemerintah dan mitra yang berwenang.",
    "tertutup": "Tertutup: hanya untuk produsen data dan walidata.",
}


def layer_metadata(dataset: Dataset) -> LayerMetadata:
    """The layer's ISO fields, empty (unsaved) when none were entered."""
    found = LayerMetadata.objects.filter(dataset=dataset).first()
    return found or LayerMetadata(dataset=dataset)


def _online(dataset: Dataset, is_layer: bool) -> tuple[OnlineResource, ...]:
    page = absolute(dataset.get_absolute_url())
    links = [OnlineResource(page, "WWW:LINK", dataset.title)]
    if is_layer:
        links.append(
            OnlineResource(
                absolute(reverse("geo:items", args=[dataset.slug])),
                "OGC:API-Features",
                dataset.slug,
            )
        )
        links.append(
            OnlineResource(
                absolute(reverse("geo:tilesets", args=[dataset.slug])),
                "OGC:API-Tiles",
                dataset.slug,
            )
        )
    links.append(
        OnlineResource(
            absolute(reverse("portal:dataset_data", args=[dataset.slug, "json"])),
            "WWW:DOWNLOAD-1.0-http--download",
            "JSON",
        )
    )
    return tuple(links)


def iso_of(dataset: Dataset) -> IsoMetadata:
    """The dataset as ISO 19115 metadata (a table has no extent and is a `textTable`)."""
    version = dataset.published_version
    geo = version.geo if version is not None and version.is_layer else {}
    extra = layer_metadata(dataset)
    contacts = [Contact(dataset.organisation.name, role="publisher")]
    if dataset.pengelola_nama or dataset.pengelola_email:
        contacts.insert(
            0,
            Contact(
                dataset.organisation.name,
                dataset.pengelola_nama,
                dataset.pengelola_email,
                "pointOfContact",
            ),
        )
    dates = {"creation": dataset.created_at.date()}
    if dataset.data_updated_at:
        dates["publication"] = dataset.data_updated_at.date()
    dates["revision"] = dataset.updated_at.date()
    keywords = [tag.name for tag in dataset.tags.all()]
    if dataset.topic is not None:
        keywords.append(dataset.topic.name)
    box = geo.get("bbox")
    return IsoMetadata(
        identifier=dataset.slug,
        title=dataset.title,
        abstract=dataset.description,
        topic_categories=(extra.topic_category,) if extra.topic_category else (),
        keywords=tuple(dict.fromkeys(keywords)),
        extent=(box[0], box[1], box[2], box[3]) if box and len(box) == 4 else None,
        period=(dataset.period_start, dataset.period_end),
        reference_system=str(geo.get("source_crs") or ("EPSG:4326" if geo else "")),
        lineage=extra.lineage or dataset.rujukan,
        scale_denominator=extra.scale_denominator,
        resolution_m=extra.resolution_m,
        contacts=tuple(contacts),
        use_limitation=dataset.get_licence_display(),
        access_constraints=ACCESS_TEXT.get(dataset.access_level, ""),
        dates=dates,
        stamp=dataset.updated_at,
        kugi_class=extra.kugi_class,
        kugi_code=extra.kugi_code,
        online=_online(dataset, bool(geo)),
        formats=("GeoJSON", "GeoPackage", "GeoParquet") if geo else ("CSV", "XLSX", "Parquet"),
        spatial_type="vector" if geo else "textTable",
    )
