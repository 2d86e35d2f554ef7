"""Geospatial metadata per SNI 8843-1:2019 (the Indonesian profile of ISO 19115), written as
ISO 19139 XML (`gmd:MD_Metadata`) and read back from ISO XML that ArcGIS, QGIS or
GeoNetwork wrote, to prefill a layer's metadata. Reading never resolves entities, loads a DTD
or touches the network."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lxml import etree

GMD = "http://www.isotc211.org/2005/gmd"
GCO = "http://www.isotc211.org/2005/gco"
GML = "http://www.opengis.net/gml"
XLINK = "http://www.w3.org/1999/xlink"
NAMESPACES = {"gmd": GMD, "gco": GCO, "gml": GML, "xlink": XLINK}
CODE_LISTS = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml"
STANDARD = "SNI 8843-1:2019 Profil Metadata Spasial Indonesia (ISO 19115:2003)"
STANDARD_VERSION = "2019"

# ISO 19115 MD_TopicCategoryCode, in the standard's order.
TOPIC_CATEGORIES = (
    "farming",
    "biota",
    "boundaries",
    "climatologyMeteorologyAtmosphere",
    "economy",
    "elevation",
    "environment",
    "geoscientificInformation",
    "health",
    "imageryBaseMapsEarthCover",
    "intelligenceMilitary",
    "inlandWaters",
    "location",
    "oceans",
    "planningCadastre",
    "society",
    "structure",
    "transportation",
    "utilitiesCommunication",
)
ROLES = ("pointOfContact", "publisher", "owner", "custodian", "originator", "distributor")
# KUGI feature classes: a name, the geometry (AR area, LN line, PT point) and the scale.
KUGI_CLASS = re.compile(r"^(?P<name>[A-Z0-9]+)_(?P<shape>AR|LN|PT)_(?P<scale>\d+)K$")
KUGI_SHAPES = {"AR": "polygon", "LN": "line", "PT": "point"}


class IsoReadError(ValueError):
    """ISO XML that cannot be read; `code` names the rule for the caller's message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Contact:
    organisation: str
    individual: str = ""
    email: str = ""
    role: str = "pointOfContact"


@dataclass(frozen=True, slots=True)
class OnlineResource:
    url: str
    protocol: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class IsoMetadata:
    identifier: str
    title: str
    abstract: str = ""
    language: str = "ind"
    topic_categories: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    extent: tuple[float, float, float, float] | None = None  # west, south, east, north
    period: tuple[date | None, date | None] = (None, None)
    reference_system: str = "EPSG:4326"
    lineage: str = ""
    scale_denominator: int | None = None
    resolution_m: float | None = None
    contacts: tuple[Contact, ...] = ()
    use_limitation: str = ""
    access_constraints: str = ""
    dates: dict[str, date] = field(default_factory=dict)  # creation, publication, revision
    stamp: datetime | None = None
    kugi_class: str = ""
    kugi_code: str = ""
    online: tuple[OnlineResource, ...] = ()
    formats: tuple[str, ...] = ()
    spatial_type: str = "vector"


def kugi_problems(kugi_class: str, geometry: str | None, scale: int | None) -> list[str]:
    """What does not agree in a KUGI class name: its form (`NAME_AR_25K`), its geometry
    beside the layer's (`polygon`, `line`, `point`) and its scale beside the layer's scale
    denominator. Codes: `kugi.form`, `kugi.shape`, `kugi.scale`."""
    if not kugi_class:
        return []
    match = KUGI_CLASS.match(kugi_class)
    if match is None:
        return ["kugi.form"]
    problems = []
    if geometry and KUGI_SHAPES[match["shape"]] != geometry:
        problems.append("kugi.shape")
    if scale and int(match["scale"]) * 1000 != scale:
        problems.append("kugi.scale")
    return problems


def _el(parent: etree._Element, path: str) -> etree._Element:
    node = parent
    for step in path.split("/"):
        prefix, name = step.split(":")
        node = etree.SubElement(node, f"{{{NAMESPACES[prefix]}}}{name}")
    return node


def _text(parent: etree._Element, path: str, value: str, kind: str = "gco:CharacterString") -> None:
    _el(parent, f"{path}/{kind}").text = value


def _code(parent: etree._Element, path: str, code_list: str, value: str) -> None:
    node = _el(parent, path)
    node.set("codeList", f"{CODE_LISTS}#{code_list}")
    node.set("codeListValue", value)
    node.text = value


