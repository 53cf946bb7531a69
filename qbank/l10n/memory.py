"""Translation memory: prefill a unit from the same Chinese translated elsewhere, or from a duplicate question."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qbank.bank.load import question_id
from qbank.l10n.catalogue import Catalogue, Entry

# How alike two units of twin questions must be (character-bigram Dice) to offer one's translation for the other.
TWIN_SIMILARITY = 0.5
NOT_A_QUESTION = re.compile(r"^(title|p\d+)$")


@dataclass
class MemoryReport:
    """How the catalogues' units were filled."""

    units: int = 0
    from_pages: int = 0  # translated on an English page (fuzzy or not)
    exact: int = 0  # the same Chinese translated elsewhere: prefilled, not fuzzy
    from_duplicates: int = 0  # a unit of a duplicate question: prefilled, fuzzy
    missing: int = 0

    @classmethod
    def of(cls, reports: list[MemoryReport]) -> MemoryReport:
        """The reports of several catalogues as one."""
        return cls(*(sum(getattr(report, name) for report in reports)
                     for name in ("units", "from_pages", "exact", "from_duplicates", "missing")))

    @property
    def filled(self) -> int:
        """Units the memory filled."""
        return self.exact + self.from_duplicates

    def summary(self) -> str:
        """One line for the command's output."""
        empty = self.units - self.from_pages
        rate = 100.0 * self.filled / empty if empty else 0.0
        return (f"{self.units} units: {self.from_pages} translated on English pages; translation memory filled "
                f"{self.filled} of the other {empty} ({rate:.1f} %): {self.exact} identical Chinese, "
                f"{self.from_duplicates} from duplicate questions (fuzzy); {self.missing} left to translate")


def question_of(slug: str, context: str) -> tuple[str, str] | None:
    """(question id, field) of a unit's context, or None for the title and prose."""
    anchor, _, rest = context.partition("/")
    if NOT_A_QUESTION.match(anchor):
        return None
    return question_id(slug, anchor), rest.split("/")[0]


def bigrams(text: str) -> Counter[str]:
    """Character bigrams of a text, spaces ignored."""
    squeezed = re.sub(r"\s+", "", text)
    return Counter(squeezed[i:i + 2] for i in range(max(len(squeezed) - 1, 1)))


def similarity(first: str, second: str) -> float:
    """Dice coefficient of two texts' character bigrams."""
    a, b = bigrams(first), bigrams(second)
    total = sum(a.values()) + sum(b.values())
    return 2.0 * sum((a & b).values()) / total if total else 0.0


def apply_memory(catalogues: list[Catalogue], clusters: dict[str, str]) -> dict[str, MemoryReport]:
    """Fill empty units in place: identical Chinese first (not fuzzy), then units of duplicate questions (fuzzy);
    what was filled, by catalogue (article slug)."""
    reports = {catalogue.slug: MemoryReport() for catalogue in catalogues}
    known: dict[str, tuple[str, str]] = {}  # Chinese → (English, where)
    twins: dict[str, list[tuple[str, str, Entry]]] = {}  # cluster → [(question id, field, translated entry)]
    for catalogue in catalogues:
        report = reports[catalogue.slug]
        for entry in catalogue.entries:
            report.units += 1
            if not entry.target:
                continue
            report.from_pages += 1
            if entry.fuzzy:
                continue
            known.setdefault(entry.source, (entry.target, f"{catalogue.slug} {entry.context}"))
            if (place := question_of(catalogue.slug, entry.context)) and place[0] in clusters:
                twins.setdefault(clusters[place[0]], []).append((place[0], place[1], entry))
    for catalogue in catalogues:
        report = reports[catalogue.slug]
        for entry in catalogue.entries:
            if entry.target:
                continue
            if entry.source in known:
                entry.target, where = known[entry.source]
                entry.notes.append(f"translation memory: the same Chinese is translated in {where}")
                report.exact += 1
            elif (twin := _twin(catalogue.slug, entry, clusters, twins)) is not None:
                twin_id, twin_entry = twin
                entry.target, entry.fuzzy = twin_entry.target, True
                entry.notes.append(f"translation memory: from the duplicate question {twin_id} "
                                   f"({twin_entry.context}: {twin_entry.source}); check it")
                report.from_duplicates += 1
            else:
                report.missing += 1
    return reports


def _twin(slug: str, entry: Entry, clusters: dict[str, str],
          twins: dict[str, list[tuple[str, str, Entry]]]) -> tuple[str, Entry] | None:
    """The most alike translated unit of the same field in a duplicate of the entry's question."""
    place = question_of(slug, entry.context)
    if place is None or place[0] not in clusters:
        return None
    own, field_name = place
    candidates = [(other, candidate) for other, other_field, candidate in twins.get(clusters[own], [])
                  if other != own and other_field == field_name]
    if not candidates:
        return None
    if field_name == "title":  # twins ask the same question: their titles are always worth offering
        return candidates[0]
    best = max(candidates, key=lambda pair: similarity(entry.source, pair[1].source))
    return best if similarity(entry.source, best[1].source) >= TWIN_SIMILARITY else None
