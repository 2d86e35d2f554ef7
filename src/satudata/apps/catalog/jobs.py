"""Registers the catalog's background job handlers (imported from AppConfig.ready)."""

from satudata.apps.catalog.actions import uploads  # noqa: F401
