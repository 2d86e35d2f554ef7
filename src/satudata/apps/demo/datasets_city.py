"""Demo datasets about the city: infrastructure, transport, environment, disasters, economy,
labour, order and government."""

from satudata.apps.demo.figures import (
    WET_SEASON,
    Measure,
    by_area,
    by_area_and_category,
    by_category,
    by_month,
    series,
)
from satudata.apps.demo.sheets import Layout
from satudata.apps.demo.specs import ROLLBACK, Spec

HOLIDAYS = (0.9, 0.8, 0.9, 1.3, 1.0, 1.2, 1.3, 1.0, 0.8, 0.9, 0.9, 1.4)

INFRASTRUKTUR = (
    Spec(
        title="Panjang Jalan Kota menurut Kondisi per Kecamatan",
        org="pupr",
        topic="Pekerjaan Umum",
        description="Panjang jalan kewenangan kota menurut kondisi permukaan hasil survei "
        "kondisi jalan tahunan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Baik", per_capita=0.00028, decimals=2, group="Kondisi Jalan (km)"),
                Measure(
                    "Sedang", per_capita=0.00008, decimals=2, spread=0.2, group="Kondisi Jalan (km)"
                ),
                Measure(
                    "Rusak Ringan",
                    per_capita=0.00003,
                    decimals=2,
                    spread=0.3,
                    group="Kondisi Jalan (km)",
                ),
                Measure(
                    "Rusak Berat",
                    per_capita=0.00001,
                    decimals=2,
                    spread=0.4,
                    growth=-0.2,
                    group="Kondisi Jalan (km)",
                ),
            ),
            year_column=False,
        ),
        layout=Layout.REPORT,
        prioritas=(2024,),
        konsep="Kondisi jalan",
        definisi="Kondisi jalan dinilai dari Surface Distress Index hasil survei visual per "
        "ruas jalan kota.",
        ukuran="Panjang",
        satuan="km",
        klasifikasi="Baik, sedang, rusak ringan, rusak berat",
        tags=("jalan", "infrastruktur", "kondisi jalan"),
    ),
    Spec(
        title="Panjang dan Kondisi Saluran Drainase per Kecamatan",
        org="pupr",
        topic="Pekerjaan Umum",
        years=(2024,),
        description="Panjang saluran drainase kota dan yang berfungsi baik per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Panjang Saluran (km)", per_capita=0.0004, decimals=2),
                Measure("Berfungsi Baik (km)", per_capita=0.00032, decimals=2),
            ),
        ),
        end="draft",
        konsep="Saluran drainase",
        definisi="Saluran terbuka atau tertutup untuk mengalirkan air hujan ke badan air.",
        ukuran="Panjang",
        satuan="km",
        tags=("drainase", "banjir", "infrastruktur"),
    ),
    Spec(
        title="Jumlah Rumah Tidak Layak Huni per Kelurahan",
        org="perkim",
        topic="Perumahan dan Permukiman",
        level="kelurahan",
        description="Rumah tidak layak huni yang terdata dan yang telah diperbaiki melalui "
        "program bedah rumah.",
        table=by_area(
            "kelurahan",
            (
                Measure("RTLH Terdata", per_capita=0.0022, growth=-0.08, spread=0.25),
                Measure("RTLH Diperbaiki", per_capita=0.0004, spread=0.3),
            ),
        ),
        konsep="Rumah tidak layak huni",
        definisi="Rumah yang tidak memenuhi persyaratan keselamatan bangunan, kecukupan luas "
        "minimum dan kesehatan penghuni.",
        ukuran="Jumlah",
        satuan="unit",
        tags=("rtlh", "bedah rumah", "perumahan"),
    ),
    Spec(
        title="Jumlah Lampu Penerangan Jalan Umum per Kecamatan",
        org="perkim",
        topic="Perumahan dan Permukiman",
        years=(2023, 2024),
        description="Jumlah titik lampu PJU, termasuk PJU tenaga surya, per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Lampu PJU", per_capita=0.014, growth=0.03),
                Measure("PJU Tenaga Surya", per_capita=0.001, growth=0.3, spread=0.2),
            ),
        ),
        end="draft",
        konsep="Penerangan jalan umum",
        definisi="Lampu yang dipasang untuk menerangi jalan umum dan dikelola pemerintah kota.",
        ukuran="Jumlah",
        satuan="titik",
        tags=("pju", "penerangan jalan"),
    ),
    Spec(
        title="Jumlah Pelanggan Air Minum per Kecamatan",
        org="tirta-benteng",
        topic="Perumahan dan Permukiman",
        description="Jumlah sambungan pelanggan air minum Perumda Tirta Benteng per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Sambungan Rumah Tangga", per_capita=0.045, growth=0.05),
                Measure("Sambungan Niaga", per_capita=0.003, growth=0.03),
            ),
        ),
        konsep="Pelanggan air minum",
        definisi="Pemilik sambungan air minum perpipaan yang terdaftar dan aktif.",
        ukuran="Jumlah",
        satuan="sambungan",
        tags=("air minum", "bumd", "spam"),
    ),
)

