"""Titles as an editor would write them: no glued heading, scaffolding, numbering, emphasis, label or trailing mark
in an article title or a question title, on every article we have and on hostile variants of them.

tests/golden/titles.yml lists every title as parsed (`pytest tests/test_titles.py --update` rewrites the entries
of the articles present; review the diff by eye: every title must read as an editor would write it).
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_linear import lines_run  # one measure of work for every linearity test

from banks import CORPUS, corpus_articles, is_essay
from conftest import ROOT, SOURCES
from qbank.errors import NoQuestions
from qbank.source import title as t
from qbank.source.clean import Line, glued_pieces, split_glued_headings
from qbank.source.parse import parse_source

GOLDEN = ROOT / "tests/golden/titles.yml"
HEADER = (
    "# Every article title and question title (by anchor) as parsed, for sources/ and the question articles of\n"
    "# ../shared/corpus/ (`corpus/<file>`). Rewritten by `pytest tests/test_titles.py --update`: review the diff.\n"
)
CORPUS_PREFIX = "corpus/"
NO_CORPUS = f"{CORPUS} is absent (a user's clone or a public CI): the development corpus entries cannot be checked"


# -- one step at a time ------------------------------------------------------------------------------------------

STEP_CASES: dict[Callable[[str], str], list[tuple[str, str]]] = {
    t.strip_links: [
        ("[如何评估模型？](https://example.com/q)", "如何评估模型？"),
        ("如何用 ![图](a.png) 评估", "如何用 图 评估"),
        ("如何评估模型？", "如何评估模型？"),
    ],
    t.strip_emphasis: [
        ("**如何评估模型？**", "如何评估模型？"),
        ("*如何评估模型？*", "如何评估模型？"),
        ("__如何评估模型？__", "如何评估模型？"),
        ("**如何评估模型？", "如何评估模型？"),
        ("如何评估模型？**", "如何评估模型？"),
        ("** **AI 大模型创业：如何利用人才优势？", "AI 大模型创业：如何利用人才优势？"),
        ("**问题1：** 如何评估模型？", "问题1：如何评估模型？"),
        # Emphasis of the title's own, and code, stay.
        ("实现 A* 搜索的最短路径**", "实现 A* 搜索的最短路径"),
        ("**如何**评估模型？", "**如何**评估模型？"),
        ("**如何**评估**模型**", "**如何**评估**模型**"),
        ("Python 中 *args 和 **kwargs 的区别？", "Python 中 *args 和 **kwargs 的区别？"),
        ("**kwargs 有什么用？", "**kwargs 有什么用？"),
        ("实现 A*", "实现 A*"),
        ("__init__", "__init__"),
        ("__init__ 方法有什么用？", "__init__ 方法有什么用？"),
        ("_private 变量有什么用？", "_private 变量有什么用？"),
        ("_*如何评估模型？*_", "如何评估模型？"),
    ],
    t.strip_book_marks: [
        ("《AI 大模型创业之路", "AI 大模型创业之路"),
        ("AI 大模型创业之路》", "AI 大模型创业之路"),
        ("《三体》中的 AI", "《三体》中的 AI"),
        ("《《", ""),
    ],
    t.strip_numbering: [
        ("1. 如何评估模型？", "如何评估模型？"),
        ("1、如何评估模型？", "如何评估模型？"),
        ("3) 如何评估模型？", "如何评估模型？"),
        ("（2）如何评估模型？", "如何评估模型？"),
        ("(一) 如何评估模型？", "如何评估模型？"),
        ("一、如何评估模型？", "如何评估模型？"),
        ("① 如何评估模型？", "如何评估模型？"),
        ("第3题：如何评估模型？", "如何评估模型？"),
        ("2.1. 如何评估模型？", "如何评估模型？"),
        ("1\\. 如何评估模型？", "如何评估模型？"),
        ("问题1：如何评估模型？", "如何评估模型？"),
        ("面试题 3: 如何评估模型？", "如何评估模型？"),
        ("Q1. 如何评估模型？", "如何评估模型？"),
        ("面试题：如何评估模型？", "如何评估模型？"),
        ("题目：如何评估模型？", "如何评估模型？"),
        ("算法编程题：实现快速排序", "实现快速排序"),
        ("1. 面试题 1：如何评估模型？", "如何评估模型？"),
        # Words that start with a number or a numeral are the title's own.
        ("5G 网络如何支撑大模型推理？", "5G 网络如何支撑大模型推理？"),
        ("2.5D 渲染如何加速？", "2.5D 渲染如何加速？"),
        ("1.5 倍学习率会怎样？", "1.5 倍学习率会怎样？"),
        ("2024 年大模型创业的机会？", "2024 年大模型创业的机会？"),
        ("一对一辅导如何定价？", "一对一辅导如何定价？"),
        ("第一性原理是什么？", "第一性原理是什么？"),
        ("Q3 季度营收如何预测？", "Q3 季度营收如何预测？"),
        ("问题定位有哪些方法？", "问题定位有哪些方法？"),
        ("问题1：", ""),
    ],
    t.strip_trailing_marks: [
        ("如何评估模型：", "如何评估模型"),
        ("如何评估模型？：", "如何评估模型？"),
        ("如何评估模型？:", "如何评估模型？"),
        ("如何评估模型？ ##", "如何评估模型？"),
        ("如何评估模型？###", "如何评估模型？"),
        ("如何评估模型？\\", "如何评估模型？"),
        ("C# 与 Java 的区别：C#", "C# 与 Java 的区别：C#"),
        ("：", ""),
    ],
}
STEP_PARAMS = [(step, text, expected) for step, cases in STEP_CASES.items() for text, expected in cases]


@pytest.mark.parametrize(("step", "text", "expected"), STEP_PARAMS,
                         ids=[f"{step.__name__}-{index}" for index, (step, _, _) in enumerate(STEP_PARAMS)])
def test_title_step(step: Callable[[str], str], text: str, expected: str) -> None:
    """Each step drops its kind of debris and keeps a title's own words; run again, it changes nothing."""
    assert step(text) == expected
    assert step(expected) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("**1、问题1：如何评估模型？：**", "如何评估模型？"),
    ("**标题：** **AI 大模型创业：如何利用文化优势？", "AI 大模型创业：如何利用文化优势？"),
    ("**面试题：** **如何评估模型？**", "如何评估模型？"),
    ("[**1. 如何评估模型？**](https://example.com) ##", "如何评估模型？"),
    ("__（2）如何评估模型？__：", "如何评估模型？"),
    ("《AI 大模型创业之路》", "《AI 大模型创业之路》"),  # strip_markup's part: whole 《》 pairs are the parser's
])
def test_clean_title_peels_every_layer(raw: str, expected: str) -> None:
    assert t.clean_title(raw) == expected


