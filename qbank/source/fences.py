"""Fenced code block detection shared by every line-based step."""

from __future__ import annotations

import re

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")

OPEN, BODY, CLOSE = "open", "body", "close"


def fence_roles(lines: list[str]) -> tuple[list[str], int | None]:
    """Give each line its role in a code fence ("" outside code); also return an unclosed opener's index."""
    if not has_fence_marker(lines):
        # Most texts (answer parts, prose runs) hold no fence at all: one search instead of a regex per line.
        return [""] * len(lines), None
    roles: list[str] = []
    fence: str | None = None
    opened_at: int | None = None
    for index, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None:
            # A backtick fence's info string cannot hold backticks (that is inline code).
            if match and not (match.group(2)[0] == "`" and "`" in match.group(3)):
                fence, opened_at = match.group(2), index
                roles.append(OPEN)
            else:
                roles.append("")
        elif match and match.group(2).startswith(fence) and not match.group(3).strip():
            fence, opened_at = None, None
            roles.append(CLOSE)
        else:
            roles.append(BODY)
    return roles, opened_at


def has_fence_marker(lines: list[str]) -> bool:
    """Whether any line holds a run of three backticks or tildes, without which no line is a fence."""
    text = "\n".join(lines)
    return "```" in text or "~~~" in text


def scan_fences(lines: list[str]) -> tuple[list[bool], int | None]:
    """Mark lines that open, close or sit inside a code fence; also return an unclosed opener's index."""
    roles, unclosed = fence_roles(lines)
    return [bool(role) for role in roles], unclosed


def fence_conflicts(lines: list[str]) -> list[tuple[int, int]]:
    """Openers with a language inside a still-open fence of the same length: (opener, nested line) pairs.

    In CommonMark such a line is code, but in the series it means the previous block lost its closing fence,
    and everything up to the next fence, questions included, would silently become code.
    """
    conflicts: list[tuple[int, int]] = []
    roles, _ = fence_roles(lines)
    opened_at = None
    for index, role in enumerate(roles):
        if role == OPEN:
            opened_at = index
        elif role == BODY and opened_at is not None:
            outer, inner = FENCE.match(lines[opened_at]), FENCE.match(lines[index])
            language = inner.group(3).strip() if inner else ""
            if inner and outer and inner.group(2) == outer.group(2) and re.fullmatch(r"[\w+#.-]+", language):
                conflicts.append((opened_at, index))
    return conflicts
