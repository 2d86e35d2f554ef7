"""Pages: the walidata's comparisons (list, declare, detail with run and retire) and the public
comparison page, shown only to a viewer who may see both datasets."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.consistency import actions, queries
from satudata.apps.consistency.forms import DeclareForm, PairForm, RetireForm
from satudata.apps.consistency.models import Comparison
from satudata.apps.portal.views.common import client_ip, form_data, record_tertutup_read
from satudata.platform import access
from satudata.platform.access import viewer_of


def _walidata_only(request: HttpRequest) -> access.Viewer:
    viewer = viewer_of(request)
    if not viewer.is_walidata:
        raise Http404
    return viewer


def _detail_context(request: HttpRequest, comparison: Comparison) -> dict[str, Any]:
    for dataset in (comparison.dataset_a, comparison.dataset_b):
        record_tertutup_read(request, dataset, "comparison", comparison=comparison.pk)
    result = comparison.latest
    return {
        "comparison": comparison,
        "result": result,
        "rows": queries.table(result.rows) if result else [],
        "only_a": queries.table(result.only_a_rows) if result else [],
        "only_b": queries.table(result.only_b_rows) if result else [],
    }


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comparison = queries.get_visible_or_404(viewer_of(request), pk)
    return render(request, "consistency/detail.html", _detail_context(request, comparison))


@login_required
def work_list(request: HttpRequest) -> HttpResponse:
    viewer = _walidata_only(request)
    comparisons = queries.visible(viewer, include_retired=True).order_by("-active", "variable")
    return render(request, "consistency/list.html", {"comparisons": comparisons})


@login_required
def declare(request: HttpRequest) -> HttpResponse:
    viewer = _walidata_only(request)
    pair = PairForm(request.GET or None, datasets=access.datasets(viewer))
    if not pair.is_bound or not pair.is_valid():
        return render(request, "consistency/declare.html", {"pair": pair, "form": None})
    a, b = pair.cleaned_data["a"], pair.cleaned_data["b"]
    form = DeclareForm(**form_data(request), a=a, b=b)
    if request.method == "POST" and form.is_valid():
        try:
            comparison = actions.check_declare_comparison(
                request.user, form.declaration(), ip=client_ip(request)
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Declared. The first comparison is being computed."))
            return redirect("consistency:work_detail", comparison.pk)
    return render(request, "consistency/declare.html", {"pair": pair, "form": form, "a": a, "b": b})


@login_required
def work_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _walidata_only(request)
    comparison = queries.get_visible_or_404(viewer, pk, include_retired=True)
    context = _detail_context(request, comparison)
    context.update(
        work=True,
        history=comparison.results.order_by("-computed_at", "-pk")[:10],
        retire_form=RetireForm(),
    )
    return render(request, "consistency/detail.html", context)


@login_required
@require_POST
def run(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _walidata_only(request)
    comparison = queries.get_visible_or_404(viewer, pk, include_retired=True)
    try:
        actions.check_run_comparison(request.user, comparison, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The comparison is being computed again."))
    return redirect("consistency:work_detail", comparison.pk)


@login_required
@require_POST
def retire(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _walidata_only(request)
    comparison = queries.get_visible_or_404(viewer, pk, include_retired=True)
    form = RetireForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        actions.check_retire_comparison(request.user, comparison, note=note, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Retired. It is no longer compared or shown."))
    return redirect("consistency:work_detail", comparison.pk)
