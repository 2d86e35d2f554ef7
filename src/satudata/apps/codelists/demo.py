"""Demo data induk for Kota Tangerang: a register of schools (SD/SMP) by NPSN owned by the
Dinas Pendidikan and one of health facilities by kode faskes owned by the Dinas Kesehatan.
Their entries are SYNTHETIC, generated here from the real kelurahan of the city (kode wilayah
36.71.CC.1xxx of the Wilayah table): names, identifiers and addresses are made up, and each
register's description says so."""

from itertools import cycle

from satudata.apps.codelists.actions import do_create_register, do_import_register_entries
from satudata.apps.codelists.imports import EntryRow
from satudata.apps.codelists.models import Register
from satudata.apps.demo.organisations import KODE_KOTA, ensure_organisations
from satudata.apps.registry.models import Wilayah

SCHOOLS = "satuan-pendidikan-kota-tangerang"
FACILITIES = "fasilitas-kesehatan-kota-tangerang"
SYNTHETIC = (
    "DATA SINTETIS untuk portal demo: nama, identitas dan alamat dibuat oleh program dari daftar "
    "kelurahan Kota Tangerang yang sebenarnya; bukan data resmi."
)
STREETS = (
    "Jl. Melati",
    "Jl. Mawar",
    "Jl. Kenanga",
    "Jl. Flamboyan",
    "Jl. Cempaka",
    "Jl. Anggrek",
    "Jl. Dahlia",
    "Jl. Teratai",
    "Jl. Nusa Indah",
    "Jl. Kamboja",
)
PRIVATE_SCHOOLS = ("SD Islam Terpadu", "SD Kristen", "SMP Islam", "SMP Plus")


def _address(number: int, street: str, kelurahan: Wilayah) -> str:
    kecamatan = kelurahan.parent.nama if kelurahan.parent else ""
    return f"{street} No. {number}, Kel. {kelurahan.nama}, Kec. {kecamatan}, Kota Tangerang"


def _kelurahan() -> list[Wilayah]:
    return list(
        Wilayah.objects.filter(level=Wilayah.Level.DESA, kode__startswith=f"{KODE_KOTA}.")
        .select_related("parent")
        .order_by("kode")
    )


def school_rows(kelurahan: list[Wilayah]) -> list[EntryRow]:
    """SD Negeri in every kelurahan (one to three), two SMP Negeri per kecamatan (numbered across
    the city) and a private school in every fifth kelurahan; NPSN 9367xxxx (synthetic)."""
    rows: list[EntryRow] = []
    streets = cycle(STREETS)
    smp_number = 0
    seen_kecamatan: set[str] = set()

    def add(name: str, area: Wilayah, jenjang: str, status: str) -> None:
        n = len(rows) + 1
        rows.append(
            EntryRow(
                row=n,
                identifier=f"9367{n:04d}",
                name=name,
                kode_wilayah=area.kode,
                address=_address(3 + (n * 7) % 120, next(streets), area),
                attributes={"jenjang": jenjang, "status": status},
            )
        )

    for i, area in enumerate(kelurahan):
        for k in range(1, 2 + i % 3):
            add(f"SD Negeri {area.nama} {k}", area, "SD", "Negeri")
        if area.parent_id not in seen_kecamatan:
            seen_kecamatan.add(area.parent_id)
            for _ in range(2):
                smp_number += 1
                add(f"SMP Negeri {smp_number} Tangerang", area, "SMP", "Negeri")
        if i % 5 == 0:
            kind = PRIVATE_SCHOOLS[(i // 5) % len(PRIVATE_SCHOOLS)]
            add(f"{kind} {area.nama}", area, kind.split()[0], "Swasta")
    return rows


def facility_rows(kelurahan: list[Wilayah]) -> list[EntryRow]:
    """A puskesmas in every other kelurahan and a klinik pratama in every seventh; kode faskes
    3671P### / 3671K### (synthetic)."""
    rows: list[EntryRow] = []
    streets = cycle(reversed(STREETS))
    counters = {"P": 0, "K": 0}

    def add(letter: str, name: str, area: Wilayah, jenis: str) -> None:
        counters[letter] += 1
        rows.append(
            EntryRow(
                row=len(rows) + 1,
                identifier=f"{KODE_KOTA.replace('.', '')}{letter}{counters[letter]:03d}",
                name=name,
                kode_wilayah=area.kode,
                address=_address(10 + len(rows) * 3 % 90, next(streets), area),
                attributes={"jenis": jenis},
            )
        )

    for i, area in enumerate(kelurahan):
        if i % 2 == 0:
            add("P", f"Puskesmas {area.nama}", area, "Puskesmas")
        if i % 7 == 3:
            add("K", f"Klinik Pratama Sehat {area.nama}", area, "Klinik Pratama")
    return rows


def _register(slug: str, **fields: object) -> tuple[Register, bool]:
    existing = Register.objects.filter(slug=slug).first()
    if existing is not None:
        return existing, False
    return do_create_register(user=None, slug=slug, **fields), True


def load_demo() -> int:
    """Create the two demo registers and their synthetic entries once; return the number of
    entries created (0 when they are already there)."""
    organisations = ensure_organisations()
    kelurahan = _kelurahan()
    created = 0
    specs = (
        (
            SCHOOLS,
            {
                "name": "Satuan Pendidikan (SD/SMP) Kota Tangerang",
                "description": "Sekolah dasar dan sekolah menengah pertama menurut NPSN. "
                + SYNTHETIC,
                "identifier_label": "NPSN",
                "identifier_pattern": r"^\d{8}$",
                "owner": organisations["disdik"],
            },
            school_rows,
        ),
        (
            FACILITIES,
            {
                "name": "Fasilitas Kesehatan Kota Tangerang",
                "description": "Puskesmas dan klinik pratama menurut kode faskes. " + SYNTHETIC,
                "identifier_label": "Kode Faskes",
                "identifier_pattern": r"^\d{4}[A-Z]\d{3}$",
                "owner": organisations["dinkes"],
            },
            facility_rows,
        ),
    )
    for slug, fields, rows_of in specs:
        register, _new = _register(slug, **fields)
        if register.entries.exists():
            continue
        result = do_import_register_entries(
            user=None, register=register, rows=rows_of(kelurahan), source_name="demo"
        )
        created += result.created
    return created
