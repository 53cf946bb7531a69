"""Keep raw HTML in source text inert: it must render as text, never as markup."""

from __future__ import annotations

import re

from qbank.fences import fence_roles

_CODE_SPAN = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)")
_ESCAPE = re.compile(r"<|&(?=#?\w+;)")
_UNESCAPE = re.compile(r"&lt;|&amp;(?=#?\w+;)")


def _outside_code(text: str, convert: re.Pattern[str], replace: dict[str, str]) -> str:
    """Apply a replacement to every line outside fences and inline code spans."""
    lines = text.split("\n")
    roles, _ = fence_roles(lines)
    for index, line in enumerate(lines):
        if roles[index]:
            continue
        pieces, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(convert.sub(lambda match: replace[match.group(0)], line[last:span.start()]))
            pieces.append(span.group(0))
            last = span.end()
        pieces.append(convert.sub(lambda match: replace[match.group(0)], line[last:]))
        lines[index] = "".join(pieces)
    return "\n".join(lines)


def escape_html(text: str) -> str:
    """Turn `<` (and `&` that would start an entity) into entities outside code."""
    return _outside_code(text, _ESCAPE, {"<": "&lt;", "&": "&amp;"})


def unescape_html(text: str) -> str:
    """Exact inverse of :func:`escape_html`."""
    return _outside_code(text, _UNESCAPE, {"&lt;": "<", "&amp;": "&"})
