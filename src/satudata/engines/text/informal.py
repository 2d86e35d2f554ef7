"""Informal Indonesian posts brought to one plain form before they are compared, tagged or
classified.

`normalise(text)` lowercases; writes links as `<url>`, @mentions as `<user>` and masked
identifiers (`[telepon:…]`) as `<telepon>`; keeps hashtags as words; squeezes letters repeated
three times or more ("bangeeet" → "banget"); writes reduplication with a digit in full
("anak2" → "anak anak"); joins the digits of "15.000"; maps a few emoji and laughter to
tokens (`<emosi_marah>`, `<emosi_senang>`, `<tawa>` …) and drops the other symbols; expands
the slang and abbreviations of `data/slang.tsv` ("gak" → "tidak", "kel." → "kelurahan"). The
result is words separated by single spaces."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

SLANG_FILE = Path(__file__).with_name("data") / "slang.tsv"

EMOJI: dict[str, str] = {
    "😡": "<emosi_marah>",
    "😠": "<emosi_marah>",
    "🤬": "<emosi_marah>",
    "👿": "<emosi_marah>",
    "💢": "<emosi_marah>",
    "😤": "<emosi_marah>",
    "😊": "<emosi_senang>",
    "😀": "<emosi_senang>",
    "😁": "<emosi_senang>",
    "😃": "<emosi_senang>",
    "😄": "<emosi_senang>",
    "🙂": "<emosi_senang>",
    "😍": "<emosi_senang>",
    "🥰": "<emosi_senang>",
    "❤": "<emosi_senang>",
    "👍": "<emosi_senang>",
    "👏": "<emosi_senang>",
    "🙏": "<emosi_mohon>",
    "😢": "<emosi_sedih>",
    "😭": "<emosi_sedih>",
    "😞": "<emosi_sedih>",
    "😔": "<emosi_sedih>",
    "☹": "<emosi_sedih>",
    "🙁": "<emosi_sedih>",
    "👎": "<emosi_marah>",
    "😂": "<tawa>",
    "🤣": "<tawa>",
    "😅": "<tawa>",
}
# Words spelt with a doubled letter, kept when a longer run of it is squeezed.
DOUBLE_LETTER_WORDS = frozenset(
    ["maaf", "saat", "taat", "manfaat", "jumaat", "sukaasih", "keseluruhan", "tunggu", "ruang"]
)

URL = re.compile(r"(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|id|net|org|co\.id|go\.id)/\S*")
MASKED = re.compile(r"\[(telepon|email|nik):[0-9a-f]+\]")
MENTION = re.compile(r"(?<![\w@])@[a-z0-9_.]+")
LAUGH = re.compile(r"\b(?:(?:wk)+w?|(?:ha){2,}h?|(?:he){2,}h?|(?:hi){2,}h?|(?:xi){2,})\b")
REPEAT = re.compile(r"([a-z])\1{2,}")
REDUPLICATED = re.compile(r"\b([a-z]{2,})2\b")
NUMBER_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
TOKEN = re.compile(r"<[a-z_]+>|[a-z0-9]+")


@lru_cache(maxsize=1)
def slang() -> dict[str, str]:
    """The informal words of `data/slang.tsv` and their standard forms."""
    table: dict[str, str] = {}
    for line in SLANG_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        informal, standard = line.split("\t")
        table[informal] = standard
    return table


def _squeeze(match: re.Match[str]) -> str:
    return match.group(1)


@lru_cache(maxsize=200_000)
def _word(word: str) -> str:
    """One lowercase word squeezed and expanded."""
    if word.startswith("<") or word.isdigit():
        return word
    table = slang()
    if word in table:
        return table[word]
    squeezed = REPEAT.sub(_squeeze, word)
    if squeezed != word:
        doubled = REPEAT.sub(lambda m: m.group(1) * 2, word)
        if doubled in DOUBLE_LETTER_WORDS or doubled in table:
            squeezed = doubled
    return table.get(squeezed, squeezed)


def _symbols(text: str) -> str:
    """Emoji as tokens, accents stripped, every other non-ASCII character as a space."""
    out: list[str] = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        token = EMOJI.get(char)
        if token:
            out.append(f" {token} ")
            continue
        base = unicodedata.normalize("NFKD", char)[:1]
        out.append(base if base.isascii() and base.isalnum() else " ")
    return "".join(out)


def normalise(text: str) -> str:
    """The plain form of one informal Indonesian post (see the module's description)."""
    text = text.lower()
    if not text.isascii():
        text = _symbols(text)
    text = URL.sub(" <url> ", text)
    text = MASKED.sub(r" <\1> ", text)
    text = MENTION.sub(" <user> ", text)
    text = REDUPLICATED.sub(r"\1 \1", text)
    text = LAUGH.sub(" <tawa> ", text)
    text = NUMBER_SEPARATOR.sub("", text)
    return " ".join(_word(word) for word in TOKEN.findall(text))
