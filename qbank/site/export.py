"""The question bank as JSON (`questions.json`), as the CLI prints it and the site publishes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qbank.graph.build import QuestionGraph, load_graph
from qbank.graph.duplicates import DetectorConfig
from qbank.site.urls import site_url

VERSION = 1


def question_url(slug: str, lang: str, anchor: str) -> str:
    """The site-relative URL of a question in one language."""
    return site_url(f"articles/{slug}.md", lang, anchor)


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
                "zh": question_url(article.slug, "zh", question.anchor),
                "en": question_url(article.slug, "en", question.anchor) if english else None,
            },
            "answer": {"zh": question.answer_markdown(), "en": english.answer_markdown() if english else None},
            "topics": node.topics,
            "cluster": node.cluster,
            "duplicates": node.duplicates,
            "related": node.related,
        })
    return {"version": VERSION, "questions": questions}


def bank_text(graph: QuestionGraph) -> str:
    """questions.json's text: one question per line, so it reads and diffs by question.

    Indented throughout it would be a quarter larger and written by Python's slow pure-Python encoder.
    """
    document = bank_json(graph)
    lines = [json.dumps(question, ensure_ascii=False) for question in document["questions"]]
    body = ",\n    ".join(lines)
    return (f'{{\n  "version": {json.dumps(document["version"])},\n  "questions": ['
            + (f"\n    {body}\n  " if lines else "") + "]\n}\n")


def export_text(docs: Path, detector: DetectorConfig | None = None) -> str:
    """questions.json for the pages under `docs`."""
    return bank_text(load_graph(docs, detector))
