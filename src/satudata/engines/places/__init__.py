"""Indonesian place names: normalisation and a typo-tolerant matcher over a registry of areas."""

from satudata.engines.places.matcher import Candidate, Place, PlaceIndex
from satudata.engines.places.names import display_name, match_key, normalise, split_kind

__all__ = [
    "Candidate",
    "Place",
    "PlaceIndex",
    "display_name",
    "match_key",
    "normalise",
    "split_kind",
]
