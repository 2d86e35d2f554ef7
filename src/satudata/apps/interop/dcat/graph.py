"""DCAT-AP 3.0.1 descriptions as RDF graphs: the catalogue (a page of it, with Hydra paging)
and each dataset with its distributions.

Every node the output points at (licences, frequencies, access rights, file types, media types,
themes, languages) is typed with the class DCAT-AP expects, so that the range checks of the
official SHACL shapes pass without fetching the vocabularies."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD
from rdflib.term import Node

from satudata.apps.accounts.models import Organisation
from satudata.apps.catalog.models import Dataset, Licence, Topic, Version
from satudata.apps.interop.dcat import links, queries
from satudata.apps.interop.dcat.vocab import (
    ACCESS_RIGHTS,
    DATA_THEME_SCHEME,
    DCAT,
    FILE_FORMATS,
    FREQUENCIES,
    GSP,
    HYDRA,
    LANGUAGE_INDONESIAN,
    LOCN,
    PREFIXES,
    PUBLISHER_TYPES,
    SHA256,
    SPDX,
    TOPIC_THEMES,
    VCARD,
    Term,
)
from satudata.apps.standards.models import StandardVersion
from satudata.platform import storage

CONTENT_LANGUAGE = "id"


@dataclass(frozen=True)
class PageLinks:
    """The addresses of this page of the catalogue and of its neighbours (Hydra paging)."""

    current: str
    first: str
    last: str
    next: str | None
    previous: str | None


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def _text(value: str, lang: str = CONTENT_LANGUAGE) -> Literal:
    return Literal(value, lang=lang)


def _when(value: datetime | date) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


class Describer:
    """Adds the catalogue and its datasets to one graph."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.lang = translation.get_language() or settings.LANGUAGE_CODE

    def add(self, subject: Node, predicate: URIRef, value: Node) -> None:
        self.graph.add((subject, predicate, value))

    def typed(self, uri: URIRef, *classes: URIRef) -> URIRef:
        for cls in classes:
            self.add(uri, RDF.type, cls)
        return uri

    def concept(self, term: Term, scheme: URIRef) -> URIRef:
        self.typed(term.uri, SKOS.Concept)
        self.add(term.uri, SKOS.prefLabel, _text(term.label, "en"))
        self.add(term.uri, SKOS.inScheme, scheme)
        return term.uri

    def themes(self) -> None:
        """The two theme taxonomies: the EU data themes and the portal's topics."""
        self.typed(DATA_THEME_SCHEME, SKOS.ConceptScheme)
        self.add(DATA_THEME_SCHEME, DCTERMS.title, _text("Data theme", "en"))
        topics = URIRef(links.topic_scheme_iri())
        self.typed(topics, SKOS.ConceptScheme)
        self.add(topics, DCTERMS.title, _text(_("Topics of %(site)s") % self._site(), self.lang))

    def _site(self) -> dict[str, str]:
        return {"site": settings.SITE_NAME}

    def agent(self, organisation: Organisation) -> URIRef:
        node = self.typed(URIRef(links.organisation_iri(organisation)), FOAF.Agent)
        self.add(node, RDF.type, FOAF.Organization)
        self.add(node, FOAF.name, _text(organisation.name))
        kind = PUBLISHER_TYPES.get(organisation.kind)
        if kind is not None:
            self.typed(kind.uri, SKOS.Concept)
            self.add(kind.uri, SKOS.prefLabel, _text(kind.label, "en"))
            self.add(node, DCTERMS.type, kind.uri)
        if organisation.email:
            self.add(node, FOAF.mbox, URIRef("mailto:" + organisation.email))
        if organisation.website:
            self.add(node, FOAF.homepage, URIRef(organisation.website))
        return node

    def site_agent(self) -> URIRef:
        node = self.typed(URIRef(links.absolute("/#publisher")), FOAF.Agent)
        self.add(node, FOAF.name, _text(settings.SITE_NAME))
        return node

    def catalog(self, page: queries.CatalogPage, paging: PageLinks) -> URIRef:
        node = self.typed(URIRef(links.catalog_iri()), DCAT.Catalog)
        self.add(node, DCTERMS.title, _text(settings.SITE_NAME))
        description = _(
            "The open data catalogue of %(site)s: the datasets its agencies publish under "
            "Satu Data Indonesia."
        )
        self.add(node, DCTERMS.description, _text(description % self._site(), self.lang))
        publisher = page.publisher
        self.add(node, DCTERMS.publisher, self.agent(publisher) if publisher else self.site_agent())
        homepage = self.typed(URIRef(links.home()), FOAF.Document)
        self.add(node, FOAF.homepage, homepage)
        self.add(node, DCTERMS.language, self.language())
        if page.summary.modified is not None:
            self.add(node, DCTERMS.modified, _when(page.summary.modified))
        self.themes()
        self.add(node, DCAT.themeTaxonomy, DATA_THEME_SCHEME)
        self.add(node, DCAT.themeTaxonomy, URIRef(links.topic_scheme_iri()))
        for dataset in page.datasets:
            self.add(node, DCAT.dataset, self.dataset(dataset))
        self.paging(page, paging)
        return node

    def paging(self, page: queries.CatalogPage, paging: PageLinks) -> None:
        node = self.typed(URIRef(paging.current), HYDRA.PagedCollection)
        self.add(node, HYDRA.totalItems, Literal(page.summary.total, datatype=XSD.integer))
        self.add(node, HYDRA.itemsPerPage, Literal(page.per_page, datatype=XSD.integer))
        self.add(node, HYDRA.firstPage, URIRef(paging.first))
        self.add(node, HYDRA.lastPage, URIRef(paging.last))
        if paging.next:
            self.add(node, HYDRA.nextPage, URIRef(paging.next))
        if paging.previous:
            self.add(node, HYDRA.previousPage, URIRef(paging.previous))

    def language(self) -> URIRef:
        return self.typed(LANGUAGE_INDONESIAN, DCTERMS.LinguisticSystem)

    def topic(self, topic: Topic) -> URIRef:
        node = self.typed(URIRef(links.topic_iri(topic)), SKOS.Concept)
        self.add(node, SKOS.prefLabel, _text(topic.name))
        self.add(node, SKOS.inScheme, URIRef(links.topic_scheme_iri()))
        return node

    def dataset(self, dataset: Dataset) -> URIRef:
        node = self.typed(URIRef(links.dataset_iri(dataset)), DCAT.Dataset)
        self.add(node, DCTERMS.identifier, Literal(links.dataset_iri(dataset)))
        self.add(node, DCTERMS.title, _text(dataset.title))
        summary = dataset.description or dataset.definisi or dataset.konsep or dataset.title
        self.add(node, DCTERMS.description, _text(summary))
        for tag in dataset.tags.all():
            self.add(node, DCAT.keyword, _text(tag.name))
        if dataset.topic is not None:
            self.add(node, DCAT.theme, self.topic(dataset.topic))
            theme = TOPIC_THEMES.get(dataset.topic.slug)
            if theme is not None:
                self.add(node, DCAT.theme, self.concept(theme, DATA_THEME_SCHEME))
        self.add(node, DCTERMS.publisher, self.agent(dataset.organisation))
        self.contact(node, dataset)
        self.temporal(node, dataset)
        self.spatial(node, dataset)
        frequency = FREQUENCIES.get(dataset.frekuensi)
        if frequency is not None:
            self.add(node, DCTERMS.accrualPeriodicity, self.typed(frequency, DCTERMS.Frequency))
        issued = queries.first_published(dataset)
        if issued is not None:
            self.add(node, DCTERMS.issued, _when(issued))
        self.add(node, DCTERMS.modified, _when(queries.modified(dataset)))
        rights = ACCESS_RIGHTS[dataset.access_level]
        self.add(node, DCTERMS.accessRights, self.typed(rights, DCTERMS.RightsStatement))
        standard = queries.adopted_standard(dataset)
        if standard is not None:
            self.add(node, DCTERMS.conformsTo, self.standard(standard))
        page = self.typed(URIRef(links.dataset_page(dataset)), FOAF.Document)
        self.add(node, DCAT.landingPage, page)
        self.add(node, DCTERMS.language, self.language())
        version = dataset.published_version
        if version is not None:
            self.add(node, DCAT.version, Literal(str(version.number)))
            for fmt in FILE_FORMATS:
                self.add(node, DCAT.distribution, self.distribution(dataset, version, fmt))
        return node

    def contact(self, node: URIRef, dataset: Dataset) -> None:
        email = dataset.pengelola_email or dataset.organisation.email
        if not email:
            return
        contact = self.typed(URIRef(links.dataset_page(dataset) + "#contact"), VCARD.Kind)
        name = dataset.pengelola_nama or dataset.organisation.name
        self.add(contact, VCARD.fn, Literal(name))
        self.add(contact, VCARD.hasEmail, URIRef("mailto:" + email))
        self.add(node, DCAT.contactPoint, contact)

    def temporal(self, node: URIRef, dataset: Dataset) -> None:
        if dataset.period_start is None and dataset.period_end is None:
            return
        period = self.typed(BNode(), DCTERMS.PeriodOfTime)
        if dataset.period_start is not None:
            self.add(period, DCAT.startDate, _when(dataset.period_start))
        if dataset.period_end is not None:
            self.add(period, DCAT.endDate, _when(dataset.period_end))
        self.add(node, DCTERMS.temporal, period)

    def spatial(self, node: URIRef, dataset: Dataset) -> None:
        wilayah = dataset.cakupan_wilayah
        if wilayah is None:
            return
        place = self.typed(BNode(), DCTERMS.Location)
        self.add(place, DCTERMS.identifier, Literal(wilayah.kode))
        self.add(place, SKOS.prefLabel, _text(wilayah.nama))
        self.add(place, LOCN.geographicName, _text(wilayah.nama))
        if wilayah.lat is not None and wilayah.lng is not None:
            point = f"POINT({wilayah.lng} {wilayah.lat})"
            self.add(place, DCAT.centroid, Literal(point, datatype=GSP.wktLiteral))
        self.add(node, DCTERMS.spatial, place)

    def standard(self, version: StandardVersion) -> URIRef:
        node = self.typed(URIRef(links.standard(version)), DCTERMS.Standard)
        self.add(node, DCTERMS.title, _text(f"{version.standard.title} v{version.number}"))
        return node

    def licence(self, code: str) -> URIRef:
        node = self.typed(URIRef(links.licence(code)), DCTERMS.LicenseDocument)
        if code in Licence.values:
            self.add(node, DCTERMS.title, _text(str(Licence(code).label), self.lang))
        return node

    def distribution(self, dataset: Dataset, version: Version, fmt: str) -> URIRef:
        spec = FILE_FORMATS[fmt]
        url = URIRef(links.download(dataset, version, fmt))
        node = self.typed(
            URIRef(f"{links.dataset_page(dataset)}#distribution-{fmt}"), DCAT.Distribution
        )
        self.add(node, DCTERMS.title, _text(f"{dataset.title} ({fmt.upper()})"))
        self.add(node, DCAT.accessURL, url)
        self.add(node, DCAT.downloadURL, url)
        self.add(node, DCAT.mediaType, self.typed(spec.media_type_uri, DCTERMS.MediaType))
        self.add(node, DCTERMS.format, self.typed(spec.file_type, DCTERMS.MediaTypeOrExtent))
        self.add(node, DCTERMS.license, self.licence(dataset.licence))
        self.add(node, DCTERMS.modified, _when(version.created_at))
        if fmt == "parquet":
            self.stored_file(node, version)
        return node

    def stored_file(self, node: URIRef, version: Version) -> None:
        """Size and SHA-256 of the stored Parquet file, served as it is."""
        try:
            size = storage.absolute(version.parquet_path).stat().st_size
        except (OSError, ValueError):
            return
        self.add(node, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger))
        checksum = self.typed(BNode(), SPDX.Checksum)
        self.add(checksum, SPDX.algorithm, self.typed(SHA256, SPDX.ChecksumAlgorithm))
        self.add(checksum, SPDX.checksumValue, Literal(version.checksum, datatype=XSD.hexBinary))
        self.add(node, SPDX.checksum, checksum)


def catalog_graph(page: queries.CatalogPage, paging: PageLinks) -> Graph:
    graph = new_graph()
    Describer(graph).catalog(page, paging)
    return graph


def dataset_graph(dataset: Dataset) -> Graph:
    graph = new_graph()
    Describer(graph).dataset(dataset)
    return graph