def _party(parent: etree._Element, path: str, contact: Contact) -> None:
    party = _el(parent, f"{path}/gmd:CI_ResponsibleParty")
    if contact.individual:
        _text(party, "gmd:individualName", contact.individual)
    _text(party, "gmd:organisationName", contact.organisation)
    if contact.email:
        _text(
            party,
            "gmd:contactInfo/gmd:CI_Contact/gmd:address/gmd:CI_Address/gmd:electronicMailAddress",
            contact.email,
        )
    _code(party, "gmd:role/gmd:CI_RoleCode", "CI_RoleCode", contact.role)


def _extent(parent: etree._Element, meta: IsoMetadata) -> None:
    if meta.extent is None and meta.period == (None, None):
        return
    extent = _el(parent, "gmd:extent/gmd:EX_Extent")
    if meta.extent is not None:
        box = _el(extent, "gmd:geographicElement/gmd:EX_GeographicBoundingBox")
        for name, value in zip(
            (
                "westBoundLongitude",
                "eastBoundLongitude",
                "southBoundLatitude",
                "northBoundLatitude",
            ),
            (meta.extent[0], meta.extent[2], meta.extent[1], meta.extent[3]),
            strict=True,
        ):
            _text(box, f"gmd:{name}", f"{value:.6f}", "gco:Decimal")
    begin, end = meta.period
    if begin or end:
        period = _el(extent, "gmd:temporalElement/gmd:EX_TemporalExtent/gmd:extent/gml:TimePeriod")
        period.set(f"{{{GML}}}id", "periode")
        _el(period, "gml:beginPosition").text = begin.isoformat() if begin else ""
        _el(period, "gml:endPosition").text = end.isoformat() if end else ""


def _identification(root: etree._Element, meta: IsoMetadata) -> None:
    ident = _el(root, "gmd:identificationInfo/gmd:MD_DataIdentification")
    citation = _el(ident, "gmd:citation/gmd:CI_Citation")
    _text(citation, "gmd:title", meta.title)
    for kind, day in meta.dates.items():
        entry = _el(citation, "gmd:date/gmd:CI_Date")
        _text(entry, "gmd:date", day.isoformat(), "gco:Date")
        _code(entry, "gmd:dateType/gmd:CI_DateTypeCode", "CI_DateTypeCode", kind)
    _text(citation, "gmd:identifier/gmd:MD_Identifier/gmd:code", meta.identifier)
    _text(ident, "gmd:abstract", meta.abstract)
    for contact in meta.contacts:
        _party(ident, "gmd:pointOfContact", contact)
    if meta.keywords:
        keywords = _el(ident, "gmd:descriptiveKeywords/gmd:MD_Keywords")
        for keyword in meta.keywords:
            _text(keywords, "gmd:keyword", keyword)
    if meta.kugi_class or meta.kugi_code:
        keywords = _el(ident, "gmd:descriptiveKeywords/gmd:MD_Keywords")
        for keyword in (meta.kugi_class, meta.kugi_code):
            if keyword:
                _text(keywords, "gmd:keyword", keyword)
        _text(
            keywords,
            "gmd:thesaurusName/gmd:CI_Citation/gmd:title",
            "Katalog Unsur Geografi Indonesia (KUGI)",
        )
    constraints = _el(ident, "gmd:resourceConstraints/gmd:MD_LegalConstraints")
    if meta.use_limitation:
        _text(constraints, "gmd:useLimitation", meta.use_limitation)
    _code(
        constraints,
        "gmd:accessConstraints/gmd:MD_RestrictionCode",
        "MD_RestrictionCode",
        "otherRestrictions",
    )
    if meta.access_constraints:
        _text(constraints, "gmd:otherConstraints", meta.access_constraints)
    _code(
        ident,
        "gmd:spatialRepresentationType/gmd:MD_SpatialRepresentationTypeCode",
        "MD_SpatialRepresentationTypeCode",
        meta.spatial_type,
    )
    if meta.scale_denominator:
        _text(
            ident,
            "gmd:spatialResolution/gmd:MD_Resolution/gmd:equivalentScale/"
            "gmd:MD_RepresentativeFraction/gmd:denominator",
            str(meta.scale_denominator),
            "gco:Integer",
        )
    if meta.resolution_m:
        distance = _el(ident, "gmd:spatialResolution/gmd:MD_Resolution/gmd:distance/gco:Distance")
        distance.set("uom", "m")
        distance.text = f"{meta.resolution_m:g}"
    _code(ident, "gmd:language/gmd:LanguageCode", "LanguageCode", meta.language)
    for category in meta.topic_categories:
        _el(ident, "gmd:topicCategory/gmd:MD_TopicCategoryCode").text = category
    _extent(ident, meta)


