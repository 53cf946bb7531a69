"""`qbank check`: every page parses, answers every question and matches its source."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from qbank.bank.live_markup import live_markup_problems
from qbank.bank.load import load_bank
from qbank.bank.translation import allowed_cjk
from qbank.errors import QbankError
from qbank.l10n.coverage import check_article
from qbank.site.settings import Settings

ANCHOR = re.compile(r"\{ #(\S+) ")


def anchor_lines(page: Path) -> dict[str, int]:
    """The first line of each `{ #anchor ` on a page (none when it can't be read)."""
    try:
        text = page.read_text(encoding="utf-8")
    except OSError:
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        for anchor in ANCHOR.findall(line):
            found.setdefault(anchor, number)
    return found


def unsorted_warnings(settings: Settings) -> list[str]:
    """Every question neither the rules nor the model could place, as `page:line` warnings."""
    from qbank.graph.topics import load_topics, place_all

    warnings: list[str] = []
    if not settings.topics_file.is_file():
        return warnings
    docs = settings.docs
    # Placement alone, not the whole graph: scoring duplicates would cost more than everything else here.
    questions = [(article.slug, question) for article in load_bank(docs) for question in article.zh.questions]
    placements = place_all([question for _, question in questions], load_topics(settings.topics_file))
    lines: dict[Path, dict[str, int]] = {}
    for (slug, question), placement in zip(questions, placements, strict=True):
        if placement.how != "unsorted":
            continue
        page = docs / "articles" / f"{slug}.md"
        # Each page is read once, not once per question: 5,000 unsorted questions stay linear.
        if page not in lines:
            lines[page] = anchor_lines(page)
        line = lines[page].get(question.anchor, 1)
        warnings.append(
            f"{page}:{line}: question {question.anchor} ({question.title!r}) is unsorted; "
            f"add a match word to {settings.topics_file} or data-topics=\"…\" on the question heading",
        )
    return warnings


def taxonomy_problems(docs: Path) -> list[str]:
    """What the question graph refuses: a broken topics.yml or duplicates.yml, an unknown id or topic."""
    from qbank.graph.build import load_graph

    if not (docs / "taxonomy/topics.yml").is_file():
        return []
    try:
        load_graph(docs)
    except QbankError as error:
        return [str(error)]
    return []


def alignment_warnings(docs: Path) -> list[str]:
    """English blocks that don't follow their Chinese block's structure (a paragraph added, a list item
    merged…): the site shows them, but their units can't be exported to a catalogue as translated."""
    from qbank.l10n.pages import analyse

    return [warning for article in load_bank(docs) if "en" in article.editions
            for warning in analyse(article, docs).warnings]


def check_docs(docs: Path, require_english: bool = False) -> tuple[list[str], list[str]]:
    """Return (problems, summary lines) for the pages under `docs`, English coverage included.

    An article with no English page yet is normal (it is reported, not failed) unless `require_english`;
    a stale or broken English page always fails.
    """
    try:
        articles = load_bank(docs)
    except QbankError as error:
        return [str(error)], []
    # Article and catalogue text is untrusted: whatever reached a page as live markup fails here.
    problems: list[str] = live_markup_problems(docs)
    summary: list[str] = []
    total = translated = 0
    chinese_only: list[str] = []
    allowed = allowed_cjk(docs)
    for article in articles:
        page = f"{docs}/articles/{article.slug}.md"
        source = Path(article.zh.source)
        if not source.is_file():
            problems.append(f"{page}:1: source {article.zh.source} is missing; restore it or delete the page")
        elif hashlib.sha256(source.read_bytes()).hexdigest() != article.zh.sha256:
            problems.append(
                f"{page}:1: {article.zh.source} changed since this page was generated; "
                "re-run `qbank ingest` (add --force only if the page's hand edits may be replaced)"
            )
        for question in article.zh.questions:
            if not question.answer_markdown().strip():
                problems.append(f"{page}: question {question.anchor} has an empty answer")
        count = len(article.zh.questions)
        total += count
        coverage = check_article(article, docs, allowed)
        translated += coverage.translated
        summary.append(f"{article.slug}: {count} questions ({article.zh.source}); "
                       f"English {coverage.percent:.0f}% ({coverage.translated}/{coverage.total})")
        if require_english or "en" in article.editions:
            problems.extend(coverage.problems)
        else:
            chinese_only.append(article.slug)
    problems.extend(taxonomy_problems(docs))
    percent = 100.0 * translated / total if total else 100.0
    summary.append(
        f"{len(articles)} articles, {total} questions; English coverage {percent:.0f}% ({translated}/{total})",
    )
    if chinese_only:
        summary.append(
            f"Chinese only (no English page yet, shown in Chinese on the English site): {', '.join(chinese_only)}; "
            "to translate one, add docs/articles/<slug>.en.md (CONTRIBUTING.md, “The English edition”)",
        )
    return problems, summary
