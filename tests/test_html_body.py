"""Gathering pages written straight to HTML: the head/body split, their headings and titles, and the
structure every later step reads (question containers) on the real bank's generated pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import markdown
import pytest

from conftest import ROOT
from qbank.graph.build import load_graph
from qbank.site.html_body import BODY_MARKER, body_headings, nest_under, split_body, with_body
from qbank.site.html_questions import placeholder_spans, question_spans
from qbank.site.inline import InlineMarkdown
from qbank.site.layout import layout
from qbank.site.pages.common import BodyStyle
from qbank.site.pages.generate import generated_pages
from qbank.site.paging import PageBudget
from qbank.site.render import Fragments
from qbank.source.escape import escape_html

# Inline syntax the site's Markdown has (mkdocs.yml); the block-level ones change nothing inside a heading.
EXTENSIONS = ["abbr", "attr_list", "md_in_html", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite"]
TITLES = [
    "如何处理大模型训练中的数据不平衡问题？", "a < b 时如何比较？", "用 `torch.compile` 加速推理", "`x<y` 与 `a&b`",
    "*强调* 与 **加粗**", "R&D 与 &amp; 符号", "snake_case_name 的含义", "[链接](http://example.com) 在标题里",
    "1. 这不是列表", "- 这也不是", "> 不是引用", r"转义 \* 星号", "100% 的把握？", "#!python print(1) 是什么",
    "`#!python print(1)` 行内高亮",
]


@pytest.mark.parametrize("title", TITLES)
def test_titles_render_as_in_an_article_heading(title: str) -> None:
    """A title on a gathering page is the inner HTML its heading has on the article page."""
    heading = markdown.Markdown(extensions=EXTENSIONS).convert(f"### {escape_html(title)}")
    inner = re.fullmatch(r"<h3>(.*)</h3>", heading, re.S)
    assert inner, heading
    assert InlineMarkdown(EXTENSIONS)(title) == inner[1]


def test_head_and_body_split_back() -> None:
    page = with_body("# 标题\n\n引言。\n", "<h2 id=\"a\">甲</h2>\n<p>正文</p>\n")
    assert BODY_MARKER in page
    head, body = split_body(page)
    assert head == "# 标题\n\n引言。\n" and body == "<h2 id=\"a\">甲</h2>\n<p>正文</p>\n"
    assert split_body("# 只有 Markdown\n") == ("# 只有 Markdown\n", "")


def test_body_headings_take_ids_and_leave_the_permalink_out() -> None:
    body = ('<h2 class="x" id="t-a">主题 <code>a&lt;b</code><a class="headerlink" href="#t-a" title="永久链接">&para;</a></h2>'
            '<h3 id="q-1">1. 问题</h3><h3>没有 id</h3>\n<h4\n id="q-2">跨行\n标题</h4>')
    assert [(h.level, h.anchor, h.title) for h in body_headings(body)] == [
        (2, "t-a", "主题 a&lt;b"), (3, "q-1", "1. 问题"), (4, "q-2", "跨行 标题")]


@dataclass
class Entry:
    level: int
    name: str
    children: list = field(default_factory=list)


def test_nest_under_follows_levels_below_the_last_entry() -> None:
    tree = [Entry(1, "title", [Entry(2, "intro")])]
    nest_under(tree, [Entry(2, "a"), Entry(3, "a1"), Entry(3, "a2"), Entry(2, "b"), Entry(1, "other")])
    shape = lambda items: [(item.name, shape(item.children)) for item in items]  # noqa: E731
    assert shape(tree) == [("title", [("intro", []), ("a", [("a1", []), ("a2", [])]), ("b", [])]), ("other", [])]
    empty: list[Entry] = []
    nest_under(empty, [Entry(2, "a"), Entry(3, "b")])
    assert shape(empty) == [("a", [("b", [])])]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The real bank's generated pages, split past a small budget so split pages are there too."""
    graph = load_graph(ROOT / "docs")
    plan = layout(graph, PageBudget(entries=5, weight=10**9))
    return generated_pages(graph, "zh", Fragments.from_dirs([ROOT / "overrides"]), plan,
                           BodyStyle(InlineMarkdown(EXTENSIONS)))


def test_entries_are_question_containers_with_their_parts(pages: dict[str, str]) -> None:
    """Each entry is one container: heading, where it is asked outside the prompt, placeholders, no links slot."""
    bodies = {path: split_body(page)[1] for path, page in pages.items() if path.endswith(".md")}
    with_entries = [path for path, body in bodies.items() if "qbank-entry" in body]
    assert any(path.startswith("topics/") for path in with_entries) and any(path.startswith("guide/") for path in with_entries)
    for path in with_entries:
        body = bodies[path]
        spans = question_spans(body)
        entries = [heading for heading in body_headings(body) if heading.anchor.startswith("q-")]
        assert [span.anchor for span in spans] == [heading.anchor for heading in entries], path
        for span in spans:
            prompt = body[span.prompt[0]:span.prompt[1]]
            assert 'data-part="prompt"' in prompt and "qbank-places" not in prompt, path
            assert span.slot is None
        parts = placeholder_spans(body)
        assert {part.part for part in parts} == ({"prompt"} if path.startswith("sheet/") else {"prompt", "answer"}), path


def test_heads_hold_no_entries(pages: dict[str, str]) -> None:
    """What Markdown renders is the short head: the entries are all in the HTML body."""
    for path, page in pages.items():
        if path.endswith(".md"):
            head, _ = split_body(page)
            assert "qbank-entry" not in head and "qbank-fragment" not in head, path