def _distribution(root: etree._Element, meta: IsoMetadata) -> None:
    if not (meta.online or meta.formats):
        return
    distribution = _el(root, "gmd:distributionInfo/gmd:MD_Distribution")
    for name in meta.formats:
        fmt = _el(distribution, "gmd:distributionFormat/gmd:MD_Format")
        _text(fmt, "gmd:name", name)
        _text(fmt, "gmd:version", "")
    if meta.online:
        options = _el(distribution, "gmd:transferOptions/gmd:MD_DigitalTransferOptions")
        for resource in meta.online:
            online = _el(options, "gmd:onLine/gmd:CI_OnlineResource")
            _el(online, "gmd:linkage/gmd:URL").text = resource.url
            _text(online, "gmd:protocol", resource.protocol)
            if resource.name:
                _text(online, "gmd:name", resource.name)


def element(meta: IsoMetadata) -> etree._Element:
    """The metadata as a `gmd:MD_Metadata` element (a CSW response embeds it)."""
    root = etree.Element(f"{{{GMD}}}MD_Metadata", nsmap=NAMESPACES)
    _text(root, "gmd:fileIdentifier", meta.identifier)
    _code(root, "gmd:language/gmd:LanguageCode", "LanguageCode", meta.language)
    _code(root, "gmd:characterSet/gmd:MD_CharacterSetCode", "MD_CharacterSetCode", "utf8")
    _code(root, "gmd:hierarchyLevel/gmd:MD_ScopeCode", "MD_ScopeCode", "dataset")
    for contact in meta.contacts[:1]:
        _party(root, "gmd:contact", contact)
    stamp = meta.stamp or datetime.now().astimezone()
    _text(root, "gmd:dateStamp", stamp.isoformat(timespec="seconds"), "gco:DateTime")
    _text(root, "gmd:metadataStandardName", STANDARD)
    _text(root, "gmd:metadataStandardVersion", STANDARD_VERSION)
    if meta.reference_system:
        identifier = _el(
            root,
            "gmd:referenceSystemInfo/gmd:MD_ReferenceSystem/gmd:referenceSystemIdentifier/"
            "gmd:RS_Identifier",
        )
        _text(identifier, "gmd:code", meta.reference_system)
        _text(identifier, "gmd:codeSpace", "EPSG")
    _identification(root, meta)
    if meta.kugi_class:
        catalogue = _el(root, "gmd:contentInfo/gmd:MD_FeatureCatalogueDescription")
        _text(catalogue, "gmd:includedWithDataset", "false", "gco:Boolean")
        _text(catalogue, "gmd:featureTypes", meta.kugi_class, "gco:LocalName")
        _text(
            catalogue,
            "gmd:featureCatalogueCitation/gmd:CI_Citation/gmd:title",
            "Katalog Unsur Geografi Indonesia (KUGI)",
        )
    _distribution(root, meta)
    if meta.lineage:
        quality = _el(root, "gmd:dataQualityInfo/gmd:DQ_DataQuality")
        _code(
            quality, "gmd:scope/gmd:DQ_Scope/gmd:level/gmd:MD_ScopeCode", "MD_ScopeCode", "dataset"
        )
        _text(quality, "gmd:lineage/gmd:LI_Lineage/gmd:statement", meta.lineage)
    return root


def write(meta: IsoMetadata) -> bytes:
    """The metadata as an ISO 19139 XML document (UTF-8)."""
    return etree.tostring(element(meta), xml_declaration=True, encoding="UTF-8", pretty_print=True)


