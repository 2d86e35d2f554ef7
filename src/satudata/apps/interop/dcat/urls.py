from django.urls import URLPattern, URLResolver, path

from satudata.apps.interop.dcat import views
from satudata.apps.interop.dcat.rdf import SERIALISATIONS

urlpatterns: list[URLPattern | URLResolver] = []
for fmt in SERIALISATIONS:
    urlpatterns += [
        path(f"catalog.{fmt}", views.catalog, {"fmt": fmt}, name=f"dcat_catalog_{fmt}"),
        path(
            f"dataset/<slug:slug>/dcat.{fmt}",
            views.dataset,
            {"fmt": fmt},
            name=f"dcat_dataset_{fmt}",
        ),
    ]
