"""The question container extension (golden Markdown → HTML) and the parser that finds containers."""

from __future__ import annotations

import markdown
import pytest

from conftest import ROOT
from qbank.site.html_questions import question_spans, title_end

FIXTURES = ROOT / "tests/fixtures/question_container"
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences",
              "qbank.site.question_container"]


def render(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(source)


@pytest.mark.parametrize("name", ["article", "entries"])
def test_golden_markdown_to_html(golden, name: str) -> None:
    golden(render((FIXTURES / f"{name}.md").read_text(encoding="utf-8")), FIXTURES / f"{name}.html")


def test_every_question_is_wrapped_once_with_its_parts() -> None:
    html = render((FIXTURES / "article.md").read_text(encoding="utf-8"))
    spans = question_spans(html)
    assert [span.anchor for span in spans] == ["i01", "c01", "i02"]
    first, second, third = spans
    assert html[first.start:first.end].count("<section") == 1
    assert "请说明常用方法" in html[first.prompt[0]:first.prompt[1]] and "想想正则化" in html[first.prompt[0]:first.prompt[1]]
    assert html[first.answer[0]:first.answer[1]].startswith('<details class="answer"')
    assert html[first.answer[0]:first.answer[1]].endswith("</details>")
    assert first.slot[1] <= first.answer[0]  # the links go between prompt and answer
    # An answer holding its own <details> and <div>s is cut at its own end, not at the inner one.
    answer = html[second.answer[0]:second.answer[1]]
    assert "嵌套" in answer and answer.count("<details") == answer.count("</details>") == 2
    assert second.prompt is None
    assert third.answer is None and third.slot is not None
    # Prose between questions stays outside every container.
    assert all(not (span.start < html.index("收尾的话") < span.end) for span in spans)


def test_heading_data_describes_the_container() -> None:
    html = render((FIXTURES / "entries.md").read_text(encoding="utf-8"))
    (span,) = question_spans(html)
    opening = html[span.start:html.index(">", span.start)]
    assert 'data-cluster="a-i01"' in opening and 'data-kind="interview"' in opening
    # A gathering page's entry: where it is asked stays out of the prompt; no links slot.
    assert "qbank-places" not in html[span.prompt[0]:span.prompt[1]]
    assert span.slot is None
    # The answer placeholder (filled with the article's <details> later) is not part of the prompt.
    assert 'data-part="prompt"' in html[span.prompt[0]:span.prompt[1]]
    assert 'data-part="answer"' not in html[span.prompt[0]:span.prompt[1]]
    assert 'data-part="answer"' in html[span.start:span.end]


def test_pages_without_questions_are_unchanged() -> None:
    source = "# 标题\n\n## 小节\n\n正文。\n"
    assert render(source) == markdown.Markdown(extensions=EXTENSIONS[:-1]).convert(source)


def test_title_end_is_after_the_first_h1_only() -> None:
    html = '<h1 id="t">标题<a class="headerlink" href="#t">&para;</a></h1>\n<p>正文</p><h1>第二个</h1>'
    assert html[:title_end(html)].endswith("</h1>") and "正文" not in html[:title_end(html)]
    assert title_end("<p>没有标题</p>") is None
    # The string "</h1>" before the title, in a comment, does not end it.
    commented = '<!-- 例如 </h1> --><h1 id="t">标题</h1><p>正文</p>'
    assert commented[:title_end(commented)].endswith("标题</h1>")


def test_tags_inside_code_are_not_read_as_structure() -> None:
    # Highlighted code is read as raw text, so even a stray "</details>" inside it can't close the answer.
    source = ("### 1. 问题？\n\n<details class=\"answer\"><summary>答案</summary>\n\n"
              "<pre><code>&lt;b&gt;x</code></details></pre>\n\n之后\n\n</details>\n")
    html = '<section class="qbank-q" data-question="i01"><h3>问题</h3>' + source.split("\n\n", 1)[1] + "</section>"
    (span,) = question_spans(html)
    assert html[span.answer[0]:span.answer[1]].rstrip().endswith("之后\n\n</details>")


def test_comments_attributes_and_code_that_look_like_containers_are_not_read_as_them() -> None:
    html = ('<!-- <section class="qbank-q" data-question="old"> -->'
            '<pre><code>&lt;p&gt;</code><section class="qbank-q" data-question="code"></pre>'
            '<section title="a > b" class="x qbank-q" data-question="i&#48;1">'
            '<div data-note=\'</div>\' class="qbank-prompt"><p>问？<br>再问</p><img src="x.png"/></div>'
            '<details class="answer"><summary>答案</summary><div><p>答</div></details>'
            '</section><p>之后</p>')
    (span,) = question_spans(html)
    assert span.anchor == "i01"  # entities in attribute values are decoded
    assert html[span.start:span.end].startswith('<section title="a > b"') and html[span.end:] == "<p>之后</p>"
    assert html[span.prompt[0]:span.prompt[1]] == '<p>问？<br>再问</p><img src="x.png"/>'
    assert html[span.answer[0]:span.answer[1]].endswith("<p>答</div></details>")  # an unclosed <p> is left behind
