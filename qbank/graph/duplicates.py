"""Duplicate and related questions: a pair model over text similarities, then average linkage.

Candidate pairs are the ones whose titles share words or bigrams (an inverted-index join through
sparse products, far below n² for real question sets). Each candidate gets the similarities in
`qbank.graph.pair_features`, which a logistic model turns into the probability that the two are one
question. Its weights are fitted on the candidate pairs of hand-labelled articles (`qbank quality --fit`)
and shipped in qbank/data/duplicate_model.yml, with the calibrated threshold 0.5 (more likely one
question than two). Questions then group by average linkage, so a third question cannot chain two
different ones together. Related questions come from title similarity.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import yaml

from qbank.errors import QbankError
from qbank.graph.detector import DetectorConfig
from qbank.graph.linkage import average_linkage
from qbank.graph.pair_features import FEATURES, QuestionText, Vectors, candidates, pair_features, row_dots, vectorise

MODEL_FILE = "data/duplicate_model.yml"
NEGLIGIBLE = 0.02
DEFAULT_CONFIG = DetectorConfig()


@dataclass(frozen=True)
class PairModel:
    """Logistic weights over FEATURES and the probability at which two questions are one."""

    weights: tuple[float, ...]
    intercept: float
    threshold: float
    features: tuple[str, ...] = FEATURES

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(duplicate) per row of features."""
        if features.shape[0] == 0:
            return np.zeros(0)
        return 1.0 / (1.0 + np.exp(-(features @ np.array(self.weights) + self.intercept)))

    def to_yaml(self) -> str:
        """The model file's text."""
        data = {"features": list(self.features), "weights": [round(float(w), 6) for w in self.weights],
                "intercept": round(float(self.intercept), 6), "threshold": round(float(self.threshold), 6)}
        return ("# Duplicate pair model, fitted by `qbank quality --fit` on the labelled articles.\n"
                "# Do not edit by hand: refit after changing the labels or the features.\n"
                + yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def parse_model(text: str, origin: str) -> PairModel:
    """A PairModel from the model file's text."""
    data = yaml.safe_load(text) or {}
    if tuple(data.get("features") or ()) != FEATURES:
        raise QbankError(origin, 0, f"the model's features {data.get('features')} are not {list(FEATURES)}",
                         "refit it with `qbank quality --fit`")
    return PairModel(tuple(float(w) for w in data["weights"]), float(data["intercept"]), float(data["threshold"]))


def load_model(path: Path | None = None) -> PairModel:
    """The shipped model, or the one at `path`."""
    if path is not None:
        return parse_model(path.read_text(encoding="utf-8"), str(path))
    return parse_model(resources.files("qbank").joinpath(MODEL_FILE).read_text(encoding="utf-8"), f"qbank/{MODEL_FILE}")


@dataclass
class Scored:
    """Candidate pairs with their features and probabilities."""

    vectors: Vectors
    first: np.ndarray
    second: np.ndarray
    features: np.ndarray

    @property
    def size(self) -> int:
        """Number of questions."""
        return self.vectors.size

    def probabilities(self, model: PairModel) -> np.ndarray:
        """The model's probability per candidate pair."""
        return model.probability(self.features)


def score_pairs(questions: Sequence[QuestionText], config: DetectorConfig = DEFAULT_CONFIG) -> Scored:
    """Vectorise the questions, gather candidate pairs and compute their features."""
    vectors = vectorise(questions)
    first, second = candidates(vectors, config.candidate_floor, config.per_question, config.block_rows)
    return Scored(vectors, first, second, pair_features(vectors, first, second))


def cluster(
    scored: Scored, model: PairModel, always: Iterable[tuple[int, int]] = (),
    never: Iterable[tuple[int, int]] = (), only: np.ndarray | None = None,
) -> list[int]:
    """Cluster label (the smallest member index) per question.

    Questions asked in the same words start in one group; a pair of wordings stands for every pair
    of their questions. `only`, a boolean mask over candidate pairs, restricts the pairs used.
    """
    wording = scored.vectors.wording
    sizes = np.bincount(wording, minlength=scored.size)
    same_words = [(int(first), index) for index, first in enumerate(wording.tolist()) if first != index]
    probability = scored.probabilities(model)
    # A pair the model all but rules out adds next to nothing to a mean link; leaving it out (as 0)
    # can only keep groups apart, and spares the linkage most of a large bank's pairs.
    keep = probability >= NEGLIGIBLE if only is None else only & (probability >= NEGLIGIBLE)
    order = np.lexsort((scored.second[keep], scored.first[keep], -probability[keep]))
    pairs = zip(scored.first[keep][order].tolist(), scored.second[keep][order].tolist(),
                probability[keep][order].tolist(), strict=True)
    return average_linkage(scored.size, pairs, model.threshold, [*always, *same_words], never, ordered=True,
                           sizes=sizes.tolist())


def related(
    scored: Scored, labels: list[int], config: DetectorConfig = DEFAULT_CONFIG,
) -> list[list[int]]:
    """For each question, up to `related_limit` related questions outside its cluster, best first.

    Related means the titles' concept vectors reach `related` cosine; one entry per cluster.
    """
    similarity = row_dots(scored.vectors.title, scored.first, scored.second)
    wording = scored.vectors.wording.tolist()
    partners: dict[int, list[tuple[float, int]]] = {}
    for a, b, value in zip(scored.first.tolist(), scored.second.tolist(), similarity.tolist(), strict=True):
        if value >= config.related - 1e-9:
            partners.setdefault(a, []).append((-value, b))
            partners.setdefault(b, []).append((-value, a))
    for found in partners.values():
        found.sort()
    result = []
    for index in range(scored.size):
        # A question shares its wording's partners; one entry per cluster, its own cluster left out.
        seen_clusters: set[int] = {labels[index]}
        picks: list[int] = []
        for _value, other in partners.get(wording[index], []):
            if labels[other] in seen_clusters:
                continue
            seen_clusters.add(labels[other])
            picks.append(other)
            if len(picks) == config.related_limit:
                break
        result.append(picks)
    return result
