"""The NinjaAPI root: one OpenAPI document for every endpoint, at /api/v1/openapi.json."""

from ninja import NinjaAPI

from satudata.apps.accounts.api import router as accounts_router
from satudata.apps.catalog.api import router as catalog_router
from satudata.platform.api import install_error_handlers

api = NinjaAPI(
    title="Satu Data API",
    version="1",
    description="Datasets, versions and uploads of the Satu Data portal.",
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/", catalog_router)
