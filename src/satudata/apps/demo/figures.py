"""Plausible, generated figures for Kota Tangerang (data contoh), from seeded random numbers.

Every figure is made up. Counts per kecamatan or kelurahan follow one population model (about
1.9 million residents in 2024), so that bigger areas have more schools, visits and waste; a
table is the same every time it is generated for the same dataset and year."""

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

BASE_YEAR = 2022
POPULATION_BASE_YEAR = 1_870_000
POPULATION_GROWTH = 0.012
MALE_SHARE = 0.506
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WET_SEASON = (1.6, 1.5, 1.3, 1.0, 0.8, 0.6, 0.5, 0.5, 0.6, 0.9, 1.2, 1.5)


@dataclass(frozen=True)
class Place:
    kode: str
    nama: str
    kecamatan_kode: str
    kecamatan_nama: str


@dataclass(frozen=True)
class Places:
    """The 13 kecamatan and 104 kelurahan, each with its share of the city's population."""

    kecamatan: tuple[Place, ...]
    kelurahan: tuple[Place, ...]
    share: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, kecamatan: Sequence[Place], kelurahan: Sequence[Place]) -> "Places":
        rng = random.Random("kota-tangerang-penduduk")
        raw = {p.kode: rng.lognormvariate(0, 0.45) for p in kelurahan}
        total = sum(raw.values())
        share = {kode: value / total for kode, value in raw.items()}
        for kec in kecamatan:
            share[kec.kode] = sum(v for k, v in share.items() if k.startswith(kec.kode + "."))
        return cls(tuple(kecamatan), tuple(kelurahan), share)

    def level(self, name: str) -> tuple[Place, ...]:
        return self.kelurahan if name == "kelurahan" else self.kecamatan


def population(year: int) -> float:
    return POPULATION_BASE_YEAR * (1 + POPULATION_GROWTH) ** (year - BASE_YEAR)


@dataclass(frozen=True)
class Header:
    """A column header; `group` is the merged cell above it in a two-row header."""

    title: str
    group: str = ""


@dataclass
class Table:
    headers: list[Header]
    rows: list[list[object]]


@dataclass(frozen=True)
class Measure:
    """A generated figure: per resident of the row's area (`per_capita`), or around `mean`.

    `growth` is the change per year; `spread` the relative noise; `decimals` 0 gives counts."""

    title: str
    per_capita: float = 0.0
    mean: float = 0.0
    spread: float = 0.08
    growth: float = 0.0
    decimals: int = 0
    group: str = ""
    upper: float | None = None

    def value(self, rng: random.Random, residents: float, year: int, factor: float = 1.0) -> float:
        base = self.per_capita * residents if self.per_capita else self.mean
        value = base * factor * (1 + self.growth) ** (year - BASE_YEAR)
        value *= 1 + rng.uniform(-self.spread, self.spread)
        if self.upper is not None:
            value = min(value, self.upper)
        if self.decimals == 0:
            return max(0, round(value))
        return round(max(value, 0.0), self.decimals)


Generator = Callable[[Places, int, str], Table]


def _rng(seed: str, year: int) -> random.Random:
    return random.Random(f"{seed}:{year}")


def _measure_headers(measures: Sequence[Measure]) -> list[Header]:
    return [Header(m.title, m.group) for m in measures]


def by_area(level: str, measures: Sequence[Measure], *, year_column: bool = True) -> Generator:
    """One row per kecamatan or kelurahan: kode wilayah, names, the measures."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed, year)
        headers = [Header("Tahun")] if year_column else []
        headers += [Header("Kode Wilayah"), Header("Kecamatan")]
        if level == "kelurahan":
            headers.append(Header("Kelurahan"))
        rows = []
        for place in places.level(level):
            residents = population(year) * places.share[place.kode]
            names = [place.kecamatan_nama] + ([place.nama] if level == "kelurahan" else [])
            values = [m.value(rng, residents, year) for m in measures]
            rows.append(([year] if year_column else []) + [place.kode, *names, *values])
        return Table(headers + _measure_headers(measures), rows)

    return generate


def by_month(measures: Sequence[Measure], *, seasonal: Sequence[float] = ()) -> Generator:
    """Twelve rows, one per month of the year; `seasonal` scales each month."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed, year)
        residents = population(year)
        rows = []
        for month, name in enumerate(MONTHS):
            factor = seasonal[month] if seasonal else 1.0
            values = [m.value(rng, residents / 12, year, factor) for m in measures]
            rows.append([year, name, *values])
        return Table([Header("Tahun"), Header("Bulan"), *_measure_headers(measures)], rows)

    return generate


def by_category(
    title: str, categories: Sequence[tuple[str, float]], measures: Sequence[Measure]
) -> Generator:
    """One row per category of the city (e.g. jenis pajak); the category's weight scales it."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed, year)
        residents = population(year)
        rows = [
            [year, name, *(m.value(rng, residents, year, weight) for m in measures)]
            for name, weight in categories
        ]
        return Table([Header("Tahun"), Header(title), *_measure_headers(measures)], rows)

    return generate


def by_area_and_category(
    title: str, categories: Sequence[tuple[str, float]], measures: Sequence[Measure]
) -> Generator:
    """Long format: one row per kecamatan and category."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed, year)
        rows = []
        for place in places.kecamatan:
            residents = population(year) * places.share[place.kode]
            for name, weight in categories:
                values = [m.value(rng, residents, year, weight) for m in measures]
                rows.append([year, place.kode, place.nama, name, *values])
        headers = [Header("Tahun"), Header("Kode Wilayah"), Header("Kecamatan"), Header(title)]
        return Table(headers + _measure_headers(measures), rows)

    return generate


