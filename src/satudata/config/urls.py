from django.contrib import admin
from django.urls import include, path

from satudata.config.api import api

urlpatterns = [
    path("", include("satudata.apps.portal.urls")),
    path("", include("satudata.apps.registry.urls")),
    path("", include("satudata.apps.codelists.urls")),
    path("", include("satudata.apps.standards.urls")),
    path("", include("satudata.apps.consistency.urls")),
    path("", include("satudata.apps.interop.urls")),
    path("", include("satudata.apps.geo.urls")),
    path("", include("satudata.apps.statistics.urls")),
    path("", include("satudata.apps.indicators.urls")),
    path("", include("satudata.apps.epss.urls")),
    path("", include("satudata.apps.helpdesk.urls")),
    path("", include("satudata.apps.bigdata.urls")),
    path("kerja/", include("satudata.apps.harvest.urls")),
    path("kerja/", include("satudata.apps.webhooks.urls")),
    path("kerja/", include("satudata.apps.catalog.urls")),
    path("kerja/", include("satudata.apps.monitoring.urls")),
    path("akun/", include("satudata.apps.accounts.urls")),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "satudata.apps.portal.views.errors.not_found"
handler500 = "satudata.apps.portal.views.errors.server_error"
