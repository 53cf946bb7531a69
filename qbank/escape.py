"""Keep raw HTML, attribute lists and script links in untrusted text inert: they render as text, never markup."""

from __future__ import annotations

import re

from qbank.fences import fence_roles
from qbank.safe_links import MARKDOWN_URL, is_unsafe_url

_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
# `<` would open a tag, `&` an entity, `{` an attribute list (attr_list is on site-wide). `&#123;` is
# stashed by Python-Markdown before attr_list runs, so it always renders as a literal `{`. `(` and `:`
# are escaped only where they would make a script URL a link (`[x](javascript:…)`, `[x]: javascript:…`).
_ESCAPE = re.compile(r"<|&(?=#?\w+;)|\{|\(|:")
_UNESCAPE = re.compile(r"&lt;|&amp;(?=#?\w+;)|&#123;|&#40;|&#58;")
_TO_ENTITY = {"<": "&lt;", "&": "&amp;", "{": "&#123;", "(": "&#40;", ":": "&#58;"}
_FROM_ENTITY = {entity: char for char, entity in _TO_ENTITY.items()}
_ONLY_IN_LINKS = ("(", ":")


def _script_link_marks(text: str) -> set[int]:
    """Where the `(` of `[x](url)` or the `:` of `[x]: url` stands before a script URL."""
    marks = set()
    for match in MARKDOWN_URL.finditer(text):
        if is_unsafe_url(match[1] or match[2]):
            marks.add(match.start() + 1 if match[1] is not None else text.index("]:", match.start()) + 1)
    return marks


def _escape_piece(text: str) -> str:
    """Escape a stretch of prose."""
    marks = _script_link_marks(text)

    def replace(match: re.Match[str]) -> str:
        char = match.group(0)
        return char if char in _ONLY_IN_LINKS and match.start() not in marks else _TO_ENTITY[char]

    return _ESCAPE.sub(replace, text)


def _unescape_piece(text: str) -> str:
    """Undo :func:`_escape_piece`."""
    return _UNESCAPE.sub(lambda match: _FROM_ENTITY[match.group(0)], text)


def _convert_line(line: str, convert: object) -> str:
    """Apply a conversion to a line outside its inline code spans."""
    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(convert(line[last:span.start()]))  # type: ignore[operator]
        pieces.append(span.group(0))
        last = span.end()
    pieces.append(convert(line[last:]))  # type: ignore[operator]
    return "".join(pieces)


def _outside_code(text: str, convert: object) -> str:
    """Apply a conversion to every line outside fences and inline code spans."""
    lines = text.split("\n")
    roles, _ = fence_roles(lines)
    return "\n".join(line if roles[index] else _convert_line(line, convert) for index, line in enumerate(lines))


def escape_html(text: str) -> str:
    """Turn `<`, `{`, `&` that would start an entity and script links into entities outside code."""
    if not _ESCAPE.search(text):
        return text  # nothing to escape, as in most parts: one search instead of a pass per line
    return _outside_code(text, _escape_piece)


def unescape_html(text: str) -> str:
    """Exact inverse of :func:`escape_html`."""
    if "&" not in text:
        return text  # every entity starts with `&`: one search instead of a pass per line
    return _outside_code(text, _unescape_piece)


def inert_markdown_line(line: str) -> str:
    """A translator's line of Markdown made canonical: raw `<`, `{` and script links become text, code stays code.

    The line is read as a page line (its `&lt;` is a `<`), then escaped as ingest would, so what the
    translator typed shows as text and the page reads back to the same bytes. A unit is one line, never a
    fence, so only code spans count as code.
    """
    return _convert_line(_convert_line(line, _unescape_piece), _escape_piece)
