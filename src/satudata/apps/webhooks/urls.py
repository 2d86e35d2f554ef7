from django.urls import URLPattern, URLResolver, path

from satudata.apps.webhooks import views

app_name = "webhooks"
urlpatterns: list[URLPattern | URLResolver] = [
    path("webhook/", views.webhook_list, name="list"),
    path("webhook/baru/", views.webhook_create, name="create"),
    path("webhook/<int:pk>/", views.webhook_detail, name="detail"),
    path("webhook/<int:pk>/uji/", views.webhook_test, name="test"),
    path("webhook/<int:pk>/aktif/", views.webhook_active, name="active"),
    path(
        "webhook/<int:pk>/kiriman/<int:delivery_pk>/ulang/",
        views.delivery_redeliver,
        name="redeliver",
    ),
]
