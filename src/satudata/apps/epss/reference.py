"""The reference data the module ships in data/: the LKE indicators, the predikat bounds and
the proposal rules (the default weights are seeded into the database by a migration)."""

from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from satudata.engines.stats import epss, epss_proposals

DATA = Path(__file__).resolve().parent / "data"

LEVEL_LABELS = {
    1: _("1 Rintisan"),
    2: _("2 Terkelola"),
    3: _("3 Terdefinisi"),
    4: _("4 Terpadu dan Terukur"),
    5: _("5 Optimum"),
}


@lru_cache(maxsize=1)
def catalogue() -> epss.Catalogue:
    return epss.read_catalogue(DATA / "lke_indicators.csv")


@lru_cache(maxsize=1)
def predikat_bounds() -> tuple[epss.PredikatBound, ...]:
    return tuple(epss.read_predikat(DATA / "predikat.csv"))


@lru_cache(maxsize=1)
def proposal_rules() -> dict[str, epss_proposals.Rule]:
    return epss_proposals.read_rules(DATA / "proposal_rules.json")
