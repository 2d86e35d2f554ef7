"""The Indonesian catalogue is complete and safe to render, and the compiled .mo matches it.

Indonesian is the default language: an untranslated or fuzzy entry shows English to an official,
a dropped or changed placeholder breaks the page (`%` raises), and a stale .mo hides the fixes
made in the .po. The checkers below are run on the real catalogue and, to prove they can fail,
on broken copies of it."""

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from satudata.platform.i18n import LOCALE_DIR, compile_catalogs

ID_PO = LOCALE_DIR / "id" / "LC_MESSAGES" / "django.po"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"

# %(name)s, %(seconds).0f, %s, %d, %% … (printf style, as Python's % operator reads it)
PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
BRACES = re.compile(r"(?<!\{)\{[A-Za-z_][A-Za-z0-9_]*(?:[.:!][^{}]*)?\}(?!\})")
TAGS = re.compile(r"</?[A-Za-z][^<>]*>")
ENTITIES = re.compile(r"&(?:#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);")


def markers(text: str) -> Counter:
    """What a translation must keep from its msgid: placeholders, tags and entities."""
    found = Counter()
    for pattern in (PRINTF, BRACES, TAGS, ENTITIES):
        found.update(pattern.findall(text))
    return found


def edges(text: str) -> tuple[str, str]:
    """The leading and trailing whitespace (spaces, newlines) of a text."""
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 0


def describe(entry: polib.POEntry) -> str:
    where = entry.occurrences[0][0] if entry.occurrences else "?"
    return f"{entry.msgid!r} ({where})"


def compare(entry: polib.POEntry, source: str, text: str, label: str) -> list[str]:
    problems = []
    want, got = markers(source), markers(text)
    if want != got:
        lost, added = sorted((want - got).elements()), sorted((got - want).elements())
        problems.append(f"{label} of {describe(entry)}: lost {lost}, added {added}")
    if edges(source) != edges(text):
        problems.append(f"{label} of {describe(entry)}: leading/trailing whitespace differs")
    return problems


def catalogue_problems(path: Path, language: str = "id") -> list[str]:
    """Everything wrong with a catalogue that must be fully translated into `language`."""
    po = polib.pofile(str(path))
    problems = []
    if po.metadata_is_fuzzy:
        problems.append("the header is marked fuzzy")
    if po.metadata.get("Language") != language:
        problems.append(f"the header says Language: {po.metadata.get('Language')!r}")
    if "charset=UTF-8" not in po.metadata.get("Content-Type", ""):
        problems.append("the header's Content-Type is not charset=UTF-8")
    forms = nplurals(po)
    if forms < 1:
        problems.append("the header has no Plural-Forms")
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {describe(entry)}")
        if entry.msgid_plural:
            texts = entry.msgstr_plural
            if sorted(texts) != list(range(forms)):
                problems.append(f"{describe(entry)} has forms {sorted(texts)}, not {forms}")
            for index, text in sorted(texts.items()):
                if not text:
                    problems.append(f"untranslated: {describe(entry)} msgstr[{index}]")
                    continue
                # With one form (Indonesian) msgstr[0] stands for every n, so it follows the
                # plural msgid; with more forms msgstr[0] may follow the singular one.
                sources = [entry.msgid_plural] + ([entry.msgid] if index == 0 < forms - 1 else [])
                found = [compare(entry, source, text, f"msgstr[{index}]") for source in sources]
                if all(found):
                    problems.extend(found[0])
        elif not entry.msgstr:
            problems.append(f"untranslated: {describe(entry)}")
        else:
            problems.extend(compare(entry, entry.msgid, entry.msgstr, "msgstr"))
    return problems


def translation(entry: polib.POEntry | polib.MOEntry) -> object:
    return dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr


def compiled_problems(po_path: Path, mo_path: Path) -> list[str]:
    """Entries of the .po that the compiled .mo lacks or holds with another translation."""
    if not mo_path.exists():
        return [f"{mo_path} is missing: run `python -m satudata.platform.i18n`"]
    mo = polib.mofile(str(mo_path))
    compiled = {entry.msgid: entry for entry in mo}
    po = polib.pofile(str(po_path))
    problems = []
    if mo.metadata.get("Plural-Forms") != po.metadata.get("Plural-Forms"):
        problems.append(f"the .mo has Plural-Forms {mo.metadata.get('Plural-Forms')!r}")
    for entry in po.translated_entries():
        found = compiled.get(entry.msgid)
        if found is None:
            problems.append(f"not in the .mo: {describe(entry)}")
        elif translation(found) != translation(entry):
            problems.append(f"the .mo has another translation of {describe(entry)}")
    return problems


def report(problems: list[str]) -> str:
    shown = "\n".join(problems[:40])
    more = f"\n… and {len(problems) - 40} more" if len(problems) > 40 else ""
    return f"{len(problems)} problem(s):\n{shown}{more}"


def test_indonesian_catalogue_is_complete_and_keeps_placeholders():
    problems = catalogue_problems(ID_PO)
    assert not problems, report(problems)


def test_compiled_indonesian_catalogue_matches_the_po():
    problems = compiled_problems(ID_PO, ID_PO.with_suffix(".mo"))
    assert not problems, report(problems)


