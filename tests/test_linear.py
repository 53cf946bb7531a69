"""Every text step of ingest is linear in its input, measured without a clock: lines of qbank code run,
pattern searches per line, and set lookups per question, on n and 4n of the same input.
(How fast the hostile sources ingest is a `make bench` target: benchmarks/hostile.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from qbank.source import clean, markers, parse
from qbank.source.clean import Line, glued_heading, split_glued_headings
from qbank.source.parse import parse_source

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = sorted((ROOT / "sources").glob("*.txt"))[0].read_text(encoding="utf-8")
# The pattern `split_glued_headings` used before: anchored, with lazy `.*?` parts that backtrack quadratically.
QUADRATIC = re.compile(r"^(?P<before>.*?\S.*?[。？！?!：:」』》）)\]*])\s*(?P<heading>#{1,6}\s+\S.*)$")
# What the slow patterns fed on: sentence ends, heading marks and emphasis with no heading to find.
HOSTILE = "面试题答案。？：#*12"


def lines_run(function, *arguments) -> int:
    """How many lines of qbank/ code a call runs: a deterministic measure of its work."""
    count = 0
    package = str(ROOT / "qbank")

    def tracer(frame, event, _):
        nonlocal count
        if not frame.f_code.co_filename.startswith(package):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(*arguments)
    finally:
        sys.settrace(None)
    return count


def test_parsing_work_grows_linearly() -> None:
    """Parsing four times the article (four times the questions, numbers repeating) runs ≤ 4.4× the code."""
    small = lines_run(parse_source, (ARTICLE * 3).encode(), "small.md")
    large = lines_run(parse_source, (ARTICLE * 12).encode(), "large.md")
    assert large <= 4.4 * small, f"3 copies: {small} lines run, 12 copies: {large}"


class CountingSet(set):
    """A set that counts membership tests."""

    lookups = 0

    def __contains__(self, item: object) -> bool:
        CountingSet.lookups += 1
        return super().__contains__(item)


def anchor_lookups(copies: int, monkeypatch) -> int:
    """Anchor lookups to register `copies` questions that all have number 1, each in its own section."""
    original = parse.ArticleParser.__post_init__

    def counted(self) -> None:
        original(self)
        self.anchors = CountingSet()

    monkeypatch.setattr(parse.ArticleParser, "__post_init__", counted)
    CountingSet.lookups = 0
    sections = "".join(f"## 第{k}节\n\n**1. 面试题：** 问题{k}？\n\n**答案：** 答{k}。\n\n" for k in range(copies))
    parse_source(f"# AI 大模型创业：如何利用科技优势？\n\n{sections}".encode(), "same-number.md")
    return CountingSet.lookups


def test_repeated_anchor_costs_a_lookup_per_question(monkeypatch) -> None:
    """The n-th `i01` is `i01-n` after a constant number of lookups, not n (i01, i01-2, … each tried)."""
    assert anchor_lookups(400, monkeypatch) <= 2 * 400


def test_glued_headings_one_search_per_line(monkeypatch) -> None:
    """`split_glued_headings` searches each line once, from a sentence end, never at every position."""
    calls: list[int] = []
    pattern = clean.GLUED_HEADING

    class Counting:
        def search(self, text: str, position: int = 0):
            calls.append(position)
            return pattern.search(text, position)

    monkeypatch.setattr(clean, "GLUED_HEADING", Counting())
    lines = [Line(number, HOSTILE * 50) for number in range(1, 101)]
    split_glued_headings(lines, "hostile.md")
    assert len(calls) <= len(lines)
    assert not pattern.pattern.startswith("^"), "an anchored pattern is retried at every start by its lazy parts"


def test_glued_heading_on_a_huge_line() -> None:
    """A 200,000-character line with sentence ends and `#` everywhere and no heading: a generous guard
    (the quadratic pattern took minutes), run apart so a regression fails instead of hanging the suite."""
    code = (f"from qbank.source.clean import glued_heading\n"
            f"assert glued_heading({HOSTILE!r} * 20000) is None\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


SMALL_TEXT = st.text(alphabet="a #。?*]) \t\u3000x", max_size=16)
# The heading patterns as regexes, cubic on a long blank run inside the line.
OLD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
OLD_BOLD_SECTION = re.compile(r"^\*\*\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(.+?)\s*\*\*\s*$")


def groups(found, count: int) -> tuple[str, ...] | None:
    """A match's first `count` groups, or None."""
    return tuple(found.group(index) for index in range(1, count + 1)) if found else None


@given(st.text(alphabet="#a \t\n\u3000x", max_size=14))
def test_heading_reads_as_before(text: str) -> None:
    """The linear heading reader finds the hashes and text the regex found."""
    assert groups(markers.HEADING.match(text), 2) == groups(OLD_HEADING.match(text), 2)


@given(st.sampled_from(["**一、", "** 二 .", "**十．", "**一", "a"]), st.text(alphabet="*a \t\n\u3000", max_size=12))
def test_bold_section_reads_as_before(opening: str, text: str) -> None:
    """The linear bold-section reader finds the name the regex found."""
    line = opening + text
    assert groups(markers.BOLD_SECTION.match(line), 1) == groups(OLD_BOLD_SECTION.match(line), 1)


def test_heading_markers_on_long_blank_runs() -> None:
    """A heading or bold section line with a 200,000-character blank run and no end: a generous guard."""
    code = ("from qbank.source import markers\n"
            "blank = ' ' * 200_000\n"
            "assert markers.HEADING.match('# a' + blank + 'x').group(2).endswith('x')\n"
            "assert markers.BOLD_SECTION.match('**一、a' + blank + 'x') is None\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


@given(SMALL_TEXT)
def test_glued_heading_reads_as_before(text: str) -> None:
    """The linear search finds exactly what the old anchored pattern found."""
    old = QUADRATIC.match(text)
    assert glued_heading(text) == ((old["before"], old["heading"]) if old else None)


def old_strip_markup(text: str) -> str:
    """`strip_markup` as it was: a slice per pair of `**`, quadratic on a long run of `*`."""
    text = re.sub(r"^#{1,6}\s+", "", text.strip()).strip()
    while text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    if text.startswith("**") and text.count("**") == 2:
        text = text.replace("**", "", 2).strip()
    if text.startswith("《") and text.endswith("》"):
        text = text[1:-1].strip()
    return text


@given(st.text(alphabet="*# a\t《》", max_size=14))
def test_strip_markup_reads_as_before(text: str) -> None:
    """Peeling bold marks by index gives what slicing gave."""
    assert parse.strip_markup(text) == old_strip_markup(text)
