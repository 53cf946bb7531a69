"""The canonical page format: write an article as Markdown and read it back.

A page is Markdown that Material renders and that this module parses exactly:

    ---
    qbank:
      source: sources/<file>
      sha256: <sha256 of the source file>
      page: <sha256 of the body below, as ingest wrote it>
    ---

    # Title

    prose…

    ### 1. Question title { #i01 .qbank-question data-kind="interview" data-number="1" data-lines="31-33" }

    prompt…

    !!! hint "提示"

        hints…

    ??? answer "答案"

        answer…

        !!! analysis "解析"
            …
        !!! example "示例代码"
            …
        !!! explanation "详解"
            …

Block types (`hint`, `answer`, `analysis`, `example`, `explanation`) are the same in every
language; only their quoted titles are translated.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import yaml

from qbank.errors import QbankError
from qbank.source.clean import tidy_blank_lines
from qbank.source.escape import escape_html, unescape_html
from qbank.source.fences import fence_roles
from qbank.source.model import KINDS, Article, Block, Prose, Question
from qbank.strings import ui

ANSWER_PARTS = {"analysis": "analysis", "example": "code", "explanation": "explanation"}
QUESTION_HEADING = re.compile(r"^(#{2,6}) (.*?) \{ #([\w-]+) \.qbank-question ([^{}]*)\}$")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
BLOCK_OPEN = re.compile(r'^(!!!|\?\?\?\+?) (\w+)(?: "[^"]*")?\s*$')
INDENT = "    "


def indent(text: str) -> str:
    """Indent every non-empty line by four spaces (the admonition body)."""
    return "\n".join(INDENT + line if line else line for line in text.split("\n"))


def dedent(lines: list[str]) -> str:
    """Remove one admonition indent from each line."""
    return "\n".join(line[4:] if line.startswith(INDENT) else line.lstrip(" ") for line in lines)


def body_hash(body: str) -> str:
    """The hash ingest records to notice hand edits."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# -- writing ------------------------------------------------------------------


def render_question(question: Question, lang: str = "zh") -> str:
    """One question as canonical Markdown."""
    start, end = question.source_lines
    heading_text = f"{question.number}. {question.title}" if question.number else question.title
    attributes = f'data-kind="{question.kind}" data-number="{question.number}" data-lines="{start}-{end}"'
    if question.topics:
        attributes += f' data-topics="{" ".join(question.topics)}"'
    if question.translates:
        attributes += f' data-zh="{question.translates}"'
    heading_attributes = f"#{question.anchor} .qbank-question {attributes}"
    heading = f"{'#' * question.level} {escape_html(heading_text)} {{ {heading_attributes} }}"
    labels = ui(lang)["blocks"]
    out = [heading]
    if question.prompt:
        out.append(escape_html(question.prompt))
    if question.hints:
        out.append(f'!!! hint "{labels["hint"]}"\n\n{indent(escape_html(question.hints))}')
    answer: list[str] = []
    if question.answer:
        answer.append(escape_html(question.answer))
    for block_type, field in ANSWER_PARTS.items():
        if text := getattr(question, field):
            answer.append(f'!!! {block_type} "{labels[block_type]}"\n\n{indent(escape_html(text))}')
    out.append(f'??? answer "{labels["answer"]}"\n\n' + indent("\n\n".join(answer)))
    return "\n\n".join(out)


def render_body(article: Article, lang: str = "zh") -> str:
    """The page body: title, prose and questions in source order."""
    parts = [f"# {escape_html(article.title)}"]
    for block in article.blocks:
        parts.append(render_question(block, lang) if isinstance(block, Question) else escape_html(block.text))
    return "\n\n".join(parts) + "\n"


def render_page(article: Article, lang: str = "zh") -> str:
    """The whole canonical page, front matter included."""
    body = render_body(article, lang)
    meta = {"qbank": {"source": article.source, "sha256": article.sha256, "page": body_hash(body)}}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body}"


# -- reading ------------------------------------------------------------------


@dataclass
class Page:
    """A page split into its metadata and body."""

    path: str
    meta: dict
    body: str
    body_line: int

    @property
    def edited(self) -> bool:
        """Whether the body differs from what ingest wrote."""
        return self.meta.get("page") != body_hash(self.body)


