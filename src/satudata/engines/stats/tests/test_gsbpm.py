from satudata.engines.stats import gsbpm


def test_catalogue_has_8_phases_and_44_subprocesses_in_order():
    assert [p.code for p in gsbpm.PHASES] == [str(n) for n in range(1, 9)]
    counts = [len(p.subprocesses) for p in gsbpm.PHASES]
    assert counts == [6, 6, 7, 4, 8, 5, 5, 3]
    assert len(gsbpm.SUBPROCESSES) == 44
    assert gsbpm.SUBPROCESSES["4.1"].name == "Create frame and select sample"
    assert gsbpm.SUBPROCESSES["6.4"].name == "Apply disclosure control"
    assert gsbpm.SUBPROCESSES["5.6"].name == "Calculate weights"
    assert gsbpm.SUBPROCESSES["8.3"].name == "Agree an action plan"
    assert gsbpm.SUBPROCESSES["3.7"].phase == "3"


def test_progress_counts_done_over_applicable():
    statuses = {"1.1": "selesai", "1.2": "selesai", "1.3": "berjalan", "2.4": "tidak_berlaku"}
    result = gsbpm.progress(statuses)
    assert (result.done, result.applicable, result.running) == (2, 43, 1)
    assert result.percent == 5


def test_unknown_status_counts_as_not_started_and_nothing_applicable_has_no_percent():
    assert gsbpm.status_of({"1.1": "kacau"}, "1.1") == gsbpm.BELUM
    none = gsbpm.progress(dict.fromkeys(gsbpm.SUBPROCESSES, gsbpm.TIDAK_BERLAKU))
    assert none.percent is None
    assert gsbpm.progress(dict.fromkeys(gsbpm.SUBPROCESSES, gsbpm.SELESAI)).percent == 100


def test_phase_progress_and_current_phase():
    statuses = {s.code: gsbpm.SELESAI for s in gsbpm.PHASE_BY_CODE["1"].subprocesses}
    statuses["2.1"] = gsbpm.SELESAI
    phases = gsbpm.phase_progress(statuses)
    assert phases["1"].percent == 100
    assert (phases["2"].done, phases["2"].applicable) == (1, 6)
    assert gsbpm.current_phase(statuses) == "2"
    for code in gsbpm.SUBPROCESSES:
        statuses.setdefault(code, gsbpm.TIDAK_BERLAKU)
    statuses.update({c: gsbpm.SELESAI for c in ("2.2", "2.3", "2.4", "2.5", "2.6")})
    assert gsbpm.current_phase(statuses) is None


def test_total_sums_several_kegiatan():
    first = gsbpm.Progress(10, 44)
    second = gsbpm.Progress(0, 40)
    assert gsbpm.total([first, second]) == gsbpm.Progress(10, 84)
    assert gsbpm.total([]).percent is None
