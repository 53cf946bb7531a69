"""Fast rebuilds for `mkdocs serve --dirty`: what an edit affects, and what the last build left to reuse.

A dirty rebuild after an edit that changes no question's title, anchor or topics keeps the last
full build's question graph (its duplicate clusters and topics) with the edited text in it, and its
generated pages' Markdown; only the edited articles and the generated pages that show their
questions are rebuilt. Any other edit (a title, a new question, the taxonomy) rebuilds the graph.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from qbank.bank.load import BankArticle
from qbank.graph.build import QuestionGraph

T = TypeVar("T")

# Where generated Markdown shows a question: the placeholders the site fills with its HTML.
QUESTION_REFERENCE = re.compile(r'data-question="([^"]+)"')


def graph_inputs(articles: list[BankArticle], taxonomy: list[bytes]) -> str:
    """A fingerprint of what the graph and the generated pages' Markdown read besides answers: every
    edition's article title and question anchors, titles and topics; the taxonomy."""
    digest = hashlib.sha256()
    for article in articles:
        for lang, edition in sorted(article.editions.items()):
            digest.update(f"{article.slug}\0{lang}\0{edition.title}\n".encode())
            for question in edition.questions:
                digest.update(f"{question.anchor}\0{question.title}\0{question.topics}\n".encode())
    for data in taxonomy:
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def question_texts(articles: list[BankArticle]) -> dict[str, str]:
    """Each question's content fingerprint (`slug#anchor`, every edition), to tell which ones an edit changed."""
    found: dict[str, str] = {}
    for article in articles:
        for lang, edition in sorted(article.editions.items()):
            for question in edition.questions:
                key = f"{article.slug}#{question.anchor}"
                # What the question shows; not where it is (an edit above it moves its lines).
                shown = (question.kind, question.number, question.title, question.prompt, question.hints,
                         question.answer_markdown(), question.topics)
                found[key] = hashlib.sha256((found.get(key, "") + lang + repr(shown)).encode()).hexdigest()
    return found


def refreshed(graph: QuestionGraph, articles: list[BankArticle]) -> QuestionGraph:
    """The graph with each node pointing at the newly read article and question (same structure)."""
    by_slug = {article.slug: article for article in articles}
    for node in graph.nodes.values():
        article = by_slug[node.slug]
        node.article = article
        node.question = article.question("zh", node.anchor) or node.question
    return graph


def shown_questions(markdown: str) -> set[str]:
    """The questions (`slug#anchor`) whose prompt or answer a generated page shows."""
    return set(QUESTION_REFERENCE.findall(markdown))


@dataclass
class Session:
    """What one `mkdocs serve` keeps from build to build."""

    dirty: bool = False
    graph_key: str = ""
    graph: QuestionGraph | None = None
    texts: dict[str, str] = field(default_factory=dict)
    round_changed: set[str] | None = None  # the current round's changed questions (None: a full build)
    round_kept: bool = False  # whether the current round keeps the last graph
    # What the languages of one round share: the pages read, the graph and its layout, questions.json,
    # the translation export.
    round_cache: dict[str, Any] = field(default_factory=dict)
    background: threading.Thread | None = None  # a dirty round's search index being written
    # Whether work the build needs later may run meanwhile in forked worker processes (qbank.background):
    # not under `mkdocs serve`, whose server threads a fork would copy.
    forks: bool = True
    # Per language: the generated files of the last build, and the question HTML collected from articles.
    generated: dict[str, dict[str, Any]] = field(default_factory=dict)
    graph_paths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    collected: dict[str, dict] = field(default_factory=dict)

    def shared(self, key: str, make: Callable[[], T]) -> T:
        """What the language builds of one round share (`round_cache`), made by the first build that asks."""
        if key not in self.round_cache:
            self.round_cache[key] = make()
        return self.round_cache[key]

    def changed_questions(self, articles: list[BankArticle]) -> set[str]:
        """The questions (`slug#anchor`) that differ from the last build's, and remembers these."""
        texts = question_texts(articles)
        changed = {key for key, text in texts.items() if self.texts.get(key) != text}
        changed |= set(self.texts) - set(texts)
        self.texts = texts
        return changed
