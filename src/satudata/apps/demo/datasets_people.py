"""Demo datasets about residents: kependudukan, kesehatan, pendidikan, sosial."""

from satudata.apps.demo.figures import (
    WET_SEASON,
    Measure,
    by_area,
    by_area_and_category,
    by_category,
    by_month,
    coverage_by_kecamatan,
    residents_by_sex,
    tb_patients,
)
from satudata.apps.demo.sheets import Layout
from satudata.apps.demo.specs import ROLLBACK, Spec

AGE_SHARES = (0.080, 0.082, 0.081, 0.079, 0.085, 0.088, 0.086, 0.082, 0.076, 0.068, 0.057)
AGE_SHARES_OLD = (0.045, 0.034, 0.024, 0.015)
AGE_GROUPS = (
    *(
        (f"{a}-{a + 4}", w)
        for a, w in zip(range(0, 75, 5), AGE_SHARES + AGE_SHARES_OLD, strict=True)
    ),
    ("75+", 0.018),
)


KEPENDUDUKAN = (
    Spec(
        title="Jumlah Penduduk menurut Kelurahan dan Jenis Kelamin",
        org="disdukcapil",
        topic="Kependudukan",
        level="kelurahan",
        description="Jumlah penduduk Kota Tangerang per kelurahan menurut jenis kelamin, hasil "
        "konsolidasi data kependudukan semester II setiap tahun.",
        table=residents_by_sex("kelurahan"),
        layout=Layout.REPORT,
        years=(2022, 2023, 2024, 2025),
        prioritas=(2024, 2025),
        konsep="Penduduk",
        definisi="Penduduk adalah Warga Negara Indonesia dan orang asing yang bertempat tinggal "
        "di Kota Tangerang dan tercatat dalam basis data kependudukan.",
        ukuran="Jumlah",
        satuan="jiwa",
        klasifikasi="Jenis kelamin: laki-laki, perempuan",
        tags=("penduduk", "jenis kelamin", "kelurahan"),
    ),
    Spec(
        title="Jumlah Penduduk menurut Kelompok Umur per Kecamatan",
        org="disdukcapil",
        topic="Kependudukan",
        description="Jumlah penduduk per kecamatan menurut kelompok umur lima tahunan dan jenis "
        "kelamin.",
        table=by_area_and_category(
            "Kelompok Umur",
            AGE_GROUPS,
            (
                Measure("Laki-laki", per_capita=0.506, spread=0.03),
                Measure("Perempuan", per_capita=0.494, spread=0.03),
            ),
        ),
        end=ROLLBACK,
        konsep="Penduduk menurut umur",
        definisi="Umur dihitung dalam tahun penuh pada akhir semester II.",
        ukuran="Jumlah",
        satuan="jiwa",
        klasifikasi="Kelompok umur lima tahunan",
        tags=("penduduk", "kelompok umur", "piramida penduduk"),
    ),
    Spec(
        title="Jumlah Kartu Keluarga per Kecamatan",
        org="disdukcapil",
        topic="Kependudukan",
        description="Jumlah Kartu Keluarga yang diterbitkan dan aktif per kecamatan.",
        table=by_area(
            "kecamatan",
            (Measure("Jumlah Kartu Keluarga", per_capita=0.31, growth=0.015, spread=0.02),),
        ),
        layout=Layout.XLSX,
        end="diajukan",
        konsep="Kartu Keluarga",
        definisi="Kartu Keluarga adalah kartu identitas keluarga yang memuat data tentang nama, "
        "susunan dan hubungan dalam keluarga.",
        ukuran="Jumlah",
        satuan="KK",
        tags=("kartu keluarga", "kependudukan"),
    ),
    Spec(
        title="Kepemilikan Akta Kelahiran Anak Usia 0-18 Tahun per Kecamatan",
        org="disdukcapil",
        topic="Kependudukan",
        years=(2023, 2024, 2025),
        description="Jumlah anak usia 0-18 tahun dan yang telah memiliki akta kelahiran.",
        table=coverage_by_kecamatan(
            Measure("Jumlah Anak 0-18 Tahun", per_capita=0.30, spread=0.04),
            "Memiliki Akta Kelahiran",
            95.0,
            "Persentase Kepemilikan (%)",
            growth=0.01,
        ),
        prioritas=(2025,),
        end="menunggu_pembina",
        konsep="Akta kelahiran",
        definisi="Persentase anak usia 0-18 tahun yang memiliki akta kelahiran terhadap seluruh "
        "anak usia 0-18 tahun.",
        ukuran="Persentase",
        satuan="persen",
        tags=("akta kelahiran", "anak", "kota layak anak"),
    ),
    Spec(
        title="Rekap Perekaman KTP Elektronik per Kelurahan",
        org="disdukcapil",
        topic="Kependudukan",
        level="kelurahan",
        years=(2024,),
        access="terbatas",
        description="Jumlah penduduk wajib KTP-el dan yang sudah melakukan perekaman per "
        "kelurahan, untuk perencanaan layanan jemput bola.",
        table=by_area(
            "kelurahan",
            (
                Measure("Wajib KTP-el", per_capita=0.72, spread=0.03),
                Measure("Sudah Merekam", per_capita=0.70, spread=0.03),
            ),
        ),
        end="draft",
        konsep="Perekaman KTP-el",
        definisi="Wajib KTP-el adalah penduduk berumur 17 tahun atau lebih, atau sudah kawin.",
        ukuran="Jumlah",
        satuan="jiwa",
        tags=("ktp-el", "perekaman", "kelurahan"),
    ),
)

