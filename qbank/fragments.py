"""Reuse a question's rendered HTML on the pages that gather questions (topics, guide, sheet).

Article pages are rendered first; their prompt and answer HTML is collected per question and
dropped into placeholders of the generated pages, so each answer's Markdown is converted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qbank.html_questions import question_spans

PLACEHOLDER = re.compile(r'<div class="qbank-fragment" data-part="(prompt|answer)" data-question="([\w#-]+)"></div>')


@dataclass(frozen=True)
class Fragment:
    """A question's prompt (with hints) and its answer block, as HTML."""

    prompt: str
    answer: str


def question_fragments(html: str) -> dict[str, Fragment]:
    """Each question container of a rendered article page: its prompt and answer HTML, by anchor."""
    found: dict[str, Fragment] = {}
    for span in question_spans(html):
        if span.answer is None:
            continue
        prompt = html[span.prompt[0]:span.prompt[1]].strip() if span.prompt else ""
        found[span.anchor] = Fragment(prompt, html[span.answer[0]:span.answer[1]])
    return found


def placeholder(part: str, slug: str, anchor: str) -> str:
    """Markdown that stands for a question's prompt or answer until the page is assembled."""
    # `markdown` (md_in_html) makes it an element the question container sees while rendering.
    return f'<div class="qbank-fragment" data-part="{part}" data-question="{slug}#{anchor}" markdown></div>'


def fill(html: str, fragments: dict[str, dict[str, Fragment]]) -> str:
    """Replace placeholders with the collected HTML (`fragments[slug][anchor]`)."""
    def replace(match: re.Match[str]) -> str:
        slug, anchor = match.group(2).split("#")
        fragment = fragments.get(slug, {}).get(anchor)
        if fragment is None:
            return ""
        return fragment.prompt if match.group(1) == "prompt" else fragment.answer
    return PLACEHOLDER.sub(replace, html)
