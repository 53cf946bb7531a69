"""The question bank as JSON (`questions.json`), as the CLI prints it and the site publishes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qbank.bank import load_bank
from qbank.graph import QuestionGraph, build_graph, load_overrides
from qbank.topics import load_topics

VERSION = 1


def page_url(slug: str, lang: str, anchor: str) -> str:
    """The site-relative URL of a question in one language."""
    prefix = "" if lang == "zh" else f"{lang}/"
    return f"{prefix}articles/{slug}/#{anchor}"


def bank_json(graph: QuestionGraph) -> dict[str, Any]:
    """The JSON document for a question graph."""
    questions = []
    for node in graph.nodes.values():
        question, article = node.question, node.article
        english = article.question("en", question.anchor)
        questions.append({
            "id": node.id,
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
            "topics": node.topics,
            "cluster": node.cluster,
            "duplicates": node.duplicates,
            "related": node.related,
        })
    return {"version": VERSION, "questions": questions}


def bank_text(graph: QuestionGraph) -> str:
    """questions.json for a graph, as stable, readable text."""
    return json.dumps(bank_json(graph), ensure_ascii=False, indent=2) + "\n"


def load_graph(docs: Path) -> QuestionGraph:
    """The question graph of the pages, taxonomy and overrides under `docs`."""
    taxonomy = docs / "taxonomy"
    topics = load_topics(taxonomy / "topics.yml")
    return build_graph(load_bank(docs), topics, load_overrides(taxonomy / "duplicates.yml"))


def export_text(docs: Path) -> str:
    """questions.json for the pages under `docs`."""
    return bank_text(load_graph(docs))
