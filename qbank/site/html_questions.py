"""Where each question container (see qbank.site.question_container) lies in a rendered page.

The tags that build a question (<section>, <div>, <details>) are read in order and their nesting
followed, so an answer that holds other blocks, or a prompt with its own <div>s, is cut exactly.
Comments and the raw text of <pre>, <script> and <style> are passed over whole, as an HTML parser
reads them.
"""

from __future__ import annotations

import html as html_text
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Self

CONTAINER_CLASS = "qbank-q"
PROMPT_CLASS = "qbank-prompt"
SLOT_CLASS = "qbank-slot"
PLACEHOLDER_CLASS = "qbank-fragment"
ANSWER_CLASS = "answer"

Span = tuple[int, int]


@dataclass
class QuestionSpan:
    """Character offsets of one question's container and of its parts."""

    anchor: str
    start: int
    end: int = -1
    prompt: Span | None = None  # inner HTML of the prompt element
    answer: Span | None = None  # the whole answer <details>
    slot: Span | None = None  # the whole (empty) links slot


class _OffsetParser(HTMLParser):
    """An HTML parser that can tell its position as a character offset into the text it was given."""

    # Highlighted code is most of an answer's tags (one <span> per token), and none of them can
    # hold a question's parts: read a <pre> as raw text, up to its end tag, as <script> is read.
    CDATA_CONTENT_ELEMENTS = ("script", "style", "pre")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in html.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))

    def position(self) -> int:
        """The parser's position as a character offset."""
        line, column = self.getpos()
        return self.lines[line - 1] + column

    @classmethod
    def run(cls, html: str) -> Self:
        """Parse a whole text."""
        parser = cls(html)
        parser.feed(html)
        parser.close()
        return parser


# One token of a page: a comment, a raw-text element as a whole (highlighted code is most of an
# answer's tags, one <span> per token, and none of them can hold a question's parts), or a tag of the
# elements a question is built of; the others (<p>, <li>, …) lie inside its parts. Attribute values
# may hold ">" when quoted.
_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TOKEN = re.compile(
    rf"""<!--.*?-->
    | <(?P<raw>pre|script|style)\b{_ATTRIBUTES}>.*?</(?P=raw)\s*>
    | <(?P<end>/)?(?P<tag>section|div|details)(?=[\s/>])(?P<attributes>{_ATTRIBUTES})>""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")


def _attribute_values(attributes: str) -> dict[str, str]:
    """A start tag's attributes by lower-case name, entities decoded (the first of a repeated name wins)."""
    values: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(attributes):
        name = match.group(1).lower()
        if name not in values:
            values[name] = html_text.unescape(next((v for v in match.group(2, 3, 4) if v is not None), ""))
    return values


_PART_SIGNS = (PROMPT_CLASS, SLOT_CLASS, ANSWER_CLASS, "&")


def _classes(attributes: str) -> set[str]:
    return set(_attribute_values(attributes).get("class", "").split())


def question_spans(html: str) -> list[QuestionSpan]:
    """Every question container in the page, in order."""
    found: list[QuestionSpan] = []
    current: QuestionSpan | None = None
    # Open elements inside the current container: (tag, role, start of inner or outer HTML).
    stack: list[tuple[str, str, int]] = []
    for token in _TOKEN.finditer(html):
        tag = token.group("tag")
        if tag is None:
            continue  # a comment, or a raw-text element: it opens nothing
        tag = tag.lower()
        if token.group("end") is None:
            if token.group("attributes").endswith("/"):
                continue  # <div/>: no end tag to wait for
            if current is None:
                if tag == "section" and "qbank-q" in token.group("attributes"):
                    values = _attribute_values(token.group("attributes"))
                    if CONTAINER_CLASS in values.get("class", "").split():
                        current = QuestionSpan(values.get("data-question", ""), token.start())
                        stack = [(tag, "container", token.start())]
                continue
            role = ""
            attributes = token.group("attributes")
            # Most tags name none of the parts' classes: those are not parsed (unless an entity hides one).
            if len(stack) == 1 and tag in ("div", "details") and any(sign in attributes for sign in _PART_SIGNS):
                names = _classes(attributes)
                role = ("prompt" if tag == "div" and PROMPT_CLASS in names else
                        "slot" if tag == "div" and SLOT_CLASS in names else
                        "answer" if tag == "details" and ANSWER_CLASS in names else "")
            stack.append((tag, role, token.end() if role == "prompt" else token.start()))
            continue
        if current is None or not stack:
            continue
        # Close up to the matching open element (HTML allows some end tags to be left out).
        while stack:
            open_tag, role, begun = stack.pop()
            if open_tag == tag:
                break
        else:
            continue
        if role == "prompt":
            current.prompt = (begun, token.start())
        elif role == "answer":
            current.answer = (begun, token.end())
        elif role == "slot":
            current.slot = (begun, token.end())
        elif role == "container":
            current.end = token.end()
            found.append(current)
            current = None
    return found


@dataclass
class PlaceholderSpan:
    """Where a gathering page asks for one part (prompt or answer) of an article's question."""

    part: str
    question: str  # `slug#anchor`
    start: int
    end: int = -1


class _PlaceholderParser(_OffsetParser):
    """Collect the (empty) placeholder elements of a page."""

    def __init__(self, html: str) -> None:
        super().__init__(html)
        self.found: list[PlaceholderSpan] = []
        self.open: PlaceholderSpan | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "div" and PLACEHOLDER_CLASS in (values.get("class") or "").split():
            self.open = PlaceholderSpan(values.get("data-part") or "", values.get("data-question") or "",
                                        self.position())

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.open is not None:
            self.open.end = self.position() + len("</div>")
            self.found.append(self.open)
            self.open = None


def placeholder_spans(html: str) -> list[PlaceholderSpan]:
    """Every placeholder of the page, in order.

    Placeholders are empty elements qbank writes itself (fragments/qbank/entry.html), so only the
    tags that carry their class are parsed, not the whole page: gathering pages are the site's largest.
    """
    found: list[PlaceholderSpan] = []
    position = html.find(PLACEHOLDER_CLASS)
    while position >= 0:
        start = html.rfind("<", 0, position)
        end = html.find("</div>", position)
        if start < 0 or end < 0:
            break
        parser = _PlaceholderParser.run(html[start:end + len("</div>")])
        found.extend(PlaceholderSpan(span.part, span.question, start + span.start, start + span.end)
                     for span in parser.found)
        position = html.find(PLACEHOLDER_CLASS, end)
    return found




class _TitleParser(_OffsetParser):
    """Find where the page's first <h1> element ends."""

    def __init__(self, html: str) -> None:
        super().__init__(html)
        self.end: int | None = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self.end is None:
            self.end = self.position() + len("</h1>")


def title_end(html: str) -> int | None:
    """The offset just after the page's first <h1>, if it has one."""
    # The text up to the first "</h1>" holds it, unless that string sits in a comment or an
    # attribute: only then is the whole page parsed.
    cut = html.lower().find("</h1>")
    if cut < 0:
        return None
    return _TitleParser.run(html[:cut + len("</h1>")]).end or _TitleParser.run(html).end
