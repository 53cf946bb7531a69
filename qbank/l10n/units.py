"""A page block as a template of fixed Markdown and translation units (text, code comments, code strings).

A unit is one line's words: a paragraph line, a list item, a heading's text, a table cell, or the
Chinese of one comment or string on a code line. Everything else (markers, indentation, block openers,
attribute lists, the code itself) is the template, generated from the Chinese page, so that a filled
template is always the page's structure with the translator's words in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import Comment, String
from pygments.util import ClassNotFound

from qbank.bank.page import ATTRIBUTE, BLOCK_OPEN, QUESTION_HEADING
from qbank.bank.translation import CJK
from qbank.source.fences import BODY, CLOSE, OPEN, fence_roles

WORDS = re.compile(r"\w")
# Indentation, block quotes, a list marker (with an optional task box) and a heading's hashes.
TEXT_LINE = re.compile(
    r"^(?P<lead>[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?(?:#{1,6}[ \t]+)?)"
    r"(?P<text>.*?)(?P<trail>[ \t]*)$",
)
TABLE_CELL = re.compile(r"(?<!\\)\|")
TABLE_RULE = re.compile(r"^[\s|:-]+$")
COMMENT_EDGES = re.compile(r"^(?P<lead>\s*(?:#+|//+|/\*+!?|\*+|--+|;+|%+|<!--|'|rem\b)?\s*)(?P<text>.*?)"
                           r"(?P<trail>\s*(?:\*+/|-->)?\s*)$", re.DOTALL)
STRING_EDGES = re.compile(r"^(?P<lead>[\s\"'`]*)(?P<text>.*?)(?P<trail>[\s\"'`]*)$", re.DOTALL)
# Parts of a string token that are not its words: f-string fields, escapes, prefixes like r"…".
NOT_STRING_WORDS = (String.Interpol, String.Escape, String.Affix)
NOT_COMMENT_WORDS = (Comment.Preproc, Comment.PreprocFile, Comment.Hashbang)

Part = str | int  # fixed text, or the index of a unit


@dataclass(frozen=True)
class Unit:
    """One translatable piece: where it is (`context`), its text, and what it is."""

    context: str
    text: str
    kind: str  # "text", "comment" or "string"
    line: int  # 0-based line within its block

    @property
    def needs_words(self) -> bool:
        """Whether leaving it as it is means it is untranslated (Chinese prose or a Chinese comment)."""
        return self.kind != "string" and bool(CJK.search(self.text))


@dataclass
class Template:
    """A block of Markdown as lines of fixed parts and unit slots."""

    lines: list[list[Part]] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)

    def fill(self, texts: Sequence[str]) -> str:
        """The block with each unit replaced by the text at its index."""
        return "\n".join("".join(texts[part] if isinstance(part, int) else part for part in line)
                         for line in self.lines)

    def source(self) -> str:
        """The block as it was segmented."""
        return self.fill([unit.text for unit in self.units])

    def match(self, markdown: str) -> list[str] | int:
        """The unit texts of a block with this structure, or the 0-based line where it departs from it."""
        lines = markdown.split("\n")
        texts: list[str] = [""] * len(self.units)
        for index, parts in enumerate(self.lines):
            if index >= len(lines):
                return index
            if len(parts) <= 3 and sum(isinstance(part, int) for part in parts) <= 1:
                # Most lines are fixed text around at most one unit: no pattern to compile.
                text = _one_slot(parts, lines[index])
                if text is None:
                    return index
                if text is not True:
                    texts[next(part for part in parts if isinstance(part, int))] = text
                continue
            pattern = "".join("(.*?)" if isinstance(part, int) else re.escape(part) for part in parts)
            found = re.fullmatch(pattern, lines[index])
            if found is None:
                return index
            for slot, text in zip((part for part in parts if isinstance(part, int)), found.groups(), strict=True):
                texts[slot] = text
        return len(self.lines) if len(lines) != len(self.lines) else texts


def _one_slot(parts: list[Part], line: str) -> str | bool | None:
    """A line against fixed text around at most one unit: the unit's text, True (no unit), or None (no match)."""
    slot = next((number for number, part in enumerate(parts) if isinstance(part, int)), None)
    if slot is None:
        return True if line == "".join(parts) else None  # type: ignore[arg-type]
    lead, trail = "".join(parts[:slot]), "".join(parts[slot + 1:])  # type: ignore[arg-type]
    if len(line) < len(lead) + len(trail) or not line.startswith(lead) or not line.endswith(trail):
        return None
    return line[len(lead):len(line) - len(trail)]


