from satudata.engines.tabular import FieldSpec, FieldType, ingest

SCHEMA = [
    FieldSpec("jenis_kelamin", FieldType.STRING, enum=("L", "P")),
    FieldSpec("kelas", FieldType.INTEGER, enum=("1", "2", "3")),
]


def test_enum_compares_typed_values_and_names_the_allowed_ones(write_csv, options, tmp_path):
    path = write_csv("Jenis Kelamin;Kelas\nL;1\nX;2\nP;7\n;3\n")
    result = ingest(path, tmp_path / "v.parquet", schema=SCHEMA, options=options)
    assert not result.ok
    found = {(p.rule, p.row, p.column, p.value) for p in result.problems}
    assert found == {("enum", 3, "Jenis Kelamin", "X"), ("enum", 4, "Kelas", "7")}
    problem = next(p for p in result.problems if p.column == "Kelas")
    assert problem.params["allowed"] == "1, 2, 3"
    assert "7" in problem.text()


def test_enum_accepts_every_allowed_value(write_csv, options, tmp_path):
    path = write_csv("Jenis Kelamin;Kelas\nL;1\nP;3\n")
    result = ingest(path, tmp_path / "v.parquet", schema=SCHEMA, options=options)
    assert result.ok, result.problems
