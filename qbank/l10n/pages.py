"""An article as translation units, and what its English page holds for each unit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from qbank.bank.load import BankArticle
from qbank.bank.page import read_page, render_question
from qbank.bank.translation import prose_fingerprint, question_fingerprint
from qbank.errors import QbankError
from qbank.l10n.history import earlier_versions
from qbank.l10n.units import Template, Unit, prose_template, question_template, title_template
from qbank.source.escape import escape_html
from qbank.source.model import Article, Prose, Question

TITLE, PROSE = "title", "prose"


@dataclass
class PageTemplate:
    """An article's page as blocks (title, prose runs, questions), each a template of fixed text and units."""

    blocks: list[tuple[str, Template]]  # (block: "title", "prose" or a question anchor, template)

    @property
    def units(self) -> list[Unit]:
        """Every unit of the page in page order."""
        return [unit for _, template in self.blocks for unit in template.units]

    def block_of(self) -> dict[str, str]:
        """The block of each unit, by context."""
        return {unit.context: block for block, template in self.blocks for unit in template.units}

    def fill(self, texts: dict[str, str]) -> str:
        """The page body with each unit's text taken from `texts` (by context), else its own."""
        parts = [template.fill([texts.get(unit.context, unit.text) for unit in template.units])
                 for _, template in self.blocks]
        return "\n\n".join(parts) + "\n"

    def lines(self, body_line: int) -> dict[str, int]:
        """The page line of each unit, given the line the body starts on."""
        found: dict[str, int] = {}
        line = body_line
        for _, template in self.blocks:
            for unit in template.units:
                found[unit.context] = line + unit.line
            line += len(template.lines) + 1
        return found


def page_template(article: Article, lang: str = "en") -> PageTemplate:
    """The template of an article's page in a language: its structure, block titles in that language."""
    blocks: list[tuple[str, Template]] = [(TITLE, block_template(article, 0, lang))]
    prose_runs = 0
    for block in article.blocks:
        prose_runs += isinstance(block, Prose)
        blocks.append((block.anchor if isinstance(block, Question) else PROSE, block_template(block, prose_runs, lang)))
    return PageTemplate(blocks)


def block_markdown(item: Article | Question | Prose, lang: str = "en") -> str:
    """One block of a page as canonical Markdown: the article's title line, a question, or a prose run."""
    if isinstance(item, Article):
        return f"# {escape_html(item.title)}"
    if isinstance(item, Question):
        return render_question(item, lang)
    return escape_html(item.text)


def block_template(item: Article | Question | Prose, prose_number: int, lang: str = "en") -> Template:
    """The template of one block (the title for an Article); prose runs are numbered from 1."""
    markdown = block_markdown(item, lang)
    if isinstance(item, Article):
        return title_template(markdown.removeprefix("# "))
    if isinstance(item, Question):
        return question_template(markdown, item.anchor)
    return prose_template(markdown, f"p{prose_number}")


def stamped(article: Article) -> Article:
    """The article with every question marked as translating itself: the headings a current translation has."""
    blocks = [replace(block, translates=question_fingerprint(block)) if isinstance(block, Question) else block
              for block in article.blocks]
    return replace(article, blocks=blocks)


@dataclass
class UnitState:
    """What the English page holds for one unit of the current Chinese page."""

    unit: Unit
    translation: str = ""  # empty: untranslated
    fuzzy: bool = False  # the Chinese changed since it was translated
    previous: str = ""  # the Chinese it translated, when fuzzy and known
    note: str = ""


@dataclass
class Analysis:
    """An article's units with what its English page holds for each, and what could not be read."""

    slug: str
    template: PageTemplate
    states: list[UnitState]
    warnings: list[str] = field(default_factory=list)
    body_line: int = 1  # the Chinese page's first body line, to locate units on it
    revised: str = ""  # when the English page was last committed (the catalogue's PO-Revision-Date)

    def counts(self) -> tuple[int, int, int]:
        """(translated, fuzzy, missing) units."""
        translated = sum(1 for s in self.states if s.translation and not s.fuzzy)
        fuzzy = sum(1 for s in self.states if s.translation and s.fuzzy)
        return translated, fuzzy, len(self.states) - translated - fuzzy


