"""Work pages of kegiatan statistik: the register with its filters, warnings and progress per
OPD, the GSBPM board, a kegiatan's page, and the forms for MS-Keg, variables, indicators,
Romantik and dataset links. Thin adapters: each calls one action or query."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.portal.views.common import client_ip, forbidden, form_data
from satudata.apps.statistics import actions, queries
from satudata.apps.statistics.forms import (
    IndikatorForm,
    KegiatanForm,
    LinkDatasetForm,
    RomantikOutcomeForm,
    RomantikRequestForm,
    VariabelForm,
)
from satudata.apps.statistics.models import Kegiatan
from satudata.apps.statistics.views_public import filters_of
from satudata.engines.stats import metadata as md
from satudata.platform import access
from satudata.platform import access_statistics as rules

ENTRY_FORMS = {"variabel": VariabelForm, "indikator": IndikatorForm}
LIST_LIMIT = 500


def editable(request: HttpRequest, slug: str) -> tuple[Kegiatan, HttpResponse | None]:
    """The kegiatan (404 when hidden) and, when the user may not change it, the 403 page."""
    viewer = access.viewer_of(request)
    kegiatan = queries.kegiatan_or_404(viewer, slug)
    if not rules.can_edit_kegiatan(viewer, kegiatan):
        message = _(
            "Only the produsen data of %(organisation)s and the walidata can change this kegiatan."
        ) % {"organisation": kegiatan.organisation}
        return kegiatan, forbidden(request, message)
    return kegiatan, None


def refused(request: HttpRequest, exc: ActionError) -> HttpResponse | None:
    if isinstance(exc, NotAllowed):
        return forbidden(request, exc.message)
    messages.error(request, exc.message)
    for problem in getattr(exc, "problems", []):
        messages.error(request, problem)
    return None


def producer_organisations(viewer: access.Viewer) -> Any:
    """The OPDs the viewer may record kegiatan for, when there is a choice (the walidata)."""
    if not viewer.is_walidata:
        return None
    return Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS).order_by("name")


def organisation_of(viewer: access.Viewer, chosen: Organisation | None) -> Organisation | None:
    """The OPD a new kegiatan or an import is for: the one chosen, else the viewer's own."""
    return chosen or Organisation.objects.filter(pk=viewer.organisation_id).first()


def _listing(request: HttpRequest) -> tuple[access.Viewer, list[Kegiatan], dict[str, Any]]:
    """The kegiatan the register and the board show, and the context of their filters."""
    viewer = access.viewer_of(request)
    base = queries.visible(viewer)
    filters = filters_of(request)
    context = {
        "filters": filters,
        "organisations": queries.organisations_of(base),
        "years": queries.years_of(base),
        "romantik_choices": queries.romantik_choices(),
    }
    return viewer, list(queries.filtered(base, filters)[:LIST_LIMIT]), context


@login_required
@require_GET
def work_list(request: HttpRequest) -> HttpResponse:
    viewer, items, context = _listing(request)
    rows = [(k, queries.progress_of(k), queries.romantik_warning(k)) for k in items]
    context.update(
        rows=rows,
        warnings=sum(1 for _k, _p, w in rows if w),
        opd_progress=queries.opd_progress(items),
        can_create=rules.can_create_kegiatan(viewer),
        query=request.GET.urlencode(),
    )
    return render(request, "statistics/work_list.html", context)


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    _viewer, items, context = _listing(request)
    context["columns"] = queries.board(items)
    return render(request, "statistics/board.html", context)


