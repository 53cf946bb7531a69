"""A Markdown extension that keeps script URLs in links and images inert on the published site."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
# `[text](url)` / `![alt](url)` (one level of parentheses inside, as in `alert(1)`; blanks kept, since
# browsers drop them from a scheme) and `[label]: url` in source Markdown.
MARKDOWN_URL = re.compile(
    r"\]\(\s*<?((?:[^()\n]|\([^()\n]*\))+?)>?\s*\)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M,
)


def is_unsafe_url(url: str) -> bool:
    """Whether a URL would run script or smuggle content when followed or loaded."""
    plain = _IGNORED.sub("", html.unescape(url)).lower()
    return plain.startswith(UNSAFE_SCHEMES)


def unsafe_urls(markdown_text: str) -> list[str]:
    """The script URLs that links and images in a piece of Markdown point to."""
    if "]" not in markdown_text:
        return []  # both link forms need a `]`: most lines are prose, asked once per line
    return [url for match in MARKDOWN_URL.finditer(markdown_text) if is_unsafe_url(url := match[1] or match[2])]


class SafeLinksTreeprocessor(Treeprocessor):
    """Turn links and images with script URLs into marked spans, keeping their text."""

    def __init__(self, md: Markdown, css_class: str) -> None:
        super().__init__(md)
        self.css_class = css_class

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            value = element.get(attribute or "")
            if attribute is None or value is None or not is_unsafe_url(value):
                continue
            # A link or image without its URL is not a link or image any more: it becomes a span, which
            # keeps its text (an image its alt text). MkDocs' own link rewriting expects every <a> to
            # have an href.
            text = element.get("alt", "") if element.tag == "img" else None
            element.tag = "span"
            element.attrib.clear()
            element.set("class", self.css_class)
            element.set("title", value[:80])
            if text is not None:
                element.text = text


class SafeLinksExtension(Extension):
    """Register the tree processor; `css_class` marks neutralised links and images."""

    def __init__(self, **kwargs: object) -> None:
        self.config = {"css_class": ["qbank-unsafe-link", "class added to a link or image whose URL was removed"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (priority 20) and before attr_list (8) and toc (5) run.
        md.treeprocessors.register(SafeLinksTreeprocessor(md, self.getConfig("css_class")), "qbank_safe_links", 15)


def makeExtension(**kwargs: object) -> SafeLinksExtension:
    """Entry point for `markdown_extensions: [qbank.source.safe_links]`."""
    return SafeLinksExtension(**kwargs)
