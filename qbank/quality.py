"""Measured quality of the duplicate detector against hand-labelled clusters."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import yaml

from qbank.bank import load_bank
from qbank.errors import QbankError
from qbank.graph import build_graph
from qbank.topics import load_topics


@dataclass
class Quality:
    """Pairwise precision and recall of the detector on the labelled questions."""

    true_positives: set[tuple[str, str]]
    false_positives: set[tuple[str, str]]
    false_negatives: set[tuple[str, str]]

    @property
    def precision(self) -> float:
        """Share of detected duplicate pairs that are labelled duplicates."""
        found = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled duplicate pairs that were detected."""
        labelled = len(self.true_positives) + len(self.false_negatives)
        return len(self.true_positives) / labelled if labelled else 1.0


def labelled_pairs(path: Path, known: set[str]) -> set[tuple[str, str]]:
    """Every duplicate pair implied by the labelled clusters."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    pairs: set[tuple[str, str]] = set()
    for name, members in (data.get("clusters") or {}).items():
        if unknown := [member for member in members if member not in known]:
            raise QbankError(str(path), 0, f"cluster {name!r} names unknown questions {unknown}", "fix the ids")
        pairs.update(tuple(sorted(pair)) for pair in combinations(members, 2))
    return pairs


def labelled_articles(path: Path) -> set[str]:
    """The slugs of the articles the labels cover (their `articles:` list)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not data.get("articles"):
        raise QbankError(str(path), 0, "the labels do not say which articles they cover",
                         "list the labelled articles' slugs under `articles:`")
    return {str(slug) for slug in data["articles"]}


def measure(docs: Path, labels: Path) -> Quality:
    """Run the detector alone (no editor overrides) and compare it with the labels.

    Only pairs inside the labelled articles are scored: an article added to the bank later has no
    labels, so its pairs are neither right nor wrong (they still take part in clustering).
    """
    graph = build_graph(load_bank(docs), load_topics(docs / "taxonomy/topics.yml"))
    truth = labelled_pairs(labels, set(graph.nodes))
    scope = labelled_articles(labels)
    predicted = {
        tuple(sorted(pair)) for members in graph.clusters().values()
        for pair in combinations([node.id for node in members if node.article.slug in scope], 2)
    }
    return Quality(predicted & truth, predicted - truth, truth - predicted)
