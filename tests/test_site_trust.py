"""The built site holds no live markup but the theme's own: no handlers, foreign scripts, frames or script URLs."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

from qbank.source.safe_links import is_unsafe_url

FRAMES = {"iframe", "object", "embed", "form", "frame", "frameset"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}
# Script files the theme loads: Material's bundle and worker, qbank's modules (FSRS bundled in) and search worker.
THEME_SCRIPTS = ("assets/javascripts/", "assets/vendor/", "assets/qbank/")
# Where a page's Markdown content is rendered; everything outside it is the theme's (trusted) markup.
CONTENT = "md-content__inner"


class _LiveMarkup(HTMLParser):
    """Collect every live-markup hit of a page, naming the line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hits: list[str] = []
        self.stack: list[bool] = []  # per open element: whether it is inside the content area

    @property
    def in_content(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        content = self.in_content or CONTENT in (values.get("class") or "").split()
        where = f"line {self.getpos()[0]}: <{tag}>"
        for name, value in attrs:
            if name.startswith("on"):
                self.hits.append(f"{where} has the handler {name}")
            if name in URL_ATTRIBUTES and value and is_unsafe_url(value):
                self.hits.append(f"{where} has the script URL {name}={value[:60]!r}")
        if tag in FRAMES and content:  # Material's header has its own search and palette forms
            self.hits.append(f"{where} is a frame, plugin or form in the page content")
        if tag == "script":
            source = values.get("src") or ""
            if content:
                self.hits.append(f"{where} is a script in the page content")
            elif source and not any(part in source for part in THEME_SCRIPTS):
                self.hits.append(f"{where} loads a script the theme does not ship: {source!r}")
        if tag not in {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                       "wbr"}:
            self.stack.append(content)

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()


def live_markup(html: str) -> list[str]:
    """The live markup of one built page outside the theme's own."""
    scanner = _LiveMarkup()
    scanner.feed(html)
    return scanner.hits


def test_no_page_of_the_built_site_holds_live_markup(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert pages
    hits = [f"{page.relative_to(site)} {hit}" for page in pages for hit in live_markup(page.read_text(encoding="utf-8"))]
    assert not hits, "\n".join(hits[:40])


def test_the_scanner_sees_live_markup_in_content() -> None:
    page = ('<html><head><script src="assets/javascripts/bundle.js"></script></head><body>'
            '<article class="md-content__inner md-typeset"><p onclick="x">a</p><script>alert(1)</script>'
            '<a href="JaVa&#x53;cript:alert(1)">b</a><iframe src="x"></iframe></article></body></html>')
    hits = live_markup(page)
    assert len(hits) == 4, hits
    assert not live_markup('<html><head><script>var theme = 1;</script></head><body></body></html>')


HOSTILE_ARTICLE = """### AI 大模型创业：敌意测试 { onclick="alert(1)" }

## 背景 { onmouseover="alert(1)" }

<script>alert(1)</script>

<div markdown="1" onclick="alert(1)">**粗**</div>

- 一项 { onclick="alert(1)" }
- ![图](https://example.org/a.png){: onerror="alert(1)" } <img src=x onerror=alert(1)> <iframe src="x"></iframe>
- [点我](JaVaScRiPt:alert(1)) [图](data:text/html,x) &#60;script&#62; <form action="/x"></form>

#### 1. 什么是甲 { onclick="alert(1)" }

**题目：** 甲是什么？<style>body{display:none}</style>

**答案：** *甲*{: onclick="alert(1)" } `<b onclick="x">`

#### 2. 什么是乙？

**题目：** 乙是什么？

**答案：** 乙。
"""


def test_a_built_hostile_article_holds_no_live_markup(tmp_path: Path) -> None:
    from banks import build_site, new_project, qbank

    project = new_project(tmp_path / "project")
    source = project / "sources/hostile.txt"
    source.parent.mkdir()
    source.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    ingested = qbank(project, "ingest", "sources/hostile.txt")
    assert ingested.returncode == 0, ingested.stderr
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    pages = sorted((tmp_path / "site").rglob("*.html"))
    hits = [f"{path.relative_to(tmp_path / 'site')} {hit}" for path in pages
            for hit in live_markup(path.read_text(encoding="utf-8"))]
    assert not hits, "\n".join(hits[:40])
    article = next(text for path in pages if "/articles/" in path.as_posix() and "<h1" in (
        text := path.read_text(encoding="utf-8")) and "敌意测试" in text.split("<h1", 1)[1][:400])
    # What the author wrote is on the page, as text.
    visible = html.unescape(re.sub(r"<[^>]+>", "", article))
    for shown in ('{ onclick="alert(1)" }', "<script>alert(1)</script>", "&#60;script&#62;", "[点我](JaVaScRiPt:"):
        assert shown in visible, shown