def coverage_by_kecamatan(
    target: Measure, covered: str, rate: float, percent: str, growth: float = 0.0
) -> Generator:
    """Per kecamatan: a target group, how many of it are covered (about `rate` percent), and
    the percentage computed from both."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed, year)
        rows = []
        for place in places.kecamatan:
            residents = population(year) * places.share[place.kode]
            base = target.value(rng, residents, year)
            share = min(rate * (1 + growth) ** (year - BASE_YEAR) * rng.uniform(0.93, 1.05), 100)
            count = min(base, round(base * share / 100))
            percentage = round(100 * count / base, 2) if base else 0.0
            rows.append([year, place.kode, place.kecamatan_nama, base, count, percentage])
        headers = [
            Header("Tahun"),
            Header("Kode Wilayah"),
            Header("Kecamatan"),
            Header(target.title),
            Header(covered),
            Header(percent),
        ]
        return Table(headers, rows)

    return generate


def residents_by_sex(level: str) -> Generator:
    """Residents per area by sex, with the total (laki-laki + perempuan = jumlah)."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed, year)
        group = "Jumlah Penduduk (jiwa)"
        headers = [Header("No"), Header("Kode Wilayah"), Header("Kecamatan")]
        if level == "kelurahan":
            headers.append(Header("Kelurahan"))
        headers += [Header("Laki-laki", group), Header("Perempuan", group), Header("Jumlah", group)]
        rows = []
        for n, place in enumerate(places.level(level), start=1):
            total = round(population(year) * places.share[place.kode] * rng.uniform(0.99, 1.01))
            male = round(total * rng.uniform(MALE_SHARE - 0.01, MALE_SHARE + 0.01))
            names = [place.kecamatan_nama] + ([place.nama] if level == "kelurahan" else [])
            rows.append([n, place.kode, *names, male, total - male, total])
        return Table(headers, rows)

    return generate


def series(title: str, start: int, first: float, growth: float) -> Generator:
    """A yearly series from `start` to the version's year (e.g. upah minimum kota)."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = random.Random(seed)
        rows, value = [], first
        for y in range(start, year + 1):
            rows.append([y, int(round(value, -3))])
            value *= 1 + growth + rng.uniform(-0.02, 0.02)
        return Table([Header("Tahun"), Header(title)], rows)

    return generate


def synthetic_nik(rng: random.Random, kecamatan: str) -> str:
    """A 16-digit number shaped like a NIK that cannot be a real one: province code 99 does not
    exist."""
    day = rng.randint(1, 28) + rng.choice((0, 40))
    return f"9971{kecamatan[-2:]}{day:02d}{rng.randint(1, 12):02d}{rng.randint(60, 99):02d}" + (
        f"{rng.randint(1, 9999):04d}"
    )


ONGOING = "Masih Berobat"
OUTCOMES = ("Sembuh", "Pengobatan Lengkap", ONGOING, "Putus Berobat")
FINAL_OUTCOMES = ("Sembuh", "Pengobatan Lengkap", "Putus Berobat")


def _registered(places: Places, year: int, seed: str, per_100k: float) -> list[list[object]]:
    """The made-up patients registered in `year`, with the outcome at the end of that year."""
    rng = _rng(seed, year)
    rows: list[list[object]] = []
    for place in places.kelurahan[::3]:
        residents = population(year) * places.share[place.kode] * 3
        for _n in range(max(1, round(residents * per_100k / 100_000 * rng.uniform(0.7, 1.3)))):
            rows.append(
                [
                    year,
                    f"Puskesmas {place.nama}",
                    place.kecamatan_kode,
                    synthetic_nik(rng, place.kecamatan_kode),
                    f"Pasien Contoh {year % 100:02d}-{len(rows) + 1:04d}",
                    rng.choice(("L", "P")),
                    rng.randint(15, 78),
                    rng.choice(("Baru", "Baru", "Baru", "Kambuh")),
                    rng.choice(OUTCOMES),
                ]
            )
    return rows


def tb_patients(per_100k: float) -> Generator:
    """Made-up TB patients per puskesmas with made-up NIK-shaped numbers (never real people):
    the year's new patients, and last year's patients still on treatment with their outcome."""

    def generate(places: Places, year: int, seed: str) -> Table:
        rng = _rng(seed + ":lanjutan", year)
        continuing = [
            [year, *row[1:-1], rng.choice(FINAL_OUTCOMES)]
            for row in _registered(places, year - 1, seed, per_100k)
            if row[-1] == ONGOING
        ]
        headers = [
            Header("Tahun"),
            Header("Puskesmas"),
            Header("Kode Wilayah"),
            Header("NIK Sintetis (bukan data nyata)"),
            Header("Nama Pasien (contoh)"),
            Header("Jenis Kelamin"),
            Header("Umur"),
            Header("Tipe Pasien"),
            Header("Hasil Pengobatan"),
        ]
        return Table(headers, continuing + _registered(places, year, seed, per_100k))

    return generate
