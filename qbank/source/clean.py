"""Text-in, text-out clean-up steps applied to a source before it is parsed.

Each step is idempotent and tested on its own: decoding (BOM, CRLF, encodings),
removing generation debris such as ``<|user|>``, and splitting what debris glued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qbank.errors import QbankError
from qbank.source.fences import scan_fences
from qbank.source.model import ReportEntry

# Chat-template tokens the generator leaked into the posts: <|user|>, <|im_sep|>, <|endoftext|>…
DEBRIS = re.compile(r"<\|[^<>|\n]{0,40}\|>")


@dataclass
class Line:
    """A source line with the 1-based line number it came from."""

    number: int
    text: str


def decode_source(data: bytes, path: str) -> str:
    """Decode a source file to text with LF line ends, or raise a clear QbankError."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise QbankError(
            path, line, "binary data (NUL byte) in a text source",
            "sources must be UTF-8 Markdown text; remove the file or export it as text",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QbankError(
            path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "convert the file to UTF-8, e.g. `iconv -f GBK -t UTF-8 in.txt > out.txt`",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise QbankError(path, 1, "the file is empty", "add the article text or remove the file")
    return text


def strip_debris(lines: list[Line], source: str) -> tuple[list[Line], list[ReportEntry]]:
    """Remove chat-template tokens; text glued on either side of one becomes its own block."""
    cleaned: list[Line] = []
    report: list[ReportEntry] = []
    for line in lines:
        if not DEBRIS.search(line.text):
            cleaned.append(line)
            continue
        pieces = DEBRIS.split(line.text)
        for token in DEBRIS.findall(line.text):
            report.append(ReportEntry(source, line.number, "debris", f"removed {token!r}"))
        kept = [piece for piece in pieces if piece.strip()]
        if not kept:
            cleaned.append(Line(line.number, ""))
            continue
        # A token is a turn boundary: what it glued together are separate blocks.
        if len(kept) > 1:
            report.append(ReportEntry(
                source, line.number, "split",
                f"split glued text before {kept[1].strip()[:40]!r} onto its own line",
            ))
        for index, piece in enumerate(kept):
            if index:
                cleaned.append(Line(line.number, ""))
            cleaned.append(Line(line.number, piece.rstrip() if index < len(kept) - 1 else piece))
    return cleaned, report


def to_lines(text: str) -> list[Line]:
    """Number the lines of a decoded source."""
    return [Line(number, text) for number, text in enumerate(text.split("\n"), start=1)]


LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]\s+|\d+[.)]\s+)")


def separate_lists(text: str) -> str:
    """Put a blank line before a list that directly follows a paragraph, so it renders as a list."""
    lines = text.split("\n")
    in_code, _ = scan_fences(lines)
    return "\n".join(separate_list_lines(lines, in_code)[0])


def separate_list_lines(lines: list[str], in_code: list[bool]) -> tuple[list[str], list[bool]]:
    """:func:`separate_lists` on lines whose code flags are known; also return the flags of the lines out.

    A blank line is only added outside code, where it leaves every later line's fence role as it was.
    """
    out: list[str] = []
    out_code: list[bool] = []
    for line, code in zip(lines, in_code, strict=True):
        if not code and LIST_ITEM.match(line) and out:
            previous = out[-1]
            if previous.strip() and not LIST_ITEM.match(previous) and not previous.startswith((" ", "\t")):
                out.append("")
                out_code.append(False)
        out.append(line)
        out_code.append(code)
    return out, out_code


def tidy_blank_lines(text: str) -> str:
    """Trim blank lines at both ends and collapse runs of blank lines outside code to one."""
    if not text.strip():
        return ""  # an empty part, the most common one: no line to look at
    lines = text.split("\n")
    in_code, _ = scan_fences(lines)
    return tidy_lines(lines, in_code)


def tidy_lines(lines: list[str], in_code: list[bool]) -> str:
    """:func:`tidy_blank_lines` on lines whose code flags are known, joined into one text."""
    out: list[str] = []
    for line, code in zip(lines, in_code, strict=True):
        if not code:
            line = line.rstrip()
            if not line and out and not out[-1]:
                continue
        out.append(line)
    while out and not out[0].strip():
        out.pop(0)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


# `…优势？#### 相关领域面试题`: a heading glued after a sentence's end. Searched once per line from its first
# sentence end (a pattern anchored at the line start with lazy `.*?` parts backtracks quadratically).
GLUED_HEADING = re.compile(r"[。？！?!：:」』》）)\]*]\s*(?P<heading>#{1,6}\s+\S.*)$")
NON_SPACE = re.compile(r"\S")


