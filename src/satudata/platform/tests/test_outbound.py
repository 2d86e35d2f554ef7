"""The guard on requests to addresses that users type: names are resolved by a fake DNS (no
network); the servers the client talks to run on this machine."""

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pytest_django import Settings

from satudata.platform import outbound
from satudata.platform.outbound import OutboundRefused, check_url

pytestmark = pytest.mark.usefixtures("english")

PUBLIC = "93.184.216.34"
REAL_GETADDRINFO = socket.getaddrinfo

Resolver = Callable[[str], list[str]]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, Resolver | list[str]]:
    """Names the test gives addresses (a list, or a function of how often it was asked);
    address literals are read as the system does; every other name is unknown."""
    answers: dict[str, Resolver | list[str]] = {}

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in answers:
            return REAL_GETADDRINFO(name, port, 0, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST)
        answer = answers[name]
        addresses = answer(name) if callable(answer) else answer
        found = []
        for address in addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sockaddr = (address, port or 0, 0, 0) if ":" in address else (address, port or 0)
            found.append((family, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", sockaddr))
        return found

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.0.0.1:8000/admin/",
        "http://0x7f000001/",
        "http://127.1/",
        "http://10.0.0.5/",
        "http://172.16.3.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.100.100.200/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://[ff02::1]/",
        "http://[2002:7f00:1::]/",
    ],
)
def test_internal_addresses_are_refused(dns, url: str):
    with pytest.raises(OutboundRefused) as refused:
        check_url(url)
    assert "private, local or reserved" in refused.value.message
    assert "SATUDATA_OUTBOUND_ALLOW" in refused.value.message


@pytest.mark.parametrize(
    ("name", "addresses"),
    [
        ("localhost", ["127.0.0.1", "::1"]),
        ("metadata.google.internal", ["169.254.169.254"]),
        ("intranet.example", ["10.20.30.40"]),
        ("v6.example", ["fd12:3456::1"]),
        ("mapped.example", ["::ffff:192.168.0.1"]),
        ("mixed.example", [PUBLIC, "10.0.0.1"]),
    ],
)
def test_names_that_resolve_to_internal_addresses_are_refused(dns, name, addresses):
    dns[name] = addresses
    with pytest.raises(OutboundRefused) as refused:
        check_url(f"https://{name}/catalog.ttl")
    assert name in refused.value.message


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.go.id/data.csv",
        "file:///etc/passwd",
        "gopher://example.go.id/",
        "javascript:alert(1)",
        "data:text/plain,hello",
        "example.go.id/no-scheme",
    ],
)
def test_only_http_and_https_are_allowed(dns, url: str):
    dns["example.go.id"] = [PUBLIC]
    with pytest.raises(OutboundRefused) as refused:
        check_url(url)
    assert "Only http:// and https://" in refused.value.message


def test_an_address_without_a_host_or_that_does_not_parse_is_refused(dns):
    for url in ("http:///path", "http://[::1/", ""):
        with pytest.raises(OutboundRefused):
            check_url(url)


def test_a_name_that_does_not_resolve_is_refused(dns):
    with pytest.raises(OutboundRefused) as refused:
        check_url("https://nowhere.invalid/")
    assert "could not be found" in refused.value.message


@pytest.mark.parametrize(
    ("url", "answer"),
    [
        (f"http://{PUBLIC}/api/3/action/package_search", None),
        ("https://[2606:2800:220:1:248:1893:25c8:1946]/", None),
        ("https://data.example.go.id/catalog.ttl", [PUBLIC]),
        ("https://data.example.go.id:8443/", [PUBLIC, "2606:2800:220:1:248:1893:25c8:1946"]),
        ("https://mapped.example.go.id/", ["::ffff:93.184.216.34"]),
    ],
)
def test_public_addresses_are_allowed(dns, url: str, answer):
    if answer is not None:
        dns[url.split("/")[2].split(":")[0]] = answer
    check_url(url)


def test_the_allow_list_takes_hosts_addresses_and_networks(dns, settings: Settings):
    dns["intranet.kota.go.id"] = ["10.20.30.40"]
    dns["other.kota.go.id"] = ["10.99.0.1"]
    dns["ckan.lan"] = ["192.168.5.6"]
    settings.OUTBOUND_ALLOW = ["127.0.0.1", "10.20.0.0/16", "CKAN.lan.", "fd00::/8"]
    check_url("http://127.0.0.1:5000/")
    check_url("http://[::ffff:127.0.0.1]:5000/")
    check_url("https://intranet.kota.go.id/")
    check_url("http://ckan.lan/")
    check_url("http://[fd00::7]/")
    for refused in ("http://127.0.0.2/", "https://other.kota.go.id/", "http://[::1]/"):
        with pytest.raises(OutboundRefused):
            check_url(refused)


def test_the_allow_list_is_empty_by_default():
    from satudata.config import settings as defaults

    assert defaults.OUTBOUND_ALLOW == []
    assert outbound.allow_list() == outbound.AllowList(frozenset(), ())


class Server:
    def __init__(self) -> None:
        self.paths: list[str] = []
        self.redirect_to = ""
        self.base = ""
        self.port = 0


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            state.paths.append(self.path)
            if self.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", state.redirect_to)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state.port = httpd.server_address[1]
    state.base = f"http://127.0.0.1:{state.port}"
    yield state
    httpd.shutdown()
    httpd.server_close()


def test_the_client_refuses_before_connecting(dns, server: Server):
    with outbound.client(timeout=5) as client, pytest.raises(OutboundRefused):
        client.get(server.base + "/")
    assert server.paths == []


def test_the_client_reaches_an_allowed_host(dns, server: Server, settings: Settings):
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    with outbound.client(timeout=5) as client:
        assert client.get(server.base + "/").text == "ok"


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/secret",
        "http://localhost:{port}/secret",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(
    dns, server: Server, settings: Settings, target: str
):
    settings.OUTBOUND_ALLOW = ["127.0.0.1"]
    dns["localhost"] = ["127.0.0.2"]
    server.redirect_to = target.format(port=server.port)
    with (
        outbound.client(timeout=5, follow_redirects=True) as client,
        pytest.raises(OutboundRefused),
    ):
        client.get(server.base + "/redirect")
    assert server.paths == ["/redirect"]


def test_a_name_that_changes_its_answer_after_the_check_is_refused_at_connect(dns, server: Server):
    calls: list[str] = []

    def rebinding(name: str) -> list[str]:
        calls.append(name)
        return [PUBLIC] if len(calls) == 1 else ["127.0.0.1"]

    dns["rebind.example"] = rebinding
    with outbound.client(timeout=5) as client, pytest.raises(OutboundRefused):
        client.get(f"http://rebind.example:{server.port}/")
    assert len(calls) == 2
    assert server.paths == []
