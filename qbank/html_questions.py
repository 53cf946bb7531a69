"""Where each question container (see qbank.question_container) lies in a rendered page.

An HTML parser, not patterns over the text: it follows the nesting of the elements, so an answer
that holds other blocks, or a prompt with its own <div>s, is cut exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Self

CONTAINER_CLASS = "qbank-q"
PROMPT_CLASS = "qbank-prompt"
SLOT_CLASS = "qbank-slot"
PLACEHOLDER_CLASS = "qbank-fragment"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
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


class _Parser(_OffsetParser):
    """Collect QuestionSpans while tracking the depth of the elements that matter."""

    def __init__(self, html: str) -> None:
        super().__init__(html)
        self.found: list[QuestionSpan] = []
        self.current: QuestionSpan | None = None
        # Open elements inside the current container: (tag, role, start of inner or outer HTML).
        self.stack: list[tuple[str, str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return  # written without a slash (<br>, <img …>): no end tag to wait for
        names = set((dict(attrs).get("class") or "").split())
        start = self.position()
        if self.current is None:
            if tag == "section" and CONTAINER_CLASS in names:
                self.current = QuestionSpan(dict(attrs).get("data-question") or "", start)
                self.stack = [(tag, "container", start)]
            return
        role = ("prompt" if tag == "div" and PROMPT_CLASS in names and len(self.stack) == 1 else
                "slot" if tag == "div" and SLOT_CLASS in names and len(self.stack) == 1 else
                "answer" if tag == "details" and ANSWER_CLASS in names and len(self.stack) == 1 else "")
        inner = start + len(self.get_starttag_text() or "")
        self.stack.append((tag, role, inner if role == "prompt" else start))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # void elements (<br/>, <img/>) open nothing

    def handle_endtag(self, tag: str) -> None:
        if self.current is None or not self.stack:
            return
        # Close up to the matching open element (HTML allows some end tags to be left out).
        while self.stack:
            open_tag, role, begun = self.stack.pop()
            if open_tag == tag:
                break
        else:
            return
        here = self.position()
        after = here + len(f"</{tag}>")
        if role == "prompt":
            self.current.prompt = (begun, here)
        elif role == "answer":
            self.current.answer = (begun, after)
        elif role == "slot":
            self.current.slot = (begun, after)
        elif role == "container":
            self.current.end = after
            self.found.append(self.current)
            self.current = None


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


def question_spans(html: str) -> list[QuestionSpan]:
    """Every question container in the page, in order."""
    return _Parser.run(html).found


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
