import pytest

from satudata.apps.accounts.models import Notification
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.catalog.models import Transition
from satudata.apps.catalog.signals import version_published
from satudata.apps.indicators import actions
from satudata.apps.indicators.models import Indicator, Value
from satudata.apps.indicators.tests.conftest import FIELDS, define, publish_year
from satudata.platform.models import AuditEntry
from satudata.platform.testing.factories import make_version, publish


def city(indicator: Indicator) -> dict[str, float | None]:
    return dict(
        Value.objects.filter(indicator=indicator, level="kota").values_list("period", "value")
    )


def test_a_computed_indicator_is_worked_out_from_every_published_version(rtlh, who):
    indicator = define(who, rtlh)
    assert city(indicator) == {
        "2023": pytest.approx(40 / 300 * 100),
        "2024": pytest.approx(100 / 3),
    }
    kecamatan = dict(
        Value.objects.filter(indicator=indicator, level="kecamatan", period="2024").values_list(
            "kode", "value"
        )
    )
    assert kecamatan == {"36.71.01": pytest.approx(35.0), "36.71.02": pytest.approx(30.0)}
    assert Value.objects.filter(indicator=indicator, level="kelurahan").count() == 8
    assert indicator.computed_version == rtlh.published_version
    assert AuditEntry.objects.filter(action="indicator.create").exists()


def test_a_new_publication_recomputes_the_periods_it_holds(rtlh, who):
    indicator = define(who, rtlh)
    corrected = make_version(
        rtlh,
        {
            "tahun": [2024] * 4,
            "kode_wilayah": ["36.71.01.1001", "36.71.01.1002", "36.71.02.1001", "36.71.02.1002"],
            "rtlh_terdata": [100, 100, 50, 50],
            "rtlh_diperbaiki": [60, 60, 30, 30],
        },
        fields=FIELDS,
    )
    publish(rtlh, corrected)
    version_published.send(type(rtlh), dataset=rtlh, version=corrected, kind="publish")
    values = city(indicator)
    assert values["2024"] == pytest.approx(60.0)
    assert values["2023"] == pytest.approx(40 / 3)
    indicator.refresh_from_db()
    assert indicator.computed_version == corrected and indicator.error == ""


def test_a_version_that_cannot_be_computed_keeps_the_values_and_says_why(rtlh, who):
    indicator = define(who, rtlh)
    before = city(indicator)
    renamed = make_version(
        rtlh,
        {"tahun": [2025], "kode_wilayah": ["36.71.01.1001"], "terdata": [1], "diperbaiki": [1]},
        fields=[
            *FIELDS[:2],
            {"name": "terdata", "type": "integer"},
            {"name": "diperbaiki", "type": "integer"},
        ],
    )
    publish(rtlh, renamed)
    version_published.send(type(rtlh), dataset=rtlh, version=renamed, kind="publish")
    indicator.refresh_from_db()
    assert city(indicator) == before
    assert "rtlh_diperbaiki" in indicator.error
    notice = Notification.objects.get(user=who["produsen"], verb="indicator_failed")
    assert notice.params["number"] == renamed.number


def test_a_rollback_makes_the_older_version_win_its_period_again(rtlh, who):
    first_2024 = rtlh.published_version
    indicator = define(who, rtlh)
    newer = publish_year(rtlh, 2024, [100, 100, 50, 50])
    version_published.send(type(rtlh), dataset=rtlh, version=newer, kind="publish")
    assert city(indicator)["2024"] == pytest.approx(100.0)
    Transition.objects.create(
        dataset=rtlh, kind=Transition.Kind.ROLLBACK, to_state="diterbitkan", version=first_2024
    )
    rtlh.published_version = first_2024
    rtlh.save()
    version_published.send(type(rtlh), dataset=rtlh, version=first_2024, kind="rollback")
    assert city(indicator)["2024"] == pytest.approx(100 / 3)
    actions.do_recompute(indicator)
    assert city(indicator)["2024"] == pytest.approx(100 / 3)