DEBRIS_TEXT = st.text(alphabet="*_#：:\\ 1、.（）)一问题Q[]()《》如何aA`", max_size=20)


@pytest.mark.parametrize("step", [*t.TITLE_STEPS, t.clean_title], ids=lambda step: step.__name__)
@given(text=DEBRIS_TEXT)
def test_title_steps_are_idempotent(step: Callable[[str], str], text: str) -> None:
    """Cleaning a clean title changes nothing, whatever mix of debris it was cleaned from."""
    once = step(text)
    assert step(once) == once


HOSTILE_TITLE = "**1、问题1：*_#：\\《[a](b) "


def test_clean_title_work_grows_linearly() -> None:
    """Four times the debris, at most about four times the work: no step re-reads the title per layer."""
    small = lines_run(t.clean_title, HOSTILE_TITLE * 200)
    large = lines_run(t.clean_title, HOSTILE_TITLE * 800)
    assert large <= 4.4 * small, f"200 copies: {small} lines run, 800 copies: {large}"


def test_title_and_glued_headings_on_huge_lines() -> None:
    """200,000-character titles and lines of debris and glued headings: a generous guard run apart, so a
    quadratic regression fails instead of hanging the suite."""
    code = ("from qbank.source.title import clean_title\n"
            "from qbank.source.clean import glued_pieces\n"
            f"clean_title({HOSTILE_TITLE!r} * 10000)\n"
            "clean_title('*' * 200000 + 'a')\n"
            "clean_title('1. ' * 70000)\n"
            "clean_title('标题：' * 70000 + 'x')\n"
            "assert len(glued_pieces('### a？' + '## b？' * 40000)) == 40001\n"
            "assert len(glued_pieces('a。' + '## b' * 40000)) > 1\n"
            "glued_pieces('### a' + '？ ' * 100000 + 'x')\n"
            "glued_pieces('a' + '##' * 100000)\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


# -- glued headings --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "pieces"), [
    # A heading glued after a heading's sentence end: the case that put scaffolding into a title.
    ("### AI 大模型创业：如何利用人才优势？#### 相关领域面试题和算法编程题库",
     ["### AI 大模型创业：如何利用人才优势？", "#### 相关领域面试题和算法编程题库"]),
    ("### 标题？ #### 甲？##### 乙", ["### 标题？", "#### 甲？", "##### 乙"]),
    # Two or more hashes stuck onto a heading's words, or after a blank: another heading.
    ("### AI 大模型创业：机遇与挑战并存#### 一、挑战", ["### AI 大模型创业：机遇与挑战并存", "#### 一、挑战"]),
    ("### AI 大模型创业：机遇与挑战并存 ## 一、挑战", ["### AI 大模型创业：机遇与挑战并存", "## 一、挑战"]),
    # Prose: after a sentence end, or hashes stuck onto a word.
    ("希望对大家有所帮助！### 6. 如何优化？", ["希望对大家有所帮助！", "### 6. 如何优化？"]),
    ("**AI 大模型创业：掌握渠道策略**#### 概述", ["**AI 大模型创业：掌握渠道策略**", "#### 概述"]),
    ("AI大模型创业攻略：深度解析渠道优势#### 相关领域面试题", ["AI大模型创业攻略：深度解析渠道优势", "#### 相关领域面试题"]),
    # Not glued headings: closing hashes, C#, a single `#` in a heading, Markdown named in prose or code.
    ("### 标题？ ###", ["### 标题？ ###"]),
    ("### C# 与 F# 有何不同？", ["### C# 与 F# 有何不同？"]),
    ("### 如何用 # 写注释？", ["### 如何用 # 写注释？"]),
    ("Markdown 用 ## 表示二级标题", ["Markdown 用 ## 表示二级标题"]),
    ("用 `a## b` 拼接", ["用 `a## b` 拼接"]),
    ("####### 七个井号不是标题", ["####### 七个井号不是标题"]),
])
def test_glued_pieces(line: str, pieces: list[str]) -> None:
    assert glued_pieces(line) == pieces


