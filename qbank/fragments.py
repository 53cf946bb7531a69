"""Reuse a question's rendered HTML on the pages that gather questions (topics, guide, sheet).

Article pages are rendered first; their prompt and answer HTML is collected per question and
dropped into placeholders of the generated pages, so each answer's Markdown is converted once.
"""

from __future__ import annotations

from dataclasses import dataclass

from qbank.html_questions import QuestionSpan, placeholder_spans, question_spans


@dataclass(frozen=True)
class Fragment:
    """A question's prompt (with hints) and its answer block, as HTML."""

    prompt: str
    answer: str


def question_fragments(html: str, spans: list[QuestionSpan] | None = None) -> dict[str, Fragment]:
    """Each question container of a rendered article page: its prompt and answer HTML, by anchor."""
    found: dict[str, Fragment] = {}
    for span in question_spans(html) if spans is None else spans:
        if span.answer is None:
            continue
        prompt = html[span.prompt[0]:span.prompt[1]].strip() if span.prompt else ""
        found[span.anchor] = Fragment(prompt, html[span.answer[0]:span.answer[1]])
    return found


def fill(html: str, fragments: dict[str, dict[str, Fragment]]) -> str:
    """Replace the placeholders (fragments/qbank/entry.html) with the collected HTML (`fragments[slug][anchor]`)."""
    out: list[str] = []
    position = 0
    for span in placeholder_spans(html):
        slug, _, anchor = span.question.partition("#")
        fragment = fragments.get(slug, {}).get(anchor)
        out.append(html[position:span.start])
        if fragment is not None:
            out.append(fragment.prompt if span.part == "prompt" else fragment.answer)
        position = span.end
    out.append(html[position:])
    return "".join(out)
