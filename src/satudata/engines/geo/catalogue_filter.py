"""The constraints a catalogue client sends (CSW 2.0.2): an OGC Filter Encoding 1.1 document or
a CQL text, turned into a test on a record (a mapping of queryable names to values). Only the
queryables listed here are known; anything else is an error that names it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from lxml import etree

from satudata.engines.geo.iso19139 import safe_xml

Record = Mapping[str, Any]
Test = Callable[[Record], bool]
Box = tuple[float, float, float, float]

# A queryable's names (CSW core and the ISO application profile) → the record's key.
QUERYABLES = {
    "anytext": "anytext",
    "title": "title",
    "abstract": "abstract",
    "subject": "subject",
    "keywords": "subject",
    "topiccategory": "topic_category",
    "identifier": "identifier",
    "type": "type",
    "publisher": "publisher",
    "organisationname": "publisher",
    "modified": "modified",
    "date": "modified",
    "format": "format",
    "rights": "rights",
    "boundingbox": "bbox",
    "envelope": "bbox",
}
COMPARISONS = {
    "PropertyIsEqualTo": lambda a, b: a == b,
    "PropertyIsNotEqualTo": lambda a, b: a != b,
    "PropertyIsLessThan": lambda a, b: a < b,
    "PropertyIsGreaterThan": lambda a, b: a > b,
    "PropertyIsLessThanOrEqualTo": lambda a, b: a <= b,
    "PropertyIsGreaterThanOrEqualTo": lambda a, b: a >= b,
}
CQL_OPERATORS = {
    "=": "PropertyIsEqualTo",
    "<>": "PropertyIsNotEqualTo",
    "!=": "PropertyIsNotEqualTo",
    "<": "PropertyIsLessThan",
    ">": "PropertyIsGreaterThan",
    "<=": "PropertyIsLessThanOrEqualTo",
    ">=": "PropertyIsGreaterThanOrEqualTo",
}


class FilterError(ValueError):
    """A constraint that cannot be read; `code` names the rule, `detail` the culprit."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


def queryable(name: str) -> str:
    """The record key of a property name (`csw:AnyText`, `apiso:Title`, `dc:subject`, …)."""
    key = QUERYABLES.get(name.strip().split(":")[-1].lower())
    if key is None:
        raise FilterError("property.unknown", name)
    return key


def _values(record: Record, key: str) -> list[Any]:
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, list | tuple) and key != "bbox":
        return list(value)
    return [value]


def _comparable(value: Any, literal: str) -> tuple[Any, Any]:
    if isinstance(value, datetime | date):
        try:
            other = (
                datetime.fromisoformat(literal) if "T" in literal else date.fromisoformat(literal)
            )
        except ValueError as exc:
            raise FilterError("literal.date", literal) from exc
        if isinstance(value, datetime) and not isinstance(other, datetime):
            return value.date(), other
        if isinstance(value, datetime) and isinstance(other, datetime) and other.tzinfo is None:
            return value.replace(tzinfo=None), other
        return value, other
    return str(value).casefold(), literal.casefold()


def compare(key: str, operation: str, literal: str) -> Test:
    check = COMPARISONS[operation]

    def test(record: Record) -> bool:
        return any(check(*_comparable(v, literal)) for v in _values(record, key))

    return test


def like(key: str, pattern: str, wild: str = "%", single: str = "_", escape: str = "\\") -> Test:
    parts, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == escape and i + 1 < len(pattern):
            parts.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        parts.append(".*" if char == wild else "." if char == single else re.escape(char))
        i += 1
    expression = re.compile("^" + "".join(parts) + "$", re.IGNORECASE | re.DOTALL)

    def test(record: Record) -> bool:
        return any(expression.match(str(v)) for v in _values(record, key))

    return test


def within_box(box: Box) -> Test:
    west, south, east, north = box
    if not (west <= east and south <= north):
        raise FilterError("bbox.order", ",".join(str(v) for v in box))

    def test(record: Record) -> bool:
        found = record.get("bbox")
        if not found:
            return False
        return found[0] <= east and found[2] >= west and found[1] <= north and found[3] >= south

    return test


def every(tests: Sequence[Test]) -> Test:
    return lambda record: all(t(record) for t in tests)


def some(tests: Sequence[Test]) -> Test:
    return lambda record: any(t(record) for t in tests)


def negate(test: Test) -> Test:
    return lambda record: not test(record)


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname


def _child_text(node: etree._Element, name: str) -> str:
    for child in node:
        if isinstance(child.tag, str) and _local(child) == name:
            return (child.text or "").strip()
    raise FilterError("filter.missing", f"{_local(node)}/{name}")


def _lat_lon_first(srs: str) -> bool:
    """EPSG:4326 named by URN or URI has latitude first; `EPSG:4326` (or none) longitude."""
    lowered = srs.lower()
    return "4326" in lowered and ("urn:" in lowered or "/def/crs/" in lowered)


