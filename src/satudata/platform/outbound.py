"""Requests to addresses that users type (harvest sources, webhooks) go only to the public
internet: never to the portal's own machine, its private network or a cloud's metadata service
(server-side request forgery).

`check_url` is the one check. It runs when such an address is saved and before every request the
portal sends to it, each redirect included: http or https only, and every address the host name
resolves to must be public (not loopback, private, link-local, multicast, reserved, unspecified
or shared; an IPv4 address inside an IPv6 one is judged as IPv4). Hosts and networks listed in
SATUDATA_OUTBOUND_ALLOW (names, addresses or CIDR ranges, comma separated) are exempt.

`client()` is the HTTP client for such requests: it checks every request it sends, and when it
opens a connection it resolves the host again and connects only to an address that passes, so
that a name whose answer changes between the check and the connection gains nothing. Behind an
outgoing proxy (HTTP_PROXY / HTTPS_PROXY) the proxy connects; the check before each request
still applies."""

import contextlib
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
SCHEMES = ("http", "https")


class OutboundRefused(ValueError):
    """An address the portal does not send requests to; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def validate_url(url: str) -> None:
    """`check_url` for a form field: a refusal becomes the field's error."""
    try:
        check_url(url)
    except OutboundRefused as exc:
        raise ValidationError(exc.message) from exc


@dataclass(frozen=True)
class AllowList:
    hosts: frozenset[str]
    networks: tuple[Network, ...]

    def allows_host(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.hosts

    def allows_address(self, address: IPAddress) -> bool:
        candidates = [address, *_embedded(address)]
        return any(ip in network for ip in candidates for network in self.networks)


def allow_list() -> AllowList:
    """SATUDATA_OUTBOUND_ALLOW: each entry a network ("10.20.0.0/16", "192.168.1.5", "fd00::/8")
    or a host name ("intranet.kota.go.id")."""
    hosts: set[str] = set()
    networks: list[Network] = []
    for entry in settings.OUTBOUND_ALLOW:
        text = entry.strip().lower().rstrip(".")
        try:
            networks.append(ipaddress.ip_network(text.strip("[]"), strict=False))
        except ValueError:
            if text:
                hosts.add(text)
    return AllowList(frozenset(hosts), tuple(networks))


def _embedded(address: IPAddress) -> list[ipaddress.IPv4Address]:
    """The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, 6to4 2002::/16)."""
    if isinstance(address, ipaddress.IPv4Address):
        return []
    return [ip for ip in (address.ipv4_mapped, address.sixtofour) if ip is not None]


def is_internal(address: IPAddress) -> bool:
    """Whether `address` is anything but a public unicast internet address."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_internal(address.ipv4_mapped)
    if any(is_internal(ip) for ip in _embedded(address)):
        return True
    return (
        not address.is_global
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def resolve(host: str) -> list[IPAddress]:
    """Every address `host` (a name or an address literal) resolves to, in the resolver's order."""
    try:
        found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise OutboundRefused(
            _("The host %(host)s could not be found; check the address.") % {"host": host}
        ) from exc
    addresses: list[IPAddress] = []
    for *_rest, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise OutboundRefused(
            _("The host %(host)s could not be found; check the address.") % {"host": host}
        )
    return addresses


def vet(host: str) -> list[IPAddress]:
    """The addresses of `host`, all of them allowed; else `OutboundRefused`."""
    allowed = allow_list()
    addresses = resolve(host)
    if allowed.allows_host(host):
        return addresses
    for address in addresses:
        if is_internal(address) and not allowed.allows_address(address):
            raise OutboundRefused(
                _(
                    "The address %(host)s (%(address)s) is private, local or reserved: the "
                    "portal only sends requests to public internet addresses. If it is a "
                    "trusted server of your network, ask the administrator to add it to "
                    "SATUDATA_OUTBOUND_ALLOW."
                )
                % {"host": host, "address": address}
            )
    return addresses


def check_url(url: str) -> None:
    """Refuse (`OutboundRefused`) an address the portal must not send a request to."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise OutboundRefused(_("%(url)s is not a valid web address.") % {"url": url}) from exc
    if parsed.scheme not in SCHEMES:
        raise OutboundRefused(
            _("Only http:// and https:// addresses can be used, not %(url)s.") % {"url": url}
        )
    host = parsed.raw_host.decode("ascii")
    if not host:
        raise OutboundRefused(_("The address %(url)s has no host name.") % {"url": url})
    vet(host)


class _CheckedBackend(httpcore.SyncBackend):
    """Connects only to an address of the host that passes the check, resolved here again."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        *others, last = vet(host)
        for address in others:
            with contextlib.suppress(httpcore.ConnectError, httpcore.ConnectTimeout):
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
        return super().connect_tcp(str(last), port, timeout, local_address, socket_options)


class CheckedTransport(httpx.HTTPTransport):
    """httpx's transport whose connections go through `_CheckedBackend`."""

    def __init__(self) -> None:
        ssl_context = httpx.create_ssl_context()
        super().__init__(verify=ssl_context)
        limits = httpx.Limits()
        # httpx gives no way to choose the network backend of its connection pool.
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_CheckedBackend(),
        )


def _check_request(request: httpx.Request) -> None:
    check_url(str(request.url))


def client(
    *, timeout: float, follow_redirects: bool = False, max_redirects: int = 5
) -> httpx.Client:
    """An HTTP client for addresses that users typed: every request it sends (each redirect
    too) is checked with `check_url`, and it connects only to allowed addresses. A refused
    address raises `OutboundRefused` (not an `httpx.HTTPError`)."""
    return httpx.Client(
        transport=CheckedTransport(),
        timeout=timeout,
        follow_redirects=follow_redirects,
        max_redirects=max_redirects,
        event_hooks={"request": [_check_request]},
    )
