"""Duplicate and related questions: TF-IDF over concept words, candidates by sparse products.

Each question becomes a TF-IDF vector of its concept words (jieba segmentation plus the
thesaurus, so 效果/性能 or 类别不平衡/数据不平衡 meet). Candidate pairs come from the sparse
product X·Xᵀ computed in row blocks, which only touches pairs that share a word — an inverted
index join, far below n² for real question sets. Pairs at or above `duplicate` similarity are
repeats of one question; pairs above `related` are related. scikit-learn does the weighting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from qbank.text import concepts

# Below this many questions, document frequencies are too coarse to call a word "common".
MIN_TEXTS_FOR_MAX_DF = 20


@dataclass(frozen=True)
class DetectorConfig:
    """Thresholds of the detector (cosine similarity of concept vectors)."""

    duplicate: float = 0.8
    related: float = 0.4
    related_limit: int = 5
    block_rows: int = 2048


@dataclass
class Similarities:
    """For each question, its best-scoring partners (all duplicates, then the top related ones)."""

    size: int
    neighbours: list[list[tuple[int, float]]] = field(default_factory=list)

    def edges(self, floor: float) -> list[tuple[float, int, int]]:
        """Unordered pairs scoring at least `floor`, best first."""
        found = {
            (min(i, j), max(i, j)): score
            for i, partners in enumerate(self.neighbours) for j, score in partners if score >= floor
        }
        return sorted(((score, a, b) for (a, b), score in found.items()), key=lambda item: (-item[0], item[1], item[2]))


def vectorise(texts: Sequence[str]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows of the concept words of each text."""
    tokens = [concepts(text) for text in texts]
    if not any(tokens):
        return sparse.csr_matrix((len(texts), 1))
    # Words in most questions ("场景", "训练") say nothing about a question and would make
    # X·Xᵀ dense; max_df drops them before the product.
    vectoriser = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True,
                                 max_df=0.5 if len(texts) >= MIN_TEXTS_FOR_MAX_DF else 1.0)
    try:
        return vectoriser.fit_transform(tokens).tocsr()
    except ValueError:  # every word was too common to tell questions apart
        return sparse.csr_matrix((len(texts), 1))


def nearest(matrix: sparse.csr_matrix, config: DetectorConfig) -> list[list[tuple[int, float]]]:
    """Per row: every partner at or above the duplicate threshold plus the best related ones.

    X·Xᵀ is computed one block of rows at a time, so memory stays bounded and only pairs
    sharing a word are ever touched.
    """
    transposed = matrix.T.tocsc()
    keep_related = config.related_limit * 3  # headroom: repeats of one cluster collapse later
    result: list[list[tuple[int, float]]] = []
    for start in range(0, matrix.shape[0], config.block_rows):
        block = (matrix[start:start + config.block_rows] @ transposed).tocsr()
        for offset in range(block.shape[0]):
            row = start + offset
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            mask = (cols != row) & (vals >= config.related - 1e-9)
            cols, vals = cols[mask], np.minimum(vals[mask], 1.0)
            duplicate = vals >= config.duplicate - 1e-9
            rest = np.flatnonzero(~duplicate)
            if len(rest) > keep_related:
                rest = rest[np.argpartition(-vals[rest], keep_related)[:keep_related]]
            chosen = np.concatenate([np.flatnonzero(duplicate), rest])
            order = chosen[np.lexsort((cols[chosen], -vals[chosen]))]
            result.append([(int(cols[k]), float(vals[k])) for k in order])
    return result


def similarities(texts: Sequence[str], config: DetectorConfig = DetectorConfig()) -> Similarities:
    """Score the candidate partners of every text."""
    return Similarities(len(texts), nearest(vectorise(texts), config))


class UnionFind:
    """Disjoint sets that refuse a merge joining two questions an editor kept apart."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.members: dict[int, set[int]] = {index: {index} for index in range(size)}

    def find(self, item: int) -> int:
        """The representative of an item's set."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int, forbidden: set[frozenset[int]]) -> bool:
        """Merge two sets unless a forbidden pair would end up together."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        if any(frozenset((x, y)) in forbidden for x in self.members[root_a] for y in self.members[root_b]):
            return False
        small, large = sorted((root_a, root_b), key=lambda root: len(self.members[root]))
        self.parent[small] = large
        self.members[large] |= self.members.pop(small)
        return True


def clusters(
    scores: Similarities, config: DetectorConfig = DetectorConfig(),
    always: Iterable[tuple[int, int]] = (), never: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """Cluster label (the smallest member index) per question, overrides applied after detection."""
    forbidden = {frozenset(pair) for pair in never}
    sets = UnionFind(scores.size)
    for a, b in always:
        sets.union(a, b, set())
    for _score, a, b in scores.edges(config.duplicate):
        if frozenset((a, b)) not in forbidden:
            sets.union(a, b, forbidden)
    labels = [sets.find(index) for index in range(scores.size)]
    smallest: dict[int, int] = {}
    for index, root in enumerate(labels):
        smallest.setdefault(root, index)
    return [smallest[root] for root in labels]


def related(scores: Similarities, labels: list[int], config: DetectorConfig = DetectorConfig()) -> list[list[int]]:
    """For each question, up to `related_limit` related questions outside its cluster, best first."""
    result = []
    for index, found in enumerate(scores.neighbours):
        seen_clusters: set[int] = {labels[index]}
        picks: list[int] = []
        for other, _score in found:
            # One entry per cluster: a related question's repeats add nothing.
            if labels[other] in seen_clusters:
                continue
            seen_clusters.add(labels[other])
            picks.append(other)
            if len(picks) == config.related_limit:
                break
        result.append(picks)
    return result
