from satudata.engines.stats import entries


def test_lines_pasted_from_a_spreadsheet_become_entries():
    text = (
        "Periode\tKode\tNilai\tSumber\n"
        "2023\t\t12,5\tLaporan Dinkes\n"
        "2023\t36.71.01\t1.234,5\tLaporan\n"
    )
    found, problems = entries.parse(text)
    assert problems == []
    assert [(e.period, e.level, e.kode, e.value) for e in found] == [
        ("2023", "kota", "", 12.5),
        ("2023", "kecamatan", "36.71.01", 1234.5),
    ]
    assert found[0].source == "Laporan Dinkes"


def test_semicolons_commas_and_undotted_kelurahan_codes_are_read():
    found, problems = entries.parse("2024;3671011001;7.25;BPS\n2024, 367102, 3, Dinas, hal. 4")
    assert problems == []
    assert [(e.level, e.kode, e.value) for e in found] == [
        ("kelurahan", "36.71.01.1001", 7.25),
        ("kecamatan", "36.71.02", 3.0),
    ]
    assert found[1].source == "Dinas, hal. 4"


def test_each_wrong_line_names_its_line_column_and_value():
    found, problems = entries.parse("2024;;abc;BPS\n2024;3671;5;BPS\n;;5;\n2024;;5\n")
    assert found == []
    described = [(p.line, p.column, p.params.get("value")) for p in problems]
    assert (1, "value", "abc") in described
    assert (2, "kode wilayah", "3671") in described
    assert (3, "period", "") in described
    assert (3, "source", None) in described
    assert any(p.line == 4 and p.column == "" for p in problems)


def test_a_period_and_wilayah_twice_is_refused_with_the_first_line():
    found, problems = entries.parse("2024;;5;A\n2024;;6;B")
    assert len(found) == 1
    assert problems[0].line == 2 and problems[0].params == {"period": "2024", "first": 1}


def test_numbers_the_indonesian_way_and_with_a_point():
    assert entries.number("1.234.567,89") == 1234567.89
    assert entries.number("12,5") == 12.5
    assert entries.number("-3.5") == -3.5
    assert entries.number("1.234") == 1.234
    assert entries.number("1,2,3") is None
    assert entries.number("12 %") is None


def test_an_empty_text_asks_for_a_line():
    found, problems = entries.parse("\n  \n")
    assert found == [] and problems[0].message == "Write at least one line."
