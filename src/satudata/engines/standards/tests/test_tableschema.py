import datetime as dt

import pytest
from frictionless import Schema

from satudata.engines.standards import (
    ENUM_LIMIT,
    Standard,
    StandardField,
    TableSchemaError,
    from_table_schema,
    to_field_spec,
    to_table_schema,
)
from satudata.engines.tabular import FieldType

STANDARD = Standard(
    name="penduduk-kelurahan",
    title="Jumlah penduduk per kelurahan",
    description="Standar data kependudukan",
    version=2,
    konsep="Penduduk",
    definisi="Orang yang berdomisili di wilayah",
    satuan="jiwa",
    fields=(
        StandardField(
            "kode_kelurahan",
            title="Kode Kelurahan",
            required=True,
            unique=True,
            wilayah_level="desa",
            konsep="Kode wilayah",
        ),
        StandardField(
            "jumlah",
            FieldType.INTEGER,
            title="Jumlah penduduk",
            required=True,
            minimum=0,
            maximum=500_000,
            ukuran="Jumlah",
            satuan="jiwa",
        ),
        StandardField("rasio", FieldType.NUMBER, minimum=0.5, maximum=99.5),
        StandardField("tanggal", FieldType.DATE, minimum=dt.date(2020, 1, 1)),
        StandardField("jenis_kelamin", enum=("L", "P"), klasifikasi="L: laki-laki; P: perempuan"),
        StandardField("status", code_list="status-kawin"),
        StandardField("telepon", pattern=r"0\d{9,12}"),
        StandardField("aktif", FieldType.BOOLEAN),
    ),
)


def test_export_is_a_valid_frictionless_table_schema():
    descriptor = to_table_schema(STANDARD, {"status": {"K", "B"}})
    assert Schema.validate_descriptor(descriptor).valid, Schema.validate_descriptor(descriptor)
    schema = Schema.from_descriptor(descriptor)
    assert [f.name for f in schema.fields] == [f.name for f in STANDARD.fields]
    jumlah = descriptor["fields"][1]
    assert jumlah["constraints"] == {"required": True, "minimum": 0, "maximum": 500_000}
    assert jumlah["sdi:ukuran"] == "Jumlah" and jumlah["sdi:satuan"] == "jiwa"
    assert descriptor["fields"][3]["constraints"] == {"minimum": "2020-01-01"}
    assert descriptor["fields"][5]["constraints"] == {"enum": ["B", "K"]}
    assert descriptor["fields"][5]["sdi:codeList"] == "status-kawin"
    assert descriptor["sdi:konsep"] == "Penduduk"


def test_big_code_lists_are_named_not_listed():
    codes = {f"{n:05d}" for n in range(ENUM_LIMIT + 1)}
    descriptor = to_table_schema(STANDARD, {"kode_kelurahan": codes})
    field = descriptor["fields"][0]
    assert "enum" not in field["constraints"]
    assert field["sdi:wilayahLevel"] == "desa"


def test_round_trip_keeps_every_property():
    again = from_table_schema(to_table_schema(STANDARD, {"status": {"K", "B"}}))
    assert again.fields == STANDARD.fields
    assert (again.name, again.title, again.konsep, again.satuan) == (
        STANDARD.name,
        STANDARD.title,
        "Penduduk",
        "jiwa",
    )


@pytest.mark.parametrize(
    ("descriptor", "words"),
    [
        ([], "JSON object"),
        ({"fields": []}, '"fields"'),
        ({"fields": [{"name": "1abc"}]}, "name must start"),
        ({"fields": [{"name": "a"}, {"name": "a"}]}, "appears twice"),
        ({"fields": [{"name": "a", "type": "geopoint"}]}, "not supported"),
        ({"fields": [{"name": "a", "type": "integer", "constraints": {"minimum": "x"}}]}, "bound"),
        ({"fields": [{"name": "a", "constraints": {"pattern": "("}}]}, "regular expression"),
        ({"fields": [{"name": "a", "constraints": {"required": "ya"}}]}, "true or false"),
        ({"fields": [{"name": "a", "constraints": {"enum": []}}]}, "enum"),
        (
            {
                "fields": [
                    {"name": "a", "type": "integer", "constraints": {"minimum": 5, "maximum": 1}}
                ]
            },
            "above the maximum",
        ),
        ({"fields": [{"name": "a", "sdi:wilayahLevel": "rt"}]}, "wilayah level"),
    ],
)
def test_bad_descriptors_say_what_is_wrong(descriptor, words):
    with pytest.raises(TableSchemaError) as caught:
        from_table_schema(descriptor)
    assert words in str(caught.value)


def test_field_specs_carry_every_constraint():
    spec = to_field_spec(STANDARD.fields[1])
    assert (spec.name, spec.type, spec.required, spec.minimum, spec.maximum, spec.unit) == (
        "jumlah",
        FieldType.INTEGER,
        True,
        0,
        500_000,
        "jiwa",
    )
    assert to_field_spec(STANDARD.fields[4]).enum == ("L", "P")
    assert to_field_spec(STANDARD.fields[0], {"36.71.01.1001"}).codes == {"36.71.01.1001"}
