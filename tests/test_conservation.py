"""Nothing lost: every piece of content text of a source appears in its page.

Only structural markers may disappear: heading hashes, list bullets, numbering,
面试题/答案 style labels, bold markup, 《》 around the title, and the debris and meta
headings that the ingest report lists. The normalisation here is deliberately
independent of the parser.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import CORPUS_ARTICLES, QUESTION_SOURCES, ROOT
from qbank.bank.page import render_page
from qbank.source.parse import parse_source

INPUTS = QUESTION_SOURCES + CORPUS_ARTICLES + sorted((ROOT / "tests/fixtures/parse").glob("*.txt"))
LABELS = (
    r"(?:面试题|算法编程题|编程题|题目|问题|答案解析|参考答案|答案|解析|示例代码|代码示例|提示|Q|A)"
    r"\s*\d*\s*(?:[:：]|$)"
)
# Numbering: "1." "2、" and decimal "1.1" / "2.3." (not a bare year such as "2024 年").
NUMBER = r"\d+(?:[.．]\d+)+[.、．]?\s+|\d+[.、．]\s*"
# A short bold label that opens a line ("**题目描述：**", "**举例：**"): the page may keep or drop it.
LEADING_LABEL = re.compile(r"^\s*\*\*[^*:：\n]{1,8}[:：]\s*\*\*")
MARKUP = re.compile(r"[\s*#《》`]")
DEBRIS = re.compile(r"<\|[^<>|\n]{0,40}\|>")


def squash(text: str, entities: bool = False) -> str:
    """Remove white space and markup characters so only content remains (decoding page entities)."""
    return MARKUP.sub("", html.unescape(text) if entities else text)


def content_fragments(source_text: str) -> list[tuple[int, str]]:
    """(line, content) pieces of a source after removing structural markers; code lines whole."""
    fragments = []
    in_code = False
    for number, raw in enumerate(source_text.split("\n"), start=1):
        line = DEBRIS.sub(" ", raw)
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
            continue
        if in_code:
            if line.strip():
                fragments.append((number, line.strip()))
            continue
        text = re.sub(r"^\s*#{1,6}\s*", "", line)
        text = re.sub(r"^\s*[-+]\s*|^\s*\*\s+(?!\*)", "", text)
        text = LEADING_LABEL.sub("", text).replace("**", "")
        text = re.sub(rf"^\s*(?:{NUMBER})", "", text)
        for piece in re.split(LABELS, text):
            if piece and not re.fullmatch(LABELS, piece) and squash(piece):
                fragments.append((number, piece))
    return fragments


@pytest.mark.parametrize("source", INPUTS, ids=lambda path: path.stem)
def test_every_content_fragment_is_in_the_page(source: Path) -> None:
    result = parse_source(source.read_bytes(), source.name)
    page = render_page(result.article)
    page_text = squash(page, entities=True)
    code_lines = {line.strip() for line in page.split("\n")}
    meta_lines = {entry.line for entry in result.report if entry.action == "meta"}
    text = source.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    missing = [
        f"{source.name}:{number}: {fragment!r}"
        for number, fragment in content_fragments(text)
        if number not in meta_lines and squash(fragment) not in page_text and fragment.strip() not in code_lines
    ]
    assert not missing, "content missing from the page:\n" + "\n".join(missing[:20])


@pytest.mark.parametrize("source", INPUTS, ids=lambda path: path.stem)
def test_code_lines_survive_verbatim(source: Path) -> None:
    page = render_page(parse_source(source.read_bytes(), source.name).article)
    page_lines = {line.strip() for line in page.split("\n")}
    in_code = False
    for line in source.read_text(encoding="utf-8-sig").split("\n"):
        if re.match(r"^\s*(```|~~~)", line):
            in_code = not in_code
            continue
        if in_code and line.strip():
            assert line.strip() in page_lines, f"code line lost: {line!r}"


def test_report_names_every_debris_token_and_merge(in_root: Path) -> None:
    source = in_root / "sources/001_abd9b37aa37f1085.txt"
    report = parse_source(source.read_bytes(), "sources/001_abd9b37aa37f1085.txt").report
    tokens = DEBRIS.findall(source.read_text(encoding="utf-8"))
    assert len([e for e in report if e.action == "debris"]) == len(tokens) == 1
    merged = [e for e in report if e.action == "merged"]
    assert [e.line for e in merged] == [182, 186, 194, 203, 212, 223, 253, 295]
    assert "i01" in merged[0].detail and "c03" in merged[-1].detail