def glued_heading(text: str) -> tuple[str, str] | None:
    """The text before a heading glued to the end of a line, and the heading; None when there is none."""
    first = NON_SPACE.search(text) if "#" in text else None  # no `#`, no heading: most lines, asked per line
    if first is None:
        return None
    # The sentence end must follow some text: search from just after the first non-space character.
    match = GLUED_HEADING.search(text, first.end())
    if match is None:
        return None
    return text[: match.start() + 1], match["heading"]


# A heading line's own opening hashes.
HEADING_OPEN = re.compile(r"\s{0,3}#{1,6}\s+")
# Where a glued heading's hashes start inside a heading: after a sentence end, as in prose, or a run of two or
# more hashes and a blank after the heading's words (`…并存#### 一、…`, `…优势 ## 一、…`), which a heading's own
# words never hold. No `.*$` part: a line with many glued headings is searched on from each cut, never re-read.
GLUED_IN_HEADING = re.compile(r"(?:[。？！?!：:」』》）)\]*]\s*|(?<=[^#`\\])(?=##))(#{1,6})\s+\S")
# In prose, a blank before `##` may be a sentence about Markdown (`用 ## 表示二级标题`): only hashes stuck
# straight onto a word (`…策略#### 相关…`) start a glued heading without a sentence end.
GLUED_TO_WORD = re.compile(r"(?<=[^\s#`\\])(#{2,6})\s+\S")


class CodeSpans:
    """Whether places of a line, asked left to right, are inside an inline code span (`` `a## b` ``)."""

    def __init__(self, text: str) -> None:
        self.text, self.counted, self.ticks = text, 0, 0

    def inside(self, position: int) -> bool:
        """Whether `position` (never left of the last one asked) is inside a code span."""
        # The backticks before it are counted on from the last place asked: a line is read once.
        self.ticks += self.text.count("`", self.counted, position)
        self.counted = position
        return self.ticks % 2 == 1


def heading_pieces(text: str) -> list[str]:
    """A heading line cut before every heading glued into it: the heading, then each glued heading."""
    opened = HEADING_OPEN.match(text)
    if opened is None:
        return [text]
    pieces: list[str] = []
    begin, position, spans = 0, opened.end(), CodeSpans(text)
    while match := GLUED_IN_HEADING.search(text, position):
        # The next search starts at the glued heading's first word: its own hashes are no glued heading.
        cut, position = match.start(1), match.end() - 1
        if not spans.inside(cut):
            pieces.append(text[begin:cut].rstrip())
            begin = cut
    pieces.append(text[begin:])
    return pieces


def glued_pieces(text: str) -> list[str]:
    """A line cut where each glued heading starts; a line with none is one piece."""
    if HEADING_OPEN.match(text):
        return heading_pieces(text)
    first = NON_SPACE.search(text)
    if first is None:
        return [text]
    glued = glued_heading(text)
    # A heading stuck onto a word before the first sentence end (or in a line with none) is cut first.
    spans = CodeSpans(text)
    for word in GLUED_TO_WORD.finditer(text, first.end(), len(glued[0]) if glued else len(text)):
        if not spans.inside(word.start(1)):
            cut = word.start(1)
            return [text[:cut].rstrip(), *heading_pieces(text[cut:])]
    if glued is None:
        return [text]
    before, heading = glued
    return [before, *heading_pieces(heading)]


def split_glued_headings(lines: list[Line], source: str) -> tuple[list[Line], list[ReportEntry]]:
    """Put each heading the generator glued to the end of a line, a heading line too, onto its own line."""
    in_code, _ = scan_fences([line.text for line in lines])
    out: list[Line] = []
    report: list[ReportEntry] = []
    for line, code in zip(lines, in_code, strict=True):
        pieces = [line.text] if code else glued_pieces(line.text)
        out.append(Line(line.number, pieces[0]))
        for heading in pieces[1:]:
            out += [Line(line.number, ""), Line(line.number, heading)]
            report.append(ReportEntry(
                source, line.number, "split", f"split glued heading {heading[:40]!r} onto its own line",
            ))
    return out, report


DASH_RULE = re.compile(r"^\s{0,3}-{3,}\s*$")


def detach_rules(lines: list[Line], source: str) -> tuple[list[Line], list[ReportEntry]]:
    """Keep a `----` line right under a paragraph a rule, not a setext heading that swallows the paragraph."""
    in_code, _ = scan_fences([line.text for line in lines])
    out: list[Line] = []
    report: list[ReportEntry] = []
    for index, (line, code) in enumerate(zip(lines, in_code, strict=True)):
        previous = lines[index - 1] if index else None
        if (not code and previous is not None and not in_code[index - 1] and DASH_RULE.match(line.text)
                and previous.text.strip() and not previous.text.lstrip().startswith(("#", "-", "*", "|"))):
            out.append(Line(line.number, ""))
            report.append(ReportEntry(source, line.number, "split", "rule glued under a paragraph kept as a rule"))
        out.append(line)
    return out, report
