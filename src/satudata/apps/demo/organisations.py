"""The organisations and topics of the demo: Kota Tangerang's perangkat daerah (real names),
a BUMD, BPS as pembina and the province, and the urusan pemerintahan as topics."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.text import slugify

from satudata.apps.accounts.actions import do_create_organisation
from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.actions.topics import do_create_topic
from satudata.apps.catalog.models import Topic

KODE_KOTA = "36.71"
MAIL_DOMAIN = "tangerangkota.example"


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    short_name: str
    kind: str = "opd"
    unit: str = "Subbagian Perencanaan dan Pelaporan"

    @property
    def email(self) -> str:
        return f"data.{self.slug}@{MAIL_DOMAIN}"


ORGANISATIONS = (
    Org("dinkes", "Dinas Kesehatan", "Dinkes", unit="Seksi Data dan Sistem Informasi Kesehatan"),
    Org("disdik", "Dinas Pendidikan", "Disdik", unit="Subbagian Program dan Data Pendidikan"),
    Org("dinsos", "Dinas Sosial", "Dinsos", unit="Seksi Data dan Informasi Kesejahteraan Sosial"),
    Org(
        "disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        unit="Bidang Pemanfaatan Data dan Inovasi Pelayanan",
    ),
    Org(
        "bappeda",
        "Badan Perencanaan Pembangunan Daerah",
        "Bappeda",
        unit="Bidang Perencanaan, Pengendalian dan Evaluasi",
    ),
    Org(
        "diskominfo",
        "Dinas Komunikasi dan Informatika",
        "Diskominfo",
        kind="walidata",
        unit="Bidang Statistik",
    ),
    Org(
        "pupr",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "PUPR",
        unit="Seksi Data dan Informasi Infrastruktur",
    ),
    Org("dishub", "Dinas Perhubungan", "Dishub"),
    Org(
        "bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD", unit="Seksi Kedaruratan dan Logistik"
    ),
    Org("dlh", "Dinas Lingkungan Hidup", "DLH"),
    Org("perkim", "Dinas Perumahan dan Permukiman", "Perkim"),
    Org("disnaker", "Dinas Tenaga Kerja", "Disnaker"),
    Org("dinkopukm", "Dinas Koperasi UKM dan Perindustrian", "Dinkopukmperin"),
    Org("dispora", "Dinas Pemuda dan Olahraga", "Dispora"),
    Org("disbudpar", "Dinas Kebudayaan dan Pariwisata", "Disbudpar"),
    Org("dkp", "Dinas Ketahanan Pangan", "DKP"),
    Org("dp3a", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
    Org("satpolpp", "Satuan Polisi Pamong Praja", "Satpol PP"),
    Org("bapenda", "Badan Pendapatan Daerah", "Bapenda"),
    Org("rsud", "RSUD Kota Tangerang", "RSUD", unit="Instalasi Rekam Medis"),
    Org(
        "tirta-benteng",
        "Perumda Air Minum Tirta Benteng",
        "Tirta Benteng",
        kind="bumd",
        unit="Bagian Hubungan Pelanggan",
    ),
    Org("bps", "BPS Kota Tangerang", "BPS", kind="pembina", unit="Bagian Umum"),
    Org(
        "banten",
        "Pemerintah Provinsi Banten",
        "Pemprov Banten",
        kind="government",
        unit="Diskominfo Provinsi Banten",
    ),
)
BY_SLUG = {org.slug: org for org in ORGANISATIONS}

TOPICS = (
    ("Kependudukan", "Administrasi kependudukan dan pencatatan sipil."),
    ("Kesehatan", "Pelayanan kesehatan, gizi, penyakit menular dan fasilitas kesehatan."),
    ("Pendidikan", "Sekolah, murid, guru dan partisipasi pendidikan."),
    ("Sosial", "Bantuan sosial, kesejahteraan sosial dan penyandang disabilitas."),
    ("Pekerjaan Umum", "Jalan, drainase dan penataan ruang."),
    ("Perumahan dan Permukiman", "Rumah layak huni, penerangan jalan dan kawasan permukiman."),
    ("Perhubungan", "Angkutan umum, lalu lintas dan pengujian kendaraan."),
    ("Lingkungan Hidup", "Persampahan, kualitas lingkungan dan bank sampah."),
    ("Kebencanaan", "Kejadian bencana, banjir, genangan dan curah hujan."),
    ("Ketenteraman dan Ketertiban", "Penegakan peraturan daerah dan ketertiban umum."),
    ("Ekonomi", "Koperasi, UMKM, pangan, pariwisata dan pendapatan daerah."),
    ("Tenaga Kerja", "Pencari kerja, pelatihan dan upah minimum."),
    ("Pemerintahan", "Perencanaan, kinerja, anggaran dan layanan pemerintahan."),
    ("Kepemudaan dan Olahraga", "Fasilitas dan kegiatan olahraga."),
    ("Pemberdayaan Perempuan dan Anak", "Perlindungan perempuan dan anak."),
    ("Komunikasi dan Informatika", "Layanan digital, aduan masyarakat dan statistik sektoral."),
)


def ensure_organisations() -> dict[str, Organisation]:
    by_name = {org.name: org.slug for org in ORGANISATIONS}
    found = Organisation.objects.filter(Q(slug__in=BY_SLUG) | Q(name__in=by_name))
    existing = {by_name.get(o.name, o.slug): o for o in found}
    for org in ORGANISATIONS:
        if org.slug not in existing:
            existing[org.slug] = do_create_organisation(
                slug=org.slug,
                name=org.name,
                kind=org.kind,
                short_name=org.short_name,
                kode_wilayah="36" if org.slug == "banten" else KODE_KOTA,
                email=org.email,
                description=f"{org.name} (organisasi contoh pada portal demo).",
            )
    return existing


def ensure_topics() -> dict[str, Topic]:
    existing = {t.name: t for t in Topic.objects.filter(name__in=[n for n, _d in TOPICS])}
    for name, description in TOPICS:
        if name not in existing:
            existing[name] = do_create_topic(name=name, slug=slugify(name), description=description)
    return existing
