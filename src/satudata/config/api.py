"""The NinjaAPI root: one OpenAPI document for every endpoint, at /api/v1/openapi.json, with
interactive docs at /api/v1/docs served from the package's own static files (no CDN)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from satudata.apps.accounts.api import organisations_router
from satudata.apps.accounts.api import router as accounts_router
from satudata.apps.catalog.api import router as catalog_router
from satudata.apps.catalog.api_topics import router as topics_router
from satudata.apps.codelists.api import router as codelists_router
from satudata.apps.consistency.api import router as consistency_router
from satudata.apps.epss.api import router as epss_router
from satudata.apps.helpdesk.api import router as helpdesk_router
from satudata.apps.indicators.api import router as indicators_router
from satudata.apps.portal.api import router as data_router
from satudata.apps.registry.api import router as wilayah_router
from satudata.apps.standards.api import router as standards_router
from satudata.apps.statistics.api import router as statistics_router
from satudata.platform.api import (
    SatuDataAPI,
    anonymous_rate,
    install_error_handlers,
    limit_anonymous,
)

try:
    anonymous_rate(settings.API_RATE_ANON or "")
except ValueError as exc:
    raise ImproperlyConfigured(f"SATUDATA_API_RATE_ANON: {exc}") from exc

api = SatuDataAPI(
    title="Satu Data API",
    version="1",
    description=(
        "Datasets, organisations, topics, versions and uploads of the Satu Data portal. "
        'Errors always have one shape: {"error": {"code", "message", "details"}}.'
    ),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_decorator(limit_anonymous, mode="view")
api.add_router("/", accounts_router)
api.add_router("/", catalog_router)
api.add_router("/", data_router)
api.add_router("/", organisations_router)
api.add_router("/", topics_router)
api.add_router("/", wilayah_router)
api.add_router("/", codelists_router)
api.add_router("/", standards_router)
api.add_router("/", consistency_router)
api.add_router("/", statistics_router)
api.add_router("/", indicators_router)
api.add_router("/", epss_router)
api.add_router("/", helpdesk_router)
