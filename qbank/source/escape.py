"""Keep raw HTML, attribute lists and script links in untrusted text inert: they render as text, never markup."""

from __future__ import annotations

import re

from qbank.source.fences import fence_roles
from qbank.source.safe_links import MARKDOWN_URL, is_unsafe_url

_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
# `<` would open a tag, `&` an entity, `{` an attribute list (attr_list is on site-wide). `&#123;` is
# stashed by Python-Markdown before attr_list runs, so it always renders as a literal `{`. `(` and `:`
# are escaped only where they would make a script URL a link (`[x](javascript:…)`, `[x]: javascript:…`).
_ESCAPE = re.compile(r"<|&(?=#?\w+;)|\{|\(|:")
_TO_ENTITY = {"<": "&lt;", "&": "&amp;", "{": "&#123;", "(": "&#40;", ":": "&#58;"}
_ONLY_IN_LINKS = ("(", ":")
# Deeper nesting than any article needs. Python-Markdown recurses once per level of list or quote and
# fails near 200 levels: one generated line of 2,000 `- ` took a whole build down. Markers past this depth,
# and indentation past MAX_INDENT, are written as entities: the reader sees them as text.
MAX_NESTING = 16
MAX_INDENT = 4 * MAX_NESTING
_NEST_TOKEN = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


def deep_nesting(max_indent: int = MAX_INDENT) -> re.Pattern[str]:
    """Lines with list or quote markers past MAX_NESTING, or indented past `max_indent` columns."""
    return re.compile(rf"^(?:{_NEST_TOKEN.pattern}){{{MAX_NESTING + 1}}}|^[ \t]{{{max_indent + 1}}}", re.M)


DEEP_NESTING = deep_nesting()
_NEST_ENTITY = {">": "&gt;", "-": "&#45;", "*": "&#42;", "+": "&#43;", ".": "&#46;", ")": "&#41;", " ": "&#32;",
                "\t": "&#9;"}
_FROM_ENTITY = {entity: char for char, entity in (*_TO_ENTITY.items(), *_NEST_ENTITY.items())}
_UNESCAPE = re.compile("|".join([r"&lt;|&amp;(?=#?\w+;)|&#123;|&#40;|&#58;",
                                 *(re.escape(entity) for entity in _NEST_ENTITY.values())]))


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


def _flatten_nesting(line: str) -> str:
    """An escaped line with its list and quote markers past MAX_NESTING, or its indentation past MAX_INDENT,
    as entities: text to Markdown, so it nests no deeper."""
    blank = len(line) - len(line.lstrip(" \t"))
    if MAX_INDENT < blank < len(line):
        return _NEST_ENTITY[line[0]] + line[1:]  # no longer led by blanks: not indented at all
    position, depth, pieces = 0, 0, []
    while (token := _NEST_TOKEN.match(line, position)) and token.end() > position:
        depth += 1
        text = token.group(0)
        if depth > MAX_NESTING:
            text = text[:-1] + _NEST_ENTITY[text[-1]]  # a marker always ends its token
        pieces.append(text)
        position = token.end()
    return "".join(pieces) + line[position:] if depth > MAX_NESTING else line


def _outside_code(text: str, convert: object, whole_line: object = None) -> str:
    """Apply a conversion to every line outside fences and inline code spans, then `whole_line` to the line."""
    lines = text.split("\n")
    roles, _ = fence_roles(lines)
    finish = whole_line or (lambda line: line)
    return "\n".join(line if roles[index] else finish(_convert_line(line, convert))  # type: ignore[operator]
                     for index, line in enumerate(lines))


def escape_html(text: str) -> str:
    """Turn `<`, `{`, `&` that would start an entity, script links and nesting past MAX_NESTING into
    entities outside code."""
    if not _ESCAPE.search(text) and not DEEP_NESTING.search(text):
        return text  # nothing to escape, as in most parts: one search instead of a pass per line
    return _outside_code(text, _escape_piece, _flatten_nesting)


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
    return _flatten_nesting(_convert_line(_convert_line(line, _unescape_piece), _escape_piece))
