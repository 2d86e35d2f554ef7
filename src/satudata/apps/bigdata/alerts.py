"""Spike alerts: a week whose negative posts on one topic in one kecamatan jump well above the
four weeks before it (at least `MIN_NEGATIVE` posts and more than twice the weekly mean plus
three) raises an alert once, notified to the walidata."""

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction

from satudata.apps.accounts.models import Role
from satudata.apps.accounts.notify import notify, people_with_role
from satudata.apps.bigdata import store
from satudata.apps.bigdata.models import Alert
from satudata.apps.registry.models import Wilayah
from satudata.engines import duck
from satudata.engines.text import topics

MIN_NEGATIVE = 10
WEEKS_BEFORE = 4


def spikes(rows: list[tuple[str, str, date, int]]) -> list[tuple[str, str, date, int, float]]:
    """(topic, kode, week, negative, baseline) of every week that is a spike."""
    series: dict[tuple[str, str], dict[date, int]] = defaultdict(dict)
    for topic, kode, week, count in rows:
        series[(topic, kode)][week] = count
    found = []
    for (topic, kode), weeks in series.items():
        for week, count in weeks.items():
            before = [weeks.get(week - timedelta(weeks=n), 0) for n in range(1, WEEKS_BEFORE + 1)]
            baseline = sum(before) / WEEKS_BEFORE
            if count >= MIN_NEGATIVE and count > 2 * baseline + 3:
                found.append((topic, kode, week, count, baseline))
    return found


@transaction.atomic
def do_detect_spikes() -> list[Alert]:
    con = duck.connect(threads=2)
    try:
        rows = store.weekly_negative(con)
    finally:
        con.close()
    created = []
    for topic, kode, week, count, baseline in spikes(rows):
        alert, new = Alert.objects.get_or_create(
            topic=topic, kode=kode, week=week, defaults={"negative": count, "baseline": baseline}
        )
        if new:
            created.append(alert)
    if created:
        names = dict(
            Wilayah.objects.filter(kode__in={a.kode for a in created}).values_list("kode", "nama")
        )
        latest = max(created, key=lambda a: (a.week, a.negative))
        notify(
            people_with_role(Role.WALIDATA),
            "bigdata_spike",
            {
                "count": len(created),
                "topic": str(topics.TOPICS.get(latest.topic, latest.topic)),
                "area": names.get(latest.kode, latest.kode),
                "week": latest.week.isoformat(),
                "negative": latest.negative,
            },
            "/kerja/bigdata/peringatan/",
        )
    return created
