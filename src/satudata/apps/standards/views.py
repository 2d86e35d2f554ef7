"""Pages of the standards app: the public catalogue and the pembina's and walidata's work pages."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.errors import ActionError, NotAllowed
from satudata.apps.portal import formats
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.apps.standards import actions, forms, permissions, queries, resolve
from satudata.apps.standards.documents import LIST_COLUMNS, standard_document, standard_row
from satudata.apps.standards.models import Standard, StandardVersion
from satudata.platform import access, audit
from satudata.platform.access import viewer_of


def standard_list(request: HttpRequest, fmt: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    items = [(s, queries.current_version(viewer, s)) for s in queries.standards_for(viewer)]
    return formats.respond(
        fmt,
        html=lambda: render(
            request,
            "standards/standard_list.html",
            {"items": items, "can_manage": permissions.can_manage(viewer)},
        ),
        data=lambda: {"results": [standard_row(s, v) for s, v in items]},
        rows=lambda: [standard_row(s, v) for s, v in items],
        columns=LIST_COLUMNS,
        filename="standar",
    )


def _version_page(
    request: HttpRequest, standard: Standard, version: StandardVersion | None, fmt: str
) -> HttpResponse:
    viewer = viewer_of(request)
    fields = resolve.fields_of(version) if version else []
    adopters = queries.adopters(viewer, standard)

    def html() -> HttpResponse:
        held = queries.held_back(viewer, version)
        if held is not None and held.dataset is not None:
            record_tertutup_read(request, held.dataset, "standard_proposal", standard=standard.slug)
        return render(
            request,
            "standards/standard_detail.html",
            {
                "standard": standard,
                "version": version,
                "fields": fields,
                "versions": queries.versions_for(viewer, standard),
                "adopters": adopters,
                "can_edit": permissions.can_edit_standard(viewer, standard),
                "held": held,
                "can_confirm": viewer.is_walidata,
            },
        )

    return formats.respond(
        fmt,
        html=html,
        data=lambda: standard_document(standard, version, fields, adopters),
        rows=lambda: standard_document(standard, version, fields, adopters)["fields"],
        columns=[
            "name",
            "title",
            "type",
            "description",
            "konsep",
            "definisi",
            "klasifikasi",
            "ukuran",
            "satuan",
            "required",
            "unique",
            "minimum",
            "maximum",
            "pattern",
            "enum",
            "code_list",
            "wilayah_level",
        ],
        filename=standard.slug,
    )


def standard_detail(request: HttpRequest, slug: str, fmt: str = "") -> HttpResponse:
    viewer = viewer_of(request)
    standard = queries.get_standard_or_404(viewer, slug)
    return _version_page(request, standard, queries.current_version(viewer, standard), fmt)


def version_detail(request: HttpRequest, slug: str, number: int, fmt: str = "") -> HttpResponse:
    version = queries.get_version_or_404(viewer_of(request), slug, number)
    return _version_page(request, version.standard, version, fmt)


def table_schema(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = queries.get_version_or_404(viewer_of(request), slug, number)
    response = JsonResponse(
        resolve.table_schema(version), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'inline; filename="{slug}-v{number}.tableschema.json"'
    return response


def _run(request: HttpRequest, action: Callable[[], Any]) -> Any:
    """Runs an action; a refusal becomes a message (hidden objects answer 404)."""
    try:
        return action()
    except NotAllowed as exc:
        raise Http404 from exc
    except ActionError as exc:
        messages.error(request, exc.message)
        return None


def _manager(request: HttpRequest) -> access.Viewer:
    viewer = viewer_of(request)
    if not permissions.can_manage(viewer):
        raise Http404
    return viewer


def _editable_version(request: HttpRequest, slug: str, number: int) -> StandardVersion:
    version = queries.get_version_or_404(_manager(request), slug, number)
    if not permissions.can_edit_standard(viewer_of(request), version.standard):
        raise Http404
    return version


@login_required
def standard_create(request: HttpRequest) -> HttpResponse:
    _manager(request)
    form = forms.StandardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = _run(
            request,
            lambda: actions.check_create_standard(
                user=request.user,
                slug=data["slug"],
                title=data["title"],
                description=data["description"],
                topic=data["topic"],
                organisation=data["organisation"],
                ip=audit.client_ip(request),
            ),
        )
        if version is not None:
            return redirect("standards:edit", version.standard.slug, version.number)
    return render(
        request,
        "standards/standard_form.html",
        {"form": form, "heading": _("New standard"), "submit": _("Create")},
    )


@login_required
def draft_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _editable_version(request, slug, number)
    if not version.is_draft:
        raise Http404
    rows = resolve.fields_of(version)
    initial_texts = {
        key: getattr(version, key)
        for key in ("konsep", "definisi", "klasifikasi", "ukuran", "satuan", "note")
    }
    texts = forms.TextsForm(request.POST or None, initial=initial_texts)
    formset = forms.FieldFormSet(
        request.POST or None, initial=forms.field_initial(rows), prefix="fields"
    )
    if request.method == "POST" and texts.is_valid() and formset.is_valid():
        saved = _run(
            request,
            lambda: actions.check_save_draft(
                user=request.user,
                version=version,
                texts=texts.cleaned_data,
                note=texts.cleaned_data["note"],
                fields=forms.formset_fields(formset),
                ip=audit.client_ip(request),
            ),
        )
        if saved is not None:
            messages.success(request, _("The draft is saved."))
            return redirect("standards:version", slug, number)
    return render(
        request,
        "standards/draft_form.html",
        {"version": version, "texts": texts, "formset": formset},
    )


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _editable_version(request, slug, number)
    done = _run(
        request,
        lambda: (
            actions.check_publish_version(
                user=request.user, version=version, ip=audit.client_ip(request)
            )
            or True
        ),
    )
    if done:
        messages.success(request, _("The version is published."))
    return redirect("standards:version", slug, number)


@login_required
@require_POST
def confirm_withheld(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _editable_version(request, slug, number)
    if not queries.held_back(viewer_of(request), version):
        raise Http404
    names = _run(
        request,
        lambda: actions.check_confirm_withheld(
            user=request.user, version=version, ip=audit.client_ip(request)
        ),
    )
    if names is not None:
        messages.success(request, _("The values are now part of the draft."))
    return redirect("standards:version", slug, number)


@login_required
@require_POST
def retire(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _editable_version(request, slug, number)
    _run(
        request,
        lambda: actions.check_retire_version(
            user=request.user, version=version, ip=audit.client_ip(request)
        ),
    )
    return redirect("standards:version", slug, number)


@login_required
@require_POST
def new_draft(request: HttpRequest, slug: str) -> HttpResponse:
    standard = queries.get_standard_or_404(_manager(request), slug)
    version = _run(
        request,
        lambda: actions.check_new_draft(
            user=request.user, standard=standard, ip=audit.client_ip(request)
        ),
    )
    if version is None:
        return redirect("standards:detail", slug)
    return redirect("standards:edit", slug, version.number)


@login_required
def import_schema(request: HttpRequest) -> HttpResponse:
    viewer = _manager(request)
    editable = [
        s.pk for s in queries.standards_for(viewer) if permissions.can_edit_standard(viewer, s)
    ]
    form = forms.ImportForm(
        request.POST or None,
        request.FILES or None,
        standards_qs=Standard.objects.filter(pk__in=editable),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = _run(
            request,
            lambda: actions.check_import_table_schema(
                user=request.user,
                descriptor=data["descriptor"],
                standard=data["standard"],
                slug=data["slug"],
                title=data["title"],
                ip=audit.client_ip(request),
            ),
        )
        if version is not None:
            return redirect("standards:edit", version.standard.slug, version.number)
    return render(
        request,
        "standards/import_form.html",
        {"form": form, "heading": _("Import a Table Schema"), "submit": _("Import")},
    )


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    viewer = _manager(request)
    datasets = access.datasets(viewer).filter(published_version__isnull=False).order_by("title")
    form = forms.ProposeForm(request.POST or None, datasets=datasets)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = _run(
            request,
            lambda: actions.check_propose_from_dataset(
                user=request.user,
                dataset=data["dataset"],
                slug=data["slug"],
                title=data["title"],
                ip=audit.client_ip(request),
            ),
        )
        if version is not None:
            return redirect("standards:edit", version.standard.slug, version.number)
    return render(
        request,
        "standards/propose_form.html",
        {"form": form, "heading": _("Propose a standard from a dataset"), "submit": _("Propose")},
    )


@login_required
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    if not permissions.can_adopt(viewer, dataset):
        raise Http404
    adoption = queries.adoption_of(dataset)
    form = forms.AdoptForm(
        request.POST or None,
        versions=queries.adoptable_versions(),
        initial={"standard_version": adoption.standard_version if adoption else None},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["standard_version"]
        done = _run(
            request,
            lambda: (
                actions.check_adopt_standard(
                    user=request.user,
                    dataset=dataset,
                    standard_version=chosen,
                    ip=audit.client_ip(request),
                )
                or True
            ),
        )
        if done is not None:
            messages.success(request, _("The dataset's standard is saved."))
            return redirect(dataset.get_absolute_url())
    return render(
        request,
        "standards/adopt_form.html",
        {
            "form": form,
            "dataset": dataset,
            "heading": _("Adopt a data standard"),
            "submit": _("Save"),
        },
    )