PERHUBUNGAN = (
    Spec(
        title="Jumlah Penumpang Bus Tayo per Bulan",
        org="dishub",
        topic="Perhubungan",
        level="kota",
        years=(2023, 2024, 2025),
        description="Jumlah penumpang angkutan massal Bus Tayo (Tangerang Ayo) per koridor dan "
        "bulan.",
        table=by_month(
            (
                Measure("Koridor 1", per_capita=0.12, growth=0.08),
                Measure("Koridor 2", per_capita=0.09, growth=0.08),
                Measure("Koridor 3", per_capita=0.07, growth=0.1),
                Measure("Koridor 4", per_capita=0.05, growth=0.12),
            )
        ),
        layout=Layout.CSV_ID,
        konsep="Penumpang angkutan umum",
        definisi="Setiap orang yang naik bus dan tercatat oleh sistem tiket elektronik.",
        ukuran="Jumlah",
        satuan="penumpang",
        tags=("bus tayo", "angkutan umum", "transportasi"),
    ),
    Spec(
        title="Jumlah Kendaraan Wajib Uji Berkala per Bulan",
        org="dishub",
        topic="Perhubungan",
        level="kota",
        years=(2023, 2024),
        description="Jumlah kendaraan yang diuji berkala (uji KIR) dan yang lulus per bulan.",
        table=by_month(
            (
                Measure("Kendaraan Diuji", per_capita=0.018),
                Measure("Lulus Uji", per_capita=0.0172),
            )
        ),
        end="dikembalikan",
        note="Bulan Maret: kendaraan lulus uji lebih banyak dari yang diuji. Mohon dicek "
        "ulang dengan rekap aplikasi pengujian.",
        konsep="Pengujian berkala kendaraan bermotor",
        definisi="Pengujian kendaraan bermotor yang dilakukan secara berkala terhadap mobil "
        "barang dan angkutan umum.",
        ukuran="Jumlah",
        satuan="kendaraan",
        tags=("uji kir", "kendaraan"),
    ),
    Spec(
        title="Jumlah Simpang Bersinyal per Kecamatan",
        org="dishub",
        topic="Perhubungan",
        years=(2024,),
        description="Jumlah persimpangan yang dilengkapi alat pemberi isyarat lalu lintas.",
        table=by_area("kecamatan", (Measure("Simpang Bersinyal", per_capita=0.00006, spread=0.3),)),
        konsep="Alat pemberi isyarat lalu lintas",
        definisi="Persimpangan jalan yang diatur dengan lampu lalu lintas (APILL).",
        ukuran="Jumlah",
        satuan="simpang",
        tags=("apill", "lalu lintas"),
    ),
)

