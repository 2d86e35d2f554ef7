import dataclasses
import json

import pytest

from satudata.engines.tabular import Field, FieldType, diff_versions, ingest


@pytest.fixture
def version(write_csv, options, tmp_path):
    def make(name, text):
        result = ingest(
            write_csv(text, name=f"{name}.csv"), tmp_path / f"{name}.parquet", options=options
        )
        assert result.ok, result.problems
        return result

    return make


def test_keyed_diff_counts_and_samples(version, options):
    old = version(
        "v1",
        "kode_wilayah;nama;penduduk\n36.71.01;Tangerang;100\n36.71.02;Jatiuwung;200\n"
        "36.71.03;Batuceper;300\n",
    )
    new = version(
        "v2",
        "kode_wilayah;nama;penduduk;luas\n36.71.01;Tangerang;110;1,5\n"
        "36.71.02;Jatiuwung;200;2,5\n36.71.04;Neglasari;400;3,5\n",
    )
    diff = diff_versions(old.path, new.path, old.fields, new.fields, options=options)
    assert diff.key == "kode_wilayah"
    assert (diff.rows_added, diff.rows_removed, diff.rows_changed, diff.rows_unchanged) == (
        1,
        1,
        1,
        1,
    )
    assert diff.columns_added == ["luas"] and diff.columns_removed == []
    [change] = diff.samples
    assert (change.key, change.before, change.after) == (
        "36.71.01",
        {"penduduk": 100},
        {"penduduk": 110},
    )


def test_retyped_columns_are_compared_as_text(version, options):
    old = version("v1", "id;nilai\n1;10\n2;20\n")
    new = version("v2", "id;nilai\n1;10\n2;dua puluh\n")
    diff = diff_versions(old.path, new.path, old.fields, new.fields, options=options)
    [retyped] = diff.columns_retyped
    assert (retyped.name, retyped.old_type, retyped.new_type) == (
        "nilai",
        FieldType.INTEGER,
        FieldType.STRING,
    )
    assert diff.key == "id"
    assert (diff.rows_changed, diff.rows_unchanged) == (1, 1)


def test_without_a_key_rows_are_compared_as_a_multiset(version, options):
    old = version("v1", "nama;nilai\nA;1\nA;1\nB;2\n")
    new = version("v2", "nama;nilai\nA;1\nB;2\nB;2\nC;3\n")
    diff = diff_versions(old.path, new.path, old.fields, new.fields, options=options)
    assert diff.key is None
    assert (diff.rows_added, diff.rows_removed, diff.rows_changed, diff.rows_unchanged) == (
        2,
        1,
        0,
        2,
    )
    assert diff.samples == []


def test_a_key_can_be_chosen(version, options):
    old = version("v1", "kode;nama\n1;A\n2;B\n")
    new = version("v2", "kode;nama\n1;A\n2;C\n")
    diff = diff_versions(old.path, new.path, old.fields, new.fields, key="nama", options=options)
    assert diff.key == "nama"
    assert (diff.rows_added, diff.rows_removed, diff.rows_changed) == (1, 1, 0)


def test_fields_stored_as_json_can_be_compared(version, options):
    old = version("v1", "kode_wilayah;n\n36.71.01;1\n36.71.02;2\n")
    new = version("v2", "kode_wilayah;n\n36.71.01;1\n36.71.02;3\n")
    stored = json.loads(json.dumps([dataclasses.asdict(f) for f in old.fields], default=str))
    fields = [Field.from_dict(f) for f in stored]
    assert fields[0].role == old.fields[0].role and fields[1].type == old.fields[1].type
    diff = diff_versions(old.path, new.path, fields, new.fields, options=options)
    assert (diff.key, diff.rows_changed) == ("kode_wilayah", 1)


def test_keyed_diff_with_no_key_in_common(version, options):
    old = version("v1", "nik;jumlah\n3671010101900001;1\n3671010101900002;2\n")
    new = version("v2", "nik;jumlah\n3671010101900003;1\n3671010101900004;2\n")
    diff = diff_versions(old.path, new.path, old.fields, new.fields, options=options)
    assert diff.key == "nik"
    assert (diff.rows_added, diff.rows_removed, diff.rows_changed, diff.rows_unchanged) == (
        2,
        2,
        0,
        0,
    )
