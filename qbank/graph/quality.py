"""Measured quality of the duplicate detector against hand-labelled clusters, by scope and cross-validated.

Labels are keyed by source file and anchor (`intl_2943.md#i01`), so they hold whatever slug an article
gets. Pairs are scored only between questions of the labelled articles; "acceptable" pairs are neither
rewarded nor punished. The cross-validated figure leaves one article out at a time: the model is fitted
on pairs of the other articles only and scored on the pairs that touch the article left out, so no
scored pair was ever used to fit the model.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from qbank.bank.load import load_bank
from qbank.errors import QbankError
from qbank.graph.build import question_text
from qbank.graph.duplicates import DetectorConfig, PairModel, Scored, cluster, load_model, score_pairs
from qbank.graph.pair_features import pair_features
from qbank.graph.topic_quality import label_key

SCOPES = ("seeds", "corpus", "across", "all")
# Two questions are one when the model finds that more likely than not (on average over their groups).
CALIBRATED_THRESHOLD = 0.5
# Inverse strength of the L2 penalty on the weights: the middle of the range (2–10) where the
# cross-validated figure holds.
REGULARISATION = 5.0
Pair = tuple[int, int]


@dataclass
class Labels:
    """Hand-labelled duplicates: must-link and acceptable pairs of label keys, and the articles covered."""

    articles: set[str]
    seeds: set[str]
    must: set[tuple[str, str]]
    acceptable: set[tuple[str, str]]


@dataclass
class Counts:
    """True positives, false positives and false negatives of one scope."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        """Share of detected duplicate pairs that are labelled duplicates."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled duplicate pairs that were detected."""
        labelled = self.true_positives + self.false_negatives
        return self.true_positives / labelled if labelled else 1.0


@dataclass
class Quality:
    """Pair counts by scope, and the wrong pairs (label keys) for reading."""

    scopes: dict[str, Counts] = field(default_factory=lambda: {scope: Counts() for scope in SCOPES})
    false_positives: list[tuple[str, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, str]] = field(default_factory=list)

    @property
    def all(self) -> Counts:
        """Every scope together."""
        return self.scopes["all"]

    @property
    def touching_corpus(self) -> Counts:
        """Pairs with at least one question outside the seeds (scopes corpus and across): text the detector's
        features were not designed on, the nearest the labels come to unseen articles."""
        corpus, across = self.scopes["corpus"], self.scopes["across"]
        return Counts(corpus.true_positives + across.true_positives, corpus.false_positives + across.false_positives,
                      corpus.false_negatives + across.false_negatives)


def cluster_pairs(members: dict[str, list[str]], origin: str) -> set[tuple[str, str]]:
    """Every pair implied by named clusters."""
    pairs: set[tuple[str, str]] = set()
    for name, keys in (members or {}).items():
        if not isinstance(keys, list) or not all(isinstance(key, str) for key in keys):
            raise QbankError(origin, 0, f"cluster {name!r} must be a list of `source#anchor` keys", "fix the labels")
        pairs.update(tuple(sorted(pair)) for pair in combinations(keys, 2))
    return pairs


def load_labels(path: Path) -> Labels:
    """Read a labels file (`articles`, `seeds`, `must_link`, `acceptable`)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise QbankError(str(path), 0, f"cannot read duplicate labels: {exc}", "give the YAML labels file") from None
    if not data.get("articles"):
        raise QbankError(str(path), 0, "the labels do not say which articles they cover",
                         "list the labelled source files under `articles:`")
    must = cluster_pairs(data.get("must_link"), str(path))
    acceptable = cluster_pairs(data.get("acceptable"), str(path)) - must
    return Labels({str(name) for name in data["articles"]}, {str(name) for name in data.get("seeds") or []},
                  must, acceptable)


@dataclass
class LabelledBank:
    """The bank's questions with their label keys, and the detector's candidate pairs over them."""

    keys: list[str]
    articles: list[str]
    scored: Scored
    labels: Labels
    missing: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def index_pairs(self, pairs: Iterable[tuple[str, str]]) -> set[Pair]:
        """Label-key pairs as index pairs (pairs naming absent questions dropped)."""
        position = {key: index for index, key in enumerate(self.keys)}
        return {tuple(sorted((position[a], position[b]))) for a, b in pairs if a in position and b in position}

    def scope(self, pair: Pair) -> str:
        """seeds, corpus or across."""
        seeds = [self.articles[index] in self.labels.seeds for index in pair]
        return "seeds" if all(seeds) else "corpus" if not any(seeds) else "across"

    def labelled(self, index: int) -> bool:
        """Whether a question's article is covered by the labels."""
        return self.articles[index] in self.labels.articles


def labelled_bank(docs: Path, labels: Labels, config: DetectorConfig | None = None) -> LabelledBank:
    """Read the bank in `docs` and score its candidate pairs."""
    keys, articles, texts = [], [], []
    for article in load_bank(docs):
        for question in article.zh.questions:
            keys.append(label_key(article.zh.source, question.anchor))
            articles.append(Path(article.zh.source).name)
            texts.append(question_text(question))
    present = set(articles)
    known = set(keys)
    missing = sorted({key for pair in labels.must | labels.acceptable for key in pair
                      if key.split("#")[0] in present and key not in known})
    if missing:
        raise QbankError("labels", 0, f"labels name questions that are not in their articles: {missing[:5]}",
                         "re-read the articles and fix the anchors in the labels")
    return LabelledBank(keys, articles, score_pairs(texts, config or DetectorConfig()), labels,
                        titles=[text.title for text in texts])


