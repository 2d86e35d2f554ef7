"""What-if (changed levels → recomputed index, HTMX partial) and year-on-year comparison."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from satudata.apps.epss import queries, reference
from satudata.apps.epss.views_worksheet import _assessment
from satudata.engines.stats import epss

PREFIX = "l_"


def changes_from(request: HttpRequest, levels: dict[str, int | None]) -> dict[str, int]:
    """`l_<code>=<level>` parameters that differ from the assessed level; others are ignored."""
    changes = {}
    for code in reference.catalogue().indicators:
        raw = request.GET.get(f"{PREFIX}{code}", "")
        if raw.isdigit() and int(raw) in epss.LEVELS and int(raw) != levels.get(code):
            changes[code] = int(raw)
    return changes


@login_required
def what_if(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    levels = queries.levels_of(assessment)
    changes = changes_from(request, levels)
    before, after = queries.what_if(assessment, levels, changes)
    catalogue = reference.catalogue()
    context = {
        "assessment": assessment,
        "before": before,
        "after": after,
        "changes": [
            (catalogue.indicators[c], levels.get(c), level) for c, level in sorted(changes.items())
        ],
        "rows": [r for r in queries.comparison_rows(before, after) if r.kind != "indicator"],
    }
    if request.headers.get("HX-Request"):
        return render(request, "epss/_what_if_result.html", context)
    context["blocks"], _index = queries.worksheet(assessment, before)
    context["chosen"] = {c: changes.get(c, levels.get(c)) for c in catalogue.indicators}
    context["levels"] = list(reference.LEVEL_LABELS.items())
    return render(request, "epss/what_if.html", context)


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    years = queries.other_years(assessment)
    raw = request.GET.get("tahun", "")
    chosen = int(raw) if raw.isdigit() and int(raw) in years else (years[0] if years else None)
    other = queries.counterpart(assessment, chosen) if chosen is not None else None
    rows = []
    if other is not None:
        earlier, later = sorted([other, assessment], key=lambda a: a.year.year)
        rows = queries.comparison_rows(queries.index_of(earlier), queries.index_of(later))
    else:
        earlier = later = None
    return render(
        request,
        "epss/compare.html",
        {
            "assessment": assessment,
            "years": years,
            "chosen": chosen,
            "earlier": earlier,
            "later": later,
            "rows": rows,
        },
    )
