"""The helpdesk of the demo: questions of Kota Tangerang's OPDs to the walidata over the last
weeks (some answered and resolved, one past its target, one waiting for the OPD), the
knowledge base articles made of the answers, and public data requests (received, forwarded,
declined and fulfilled, one with a terbuka dataset of the demo when one is published)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from satudata.apps.accounts.models import Organisation, User
from satudata.apps.demo.clock import frozen_at
from satudata.apps.helpdesk import actions, request_actions
from satudata.apps.helpdesk.models import Article, DataRequest, ServiceTarget, Ticket
from satudata.platform import access_helpdesk

WALIDATA = "walidata"


@dataclass(frozen=True)
class Demo:
    org: str
    category: str
    subject: str
    description: str
    days_ago: float
    replies: tuple[tuple[float, str, str, str], ...] = ()  # (hours after, who, text, status)


TICKETS = (
    Demo(
        "dinkes",
        "unggah",
        "Unggahan Excel ditolak: kolom kode_wilayah tidak valid",
        "Kami mengunggah data jumlah posyandu per kelurahan (XLSX), tetapi sistem menolak "
        "kolom kode_wilayah di baris 4–108. Isinya seperti 3671011001. Apa yang salah?",
        24,
        (
            (
                3,
                WALIDATA,
                "Kode wilayah ditulis dengan titik sesuai Kepmendagri: 36.71.01.1001, bukan "
                "3671011001. Di Excel, format kolomnya sebagai Teks agar titik tidak hilang. "
                "Laporan unggahan juga menyarankan kode yang benar per baris.",
                "selesai",
            ),
        ),
    ),
    Demo(
        "disdik",
        "metadata",
        "Cara mengisi frekuensi penerbitan untuk data tahunan ajaran",
        "Data peserta didik kami terbit per tahun ajaran (Juli–Juni). Frekuensi mana yang "
        "dipilih dan bagaimana mengisi periode datanya?",
        17,
        (
            (
                20,
                WALIDATA,
                "Pilih frekuensi Tahunan. Isi periode awal 1 Juli dan periode akhir 30 Juni "
                "tahun berikutnya, dan sebutkan 'tahun ajaran 2024/2025' di uraian.",
                "dibalas",
            ),
            (26, "disdik", "Terima kasih, sudah kami perbaiki.", ""),
            (28, WALIDATA, "Sudah kami periksa, metadata lengkap.", "selesai"),
        ),
    ),
    Demo(
        "dinsos",
        "akses",
        "Akun operator baru untuk Seksi Data Dinsos",
        "Operator kami berganti. Mohon dibuatkan akun produsen untuk staf baru dan "
        "dinonaktifkan akun yang lama.",
        9,
        (
            (
                30,
                WALIDATA,
                "Mohon kirim nama lengkap, NIP dan surat tugas dari Kepala Dinas melalui "
                "lampiran tiket ini.",
                "menunggu_opd",
            ),
        ),
    ),
    Demo(
        "pupr",
        "peta",
        "Shapefile jaringan jalan tidak punya sistem koordinat",
        "Saat mengunggah shapefile jaringan jalan kota, portal menanyakan sistem koordinat. "
        "Berkas .prj memang tidak ada. Apa yang harus dipilih?",
        6,
        (
            (
                5,
                WALIDATA,
                "Tanyakan ke penyedia data. Data survei PUPR biasanya UTM zona 48S (EPSG:32748); "
                "data dari GPS genggam biasanya WGS 84 (EPSG:4326). Pilih di pertanyaan "
                "unggahan, lalu periksa letak jalan di peta pratinjau.",
                "dibalas",
            ),
        ),
    ),
    Demo(
        "bappeda",
        "standar",
        "Standar data indikator kemiskinan mana yang dipakai?",
        "Untuk Data Prioritas 2026, standar data persentase penduduk miskin mengikuti "
        "definisi BPS atau DTKS? Kami perlu kepastian sebelum pengumpulan.",
        4,
    ),
    Demo(
        "dishub",
        "lainnya",
        "Data volume lalu lintas dari ATCS bisa dipublikasikan?",
        "Kami punya data hitung kendaraan per jam dari kamera ATCS di 40 simpang. Apakah "
        "boleh terbuka, dan dalam bentuk apa sebaiknya diunggah?",
        0.2,
    ),
    Demo(
        "dlh",
        "unggah",
        "Berkas CSV terbaca satu kolom saja",
        "CSV hasil ekspor aplikasi bank sampah terbaca sebagai satu kolom. Pemisahnya titik koma.",
        12,
        (
            (
                50,
                WALIDATA,
                "Portal mengenali pemisah titik koma secara otomatis bila baris judul ada di "
                "baris pertama. Hapus baris keterangan di atas judul kolom lalu unggah lagi.",
                "selesai",
            ),
        ),
    ),
)

ARTICLES = (
    (
        "unggah",
        "Mengapa kode wilayah saya ditolak saat unggah?",
        "Kode wilayah mengikuti **Kepmendagri** dengan titik: `36.71.01.1001` untuk kelurahan, "
        "`36.71.01` untuk kecamatan.\n\n- Format kolom di Excel sebagai *Teks*.\n"
        "- Laporan unggahan menyarankan kode yang benar untuk nama wilayah yang dikenali.",
    ),
    (
        "metadata",
        "Bagaimana mengisi periode data tahun ajaran?",
        "Pilih frekuensi **Tahunan**, isi periode 1 Juli sampai 30 Juni tahun berikutnya, dan "
        "tulis tahun ajarannya di uraian dataset.",
    ),
    (
        "peta",
        "Shapefile saya tidak punya berkas .prj",
        "Portal akan menanyakan sistem koordinatnya. Data survei biasanya **UTM 48S "
        "(EPSG:32748)**, data GPS **WGS 84 (EPSG:4326)**. Periksa letaknya di peta pratinjau "
        "sebelum menyimpan.",
    ),
    (
        "akses",
        "Bagaimana meminta akun untuk operator baru?",
        "Buka tiket helpdesk kategori *Akses/akun* dan lampirkan surat tugas dari kepala OPD. "
        "Akun lama dinonaktifkan pada hari yang sama.",
    ),
    (
        "lainnya",
        "Apa beda data terbuka, terbatas dan tertutup?",
        "- **Terbuka**: semua orang.\n- **Terbatas**: pengguna pemerintah dan mitra yang "
        "ditunjuk.\n- **Tertutup**: hanya OPD produsen dan walidata.\n\nData pribadi tidak "
        "pernah terbuka.",
    ),
)


@dataclass(frozen=True)
class Ask:
    name: str
    institution: str
    title: str
    description: str
    purpose: str
    wilayah: str
    period: str
    days_ago: float
    org: str = ""
    status: str = "diterima"
    answer: str = ""
    dataset_words: tuple[str, ...] = ()


REQUESTS = (
    Ask(
        "Rina Maharani",
        "Universitas Muhammadiyah Tangerang",
        "Jumlah posyandu aktif per kelurahan",
        "Jumlah posyandu aktif dan kader per kelurahan, format CSV atau XLSX.",
        "Penelitian skripsi tentang layanan kesehatan ibu dan anak.",
        "Seluruh Kota Tangerang",
        "2021–2025",
        20,
        "dinkes",
        "dipenuhi",
        "Datanya sudah terbit di portal, per kelurahan dan per tahun.",
        ("posyandu", "kesehatan", "balita"),
    ),
    Ask(
        "Ahmad Fauzi",
        "",
        "Jumlah sekolah dasar negeri dan swasta per kecamatan",
        "Jumlah SD negeri dan swasta per kecamatan beserta jumlah rombongan belajar.",
        "Bahan liputan media lokal tentang pemerataan pendidikan.",
        "",
        "2024",
        14,
        "disdik",
        "dipenuhi",
        "Data per kecamatan kami kirim ke portal bulan ini; sementara itu rekap 2024: 254 SD "
        "negeri dan 187 SD swasta.",
        ("sekolah", "pendidikan", "siswa"),
    ),
    Ask(
        "Dewi Lestari",
        "Komunitas Peta Hijau Tangerang",
        "Titik genangan banjir per kelurahan",
        "Lokasi titik genangan dan lama genangan saat hujan deras.",
        "Peta partisipatif warga untuk mitigasi banjir.",
        "Kecamatan Periuk dan Ciledug",
        "2023–2025",
        8,
        "pupr",
        "diproses",
    ),
    Ask(
        "Yusuf Hidayat",
        "",
        "Daftar nama penerima bantuan sosial beserta alamat",
        "Nama, NIK dan alamat penerima PKH di kelurahan saya.",
        "Memeriksa ketepatan sasaran bantuan.",
        "Kelurahan Sudimara Jaya",
        "2025",
        5,
        "dinsos",
        "ditolak",
        "Nama, NIK dan alamat penerima adalah data pribadi (UU 27/2022) dan tidak dapat dibuka. "
        "Rekap jumlah penerima per kelurahan tersedia sebagai data terbuka; keberatan atas "
        "sasaran dapat disampaikan melalui SP4N-LAPOR!.",
    ),
    Ask(
        "Bagus Pratama",
        "Kelompok Studi Transportasi",
        "Volume kendaraan per jam di simpang utama",
        "Volume kendaraan per jam per simpang dari ATCS.",
        "Kajian kemacetan untuk usulan Musrenbang.",
        "Jalan Daan Mogot dan Jalan MH Thamrin",
        "2025",
        1,
    ),
)


def _people() -> dict[str, User]:
    return {u.username: u for u in User.objects.filter(is_active=True)}


def _open_dataset(words: tuple[str, ...]) -> str:
    if not words:
        return ""
    match = Q()
    for word in words:
        match |= Q(title__icontains=word)
    found = access_helpdesk.public_datasets().filter(match).order_by("pk").first()
    return found.slug if found else ""


def _tickets(people: dict[str, User], now: datetime) -> int:
    made = 0
    walidata = people.get(WALIDATA)
    for demo in TICKETS:
        opener = people.get(demo.org)
        if opener is None or walidata is None:
            continue
        opened = now - timedelta(days=demo.days_ago)
        with frozen_at(opened):
            ticket = actions.check_open_ticket(
                user=opener,
                category=demo.category,
                subject=demo.subject,
                description=demo.description,
            )
        for hours, who, text, status in demo.replies:
            author = people.get(who)
            with frozen_at(opened + timedelta(hours=hours)):
                actions.check_reply(
                    user=author, ticket=ticket, body=text, status=status if who == WALIDATA else ""
                )
        made += 1
    return made


def _articles(walidata: User) -> int:
    by_category = {t.category: t for t in Ticket.objects.all()}
    for category, question, answer in ARTICLES:
        actions.check_save_article(
            user=walidata,
            question=question,
            answer=answer,
            category=category,
            is_published=True,
            source_ticket=by_category.get(category),
        )
    return len(ARTICLES)


def _requests(people: dict[str, User], now: datetime) -> int:
    walidata = people[WALIDATA]
    for ask in REQUESTS:
        sent = now - timedelta(days=ask.days_ago)
        with frozen_at(sent):
            item = request_actions.do_submit_request(
                name=ask.name,
                email=f"{ask.name.split()[0].lower()}@pemohon.example",
                institution=ask.institution,
                title=ask.title,
                description=ask.description,
                purpose=ask.purpose,
                wilayah=ask.wilayah,
                period=ask.period,
                mail=False,
            )
        organisation = Organisation.objects.filter(slug=ask.org).first() if ask.org else None
        if organisation is None:
            continue
        with frozen_at(sent + timedelta(hours=20)):
            request_actions.check_route_request(
                user=walidata, data_request=item, organisation_id=organisation.pk, mail=False
            )
        staff = people.get(ask.org)
        if ask.status == "diteruskan" or staff is None:
            continue
        with frozen_at(sent + timedelta(days=3)):
            request_actions.check_answer_request(
                user=staff,
                data_request=item,
                status=ask.status,
                answer=ask.answer,
                dataset_slug=_open_dataset(ask.dataset_words) if ask.status == "dipenuhi" else "",
                mail=False,
            )
    return len(REQUESTS)


@transaction.atomic
def load() -> int:
    """Load the demo helpdesk once (nothing when a ticket or a request exists, or the demo
    accounts are missing); returns how many tickets, articles and requests were made."""
    if Ticket.objects.exists() or DataRequest.objects.exists() or Article.objects.exists():
        return 0
    people = _people()
    if WALIDATA not in people:
        return 0
    now = timezone.now()
    if not ServiceTarget.objects.exists():
        ServiceTarget.objects.create(
            first_response_days=1,
            resolution_days=5,
            holidays=["2026-12-25", "2027-01-01"],
            updated_by=people[WALIDATA],
        )
    made = _tickets(people, now)
    made += _articles(people[WALIDATA])
    made += _requests(people, now)
    return made