def test_split_glued_headings_reports_each_and_leaves_code() -> None:
    lines = [Line(1, "### 标题？#### 甲？##### 乙"), Line(2, "```"), Line(3, "x = 1。## 注释"), Line(4, "```")]
    out, report = split_glued_headings(lines, "a.md")
    assert [line.text for line in out] == ["### 标题？", "", "#### 甲？", "", "##### 乙", "```", "x = 1。## 注释", "```"]
    assert {line.number for line in out[:5]} == {1}
    assert [entry.action for entry in report] == ["split", "split"]


# -- whole articles --------------------------------------------------------------------------------------------

def label(path: Path) -> str:
    """The article's name in the golden list."""
    return CORPUS_PREFIX + path.name if path.parent == CORPUS else path.relative_to(ROOT).as_posix()


def listed_titles(path: Path) -> dict:
    """The article title and every question title by anchor, as parsed (`essay: true` for an essay)."""
    try:
        article = parse_source(path.read_bytes(), label(path)).article
    except NoQuestions:
        return {"essay": True}
    return {"title": article.title, "questions": {q.anchor: q.title for q in article.questions}}


def read_golden() -> dict:
    """The golden list (empty before the first `--update`)."""
    return (yaml.safe_load(GOLDEN.read_text(encoding="utf-8")) or {}) if GOLDEN.exists() else {}


def golden_articles() -> list[str]:
    """Every article the list covers or should: sources/, the corpus present, the corpus entries listed."""
    names = {label(path) for path in SOURCES}
    names |= {label(path) for path in corpus_articles()}
    names |= {name for name in read_golden() if name.startswith(CORPUS_PREFIX)}
    return sorted(names)


def article_path(name: str) -> Path:
    """The file a golden entry names."""
    return CORPUS / name.removeprefix(CORPUS_PREFIX) if name.startswith(CORPUS_PREFIX) else ROOT / name


def dump(entries: dict) -> str:
    """The golden list as written: articles in name order, questions in page order."""
    return HEADER + yaml.safe_dump(dict(sorted(entries.items())), allow_unicode=True, sort_keys=False, width=1000)


@pytest.mark.parametrize("name", golden_articles())
def test_titles_as_listed(name: str, request: pytest.FixtureRequest) -> None:
    path = article_path(name)
    if name.startswith(CORPUS_PREFIX) and not path.exists():
        pytest.skip(NO_CORPUS if not CORPUS.is_dir() else f"{path} is no longer in the corpus; remove its entry")
    actual = listed_titles(path)
    entries = read_golden()
    if request.config.getoption("--update"):
        entries[name] = actual
        GOLDEN.write_text(dump(entries), encoding="utf-8")
        return
    assert name in entries, f"{name} is not in {GOLDEN.name}; run `pytest tests/test_titles.py --update`, review it"
    if entries[name] != actual:
        diff = "".join(difflib.unified_diff(
            dump({name: entries[name]}).splitlines(keepends=True), dump({name: actual}).splitlines(keepends=True),
            fromfile=GOLDEN.name, tofile="parsed",
        ))
        pytest.fail(f"titles of {name} differ (run pytest --update to accept):\n{diff}")


def test_golden_lists_no_article_gone_from_sources() -> None:
    gone = [name for name in read_golden() if not name.startswith(CORPUS_PREFIX) and not (ROOT / name).exists()]
    assert not gone, f"{GOLDEN.name} lists articles no longer in sources/: {gone}; remove their entries"


# -- hostile variants of the real articles -------------------------------------------------------------------------

QUESTION_ARTICLES = [path for path in SOURCES if not is_essay(path)] + corpus_articles()