def group_pairs(labels: list[int]) -> set[Pair]:
    """Every pair inside the same cluster."""
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(label, []).append(index)
    return {pair for members in groups.values() if len(members) > 1 for pair in combinations(members, 2)}


def compare(bank: LabelledBank, predicted: set[Pair], scored: set[Pair] | None = None) -> Quality:
    """Count predicted pairs against the labels, by scope, over the pairs in `scored` (default: all labelled)."""
    truth = bank.index_pairs(bank.labels.must)
    acceptable = bank.index_pairs(bank.labels.acceptable)

    def counted(pair: Pair) -> bool:
        return bank.labelled(pair[0]) and bank.labelled(pair[1]) and (scored is None or pair in scored)

    predicted = {pair for pair in predicted if counted(pair)} - acceptable
    truth = {pair for pair in truth if counted(pair)}
    quality = Quality()
    for pair in predicted | truth:
        scope = bank.scope(pair)
        for name in (scope, "all"):
            counts = quality.scopes[name]
            if pair in predicted and pair in truth:
                counts.true_positives += 1
            elif pair in predicted:
                counts.false_positives += 1
            else:
                counts.false_negatives += 1
    quality.false_positives = sorted((bank.keys[a], bank.keys[b]) for a, b in predicted - truth)
    quality.false_negatives = sorted((bank.keys[a], bank.keys[b]) for a, b in truth - predicted)
    return quality


def pair_weights(bank: LabelledBank, pairs: list[Pair]) -> np.ndarray:
    """A training weight per pair: 1/√(pairs between the same two articles), scaled to mean 1.

    The three largest seed articles hold most of the pairs; without this they would set the scores
    for every article, and one threshold would not mean the same on a short unseen one.
    """
    buckets = [tuple(sorted((bank.articles[a], bank.articles[b]))) for a, b in pairs]
    sizes = Counter(buckets)
    weights = np.array([1.0 / math.sqrt(sizes[bucket]) for bucket in buckets])
    return weights * (len(weights) / weights.sum())


def fit(bank: LabelledBank, questions: set[int]) -> PairModel:
    """Fit the pair model on the candidate pairs among `questions`, and every duplicate among them.

    Candidates are the pairs the detector scores in a bank, so the probability is calibrated on what
    it faces: a pair at CALIBRATED_THRESHOLD is as likely one question as two, on every article,
    and the threshold is not tuned on the labels.
    """
    scored = bank.scored
    truth = bank.index_pairs(bank.labels.must)
    acceptable = bank.index_pairs(bank.labels.acceptable)
    gathered = {(a, b) for a, b in zip(scored.first.tolist(), scored.second.tolist(), strict=True)
                if a in questions and b in questions}
    inside_truth = {(a, b) for a, b in truth if a in questions and b in questions}
    pairs = sorted((gathered | inside_truth) - acceptable)
    target = np.array([pair in truth for pair in pairs], dtype=bool)
    if len(set(target.tolist())) < 2:
        raise QbankError("labels", 0, "the labelled articles give no duplicate and non-duplicate pairs to fit",
                         "label more articles")
    first = np.array([a for a, _ in pairs], dtype=np.int64)
    second = np.array([b for _, b in pairs], dtype=np.int64)
    # lbfgs on a fixed data set is deterministic; REGULARISATION keeps the weights moderate on few labels.
    regression = LogisticRegression(C=REGULARISATION, max_iter=2000).fit(
        pair_features(scored.vectors, first, second), target, sample_weight=pair_weights(bank, pairs))
    return PairModel(tuple(float(w) for w in regression.coef_[0]), float(regression.intercept_[0]),
                     CALIBRATED_THRESHOLD)


def cross_validate(bank: LabelledBank) -> Quality:
    """Leave one labelled article out at a time; score only pairs whose first question is in it."""
    labelled = [index for index in range(len(bank.keys)) if bank.labelled(index)]
    predicted: set[Pair] = set()
    scored: set[Pair] = set()
    for article in sorted({bank.articles[index] for index in labelled}):
        held = {index for index in labelled if bank.articles[index] == article}
        model = fit(bank, set(labelled) - held)
        found = group_pairs(cluster(bank.scored, model))
        mine = {(a, b) for a in held for b in labelled if b > a}
        predicted |= found & mine
        scored |= mine
    return compare(bank, predicted, scored)


def scored_pairs(
    bank: LabelledBank, model: PairModel, pairs: Iterable[tuple[str, str]],
) -> list[tuple[float, str, str]]:
    """The model's probability for each label-key pair, whether or not the detector gathered it."""
    position = {key: index for index, key in enumerate(bank.keys)}
    found = [(a, b) for a, b in pairs if a in position and b in position]
    if not found:
        return []
    first = np.array([position[a] for a, _ in found], dtype=np.int64)
    second = np.array([position[b] for _, b in found], dtype=np.int64)
    scores = model.probability(pair_features(bank.scored.vectors, first, second))
    return [(float(score), a, b) for score, (a, b) in zip(scores.tolist(), found, strict=True)]


def measure(docs: Path, labels_path: Path, model: PairModel | None = None) -> tuple[LabelledBank, Quality]:
    """The shipped (or given) model's quality on the labelled articles in `docs`."""
    bank = labelled_bank(docs, load_labels(labels_path))
    return bank, compare(bank, group_pairs(cluster(bank.scored, model or load_model())))