# Reading: by local names, so that gmd (ISO 19139), gmi (ArcGIS's MI_Metadata) and the
# namespaces of other writers read alike.
def safe_xml(data: bytes) -> etree._Element:
    """Parse XML from outside without resolving entities, loading a DTD or touching the
    network (raises `etree.XMLSyntaxError`)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(data, parser)


def _parse(data: bytes) -> etree._Element:
    try:
        root = safe_xml(data)
    except etree.XMLSyntaxError as exc:
        raise IsoReadError("xml.syntax", str(exc)) from exc
    if etree.QName(root).localname not in ("MD_Metadata", "MI_Metadata"):
        raise IsoReadError("xml.root", etree.QName(root).localname)
    return root


def _path(steps: str) -> str:
    return "/".join(
        step if step == "*" else f"*[local-name()='{step}']" for step in steps.split("/")
    )


def _all(node: etree._Element, steps: str) -> list[Any]:
    return node.xpath(_path(steps))


def _first(node: etree._Element, steps: str) -> str:
    for found in _all(node, steps):
        text = "".join(found.itertext()).strip() if isinstance(found, etree._Element) else ""
        if text:
            return text
        value = found.get("codeListValue", "") if isinstance(found, etree._Element) else ""
        if value:
            return value.strip()
    return ""


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _contacts(parties: Iterable[etree._Element]) -> tuple[Contact, ...]:
    found = []
    for party in parties:
        organisation = _first(party, "organisationName/CharacterString")
        individual = _first(party, "individualName/CharacterString")
        if not (organisation or individual):
            continue
        email = _first(
            party, "contactInfo/CI_Contact/address/CI_Address/electronicMailAddress/CharacterString"
        )
        role = _first(party, "role/CI_RoleCode") or "pointOfContact"
        found.append(Contact(organisation, individual, email, role))
    return tuple(found)


def _extent_of(ident: etree._Element) -> tuple[float, float, float, float] | None:
    for box in _all(ident, "extent/EX_Extent/geographicElement/EX_GeographicBoundingBox"):
        values = [
            _number(_first(box, f"{name}/Decimal"))
            for name in (
                "westBoundLongitude",
                "southBoundLatitude",
                "eastBoundLongitude",
                "northBoundLatitude",
            )
        ]
        if all(v is not None for v in values):
            west, south, east, north = (float(v) for v in values if v is not None)
            return west, south, east, north
    return None


def _keywords(ident: etree._Element) -> tuple[list[str], str, str]:
    """Plain keywords, and the KUGI class and code (keywords of the KUGI thesaurus)."""
    plain, kugi_class, kugi_code = [], "", ""
    for group in _all(ident, "descriptiveKeywords/MD_Keywords"):
        words = ["".join(k.itertext()).strip() for k in _all(group, "keyword/*") if k is not None]
        thesaurus = _first(group, "thesaurusName/CI_Citation/title/CharacterString")
        if "KUGI" in thesaurus.upper():
            for word in words:
                if KUGI_CLASS.match(word):
                    kugi_class = word
                elif word:
                    kugi_code = word
            continue
        plain.extend(w for w in words if w and w not in plain)
    return plain, kugi_class, kugi_code


def read(data: bytes) -> IsoMetadata:
    """The metadata an ISO XML document holds (what it leaves out stays empty)."""
    root = _parse(data)
    ident = next(iter(_all(root, "identificationInfo/*")), None)
    if ident is None:
        raise IsoReadError("xml.identification")
    citation = next(iter(_all(ident, "citation/CI_Citation")), root)
    dates = {}
    for entry in _all(citation, "date/CI_Date"):
        kind = _first(entry, "dateType/CI_DateTypeCode")
        day = _date(_first(entry, "date/*"))
        if kind and day:
            dates[kind] = day
    plain, kugi_class, kugi_code = _keywords(ident)
    if not kugi_class:
        named = _first(root, "contentInfo/MD_FeatureCatalogueDescription/featureTypes/*")
        kugi_class = named if KUGI_CLASS.match(named) else ""
    scale = _number(
        _first(
            ident,
            "spatialResolution/MD_Resolution/equivalentScale/"
            "MD_RepresentativeFraction/denominator/Integer",
        )
    )
    resolution = _number(_first(ident, "spatialResolution/MD_Resolution/distance/Distance"))
    begin = _date(
        _first(
            ident,
            "extent/EX_Extent/temporalElement/EX_TemporalExtent/extent/TimePeriod/beginPosition",
        )
    )
    end = _date(
        _first(
            ident,
            "extent/EX_Extent/temporalElement/EX_TemporalExtent/extent/TimePeriod/endPosition",
        )
    )
    categories = [
        "".join(c.itertext()).strip() for c in _all(ident, "topicCategory/MD_TopicCategoryCode")
    ]
    return IsoMetadata(
        identifier=_first(root, "fileIdentifier/CharacterString"),
        title=_first(citation, "title/CharacterString"),
        abstract=_first(ident, "abstract/CharacterString"),
        language=_first(root, "language/LanguageCode") or "ind",
        topic_categories=tuple(c for c in categories if c in TOPIC_CATEGORIES),
        keywords=tuple(plain),
        extent=_extent_of(ident),
        period=(begin, end),
        reference_system=_first(
            root,
            "referenceSystemInfo/MD_ReferenceSystem/referenceSystemIdentifier/RS_Identifier/"
            "code/CharacterString",
        ),
        lineage=_first(
            root, "dataQualityInfo/DQ_DataQuality/lineage/LI_Lineage/statement/CharacterString"
        ),
        scale_denominator=int(scale) if scale else None,
        resolution_m=resolution,
        contacts=_contacts(
            [
                *_all(ident, "pointOfContact/CI_ResponsibleParty"),
                *_all(root, "contact/CI_ResponsibleParty"),
            ]
        ),
        use_limitation=_first(ident, "resourceConstraints/*/useLimitation/CharacterString"),
        access_constraints=_first(ident, "resourceConstraints/*/otherConstraints/CharacterString"),
        dates=dates,
        kugi_class=kugi_class,
        kugi_code=kugi_code,
    )
