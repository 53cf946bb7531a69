"""Average-linkage clustering on a sparse graph of scored pairs, with an editor's always/never pairs.

Two groups merge only while the mean score over *all* their member pairs reaches the threshold
(a pair that was never scored counts as 0). One strong link cannot chain two different questions
together through a third, as single linkage (union-find over edges) would.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable


class Groups:
    """Disjoint groups of questions with the summed pair scores between every two groups."""

    def __init__(self, size: int, never: Iterable[tuple[int, int]] = ()) -> None:
        self.members: dict[int, list[int]] = {index: [index] for index in range(size)}
        self.root = list(range(size))
        self.links: dict[int, dict[int, float]] = {index: {} for index in range(size)}
        self.apart: dict[int, set[int]] = {index: set() for index in range(size)}
        for a, b in never:
            self.apart[a].add(b)
            self.apart[b].add(a)

    def add(self, a: int, b: int, score: float) -> None:
        """Record the score of one pair of questions."""
        ra, rb = self.root[a], self.root[b]
        if ra != rb:
            self.links[ra][rb] = self.links[ra].get(rb, 0.0) + score
            self.links[rb][ra] = self.links[rb].get(ra, 0.0) + score

    def mean(self, a: int, b: int) -> float:
        """Mean pair score between two groups (by their roots)."""
        return self.links[a].get(b, 0.0) / (len(self.members[a]) * len(self.members[b]))

    def allowed(self, a: int, b: int) -> bool:
        """False if the merge would put together two questions an editor kept apart."""
        small, large = sorted((a, b), key=lambda root: len(self.members[root]))
        return not any(member in self.apart[large] for member in self.members[small])

    def merge(self, a: int, b: int) -> int:
        """Merge two groups (by roots); return the new root."""
        keep, gone = (a, b) if len(self.members[a]) >= len(self.members[b]) else (b, a)
        for member in self.members[gone]:
            self.root[member] = keep
        self.members[keep].extend(self.members.pop(gone))
        self.apart[keep] |= self.apart.pop(gone)
        for other, total in self.links.pop(gone).items():
            links = self.links[other]
            links.pop(gone, None)
            if other != keep:
                self.links[keep][other] = self.links[keep].get(other, 0.0) + total
                links[keep] = links.get(keep, 0.0) + total
        self.links[keep].pop(gone, None)
        return keep


def average_linkage(
    size: int, pairs: Iterable[tuple[int, int, float]], threshold: float,
    always: Iterable[tuple[int, int]] = (), never: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """Group label (the smallest member index) per question.

    `always` pairs are joined first, whatever their score; `never` pairs never end in one group.
    """
    pairs = list(pairs)
    groups = Groups(size, never)
    for a, b in always:
        ra, rb = groups.root[a], groups.root[b]
        if ra != rb and groups.allowed(ra, rb):
            groups.merge(ra, rb)
    for a, b, score in pairs:
        groups.add(a, b, score)
    version = dict.fromkeys(groups.members, 0)
    heap = [(-groups.mean(a, b), a, b, 0, 0) for a in groups.links for b in groups.links[a] if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b, version_a, version_b = heapq.heappop(heap)
        if version.get(a) != version_a or version.get(b) != version_b:
            continue  # one of the groups changed since this entry was pushed
        if -negative < threshold - 1e-12:
            break
        if not groups.allowed(a, b):
            continue
        keep = groups.merge(a, b)
        version.pop(a if keep == b else b)
        version[keep] += 1
        for other in groups.links[keep]:
            heapq.heappush(heap, (-groups.mean(keep, other), *sorted((keep, other)),
                                  *(version[keep], version[other])[:: 1 if keep < other else -1]))
    smallest = {root: min(members) for root, members in groups.members.items()}
    return [smallest[groups.root[index]] for index in range(size)]