def split_page(text: str, path: str) -> Page:
    """Separate the YAML front matter from the body."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        raise QbankError(path, 1, "page has no front matter", "pages start with a `---` YAML block holding `qbank:`")
    end = text.find("\n---\n", 4)
    if end < 0:
        raise QbankError(path, 1, "front matter is not closed", "close it with a `---` line")
    try:
        meta = yaml.safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        raise QbankError(
            path, 2, f"front matter is not valid YAML: {exc}", "fix the YAML between the `---` lines",
        ) from None
    qbank = meta.get("qbank") if isinstance(meta, dict) else None
    if not isinstance(qbank, dict):
        raise QbankError(path, 2, "front matter lacks a `qbank:` mapping", "see CONTRIBUTING.md for the page format")
    body = text[end + 5:]
    body_line = text[: end + 5].count("\n") + 1
    return Page(path, qbank, body.lstrip("\n"), body_line + (len(body) - len(body.lstrip("\n"))))


class PageReader:
    """Reads questions and prose back from a canonical page body."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.lines = page.body.split("\n")
        roles, unclosed = fence_roles(self.lines)
        self.in_code = [bool(role) for role in roles]
        if unclosed is not None:
            self.fail(unclosed, "code fence is never closed", "add the closing ``` line")
        self.index = 0

    def fail(self, index: int, message: str, hint: str = "") -> None:
        """Raise an error at a body line."""
        raise QbankError(self.page.path, self.page.body_line + index, message, hint)

    def read(self) -> Article:
        """Parse the whole body."""
        while self.index < len(self.lines) and not self.lines[self.index].strip():
            self.index += 1
        if self.index >= len(self.lines) or not self.lines[self.index].startswith("# "):
            self.fail(self.index, "page does not start with a `# Title` heading")
        title = unescape_html(self.lines[self.index][2:].strip())
        self.index += 1
        blocks: list[Block] = []
        prose: list[str] = []
        while self.index < len(self.lines):
            line = self.lines[self.index]
            match = None if self.in_code[self.index] else QUESTION_HEADING.match(line)
            if match:
                self.flush(prose, blocks)
                prose = []
                blocks.append(self.read_question(match))
                continue
            if not self.in_code[self.index] and line.startswith("#") and ".qbank-question" in line:
                # Read as prose, the question would vanish from the bank without a word.
                self.fail(self.index, "a question heading qbank cannot read",
                          'write it `### N. Title { #anchor .qbank-question data-kind="…" … }`: '
                          "anchor first, then .qbank-question, then the key=\"value\" attributes")
            prose.append(line)
            self.index += 1
        self.flush(prose, blocks)
        source = str(self.page.meta.get("source", ""))
        slug = self.page.path.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0]
        partial = tuple(str(block) for block in self.page.meta.get("partial") or ())
        return Article(title, source, str(self.page.meta.get("sha256", "")), blocks, slug, partial)

    @staticmethod
    def flush(prose: list[str], blocks: list[Block]) -> None:
        """Close a prose run."""
        text = tidy_blank_lines("\n".join(prose))
        if text:
            blocks.append(Prose(unescape_html(text)))

    def block_body(self) -> list[str]:
        """Consume the indented body of an admonition opened on the current line."""
        self.index += 1
        start = self.index
        while self.index < len(self.lines):
            line = self.lines[self.index]
            if line.strip() and not line.startswith(INDENT):
                break
            self.index += 1
        return self.lines[start:self.index]

    def read_question(self, match: re.Match[str]) -> Question:
        """Parse one question from its heading to the end of its answer block."""
        heading_index = self.index
        level, text, anchor, attributes = len(match.group(1)), match.group(2), match.group(3), match.group(4)
        values = dict(ATTRIBUTE.findall(attributes))
        kind = values.get("data-kind", "")
        if kind not in KINDS:
            self.fail(heading_index, f"question {anchor} has unknown kind {kind!r}", f"use one of {', '.join(KINDS)}")
        try:
            number = int(values.get("data-number", "0"))
            start, end = (int(part) for part in values.get("data-lines", "0-0").split("-"))
        except ValueError:
            self.fail(heading_index, f"question {anchor} has a malformed data-number or data-lines attribute")
        title = unescape_html(text)
        prefix = f"{number}. "
        if number and title.startswith(prefix):
            title = title[len(prefix):]
        self.index += 1
        prompt: list[str] = []
        hints = ""
        while self.index < len(self.lines):
            line = self.lines[self.index]
            opener = None if self.in_code[self.index] else BLOCK_OPEN.match(line)
            if opener and opener.group(2) == "hint":
                hints = tidy_blank_lines(dedent(self.block_body()))
                continue
            if opener and opener.group(2) == "answer":
                parts = self.split_answer(dedent(self.block_body()))
                return Question(
                    anchor=anchor, kind=kind, number=number, title=title, level=level,  # type: ignore[arg-type]
                    prompt=unescape_html(tidy_blank_lines("\n".join(prompt))),
                    hints=unescape_html(hints), source_lines=(start, end),
                    topics=tuple(values.get("data-topics", "").split()), translates=values.get("data-zh", ""),
                    **parts,
                )
            if QUESTION_HEADING.match(line) and not self.in_code[self.index]:
                break
            prompt.append(line)
            self.index += 1
        self.fail(heading_index, f"question {anchor} has no `??? answer` block", "add its answer block")
        raise AssertionError  # unreachable: fail() raises

    @staticmethod
    def split_answer(text: str) -> dict[str, str]:
        """Separate the answer from its analysis, example code and explanation sub-blocks."""
        lines = text.split("\n")
        roles, _ = fence_roles(lines)
        parts: dict[str, list[str]] = {"answer": [], "analysis": [], "code": [], "explanation": []}
        current = "answer"
        for index, line in enumerate(lines):
            opener = None if roles[index] else BLOCK_OPEN.match(line)
            if opener and opener.group(2) in ANSWER_PARTS:
                current = ANSWER_PARTS[opener.group(2)]
                continue
            if current != "answer" and line.strip() and not line.startswith(INDENT) and not roles[index]:
                current = "answer"
            parts[current].append(line[4:] if current != "answer" and line.startswith(INDENT) else line)
        return {name: unescape_html(tidy_blank_lines("\n".join(lines))) for name, lines in parts.items()}


def read_page(text: str, path: str) -> Article:
    """Read an article back from a canonical page."""
    return PageReader(split_page(text, path)).read()