KESEHATAN = (
    Spec(
        title="Jumlah Kunjungan Pasien Puskesmas per Bulan",
        org="dinkes",
        topic="Kesehatan",
        level="kota",
        description="Jumlah kunjungan rawat jalan, rawat inap dan gawat darurat di seluruh "
        "puskesmas Kota Tangerang per bulan.",
        table=by_month(
            (
                Measure("Kunjungan Rawat Jalan", per_capita=1.6, growth=0.03),
                Measure("Kunjungan Rawat Inap", per_capita=0.02, spread=0.15),
                Measure("Kunjungan Gawat Darurat", per_capita=0.05, spread=0.12),
            )
        ),
        layout=Layout.CSV_ID,
        returned_once=True,
        note="Angka bulan Desember masih sementara; mohon unggah angka final setelah rekap "
        "SIMPUS ditutup.",
        konsep="Kunjungan puskesmas",
        definisi="Kunjungan adalah setiap kedatangan pasien ke puskesmas untuk mendapatkan "
        "pelayanan, baru maupun lama.",
        ukuran="Jumlah",
        satuan="kunjungan",
        tags=("puskesmas", "kunjungan", "layanan kesehatan"),
    ),
    Spec(
        title="Prevalensi Balita Stunting per Kecamatan",
        org="dinkes",
        topic="Kesehatan",
        description="Jumlah balita yang diukur dan balita stunting hasil bulan penimbangan "
        "balita (Agustus), dengan prevalensinya.",
        table=coverage_by_kecamatan(
            Measure("Balita Diukur", per_capita=0.065, spread=0.05),
            "Balita Stunting",
            9.5,
            "Prevalensi Stunting (%)",
            growth=-0.15,
        ),
        prioritas=(2024, 2025),
        konsep="Stunting",
        definisi="Balita stunting adalah balita dengan tinggi badan menurut umur kurang dari -2 "
        "standar deviasi median standar pertumbuhan anak WHO.",
        ukuran="Persentase",
        satuan="persen",
        tags=("stunting", "gizi", "balita"),
    ),
    Spec(
        title="Cakupan Imunisasi Dasar Lengkap per Kecamatan",
        org="dinkes",
        topic="Kesehatan",
        description="Jumlah bayi sasaran dan bayi yang mendapat imunisasi dasar lengkap.",
        table=coverage_by_kecamatan(
            Measure("Sasaran Bayi", per_capita=0.016, spread=0.05),
            "Bayi Imunisasi Dasar Lengkap",
            92.0,
            "Cakupan IDL (%)",
            growth=0.01,
        ),
        end="dikembalikan",
        failed_check="kode_referensi",
        note="Kode wilayah Kecamatan Karang Tengah dan Larangan tertukar; mohon diperiksa "
        "dengan kode Kemendagri.",
        konsep="Imunisasi dasar lengkap",
        definisi="Bayi usia 0-11 bulan yang telah mendapat imunisasi HB0, BCG, polio, DPT-HB-Hib, "
        "IPV dan campak-rubela.",
        ukuran="Persentase",
        satuan="persen",
        tags=("imunisasi", "bayi", "spm kesehatan"),
    ),
    Spec(
        title="Jumlah Tenaga Kesehatan menurut Jenis per Kecamatan",
        org="dinkes",
        topic="Kesehatan",
        years=(2024,),
        description="Jumlah tenaga kesehatan di fasilitas kesehatan pemerintah per kecamatan.",
        table=by_area_and_category(
            "Jenis Tenaga Kesehatan",
            (
                ("Dokter Umum", 0.00012),
                ("Dokter Gigi", 0.00003),
                ("Bidan", 0.00025),
                ("Perawat", 0.0005),
                ("Tenaga Gizi", 0.00003),
                ("Tenaga Kesehatan Masyarakat", 0.00004),
            ),
            (Measure("Jumlah", per_capita=1.0, spread=0.2),),
        ),
        end="draft",
        konsep="Tenaga kesehatan",
        definisi="Setiap orang yang mengabdikan diri dalam bidang kesehatan dan memiliki "
        "pengetahuan serta keterampilan melalui pendidikan di bidang kesehatan.",
        ukuran="Jumlah",
        satuan="orang",
        tags=("tenaga kesehatan", "sdm kesehatan"),
    ),
    Spec(
        title="Daftar Pasien Tuberkulosis per Puskesmas",
        org="dinkes",
        topic="Kesehatan",
        level="kota",
        years=(2023, 2024),
        access="tertutup",
        description="Daftar pasien TB yang diobati per puskesmas untuk pemantauan pengobatan. "
        "Seluruh baris dibuat oleh generator demo: nama dan NIK sintetis (kode provinsi 99 "
        "tidak ada), bukan data orang sungguhan.",
        table=tb_patients(30.0),
        layout=Layout.XLSX,
        konsep="Pasien tuberkulosis",
        definisi="Pasien TB yang tercatat dan diobati di puskesmas pada tahun berjalan.",
        ukuran="Daftar",
        satuan="orang",
        tags=("tuberkulosis", "tb", "by name by address"),
    ),
    Spec(
        title="Jumlah Kasus Demam Berdarah Dengue per Bulan",
        org="dinkes",
        topic="Kesehatan",
        level="kota",
        years=(2022, 2023, 2024, 2025),
        description="Jumlah kasus dan kematian akibat demam berdarah dengue per bulan.",
        table=by_month(
            (
                Measure("Kasus DBD", per_capita=0.0004, spread=0.3),
                Measure("Kematian DBD", per_capita=0.000003, spread=0.6),
            ),
            seasonal=WET_SEASON,
        ),
        konsep="Demam berdarah dengue",
        definisi="Kasus DBD adalah penderita dengan diagnosis klinis DBD yang dikonfirmasi "
        "laboratorium.",
        ukuran="Jumlah",
        satuan="kasus",
        tags=("dbd", "penyakit menular", "dengue"),
    ),
    Spec(
        title="Kunjungan Rawat Jalan RSUD menurut Poliklinik",
        org="rsud",
        topic="Kesehatan",
        level="kota",
        description="Jumlah kunjungan rawat jalan RSUD Kota Tangerang per poliklinik.",
        table=by_category(
            "Poliklinik",
            (
                ("Penyakit Dalam", 0.012),
                ("Anak", 0.008),
                ("Bedah", 0.006),
                ("Kebidanan dan Kandungan", 0.007),
                ("Saraf", 0.005),
                ("Jantung", 0.004),
                ("Mata", 0.004),
                ("THT", 0.003),
                ("Gigi dan Mulut", 0.003),
                ("Paru", 0.003),
            ),
            (Measure("Jumlah Kunjungan", per_capita=1.0, growth=0.04),),
        ),
        layout=Layout.XLSX,
        konsep="Kunjungan rawat jalan",
        definisi="Kunjungan pasien ke poliklinik rumah sakit tanpa dirawat inap.",
        ukuran="Jumlah",
        satuan="kunjungan",
        tags=("rsud", "rawat jalan", "rumah sakit"),
    ),
    Spec(
        title="Indikator Pelayanan Rumah Sakit",
        org="rsud",
        topic="Kesehatan",
        level="kota",
        years=(2023, 2024),
        description="Indikator efisiensi pelayanan rawat inap RSUD: BOR, ALOS, TOI, BTO, NDR dan "
        "GDR.",
        table=by_category(
            "Indikator",
            (
                ("BOR (%)", 74.0),
                ("ALOS (hari)", 4.1),
                ("TOI (hari)", 1.6),
                ("BTO (kali)", 62.0),
                ("NDR (permil)", 18.0),
                ("GDR (permil)", 36.0),
            ),
            (Measure("Nilai", mean=1.0, decimals=1, spread=0.05),),
        ),
        end="draft",
        konsep="Indikator pelayanan rumah sakit",
        definisi="Indikator Barber-Johnson untuk menilai efisiensi penggunaan tempat tidur.",
        ukuran="Rasio",
        satuan="sesuai indikator",
        tags=("rsud", "bor", "indikator"),
    ),
)

