"""The question bank as JSON (`questions.json`), as the CLI prints it and the site publishes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qbank.bank import BankArticle, load_bank, question_id

VERSION = 1


def page_url(slug: str, lang: str, anchor: str) -> str:
    """The site-relative URL of a question in one language."""
    prefix = "" if lang == "zh" else f"{lang}/"
    return f"{prefix}articles/{slug}/#{anchor}"


def bank_json(articles: list[BankArticle]) -> dict[str, Any]:
    """The JSON document for a loaded bank."""
    questions = []
    for article in articles:
        for question in article.zh.questions:
            english = article.question("en", question.anchor)
            questions.append({
                "id": question_id(article.slug, question.anchor),
                "source": article.zh.source,
                "article": article.slug,
                "kind": question.kind,
                "number": question.number,
                "title": {"zh": question.title, "en": english.title if english else None},
                "url": {
                    "zh": page_url(article.slug, "zh", question.anchor),
                    "en": page_url(article.slug, "en", question.anchor) if english else None,
                },
                "answer": {"zh": question.answer_markdown(), "en": english.answer_markdown() if english else None},
            })
    return {"version": VERSION, "questions": questions}


def bank_text(articles: list[BankArticle]) -> str:
    """questions.json for a loaded bank, as stable, readable text."""
    return json.dumps(bank_json(articles), ensure_ascii=False, indent=2) + "\n"


def export_text(docs: Path) -> str:
    """questions.json for the pages under `docs`."""
    return bank_text(load_bank(docs))
