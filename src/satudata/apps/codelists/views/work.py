"""Work pages: the walidata and the pembina create code lists, import codes into a new draft
version and publish or discard it; the walidata and a register's owner organisation create
registers and import their entries. Refused actions answer 404 when the register is hidden,
403 when it is visible but not theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from satudata.apps.codelists import actions, permissions
from satudata.apps.codelists.errors import ActionError, ImportRejected
from satudata.apps.codelists.forms import (
    CodeImportForm,
    CodeListForm,
    EntryImportForm,
    RegisterForm,
)
from satudata.apps.codelists.models import CodeList, CodeListVersion
from satudata.apps.portal.views.common import client_ip, forbidden, form_data
from satudata.platform import access

CODES_DENIED = gettext_lazy("Only the walidata and the pembina data manage code lists.")


def _manageable_list(request: HttpRequest, slug: str) -> CodeList | None:
    """The list (404 when it does not exist), or None when the user may not manage lists."""
    code_list = get_object_or_404(CodeList, slug=slug)
    if not permissions.can_manage_code_lists(access.viewer_of(request)):
        return None
    return code_list


@login_required
def code_list_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_code_lists(access.viewer_of(request)):
        return forbidden(request, str(CODES_DENIED))
    form = CodeListForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            code_list = actions.check_create_code_list(
                user=request.user, **form.cleaned_data, ip=client_ip(request)
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Code list created. Now import its codes."))
            return redirect("codelists:code_list_import", code_list.slug)
    return render(request, "codelists/code_list_form.html", {"form": form})


@login_required
def code_list_import(request: HttpRequest, slug: str) -> HttpResponse:
    code_list = _manageable_list(request, slug)
    if code_list is None:
        return forbidden(request, str(CODES_DENIED))
    form = CodeImportForm(**form_data(request))
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = actions.check_import_codes(
                request.user,
                code_list,
                data["file"],
                note=data["note"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                ip=client_ip(request),
            )
        except ImportRejected as exc:
            messages.error(request, exc.message)
            problems = exc.problems
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Draft version %(number)s created. Check the codes, then publish it.")
                % {"number": version.number},
            )
            return redirect(f"{code_list.get_absolute_url()}?versi={version.number}")
    return render(
        request,
        "codelists/import_form.html",
        {
            "form": form,
            "problems": problems,
            "title": _("Import codes"),
            "subject": code_list,
            "back": code_list.get_absolute_url(),
            "columns": "code / kode, label_id / label / nama, label_en, parent / induk, "
            "order / urutan, valid_from / berlaku_mulai, valid_to / berlaku_sampai, "
            "notes / catatan",
        },
    )


def _version(request: HttpRequest, slug: str, number: int) -> CodeListVersion | None:
    code_list = _manageable_list(request, slug)
    if code_list is None:
        return None
    return get_object_or_404(CodeListVersion, code_list=code_list, number=number)


@login_required
@require_POST
def version_publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    if version is None:
        return forbidden(request, str(CODES_DENIED))
    try:
        actions.check_publish_code_list_version(request.user, version, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Version %(number)s is published; it will not change any more.") % {"number": number},
        )
    return redirect(f"{version.code_list.get_absolute_url()}?versi={number}")


@login_required
@require_POST
def version_discard(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    if version is None:
        return forbidden(request, str(CODES_DENIED))
    try:
        actions.check_discard_code_list_version(request.user, version, ip=client_ip(request))
    except ActionError as exc:
        messages.error(request, exc.message)
        return redirect(f"{version.code_list.get_absolute_url()}?versi={number}")
    messages.success(request, _("Draft version %(number)s removed.") % {"number": number})
    return redirect(version.code_list)


@login_required
def register_create(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not permissions.can_create_register(viewer):
        return forbidden(request, _("Only the walidata and a produsen data can create a register."))
    form = RegisterForm(**form_data(request), choose_owner=viewer.is_walidata)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owner = data.pop("owner", None) or request.user.organisation
        try:
            register = actions.check_create_register(
                user=request.user, owner=owner, **data, ip=client_ip(request)
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Register created. Now import its entries."))
            return redirect("codelists:register_import", register.slug)
    return render(request, "codelists/register_form.html", {"form": form})


@login_required
def register_import(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    register = permissions.get_register_or_404(viewer, slug)
    if not permissions.can_manage_register(viewer, register):
        return forbidden(
            request,
            _("Only the produsen data of %(organisation)s and the walidata manage this register.")
            % {"organisation": register.owner},
        )
    form = EntryImportForm(**form_data(request))
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            result = actions.check_import_register_entries(
                request.user, register, form.cleaned_data["file"], ip=client_ip(request)
            )
        except ImportRejected as exc:
            messages.error(request, exc.message)
            problems = exc.problems
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Imported: %(created)s new entries, %(updated)s updated; %(kept)s entries "
                    "not in the file are kept as they were."
                )
                % {"created": result.created, "updated": result.updated, "kept": result.kept},
            )
            return redirect(register)
    label = register.identifier_label
    return render(
        request,
        "codelists/import_form.html",
        {
            "form": form,
            "problems": problems,
            "title": _("Import entries"),
            "subject": register,
            "back": register.get_absolute_url(),
            "columns": f"{label} / identifier, nama / name, kode_wilayah, alamat / address, "
            "aktif / active, berlaku_mulai / valid_from, berlaku_sampai / valid_to",
            "extra_columns": True,
        },
    )
