"""Validation against the official DCAT-AP 3.0.1 SHACL shapes (and their range checks), read
from the shared data folder beside the repository."""

from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

SHAPES_DIR = Path(__file__).resolve().parents[6] / "../shared/data/dcat-ap"
SHAPE_FILES = ("dcat-ap-3.0.1-SHACL.ttl", "dcat-ap-3.0.1-ranges.ttl")


@cache
def shapes() -> Graph:
    missing = [name for name in SHAPE_FILES if not (SHAPES_DIR / name).is_file()]
    if missing:
        pytest.fail(
            f"the official DCAT-AP shapes are missing from {SHAPES_DIR.resolve()}: "
            f"{', '.join(missing)} (they sit in the shared data folder beside the repository)"
        )
    graph = Graph()
    for name in SHAPE_FILES:
        graph.parse(SHAPES_DIR / name, format="turtle")
    # A few property shapes are named by their node shape but described nowhere in the
    # published files (no path, no constraint): pyshacl refuses such references, and they
    # constrain nothing, so they are left out. Every described shape is kept.
    empty = [
        (node, prop)
        for node, prop in graph.subject_objects(SH.property)
        if next(graph.predicate_objects(prop), None) is None
    ]
    assert len(empty) <= 5, f"unexpected shapes without description: {empty}"
    for node, prop in empty:
        graph.remove((node, SH.property, prop))
    return graph


def violations(data: Graph) -> list[str]:
    """Each SHACL result of severity Violation as 'focus path: message'."""
    import pyshacl

    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes(), inference="none")
    found = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        found.append(f"{focus} {path}: {message}")
    return sorted(found)


def parse(body: bytes, fmt: str) -> Graph:
    formats = {"jsonld": "json-ld", "ttl": "turtle", "rdf": "xml"}
    return Graph().parse(data=body, format=formats[fmt])
