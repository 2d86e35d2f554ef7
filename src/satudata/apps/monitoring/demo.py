"""The demo's planning and monitoring: every OPD's Daftar Data for last year (approved by the
Forum Satu Data) and this year (a draft), one planned element per dynamic dataset it holds with a
release date in the first quarter, plus one element not yet published; then the release log is
rebuilt from the demo's workflow history and every quality score computed. Data contoh."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.catalog.models import Dataset
from satudata.apps.catalog.models.choices import FREKUENSI_DAYS
from satudata.apps.monitoring import actions
from satudata.apps.monitoring.models import DaftarData, PlannedElement
from satudata.apps.monitoring.releases import do_rebuild_releases

FORUM = "Forum Satu Data Kota Tangerang, {day} Maret {year} (data contoh)"


def _elements(daftar: DaftarData, datasets: list[Dataset]) -> list[PlannedElement]:
    year = daftar.year
    rows = [
        PlannedElement(
            daftar=daftar,
            name=dataset.title,
            dataset=dataset,
            frekuensi=dataset.frekuensi,
            due_date=date(year, 1, 15) + timedelta(days=7 * (i % 10)),
            prioritas=bool(dataset.prioritas_years),
        )
        for i, dataset in enumerate(datasets)
    ]
    organisation = daftar.organisation
    rows.append(
        PlannedElement(
            daftar=daftar,
            name=f"Rekapitulasi layanan {organisation.short_name or organisation.name}",
            frekuensi="tahunan",
            due_date=date(year, 6, 30),
        )
    )
    return rows


@transaction.atomic
def load_demo() -> int:
    """Fills what is missing; returns how many Daftar Data were added."""
    walidata = User.objects.filter(username="walidata").first()
    if walidata is None:
        return 0
    this_year = timezone.localdate().year
    added = 0
    for organisation in Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS):
        datasets = list(
            Dataset.objects.filter(
                organisation=organisation, frekuensi__in=list(FREKUENSI_DAYS)
            ).order_by("title")
        )
        if not datasets:
            continue
        for year in (this_year - 1, this_year):
            daftar, created = DaftarData.objects.get_or_create(organisation=organisation, year=year)
            if not created:
                continue
            PlannedElement.objects.bulk_create(_elements(daftar, datasets))
            added += 1
            if year < this_year:
                actions.check_approve_daftar(
                    user=walidata, daftar=daftar, forum_note=FORUM.format(day=12, year=year)
                )
    if added:
        do_rebuild_releases(Dataset.objects.all())
        actions.do_refresh_quality()
    return added
