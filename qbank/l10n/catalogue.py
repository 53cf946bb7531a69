"""Translation catalogues in gettext PO (polib) and XLIFF 1.2 (translate-toolkit): one per article."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polib
from translate.storage import xliff

from qbank.errors import QbankError

SOURCE_LANGUAGE, TARGET_LANGUAGE = "zh", "en"
FORMATS = {"po": ".po", "xliff": ".xlf"}
SUFFIXES = {".po": "po", ".xlf": "xliff", ".xliff": "xliff"}
ARTICLE_HEADER = "X-Qbank-Article"
# A catalogue whose English was never committed; a real date, so that `msgfmt --check` accepts it.
UNREVISED = "1970-01-01 00:00+0000"
PREVIOUS = "previous"  # an XLIFF alt-trans of this origin holds the Chinese a fuzzy target translated


@dataclass
class Entry:
    """One unit of a catalogue: its context, the Chinese, the English, and what a translator should know."""

    context: str
    source: str
    target: str = ""
    fuzzy: bool = False
    previous: str = ""  # the Chinese the target translated, when the Chinese changed since
    notes: list[str] = field(default_factory=list)
    location: str = ""  # where the unit is on the Chinese page: articles/<slug>.md:<line>
    line: int = 0  # where the entry is in the catalogue file, when read from one


@dataclass
class Catalogue:
    """One article's entries, with the article's slug."""

    slug: str
    entries: list[Entry]
    path: str = ""
    revised: str = ""  # when the English was last changed (PO-Revision-Date)


def catalogue_name(slug: str, output_format: str) -> str:
    """The file name of an article's catalogue."""
    return f"{slug}{FORMATS[output_format]}"


def to_po(catalogue: Catalogue) -> str:
    """The catalogue as a gettext PO file."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "qbank",
        "PO-Revision-Date": catalogue.revised or UNREVISED,
        "Last-Translator": "qbank translators",
        "Language-Team": "English",
        "Language": TARGET_LANGUAGE,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": SOURCE_LANGUAGE,
        ARTICLE_HEADER: catalogue.slug,
    }
    for entry in catalogue.entries:
        path, _, line = entry.location.rpartition(":")
        po.append(polib.POEntry(
            msgctxt=entry.context, msgid=entry.source, msgstr=entry.target,
            occurrences=[(path, line)] if path else [], comment="\n".join(entry.notes),
            flags=["fuzzy"] if entry.fuzzy else [], previous_msgid=entry.previous or None,
        ))
    return str(po) + "\n"


def to_xliff(catalogue: Catalogue) -> str:
    """The catalogue as an XLIFF 1.2 file (the unit id is the context)."""
    store = xliff.xlifffile(sourcelanguage=SOURCE_LANGUAGE, targetlanguage=TARGET_LANGUAGE)
    for entry in catalogue.entries:
        unit = xliff.xliffunit(entry.source)
        unit.setid(entry.context)
        if entry.target:
            unit.target = entry.target
        unit.markfuzzy(entry.fuzzy)
        for note in entry.notes:
            unit.addnote(note, origin="developer")
        if entry.location:
            unit.addlocation(entry.location)
        if entry.previous:
            unit.addalttrans(entry.target, origin=PREVIOUS, lang=TARGET_LANGUAGE, sourcetxt=entry.previous)
        store.addunit(unit)
    store.setfilename(store.getfilenode("NoName"), f"articles/{catalogue.slug}.md")
    return bytes(store).decode("utf-8")


def render(catalogue: Catalogue, output_format: str) -> str:
    """The catalogue in a format ("po" or "xliff")."""
    return to_po(catalogue) if output_format == "po" else to_xliff(catalogue)


DOCTYPE = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)


def read_catalogue(path: Path) -> Catalogue:
    """Read a PO or XLIFF catalogue; the article is its header's (PO), its file's `original` (XLIFF) or its name."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise QbankError(str(path), 0, "not a translation catalogue", "give a .po, .xlf or .xliff file")
    if not path.is_file():  # polib would read a missing path's name as the catalogue's text
        raise QbankError(str(path), 0, "no such file", "give the path of a catalogue `qbank l10n export` wrote")
    try:
        return _read_po(path) if kind == "po" else _read_xliff(path)
    except (OSError, ValueError, SyntaxError) as error:  # polib: OSError/ValueError; lxml: XMLSyntaxError
        found = re.search(r"\(line (\d+)\)", str(error))
        line = int(found.group(1)) if found else getattr(error, "lineno", 0) or 0
        raise QbankError(str(path), line, f"cannot read the catalogue: {error}",
                         "check it with `msgfmt --check` (PO) or an XML validator (XLIFF)") from None


def _read_po(path: Path) -> Catalogue:
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid_plural:  # a unit is one line of a page: it has no plural to choose
            raise QbankError(str(path), entry.linenum, f"unit {entry.msgctxt!r} has plural forms (msgid_plural)",
                             "a page line has one translation: export the catalogue again and use msgstr")
    slug = po.metadata.get(ARTICLE_HEADER) or path.stem
    entries = [Entry(entry.msgctxt or "", entry.msgid, entry.msgstr, "fuzzy" in entry.flags,
                     entry.previous_msgid or "", [entry.comment] if entry.comment else [], line=entry.linenum)
               for entry in po if not entry.obsolete]
    return Catalogue(slug, entries, str(path))


def _refuse_doctype(path: Path) -> None:
    """XLIFF needs no DTD: entity declarations could expand without end or read local files."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    if found := DOCTYPE.search(text):
        raise QbankError(str(path), text.count("\n", 0, found.start()) + 1,
                         "the catalogue declares a DOCTYPE or entities", "remove the <!DOCTYPE …> and any &name; "
                         "entities it declares; export the catalogue again if unsure")


def _read_xliff(path: Path) -> Catalogue:
    _refuse_doctype(path)
    store = xliff.xlifffile.parsefile(str(path))
    names = store.getfilenames()
    original = names[0] if names else ""
    slug = Path(original).name.split(".")[0] if original.startswith("articles/") else path.stem
    entries = []
    for unit in store.getunits():
        if unit.isheader():
            continue
        previous = next((alt.source for alt in unit.getalttrans() if alt.xmlelement.get("origin") == PREVIOUS), "")
        entries.append(Entry(unit.xmlelement.get("id", ""), unit.source or "", unit.target or "", _xliff_fuzzy(unit),
                             previous or "", line=unit.xmlelement.sourceline or 0))
    return Catalogue(slug, entries, str(path))


def _xliff_fuzzy(unit: xliff.xliffunit) -> bool:
    """Whether a translated XLIFF unit still needs review: its target's state says so (XLIFF 1.2 `needs-…`).

    Tools differ on `approved`; the target's state is what they all set.
    """
    target = next((child for child in unit.xmlelement if str(child.tag).endswith("}target")), None)
    state = target.get("state", "") if target is not None else ""
    if state:
        return state.startswith("needs-")
    return unit.xmlelement.get("approved") == "no"
