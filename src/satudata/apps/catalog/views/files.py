"""The Excel template of a dataset: its columns and drop-down lists of valid kode wilayah."""

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext

from satudata.apps.catalog.models import Dataset, LevelPenyajian
from satudata.apps.catalog.views.common import editable_dataset
from satudata.apps.registry.models import Wilayah
from satudata.apps.standards.queries import adopted_specs
from satudata.engines import tabular
from satudata.platform import storage

WILAYAH_LEVELS = {
    LevelPenyajian.KOTA: Wilayah.Level.KABKOTA,
    LevelPenyajian.KECAMATAN: Wilayah.Level.KECAMATAN,
    LevelPenyajian.KELURAHAN: Wilayah.Level.DESA,
}


def wilayah_codes(dataset: Dataset) -> dict[str, str]:
    """Kode wilayah → name at the dataset's level, inside its coverage area when it has one."""
    codes = Wilayah.objects.filter(
        level=WILAYAH_LEVELS[LevelPenyajian(dataset.level_penyajian)], valid_until__isnull=True
    )
    if dataset.cakupan_wilayah_id:
        codes = codes.filter(kode__startswith=dataset.cakupan_wilayah_id)
    return dict(codes.values_list("kode", "nama"))


def template_fields(dataset: Dataset) -> list[tabular.FieldSpec]:
    """The adopted standard's fields, else the columns of the latest version; a new dataset
    starts from wilayah, year and value."""
    adopted = adopted_specs(dataset)
    if adopted is not None:
        return adopted
    codes = wilayah_codes(dataset)
    version = dataset.candidate_version or dataset.published_version
    if version is None:
        return [
            tabular.FieldSpec("kode_wilayah", required=True, codes=codes),
            tabular.FieldSpec("nama_wilayah"),
            tabular.FieldSpec("tahun", tabular.FieldType.INTEGER, required=True),
            tabular.FieldSpec("nilai", tabular.FieldType.NUMBER, unit=dataset.satuan),
        ]
    return [
        tabular.FieldSpec(
            field["name"],
            tabular.FieldType(field["type"]),
            title=field.get("title"),
            codes=codes if field.get("role") == tabular.Role.KODE_WILAYAH else None,
        )
        for field in version.fields
    ]


@login_required
def template_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    dataset, denied = editable_dataset(request, slug)
    if denied:
        return denied
    with tempfile.TemporaryDirectory(dir=storage.staging_dir()) as folder:
        target = Path(folder) / "template.xlsx"
        tabular.write_template(template_fields(dataset), target, title=dataset.title, tr=gettext)
        handle = target.open("rb")
    return FileResponse(handle, as_attachment=True, filename=f"templat-{dataset.slug}.xlsx")
