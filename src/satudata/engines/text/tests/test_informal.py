import pytest

from satudata.engines.text.informal import normalise, slang


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jalannya BANGEEET rusak", "jalan banget rusak"),
        ("gak ga nggak tdk", "tidak tidak tidak tidak"),
        ("yg dgn sdh udh udah blm bgt", "yang dengan sudah sudah sudah belum banget"),
        (
            "kel. Sukasari kec. Cibodas jl. Daan Mogot",
            "kelurahan sukasari kecamatan cibodas jalan daan mogot",
        ),
        ("lihat https://t.co/x1 dan www.tangerangkota.go.id", "lihat <url> dan <url>"),
        ("@dishub_tng tolong #BanjirTangerang", "<user> tolong banjirtangerang"),
        ("kesal 😡 senang 😊 🦄", "kesal <emosi_marah> senang <emosi_senang>"),
        ("wkwkwk hahaha", "<tawa> <tawa>"),
        ("anak2 main", "anak anak main"),
        ("maaaaf", "maaf"),
        ("hub [telepon:3fa2c0d91e]", "hub <telepon>"),
        ("Rp 15.000", "rp 15000"),
        ("Café", "cafe"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_slang_table_is_large_and_clean() -> None:
    table = slang()
    assert len(table) >= 300
    assert all(informal != standard for informal, standard in table.items())
    assert table["pemkot"] == "pemerintah kota"
