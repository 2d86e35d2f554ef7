"""The demo EPSS: Kota Tangerang's 2024 self-assessment reconstructed to its published result
(IPS 3.07, Baik, Pemanfaatan Big Data at level 1), final and published, and a 2025 draft.

Only the IPS, the predikat and the Big Data level are public facts; the other 37 levels are a
reconstruction chosen so that the default weights give 3.07, and every note says so."""

from datetime import date

from django.db import transaction

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.epss import actions
from satudata.apps.epss.models import Assessment, AssessmentYear

WALIDATA = "walidata"

LEVELS_2024 = {
    "10101": 3, "10201": 4, "10301": 3, "10401": 4,
    "20101": 3, "20102": 3, "20201": 3, "20301": 3, "20302": 3,
    "20401": 4, "20402": 3, "20403": 3, "20501": 3, "20502": 3,
    "30101": 3, "30102": 3, "30103": 3, "30201": 3, "30301": 3, "30302": 2, "30401": 4,
    "40101": 3, "40102": 3, "40103": 3, "40104": 3, "40201": 2, "40202": 2,
    "40301": 2, "40302": 3, "40303": 3, "40304": 3,
    "50101": 3, "50102": 3, "50103": 2, "50201": 3, "50301": 3, "50302": 3, "50303": 1,
}  # fmt: skip

RECONSTRUCTION = (
    "Rekonstruksi untuk demo: hanya IPS 2024 = 3,07 (Baik) dan tingkat Pemanfaatan Big Data "
    "(1) yang merupakan hasil resmi yang dipublikasikan; tingkat indikator ini dipilih agar "
    "bobot bawaan menghasilkan 3,07."
)
NOTES_2024 = {
    "50303": "Hasil resmi EPSS 2024: tingkat 1. Belum ada pemanfaatan Big Data dalam kegiatan "
    "statistik; ini titik terlemah yang ingin dinaikkan kota.",
    "10201": "Metadata diisi di portal Satu Data untuk setiap elemen data dan diperiksa walidata.",
    "30401": "Diseminasi melalui portal Satu Data Kota Tangerang dan API terbuka.",
}
CHANGES_2025 = {
    "50303": (2, "Rencana 2025: uji coba analisis sentimen media sosial (kajian dan eksperimen)."),
    "40201": (3, "Pelatihan Big Data 'dari pengumpulan hingga analisis lanjutan' bagi ASN."),
}
LINK_2024 = ("Portal Satu Data: katalog data terbitan", "https://satudata.tangerangkota.go.id/")


def _fill(
    user: User, assessment: Assessment, levels: dict[str, int], notes: dict[str, str]
) -> None:
    for code, level in levels.items():
        actions.check_set_level(
            user=user, assessment=assessment, code=code, level=level, notes=notes[code]
        )


@transaction.atomic
def load(today: date | None = None) -> int:
    """Load the demo EPSS once (nothing when a year exists or the walidata account is missing);
    returns how many assessments were made."""
    if AssessmentYear.objects.filter(year__in=[2024, 2025]).exists():
        return 0
    walidata = User.objects.filter(username=WALIDATA).first()
    if walidata is None:
        return 0
    today = today or date.today()
    year_2024 = actions.check_open_year(user=walidata, year=2024)
    city_2024 = actions.check_start_assessment(
        user=walidata, year=year_2024, organisation=None, today=today
    )
    _fill(
        walidata,
        city_2024,
        LEVELS_2024,
        {c: f"{NOTES_2024.get(c, '')} {RECONSTRUCTION}".strip() for c in LEVELS_2024},
    )
    title, url = LINK_2024
    actions.check_add_evidence(
        user=walidata, assessment=city_2024, code="30401", title=title, url=url
    )
    actions.check_finalise(user=walidata, assessment=city_2024, final=True)
    actions.check_publish_year(user=walidata, year=year_2024, publish=True)

    year_2025 = actions.check_open_year(user=walidata, year=2025)
    city_2025 = actions.check_start_assessment(
        user=walidata, year=year_2025, organisation=None, today=today
    )
    levels_2025 = {**LEVELS_2024, **{code: level for code, (level, _n) in CHANGES_2025.items()}}
    notes_2025 = {code: note for code, (_level, note) in CHANGES_2025.items()}
    _fill(
        walidata,
        city_2025,
        levels_2025,
        {c: notes_2025.get(c, "Draf 2025, disalin dari rekonstruksi 2024.") for c in levels_2025},
    )
    made = 2
    dinkes = Organisation.objects.filter(slug="dinkes").first()
    produsen = User.objects.filter(username="dinkes").first()
    if dinkes is not None and produsen is not None:
        own = actions.check_start_assessment(
            user=produsen, year=year_2025, organisation=dinkes, today=today
        )
        for code in ("10101", "10201", "10401", "20302"):
            score = own.scores.get(code=code)
            if score.proposed_level:
                actions.check_set_level(
                    user=produsen,
                    assessment=own,
                    code=code,
                    level=score.proposed_level,
                    notes="Mengikuti usulan platform (draf).",
                )
        made += 1
    return made
