"""The duplicate detector's settings, apart from the detector so reading them needs no numerical library."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DetectorConfig:
    """How widely candidates are gathered and how related questions are picked."""

    candidate_floor: float = 0.25
    # Partners scored per question: far above any cluster of a real bank, bounded at 30,000 questions.
    per_question: int = 15
    related: float = 0.4
    related_limit: int = 5
    block_rows: int = 2048
    # Pairs scoring within this distance of the threshold are listed for an editor's review.
    review_margin: float = 0.15
