"""The node's status as a JIGN node assessment reads it: the layers with how complete their
SNI 8843-1 metadata is (and what each lacks), the services with whether they answer, and the
last updates. Built for the viewer through the access gate, so the public sees the public
node."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo import csw
from satudata.apps.geo.metadata import iso_of
from satudata.apps.geo.queries import layer_datasets
from satudata.engines.geo.iso19139 import IsoMetadata
from satudata.platform import access, storage

# What SNI 8843-1 asks of every layer, and how to tell it is there.
REQUIRED = {
    "title": (_("title"), lambda m: bool(m.title)),
    "abstract": (_("abstract"), lambda m: bool(m.abstract)),
    "topic_category": (_("ISO topic category"), lambda m: bool(m.topic_categories)),
    "keywords": (_("keywords"), lambda m: bool(m.keywords)),
    "extent": (_("extent"), lambda m: m.extent is not None),
    "reference_system": (_("reference system"), lambda m: bool(m.reference_system)),
    "lineage": (_("lineage"), lambda m: bool(m.lineage)),
    "resolution": (
        _("scale or resolution"),
        lambda m: bool(m.scale_denominator or m.resolution_m),
    ),
    "contact": (_("contact email"), lambda m: any(c.email for c in m.contacts)),
    "constraints": (_("licence and access"), lambda m: bool(m.use_limitation)),
    "dates": (_("publication date"), lambda m: "publication" in m.dates),
}


@dataclass(frozen=True)
class LayerStatus:
    dataset: Dataset
    missing: list[str]
    files_ok: bool
    updated: datetime | None

    @property
    def complete(self) -> bool:
        return not self.missing


def _layer(dataset: Dataset) -> LayerStatus:
    meta: IsoMetadata = iso_of(dataset)
    missing = [key for key, (_label, present) in REQUIRED.items() if not present(meta)]
    version = dataset.published_version
    path = (version.geo or {}).get("path") if version is not None else None
    files_ok = bool(path) and storage.absolute(path).is_file()
    return LayerStatus(dataset, missing, files_ok, dataset.data_updated_at)


def _csw_answers() -> bool:
    try:
        csw.serialise(csw.capabilities_document("/csw", None))
    except Exception:
        return False
    return True


def status(viewer: access.Viewer) -> dict[str, Any]:
    layers = [_layer(d) for d in layer_datasets(viewer).prefetch_related("tags")]
    tables = access.public_datasets(viewer).exclude(published_version__geo__has_key="path")
    files_ok = all(layer.files_ok for layer in layers)
    updates = [layer.updated for layer in layers if layer.updated]
    services = [
        ("ogc_features", _("OGC API – Features"), reverse("geo:collections"), files_ok),
        ("ogc_tiles", _("OGC API – Tiles (vector tiles)"), reverse("geo:collections"), files_ok),
        ("ogc_records", _("OGC API – Records"), reverse("geo:record_items"), True),
        (
            "csw",
            _("CSW 2.0.2"),
            reverse("geo:csw") + "?service=CSW&request=GetCapabilities",
            _csw_answers(),
        ),
        ("openapi", _("OpenAPI definition"), reverse("geo:openapi"), True),
    ]
    return {
        "layers": layers,
        "layer_count": len(layers),
        "complete_count": sum(layer.complete for layer in layers),
        "table_count": tables.count(),
        "services": services,
        "last_update": max(updates) if updates else None,
    }


def as_json(found: dict[str, Any], absolute: Any) -> dict[str, Any]:
    return {
        "layers": {
            "published": found["layer_count"],
            "metadata_complete": found["complete_count"],
            "items": [
                {
                    "id": layer.dataset.slug,
                    "title": layer.dataset.title,
                    "organisation": layer.dataset.organisation.name,
                    "metadata_complete": layer.complete,
                    "missing": layer.missing,
                    "files_ok": layer.files_ok,
                    "updated": layer.updated.isoformat(timespec="seconds")
                    if layer.updated
                    else None,
                    "iso19139": absolute(reverse("geo:iso19139", args=[layer.dataset.slug])),
                }
                for layer in found["layers"]
            ],
        },
        "tables": found["table_count"],
        "services": [
            {"id": key, "title": str(title), "url": absolute(url), "up": up}
            for key, title, url, up in found["services"]
        ],
        "last_update": found["last_update"].isoformat(timespec="seconds")
        if found["last_update"]
        else None,
    }
