"""A small local HTTP server that answers like a CKAN portal or a paged DCAT catalogue, from
packages the test writes (synthetic records, made up for the tests), and redirects where told."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def package(
    name: str,
    modified: str,
    *,
    org: str = "dinkes-remote",
    resources: Any = None,
    private: bool = False,
    title: str | None = None,
) -> dict[str, Any]:
    return {
        "id": f"id-{name}",
        "name": name,
        "title": title or name.replace("-", " ").title(),
        "notes": f"Deskripsi {name} (data sintetis uji).",
        "organization": {"name": org, "title": org.upper()},
        "tags": [{"name": "kesehatan"}, {"name": "uji"}],
        "groups": [{"name": "kesehatan", "title": "Kesehatan"}],
        "resources": resources
        if resources is not None
        else [
            {
                "id": f"r-{name}",
                "name": f"{name}.csv",
                "url": f"https://data.example.go.id/{name}.csv",
                "format": "CSV",
                "description": "Berkas CSV",
            }
        ],
        "license_id": "cc-by",
        "metadata_modified": modified,
        "private": private,
        "state": "active",
        "extras": [{"key": "frekuensi_penerbitan", "value": "Tahunan"}],
    }


@dataclass
class Remote:
    packages: list[dict[str, Any]] = field(default_factory=list)
    dcat_pages: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    base: str = ""
    show_private: bool = False

    def search(self, query: dict[str, list[str]]) -> dict[str, Any]:
        found = [p for p in self.packages if self.show_private or not p["private"]]
        fq = query.get("fq", [""])[0]
        if fq.startswith("metadata_modified:["):
            since = fq.split("[", 1)[1].split(" TO ", 1)[0].rstrip("Z")
            found = [p for p in found if p["metadata_modified"] >= since[:23]]
        found.sort(key=lambda p: p["metadata_modified"])
        start, rows = int(query.get("start", ["0"])[0]), int(query.get("rows", ["10"])[0])
        return {"count": len(found), "results": found[start : start + rows]}


def _handler(remote: Remote) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            remote.requests.append((parts.path, query))
            if parts.path in remote.redirects:
                self.send_response(302)
                self.send_header("Location", remote.redirects[parts.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif parts.path == "/api/3/action/package_search":
                body = json.dumps({"success": True, "result": remote.search(query)}).encode()
                self._send(200, "application/json", body)
            elif parts.path in remote.dcat_pages:
                self._send(200, *remote.dcat_pages[parts.path])
            else:
                self._send(404, "text/plain", b"not found")

        def _send(self, status: int, content_type: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serve(remote: Remote) -> Iterator[Remote]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(remote))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    remote.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield remote
    finally:
        server.shutdown()
        server.server_close()
