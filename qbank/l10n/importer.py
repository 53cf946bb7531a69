"""`qbank l10n import`: a catalogue becomes the English page, its structure generated from the Chinese page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from qbank.bank.load import BankArticle
from qbank.bank.page import read_page
from qbank.bank.translation import all_code, code_blocks, translation_front_matter
from qbank.errors import QbankError
from qbank.l10n.catalogue import Catalogue
from qbank.l10n.pages import PageTemplate, page_template, stamped
from qbank.source.escape import inert_markdown_line
from qbank.source.model import Article

CODE_SPAN = re.compile(r"`+")
LINK_TARGET = re.compile(r"\]\(")


@dataclass
class Imported:
    """An English page made from a catalogue, and how much of it is translated."""

    slug: str
    text: str
    translated: int
    fallback: int  # units shown in the original (untranslated or fuzzy)
    partial: list[str]


def markdown_problems(source: str, target: str) -> list[str]:
    """What in a translation breaks Markdown that the Chinese keeps whole: code spans, links, emphasis, lines."""
    problems = []
    if target.count("\n") != source.count("\n"):
        problems.append("a unit is one line of the page: keep its line breaks as in the Chinese")
    if _unbalanced_code(target) and not _unbalanced_code(source):
        problems.append("unbalanced code span: a ` opens inline code that is never closed")
    plain_target, plain_source = _outside_code(target), _outside_code(source)
    if plain_target.count("[") != plain_target.count("]") and plain_source.count("[") == plain_source.count("]"):
        problems.append("unbalanced link brackets: every [ needs its ]")
    if len(LINK_TARGET.findall(plain_target)) > plain_target.count(")"):
        problems.append("a link's target (…) is not closed")
    for mark in ("**", "__"):
        if plain_target.count(mark) % 2 and not plain_source.count(mark) % 2:
            problems.append(f"unbalanced emphasis: an odd number of {mark}")
    return problems


def _unbalanced_code(text: str) -> bool:
    """Whether some backtick run has no closing run of the same length."""
    counts: dict[int, int] = {}
    for run in CODE_SPAN.findall(text):
        counts[len(run)] = counts.get(len(run), 0) + 1
    return any(count % 2 for count in counts.values())


def _outside_code(text: str) -> str:
    """The text with inline code spans removed."""
    return re.sub(r"(`+)(?:.+?)\1", "", text)


def _check_units(catalogue: Catalogue, template: PageTemplate) -> None:
    """Refuse a catalogue whose units are not the current Chinese page's."""
    units = {unit.context: unit for unit in template.units}
    seen: set[str] = set()
    for entry in catalogue.entries:
        unit = units.get(entry.context)
        hint = f"export the catalogue again (`qbank l10n export {catalogue.slug}`) and carry the translations over"
        if entry.context in seen:
            raise QbankError(catalogue.path, entry.line, f"unit {entry.context!r} appears twice", hint)
        seen.add(entry.context)
        if unit is None:
            raise QbankError(catalogue.path, entry.line,
                             f"unit {entry.context!r} is not on the Chinese page articles/{catalogue.slug}.md", hint)
        if unit.text != entry.source:
            raise QbankError(catalogue.path, entry.line,
                             f"unit {entry.context!r} does not match the Chinese page: the catalogue has "
                             f"{entry.source[:60]!r}, the page {unit.text[:60]!r}", hint)
    missing = [context for context in units if context not in seen]
    if missing:
        raise QbankError(catalogue.path, 1, f"the catalogue lacks {len(missing)} unit(s) of the Chinese page, "
                         f"e.g. {missing[0]!r}", f"export the catalogue again (`qbank l10n export {catalogue.slug}`)")


def import_catalogue(catalogue: Catalogue, article: BankArticle, en_path: Path) -> Imported:
    """The English page a catalogue gives; untranslated and fuzzy units show the Chinese, and are listed."""
    original = article.zh
    template = page_template(stamped(original))
    _check_units(catalogue, template)
    block_of = template.block_of()
    units = {unit.context: unit for unit in template.units}
    texts: dict[str, str] = {}
    partial: list[str] = []
    translated = fallback = 0
    for entry in catalogue.entries:
        usable = entry.target and not entry.fuzzy
        if usable:
            for problem in markdown_problems(entry.source, entry.target):
                raise QbankError(catalogue.path, entry.line, f"unit {entry.context!r}: {problem}",
                                 "fix the translation in the catalogue, then import it again")
            # Catalogue text is untrusted: a raw tag or attribute list shows as text. Code words stay code.
            text_unit = units[entry.context].kind == "text"
            texts[entry.context] = inert_markdown_line(entry.target) if text_unit else entry.target
            translated += 1
            continue
        fallback += 1
        if units[entry.context].needs_words and block_of[entry.context] not in partial:
            partial.append(block_of[entry.context])
    order = [block for block, _ in template.blocks]
    partial.sort(key=order.index)
    text = translation_front_matter(original, article.slug, partial) + template.fill(texts)
    _check_page(text, original, catalogue, en_path)
    return Imported(article.slug, text, translated, fallback, partial)


def _check_page(text: str, original: Article, catalogue: Catalogue, en_path: Path) -> None:
    """The page must read back with the Chinese page's questions and code: else a translation broke it."""
    try:
        english = read_page(text, str(en_path))
    except QbankError as error:
        raise QbankError(catalogue.path, 0, f"the English page would not read back: {error.message}",
                         "a translation holds Markdown that changes the page's structure; fix it in the catalogue"
                         ) from None
    zh_questions = original.questions
    if [q.anchor for q in english.questions] != [q.anchor for q in zh_questions]:
        raise QbankError(catalogue.path, 0, "the English page would not keep the Chinese page's questions",
                         "a translated title or line holds a question heading's `{ #… }`; remove it")
    for translated, chinese in zip(english.questions, zh_questions, strict=True):
        if code_blocks(all_code(translated)) != code_blocks(all_code(chinese)):
            raise QbankError(catalogue.path, 0, f"question {chinese.anchor}: a translation adds or removes code",
                             "keep ``` fences out of translations")
