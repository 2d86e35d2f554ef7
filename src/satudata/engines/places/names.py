"""Normalising Indonesian place names so that the ways people write one area meet.

"Kel. Karang Tengah", "KELURAHAN KARANG-TENGAH" and "karangtengah" all come to the match key
`karangtengah`; the administrative word in front ("Kota", "Kabupaten", "Kecamatan", "Desa" …)
is split off as the name's kind, which a matcher may use to break ties."""

import re
import unicodedata

# The words an area's name may start with, longest first, and the kind each one names.
KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("kota administrasi", "kota"),
    ("kota adm", "kota"),
    ("kabupaten administrasi", "kabupaten"),
    ("kabupaten", "kabupaten"),
    ("kab", "kabupaten"),
    ("kota", "kota"),
    ("provinsi", "provinsi"),
    ("prov", "provinsi"),
    ("propinsi", "provinsi"),
    ("kecamatan", "kecamatan"),
    ("kec", "kecamatan"),
    ("distrik", "kecamatan"),
    ("kelurahan", "kelurahan"),
    ("kel", "kelurahan"),
    ("desa", "desa"),
    ("ds", "desa"),
)
_APOSTROPHES = re.compile(r"[’'`´]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_ROMAN = re.compile(r"^[ivx]+$", re.IGNORECASE)
_SMALL_WORDS = {"x", "dan"}


def normalise(text: str) -> str:
    """Lower case, accents and apostrophes dropped, punctuation and runs of spaces as one space."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = _APOSTROPHES.sub("", folded.lower())
    return _NOT_WORD.sub(" ", folded).strip()


def split_kind(text: str) -> tuple[str | None, str]:
    """The administrative word a name starts with (as a kind) and the normalised rest.

    A name that is only such a word ("Kota") keeps it: there is nothing else to match."""
    words = normalise(text)
    for word, kind in KIND_WORDS:
        if words.startswith(word + " "):
            return kind, words[len(word) + 1 :]
    return None, words


def match_key(text: str) -> str:
    """The key names are matched on: without the kind word and without spaces, so that
    "Karang Tengah" and "Karangtengah" meet."""
    return split_kind(text)[1].replace(" ", "")


def _display_word(word: str) -> str:
    if _ROMAN.match(word) or word.isdigit():
        return word.upper()
    if word.lower() in _SMALL_WORDS:
        return word.lower()
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def display_name(text: str) -> str:
    """A name as the registry shows it: names written in capitals ("KOTA TANGERANG") get a
    capital first letter per word, roman numerals stay in capitals ("Koto XI Tarusan"); names
    already in mixed case are kept, with spaces tidied."""
    tidy = " ".join(text.split())
    if tidy != tidy.upper():
        return tidy
    return " ".join(_display_word(word) for word in tidy.split(" "))
