from satudata.engines.stats import quality
from satudata.engines.stats.quality import Evidence, score


def full(**changes) -> Evidence:
    values = dict(
        metadata_filled=14,
        metadata_required=14,
        has_version=True,
        standard_adopted=True,
        conformance_rows=100,
        conformance_failing=0,
        kode_columns=1,
        unknown_codes=0,
        dynamic=True,
        late=False,
        never_published=False,
        open_licence_consistent=True,
        description_length=200,
        fields_total=4,
        fields_described=4,
        attachments=1,
        comparisons=2,
        comparisons_disagreeing=0,
    )
    values.update(changes)
    return Evidence(**values)


def test_complete_evidence_scores_100():
    result = score(full())
    assert result.total == 100
    assert [p.code for p in result.parts] == list(quality.DEFAULT_WEIGHTS)
    assert result.skipped == []


def test_parts_that_do_not_apply_are_left_out_and_the_rest_rescaled():
    result = score(full(kode_columns=0, dynamic=False, comparisons=0, metadata_filled=7))
    assert {p.code for p in result.skipped} == {"kode_referensi", "timeliness", "consistency"}
    # counted: metadata 10/20, standard 15, open 10, documentation 10 → 45 of 55
    assert result.total == round(100 * 45 / 55)


def test_each_weakness_costs_its_part():
    assert score(full(late=True)).total == 85
    assert score(full(unknown_codes=3)).total == 85
    assert score(full(standard_adopted=False)).total == 85
    assert score(full(comparisons_disagreeing=1)).total == round(100 - 7.5)
    half = score(full(conformance_failing=50))
    assert next(p for p in half.parts if p.code == "standard").points == 11.25


def test_documentation_counts_description_columns_and_attachments():
    part = next(
        p
        for p in score(full(description_length=20, fields_described=2, attachments=0)).parts
        if p.code == "documentation"
    )
    assert part.points == 10 * (0.4 * 0.5)
    assert part.params == {"length": 20, "described": 2, "fields": 4, "attachments": 0}


def test_no_version_means_no_open_format_points():
    result = score(full(has_version=False, fields_total=0, fields_described=0))
    open_format = next(p for p in result.parts if p.code == "open_format")
    assert open_format.points == 0
    assert "kode_referensi" in {p.code for p in result.skipped}


def test_weights_are_data():
    only_metadata = {"metadata": 1}
    assert score(full(metadata_filled=7), only_metadata).total == 50
    assert score(full(), {}).total == 0


def test_average():
    assert quality.average([80, 91]) == 86
    assert quality.average([]) is None
