"""Reuse a question's rendered HTML on the pages that gather questions (topics, guide, sheet).

Article pages are rendered first; their prompt and answer HTML is collected per question and
dropped into placeholders of the generated pages, so each answer's Markdown is converted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qbank.site.html_questions import QuestionSpan, placeholder_spans, question_spans


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


ID = re.compile(r'\bid="([^"]+)"')
# Where an HTML fragment names one of its own ids: the id itself, a link or label to it, the copy button's target.
ID_REFERENCE = (r'(\b(?:id|name|for|aria-labelledby|aria-describedby|aria-controls)="'
                r'|\bhref="#|data-clipboard-target="#)')


def scoped_ids(html: str, scope: str) -> str:
    """A fragment's ids (and its references to them) prefixed with `scope`: gathered from many articles onto
    one page, each article's `__codelineno-0-1`, `__code_0`… would otherwise be there many times."""
    ids = set(ID.findall(html))
    if not ids:
        return html
    names = "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
    return re.sub(f'{ID_REFERENCE}({names})(?=["\\s])', lambda found: found[1] + scope + found[2], html)


def fill(html: str, fragments: dict[str, dict[str, Fragment]]) -> str:
    """Replace the placeholders (fragments/qbank/entry.html) with the collected HTML (`fragments[slug][anchor]`)."""
    out: list[str] = []
    position = 0
    for span in placeholder_spans(html):
        slug, _, anchor = span.question.partition("#")
        fragment = fragments.get(slug, {}).get(anchor)
        out.append(html[position:span.start])
        if fragment is not None:
            part = fragment.prompt if span.part == "prompt" else fragment.answer
            out.append(scoped_ids(part, f"{slug}-{anchor}-"))
        position = span.end
    out.append(html[position:])
    return "".join(out)