LINGKUNGAN = (
    Spec(
        title="Volume Sampah Terangkut ke TPA Rawa Kucing per Bulan",
        org="dlh",
        topic="Lingkungan Hidup",
        level="kota",
        description="Tonase sampah yang diangkut ke TPA Rawa Kucing dan yang dikelola bank "
        "sampah per bulan.",
        table=by_month(
            (
                Measure("Sampah Terangkut (ton)", per_capita=0.22, decimals=1, spread=0.05),
                Measure("Dikelola Bank Sampah (ton)", per_capita=0.004, decimals=1, growth=0.2),
            )
        ),
        layout=Layout.CSV_ID,
        prioritas=(2024,),
        konsep="Timbulan sampah terangkut",
        definisi="Berat sampah yang ditimbang di jembatan timbang TPA.",
        ukuran="Berat",
        satuan="ton",
        tags=("sampah", "tpa", "bank sampah"),
    ),
    Spec(
        title="Jumlah Bank Sampah Aktif per Kecamatan",
        org="dlh",
        topic="Lingkungan Hidup",
        years=(2023, 2024),
        description="Jumlah bank sampah yang aktif dan nasabahnya per kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Bank Sampah Aktif", per_capita=0.0002, growth=0.1, spread=0.2),
                Measure("Nasabah", per_capita=0.012, growth=0.12, spread=0.2),
            ),
        ),
        end="dikembalikan",
        failed_check="kode_referensi",
        note="Baris Kecamatan Benda dan Batuceper tertukar; periksa kembali kode wilayahnya.",
        konsep="Bank sampah",
        definisi="Fasilitas pengelolaan sampah dengan prinsip 3R berbasis masyarakat.",
        ukuran="Jumlah",
        satuan="unit; orang",
        tags=("bank sampah", "3r"),
    ),
    Spec(
        title="Kejadian Bencana menurut Jenis per Kecamatan",
        org="bpbd",
        topic="Kebencanaan",
        description="Jumlah kejadian bencana dan warga terdampak menurut jenis bencana.",
        table=by_area_and_category(
            "Jenis Bencana",
            (
                ("Banjir", 0.00002),
                ("Genangan", 0.00004),
                ("Angin Puting Beliung", 0.000006),
                ("Kebakaran Bangunan", 0.00002),
                ("Pohon Tumbang", 0.00003),
            ),
            (
                Measure("Jumlah Kejadian", per_capita=1.0, spread=0.4),
                Measure("Warga Terdampak", per_capita=12.0, spread=0.5),
            ),
        ),
        konsep="Kejadian bencana",
        definisi="Peristiwa yang mengancam dan mengganggu kehidupan masyarakat yang ditangani "
        "atau dicatat BPBD.",
        ukuran="Jumlah",
        satuan="kejadian; jiwa",
        tags=("bencana", "banjir", "kebakaran"),
    ),
    Spec(
        title="Titik Rawan Banjir dan Genangan per Kelurahan",
        org="bpbd",
        topic="Kebencanaan",
        level="kelurahan",
        years=(2023, 2024),
        description="Jumlah titik rawan genangan dan luas genangan maksimum per kelurahan pada "
        "musim hujan.",
        table=by_area(
            "kelurahan",
            (
                Measure("Titik Rawan Genangan", per_capita=0.00012, spread=0.6),
                Measure("Luas Genangan Maksimum (ha)", per_capita=0.0006, decimals=1, spread=0.6),
            ),
        ),
        konsep="Titik rawan genangan",
        definisi="Lokasi yang tergenang lebih dari 10 cm selama lebih dari 2 jam setelah hujan.",
        ukuran="Jumlah; luas",
        satuan="titik; hektare",
        tags=("banjir", "genangan", "drainase"),
    ),
    Spec(
        title="Curah Hujan dan Hari Hujan per Bulan",
        org="bpbd",
        topic="Kebencanaan",
        level="kota",
        years=(2022, 2023, 2024, 2025),
        description="Curah hujan bulanan dan jumlah hari hujan dari pos pengamatan di Kota "
        "Tangerang.",
        table=by_month(
            (
                Measure("Curah Hujan (mm)", mean=165.0, decimals=1, spread=0.35),
                Measure("Hari Hujan", mean=15.0, spread=0.25, upper=28),
            ),
            seasonal=WET_SEASON,
        ),
        konsep="Curah hujan",
        definisi="Tinggi air hujan yang terkumpul dalam penakar hujan pada permukaan datar.",
        ukuran="Tinggi; jumlah",
        satuan="mm; hari",
        tags=("curah hujan", "iklim", "cuaca"),
    ),
)