PENDIDIKAN = (
    Spec(
        title="Jumlah Sekolah, Murid dan Guru Sekolah Dasar per Kecamatan",
        org="disdik",
        topic="Pendidikan",
        description="Jumlah SD negeri dan swasta, murid dan guru per kecamatan pada awal tahun "
        "ajaran.",
        table=by_area(
            "kecamatan",
            (
                Measure("Negeri", per_capita=0.00009, spread=0.05, group="Jumlah Sekolah"),
                Measure("Swasta", per_capita=0.00006, spread=0.1, group="Jumlah Sekolah"),
                Measure("Murid", per_capita=0.105, growth=0.005, spread=0.04),
                Measure("Guru", per_capita=0.0045, spread=0.06),
            ),
            year_column=False,
        ),
        layout=Layout.REPORT,
        prioritas=(2024,),
        konsep="Satuan pendidikan dasar",
        definisi="Sekolah dasar adalah satuan pendidikan formal yang menyelenggarakan pendidikan "
        "umum pada jenjang pendidikan dasar.",
        ukuran="Jumlah",
        satuan="sekolah; orang",
        klasifikasi="Status sekolah: negeri, swasta",
        tags=("sekolah dasar", "murid", "guru"),
    ),
    Spec(
        title="Jumlah Sekolah, Murid dan Guru SMP per Kecamatan",
        org="disdik",
        topic="Pendidikan",
        description="Jumlah SMP negeri dan swasta, murid dan guru per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("SMP Negeri", per_capita=0.000018, spread=0.1),
                Measure("SMP Swasta", per_capita=0.00006, spread=0.1),
                Measure("Murid SMP", per_capita=0.05, growth=0.006, spread=0.04),
                Measure("Guru SMP", per_capita=0.0028, spread=0.06),
            ),
        ),
        end=ROLLBACK,
        konsep="Satuan pendidikan menengah pertama",
        definisi="SMP adalah satuan pendidikan formal pada jenjang pendidikan dasar sebagai "
        "lanjutan SD.",
        ukuran="Jumlah",
        satuan="sekolah; orang",
        tags=("smp", "murid", "guru"),
    ),
    Spec(
        title="Jumlah Guru menurut Jenjang dan Status Kepegawaian",
        org="disdik",
        topic="Pendidikan",
        level="kota",
        description="Jumlah guru TK, SD dan SMP menurut status kepegawaian.",
        table=by_category(
            "Jenjang",
            (("TK", 0.0008), ("SD", 0.0045), ("SMP", 0.0028)),
            (
                Measure("PNS", per_capita=0.45, growth=-0.04),
                Measure("PPPK", per_capita=0.2, growth=0.25),
                Measure("Non-ASN", per_capita=0.35, growth=-0.1),
            ),
        ),
        layout=Layout.XLSX,
        end="diajukan",
        konsep="Guru",
        definisi="Pendidik profesional dengan tugas utama mendidik, mengajar dan membimbing "
        "peserta didik.",
        ukuran="Jumlah",
        satuan="orang",
        klasifikasi="Status: PNS, PPPK, non-ASN",
        tags=("guru", "asn", "pppk"),
    ),
    Spec(
        title="Angka Partisipasi Murni SD dan SMP per Kecamatan",
        org="disdik",
        topic="Pendidikan",
        years=(2023, 2024),
        description="Angka partisipasi murni jenjang SD dan SMP per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("APM SD (%)", mean=97.5, spread=0.02, decimals=2, upper=100.0),
                Measure("APM SMP (%)", mean=81.0, spread=0.05, decimals=2, upper=100.0),
            ),
        ),
        end="dikembalikan",
        failed_check="metadata",
        note="Definisi APM pada metadata belum mencantumkan rumus dan sumber data penduduk usia "
        "sekolah; mohon dilengkapi sesuai standar BPS.",
        konsep="Angka partisipasi murni",
        definisi="Proporsi penduduk kelompok usia sekolah yang bersekolah tepat pada jenjang "
        "untuk usianya.",
        ukuran="Persentase",
        satuan="persen",
        tags=("apm", "partisipasi sekolah"),
    ),
)

