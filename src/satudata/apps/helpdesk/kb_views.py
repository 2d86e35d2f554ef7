"""The knowledge base: the public FAQ at /bantuan/ (searchable, grouped by category), an
article's page, and the walidata's pages to write articles (also from a ticket's answer) and
to set the service targets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.helpdesk import actions, queries
from satudata.apps.helpdesk.forms import ArticleForm, TargetForm
from satudata.apps.helpdesk.models import (
    Article,
    Category,
    ServiceTarget,
    Ticket,
    TicketMessage,
)
from satudata.apps.portal.views.common import client_ip, form_data
from satudata.platform import access
from satudata.platform import access_helpdesk as gate


@require_GET
def faq(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    category = request.GET.get("kategori", "")
    groups = queries.faq(q, category)
    context = {
        "groups": groups,
        "q": q,
        "category": category,
        "categories": Category.choices,
        "found": sum(len(items) for _value, _label, items in groups),
    }
    return render(request, "helpdesk/faq.html", context)


@require_GET
def article_page(request: HttpRequest, slug: str) -> HttpResponse:
    article = queries.article_or_404(access.viewer_of(request), slug=slug)
    return render(request, "helpdesk/article_page.html", {"article": article})


def _editor(request: HttpRequest) -> access.Viewer:
    viewer = access.viewer_of(request)
    if not gate.can_edit_articles(viewer):
        raise PermissionDenied
    return viewer


@require_GET
@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    viewer = _editor(request)
    return render(
        request, "helpdesk/article_list.html", {"articles": queries.articles(viewer)[:500]}
    )


def _save(
    request: HttpRequest, form: ArticleForm, article: Article | None, ticket: Ticket | None = None
) -> Article:
    data = form.cleaned_data
    return actions.check_save_article(
        user=request.user,
        question=data["question"],
        answer=data["answer"],
        category=data["category"],
        is_published=data["is_published"],
        article=article,
        source_ticket=ticket,
        ip=client_ip(request),
    )


@login_required
def article_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    viewer = _editor(request)
    article = queries.article_or_404(viewer, pk=pk) if pk else None
    form = ArticleForm(**form_data(request), instance=article)
    if request.method == "POST" and form.is_valid():
        try:
            article = _save(request, form, article)
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Article saved."))
            return redirect("helpdesk:articles")
    return render(request, "helpdesk/article_form.html", {"form": form, "article": article})


@login_required
def article_from_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    """A new article prefilled with the ticket's subject and one of the walidata's replies."""
    viewer = _editor(request)
    ticket = queries.ticket_or_404(viewer, pk)
    initial = {"question": ticket.subject, "category": ticket.category}
    message_id = request.GET.get("pesan", "")
    if message_id.isdigit():
        reply = ticket.messages.filter(
            pk=int(message_id), kind=TicketMessage.Kind.REPLY, from_walidata=True
        ).first()
        if reply is None:
            raise Http404
        initial["answer"] = reply.body
    form = ArticleForm(**form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _save(request, form, None, ticket)
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Article saved."))
            return redirect(ticket)
    return render(
        request, "helpdesk/article_form.html", {"form": form, "article": None, "ticket": ticket}
    )


@require_POST
@login_required
def article_delete(request: HttpRequest, pk: int) -> HttpResponse:
    viewer = _editor(request)
    article = queries.article_or_404(viewer, pk=pk)
    actions.check_delete_article(user=request.user, article=article, ip=client_ip(request))
    messages.success(request, _("Article deleted."))
    return redirect("helpdesk:articles")


@login_required
def targets(request: HttpRequest) -> HttpResponse:
    _editor(request)
    current = ServiceTarget.current()
    initial = {
        "first_response_days": current.first_response_days,
        "resolution_days": current.resolution_days,
        "holidays": "\n".join(current.holidays or []),
    }
    form = TargetForm(**form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_save_targets(
                user=request.user,
                first_response_days=data["first_response_days"],
                resolution_days=data["resolution_days"],
                holidays=data["holidays"],
                ip=client_ip(request),
            )
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Service targets saved."))
            return redirect("helpdesk:tickets")
    return render(request, "helpdesk/targets.html", {"form": form})
