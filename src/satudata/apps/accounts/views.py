"""Signing in and out, passwords, personal API tokens and notifications."""

from datetime import date, datetime, time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from satudata.apps.accounts.forms import SignInForm, TokenForm
from satudata.apps.accounts.inbox import mark_read
from satudata.apps.accounts.tokens import create_token, revoke_token
from satudata.apps.portal.views.common import client_ip, form_data, paginate


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("catalog:dashboard")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")
    extra_email_context = {"site_name": settings.SITE_NAME}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _end_of_day(day: date | None) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.max))


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(**form_data(request))
    created = None
    if request.method == "POST" and form.is_valid():
        expires_at = _end_of_day(form.cleaned_data["expires_at"])
        if expires_at is not None and expires_at <= timezone.now():
            form.add_error("expires_at", _("Choose a date in the future."))
        else:
            token, raw = create_token(
                request.user, form.cleaned_data["name"], expires_at, ip=client_ip(request)
            )
            created = {"token": token, "raw": raw}
            form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"form": form, "created": created, "tokens": request.user.api_tokens.all()},
    )


@require_POST
@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    revoke_token(request.user, token, ip=client_ip(request))
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("accounts:tokens")


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/notifications.html",
        {"page_obj": paginate(request, request.user.notifications.all())},
    )


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
    mark_read(request.user, ids or None)
    return redirect("accounts:notifications")
