"""CSW 2.0.2 for the whole catalogue (tables and layers), so that Ina-Geoportal-style
harvesters and GeoNetwork can harvest the node: the documents of GetCapabilities,
DescribeRecord, GetRecords and GetRecordById, with Dublin Core (`csw:Record`) and ISO 19139
(`gmd:MD_Metadata`) records. The records are the published datasets the viewer may see, found
through the one access gate."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from satudata.apps.catalog.models import Dataset
from satudata.apps.geo.metadata import iso_of
from satudata.apps.geo.models import LayerMetadata
from satudata.engines.geo import iso19139
from satudata.engines.geo.catalogue_filter import Record, Test
from satudata.platform import access

CSW = "http://www.opengis.net/cat/csw/2.0.2"
DC = "http://purl.org/dc/elements/1.1/"
DCT = "http://purl.org/dc/terms/"
OWS = "http://www.opengis.net/ows"
OGC = "http://www.opengis.net/ogc"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XLINK = "http://www.w3.org/1999/xlink"
NS = {"csw": CSW, "dc": DC, "dct": DCT, "ows": OWS, "ogc": OGC, "xsi": XSI, "xlink": XLINK}
SCHEMAS = {CSW: "csw:Record", iso19139.GMD: "gmd:MD_Metadata"}
ELEMENT_SETS = ("brief", "summary", "full")
BOX_CRS = "urn:x-ogc:def:crs:EPSG:6.11:4326"
MAX_RECORDS = 100
QUERYABLE_NAMES = (
    "csw:AnyText",
    "dc:title",
    "dct:abstract",
    "dc:subject",
    "dc:identifier",
    "dc:type",
    "dc:publisher",
    "dc:format",
    "dc:rights",
    "dct:modified",
    "ows:BoundingBox",
    "apiso:AnyText",
    "apiso:Title",
    "apiso:Abstract",
    "apiso:Subject",
    "apiso:TopicCategory",
    "apiso:Identifier",
    "apiso:Type",
    "apiso:OrganisationName",
    "apiso:Modified",
    "apiso:Format",
    "apiso:BoundingBox",
)


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: etree._Element, prefix: str, name: str, text: str | None = None) -> Any:
    node = etree.SubElement(parent, _q(prefix, name))
    if text is not None:
        node.text = text
    return node


@dataclass(frozen=True)
class Entry:
    """A record as the constraints see it (`record`) and the dataset it describes."""

    dataset: Dataset
    record: Record


def entries(viewer: access.Viewer) -> list[Entry]:
    """Every published dataset the viewer may see, as a record for the constraints."""
    datasets = (
        access.public_datasets(viewer)
        .select_related("organisation", "published_version", "topic")
        .prefetch_related("tags")
        .order_by("title", "pk")
    )
    topics = dict(
        LayerMetadata.objects.filter(dataset__in=datasets).values_list(
            "dataset_id", "topic_category"
        )
    )
    found = []
    for dataset in datasets:
        version = dataset.published_version
        geo = version.geo if version is not None and version.is_layer else {}
        subjects = [tag.name for tag in dataset.tags.all()]
        if dataset.topic is not None:
            subjects.append(dataset.topic.name)
        record = {
            "identifier": dataset.slug,
            "title": dataset.title,
            "abstract": dataset.description,
            "subject": subjects,
            "topic_category": topics.get(dataset.pk) or None,
            "type": "dataset",
            "publisher": dataset.organisation.name,
            "modified": dataset.updated_at,
            "format": _formats(bool(geo)),
            "rights": dataset.licence,
            "bbox": tuple(geo["bbox"]) if geo.get("bbox") else None,
        }
        record["anytext"] = " ".join(
            [dataset.title, dataset.description, dataset.organisation.name, *subjects]
        )
        found.append(Entry(dataset, record))
    return found


def _formats(is_layer: bool) -> list[str]:
    return ["GeoJSON", "GeoPackage", "GeoParquet"] if is_layer else ["CSV", "XLSX", "Parquet"]


def matching(viewer: access.Viewer, test: Test | None) -> list[Entry]:
    everything = entries(viewer)
    return everything if test is None else [e for e in everything if test(e.record)]


def _box(parent: etree._Element, box: Sequence[float]) -> None:
    node = _sub(parent, "ows", "BoundingBox")
    node.set("crs", BOX_CRS)
    node.set("dimensions", "2")
    _sub(node, "ows", "LowerCorner", f"{box[1]:.6f} {box[0]:.6f}")
    _sub(node, "ows", "UpperCorner", f"{box[3]:.6f} {box[2]:.6f}")


def dublin_core(dataset: Dataset, element_set: str) -> etree._Element:
    meta = iso_of(dataset)
    tag = {"brief": "BriefRecord", "summary": "SummaryRecord"}.get(element_set, "Record")
    record = etree.Element(_q("csw", tag), nsmap=NS)
    _sub(record, "dc", "identifier", meta.identifier)
    _sub(record, "dc", "title", meta.title)
    _sub(record, "dc", "type", "dataset")
    if element_set != "brief":
        for word in meta.keywords:
            _sub(record, "dc", "subject", word)
        for name in meta.formats:
            _sub(record, "dc", "format", name)
        _sub(record, "dct", "modified", dataset.updated_at.date().isoformat())
        _sub(record, "dct", "abstract", meta.abstract)
    if element_set == "full":
        _sub(record, "dc", "publisher", dataset.organisation.name)
        _sub(record, "dc", "rights", meta.use_limitation)
        _sub(record, "dct", "accessRights", meta.access_constraints)
        _sub(record, "dc", "language", meta.language)
        for link in meta.online:
            reference = _sub(record, "dct", "references", link.url)
            reference.set("scheme", link.protocol)
    if meta.extent is not None:
        _box(record, meta.extent)
    return record


def record_element(dataset: Dataset, schema: str, element_set: str) -> etree._Element:
    if schema == iso19139.GMD:
        return iso19139.element(iso_of(dataset))
    return dublin_core(dataset, element_set)


def _root(name: str) -> etree._Element:
    root = etree.Element(_q("csw", name), nsmap=NS)
    root.set(
        _q("xsi", "schemaLocation"), f"{CSW} http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd"
    )
    root.set("version", "2.0.2")
    return root


def records_document(
    matched: int,
    page: Sequence[Dataset],
    start: int,
    schema: str,
    element_set: str,
    hits_only: bool,
) -> etree._Element:
    root = _root("GetRecordsResponse")
    status = _sub(root, "csw", "SearchStatus")
    status.set("timestamp", timezone.now().isoformat(timespec="seconds"))
    results = _sub(root, "csw", "SearchResults")
    returned = 0 if hits_only else len(page)
    following = start + returned
    results.set("numberOfRecordsMatched", str(matched))
    results.set("numberOfRecordsReturned", str(returned))
    results.set("nextRecord", str(following if following <= matched and returned else 0))
    results.set("recordSchema", schema)
    results.set("elementSet", element_set)
    if not hits_only:
        for dataset in page:
            results.append(record_element(dataset, schema, element_set))
    return root


def by_id_document(found: Sequence[Dataset], schema: str, element_set: str) -> etree._Element:
    root = _root("GetRecordByIdResponse")
    for dataset in found:
        root.append(record_element(dataset, schema, element_set))
    return root


def describe_document() -> etree._Element:
    root = _root("DescribeRecordResponse")
    component = _sub(root, "csw", "SchemaComponent")
    component.set("targetNamespace", CSW)
    component.set("schemaLanguage", "http://www.w3.org/XML/Schema")
    reference = etree.SubElement(component, "{http://www.w3.org/2001/XMLSchema}include")
    reference.set("schemaLocation", "http://schemas.opengis.net/csw/2.0.2/record.xsd")
    return root


def _operation(
    parent: etree._Element, name: str, url: str, parameters: dict[str, Sequence[str]]
) -> None:
    operation = _sub(parent, "ows", "Operation")
    operation.set("name", name)
    http = _sub(_sub(operation, "ows", "DCP"), "ows", "HTTP")
    for method in ("Get", "Post"):
        _sub(http, "ows", method).set(_q("xlink", "href"), url)
    for key, values in parameters.items():
        parameter = _sub(operation, "ows", "Parameter")
        parameter.set("name", key)
        for value in values:
            _sub(parameter, "ows", "Value", value)


def capabilities_document(url: str, updated: datetime | None) -> etree._Element:
    root = etree.Element(_q("csw", "Capabilities"), nsmap=NS)
    root.set("version", "2.0.2")
    if updated is not None:
        root.set("updateSequence", updated.strftime("%Y%m%d%H%M%S"))
    service = _sub(root, "ows", "ServiceIdentification")
    _sub(service, "ows", "Title", _("%(site)s catalogue (CSW)") % {"site": settings.SITE_NAME})
    _sub(
        service,
        "ows",
        "Abstract",
        _(
            "The node's catalogue of tables and map layers, for harvesting by Ina-Geoportal "
            "and other geoportals. Only data the caller may see is listed."
        ),
    )
    keywords = _sub(service, "ows", "Keywords")
    for word in ("Satu Data Indonesia", "Satu Peta", "JIGN", "Simpul Jaringan"):
        _sub(keywords, "ows", "Keyword", word)
    _sub(service, "ows", "ServiceType", "CSW")
    _sub(service, "ows", "ServiceTypeVersion", "2.0.2")
    _sub(service, "ows", "Fees", "none")
    _sub(service, "ows", "AccessConstraints", "none")
    provider = _sub(root, "ows", "ServiceProvider")
    _sub(provider, "ows", "ProviderName", settings.SITE_NAME)
    _sub(provider, "ows", "ProviderSite").set(_q("xlink", "href"), settings.SITE_URL + "/")
    contact = _sub(provider, "ows", "ServiceContact")
    _sub(contact, "ows", "PositionName", "Walidata")
    operations = _sub(root, "ows", "OperationsMetadata")
    schemas = list(SCHEMAS)
    _operation(
        operations,
        "GetCapabilities",
        url,
        {
            "sections": [
                "ServiceIdentification",
                "ServiceProvider",
                "OperationsMetadata",
                "Filter_Capabilities",
            ]
        },
    )
    _operation(
        operations,
        "DescribeRecord",
        url,
        {"typeName": ["csw:Record", "gmd:MD_Metadata"], "outputFormat": ["application/xml"]},
    )
    _operation(
        operations,
        "GetRecords",
        url,
        {
            "typeNames": ["csw:Record", "gmd:MD_Metadata"],
            "outputSchema": schemas,
            "outputFormat": ["application/xml"],
            "resultType": ["hits", "results"],
            "ElementSetName": list(ELEMENT_SETS),
            "CONSTRAINTLANGUAGE": ["FILTER", "CQL_TEXT"],
        },
    )
    _operation(
        operations,
        "GetRecordById",
        url,
        {"outputSchema": schemas, "ElementSetName": list(ELEMENT_SETS)},
    )
    constraint = _sub(operations, "ows", "Constraint")
    constraint.set("name", "SupportedISOQueryables")
    for name in QUERYABLE_NAMES:
        _sub(constraint, "ows", "Value", name)
    _sub(_sub(operations, "ows", "Parameter"), "ows", "Value", "2.0.2").getparent().set(
        "name", "version"
    )
    filters = _sub(root, "ogc", "Filter_Capabilities")
    spatial = _sub(filters, "ogc", "Spatial_Capabilities")
    _sub(_sub(spatial, "ogc", "GeometryOperands"), "ogc", "GeometryOperand", "gml:Envelope")
    _sub(_sub(spatial, "ogc", "SpatialOperators"), "ogc", "SpatialOperator").set("name", "BBOX")
    scalar = _sub(filters, "ogc", "Scalar_Capabilities")
    _sub(scalar, "ogc", "LogicalOperators")
    comparison = _sub(scalar, "ogc", "ComparisonOperators")
    for name in (
        "EqualTo",
        "NotEqualTo",
        "LessThan",
        "GreaterThan",
        "LessThanEqualTo",
        "GreaterThanEqualTo",
        "Like",
    ):
        _sub(comparison, "ogc", "ComparisonOperator", name)
    _sub(_sub(filters, "ogc", "Id_Capabilities"), "ogc", "EID")
    return root


def exception_document(code: str, locator: str, text: str) -> etree._Element:
    root = etree.Element(_q("ows", "ExceptionReport"), nsmap={"ows": OWS})
    root.set("version", "1.2.0")
    exception = _sub(root, "ows", "Exception")
    exception.set("exceptionCode", code)
    if locator:
        exception.set("locator", locator)
    _sub(exception, "ows", "ExceptionText", text)
    return root


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
