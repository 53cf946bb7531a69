"""`qbank check`: every page parses, answers every question and matches its source."""

from __future__ import annotations

import hashlib
from pathlib import Path

from qbank.bank import load_bank
from qbank.errors import QbankError
from qbank.translation import allowed_cjk, check_article


def check_docs(docs: Path, allow_untranslated: bool = False) -> tuple[list[str], list[str]]:
    """Return (problems, summary lines) for the pages under `docs`, English coverage included."""
    try:
        articles = load_bank(docs)
    except QbankError as error:
        return [str(error)], []
    problems: list[str] = []
    summary: list[str] = []
    total = translated = 0
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
        if not allow_untranslated or "en" in article.editions:
            problems.extend(coverage.problems)
    percent = 100.0 * translated / total if total else 100.0
    summary.append(
        f"{len(articles)} articles, {total} questions; English coverage {percent:.0f}% ({translated}/{total})",
    )
    return problems, summary
