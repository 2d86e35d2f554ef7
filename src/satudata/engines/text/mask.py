"""Personal identifiers in posts replaced on ingest by stable, keyed tokens.

Phone numbers (08…, +62…, 62…), e-mail addresses, NIK (16 digits, also written in groups with
spaces, dots or dashes) and @handles become `[telepon:…]`, `[email:…]`, `[nik:…]` and
`@pengguna_…`, where `…` is the first 10 hex digits of an HMAC-SHA256 of the identifier under
the portal's key: the same person gets the same token in every post, and nobody without the key
can go back. Numbers that are not identifiers — years, dates, prices such as "Rp 15.000", house
numbers, kode wilayah such as 36.71.01 — are left as they are."""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field

TOKEN_LENGTH = 10
AUTHOR_LENGTH = 16
KINDS = ("nik", "email", "telepon", "pengguna")

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)
# Sixteen digits, together or in groups of at least two separated by one same space, dot or dash.
NIK = re.compile(r"(?<![\d.,-])\d{2,}(?:([ .-])\d{2,}(?:\1\d{2,}){0,6})?(?![\d]|[.,-]\d)")
NIK_PROVINCES = range(11, 95)
PHONE = re.compile(
    r"(?<![\w+])(?:\+62|62|0)[ .-]?\(?8\d{1,2}\)?(?:[ .-]?\d{2,5}){2,4}(?![\d]|[.,]\d)"
)
HANDLE = re.compile(r"(?<![\w@])@([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)", re.IGNORECASE)
NIK_DIGITS = 16
PHONE_DIGITS = range(10, 15)


@dataclass(frozen=True, slots=True)
class Masked:
    """A masked text and how many identifiers of each kind were replaced."""

    text: str
    counts: dict[str, int] = field(default_factory=dict)


def _token(value: str, key: bytes, length: int = TOKEN_LENGTH) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:length]


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def phone_key(digits: str) -> str:
    """A phone number's digits in the +62 form, so that 0812… and +62812… meet."""
    if digits.startswith("0"):
        return "62" + digits[1:]
    return digits


def author_hash(author: str, key: bytes) -> str:
    """A stable pseudonym (16 hex digits) of a post's author: handle or name, case and a leading
    @ ignored."""
    return _token(author.strip().lstrip("@").lower(), key, AUTHOR_LENGTH)


def mask(text: str, key: bytes) -> Masked:
    """`text` with its phone numbers, e-mail addresses, NIK and @handles replaced."""
    counts = dict.fromkeys(KINDS, 0)

    def email(match: re.Match[str]) -> str:
        counts["email"] += 1
        return f"[email:{_token(match.group(0).lower(), key)}]"

    def nik(match: re.Match[str]) -> str:
        digits = _digits(match.group(0))
        if len(digits) != NIK_DIGITS or int(digits[:2]) not in NIK_PROVINCES:
            return match.group(0)
        counts["nik"] += 1
        return f"[nik:{_token(digits, key)}]"

    def phone(match: re.Match[str]) -> str:
        digits = _digits(match.group(0))
        if len(digits) not in PHONE_DIGITS:
            return match.group(0)
        counts["telepon"] += 1
        return f"[telepon:{_token(phone_key(digits), key)}]"

    def handle(match: re.Match[str]) -> str:
        counts["pengguna"] += 1
        return f"@pengguna_{_token(match.group(1).lower(), key)}"

    if "@" in text:
        text = EMAIL.sub(email, text)
    if any(c.isdigit() for c in text):
        text = NIK.sub(nik, text)
        text = PHONE.sub(phone, text)
    if "@" in text:
        text = HANDLE.sub(handle, text)
    return Masked(text, {kind: n for kind, n in counts.items() if n})
