"""The walidata's monitoring: every OPD's progress at a glance, and the audit log."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import State
from satudata.apps.monitoring import queries
from satudata.apps.monitoring.forms import AuditFilterForm
from satudata.apps.portal.views.common import paginate
from satudata.platform import audit
from satudata.platform.access import viewer_of

AUDIT_PAGE_SIZE = 50


def _walidata_only(request: HttpRequest) -> None:
    if not viewer_of(request).is_walidata:
        raise Http404


@login_required
def progress(request: HttpRequest) -> HttpResponse:
    _walidata_only(request)
    sort = request.GET.get("sort", "name")
    rows = queries.progress(viewer_of(request), timezone.localdate(), sort)
    return render(
        request,
        "monitoring/progress.html",
        {
            "rows": rows,
            "sort": sort,
            "states": State.choices,
            "totals": {
                "total": sum(r.total for r in rows),
                "published": sum(r.published for r in rows),
                "late": sum(r.late for r in rows),
            },
        },
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    _walidata_only(request)
    form = AuditFilterForm(request.GET or None)
    page = paginate(request, queries.audit_entries(**form.filters()), AUDIT_PAGE_SIZE)
    organisations = Organisation.objects.in_bulk(
        {e.organisation_id for e in page.object_list if e.organisation_id}
    )
    chain = None
    if request.GET.get("verify"):
        checked, breaks = audit.verify_chain()
        chain = {"checked": checked, "breaks": breaks}
    return render(
        request,
        "monitoring/audit.html",
        {"form": form, "page_obj": page, "organisations": organisations, "chain": chain},
    )
