"""Mutated articles: ingest writes valid pages or fails with a clear error, never a traceback."""

from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SOURCES
from qbank.bank.load import load_bank
from qbank.bank.page import read_page, render_page
from qbank.cli import main

ARTICLES = [path.read_text(encoding="utf-8").split("\n") for path in SOURCES]
SNIPPETS = [
    "", "```", "```python", "<|user|>", "<|im_sep|>### 9. 新问题？", "**答案：**", "**题目：** 什么？", "#### 3. 重复？",
    "**1. 面试题：** 什么是 Dropout？", "- **答案：** 正则化。", "##### 面试题 2：怎样？", "<script>alert(1)</script>",
    "    缩进的文字", "* 列表项", "1. **粗体条目**", "---", "**总结：**", "\t", "# 标题", "答案：裸标签",
]

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(st.just("insert"), st.integers(0, 10_000), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("noise"), st.integers(0, 10_000), st.text(max_size=30)),
    st.tuples(st.just("truncate"), st.integers(0, 10_000)),
)


def mutate(lines: list[str], steps: list[tuple]) -> list[str]:
    """Apply edit steps to a copy of an article's lines."""
    lines = list(lines)
    for step in steps:
        if not lines:
            break
        at = step[1] % len(lines)
        if step[0] == "delete":
            del lines[at]
        elif step[0] == "duplicate":
            lines.insert(at, lines[at])
        elif step[0] == "swap":
            other = step[2] % len(lines)
            lines[at], lines[other] = lines[other], lines[at]
        elif step[0] in ("insert", "noise"):
            lines.insert(at, step[2])
        elif step[0] == "truncate":
            lines = lines[: at + 1]
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=st.sampled_from(range(len(ARTICLES))), steps=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_article_gives_pages_or_a_clear_error(article: int, steps: list[tuple]) -> None:
    text = "\n".join(mutate(ARTICLES[article], steps))
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "article.txt"
        source.write_bytes(text.encode("utf-8", errors="replace"))  # noise may hold lone surrogates
        docs = Path(scratch) / "docs"
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = main(["ingest", str(source), "--docs", str(docs)])
        if status == 0:
            for article_page in load_bank(docs):
                page_path = docs / "articles" / f"{article_page.slug}.md"
                page_text = page_path.read_text(encoding="utf-8")
                assert render_page(read_page(page_text, str(page_path))) == page_text
                assert all(q.answer_markdown() for q in article_page.zh.questions)
        else:
            assert status == 1
            assert re.search(rf"error: {re.escape(str(source))}:\d+: \S", err.getvalue()), err.getvalue()
            assert not docs.exists()