def on_title_line(text: str, change: Callable[[str], str]) -> str:
    """The source with the line that holds its article title changed."""
    title = parse_source(text.encode(), "a.md").article.title
    lines = text.split("\n")
    index = next(index for index, line in enumerate(lines) if title in line)
    lines[index] = change(lines[index].rstrip())
    return "\n".join(lines)


def in_title(text: str, change: Callable[[str], str]) -> str:
    """The source with its article title's words changed where they stand."""
    title = parse_source(text.encode(), "a.md").article.title
    return on_title_line(text, lambda line: line.replace(title, change(title), 1))


def in_questions(text: str, change: Callable[[str, int], str]) -> str:
    """The source with each question title changed on its opening line (given the title and its number)."""
    lines = text.split("\n")
    for question in parse_source(text.encode(), "a.md").article.questions:
        index = question.source_lines[0] - 1
        lines[index] = lines[index].replace(question.title, change(question.title, question.number or 1), 1)
    return "\n".join(lines)


VARIANTS: dict[str, Callable[[str], str]] = {
    "heading glued to the title line": lambda s: on_title_line(s, lambda line: line + "#### 相关领域面试题和算法编程题库"),
    "two headings glued to the title line": lambda s: on_title_line(s, lambda line: line + "#### 典型问题？##### 目录"),
    "title in bold": lambda s: in_title(s, lambda title: f"**{title}**"),
    "title bold left open": lambda s: in_title(s, lambda title: f"**{title}"),
    "title numbered": lambda s: in_title(s, lambda title: f"一、{title}"),
    "title with a colon": lambda s: in_title(s, lambda title: f"{title}："),
    "title with closing hashes": lambda s: in_title(s, lambda title: f"{title}###"),
    "title as a link": lambda s: in_title(s, lambda title: f"[{title}](https://example.com/a)"),
    "questions in bold": lambda s: in_questions(s, lambda title, n: f"**{title}**"),
    "questions in underscores": lambda s: in_questions(s, lambda title, n: f"__{title}__"),
    "questions in italics": lambda s: in_questions(s, lambda title, n: f"*{title}*"),
    "questions bold left open": lambda s: in_questions(s, lambda title, n: f"**{title}"),
    "questions bold left open at the end": lambda s: in_questions(s, lambda title, n: f"{title}**"),
    "questions numbered 1、": lambda s: in_questions(s, lambda title, n: f"{n}、{title}"),
    "questions numbered （2）": lambda s: in_questions(s, lambda title, n: f"（{n}）{title}"),
    "questions numbered 一、": lambda s: in_questions(s, lambda title, n: f"一、{title}"),
    "questions numbered 问题3：": lambda s: in_questions(s, lambda title, n: f"问题{n}：{title}"),
    "questions numbered 面试题 3:": lambda s: in_questions(s, lambda title, n: f"面试题 {n}: {title}"),
    "questions numbered Q1.": lambda s: in_questions(s, lambda title, n: f"Q{n}. {title}"),
    "questions labelled 题目：": lambda s: in_questions(s, lambda title, n: f"题目：{title}"),
    "questions labelled in bold": lambda s: in_questions(s, lambda title, n: f"**问题{n}：** {title}"),
    "questions with a colon": lambda s: in_questions(s, lambda title, n: f"{title}："),
    "questions with closing hashes": lambda s: in_questions(s, lambda title, n: f"{title} ##"),
    "questions with a backslash": lambda s: in_questions(s, lambda title, n: f"{title}\\"),
    "questions as links": lambda s: in_questions(s, lambda title, n: f"[{title}](https://example.com/q)"),
    "questions with every layer": lambda s: in_questions(s, lambda title, n: f"**{n}、问题{n}：{title}：**"),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("path", QUESTION_ARTICLES, ids=lambda path: path.stem)
def test_hostile_variant_titles_come_out_clean(path: Path, variant: str) -> None:
    """Debris added to a real article's titles is dropped again: the same titles, the same questions."""
    text = path.read_text(encoding="utf-8")
    expected = listed_titles(path)
    hostile = VARIANTS[variant](text)
    assert hostile != text
    actual = parse_source(hostile.encode(), "a.md").article
    assert actual.title == expected["title"]
    assert {q.anchor: q.title for q in actual.questions} == expected["questions"]


def test_every_listed_title_reads_clean() -> None:
    """No title in the golden list keeps the shape of debris at its ends (a check on the list, not the parser)."""
    debris = re.compile(r"^(?:[*_#\[（(]|\d+[.、)]|[一二三四五六七八九十]+、|(?:问题|面试题|题目)\s*\d*[:：])|[*_#:：\\]$")
    titles = [title for entry in read_golden().values() if not entry.get("essay")
              for title in [entry["title"], *entry["questions"].values()]]
    assert titles
    assert not [title for title in titles if debris.search(title)]
