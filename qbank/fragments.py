"""Reuse a question's rendered HTML on the pages that gather questions (topics, guide, sheet).

Article pages are rendered first; their prompt and answer HTML is collected per question and
dropped into placeholders of the generated pages, so each answer's Markdown is converted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# attr_list writes attributes in its own order: find the class, then read the id.
QUESTION_HEADING = re.compile(r'<h([2-6])\s(?=[^>]*\bclass="qbank-question")[^>]*\bid="([\w-]+)"[^>]*>.*?</h\1>', re.S)
ANSWER_START = re.compile(r'<details class="answer"[^>]*>')
PLACEHOLDER = re.compile(r'<div class="qbank-fragment" data-part="(prompt|answer)" data-question="([\w#-]+)"></div>')
NEXT_BLOCK = re.compile(r"<h[1-6][ >]")


@dataclass(frozen=True)
class Fragment:
    """A question's prompt (with hints) and its answer block, as HTML."""

    prompt: str
    answer: str


def question_fragments(html: str) -> dict[str, Fragment]:
    """Cut each question of a rendered article page into prompt and answer HTML, by anchor."""
    found: dict[str, Fragment] = {}
    for match in QUESTION_HEADING.finditer(html):
        start = match.end()
        stop = NEXT_BLOCK.search(html, start)
        section = html[start:stop.start() if stop else len(html)]
        answer_at = ANSWER_START.search(section)
        if not answer_at:
            continue
        # Answers hold admonition <div>s but never another <details>: the first close ends it.
        answer_end = section.find("</details>", answer_at.end())
        if answer_end < 0:
            continue
        # Collected before the question's links block is added (see hooks/qbank_graph.py).
        prompt = section[:answer_at.start()].strip()
        found[match.group(2)] = Fragment(prompt, section[answer_at.start():answer_end + len("</details>")])
    return found


def placeholder(part: str, slug: str, anchor: str) -> str:
    """Markdown that stands for a question's prompt or answer until the page is assembled."""
    return f'<div class="qbank-fragment" data-part="{part}" data-question="{slug}#{anchor}"></div>'


def fill(html: str, fragments: dict[str, dict[str, Fragment]]) -> str:
    """Replace placeholders with the collected HTML (`fragments[slug][anchor]`)."""
    def replace(match: re.Match[str]) -> str:
        slug, anchor = match.group(2).split("#")
        fragment = fragments.get(slug, {}).get(anchor)
        if fragment is None:
            return ""
        return fragment.prompt if match.group(1) == "prompt" else fragment.answer
    return PLACEHOLDER.sub(replace, html)
