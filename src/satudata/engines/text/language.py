"""The language of a post: Indonesian, Javanese, Sundanese, English, a mix of two of them, or
another language.

Each language has a short list of its function words and very common words; a post's language
is the one whose words it uses most. It is `campuran` when a second language has a clear share
too (at least two of its words and a third of the words recognised), and `lain` when no word is
recognised in a post of several words (or the post is written in another script)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Final


class Language:
    """The language tags of posts."""

    INDONESIAN: Final = "id"
    JAVANESE: Final = "jv"
    SUNDANESE: Final = "su"
    ENGLISH: Final = "en"
    MIXED: Final = "campuran"
    OTHER: Final = "lain"
    ALL: Final = ("id", "jv", "su", "en", "campuran", "lain")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORDS: dict[str, frozenset[str]] = {
    Language.INDONESIAN: _words(
        """yang dan di ke dari tidak ini itu dengan untuk sudah belum saya kami kita ada akan
        juga karena tapi tetapi bisa mohon tolong sangat banget sekali lagi masih kapan
        bagaimana kenapa mengapa apa siapa sama hanya saja harus kalau jadi terus atau pada
        dalam oleh bapak ibu warga kota jalan sekarang kemarin besok mau ingin minta segera
        terima kasih baik buruk rusak banyak sedikit setiap semua pernah selalu seperti
        bukan belum kok sih dong deh kan pak bu mana sampai baru tiap hari selama agar
        supaya hingga namun malah nih tuh lho kasihan"""
    ),
    Language.JAVANESE: _words(
        """ora opo sing karo wis wes aku kowe nggih mboten iki kuwi kae lan ning neng dadi
        ae wae piye kepiye durung isih arep iso isa ojo sampun menika panjenengan matur
        nuwun sugeng tenan rek dhewe mergo amarga jare lek nek yen ngene ngono duwe
        sithik akeh apik elek kudune kabeh saiki sesuk wingi omah banyu dalan lor kidul
        wetan kulon"""
    ),
    Language.SUNDANESE: _words(
        """teu naon abdi anjeun sareng atuh mah euy pisan henteu moal tos parantos nuju
        kumaha nu teh jeung ieu eta oge kudu tiasa hatur nuhun punten geus keur bade ti
        urang maneh sok mun lamun aya dieu ditu kitu kieu rek bae acan kantos hoyong
        meuni pikeun sapertos"""
    ),
    Language.ENGLISH: _words(
        """the and is are was were of to in for on with that this it not be have has had
        you your we our they their please thank thanks very road flood city service
        government why what when how there been will would should can could but from by
        at as an"""
    ),
}
WORD: Final = re.compile(r"[a-z]+")
MARKER: Final = re.compile(r"<[a-z_]+>")
LETTERS: Final = re.compile(r"[^\W\d_]")
MIN_SECOND = 2
SECOND_SHARE = 1 / 3
MIN_UNKNOWN_WORDS = 3
ORDER = (Language.INDONESIAN, Language.JAVANESE, Language.SUNDANESE, Language.ENGLISH)


def detect(text: str) -> str:
    """The language tag (`Language`) of one post."""
    lowered = MARKER.sub(" ", text.lower())
    words = WORD.findall(lowered)
    counts: Counter[str] = Counter()
    for word in words:
        for language in ORDER:
            if word in WORDS[language]:
                counts[language] += 1
    if not counts:
        letters = LETTERS.findall(lowered)
        if letters and sum(not c.isascii() for c in letters) > len(letters) / 2:
            return Language.OTHER
        return Language.OTHER if len(words) >= MIN_UNKNOWN_WORDS else Language.INDONESIAN
    ranked = sorted(counts.items(), key=lambda item: (-item[1], ORDER.index(item[0])))
    first = ranked[0][0]
    if len(ranked) > 1:
        hits = ranked[1][1]
        if hits >= MIN_SECOND and hits >= SECOND_SHARE * (ranked[0][1] + hits):
            return Language.MIXED
    return first
