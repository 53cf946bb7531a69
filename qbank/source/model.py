"""The question-bank model shared by the parser, the page format and the exporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["interview", "coding", "faq"]
KINDS: tuple[Kind, ...] = ("interview", "coding", "faq")
KIND_LETTER: dict[str, str] = {"interview": "i", "coding": "c", "faq": "f"}


@dataclass
class Question:
    """One interview, coding or FAQ question with everything that answers it."""

    anchor: str
    kind: Kind
    number: int
    title: str
    level: int = 2
    prompt: str = ""
    answer: str = ""
    analysis: str = ""
    code: str = ""
    hints: str = ""
    explanation: str = ""
    source_lines: tuple[int, int] = (0, 0)
    # Editor's topic override from the page (`data-topics`); empty means "assign by rules".
    topics: tuple[str, ...] = ()
    # On a translation: fingerprint of the Chinese question it translates (`data-zh`).
    translates: str = ""

    def answer_markdown(self) -> str:
        """Everything a learner reads after revealing the answer, as Markdown."""
        parts = [self.answer, self.analysis, self.code, self.explanation]
        return "\n\n".join(part for part in parts if part)


@dataclass
class Prose:
    """A run of article text that is not a question (intro, challenges, summary…)."""

    text: str
    # Provenance of prose is informative only; pages do not record it.
    source_lines: tuple[int, int] = field(default=(0, 0), compare=False)


Block = Prose | Question


@dataclass
class Article:
    """One source article: its title and its prose and questions in source order."""

    title: str
    source: str
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    slug: str = ""
    # On a translation: blocks ("title", "prose" or a question anchor) showing some of the original (`partial:`).
    partial: tuple[str, ...] = ()

    @property
    def questions(self) -> list[Question]:
        """The article's questions in order."""
        return [block for block in self.blocks if isinstance(block, Question)]

    @property
    def prose(self) -> list[Prose]:
        """The article's prose blocks in order."""
        return [block for block in self.blocks if isinstance(block, Prose)]


@dataclass
class ReportEntry:
    """One thing ingest did to a source that a reviewer should know about."""

    source: str
    line: int
    action: Literal["debris", "merged", "meta", "split", "unsafe", "check", "slug"]
    detail: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.action}: {self.detail}"


@dataclass
class ParseResult:
    """A parsed article together with what was removed or merged on the way."""

    article: Article
    report: list[ReportEntry] = field(default_factory=list)
