"""The sanitiser (qbank.site.sanitise): what the site's Markdown makes passes unchanged, anything hostile goes."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest

from qbank.site.sanitise import sanitise
from qbank.source.slug import positional_anchor

# The site's Markdown extensions, as mkdocs.yml configures them.
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite", "qbank.source.safe_links",
              "qbank.site.question_container"]
CONFIGS = {"toc": {"permalink": True, "slugify": positional_anchor},
           "pymdownx.highlight": {"anchor_linenums": True},
           "qbank.site.question_container": {"answers_out_of_search_text": True}}

CONSTRUCTS = {
    "prose": "# Title\n\nA *word*, **strong**, `code`, [a link](https://example.com/ \"t\"), [local](../x/#i01)"
             " and ![img](pic.png \"t\").\n\n> quote\n\n---\n\nline  \nbreak",
    "lists": "1. one\n2. two\n\n- a\n- b\n\n3. three\n4. four",
    "table": "| L | C | R |\n|:--|:-:|--:|\n| 1 | 2 | 3 |",
    "abbr": "LLM here.\n\n*[LLM]: Large language model",
    "admonition": '!!! analysis "解析"\n\n    Some *text*.\n\n!!! note\n\n    A note.',
    "details": '??? answer "答案"\n\n    Hidden.\n\n???+ hint "提示"\n\n    Open.',
    "fence": "```python\nimport os\nprint(\"hi\", 1 + 2)  # c\n```",
    "fence_lines": "```python linenums=\"1\"\na = 1\nb = 2\n```",
    "inline": "Call `#!python len(x)` now.",
    "md_in_html": '<div markdown="1">\n*inside*\n</div>',
    "question": ('## 1. A question? { #i01 .qbank-question data-kind="interview" data-number="1" '
                 'data-lines="3-4" data-zh="问" }\n\nPrompt.\n\n??? answer "答案"\n\n    The answer.\n'),
    "unsafe_link": "[x](javascript:alert(1)) ![y](data:image/png;base64,AAAA)",
}


class Tokens(HTMLParser):
    """HTML as (start, tag, sorted attributes) / (end, tag) / (text, text) tokens: serialisation aside."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A style is written back without spaces or the last `;` (`text-align:left`): the same declaration.
        self.tokens.append(("start", tag, tuple(sorted(
            (name, (value or "").replace(" ", "").rstrip(";") if name == "style" else value or "")
            for name, value in attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))


def tokens(html: str) -> list[tuple]:
    """The tokens, without <tbody>: an HTML parser adds it to a table without one (the browser does too)."""
    parser = Tokens()
    parser.feed(html)
    parser.close()
    return [token for token in parser.tokens if token[:2] not in (("start", "tbody"), ("end", "tbody"))]


def site_html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS).convert(text)


@pytest.mark.parametrize("name", sorted(CONSTRUCTS))
def test_site_markdown_passes_unchanged(name: str) -> None:
    html = site_html(CONSTRUCTS[name])
    assert tokens(sanitise(html)) == tokens(html)


def test_table_alignment_is_kept() -> None:
    assert 'style="text-align:right"' in sanitise(site_html(CONSTRUCTS["table"]))


HOSTILE = {
    '<img src="x" onerror="alert(1)">': ["onerror"],
    '<p onclick="alert(1)" onmouseover="x()">t</p>': ["onclick", "onmouseover"],
    "<script>alert(1)</script>": ["<script", "alert"],
    '<iframe src="https://evil.example"></iframe>': ["<iframe", "evil"],
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>': ["srcdoc", "<iframe", "alert"],
    '<object data="x.swf"></object><embed src="x.swf">': ["<object", "<embed", "swf"],
    "<style>body{display:none}</style>": ["<style", "display"],
    '<p style="position:fixed;top:0">t</p>': ["style", "fixed"],
    '<form action="https://evil.example"><input name="q"><button>go</button></form>': ["<form", "<input",
                                                                                      "<button", "evil"],
    '<a href="javascript:alert(1)">x</a>': ["javascript"],
    '<a href=" JaVaScRiPt:alert(1)">x</a>': ["alert"],
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>': ["data:", "alert"],
    '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">': ["data:", "onload"],
    '<svg><script>alert(1)</script></svg>': ["<svg", "alert"],
    '<div class="md-header qbank-q">t</div>': ["md-header"],
    '<a href="x" target="_blank" rel="opener">x</a>': ["target", "opener"],
    '<meta http-equiv="refresh" content="0;url=https://evil.example">': ["<meta", "evil"],
    '<base href="https://evil.example/">': ["<base", "evil"],
}


@pytest.mark.parametrize("html", sorted(HOSTILE))
def test_hostile_html_is_removed(html: str) -> None:
    clean = sanitise(html).lower()
    for unsafe in HOSTILE[html]:
        assert unsafe.lower() not in clean, clean


def test_hostile_html_inside_site_markdown() -> None:
    text = CONSTRUCTS["question"] + '\n    <img src=x onerror="alert(1)"><script>alert(2)</script>\n'
    clean = sanitise(site_html(text))
    assert "onerror" not in clean and "<script" not in clean and 'class="qbank-q"' in clean
