"""API: the signed-in user, their personal API tokens, and the producing organisations with the
number of datasets the viewer may see."""

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Status

from satudata.apps.accounts.models import ApiToken, Organisation
from satudata.apps.accounts.schemas import (
    MeOut,
    OrganisationDetail,
    OrganisationPage,
    TokenCreated,
    TokenIn,
    TokenOut,
)
from satudata.apps.accounts.tokens import create_token, revoke_token
from satudata.platform import access
from satudata.platform.api import SIGNED_IN, Id, Limit, Offset, Slug, api_viewer, errors, paged
from satudata.platform.audit import client_ip

router = Router(tags=["accounts"], auth=SIGNED_IN)
organisations_router = Router(tags=["organisations"])


@router.get("/me", response={200: MeOut, **errors()})
def me(request: HttpRequest) -> dict:
    user = request.auth
    org = user.organisation
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "organisation": org,
        "roles": sorted(user.role_set),
    }


@router.get("/tokens", response={200: list[TokenOut], **errors()})
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    return list(request.auth.api_tokens.all())


@router.post("/tokens", response={201: TokenCreated, **errors(400, 403, 422)})
def new_token(request: HttpRequest, payload: TokenIn) -> Status:
    expires_at = None
    if payload.expires_in_days is not None:
        expires_at = timezone.now() + timedelta(days=payload.expires_in_days)
    token, raw = create_token(request.auth, payload.name.strip(), expires_at, ip=client_ip(request))
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", response={204: None, **errors(403, 404, 422)})
def delete_token(request: HttpRequest, token_id: Id) -> Status:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.auth)
    revoke_token(request.auth, token, ip=client_ip(request))
    return Status(204, None)


def _organisations(viewer: access.Viewer) -> QuerySet:
    """Producing organisations, each with the number of published datasets `viewer` may see."""
    visible = access.dataset_q(viewer, "datasets__") & Q(datasets__published_version__isnull=False)
    return (
        Organisation.objects.filter(kind__in=Organisation.PRODUCER_KINDS)
        .annotate(dataset_count=Count("datasets", filter=visible))
        .order_by("name", "pk")
    )


def organisation_dict(org: Organisation) -> dict[str, Any]:
    return {
        "slug": org.slug,
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "dataset_count": org.dataset_count,
        "url": org.get_absolute_url(),
    }


@organisations_router.get("/organisations", response={200: OrganisationPage, **errors(422)})
def list_organisations(
    request: HttpRequest, offset: Offset = 0, limit: Limit = 20
) -> dict[str, Any]:
    """Producing organisations (OPD, BUMD, walidata) with the datasets you may see."""
    viewer = api_viewer(request)
    return paged(request, _organisations(viewer), offset, limit, organisation_dict)


@organisations_router.get(
    "/organisations/{slug}", response={200: OrganisationDetail, **errors(404, 422)}
)
def get_organisation(request: HttpRequest, slug: Slug) -> dict[str, Any]:
    """One organisation's profile, with its datasets you may see counted per topic."""
    viewer = api_viewer(request)
    org = _organisations(viewer).filter(slug=slug).first()
    if org is None:
        raise Http404
    topics = (
        access.public_datasets(viewer)
        .filter(organisation=org)
        .values("topic__slug", "topic__name")
        .annotate(dataset_count=Count("pk"))
        .order_by("topic__name")
    )
    return {
        **organisation_dict(org),
        "description": org.description,
        "kode_wilayah": org.kode_wilayah,
        "email": org.email,
        "website": org.website,
        "address": org.address,
        "topics": [
            {
                "slug": t["topic__slug"],
                "name": t["topic__name"],
                "dataset_count": t["dataset_count"],
            }
            for t in topics
        ],
    }
