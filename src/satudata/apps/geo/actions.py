"""Writes of the geo app: (re)building the base layers from the boundaries the package ships,
a layer's ISO 19115 metadata and map style, and saved maps."""

import gzip
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from satudata.apps.catalog.actions.uploads import engine_options
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.models import BaseLayer, LayerMetadata, LayerStyle, SavedMap
from satudata.apps.geo.queries import layer_datasets
from satudata.engines.geo import boundaries, ingest_layer
from satudata.engines.geo.features import attributes, summary
from satudata.platform import access, audit, storage

DATA = Path(__file__).resolve().parents[1] / "registry" / "data"
KELURAHAN = DATA / "kota_tangerang_kelurahan.geojson"
NATIONAL = {
    "provinsi": (
        DATA / "indonesia_provinsi.geojson.gz",
        BaseLayer.Level.PROVINSI,
        "Batas Provinsi Indonesia",
        "38 provinsi di Indonesia dengan kode wilayah Kemendagri.",
    ),
    "kabupaten-kota": (
        DATA / "indonesia_kabkota.geojson.gz",
        BaseLayer.Level.KABKOTA,
        "Batas Kabupaten/Kota Indonesia",
        "514 kabupaten dan kota di Indonesia dengan kode wilayah Kemendagri.",
    ),
}
SOURCE = "wilayah_boundaries (Cahya DSN, MIT), Kepmendagri No 300.2.2-2430 Tahun 2025"
KECAMATAN_COLUMNS = {
    "kode_kec": "kode",
    "nama_kec": "nama",
    "kode_kab": "kode_kab",
    "nama_kab": "nama_kab",
}


def _store(slug: str, level: str, title: str, description: str, path: Path) -> BaseLayer:
    features, bbox = summary(path)
    layer, _created = BaseLayer.objects.update_or_create(
        slug=slug,
        defaults={
            "title": title,
            "description": description,
            "level": level,
            "parquet_path": storage.relative(path),
            "checksum": storage.sha256_file(path),
            "features": features,
            "bbox": list(bbox or ()),
            "attributes": [[name, kind] for name, kind in attributes(path)],
            "source": SOURCE,
        },
    )
    return layer


@transaction.atomic
def do_load_base_layers() -> list[BaseLayer]:
    """The kelurahan of Kota Tangerang as shipped, and its kecamatan as their union. Each run
    writes new files (versions are never overwritten) and points the layers at them."""
    kelurahan = storage.new_path("layers", ".parquet")
    result = ingest_layer(KELURAHAN, kelurahan, options=engine_options())
    if not result.ok:
        raise RuntimeError(f"the shipped kelurahan boundaries did not pass: {result.counts}")
    kecamatan = storage.new_path("layers", ".parquet")
    boundaries.dissolve(kelurahan, kecamatan, "kode_kec", KECAMATAN_COLUMNS)
    layers = [
        _store(
            "kelurahan",
            BaseLayer.Level.KELURAHAN,
            "Batas Kelurahan Kota Tangerang",
            "104 kelurahan di Kota Tangerang (36.71) dengan kode wilayah Kemendagri.",
            kelurahan,
        ),
        _store(
            "kecamatan",
            BaseLayer.Level.KECAMATAN,
            "Batas Kecamatan Kota Tangerang",
            "13 kecamatan di Kota Tangerang, masing-masing gabungan kelurahannya.",
            kecamatan,
        ),
    ]
    audit.record("geo.base_layers.load", detail={"layers": [layer.slug for layer in layers]})
    return layers


def _ingest_gzipped(source: Path) -> Path:
    """The shipped, gzip-compressed GeoJSON read into a new layer file."""
    target = storage.new_path("layers", ".parquet")
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / source.name.removesuffix(".gz")
        with gzip.open(source, "rb") as packed, plain.open("wb") as unpacked:
            shutil.copyfileobj(packed, unpacked)
        result = ingest_layer(plain, target, options=engine_options())
    if not result.ok:
        raise RuntimeError(f"the shipped boundaries {source.name} did not pass: {result.counts}")
    return target


@transaction.atomic
def do_load_national_layers() -> list[BaseLayer]:
    """The national provinsi and kabupaten/kota boundaries as base layers (their invalid rings
    repaired as any upload's are). Each run writes new files and points the layers at them."""
    layers = [
        _store(slug, level, title, description, _ingest_gzipped(source))
        for slug, (source, level, title, description) in NATIONAL.items()
    ]
    audit.record("geo.base_layers.load", detail={"layers": [layer.slug for layer in layers]})
    return layers


def _save_layer_part(
    model: type[LayerMetadata] | type[LayerStyle],
    action: str,
    *,
    user: Any,
    dataset: Dataset,
    data: dict[str, Any],
    ip: str,
) -> Any:
    """Save one of a layer's own parts (its ISO fields, its style); only those who may edit
    the dataset may."""
    if not access.can_edit(access.viewer_for(user), dataset):
        raise NotAllowed(_("You may not edit this dataset."))
    found, _created = model.objects.update_or_create(dataset=dataset, defaults=data)
    detail = {k: str(v)[:200] for k, v in data.items()}
    audit.record(action, actor=user, obj=dataset, detail=detail, ip=ip)
    return found


@transaction.atomic
def check_save_layer_metadata(
    *, user: Any, dataset: Dataset, data: dict[str, Any], ip: str = ""
) -> LayerMetadata:
    """Save the layer's ISO fields."""
    return _save_layer_part(
        LayerMetadata, "dataset.layer_metadata", user=user, dataset=dataset, data=data, ip=ip
    )


@transaction.atomic
def check_save_layer_style(
    *, user: Any, dataset: Dataset, data: dict[str, Any], ip: str = ""
) -> LayerStyle:
    """Save how the layer is drawn on the portal's maps."""
    return _save_layer_part(
        LayerStyle, "dataset.layer_style", user=user, dataset=dataset, data=data, ip=ip
    )


def _map_slug(title: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "peta"
    slug, n = base, 2
    while SavedMap.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def check_save_map(
    *, user: Any, data: dict[str, Any], saved: SavedMap | None = None, ip: str = ""
) -> SavedMap:
    """Create or change a saved map. Its author's organisation keeps it; only that
    organisation's produsen and the walidata change it; its layers are layer datasets the
    author may see."""
    viewer = access.viewer_for(user)
    if saved is None and not access.can_create_map(viewer):
        raise NotAllowed(_("You may not make maps."))
    if saved is not None and not access.can_edit_map(viewer, saved):
        raise NotAllowed(_("You may not change this map."))
    visible = set(
        layer_datasets(viewer)
        .filter(slug__in=[item["dataset"] for item in data["layers"]])
        .values_list("slug", flat=True)
    )
    if not data["layers"] or any(item["dataset"] not in visible for item in data["layers"]):
        raise ActionError(_("A map holds only layers you may see."))
    if saved is None:
        saved = SavedMap(organisation_id=viewer.organisation_id, created_by=user)
    saved.title = data["title"]
    saved.description = data.get("description", "")
    saved.is_public = bool(data.get("is_public"))
    saved.layers = [
        {"dataset": item["dataset"], "opacity": int(item["opacity"]), "visible": True}
        for item in data["layers"]
    ]
    saved.view = data.get("view") or {}
    saved.slug = saved.slug or _map_slug(saved.title)
    saved.save()
    audit.record(
        "map.save",
        actor=user,
        obj=saved,
        detail={"layers": [item["dataset"] for item in saved.layers]},
        ip=ip,
    )
    return saved
