"""Generated pages in two parts: a short Markdown head, and a body written straight to HTML.

The gathering pages (guide, sheet, topics, duplicates) are thousands of entries made from fragments
that are HTML already; passing them through Markdown cost most of the hooks' build time. So the
page holds its head (front matter, title, toolbar, intro) as Markdown, then a marker, then the
body's HTML. The site renders the head, appends the body, and adds the body's headings (those with
an `id`) to the page's table of contents. Without the hooks the page is still valid Markdown: the
body is a raw HTML block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, TypeVar

from markdown.extensions.toc import strip_tags

# Between the head and the body; an HTML comment, so a page read as plain Markdown shows nothing of it.
BODY_MARKER = "<!-- qbank:html-body -->"
_HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1\s*>", re.S)
_ID = re.compile(r'\sid="([^"]*)"')
# The ¶ link toc's `permalink` adds after a heading's text: not part of its title.
_PERMALINK = re.compile(r'<a\b[^>]*\bclass="headerlink"[^>]*>.*?</a>', re.S)


def with_body(head: str, body: str) -> str:
    """A page of a Markdown head and an HTML body."""
    return f"{head.rstrip()}\n\n{BODY_MARKER}\n{body.strip()}\n"


def split_body(markdown: str) -> tuple[str, str]:
    """A page's Markdown head and HTML body ("" for a page without one)."""
    head, marker, body = markdown.partition(f"\n{BODY_MARKER}\n")
    return (head.rstrip("\n") + "\n", body) if marker else (markdown, "")


@dataclass(frozen=True)
class Heading:
    """A heading of an HTML body, as a table of contents lists it."""

    level: int
    anchor: str
    title: str  # its text, entities kept (as Python-Markdown's toc names a heading)


def body_headings(body: str) -> list[Heading]:
    """The headings with an `id` in a body, in order."""
    found = []
    for match in _HEADING.finditer(body):
        if anchor := _ID.search(match[2]):
            found.append(Heading(int(match[1]), anchor[1], strip_tags(_PERMALINK.sub("", match[3]))))
    return found


class TocItem(Protocol):
    """A table-of-contents entry: a heading's level and the entries under it (mkdocs' AnchorLink)."""

    level: int
    children: list


Item = TypeVar("Item", bound=TocItem)


def nest_under(tree: list[Item], items: list[Item]) -> None:
    """Add entries after a table of contents' last one, each under the closest entry above its level."""
    path: list[Item] = []
    level = tree
    while level:  # the tree's last entry at each depth
        path.append(level[-1])
        level = level[-1].children
    for item in items:
        while path and path[-1].level >= item.level:
            path.pop()
        (path[-1].children if path else tree).append(item)
        path.append(item)
