"""English editions: fingerprints of the Chinese they translate, stamping, and the parts of the parity
and freshness checks (qbank.l10n.coverage) that need no catalogue units."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from qbank.bank.load import BankArticle
from qbank.bank.page import QUESTION_HEADING, split_page
from qbank.errors import QbankError
from qbank.source.fences import fence_roles
from qbank.source.model import Article, Question

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]")
FINGERPRINT_LENGTH = 12


def fingerprint(*parts: str) -> str:
    """A short stable hash of some Chinese text."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:FINGERPRINT_LENGTH]


def question_fingerprint(question: Question) -> str:
    """What a translation of this question must match: its Chinese words, not its provenance."""
    return fingerprint(
        question.kind, str(question.number), question.title, question.prompt, question.hints,
        question.answer, question.analysis, question.code, question.explanation,
    )


def prose_fingerprint(article: Article) -> str:
    """What a translation's title and prose must match."""
    return fingerprint(article.title, *(block.text for block in article.prose))


def code_blocks(text: str) -> list[int]:
    """Line counts of each fenced code block in a piece of Markdown."""
    lines = text.split("\n")
    roles, _ = fence_roles(lines)
    counts: list[int] = []
    for role in roles:
        if role == "open":
            counts.append(0)
        elif role == "body":
            counts[-1] += 1
    return counts


def all_code(question: Question) -> str:
    """Every part of a question that may hold code."""
    return "\n".join((question.prompt, question.hints, question.answer, question.analysis, question.code,
                      question.explanation))


@dataclass
class Coverage:
    """How much of one article is translated, and what is wrong with the translation."""

    slug: str
    total: int
    translated: int
    problems: list[str]

    @property
    def percent(self) -> float:
        """Share of questions with an up-to-date English version."""
        return 100.0 * self.translated / self.total if self.total else 100.0


def heading_lines(page_text: str) -> dict[str, int]:
    """1-based line of each question heading in a page, by anchor."""
    return {match.group(3): number for number, line in enumerate(page_text.split("\n"), start=1)
            if (match := QUESTION_HEADING.match(line))}


def allowed_cjk(docs: Path) -> set[str]:
    """Original Chinese terms English pages may quote on purpose (docs/taxonomy/translation.yml)."""
    path = docs / "taxonomy/translation.yml"
    if not path.exists():
        return set()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(term) for term in data.get("cjk_allowed") or []}


def stray_cjk(text: str, zh_path: Path, path: Path, allowed: set[str]) -> list[str]:
    """Chinese left in an English page, except code lines kept verbatim and allowed terms."""
    zh_lines = {line.strip() for line in zh_path.read_text(encoding="utf-8").split("\n")}
    lines = text.split("\n")
    roles, _ = fence_roles(lines)
    problems = []
    for number, (line, role) in enumerate(zip(lines, roles, strict=True), start=1):
        if not CJK.search(line):
            continue
        if role and line.strip() in zh_lines:
            continue  # data literals inside code are the example's input and stay as they are
        residue = line
        for term in sorted(allowed, key=len, reverse=True):  # a whole unit before a term inside it
            residue = residue.replace(term, "")
        if CJK.search(residue):
            problems.append(f"{path}:{number}: untranslated Chinese: {line.strip()[:60]!r}")
    return problems


def stamp(article: BankArticle, docs: Path) -> str:
    """The English page with every question and the prose marked as translating the current Chinese."""
    path = docs / "articles" / f"{article.slug}.en.md"
    text = path.read_text(encoding="utf-8")
    page = split_page(text, str(path))
    by_anchor = {q.anchor: q for q in article.zh.questions}
    out = []
    for line in page.body.split("\n"):
        match = QUESTION_HEADING.match(line)
        if match and match.group(3) in by_anchor:
            attributes = re.sub(r'\s*data-zh="[^"]*"', "", match.group(4)).rstrip()
            mark = question_fingerprint(by_anchor[match.group(3)])
            anchor = match.group(3)
            line = f'{match.group(1)} {match.group(2)} {{ #{anchor} .qbank-question {attributes} data-zh="{mark}" }}'
        out.append(line)
    return translation_front_matter(article.zh, article.slug, page.meta.get("partial") or ()) + "\n".join(out)


def translation_front_matter(original: Article, slug: str, partial: Sequence[str] = ()) -> str:
    """The front matter of a translated page: what it translates, and which blocks still show the original."""
    meta: dict = {"source": original.source, "translation_of": f"articles/{slug}.md",
                  "zh_prose": prose_fingerprint(original)}
    if partial:
        meta["partial"] = list(partial)
    front = yaml.safe_dump({"qbank": meta}, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n"


def require_english(article: BankArticle, pages: Path) -> None:
    """Fail clearly when there is no English page to stamp (`pages`: the folder of article pages)."""
    if "en" not in article.editions:
        zh = pages / f"{article.slug}.md"
        raise QbankError(str(zh.with_suffix(".en.md")), 0, "no English page to stamp",
                         f"copy {zh} to {zh.stem}.en.md and translate it first")
