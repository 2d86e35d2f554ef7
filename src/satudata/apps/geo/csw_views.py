"""The CSW 2.0.2 endpoint (`/csw`): key-value GET requests and XML POST requests, answered
with the documents of `csw`; a bad request answers an OWS exception report that says which
parameter is wrong."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lxml import etree

from satudata.apps.geo import csw
from satudata.apps.portal.views.common import record_tertutup_listing
from satudata.engines.geo import iso19139
from satudata.engines.geo.catalogue_filter import (
    FilterError,
    Test,
    from_filter,
    parse_cql,
    parse_filter,
)
from satudata.platform import access

MAX_BODY = 1024 * 1024
FILTER_MESSAGES = {
    "property.unknown": gettext_lazy("Unknown queryable %(detail)s."),
    "operator.unknown": gettext_lazy("Unsupported filter operator %(detail)s."),
    "filter.missing": gettext_lazy("The filter lacks %(detail)s."),
    "filter.empty": gettext_lazy("The filter operator %(detail)s needs one condition."),
    "bbox.numbers": gettext_lazy("The bounding box must be two corners of two numbers each."),
    "bbox.order": gettext_lazy(
        "The bounding box must run from west to east and from south to north."
    ),
    "literal.date": gettext_lazy("%(detail)s is not a date (YYYY-MM-DD)."),
    "cql.syntax": gettext_lazy("The CQL constraint cannot be read near %(detail)s."),
    "xml.syntax": gettext_lazy("The filter is not well-formed XML: %(detail)s"),
}


class CswError(Exception):
    def __init__(self, code: str, locator: str, text: str) -> None:
        super().__init__(text)
        self.code, self.locator, self.text = code, locator, text


def _xml(root: etree._Element, status: int = 200) -> HttpResponse:
    return HttpResponse(csw.serialise(root), content_type="application/xml", status=status)


def _schema(value: str) -> str:
    schema = value or csw.CSW
    if schema not in csw.SCHEMAS:
        raise CswError(
            "InvalidParameterValue",
            "outputSchema",
            _("outputSchema must be one of %(names)s.") % {"names": ", ".join(csw.SCHEMAS)},
        )
    return schema


def _element_set(value: str) -> str:
    element_set = (value or "summary").lower()
    if element_set not in csw.ELEMENT_SETS:
        raise CswError(
            "InvalidParameterValue",
            "ElementSetName",
            _("ElementSetName must be brief, summary or full."),
        )
    return element_set


def _whole(value: str, name: str, default: int, lowest: int) -> int:
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = lowest - 1
    if number < lowest:
        raise CswError(
            "InvalidParameterValue",
            name,
            _("%(name)s must be a whole number of at least %(lowest)s.")
            % {"name": name, "lowest": lowest},
        )
    return number


def _constraint(read: Callable[[], Test]) -> Test:
    try:
        return read()
    except FilterError as exc:
        raise CswError(
            "InvalidParameterValue",
            "Constraint",
            FILTER_MESSAGES[exc.code] % {"detail": exc.detail},
        ) from exc


def _records(
    request: HttpRequest,
    test: Test | None,
    schema: str,
    element_set: str,
    start: int,
    limit: int,
    hits_only: bool,
) -> HttpResponse:
    matched = csw.matching(access.viewer_of(request), test)
    page = [] if hits_only else [e.dataset for e in matched[start - 1 : start - 1 + limit]]
    record_tertutup_listing(request, page, "csw")
    return _xml(csw.records_document(len(matched), page, start, schema, element_set, hits_only))


def _by_id(request: HttpRequest, ids: list[str], schema: str, element_set: str) -> HttpResponse:
    if not ids:
        raise CswError("MissingParameterValue", "Id", _("Give the id of at least one record."))
    found = list(
        access.public_datasets(access.viewer_of(request))
        .filter(slug__in=ids)
        .select_related("organisation", "published_version", "topic")
        .prefetch_related("tags")
    )
    order = {slug: i for i, slug in enumerate(ids)}
    found.sort(key=lambda d: order[d.slug])
    record_tertutup_listing(request, found, "csw")
    return _xml(csw.by_id_document(found, schema, element_set))


def _capabilities(request: HttpRequest) -> HttpResponse:
    latest = access.public_datasets(access.viewer_of(request)).aggregate(Max("updated_at"))
    url = request.build_absolute_uri(request.path)
    return _xml(csw.capabilities_document(url, latest["updated_at__max"]))


@dataclass(frozen=True)
class Query:
    """A CSW request as the client sent it, whether key-value pairs or XML; checked when
    answered."""

    operation: str
    schema: str = ""
    element_set: str = ""
    ids: tuple[str, ...] = ()
    constraint: Callable[[], Test] | None = None
    start: str = ""
    limit: str = ""
    result_type: str = ""


def _kvp(request: HttpRequest) -> Query:
    params: Mapping[str, str] = {k.lower(): v for k, v in request.GET.items()}
    if params.get("service", "CSW").upper() != "CSW":
        raise CswError("InvalidParameterValue", "service", _("service must be CSW."))
    operation = params.get("request", "")
    if not operation:
        raise CswError(
            "MissingParameterValue",
            "request",
            _("Say which request: GetCapabilities, GetRecords, GetRecordById or DescribeRecord."),
        )
    text = params.get("constraint", "")
    language = params.get("constraintlanguage", "CQL_TEXT").upper()
    constraint = None
    if text:
        constraint = (
            partial(parse_filter, text.encode())
            if language == "FILTER"
            else partial(parse_cql, text)
        )
    return Query(
        operation=operation,
        schema=params.get("outputschema", ""),
        element_set=params.get("elementsetname", ""),
        ids=tuple(i.strip() for i in params.get("id", "").split(",") if i.strip()),
        constraint=constraint,
        start=params.get("startposition", ""),
        limit=params.get("maxrecords", ""),
        result_type=params.get("resulttype", ""),
    )


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname


def _find(node: etree._Element, name: str) -> etree._Element | None:
    return next((c for c in node.iter() if isinstance(c.tag, str) and _local(c) == name), None)


def _post(request: HttpRequest) -> Query:
    if len(request.body) > MAX_BODY:
        raise CswError("NoApplicableCode", "", _("The request is larger than 1 MB."))
    try:
        root = iso19139.safe_xml(request.body)
    except etree.XMLSyntaxError as exc:
        raise CswError(
            "NoApplicableCode",
            "",
            _("The request is not well-formed XML: %(error)s") % {"error": exc},
        ) from exc
    named = _find(root, "ElementSetName")
    found, cql = _find(root, "Filter"), _find(root, "CqlText")
    constraint = None
    if found is not None:
        constraint = partial(from_filter, found)
    elif cql is not None and (cql.text or "").strip():
        constraint = partial(parse_cql, cql.text or "")
    ids = ((n.text or "").strip() for n in root if isinstance(n.tag, str) and _local(n) == "Id")
    return Query(
        operation=_local(root),
        schema=root.get("outputSchema", ""),
        element_set=named.text.strip() if named is not None and named.text else "",
        ids=tuple(i for i in ids if i),
        constraint=constraint,
        start=root.get("startPosition", ""),
        limit=root.get("maxRecords", ""),
        result_type=root.get("resultType", ""),
    )


def _answer(request: HttpRequest, query: Query) -> HttpResponse:
    if query.operation == "GetCapabilities":
        return _capabilities(request)
    if query.operation == "DescribeRecord":
        return _xml(csw.describe_document())
    schema, element_set = _schema(query.schema), _element_set(query.element_set)
    if query.operation == "GetRecordById":
        return _by_id(request, list(query.ids), schema, element_set)
    if query.operation == "GetRecords":
        return _records(
            request,
            _constraint(query.constraint) if query.constraint is not None else None,
            schema,
            element_set,
            _whole(query.start, "startPosition", 1, 1),
            min(_whole(query.limit, "maxRecords", 10, 0), csw.MAX_RECORDS),
            (query.result_type or "results").lower() == "hits",
        )
    raise CswError(
        "OperationNotSupported",
        "request",
        _("%(name)s is not a CSW 2.0.2 request this node answers.") % {"name": query.operation},
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request: HttpRequest) -> HttpResponse:
    try:
        return _answer(request, _post(request) if request.method == "POST" else _kvp(request))
    except CswError as exc:
        return _xml(csw.exception_document(exc.code, exc.locator, exc.text), status=400)