EKONOMI = (
    Spec(
        title="Jumlah Pencari Kerja Terdaftar menurut Pendidikan",
        org="disnaker",
        topic="Tenaga Kerja",
        level="kota",
        description="Pencari kerja yang mendaftar (kartu AK/I) menurut pendidikan terakhir dan "
        "jenis kelamin.",
        table=by_category(
            "Pendidikan Terakhir",
            (
                ("SD", 0.1),
                ("SMP", 0.15),
                ("SMA/SMK", 0.5),
                ("Diploma", 0.08),
                ("Sarjana", 0.17),
            ),
            (
                Measure("Laki-laki", per_capita=0.004, spread=0.1),
                Measure("Perempuan", per_capita=0.0035, spread=0.1),
            ),
        ),
        layout=Layout.XLSX,
        konsep="Pencari kerja",
        definisi="Angkatan kerja yang sedang menganggur dan mencari pekerjaan serta terdaftar di "
        "dinas tenaga kerja.",
        ukuran="Jumlah",
        satuan="orang",
        tags=("pencari kerja", "ak/i", "pengangguran"),
    ),
    Spec(
        title="Upah Minimum Kota Tangerang",
        org="disnaker",
        topic="Tenaga Kerja",
        level="kota",
        years=(2023, 2024, 2025),
        description="Upah minimum kota yang ditetapkan Gubernur Banten, 2019 sampai tahun data.",
        table=series("Upah Minimum Kota (Rp)", 2019, 4_199_000.0, 0.045),
        konsep="Upah minimum kota",
        definisi="Upah bulanan terendah berupa upah pokok termasuk tunjangan tetap yang "
        "ditetapkan gubernur untuk kota.",
        ukuran="Nilai",
        satuan="rupiah per bulan",
        tags=("umk", "upah", "ketenagakerjaan"),
    ),
    Spec(
        title="Jumlah Koperasi Aktif dan UMKM Binaan per Kecamatan",
        org="dinkopukm",
        topic="Ekonomi",
        description="Jumlah koperasi aktif dan usaha mikro, kecil dan menengah binaan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Koperasi Aktif", per_capita=0.00025, spread=0.2),
                Measure("UMKM Binaan", per_capita=0.009, growth=0.1, spread=0.15),
            ),
        ),
        konsep="Koperasi aktif; UMKM binaan",
        definisi="Koperasi aktif adalah koperasi yang menyelenggarakan rapat anggota tahunan "
        "dalam tiga tahun terakhir.",
        ukuran="Jumlah",
        satuan="unit",
        tags=("koperasi", "umkm"),
    ),
    Spec(
        title="Jumlah Kunjungan Wisatawan per Bulan",
        org="disbudpar",
        topic="Ekonomi",
        level="kota",
        years=(2023, 2024),
        description="Jumlah kunjungan wisatawan nusantara dan mancanegara ke daya tarik wisata "
        "dan hotel.",
        table=by_month(
            (
                Measure("Wisatawan Nusantara", per_capita=1.1, growth=0.07),
                Measure("Wisatawan Mancanegara", per_capita=0.02, growth=0.1, spread=0.15),
            ),
            seasonal=HOLIDAYS,
        ),
        konsep="Kunjungan wisatawan",
        definisi="Kunjungan seseorang ke daya tarik wisata atau akomodasi di luar lingkungan "
        "tempat tinggalnya.",
        ukuran="Jumlah",
        satuan="kunjungan",
        tags=("pariwisata", "wisatawan"),
    ),
    Spec(
        title="Harga Rata-rata Bahan Pangan Pokok per Bulan",
        org="dkp",
        topic="Ekonomi",
        level="kota",
        years=(2023, 2024, 2025),
        frekuensi="bulanan",
        description="Harga eceran rata-rata bahan pangan pokok di pasar tradisional.",
        table=by_month(
            (
                Measure("Beras Medium (Rp/kg)", mean=12_500.0, growth=0.05, spread=0.03),
                Measure("Gula Pasir (Rp/kg)", mean=16_000.0, growth=0.04, spread=0.03),
                Measure("Minyak Goreng (Rp/liter)", mean=17_000.0, spread=0.05),
                Measure("Cabai Merah Keriting (Rp/kg)", mean=45_000.0, spread=0.3),
                Measure("Bawang Merah (Rp/kg)", mean=35_000.0, spread=0.2),
                Measure("Telur Ayam Ras (Rp/kg)", mean=27_000.0, spread=0.06),
            )
        ),
        konsep="Harga eceran pangan",
        definisi="Rata-rata harga eceran hasil pemantauan mingguan di pasar tradisional.",
        ukuran="Harga",
        satuan="rupiah",
        tags=("harga pangan", "inflasi", "pasar"),
    ),
)

