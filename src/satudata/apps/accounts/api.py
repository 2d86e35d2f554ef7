"""API: the signed-in user and their personal API tokens."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from satudata.apps.accounts.models import ApiToken
from satudata.apps.accounts.schemas import MeOut, TokenCreated, TokenIn, TokenOut
from satudata.apps.accounts.tokens import create_token, revoke_token
from satudata.platform.api import SIGNED_IN, ErrorEnvelope

router = Router(tags=["accounts"], auth=SIGNED_IN)


@router.get("/me", response={200: MeOut, 401: ErrorEnvelope})
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


@router.get("/tokens", response={200: list[TokenOut], 401: ErrorEnvelope})
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    return list(request.auth.api_tokens.all())


@router.post("/tokens", response={201: TokenCreated, 401: ErrorEnvelope, 422: ErrorEnvelope})
def new_token(request: HttpRequest, payload: TokenIn) -> Status:
    token, raw = create_token(request.auth, payload.name.strip()[:100], payload.expires_at)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.delete("/tokens/{token_id}", response={204: None, 401: ErrorEnvelope, 404: ErrorEnvelope})
def delete_token(request: HttpRequest, token_id: int) -> Status:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.auth)
    revoke_token(request.auth, token)
    return Status(204, None)
