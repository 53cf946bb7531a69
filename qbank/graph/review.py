"""The editor's review queue: duplicate decisions the detector is least sure of, with ready override lines."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from qbank.graph.build import Node, Overrides, QuestionGraph

Reason = Literal["borderline", "through a third"]


@dataclass(frozen=True)
class ReviewItem:
    """One pair of questions an editor should confirm or overrule."""

    reason: Reason
    first: Node
    second: Node
    score: float
    linked: bool

    @property
    def decision(self) -> str:
        """The override key that would change what the site does now."""
        return "never" if self.linked else "always"

    @property
    def line(self) -> str:
        """The entry to add under `always:` or `never:` in docs/taxonomy/duplicates.yml."""
        return f"- [{self.first.id}, {self.second.id}]"


def decided(overrides: Overrides) -> set[frozenset[str]]:
    """Pairs the editor has already ruled on."""
    return {frozenset(pair) for pair in (*overrides.always, *overrides.never)}


def review_queue(graph: QuestionGraph, overrides: Overrides | None = None, margin: float = 0.15) -> list[ReviewItem]:
    """Borderline pairs (score within `margin` of the threshold) and cluster members joined only through others.

    Pairs the editor has decided are left out, so the queue shrinks as decisions are made.
    """
    if graph.scored is None or graph.model is None:
        return []
    ids = list(graph.nodes)
    done = decided(overrides or Overrides())
    threshold = graph.model.threshold
    scores: dict[frozenset[int], float] = {}
    probability = graph.scored.probabilities(graph.model).tolist()
    for a, b, value in zip(graph.scored.first.tolist(), graph.scored.second.tolist(), probability, strict=True):
        scores[frozenset((a, b))] = value
    items: list[ReviewItem] = []

    def add(reason: Reason, a: int, b: int, value: float) -> None:
        first, second = graph.nodes[ids[a]], graph.nodes[ids[b]]
        if frozenset((first.id, second.id)) not in done:
            items.append(ReviewItem(reason, first, second, value, first.cluster == second.cluster))

    for pair, value in scores.items():
        if abs(value - threshold) <= margin:
            add("borderline", *sorted(pair), value)
    position = {identifier: index for index, identifier in enumerate(ids)}
    wording = graph.scored.vectors.wording.tolist()
    for members in graph.clusters().values():
        for first, second in combinations(members, 2):
            a, b = position[first.id], position[second.id]
            if wording[a] == wording[b]:
                continue  # asked in the same words: grouped from the start, nothing to review
            value = scores.get(frozenset((wording[a], wording[b])), 0.0)
            if value < threshold - margin:  # within the margin it is listed as borderline already
                add("through a third", min(a, b), max(a, b), value)
    items.sort(key=lambda item: (item.reason != "borderline", abs(item.score - threshold), item.first.id,
                                 item.second.id))
    return items