class _Builder:
    """Collects a template's lines and numbers its units per field."""

    def __init__(self, scope: str) -> None:
        self.scope = scope
        self.template = Template()
        self.counters: dict[str, int] = {}

    def unit(self, field_name: str, text: str, kind: str) -> int:
        """Add a unit of a field; its context is the scope, the field and its number in that field."""
        self.counters[field_name] = self.counters.get(field_name, 0) + 1
        parts = [part for part in (self.scope, field_name) if part]
        # A title is one unit; every other field numbers its units.
        context = "/".join(parts if field_name == "title" else [*parts, str(self.counters[field_name])])
        self.template.units.append(Unit(context, text, kind, len(self.template.lines)))
        return len(self.template.units) - 1

    def text_line(self, line: str, field_name: str) -> None:
        """A line of Markdown outside code: its words (or each table cell's) are units."""
        if line.lstrip().startswith("|") and not TABLE_RULE.match(line):
            parts: list[Part] = []
            cells = TABLE_CELL.split(line)
            for number, cell in enumerate(cells):
                if number:
                    parts.append("|")
                found = re.fullmatch(r"(\s*)(.*?)(\s*)", cell)
                assert found is not None  # the pattern matches any text
                lead, text, trail = found.groups()
                parts.extend([lead, self.unit(field_name, text, "text"), trail] if WORDS.search(text) else [cell])
            self.template.lines.append(parts)
            return
        found = TEXT_LINE.match(line)
        assert found is not None  # every part of the pattern is optional
        if not WORDS.search(found["text"]):
            self.template.lines.append([line])
            return
        self.template.lines.append([found["lead"], self.unit(field_name, found["text"], "text"), found["trail"]])

    def code(self, lines: list[str], info: str, field_name: str) -> None:
        """Code lines: only the Chinese of comments and strings are units (by Pygments' tokens)."""
        indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
        code = "\n".join(line[indent:] for line in lines)
        # Only Chinese in comments and strings makes units: code without any needs no lexing.
        categories = _categories(code, _lexer_name(info)) if CJK.search(code) else [""] * len(code)
        start = 0
        for line in lines:
            body = line[indent:]
            parts: list[Part] = [line[:indent]]
            position = 0
            for span_start, span_end, kind in _spans(categories[start:start + len(body)]):
                piece = body[span_start:span_end]
                edges = (COMMENT_EDGES if kind == "comment" else STRING_EDGES).match(piece)
                assert edges is not None  # every part of the pattern is optional
                if not CJK.search(edges["text"]):
                    continue
                parts.append(body[position:span_start] + edges["lead"])
                parts.append(self.unit(field_name, edges["text"], kind))
                position = span_end - len(edges["trail"])
            parts.append(body[position:])
            self.template.lines.append([part for part in parts if part != ""])
            start += len(body) + 1


def _lexer_name(info: str) -> str:
    """The language a fence's info string names ("" when none)."""
    return info.strip().lstrip("{").lstrip(".").split()[0] if info.strip() else ""


@functools.lru_cache(maxsize=64)  # looking a lexer up by name scans Pygments' registry
def _lexer_named(name: str) -> Lexer:
    """The Pygments lexer of a language name (plain text when unknown)."""
    try:
        return get_lexer_by_name(name) if name else TextLexer()
    except ClassNotFound:
        return TextLexer()


@functools.lru_cache(maxsize=256)  # a page's template and its analysis segment the same code
def _categories(code: str, language: str) -> list[str]:
    """For each character of the code: "comment", "string" or "" (by the lexer's tokens)."""
    categories = [""] * len(code)
    for index, kind, value in _lexer_named(language).get_tokens_unprocessed(code):
        if kind in Comment and not any(kind in excluded for excluded in NOT_COMMENT_WORDS):
            category = "comment"
        elif kind in String and not any(kind in excluded for excluded in NOT_STRING_WORDS):
            category = "string"
        else:
            continue
        for offset in range(len(value)):
            if index + offset < len(code):
                categories[index + offset] = category
    return categories


def _spans(categories: list[str]) -> list[tuple[int, int, str]]:
    """Runs of one category on a line: (start, end, category)."""
    spans: list[tuple[int, int, str]] = []
    for index, category in enumerate(categories):
        if not category:
            continue
        if spans and spans[-1][1] == index and spans[-1][2] == category:
            spans[-1] = (spans[-1][0], index + 1, category)
        else:
            spans.append((index, index + 1, category))
    return spans


def _walk(builder: _Builder, lines: list[str], first: int, default_field: str) -> Template:
    """Segment lines from `first` on, tracking which block (hint, answer, analysis…) each is in."""
    roles, _ = fence_roles(lines)
    stack: list[tuple[int, str]] = []  # (indent of the opener, block type)
    index = first
    while index < len(lines):
        line = lines[index]
        current = stack[-1][1] if stack else default_field
        if roles[index] == OPEN:
            end = index + 1
            while end < len(lines) and roles[end] == BODY:
                end += 1
            builder.template.lines.append([line])
            info = line.strip().lstrip("`~")
            builder.code(lines[index + 1:end], info, current)
            if end < len(lines) and roles[end] == CLOSE:
                builder.template.lines.append([lines[end]])
            index = end + 1
            continue
        if not line.strip():
            builder.template.lines.append([line])
            index += 1
            continue
        depth = len(line) - len(line.lstrip(" "))
        while stack and depth <= stack[-1][0]:
            stack.pop()
        opener = BLOCK_OPEN.match(line.strip())
        if opener:
            stack.append((depth, opener.group(2)))
            builder.template.lines.append([line])
        else:
            builder.text_line(line, stack[-1][1] if stack else default_field)
        index += 1
    return builder.template


def question_template(markdown: str, anchor: str) -> Template:
    """A question block (heading to the end of its answer): title, prompt and each block's units."""
    lines = markdown.split("\n")
    builder = _Builder(anchor)
    heading = QUESTION_HEADING.match(lines[0])
    if heading is None:
        raise ValueError(f"not a question heading: {lines[0]!r}")
    number = dict(ATTRIBUTE.findall(heading.group(4))).get("data-number", "0")
    prefix = f"{number}. " if number != "0" and heading.group(2).startswith(f"{number}. ") else ""
    title = heading.group(2)[len(prefix):]
    end = lines[0][heading.end(2):]
    builder.template.lines.append([f"{heading.group(1)} {prefix}", builder.unit("title", title, "text"), end])
    return _walk(builder, lines, 1, "prompt")


def prose_template(markdown: str, scope: str) -> Template:
    """A run of prose: each line's words are units, numbered within the run."""
    return _walk(_Builder(scope), markdown.split("\n"), 0, "")


def title_template(title_markdown: str) -> Template:
    """The article's `# Title` line."""
    builder = _Builder("")
    builder.template.lines.append(["# ", builder.unit("title", title_markdown, "text")])
    return builder.template

