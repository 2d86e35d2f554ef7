"""A kegiatan as a JSON document for one viewer: the public page's `.json` and the API share it.
Variables and indicators are those the viewer may see; linked datasets likewise."""

from typing import Any

from satudata.apps.statistics import queries
from satudata.apps.statistics.models import Kegiatan
from satudata.platform import access
from satudata.platform import access_statistics as rules


def summary(kegiatan: Kegiatan) -> dict[str, Any]:
    romantik = queries.romantik_of(kegiatan)
    progress = queries.progress_of(kegiatan)
    return {
        "slug": kegiatan.slug,
        "judul": kegiatan.judul,
        "tahun": kegiatan.tahun,
        "cara_pengumpulan": kegiatan.cara_pengumpulan,
        "organisation": kegiatan.organisation.slug,
        "organisation_name": kegiatan.organisation.name,
        "published": kegiatan.published,
        "romantik_status": romantik.status if romantik else None,
        "romantik_warning": bool(queries.romantik_warning(kegiatan)),
        "gsbpm_percent": progress.percent,
        "url": kegiatan.get_absolute_url(),
    }


def detail(viewer: access.Viewer, kegiatan: Kegiatan) -> dict[str, Any]:
    full = rules.sees_all_metadata(viewer, kegiatan)
    romantik = queries.romantik_of(kegiatan)
    romantik_doc = None
    if romantik is not None:
        romantik_doc = {
            "status": romantik.status,
            "nomor_rekomendasi": romantik.nomor_rekomendasi,
            "nomor_pengajuan": romantik.nomor_pengajuan if full else "",
            "tanggal_pengajuan": romantik.tanggal_pengajuan.isoformat() if full else None,
            "catatan": romantik.catatan if full else "",
        }
    progress = queries.progress_of(kegiatan)
    return {
        **summary(kegiatan),
        "ms_keg": kegiatan.ms_keg(),
        "variabel": [v.ms_var() for v in rules.variabel(viewer, kegiatan)],
        "indikator": [i.ms_ind() for i in rules.indikator(viewer, kegiatan)],
        "romantik": romantik_doc,
        "gsbpm": {
            "done": progress.done,
            "applicable": progress.applicable,
            "percent": progress.percent,
            "statuses": queries.statuses(kegiatan),
        },
        "datasets": [
            {
                "slug": link.dataset.slug,
                "title": link.dataset.title,
                "url": link.dataset.get_absolute_url(),
                "variabel": [v.nama for v in link.variabel.all()],
            }
            for link in queries.linked_datasets(viewer, kegiatan)
        ],
    }
