"""The question bank as read back from the canonical pages in docs/."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from qbank.bank.page import read_page
from qbank.source.model import Article, Question

LANGUAGES = ("zh", "en")


@dataclass
class BankArticle:
    """One article with its page in each language that exists."""

    slug: str
    editions: dict[str, Article] = field(default_factory=dict)
    # Each edition's questions by anchor, made on first lookup: the site asks for thousands.
    _by_anchor: dict[str, dict[str, Question]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def zh(self) -> Article:
        """The Chinese original, which every article has."""
        return self.editions["zh"]

    def question(self, lang: str, anchor: str) -> Question | None:
        """The question with this anchor in one language, if that edition has it."""
        edition = self.editions.get(lang)
        if edition is None:
            return None
        if lang not in self._by_anchor:
            # Reversed, so that the first of two questions sharing an anchor wins, as a scan would.
            self._by_anchor[lang] = {question.anchor: question for question in reversed(edition.questions)}
        return self._by_anchor[lang].get(anchor)


def page_language(path: Path) -> tuple[str, str]:
    """Split `<slug>.md` / `<slug>.en.md` into slug and language."""
    stem = path.name[: -len(".md")]
    slug, _, lang = stem.partition(".")
    return slug, lang or "zh"


# Parsed pages by (path, sha256 of text): `mkdocs serve` rebuilds re-parse only edited pages.
_parsed: dict[tuple[str, str], Article] = {}


def read_cached(path: Path) -> Article:
    """Parse a page, reusing the previous parse when its text is unchanged."""
    text = path.read_text(encoding="utf-8")
    key = (str(path), hashlib.sha256(text.encode("utf-8")).hexdigest())
    if key not in _parsed:
        for stale in [cached for cached in _parsed if cached[0] == key[0]]:
            del _parsed[stale]
        _parsed[key] = read_page(text, str(path))
    # Shared with later builds: callers treat articles as read-only.
    return _parsed[key]


def load_bank(docs: Path) -> list[BankArticle]:
    """Read every article page under docs/articles, grouped by slug, in slug order."""
    articles: dict[str, BankArticle] = {}
    for path in sorted((docs / "articles").glob("*.md")):
        slug, lang = page_language(path)
        if lang not in LANGUAGES:
            continue
        article = read_cached(path)
        article.slug = slug
        articles.setdefault(slug, BankArticle(slug)).editions[lang] = article
    return [article for article in articles.values() if "zh" in article.editions]


def question_id(slug: str, anchor: str) -> str:
    """The global, stable ID of a question: its page slug and its anchor."""
    return f"{slug}-{anchor}"
