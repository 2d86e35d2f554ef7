"""Signing a webhook body: HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret."""

import hashlib
import hmac
import json
import secrets
from typing import Any

SECRET_BYTES = 32


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(SECRET_BYTES)


def body_of(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def headers(*, secret: str, event: str, delivery_id: int, timestamp: str, body: bytes) -> dict:
    return {
        "Content-Type": "application/json",
        "User-Agent": "satudata-webhooks/1.0",
        "X-Satudata-Event": event,
        "X-Satudata-Delivery": str(delivery_id),
        "X-Satudata-Timestamp": timestamp,
        "X-Satudata-Signature": signature(secret, timestamp, body),
    }


def verify(secret: str, timestamp: str, body: bytes, received: str) -> bool:
    return hmac.compare_digest(signature(secret, timestamp, body), received)
