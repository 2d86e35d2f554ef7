"""API routes of the consistency app."""

from ninja import Router

router = Router(tags=["consistency"])
