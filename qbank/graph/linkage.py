"""Average-linkage clustering on a sparse graph of scored pairs, with an editor's always/never pairs.

Two groups merge only while the mean score over *all* their member pairs reaches the threshold
(a pair that was never scored counts as 0). One strong link cannot chain two different questions
together through a third, as single linkage (union-find over edges) would.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


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
    always: Iterable[tuple[int, int]] = (), never: Iterable[tuple[int, int]] = (), ordered: bool = False,
    sizes: Sequence[int] | None = None,
) -> list[int]:
    """Group label (the smallest member index) per question.

    Pairs are taken best first (with `ordered`, they already come best first, ties by index). The
    two groups of a pair merge if the mean score over all their member pairs reaches the threshold.
    Each pair is looked at once, so the work grows with the number of pairs, not with merges ×
    neighbours as in exact UPGMA; the guarantee is the same: no group ever has a mean link below the
    threshold at the moment it forms. `always` pairs are joined first, whatever their score; `never`
    pairs never end in one group. `sizes[i]` is how many questions the pairs of question i stand
    for (a wording asked several times is scored once).
    """
    pairs = list(pairs) if ordered else sorted(pairs, key=lambda pair: (-pair[2], pair[0], pair[1]))
    groups = Groups(size, never)
    for a, b in always:
        ra, rb = groups.root[a], groups.root[b]
        if ra != rb and groups.allowed(ra, rb):
            groups.merge(ra, rb)
    for a, b, score in pairs:
        groups.add(a, b, score * (sizes[a] * sizes[b] if sizes is not None else 1))
    for a, b, score in pairs:
        if score < threshold - 1e-12:
            break
        ra, rb = groups.root[a], groups.root[b]
        if ra != rb and groups.mean(ra, rb) >= threshold - 1e-12 and groups.allowed(ra, rb):
            groups.merge(ra, rb)
    smallest = {root: min(members) for root, members in groups.members.items()}
    return [smallest[groups.root[index]] for index in range(size)]
