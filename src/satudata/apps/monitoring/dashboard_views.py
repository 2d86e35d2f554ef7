"""The dashboard pages: every OPD for a period (with its XLSX and PDF report for the Forum Satu
Data), one OPD's page for its head, and a dataset's quality score with its breakdown."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from satudata.apps.accounts.models import Organisation
from satudata.apps.monitoring import dashboard, reports
from satudata.apps.monitoring.forms import PeriodForm
from satudata.apps.monitoring.models import DatasetQuality
from satudata.apps.monitoring.quality import breakdown
from satudata.apps.monitoring.reminders import due_items
from satudata.platform import access, access_monitoring


@login_required
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not access_monitoring.sees_dashboard(viewer):
        raise Http404
    form = PeriodForm(request.GET or None)
    figures = dashboard.figures(viewer, form.period(timezone.localdate()))
    sort = request.GET.get("sort", "score")
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "board": figures,
            "rows": dashboard.ranked(figures.rows, sort),
            "sort": sort,
            "chart": reports.trend_chart(figures),
        },
    )


@login_required
@require_GET
def dashboard_report(request: HttpRequest, fmt: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    if not access_monitoring.sees_dashboard(viewer) or fmt not in reports.FORMATS:
        raise Http404
    form = PeriodForm(request.GET or None)
    figures = dashboard.figures(viewer, form.period(timezone.localdate()))
    return reports.response(figures, fmt)


@login_required
@require_GET
def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    organisation = get_object_or_404(Organisation, slug=slug)
    if not access_monitoring.sees_organisation(viewer, organisation):
        raise Http404
    form = PeriodForm(request.GET or None)
    today = timezone.localdate()
    figures = dashboard.figures(
        viewer, form.period(today), Organisation.objects.filter(pk=organisation.pk)
    )
    datasets = list(
        access.datasets(viewer)
        .filter(organisation=organisation)
        .order_by("title")
        .only("pk", "slug", "title", "state", "access_level")
    )
    visible = {dataset.pk for dataset in datasets}
    scores = dict(
        DatasetQuality.objects.filter(dataset_id__in=visible).values_list("dataset_id", "score")
    )
    due = [item for item in due_items(today, organisation.pk) if item.dataset.pk in visible]
    return render(
        request,
        "monitoring/organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "row": figures.rows[0],
            "board": figures,
            "chart": reports.trend_chart(figures, figures.rows[0].trend),
            "due": [(item, scores.get(item.dataset.pk)) for item in due],
            "today": today,
            "scores": scores,
            "datasets": datasets,
        },
    )


@login_required
@require_GET
def dataset_quality(request: HttpRequest, slug: str) -> HttpResponse:
    viewer = access.viewer_of(request)
    found = access.get_dataset_or_404(viewer, slug=slug)
    if not access_monitoring.sees_organisation(viewer, found.organisation):
        raise Http404
    stored = DatasetQuality.objects.filter(dataset=found).first()
    return render(
        request,
        "monitoring/quality.html",
        {
            "dataset": found,
            "stored": stored,
            "parts": breakdown(stored) if stored else [],
        },
    )