PEMERINTAHAN = (
    Spec(
        title="Capaian Indikator Kinerja Utama Kota Tangerang",
        org="bappeda",
        topic="Pemerintahan",
        level="kota",
        description="Target dan realisasi indikator kinerja utama RPJMD.",
        table=by_category(
            "Indikator",
            (
                ("Indeks Pembangunan Manusia", 78.5),
                ("Laju Pertumbuhan Ekonomi (%)", 5.3),
                ("Tingkat Pengangguran Terbuka (%)", 6.9),
                ("Persentase Penduduk Miskin (%)", 4.9),
                ("Indeks Kepuasan Masyarakat", 82.0),
                ("Indeks Reformasi Birokrasi", 71.0),
            ),
            (
                Measure("Target", mean=1.0, decimals=2, spread=0.01),
                Measure("Realisasi", mean=1.0, decimals=2, spread=0.04),
            ),
        ),
        layout=Layout.XLSX,
        konsep="Indikator kinerja utama",
        definisi="Ukuran keberhasilan tujuan dan sasaran strategis pemerintah daerah.",
        ukuran="Nilai",
        satuan="sesuai indikator",
        tags=("iku", "rpjmd", "kinerja"),
    ),
    Spec(
        title="Realisasi Belanja Daerah menurut Urusan",
        org="bappeda",
        topic="Pemerintahan",
        level="kota",
        description="Anggaran dan realisasi belanja daerah menurut urusan pemerintahan.",
        table=by_category(
            "Urusan",
            (
                ("Pendidikan", 1.0),
                ("Kesehatan", 0.85),
                ("Pekerjaan Umum dan Penataan Ruang", 0.6),
                ("Perumahan dan Kawasan Permukiman", 0.2),
                ("Sosial", 0.1),
                ("Perhubungan", 0.12),
                ("Lingkungan Hidup", 0.18),
                ("Ketenteraman dan Ketertiban Umum", 0.08),
            ),
            (
                Measure("Anggaran (Rp juta)", mean=1_250_000.0, spread=0.03, growth=0.05),
                Measure("Realisasi (Rp juta)", mean=1_150_000.0, spread=0.03, growth=0.05),
            ),
        ),
        end=ROLLBACK,
        konsep="Belanja daerah",
        definisi="Kewajiban pemerintah daerah yang diakui sebagai pengurang nilai kekayaan bersih.",
        ukuran="Nilai",
        satuan="juta rupiah",
        tags=("apbd", "belanja", "anggaran"),
    ),
    Spec(
        title="Jumlah Titik Wi-Fi Publik per Kecamatan",
        org="diskominfo",
        topic="Komunikasi dan Informatika",
        description="Jumlah titik akses internet gratis milik pemerintah kota per kecamatan.",
        table=by_area(
            "kecamatan",
            (Measure("Titik Wi-Fi Publik", per_capita=0.0005, growth=0.15, spread=0.2),),
        ),
        konsep="Wi-Fi publik",
        definisi="Titik akses internet nirkabel gratis yang disediakan pemerintah kota.",
        ukuran="Jumlah",
        satuan="titik",
        tags=("wifi", "internet", "smart city"),
    ),
    Spec(
        title="Jumlah Aduan Masyarakat per Kanal dan Bulan",
        org="diskominfo",
        topic="Komunikasi dan Informatika",
        level="kota",
        years=(2023, 2024, 2025),
        description="Jumlah aduan masyarakat yang diterima per kanal pengaduan dan bulan.",
        table=by_month(
            (
                Measure("Aplikasi Tangerang LIVE", per_capita=0.004, growth=0.1, spread=0.15),
                Measure("SP4N-LAPOR!", per_capita=0.0008, spread=0.2),
                Measure("Media Sosial", per_capita=0.002, growth=0.2, spread=0.2),
                Measure("Surat dan Tatap Muka", per_capita=0.0003, growth=-0.1, spread=0.3),
            )
        ),
        konsep="Aduan masyarakat",
        definisi="Pengaduan, aspirasi atau permintaan informasi dari masyarakat yang tercatat "
        "pada kanal resmi.",
        ukuran="Jumlah",
        satuan="aduan",
        tags=("aduan", "lapor", "layanan publik"),
    ),
    Spec(
        title="Realisasi Pajak Daerah menurut Jenis Pajak",
        org="bapenda",
        topic="Ekonomi",
        level="kota",
        description="Target dan realisasi penerimaan pajak daerah menurut jenis pajak.",
        table=by_category(
            "Jenis Pajak",
            (
                ("PBB-P2", 0.55),
                ("BPHTB", 0.5),
                ("PBJT Makanan dan Minuman", 0.35),
                ("PBJT Jasa Perhotelan", 0.06),
                ("PBJT Tenaga Listrik", 0.25),
                ("Pajak Reklame", 0.03),
                ("Pajak Air Tanah", 0.02),
                ("PBJT Jasa Parkir", 0.04),
            ),
            (
                Measure("Target (Rp juta)", mean=1_000_000.0, spread=0.02, growth=0.06),
                Measure("Realisasi (Rp juta)", mean=1_020_000.0, spread=0.04, growth=0.06),
            ),
        ),
        prioritas=(2024,),
        konsep="Pajak daerah",
        definisi="Kontribusi wajib kepada daerah yang terutang oleh orang pribadi atau badan "
        "berdasarkan undang-undang.",
        ukuran="Nilai",
        satuan="juta rupiah",
        tags=("pajak", "pad", "pendapatan"),
    ),
    Spec(
        title="Jumlah Kasus Kekerasan terhadap Perempuan dan Anak per Kecamatan",
        org="dp3a",
        topic="Pemberdayaan Perempuan dan Anak",
        access="terbatas",
        description="Jumlah korban kekerasan yang ditangani UPTD PPA menurut kecamatan.",
        table=by_area(
            "kecamatan",
            (
                Measure("Korban Perempuan Dewasa", per_capita=0.00004, spread=0.5),
                Measure("Korban Anak", per_capita=0.00007, spread=0.5),
            ),
        ),
        konsep="Korban kekerasan",
        definisi="Perempuan atau anak yang mengalami kekerasan fisik, psikis, seksual atau "
        "penelantaran dan dilayani UPTD PPA.",
        ukuran="Jumlah",
        satuan="orang",
        tags=("kekerasan", "perempuan", "anak"),
    ),
    Spec(
        title="Jumlah Penindakan Pelanggaran Peraturan Daerah",
        org="satpolpp",
        topic="Ketenteraman dan Ketertiban",
        level="kota",
        description="Jumlah penindakan pelanggaran perda menurut jenis pelanggaran.",
        table=by_category(
            "Jenis Pelanggaran",
            (
                ("Pedagang Kaki Lima", 0.0004),
                ("Bangunan Liar", 0.0001),
                ("Reklame Tanpa Izin", 0.00015),
                ("Ketertiban Umum Lainnya", 0.0002),
            ),
            (Measure("Jumlah Penindakan", per_capita=1.0, spread=0.2),),
        ),
        konsep="Penegakan perda",
        definisi="Tindakan Satpol PP terhadap pelanggaran peraturan daerah dan peraturan wali "
        "kota.",
        ukuran="Jumlah",
        satuan="kasus",
        tags=("perda", "ketertiban", "satpol pp"),
    ),
    Spec(
        title="Jumlah Fasilitas Olahraga per Kecamatan",
        org="dispora",
        topic="Kepemudaan dan Olahraga",
        years=(2024,),
        description="Jumlah fasilitas olahraga milik pemerintah dan masyarakat per kecamatan.",
        table=by_area_and_category(
            "Jenis Fasilitas",
            (
                ("Lapangan Sepak Bola", 0.00002),
                ("Lapangan Bulu Tangkis", 0.00008),
                ("Lapangan Futsal", 0.00004),
                ("Kolam Renang", 0.000004),
                ("Gelanggang Olahraga", 0.000003),
            ),
            (Measure("Jumlah", per_capita=1.0, spread=0.3),),
        ),
        end="diajukan",
        konsep="Fasilitas olahraga",
        definisi="Sarana yang digunakan untuk kegiatan olahraga masyarakat.",
        ukuran="Jumlah",
        satuan="unit",
        tags=("olahraga", "fasilitas"),
    ),
)

SPECS = INFRASTRUKTUR + PERHUBUNGAN + LINGKUNGAN + EKONOMI + PEMERINTAHAN
