"""Shared by the helpdesk tests: the cast and tickets made at frozen times."""

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from satudata.apps.demo.clock import frozen_at
from satudata.apps.helpdesk import actions
from satudata.apps.helpdesk.files import Incoming
from satudata.apps.helpdesk.models import Ticket

WIB = ZoneInfo("Asia/Jakarta")


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment in December 2026 (the 7th is a Monday), Jakarta time."""
    return datetime(2026, 12, day, hour, minute, tzinfo=WIB)


def open_ticket(user: Any, when: datetime | None = None, **extra: Any) -> Ticket:
    data = {
        "category": "unggah",
        "subject": "Unggahan ditolak: kolom kode_wilayah",
        "description": "Berkas XLSX kami selalu ditolak pada kolom kode_wilayah.",
    } | extra
    with frozen_at(when or at(7)):
        return actions.check_open_ticket(user=user, **data)


def reply(user: Any, ticket: Ticket, when: datetime, body: str = "Sudah kami cek.", **extra):
    with frozen_at(when):
        return actions.check_reply(user=user, ticket=ticket, body=body, **extra)


def a_file(tmp_path: Path, name: str = "bukti.pdf", content: bytes = b"%PDF-1.4 isi") -> Incoming:
    path = tmp_path / name
    path.write_bytes(content)
    return Incoming(path, name)


def submit_request(**extra: Any) -> Any:
    from satudata.apps.helpdesk.request_actions import do_submit_request

    data = {
        "name": "Siti Nurhaliza Putri",
        "email": "siti.pemohon@contoh.id",
        "institution": "Universitas Contoh",
        "title": "Jumlah posyandu aktif per kelurahan",
        "description": "Jumlah posyandu aktif per kelurahan, 2020–2025, dalam CSV.",
        "purpose": "Skripsi tentang layanan kesehatan ibu dan anak.",
        "wilayah": "Kecamatan Cipondoh",
        "period": "2020–2025",
    } | extra
    return do_submit_request(**data)
