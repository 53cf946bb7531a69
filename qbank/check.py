"""`qbank check`: every page parses, answers every question and matches its source."""

from __future__ import annotations

import hashlib
from pathlib import Path

from qbank.bank import load_bank
from qbank.errors import QbankError


def check_docs(docs: Path) -> tuple[list[str], list[str]]:
    """Return (problems, summary lines) for the pages under `docs`."""
    try:
        articles = load_bank(docs)
    except QbankError as error:
        return [str(error)], []
    problems: list[str] = []
    summary: list[str] = []
    total = 0
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
        summary.append(f"{article.slug}: {count} questions ({article.zh.source})")
    summary.append(f"{len(articles)} articles, {total} questions")
    return problems, summary
