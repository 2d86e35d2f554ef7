import re

import pytest

from satudata.engines.text.mask import author_hash, mask

KEY = b"test-key"


@pytest.mark.parametrize(
    "phone", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "081234567890"]
)
def test_phones_of_one_number_get_one_token(phone: str) -> None:
    done = mask(f"hubungi {phone} ya", KEY)
    assert done.counts == {"telepon": 1}
    assert done.text == mask("hubungi 081234567890 ya", KEY).text
    assert re.fullmatch(r"hubungi \[telepon:[0-9a-f]{10}\] ya", done.text)


@pytest.mark.parametrize("nik", ["3671011234560001", "3671 0112 3456 0001", "3671.0112.3456.0001"])
def test_nik_in_groups(nik: str) -> None:
    done = mask(f"NIK {nik}.", KEY)
    assert done.counts == {"nik": 1}
    assert done.text == mask("NIK 3671011234560001.", KEY).text


def test_email_and_handles() -> None:
    done = mask("kirim ke Budi.S@gmail.com atau @budi_s", KEY)
    assert done.counts == {"email": 1, "pengguna": 1}
    assert "@" not in done.text.replace("@pengguna_", "")
    assert re.search(r"\[email:[0-9a-f]{10}\] atau @pengguna_[0-9a-f]{10}$", done.text)


@pytest.mark.parametrize(
    "text",
    [
        "tahun 2024, tanggal 12-03-2024 jam 08.30",
        "harga Rp 15.000 atau Rp 1.500.000",
        "nomor rumah 12345 dan kode pos 15111",
        "kode wilayah 36.71.01 dan 36.71.01.1001",
        "rt 003/rw 005, 2023-2024",
        "0812345678901234",
    ],
)
def test_numbers_that_are_not_identifiers_stay(text: str) -> None:
    assert mask(text, KEY) == mask(text, KEY).__class__(text, {})


def test_tokens_depend_on_the_key() -> None:
    assert mask("0812345678901", KEY).text != mask("0812345678901", b"other").text
    assert author_hash("@Budi", KEY) == author_hash("budi ", KEY)
    assert author_hash("budi", KEY) != author_hash("budi", b"other")
    assert len(author_hash("budi", KEY)) == 16
