"""API routes of the codelists app."""

from ninja import Router

router = Router(tags=["codelists"])
