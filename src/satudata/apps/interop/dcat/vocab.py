"""The vocabularies of the DCAT-AP output: namespaces, and how the portal's codes (topics,
frekuensi, access levels, licences, download formats) map onto the EU controlled vocabularies
and IANA media types that DCAT-AP 3 recommends."""

from dataclasses import dataclass

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS, XSD

ADMS = Namespace("http://www.w3.org/ns/adms#")
# DCAT 3 (rdflib's closed DCAT namespace predates terms such as dcat:version).
DCAT = Namespace("http://www.w3.org/ns/dcat#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")

PREFIXES: dict[str, Namespace] = {
    "adms": ADMS,
    "dcat": DCAT,
    "dct": Namespace(str(DCTERMS)),
    "foaf": Namespace(str(FOAF)),
    "gsp": GSP,
    "hydra": HYDRA,
    "locn": LOCN,
    "rdf": Namespace(str(RDF)),
    "skos": Namespace(str(SKOS)),
    "spdx": SPDX,
    "vcard": VCARD,
    "xsd": Namespace(str(XSD)),
}

EU = "http://publications.europa.eu/resource/authority/"
DATA_THEME_SCHEME = URIRef(EU + "data-theme")
LANGUAGE_INDONESIAN = URIRef(EU + "language/IND")
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/"
SHA256 = SPDX["checksumAlgorithm_sha256"]


@dataclass(frozen=True)
class Term:
    """A concept of an external vocabulary with the English label the vocabulary gives it."""

    uri: URIRef
    label: str


def _theme(code: str, label: str) -> Term:
    return Term(URIRef(f"{EU}data-theme/{code}"), label)


AGRI = _theme("AGRI", "Agriculture, fisheries, forestry and food")
ECON = _theme("ECON", "Economy and finance")
EDUC = _theme("EDUC", "Education, culture and sport")
ENER = _theme("ENER", "Energy")
ENVI = _theme("ENVI", "Environment")
GOVE = _theme("GOVE", "Government and public sector")
HEAL = _theme("HEAL", "Health")
JUST = _theme("JUST", "Justice, legal system and public safety")
REGI = _theme("REGI", "Regions and cities")
SOCI = _theme("SOCI", "Population and society")
TECH = _theme("TECH", "Science and technology")
TRAN = _theme("TRAN", "Transport")

# Topics (urusan pemerintahan, by slug) whose EU data theme is clear; others keep only the
# portal's own topic concept.
TOPIC_THEMES: dict[str, Term] = {
    "kependudukan": SOCI,
    "kesehatan": HEAL,
    "pendidikan": EDUC,
    "kebudayaan": EDUC,
    "kepemudaan-dan-olahraga": EDUC,
    "sosial": SOCI,
    "pemberdayaan-perempuan-dan-anak": SOCI,
    "perumahan-dan-permukiman": REGI,
    "perhubungan": TRAN,
    "lingkungan-hidup": ENVI,
    "ketenteraman-dan-ketertiban": JUST,
    "ekonomi": ECON,
    "keuangan": ECON,
    "pemerintahan": GOVE,
    "pertanian": AGRI,
    "ketahanan-pangan": AGRI,
    "kelautan-dan-perikanan": AGRI,
    "energi-dan-sumber-daya-mineral": ENER,
}

FREQUENCIES: dict[str, URIRef] = {
    "harian": URIRef(EU + "frequency/DAILY"),
    "mingguan": URIRef(EU + "frequency/WEEKLY"),
    "bulanan": URIRef(EU + "frequency/MONTHLY"),
    "triwulanan": URIRef(EU + "frequency/QUARTERLY"),
    "semesteran": URIRef(EU + "frequency/BIANNUAL"),
    "tahunan": URIRef(EU + "frequency/ANNUAL"),
    "lima_tahunan": URIRef(EU + "frequency/QUINQUENNIAL"),
    "tidak_tentu": URIRef(EU + "frequency/IRREG"),
}

ACCESS_RIGHTS: dict[str, URIRef] = {
    "terbuka": URIRef(EU + "access-right/PUBLIC"),
    "terbatas": URIRef(EU + "access-right/RESTRICTED"),
    "tertutup": URIRef(EU + "access-right/NON_PUBLIC"),
}

PUBLISHER_TYPES: dict[str, Term] = {
    "opd": Term(URIRef(PUBLISHER_TYPE + "LocalAuthority"), "Local Authority"),
    "walidata": Term(URIRef(PUBLISHER_TYPE + "LocalAuthority"), "Local Authority"),
    "bumd": Term(URIRef(PUBLISHER_TYPE + "Company"), "Company"),
}


@dataclass(frozen=True)
class FileFormat:
    """A download format: the EU file type, the IANA media type (URI and plain text)."""

    code: str
    file_type: URIRef
    media_type: str

    @property
    def media_type_uri(self) -> URIRef:
        return URIRef("https://www.iana.org/assignments/media-types/" + self.media_type)


FILE_FORMATS: dict[str, FileFormat] = {
    "csv": FileFormat("csv", URIRef(EU + "file-type/CSV"), "text/csv"),
    "xlsx": FileFormat(
        "xlsx",
        URIRef(EU + "file-type/XLSX"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "json": FileFormat("json", URIRef(EU + "file-type/JSON"), "application/json"),
    "parquet": FileFormat(
        "parquet", URIRef(EU + "file-type/PARQUET"), "application/vnd.apache.parquet"
    ),
}


@dataclass(frozen=True)
class LicenceInfo:
    """A licence as Frictionless names it (Open Definition / SPDX id) with its public text;
    licences without a public text point at the portal's explanation (`path` is None)."""

    name: str
    path: str | None


LICENCES: dict[str, LicenceInfo] = {
    "cc-by-4.0": LicenceInfo("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-by-sa-4.0": LicenceInfo("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "cc0-1.0": LicenceInfo("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "odbl-1.0": LicenceInfo("ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "bagi-pakai": LicenceInfo("other-closed", None),
    "internal": LicenceInfo("other-closed", None),
}
