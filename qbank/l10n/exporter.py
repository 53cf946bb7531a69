"""`qbank l10n export`: one catalogue per article, existing English as translations, gaps filled by the memory."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qbank.bank.load import BankArticle, load_bank
from qbank.bank.page import split_page
from qbank.l10n.catalogue import Catalogue, Entry
from qbank.l10n.history import last_changed
from qbank.l10n.memory import MemoryReport, apply_memory
from qbank.l10n.pages import Analysis, analyse

if TYPE_CHECKING:
    from qbank.graph.build import QuestionGraph

KIND_NOTES = {
    "comment": "a comment in the code: translate it; the code around it stays as it is",
    "string": "a string in the code: translate what a reader sees (messages); leave data (sample input) as it is",
}


@dataclass
class Export:
    """Every article's catalogue, what the memory filled, and what could not be read."""

    catalogues: list[Catalogue]
    analyses: list[Analysis]
    memory_by_article: dict[str, MemoryReport]
    warnings: list[str]

    @property
    def memory(self) -> MemoryReport:
        """What the memory filled across the bank."""
        return MemoryReport.of(list(self.memory_by_article.values()))

    def memory_of(self, slugs: set[str]) -> MemoryReport:
        """What the memory filled in these articles' catalogues (every article's when empty)."""
        return MemoryReport.of([report for slug, report in self.memory_by_article.items()
                                if not slugs or slug in slugs])


def catalogue_of(analysis: Analysis, article: BankArticle) -> Catalogue:
    """An article's units as catalogue entries, located on its Chinese page."""
    lines = analysis.template.lines(analysis.body_line)
    entries = []
    for state in analysis.states:
        notes = [note for note in (KIND_NOTES.get(state.unit.kind, ""), state.note) if note]
        entries.append(Entry(state.unit.context, state.unit.text, state.translation, state.fuzzy, state.previous,
                             notes, f"articles/{article.slug}.md:{lines[state.unit.context]}"))
    return Catalogue(article.slug, entries, revised=analysis.revised)


def clusters_of(graph: QuestionGraph) -> dict[str, str]:
    """Each question's duplicate cluster, for questions that have twins."""
    sizes: dict[str, int] = {}
    for node in graph.nodes.values():
        sizes[node.cluster] = sizes.get(node.cluster, 0) + 1
    return {node.id: node.cluster for node in graph.nodes.values() if node.cluster and sizes[node.cluster] > 1}


# Analyses by article and the texts of its two pages: a serve rebuild, or the second language, reuses them.
_analyses: dict[tuple[str, str, str], Analysis] = {}


def _analysed(article: BankArticle, docs: Path) -> Analysis:
    """An article's analysis, reused while neither of its pages changed."""
    pages = docs / "articles"
    texts = [path.read_bytes() if path.exists() else b"" for path in (pages / f"{article.slug}.md",
                                                                       pages / f"{article.slug}.en.md")]
    key = (str(pages / article.slug), *(hashlib.sha256(text).hexdigest() for text in texts))
    if key not in _analyses:
        analysis = analyse(article, docs)
        # Read once per version of the pages: builds call this for every article in every language.
        analysis.body_line = split_page(texts[0].decode("utf-8"), str(pages / f"{article.slug}.md")).body_line
        analysis.revised = last_changed(pages / f"{article.slug}.en.md")
        _analyses[key] = analysis
    return _analyses[key]


def export_bank(docs: Path, graph: QuestionGraph | None, articles: list[BankArticle] | None = None) -> Export:
    """Catalogues of every article; with a graph, the memory also draws on duplicate questions."""
    articles = load_bank(docs) if articles is None else articles
    analyses = [_analysed(article, docs) for article in articles]
    catalogues = [catalogue_of(analysis, article) for analysis, article in zip(analyses, articles, strict=True)]
    memory = apply_memory(catalogues, clusters_of(graph) if graph is not None else {})
    warnings = [warning for analysis in analyses for warning in analysis.warnings]
    return Export(catalogues, analyses, memory, warnings)