def test_a_formula_naming_an_unknown_column_is_refused_with_the_columns(rtlh, who):
    with pytest.raises(ActionError) as refused:
        define(who, rtlh, formula="sum(jumlah_rtlh) / 2")
    assert "jumlah_rtlh" in refused.value.message and "rtlh_terdata" in refused.value.message
    assert not Indicator.objects.exists()


def test_a_missing_kode_wilayah_column_is_refused_for_a_kecamatan_level(rtlh, who):
    with pytest.raises(ActionError):
        define(who, rtlh, wilayah_column="", deepest_level="kecamatan")
    with pytest.raises(ActionError):
        define(who, rtlh, period_column="bulan")


def test_a_dataset_the_producer_may_not_see_cannot_be_used(who):
    from satudata.platform.testing.factories import make_dataset

    hidden = make_dataset(who["other_org"], access_level="tertutup")
    with pytest.raises(ActionError):
        define(who, hidden, formula="sum(jumlah)", period_column="", wilayah_column="")


def test_another_opd_may_not_define_or_change_it(rtlh, who):
    with pytest.raises(NotAllowed):
        actions.check_save_indicator(
            user=who["stranger"],
            definition=actions.Definition(name="X", unit="persen", method="diisi"),
            organisation=who["org"],
        )
    indicator = define(who, rtlh)
    with pytest.raises(NotAllowed):
        actions.check_enter_values(user=who["stranger"], indicator=indicator, text="2020;;1;A")


def test_entered_values_are_saved_all_or_none(who, english):
    indicator = define(who, None, name="Indeks Pembangunan Manusia", unit="indeks")
    with pytest.raises(actions.EntriesInvalid) as refused:
        actions.check_enter_values(
            user=who["produsen"], indicator=indicator, text="2022;;77,1;BPS\n2023;;x;BPS"
        )
    assert "Line 2" in refused.value.problems[0] and "x" in refused.value.problems[0]
    assert not Value.objects.exists()
    count = actions.check_enter_values(
        user=who["produsen"],
        indicator=indicator,
        text="2022;;77,1;BPS Kota Tangerang\n2023;;77,6;BPS Kota Tangerang\n2023;36.71.01;76,2;BPS",
    )
    assert count == 3
    assert city(indicator) == {"2022": pytest.approx(77.1), "2023": pytest.approx(77.6)}
    again = actions.check_enter_values(
        user=who["produsen"], indicator=indicator, text="2023;;78;BPS (revisi)"
    )
    assert again == 1 and city(indicator)["2023"] == 78


def test_an_unknown_kode_wilayah_is_refused(who):
    indicator = define(who, None, name="Indeks", unit="indeks")
    with pytest.raises(actions.EntriesInvalid) as refused:
        actions.check_enter_values(
            user=who["produsen"], indicator=indicator, text="2023;36.71.99;1;A"
        )
    assert "36.71.99" in refused.value.problems[0]


def test_a_computed_value_cannot_be_deleted_by_hand(rtlh, who):
    indicator = define(who, rtlh)
    value = Value.objects.filter(indicator=indicator).first()
    with pytest.raises(ActionError):
        actions.check_delete_value(user=who["produsen"], value=value)


def test_targets_are_set_replaced_and_need_a_source(who):
    indicator = define(who, None, name="Indeks", unit="indeks")
    actions.check_save_target(
        user=who["produsen"], indicator=indicator, period="2026", value=80, source="RPJMD"
    )
    target = actions.check_save_target(
        user=who["produsen"], indicator=indicator, period="2026", value=81, source="RPJMD 2025–2029"
    )
    assert indicator.targets.get().value == 81 and target.source == "RPJMD 2025–2029"
    with pytest.raises(ActionError):
        actions.check_save_target(
            user=who["produsen"], indicator=indicator, period="2027", value=82, source=" "
        )


def test_switching_to_entered_values_drops_the_computed_ones(rtlh, who):
    indicator = define(who, rtlh)
    actions.check_save_indicator(
        user=who["produsen"],
        definition=actions.Definition(name=indicator.name, unit="persen", method="diisi"),
        indicator=indicator,
    )
    indicator.refresh_from_db()
    assert indicator.dataset is None and not Value.objects.filter(indicator=indicator).exists()
