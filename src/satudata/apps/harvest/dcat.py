"""Harvesting a DCAT(-AP) catalogue in Turtle, RDF/XML or JSON-LD, following Hydra paging
(`hydra:next` / `hydra:nextPage`), asking for `?modified_since=` when harvesting incrementally."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS
from rdflib.term import Node

from satudata.apps.harvest import client
from satudata.apps.harvest.records import (
    HarvestError,
    RecordProblem,
    RemoteRecord,
    RemoteResource,
    clean_url,
    parse_time,
)

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"
FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
    "application/n-triples": "nt",
}
SUFFIXES = {".ttl": "turtle", ".rdf": "xml", ".xml": "xml", ".jsonld": "json-ld", ".nt": "nt"}
MAX_PAGES = 1000
NOT_PUBLIC = ("NON_PUBLIC", "RESTRICTED", "non-public", "restricted")


def with_modified_since(url: str, since: datetime | None) -> str:
    if since is None:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "modified_since"]
    query.append(("modified_since", since.astimezone(UTC).isoformat().replace("+00:00", "Z")))
    return urlunsplit(parts._replace(query=urlencode(query)))


def parse(body: bytes, content_type: str, url: str) -> Graph:
    """The page as an RDF graph, trying the declared format first, then the others."""
    declared = FORMATS.get(content_type) or next(
        (fmt for suffix, fmt in SUFFIXES.items() if urlsplit(url).path.endswith(suffix)), None
    )
    candidates = [declared] if declared else []
    candidates += [f for f in ("turtle", "xml", "json-ld") if f != declared]
    for fmt in candidates:
        graph = Graph()
        try:
            graph.parse(data=body, format=fmt, publicID=url)
        except Exception:  # noqa: S112 (rdflib raises many kinds; the next format is tried)
            continue
        return graph
    raise HarvestError(
        _("%(url)s is not a DCAT catalogue in Turtle, RDF/XML or JSON-LD.") % {"url": url}
    )


def next_page(graph: Graph, current: str) -> str | None:
    for predicate in (HYDRA.next, HYDRA.nextPage):
        for target in graph.objects(None, predicate):
            address = clean_url(str(target))
            if address and address != current:
                return address
    return None


def pages(url: str, since: datetime | None) -> Iterator[Graph]:
    address: str | None = with_modified_since(url, since)
    seen: set[str] = set()
    while address and address not in seen and len(seen) < MAX_PAGES:
        seen.add(address)
        fetched = client.fetch(address, accept=ACCEPT)
        graph = parse(fetched.body, fetched.content_type, fetched.url)
        yield graph
        address = next_page(graph, address)


def iter_records(url: str, since: datetime | None) -> Iterator[RemoteRecord | RecordProblem]:
    for graph in pages(url, since):
        for node in sorted(set(graph.subjects(RDF.type, DCAT.Dataset)), key=str):
            yield read_dataset(graph, node)


def remote_ids(url: str) -> set[str]:
    """The identifiers of every dataset the whole catalogue lists now."""
    found: set[str] = set()
    for record in iter_records(url, None):
        if record.remote_id:
            found.add(record.remote_id)
    return found


def _text(graph: Graph, node: Node, predicate: URIRef) -> str:
    """A literal in Indonesian if there is one, else English, else any."""
    values = [v for v in graph.objects(node, predicate) if isinstance(v, Literal)]
    for language in ("id", "en", None):
        for value in values:
            if value.language == language:
                return str(value).strip()
    return str(values[0]).strip() if values else ""


def _label(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node).strip()
    for predicate in (SKOS.prefLabel, DCTERMS.title, FOAF.name, VCARD.fn, DCTERMS.identifier):
        text = _text(graph, node, predicate)
        if text:
            return text
    return str(node).rstrip("/").rsplit("/", 1)[-1] if isinstance(node, URIRef) else ""


def _time(graph: Graph, node: Node) -> datetime | None:
    for predicate in (DCTERMS.modified, DCTERMS.issued):
        for value in graph.objects(node, predicate):
            python = value.toPython() if isinstance(value, Literal) else None
            if isinstance(python, datetime):
                return (python if python.tzinfo else python.replace(tzinfo=UTC)).astimezone(UTC)
            if isinstance(python, date):
                return datetime(python.year, python.month, python.day, tzinfo=UTC)
            moment = parse_time(str(value))
            if moment is not None:
                return moment
    return None


def _distribution(graph: Graph, node: Node) -> RemoteResource | None:
    address = ""
    for predicate in (DCAT.downloadURL, DCAT.accessURL):
        address = next((clean_url(str(v)) for v in graph.objects(node, predicate)), "")
        if address:
            break
    if not address:
        return None
    fmt = next((_label(graph, v) for v in graph.objects(node, DCTERMS.format)), "")
    fmt = fmt or next((_label(graph, v) for v in graph.objects(node, DCAT.mediaType)), "")
    return RemoteResource(
        title=(_text(graph, node, DCTERMS.title) or address)[:200],
        url=address,
        format=fmt[:40],
        description=_text(graph, node, DCTERMS.description),
    )


def _public(graph: Graph, node: Node) -> bool:
    rights = [str(v) for v in graph.objects(node, DCTERMS.accessRights)]
    rights += [_label(graph, v) for v in graph.objects(node, DCTERMS.accessRights)]
    return not any(r.endswith(NOT_PUBLIC) or r.lower() in {"terbatas", "tertutup"} for r in rights)


def read_dataset(graph: Graph, node: Node) -> RemoteRecord | RecordProblem:
    identifier = _text(graph, node, DCTERMS.identifier) or (
        str(node) if isinstance(node, URIRef) else ""
    )
    title = _text(graph, node, DCTERMS.title)
    if not identifier or not title:
        return RecordProblem(identifier, title, _("The dataset has no identifier or no title."))
    publisher = next(iter(graph.objects(node, DCTERMS.publisher)), None)
    landing = next((clean_url(str(v)) for v in graph.objects(node, DCAT.landingPage)), "")
    resources = [_distribution(graph, d) for d in graph.objects(node, DCAT.distribution)]
    licence = next((str(v) for v in graph.objects(node, DCTERMS.license)), "")
    return RemoteRecord(
        remote_id=identifier,
        name=landing.rstrip("/").rsplit("/", 1)[-1] if landing else identifier,
        title=title,
        description=_text(graph, node, DCTERMS.description),
        organisation=_label(graph, publisher) if publisher is not None else "",
        tags=tuple(sorted({_label(graph, v) for v in graph.objects(node, DCAT.keyword)} - {""})),
        themes=tuple(sorted({_label(graph, v) for v in graph.objects(node, DCAT.theme)} - {""})),
        resources=tuple(sorted((r for r in resources if r), key=lambda r: (r.title, r.url))),
        landing_page=landing or (clean_url(str(node)) if isinstance(node, URIRef) else ""),
        licence=licence,
        modified=_time(graph, node),
        public=_public(graph, node),
    )
