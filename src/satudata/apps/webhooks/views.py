"""Pages of the outgoing webhooks: the walidata's and each produsen data's own."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.catalog.errors import ActionError
from satudata.apps.portal.views.common import client_ip, forbidden, form_data, paginate
from satudata.apps.webhooks import actions
from satudata.apps.webhooks.forms import WebhookForm
from satudata.apps.webhooks.models import Delivery, Webhook
from satudata.platform import access

View = Callable[..., HttpResponse]


def managers_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not actions.can_manage_webhooks(access.viewer_of(request)):
            return forbidden(request, _("Only the walidata and produsen data can use webhooks."))
        return view(request, *args, **kwargs)

    return wrapper


def _webhook(request: HttpRequest, pk: int) -> Webhook:
    webhook = actions.manageable(access.viewer_of(request)).filter(pk=pk).first()
    if webhook is None:
        raise Http404
    return webhook


@managers_only
def webhook_list(request: HttpRequest) -> HttpResponse:
    hooks = actions.manageable(access.viewer_of(request)).select_related("organisation")
    return render(request, "webhooks/list.html", {"webhooks": hooks})


@managers_only
def webhook_create(request: HttpRequest) -> HttpResponse:
    viewer = access.viewer_of(request)
    form = WebhookForm(walidata=viewer.is_walidata, **form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            webhook = actions.check_create_webhook(
                user=request.user, data=form.cleaned_data, ip=client_ip(request)
            )
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            response = render(request, "webhooks/created.html", {"webhook": webhook})
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "webhooks/form.html", {"form": form})


@managers_only
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    page = paginate(request, webhook.deliveries.all())
    return render(request, "webhooks/detail.html", {"webhook": webhook, "page_obj": page})


@require_POST
@managers_only
def webhook_test(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    actions.check_send_test(user=request.user, webhook=webhook, ip=client_ip(request))
    messages.success(request, _("A test delivery was sent."))
    return redirect(webhook)


@require_POST
@managers_only
def webhook_active(request: HttpRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    active = request.POST.get("active") == "1"
    actions.check_set_active(
        user=request.user, webhook=webhook, active=active, ip=client_ip(request)
    )
    messages.success(
        request, _("The webhook is active.") if active else _("The webhook is deactivated.")
    )
    return redirect(webhook)


@require_POST
@managers_only
def delivery_redeliver(request: HttpRequest, pk: int, delivery_pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    delivery = Delivery.objects.filter(webhook=webhook, pk=delivery_pk).first()
    if delivery is None:
        raise Http404
    actions.check_redeliver(user=request.user, delivery=delivery, ip=client_ip(request))
    messages.success(request, _("The delivery was sent again."))
    return redirect(webhook)
