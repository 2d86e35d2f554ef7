"""The demo's data standard: BPS Kota Tangerang, the pembina data, publishes "Jumlah Penduduk
menurut Kecamatan dan Jenis Kelamin" in the long form a standard asks for (one row per
kecamatan, year and sex, the sex coded with the Dukcapil code list), and Disdukcapil adopts it
for its table of residents by age group per kecamatan. That table still has one column per sex,
so the dataset page shows what the standard asks that the table does not give yet. Both are made
through the standards app's actions by the demo accounts; all figures are data contoh."""

from django.db import transaction

from satudata.apps.accounts.models import User
from satudata.apps.catalog.models import Dataset
from satudata.apps.demo.organisations import ensure_organisations, ensure_topics
from satudata.apps.demo.people import ensure_people
from satudata.apps.standards import actions
from satudata.apps.standards.models import DatasetStandard, Standard, StandardVersion
from satudata.engines.standards import StandardField
from satudata.engines.tabular import FieldType

SLUG = "jumlah-penduduk-menurut-kecamatan"
TITLE = "Jumlah Penduduk menurut Kecamatan dan Jenis Kelamin"
TOPIC = "Kependudukan"
PEMBINA = "bps"
ADOPTER = "disdukcapil"
DATASET = "Jumlah Penduduk menurut Kelompok Umur per Kecamatan"
DESCRIPTION = (
    "Standar data jumlah penduduk per kecamatan di Kota Tangerang menurut jenis kelamin, hasil "
    "konsolidasi data kependudukan semester II setiap tahun. Satu baris untuk setiap kecamatan, "
    "tahun dan jenis kelamin. Standar contoh pada portal demo."
)
TEXTS = {
    "konsep": "Penduduk",
    "definisi": (
        "Penduduk adalah Warga Negara Indonesia dan orang asing yang bertempat tinggal di "
        "wilayah Negara Kesatuan Republik Indonesia, dihitung menurut tempat tinggal yang "
        "tercatat dalam basis data kependudukan pada akhir semester II."
    ),
    "klasifikasi": (
        "Kode wilayah kecamatan menurut Kemendagri; jenis kelamin menurut kode Dukcapil "
        "(1 Laki-laki, 2 Perempuan)"
    ),
    "ukuran": "Jumlah",
    "satuan": "jiwa",
}
FIELDS = (
    StandardField(
        "kode_wilayah",
        title="Kode Wilayah",
        description="Kode kecamatan di Kota Tangerang, ditulis dengan titik, misalnya 36.71.01.",
        konsep="Wilayah administrasi",
        definisi="Kecamatan tempat penduduk tercatat, menurut kode wilayah Kemendagri.",
        klasifikasi="Kode wilayah Kemendagri tingkat kecamatan",
        required=True,
        pattern=r"36\.71\.\d{2}",
        wilayah_level="kecamatan",
    ),
    StandardField(
        "tahun",
        FieldType.INTEGER,
        title="Tahun",
        description="Tahun keadaan data (akhir semester II).",
        konsep="Periode data",
        definisi="Tahun kalender keadaan data kependudukan.",
        required=True,
        minimum=2000,
        maximum=2100,
    ),
    StandardField(
        "jenis_kelamin",
        title="Jenis Kelamin",
        description="Kode jenis kelamin Dukcapil: 1 Laki-laki, 2 Perempuan.",
        konsep="Jenis kelamin",
        definisi="Jenis kelamin penduduk sebagaimana dicatat pada biodata penduduk.",
        klasifikasi="Kode jenis kelamin SIAK (Ditjen Dukcapil)",
        required=True,
        code_list="jenis-kelamin",
    ),
    StandardField(
        "jumlah",
        FieldType.INTEGER,
        title="Jumlah Penduduk",
        description="Jumlah penduduk kecamatan menurut jenis kelamin.",
        konsep="Penduduk",
        definisi="Banyaknya penduduk yang tercatat pada kecamatan dan jenis kelamin itu.",
        ukuran="Jumlah",
        satuan="jiwa",
        required=True,
        minimum=0,
    ),
)


def _published() -> StandardVersion | None:
    return (
        StandardVersion.objects.filter(standard__slug=SLUG, state=StandardVersion.State.PUBLISHED)
        .order_by("-number")
        .first()
    )


def _publish(pembina: User) -> StandardVersion:
    draft = actions.check_create_standard(
        user=pembina,
        slug=SLUG,
        title=TITLE,
        description=DESCRIPTION,
        topic=ensure_topics()[TOPIC],
        texts=TEXTS,
        fields=FIELDS,
    )
    actions.check_publish_version(user=pembina, version=draft)
    draft.refresh_from_db()
    return draft


@transaction.atomic
def load_demo() -> int:
    """Publish the demo standard and have the demo dataset adopt it, each once; returns how many
    of the two were done now (0 when both are there already). The adoption waits until the
    demo dataset has a published version."""
    people = ensure_people(ensure_organisations())
    done = 0
    version = _published()
    if version is None and not Standard.objects.filter(slug=SLUG).exists():
        version = _publish(people[PEMBINA])
        done += 1
    dataset = Dataset.objects.filter(
        organisation__slug=ADOPTER, title=DATASET, published_version__isnull=False
    ).first()
    if version is None or dataset is None:
        return done
    if not DatasetStandard.objects.filter(dataset=dataset).exists():
        actions.check_adopt_standard(
            user=people[ADOPTER], dataset=dataset, standard_version=version
        )
        done += 1
    return done