SOSIAL = (
    Spec(
        title="Rekap Penerima Bantuan Sosial per Kelurahan",
        org="dinsos",
        topic="Sosial",
        level="kelurahan",
        years=(2023, 2024),
        access="terbatas",
        description="Jumlah keluarga penerima PKH dan BPNT serta penerima PBI JK per kelurahan. "
        "Hanya rekap; data by name by address tidak dibagikan.",
        table=by_area(
            "kelurahan",
            (
                Measure("PKH", per_capita=0.0085, spread=0.15, group="Keluarga Penerima Manfaat"),
                Measure("BPNT", per_capita=0.016, spread=0.15, group="Keluarga Penerima Manfaat"),
                Measure("Penerima PBI JK (jiwa)", per_capita=0.1, spread=0.1),
            ),
        ),
        layout=Layout.XLSX,
        konsep="Bantuan sosial",
        definisi="Keluarga penerima manfaat adalah keluarga yang ditetapkan sebagai penerima "
        "bantuan sosial berdasarkan DTKS.",
        ukuran="Jumlah",
        satuan="keluarga; jiwa",
        tags=("bansos", "pkh", "bpnt", "dtks"),
    ),
    Spec(
        title="Jumlah Penyandang Disabilitas menurut Jenis per Kecamatan",
        org="dinsos",
        topic="Sosial",
        description="Jumlah penyandang disabilitas terdata menurut ragam disabilitas.",
        table=by_area_and_category(
            "Ragam Disabilitas",
            (
                ("Fisik", 0.0011),
                ("Intelektual", 0.0004),
                ("Mental", 0.0003),
                ("Sensorik Netra", 0.0004),
                ("Sensorik Rungu", 0.0003),
                ("Sensorik Wicara", 0.0002),
                ("Ganda", 0.0002),
            ),
            (Measure("Jumlah", per_capita=1.0, growth=0.02, spread=0.2),),
        ),
        konsep="Penyandang disabilitas",
        definisi="Setiap orang yang mengalami keterbatasan fisik, intelektual, mental dan/atau "
        "sensorik dalam jangka waktu lama.",
        ukuran="Jumlah",
        satuan="orang",
        klasifikasi="Ragam disabilitas (UU 8/2016)",
        tags=("disabilitas", "inklusi"),
    ),
    Spec(
        title="Rekapitulasi Data Terpadu Kesejahteraan Sosial per Kecamatan",
        org="dinsos",
        topic="Sosial",
        years=(2024, 2025),
        access="terbatas",
        description="Jumlah keluarga dan jiwa yang tercatat dalam DTKS per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Keluarga DTKS", per_capita=0.045, spread=0.1),
                Measure("Jiwa DTKS", per_capita=0.16, spread=0.1),
            ),
        ),
        prioritas=(2025,),
        end="menunggu_pembina",
        konsep="Data Terpadu Kesejahteraan Sosial",
        definisi="Data induk yang berisi data pemerlu pelayanan kesejahteraan sosial, penerima "
        "bantuan dan potensi sumber kesejahteraan sosial.",
        ukuran="Jumlah",
        satuan="keluarga; jiwa",
        tags=("dtks", "kemiskinan", "data prioritas"),
    ),
)

SPECS = KEPENDUDUKAN + KESEHATAN + PENDIDIKAN + SOSIAL