def _envelope(node: etree._Element) -> Box:
    envelope = next(
        (c for c in node.iter() if isinstance(c.tag, str) and _local(c) == "Envelope"), None
    )
    if envelope is None:
        raise FilterError("filter.missing", "BBOX/Envelope")
    try:
        low = [float(v) for v in _child_text(envelope, "lowerCorner").split()]
        high = [float(v) for v in _child_text(envelope, "upperCorner").split()]
    except ValueError as exc:
        raise FilterError("bbox.numbers", str(exc)) from exc
    if len(low) != 2 or len(high) != 2:
        raise FilterError("bbox.numbers", "lowerCorner/upperCorner")
    if _lat_lon_first(envelope.get("srsName", "")):
        return low[1], low[0], high[1], high[0]
    return low[0], low[1], high[0], high[1]


def from_filter(node: etree._Element) -> Test:
    """A test from an `ogc:Filter` element (or any operator inside one)."""
    name = _local(node)
    children = [c for c in node if isinstance(c.tag, str)]
    if name == "Filter":
        if len(children) != 1:
            raise FilterError("filter.empty", name)
        return from_filter(children[0])
    if name in ("And", "Or"):
        tests = [from_filter(c) for c in children]
        return every(tests) if name == "And" else some(tests)
    if name == "Not":
        if len(children) != 1:
            raise FilterError("filter.empty", name)
        return negate(from_filter(children[0]))
    if name == "PropertyIsLike":
        return like(
            queryable(_child_text(node, "PropertyName")),
            _child_text(node, "Literal"),
            node.get("wildCard", "%"),
            node.get("singleChar", "_"),
            node.get("escapeChar", node.get("escape", "\\")),
        )
    if name in COMPARISONS:
        key = queryable(_child_text(node, "PropertyName"))
        return compare(key, name, _child_text(node, "Literal"))
    if name == "BBOX":
        return within_box(_envelope(node))
    raise FilterError("operator.unknown", name)


def parse_filter(data: bytes) -> Test:
    try:
        return from_filter(safe_xml(data))
    except etree.XMLSyntaxError as exc:
        raise FilterError("xml.syntax", str(exc)) from exc


TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<number>-?\d+(?:\.\d+)?)|(?P<op><>|!=|<=|>=|=|<|>)"
    r"|(?P<punct>[(),])|(?P<word>[A-Za-z_][\w:.\-]*))"
)


class _Cql:
    """CQL as catalogue clients send it: comparisons, LIKE, BBOX(property, w, s, e, n) and
    AND, OR, NOT with parentheses."""

    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        position = 0
        text = text.strip()
        while position < len(text):
            match = TOKEN.match(text, position)
            if match is None or match.end() == position:
                raise FilterError("cql.syntax", text[position : position + 20])
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind)))
            position = match.end()
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end" or (value is not None and token[1].upper() != value):
            raise FilterError("cql.syntax", token[1] or "end")
        self.at += 1
        return token

    def expression(self) -> Test:
        tests = [self.term()]
        while self.peek()[1].upper() == "OR":
            self.take()
            tests.append(self.term())
        return tests[0] if len(tests) == 1 else some(tests)

    def term(self) -> Test:
        tests = [self.factor()]
        while self.peek()[1].upper() == "AND":
            self.take()
            tests.append(self.factor())
        return tests[0] if len(tests) == 1 else every(tests)

    def factor(self) -> Test:
        kind, value = self.peek()
        if value.upper() == "NOT":
            self.take()
            return negate(self.factor())
        if value == "(":
            self.take()
            inner = self.expression()
            self.take(")")
            return inner
        if value.upper() == "BBOX":
            self.take()
            self.take("(")
            queryable(self.take()[1])
            numbers = []
            for _ in range(4):
                self.take(",")
                numbers.append(float(self.take()[1]))
            self.take(")")
            return within_box((numbers[0], numbers[1], numbers[2], numbers[3]))
        if kind != "word":
            raise FilterError("cql.syntax", value)
        key = queryable(self.take()[1])
        operator = self.take()[1]
        literal = self.literal()
        if operator.upper() in ("LIKE", "ILIKE"):
            return like(key, literal)
        if operator not in CQL_OPERATORS:
            raise FilterError("cql.syntax", operator)
        return compare(key, CQL_OPERATORS[operator], literal)

    def literal(self) -> str:
        kind, value = self.take()
        if kind == "string":
            return value[1:-1].replace("''", "'")
        if kind == "number":
            return value
        raise FilterError("cql.syntax", value)


def parse_cql(text: str) -> Test:
    parser = _Cql(text)
    test = parser.expression()
    if parser.peek()[0] != "end":
        raise FilterError("cql.syntax", parser.peek()[1])
    return test
