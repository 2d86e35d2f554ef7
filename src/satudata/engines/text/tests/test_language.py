import pytest

from satudata.engines.text.language import Language, detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jalan rusak tidak diperbaiki sama sekali", Language.INDONESIAN),
        ("dalane rusak ora didandani, wis suwe karo kowe", Language.JAVANESE),
        ("jalan na ruksak teu acan dibenerkeun atuh kumaha ieu", Language.SUNDANESE),
        ("the road is broken and nobody cares", Language.ENGLISH),
        (
            "jalan di sini rusak dan tidak ada yang peduli, the city is not doing anything",
            Language.MIXED,
        ),
        ("banjir lagi", Language.INDONESIAN),
        ("xyzq qwrt plmk", Language.OTHER),
        ("道路坏了很久", Language.OTHER),
    ],
)
def test_detect(text: str, expected: str) -> None:
    assert detect(text) == expected
    assert expected in Language.ALL
