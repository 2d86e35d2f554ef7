"""The three serialisations of a DCAT graph: JSON-LD (with a compact context of the
vocabularies' prefixes), Turtle and RDF/XML."""

from dataclasses import dataclass

from django.http import HttpResponse
from rdflib import Graph

from satudata.apps.interop.dcat.vocab import PREFIXES


@dataclass(frozen=True)
class Serialisation:
    rdflib_format: str
    content_type: str


SERIALISATIONS: dict[str, Serialisation] = {
    "jsonld": Serialisation("json-ld", "application/ld+json; charset=utf-8"),
    "ttl": Serialisation("turtle", "text/turtle; charset=utf-8"),
    "rdf": Serialisation("xml", "application/rdf+xml; charset=utf-8"),
}
CONTEXT: dict[str, str] = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def serialise(graph: Graph, fmt: str) -> bytes:
    spec = SERIALISATIONS[fmt]
    if fmt == "jsonld":
        return graph.serialize(format=spec.rdflib_format, context=CONTEXT, indent=2).encode()
    return graph.serialize(format=spec.rdflib_format, encoding="utf-8")


def response(graph: Graph, fmt: str) -> HttpResponse:
    return HttpResponse(serialise(graph, fmt), content_type=SERIALISATIONS[fmt].content_type)
