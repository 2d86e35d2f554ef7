"""Pages of the Big Data module, for the walidata and the Big Data team only: the dashboard
(volume and sentiment over time, by topic and by kecamatan or kelurahan on a choropleth, top
issues), the masked posts with label corrections, spike alerts, and publication of aggregates.
Thin adapters: each calls one action or query."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.bigdata import actions, publish, retrain, store
from satudata.apps.bigdata.forms import SENTIMENT_LABELS, CorrectionForm, FiltersForm
from satudata.apps.bigdata.models import Alert, Correction, Run, Source
from satudata.apps.catalog.errors import ActionError
from satudata.apps.geo import thematic
from satudata.apps.portal.views.common import client_ip, forbidden
from satudata.apps.registry.models import Wilayah
from satudata.engines.text import topics
from satudata.platform import access
from satudata.platform import access_bigdata as rules

LEVELS = ("kecamatan", "kelurahan")


def team_only(request: HttpRequest) -> HttpResponse | None:
    if not rules.can_use(access.viewer_of(request)):
        return forbidden(
            request, _("Only the walidata and the Big Data team of Diskominfo see the posts.")
        )
    return None


def _chart(found: store.Overview) -> dict[str, Any]:
    labels = [month for month, _counts in found.months]
    return {
        "type": "line",
        "labels": labels,
        "values": [sum(c.values()) for _m, c in found.months],
        "series": [
            {"name": str(SENTIMENT_LABELS[s]), "values": [c.get(s, 0) for _m, c in found.months]}
            for s in store.SENTIMENTS
        ],
        "x": _("Month"),
        "y": _("Posts"),
    }


def _areas(found: store.Overview) -> list[dict[str, Any]]:
    names = dict(Wilayah.objects.filter(kode__in=found.areas).values_list("kode", "nama"))
    rows = [
        {
            "kode": kode,
            "name": names.get(kode, kode),
            "count": count,
            "negative": negative,
            "share": round(100 * negative / count, 1) if count else None,
        }
        for kode, (count, negative) in found.areas.items()
    ]
    return sorted(rows, key=lambda r: (-r["negative"], r["kode"]))


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    form = FiltersForm(request.GET or None)
    level = request.GET.get("tingkat", "kecamatan")
    level = level if level in LEVELS else "kecamatan"
    found = store.overview(form.filters(), level)
    areas = _areas(found)
    names = dict(
        Wilayah.objects.filter(kode__in={k for _t, k, _c, _n in found.issues}).values_list(
            "kode", "nama"
        )
    )
    viewer = access.viewer_of(request)
    context = {
        "form": form,
        "level": level,
        "levels": LEVELS,
        "found": found,
        "chart": _chart(found) if found.months else None,
        "topic_rows": [
            (topics.TOPICS.get(t, t), n, round(100 * neg / n, 1) if n else 0, t)
            for t, n, neg in found.topics
        ],
        "areas": areas,
        "issues": [
            (topics.TOPICS.get(t, t), names.get(k, k), k, n, neg, t)
            for t, k, n, neg in found.issues
        ],
        "thematic_map": thematic.values_map(
            {a["kode"]: a["share"] for a in areas}, _("Negative posts (%)")
        )
        if areas
        else None,
        "sentiments": [
            (SENTIMENT_LABELS[s], found.by_sentiment.get(s, 0)) for s in store.SENTIMENTS
        ],
        "alerts": Alert.objects.all()[:5],
        "runs": Run.objects.select_related("source")[:8],
        "can_publish": rules.can_publish(viewer),
        "published": publish.dataset_of(request.user.organisation)
        if request.user.organisation
        else None,
        "query": request.GET.urlencode(),
    }
    return render(request, "bigdata/dashboard.html", context)


@login_required
@require_GET
def posts(request: HttpRequest) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    form = FiltersForm(request.GET or None)
    page = request.GET.get("page", "1")
    number = int(page) if page.isdigit() else 1
    rows, count = store.examples(form.filters(), number)
    channels = dict(Source.Channel.choices)
    for row in rows:
        row["channel_label"] = channels.get(row["channel"], row["channel"])
    context = {
        "form": form,
        "rows": rows,
        "count": count,
        "page": number,
        "pages": max(1, -(-count // store.EXAMPLES)),
        "topics": list(topics.TOPICS.items()),
        "sentiments": list(SENTIMENT_LABELS.items()),
        "query": request.GET.copy(),
    }
    context["query"].pop("page", None)
    return render(request, "bigdata/posts.html", context)


@login_required
@require_POST
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    run = Run.objects.filter(pk=pk).first()
    if run is None:
        raise Http404
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            actions.check_correct(
                user=request.user, run=run, ip=client_ip(request), **form.cleaned_data
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Label saved; it will train the next model version."))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/kerja/bigdata/") else "bigdata:posts")


@login_required
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    found = list(Alert.objects.all()[:200])
    names = dict(
        Wilayah.objects.filter(kode__in={a.kode for a in found}).values_list("kode", "nama")
    )
    rows = [(a, topics.TOPICS.get(a.topic, a.topic), names.get(a.kode, a.kode)) for a in found]
    return render(request, "bigdata/alerts.html", {"rows": rows})


@login_required
@require_POST
def publish_view(request: HttpRequest) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    try:
        dataset = publish.check_publish_aggregates(user=request.user, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect("bigdata:dashboard")
    messages.success(request, _("The aggregates were submitted to the walidata for checking."))
    return redirect(dataset.get_absolute_url())


@login_required
def model(request: HttpRequest) -> HttpResponse:
    denied = team_only(request)
    if denied:
        return denied
    if request.method == "POST":
        try:
            actions.check_start_retrain(user=request.user, ip=client_ip(request))
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Retraining started; the new version is used only if it scores at least "
                    "as well."
                ),
            )
        return redirect("bigdata:model")
    context = {
        "card": retrain.current_model().card,
        "history": retrain.history()[:20],
        "corrections": Correction.objects.filter(field=Correction.Field.SENTIMENT).count(),
    }
    return render(request, "bigdata/model.html", context)
