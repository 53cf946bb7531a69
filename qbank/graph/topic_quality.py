"""How well topics generalise: each article placed by a model that never saw it, scored against labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from qbank.bank.load import BankArticle, load_bank
from qbank.errors import QbankError
from qbank.graph.build import question_id
from qbank.graph.topics import THRESHOLD, Placement, load_topics, place_all


@dataclass
class ArticleTopics:
    """One article's questions placed with the model trained on every other article."""

    slug: str
    source: str
    anchors: list[str]
    placements: list[Placement]

    @property
    def ids(self) -> list[str]:
        """Its questions' global ids."""
        return [question_id(self.slug, anchor) for anchor in self.anchors]

    @property
    def unsorted(self) -> int:
        """How many of its questions ended in the fallback topic."""
        return sum(placement.how == "unsorted" for placement in self.placements)


@dataclass
class TopicQuality:
    """Held-out placement of every article, and agreement with hand labels where there are some."""

    articles: list[ArticleTopics] = field(default_factory=list)
    labelled: int = 0
    correct_first: int = 0
    assigned: int = 0
    assigned_right: int = 0
    label_total: int = 0
    label_found: int = 0
    labelled_unsorted: int = 0

    @property
    def questions(self) -> int:
        """Questions placed."""
        return sum(len(article.ids) for article in self.articles)

    @property
    def unsorted(self) -> int:
        """Questions left unsorted."""
        return sum(article.unsorted for article in self.articles)


def held_out(articles: list[BankArticle], docs: Path, threshold: float = THRESHOLD) -> list[ArticleTopics]:
    """Place each article's questions with rules plus a model trained only on the other articles."""
    topics = load_topics(docs / "taxonomy/topics.yml")
    out: list[ArticleTopics] = []
    for article in articles:
        others = [q for other in articles if other is not article for q in other.zh.questions]
        placements = place_all(article.zh.questions, topics, threshold=threshold, training=others)
        anchors = [q.anchor for q in article.zh.questions]
        out.append(ArticleTopics(article.slug, article.zh.source, anchors, placements))
    return out


def label_key(source: str, anchor: str) -> str:
    """The key of a question in a labels file: its source's file name and its anchor (`intl_2943.md#i01`).

    Keyed by source rather than by slug, so labels hold when an article's slug is chosen differently.
    """
    return f"{Path(source).name}#{anchor}"


def load_labels(path: Path) -> dict[str, list[str]]:
    """Hand-labelled topics per question (`source-file#anchor` or question id)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise QbankError(str(path), 0, f"cannot read topic labels: {exc}", "give a YAML map of id: [topics]") from None
    return {str(key): [str(topic) for topic in value] for key, value in data.items()}


def measure_topics(
    docs: Path, labels: dict[str, list[str]] | None = None, threshold: float = THRESHOLD,
) -> TopicQuality:
    """Held-out placement of the bank in `docs`, scored against `labels` for the questions they cover."""
    quality = TopicQuality(held_out(load_bank(docs), docs, threshold))
    for article in quality.articles:
        for identifier, anchor, placement in zip(article.ids, article.anchors, article.placements, strict=True):
            expected = set((labels or {}).get(identifier) or (labels or {}).get(label_key(article.source, anchor), []))
            if not expected:
                continue
            found = set(placement.topics) - {"unsorted"}
            quality.labelled += 1
            quality.labelled_unsorted += placement.how == "unsorted"
            quality.correct_first += bool(found) and placement.topics[0] in expected
            quality.assigned += len(found)
            quality.assigned_right += len(found & expected)
            quality.label_total += len(expected)
            quality.label_found += len(found & expected)
    return quality
