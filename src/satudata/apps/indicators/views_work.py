"""Work pages of indicators: the list with what needs attention, the definition form (with the
columns of the chosen dataset), an indicator's values, targets and recomputation. Thin
adapters: each calls one action or query."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.indicators import actions, queries
from satudata.apps.indicators.forms import IndicatorForm, TargetForm, ValuesForm, initial_of
from satudata.apps.indicators.models import Indicator, Target, Value
from satudata.apps.indicators.views_public import filters_of
from satudata.apps.portal.views.common import client_ip, forbidden, form_data
from satudata.apps.statistics.models import Indikator
from satudata.apps.statistics.views_work import organisation_of, producer_organisations, refused
from satudata.platform import access, access_statistics
from satudata.platform import access_indicators as rules

LIST_LIMIT = 500


def managed(request: HttpRequest, slug: str) -> tuple[Indicator, HttpResponse | None]:
    """The indicator (404 when hidden) and, when the user may not change it, the 403 page."""
    viewer = access.viewer_of(request)
    indicator = queries.indicator_or_404(viewer, slug)
    if not rules.can_manage(viewer, indicator):
        message = _(
            "Only the produsen data of %(organisation)s and the walidata can change this indicator."
        ) % {"organisation": indicator.organisation}
        return indicator, forbidden(request, message)
    return indicator, None


def row_of(model: type[Value] | type[Target], indicator: Indicator, pk: int) -> Any:
    """A value or target of `indicator` (404 for one of another indicator)."""
    found = model.objects.filter(indicator=indicator, pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def work_list(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    base = queries.visible(viewer)
    filters = filters_of(request)
    items = list(queries.filtered(base, filters)[:LIST_LIMIT])
    context = {
        "summaries": queries.summaries(items),
        "failing": sum(1 for i in items if i.error),
        "filters": filters,
        "organisations": queries.organisations_of(base),
        "can_create": rules.can_create(viewer),
    }
    return render(request, "indicators/work_list.html", context)


def _entries(viewer: access.Viewer) -> list[int]:
    """The MS-Ind entries the viewer may link: those of kegiatan they see, public or theirs."""
    kegiatan = access_statistics.kegiatan(viewer).prefetch_related("indikator")
    return [e.pk for k in kegiatan for e in access_statistics.indikator(viewer, k)]


def _form(
    request: HttpRequest, viewer: access.Viewer, indicator: Indicator | None
) -> IndicatorForm:
    return IndicatorForm(
        **form_data(request),
        organisations=None if indicator else producer_organisations(viewer),
        datasets=access.public_datasets(viewer).order_by("title"),
        entries=Indikator.objects.filter(pk__in=_entries(viewer)).select_related("kegiatan"),
        initial=initial_of(indicator) if indicator else {"method": Indicator.Method.COMPUTED},
    )


@login_required
def indicator_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    viewer = access.viewer_of(request)
    indicator = None
    if slug:
        indicator, denied = managed(request, slug)
        if denied:
            return denied
    elif not rules.can_create(viewer):
        return forbidden(request, _("Only produsen data and the walidata define indicators."))
    form = _form(request, viewer, indicator)
    if request.method == "POST" and form.is_valid():
        organisation = (
            organisation_of(viewer, form.cleaned_data.get("organisation"))
            if indicator is None
            else None
        )
        try:
            indicator = actions.check_save_indicator(
                user=request.user,
                definition=form.definition(),
                organisation=organisation,
                indicator=indicator,
                ip=client_ip(request),
            )
        except ActionError as exc:
            response = refused(request, exc)
            if response:
                return response
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(indicator.get_work_url())
    return render(request, "indicators/indicator_form.html", {"form": form, "indicator": indicator})


@login_required
@require_GET
def columns(request: HttpRequest) -> HttpResponse:
    """The columns of a dataset the user may see, for the definition form (HTMX)."""
    viewer = access.viewer_of(request)
    pk = request.GET.get("dataset", "")
    dataset = (
        access.public_datasets(viewer)
        .filter(pk=int(pk))
        .select_related("published_version")
        .first()
        if pk.isdigit()
        else None
    )
    fields = dataset.published_version.fields if dataset else []
    return render(request, "indicators/_columns.html", {"dataset": dataset, "fields": fields})


def _detail(indicator: Indicator, can_manage: bool, values_form: ValuesForm) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "can_manage": can_manage,
        "points": queries.series(indicator),
        "rows": queries.rows(indicator),
        "entered": list(Value.objects.filter(indicator=indicator, computed=False)),
        "targets": queries.targets_of(indicator),
        "values_form": values_form,
        "target_form": TargetForm(),
    }


@login_required
@require_GET
def work_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    indicator = queries.indicator_or_404(viewer, slug)
    context = _detail(indicator, rules.can_manage(viewer, indicator), ValuesForm())
    return render(request, "indicators/work_detail.html", context)


@login_required
@require_POST
def indicator_delete(request: HttpRequest, slug: str) -> HttpResponse:
    indicator, denied = managed(request, slug)
    if denied:
        return denied
    actions.check_delete_indicator(user=request.user, indicator=indicator, ip=client_ip(request))
    messages.success(request, _("Indicator deleted."))
    return redirect("indicators:work_list")


@login_required
@require_POST
def values_enter(request: HttpRequest, slug: str) -> HttpResponse:
    indicator, denied = managed(request, slug)
    if denied:
        return denied
    form = ValuesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write at least one line of values."))
        return redirect(indicator.get_work_url())
    try:
        count = actions.check_enter_values(
            user=request.user,
            indicator=indicator,
            text=form.cleaned_data["text"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        return refused(request, exc) or render(
            request, "indicators/work_detail.html", _detail(indicator, True, form), status=400
        )
    messages.success(request, _("%(count)s value(s) saved.") % {"count": count})
    return redirect(indicator.get_work_url())


@login_required
@require_POST
def value_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    indicator, denied = managed(request, slug)
    if denied:
        return denied
    value = row_of(Value, indicator, pk)
    try:
        actions.check_delete_value(user=request.user, value=value, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, exc) or redirect(indicator.get_work_url())
    messages.success(request, _("Value deleted."))
    return redirect(indicator.get_work_url())


@login_required
@require_POST
def target_save(request: HttpRequest, slug: str) -> HttpResponse:
    indicator, denied = managed(request, slug)
    if denied:
        return denied
    form = TargetForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(indicator.get_work_url())
    try:
        actions.check_save_target(
            user=request.user,
            indicator=indicator,
            period=form.cleaned_data["period"],
            value=form.cleaned_data["value"],
            source=form.cleaned_data["source"],
            ip=client_ip(request),
        )
    except ActionError as exc:
        return refused(request, exc) or redirect(indicator.get_work_url())
    messages.success(request, _("Target saved."))
    return redirect(indicator.get_work_url())


@login_required
@require_POST
def target_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    indicator, denied = managed(request, slug)
    if denied:
        return denied
    target = row_of(Target, indicator, pk)
    actions.check_delete_target(user=request.user, target=target, ip=client_ip(request))
    messages.success(request, _("Target deleted."))
    return redirect(indicator.get_work_url())


@login_required
@require_POST
def recompute(request: HttpRequest, slug: str) -> HttpResponse:
    indicator, denied = managed(request, slug)
    if denied:
        return denied
    try:
        written = actions.check_recompute(
            user=request.user, indicator=indicator, ip=client_ip(request)
        )
    except ActionError as exc:
        return refused(request, exc) or redirect(indicator.get_work_url())
    indicator.refresh_from_db()
    if indicator.error:
        messages.error(request, indicator.error)
    else:
        messages.success(request, _("%(count)s period(s) recomputed.") % {"count": written})
    return redirect(indicator.get_work_url())
