"""The JSON form of indicators, shared by the API and the pages' `.json` files."""

from typing import Any

from satudata.apps.indicators import queries
from satudata.apps.indicators.models import Indicator
from satudata.platform.access import Viewer


def summary(item: queries.Summary) -> dict[str, Any]:
    indicator = item.indicator
    return {
        "slug": indicator.slug,
        "nama": indicator.name,
        "satuan": indicator.unit,
        "organisasi": indicator.organisation.slug,
        "organisasi_nama": indicator.organisation.name,
        "cara": indicator.method,
        "arah": indicator.direction,
        "periode_terakhir": item.latest.period if item.latest else None,
        "nilai_terakhir": item.latest.value if item.latest else None,
        "periode": item.periods,
        "url": indicator.get_absolute_url(),
    }


def _source(indicator: Indicator) -> dict[str, Any] | None:
    dataset = indicator.dataset
    if dataset is None:
        return None
    return {
        "dataset": dataset.slug,
        "judul": dataset.title,
        "url": dataset.get_absolute_url(),
        "rumus": indicator.formula,
        "kolom_wilayah": indicator.wilayah_column,
        "kolom_periode": indicator.period_column,
        "versi_terhitung": indicator.computed_version.number
        if indicator.computed_version
        else None,
    }


def detail(viewer: Viewer, indicator: Indicator) -> dict[str, Any]:
    (item,) = queries.summaries([indicator])
    entry = queries.ms_ind_of(viewer, indicator)
    return {
        **summary(item),
        "deskripsi": indicator.description,
        "desimal": indicator.decimals,
        "tingkat_terdalam": indicator.deepest_level,
        "sumber": _source(indicator),
        "ms_ind": entry.ms_ind() if entry else None,
        "kegiatan": entry.kegiatan.slug if entry else None,
        "target": [
            {"periode": t.period, "nilai": t.value, "sumber": t.source}
            for t in queries.targets_of(indicator)
        ],
        "nilai": queries.rows(indicator),
    }
