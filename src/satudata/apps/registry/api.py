"""API routes of the registry app."""

from ninja import Router

router = Router(tags=["registry"])