@login_required
@require_GET
def work_detail(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    kegiatan = queries.kegiatan_or_404(viewer, slug)
    context = queries.page_of(viewer, kegiatan)
    context.update(
        missing=md.missing_required(md.KEG_FIELDS, kegiatan.ms_keg()),
        phases=queries.phase_board(kegiatan, with_evidence=context["full"]),
        can_decide=rules.can_record_romantik_outcome(viewer),
    )
    return render(request, "statistics/work_detail.html", context)


@login_required
def kegiatan_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    viewer = access.viewer_of(request)
    kegiatan = None
    if slug:
        kegiatan, denied = editable(request, slug)
        if denied:
            return denied
    elif not rules.can_create_kegiatan(viewer):
        return forbidden(request, _("Only produsen data and the walidata record kegiatan."))
    form = KegiatanForm(
        **form_data(request),
        record=kegiatan.ms_keg() if kegiatan else None,
        organisations=None if kegiatan else producer_organisations(viewer),
        initial=None if kegiatan is None else {"published": kegiatan.published},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("organisation")
        organisation = organisation_of(viewer, chosen) if kegiatan is None else None
        try:
            kegiatan = actions.check_save_kegiatan(
                user=request.user,
                values=form.cleaned_data["values"],
                organisation=organisation,
                kegiatan=kegiatan,
                published=form.cleaned_data["published"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            response = refused(request, exc)
            if response:
                return response
        else:
            messages.success(request, _("Kegiatan saved."))
            return redirect(kegiatan.get_work_url())
    return render(request, "statistics/kegiatan_form.html", {"form": form, "kegiatan": kegiatan})


@login_required
@require_POST
def kegiatan_delete(request: HttpRequest, slug: str) -> HttpResponse:
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    try:
        actions.check_delete_kegiatan(user=request.user, kegiatan=kegiatan, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, exc) or redirect(kegiatan.get_work_url())
    messages.success(request, _("Kegiatan deleted."))
    return redirect("statistics:work_list")


def _entry(kegiatan: Kegiatan, kind: str, pk: int | None) -> Any:
    if pk is None:
        return None
    found = getattr(kegiatan, kind).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
def entry_edit(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    entry = _entry(kegiatan, kind, pk)
    record = (entry.ms_var() if kind == "variabel" else entry.ms_ind()) if entry else None
    form = ENTRY_FORMS[kind](**form_data(request), record=record)
    if request.method == "POST" and form.is_valid():
        try:
            actions.check_save_entry(
                user=request.user,
                kegiatan=kegiatan,
                kind=kind,
                values=form.cleaned_data["values"],
                entry=entry,
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved."))
            return redirect(kegiatan.get_work_url())
    context = {"form": form, "kegiatan": kegiatan, "entry": entry, "kind": kind}
    return render(request, "statistics/entry_form.html", context)


@login_required
@require_POST
def entry_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    entry = _entry(kegiatan, kind, pk)
    try:
        actions.check_delete_entry(user=request.user, entry=entry, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, exc) or redirect(kegiatan.get_work_url())
    messages.success(request, _("Deleted."))
    return redirect(kegiatan.get_work_url())


@login_required
def romantik(request: HttpRequest, slug: str) -> HttpResponse:
    """The OPD records its request; the pembina records the outcome. Two forms, one page."""
    viewer = access.viewer_of(request)
    kegiatan = queries.kegiatan_or_404(viewer, slug)
    can_edit = rules.can_edit_kegiatan(viewer, kegiatan)
    can_decide = rules.can_record_romantik_outcome(viewer)
    if not (can_edit or can_decide):
        return forbidden(request, _("Only the OPD and the pembina data work on Romantik."))
    current = queries.romantik_of(kegiatan)
    which = request.POST.get("form", "")
    forms = {
        name: form_class(
            request.POST if which == name else None,
            initial=model_to_dict(current, fields=list(form_class.base_fields))
            if current
            else None,
        )
        for name, form_class in (("request", RomantikRequestForm), ("outcome", RomantikOutcomeForm))
    }
    check = {
        "request": actions.check_request_romantik,
        "outcome": actions.check_record_romantik_outcome,
    }
    chosen = forms.get(which)
    if request.method == "POST" and chosen is not None and chosen.is_valid():
        try:
            check[which](
                user=request.user, kegiatan=kegiatan, ip=client_ip(request), **chosen.cleaned_data
            )
        except NotAllowed as exc:
            return forbidden(request, exc.message)
        except ActionError as exc:
            chosen.add_error(None, exc.message)
        else:
            messages.success(request, _("Romantik saved."))
            return redirect(kegiatan.get_work_url())
    context = {
        "kegiatan": kegiatan,
        "romantik": current,
        "warning": queries.romantik_warning(kegiatan),
        "request_form": forms["request"] if can_edit else None,
        "outcome_form": forms["outcome"] if can_decide else None,
    }
    return render(request, "statistics/romantik_form.html", context)


@login_required
def link_dataset(request: HttpRequest, slug: str) -> HttpResponse:
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    viewer = access.viewer_of(request)
    datasets = queries.linkable_datasets(viewer, kegiatan)
    form = LinkDatasetForm(
        **form_data(request),
        datasets=[(d.slug, d.title) for d in datasets[:1000]],
        variabel=[(str(v.pk), v.nama) for v in kegiatan.variabel.all()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dataset = access.get_dataset_or_404(viewer, slug=data["dataset"])
        chosen = list(kegiatan.variabel.filter(pk__in=data["variabel"]))
        try:
            actions.check_link_dataset(
                user=request.user,
                kegiatan=kegiatan,
                dataset=dataset,
                variabel=chosen,
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Dataset linked."))
            return redirect(kegiatan.get_work_url())
    context = {
        "form": form,
        "kegiatan": kegiatan,
        "links": queries.linked_datasets(viewer, kegiatan),
    }
    return render(request, "statistics/link_form.html", context)


@login_required
@require_POST
def unlink_dataset(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    kegiatan, denied = editable(request, slug)
    if denied:
        return denied
    link = queries.linked_datasets(access.viewer_of(request), kegiatan).filter(pk=pk).first()
    if link is None:
        raise Http404
    try:
        actions.check_unlink_dataset(user=request.user, link=link, ip=client_ip(request))
    except ActionError as exc:
        return refused(request, exc) or redirect(kegiatan.get_work_url())
    messages.success(request, _("Link removed."))
    return redirect(kegiatan.get_work_url())