def test_english_catalogue_has_a_clean_header_and_no_fuzzy_entries():
    po = polib.pofile(str(EN_PO))
    assert not po.metadata_is_fuzzy
    assert po.metadata.get("Language") == "en"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert not [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]


# The checkers must be able to fail: break a copy of the catalogue one way at a time.


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "id" / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    shutil.copy(ID_PO, target)
    return target


def edit(path: Path, change: Callable[[polib.POFile], None]) -> None:
    po = polib.pofile(str(path))
    change(po)
    po.save()


def first(po: polib.POFile, test: Callable[[polib.POEntry], bool]) -> polib.POEntry:
    return next(e for e in po if not e.obsolete and test(e))


def has_named(entry: polib.POEntry) -> bool:
    return not entry.msgid_plural and "%(" in entry.msgid


def empty_msgstr(po: polib.POFile) -> None:
    first(po, lambda e: not e.msgid_plural).msgstr = ""


def empty_plural(po: polib.POFile) -> None:
    first(po, lambda e: e.msgid_plural).msgstr_plural = {0: ""}


def mark_fuzzy(po: polib.POFile) -> None:
    first(po, lambda e: True).flags.append("fuzzy")


def fuzzy_header(po: polib.POFile) -> None:
    po.metadata_is_fuzzy = True


def drop_placeholder(po: polib.POFile) -> None:
    entry = first(po, has_named)
    entry.msgstr = PRINTF.sub("", entry.msgstr)


def rename_placeholder(po: polib.POFile) -> None:
    entry = first(po, has_named)
    entry.msgstr = re.sub(r"%\((\w+)\)", r"%(\1_x)", entry.msgstr, count=1)


def wrong_conversion(po: polib.POFile) -> None:
    entry = first(po, lambda e: has_named(e) and ")s" in e.msgstr)
    entry.msgstr = entry.msgstr.replace(")s", ")d", 1)


def added_placeholder(po: polib.POFile) -> None:
    entry = first(po, lambda e: not e.msgid_plural and "%" not in e.msgid)
    entry.msgstr += " %(extra)s"


def plural_placeholder(po: polib.POFile) -> None:
    entry = first(po, lambda e: e.msgid_plural and "%(counter)s" in e.msgid_plural)
    entry.msgstr_plural = {0: entry.msgstr_plural[0].replace("%(counter)s", "")}


def lost_space(po: polib.POFile) -> None:
    entry = first(po, lambda e: e.msgid.endswith(" ") and not e.msgid_plural)
    entry.msgstr = entry.msgstr.rstrip()


def two_forms(po: polib.POFile) -> None:
    entry = first(po, lambda e: e.msgid_plural)
    entry.msgstr_plural = {0: entry.msgstr_plural[0], 1: entry.msgstr_plural[0]}


def lost_tag(po: polib.POFile) -> None:
    entry = first(po, lambda e: "<" in e.msgid and not e.msgid_plural)
    entry.msgstr = TAGS.sub("", entry.msgstr)


def wrong_language(po: polib.POFile) -> None:
    po.metadata["Language"] = "en"


@pytest.mark.parametrize(
    "breakage",
    [
        empty_msgstr,
        empty_plural,
        mark_fuzzy,
        fuzzy_header,
        drop_placeholder,
        rename_placeholder,
        wrong_conversion,
        added_placeholder,
        plural_placeholder,
        lost_space,
        two_forms,
        lost_tag,
        wrong_language,
    ],
)
def test_catalogue_check_catches_a_broken_copy(copy, breakage):
    assert not catalogue_problems(copy), "the copy should start clean"
    edit(copy, breakage)
    assert catalogue_problems(copy)


def test_compiled_check_catches_a_missing_or_stale_mo(copy):
    mo = copy.with_suffix(".mo")
    assert compiled_problems(copy, mo) == [
        f"{mo} is missing: run `python -m satudata.platform.i18n`"
    ]
    compile_catalogs(copy.parent.parent.parent)
    assert not compiled_problems(copy, mo)

    def new_entry(po: polib.POFile) -> None:
        po.append(polib.POEntry(msgid="A message added after compiling", msgstr="Pesan baru"))

    def changed_entry(po: polib.POFile) -> None:
        first(po, lambda e: not e.msgid_plural).msgstr += " (diubah)"

    for change in (new_entry, changed_entry):
        shutil.copy(ID_PO, copy)
        compile_catalogs(copy.parent.parent.parent)
        assert not compiled_problems(copy, mo)
        edit(copy, change)
        assert compiled_problems(copy, mo), change.__name__


def test_markers_sees_placeholders_tags_and_entities():
    text = 'Row %(row)s of %s: {name} <a href="x">%(share)s%%</a> &amp; %(seconds).0f'
    assert markers(text) == Counter(
        {
            "%(row)s": 1,
            "%s": 1,
            "{name}": 1,
            '<a href="x">': 1,
            "%(share)s": 1,
            "%%": 1,
            "</a>": 1,
            "&amp;": 1,
            "%(seconds).0f": 1,
        }
    )
