from django.contrib.auth import views as auth_views
from django.urls import path

from satudata.apps.accounts import views

app_name = "accounts"

urlpatterns = [
    path("masuk/", views.SignInView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("sandi/ubah/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "sandi/ubah/selesai/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "sandi/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("token/", views.tokens, name="tokens"),
    path("token/<int:pk>/cabut/", views.token_revoke, name="token_revoke"),
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/baca/", views.notifications_read, name="notifications_read"),
]