def _pairs(english: Article, earlier: Callable[[str, str], Question | None], prose_source: Article,
           current: Article) -> Iterator[tuple[str, Article | Question | Prose, Article | Question | Prose]]:
    """(block, the Chinese it translates, the English) for each block of the English page."""
    yield TITLE, prose_source, english
    zh_prose = iter(prose_source.prose)
    zh_questions = {q.anchor: q for q in current.questions}
    for block in english.blocks:
        if isinstance(block, Prose):
            original = next(zh_prose, None)
            if original is not None:
                yield PROSE, original, block
        elif (original := earlier(block.anchor, block.translates) or zh_questions.get(block.anchor)) is not None:
            yield block.anchor, replace(original, translates=block.translates), block


class History:
    """Earlier Chinese versions of a page, searched only when a stamp no longer matches."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._versions: list[Article] | None = None

    def versions(self) -> list[Article]:
        """The page's earlier versions that still parse, newest first."""
        if self._versions is None:
            self._versions = []
            for text in earlier_versions(self.path):
                try:
                    self._versions.append(read_page(text, str(self.path)))
                except QbankError:  # an old version that no longer parses has nothing to offer
                    continue
        return self._versions

    def question(self, anchor: str, stamp: str) -> Question | None:
        """The Chinese question an English one was stamped against."""
        for version in self.versions():
            for question in version.questions:
                if question.anchor == anchor and question_fingerprint(question) == stamp:
                    return question
        return None

    def prose(self, stamp: str) -> Article | None:
        """The Chinese title and prose an English page was stamped against."""
        return next((version for version in self.versions() if prose_fingerprint(version) == stamp), None)


def analyse(article: BankArticle, docs: Path) -> Analysis:
    """What the English page of an article translates, unit by unit, with fuzzy units' earlier Chinese."""
    current = article.zh
    template = page_template(current)
    analysis = Analysis(article.slug, template, [UnitState(unit) for unit in template.units])
    english = article.editions.get("en")
    if english is None:
        return analysis
    history = History(docs / "articles" / f"{article.slug}.md")
    en_path = docs / "articles" / f"{article.slug}.en.md"
    fresh = {q.anchor: question_fingerprint(q) for q in current.questions}
    unknown: set[str] = set()  # blocks whose translated Chinese is not found: all their units are fuzzy

    def earlier(anchor: str, stamp: str) -> Question | None:
        if fresh.get(anchor) == stamp:
            return None
        found = history.question(anchor, stamp) if stamp else None
        if found is None:
            unknown.add(anchor)
        return found

    prose_stamp = _prose_stamp(en_path)
    prose_source = current
    if prose_stamp != prose_fingerprint(current):
        prose_source = history.prose(prose_stamp) or current
        if prose_source is current:
            unknown.update({TITLE, PROSE})
    found: dict[str, tuple[str, str, str]] = {}  # context → (block, Chinese translated, English)
    prose_number = 0
    for block, original, translated in _pairs(english, earlier, prose_source, current):
        prose_number += block == PROSE
        zh_template = block_template(original, prose_number)
        texts = zh_template.match(block_markdown(translated))
        if isinstance(texts, int):
            analysis.warnings.append(
                f"{en_path}: {block}: line {texts + 1} of the block does not follow the Chinese structure; "
                "its units are exported untranslated")
            continue
        for unit, text in zip(zh_template.units, texts, strict=True):
            found[unit.context] = (block, unit.text, text)
    for state in analysis.states:
        if state.unit.context not in found:
            continue
        block, original_text, text = found[state.unit.context]
        if text == original_text and state.unit.needs_words:
            continue  # the original, shown where the translation is missing
        state.translation = text
        if block in unknown:
            state.fuzzy = True
            state.note = "the Chinese changed since this was translated; its earlier text is not in the history"
        elif original_text != state.unit.text:
            state.fuzzy, state.previous = True, original_text
    return analysis


def _prose_stamp(path: Path) -> str:
    """The `zh_prose` stamp of an English page."""
    from qbank.bank.page import split_page

    return str(split_page(path.read_text(encoding="utf-8"), str(path)).meta.get("zh_prose", ""))
