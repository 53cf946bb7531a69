"""The trust boundary: hostile article, catalogue and taxonomy text is shown as text or refused, never run.

Cases live in tests/hostile/ by channel. Accepted input is rendered with the site's Markdown extensions and
must hold no live markup and show what was written; refused input names its file (and line) and leaves
docs/ byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import polib
import pytest
import yaml
from lxml import etree

from conftest import ROOT
from qbank.bank.live_markup import live_markup_problems
from qbank.bank.page import read_page, render_page, split_page
from qbank.check import check_docs
from qbank.cli import main
from qbank.source.safe_links import is_unsafe_url
from qbank.study.deck import faces

HOSTILE = ROOT / "tests/hostile"
SOURCE_CASES = yaml.safe_load((HOSTILE / "source.yml").read_text(encoding="utf-8"))
# Nesting far past what Python-Markdown can recurse through (it fails near 200 levels), made here: each
# would take the whole build down if it reached the page as nesting.
SOURCE_CASES |= {
    "list_nested_2000_deep": {"where": "prose", "text": "- " * 2000 + "项", "shows": "- - - - 项"},
    "ordered_list_nested_1000_deep": {"where": "answer", "text": "1. " * 1000 + "项", "shows": "1. 1. 项"},
    "quote_nested_3000_deep": {"where": "prose", "text": "> " * 3000 + "引", "shows": "> > 引"},
    "list_indented_300_levels": {"where": "answer", "text": "\n".join(" " * (4 * level) + "- 层"
                                                                      for level in range(300)), "shows": "- 层"},
}
CATALOGUE_CASES = yaml.safe_load((HOSTILE / "catalogue.yml").read_text(encoding="utf-8"))
LIVE_TAGS = {"script", "iframe", "object", "embed", "style", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster"}
TRANSLATED = sorted(path.name.removesuffix(".en.md") for path in (ROOT / "docs/articles").glob("*.en.md"))


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's `!!python/name:` tags, resolved (our own config: trusted)."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    module, _, name = suffix.rpartition(".")
    return getattr(__import__(module, fromlist=[name]), name)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends: not Markdown
_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
EXTENSIONS = [next(iter(item)) if isinstance(item, dict) else item for item in _CONFIG["markdown_extensions"]]
EXTENSION_CONFIGS = {name: config for item in _CONFIG["markdown_extensions"] if isinstance(item, dict)
                     for name, config in item.items()}


def render(page_text: str) -> str:
    """A canonical page's body as the site's Markdown renders it."""
    body = page_text.split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


class _Scan(HTMLParser):
    """Live markup in rendered HTML, the page's visible text and its code text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hits: list[str] = []
        self.text: list[str] = []
        self.code: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LIVE_TAGS:
            self.hits.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.hits.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value and is_unsafe_url(value):
                self.hits.append(f"<{tag} {name}={value}>")
        self.depth += tag == "code"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "code"

    def handle_data(self, data: str) -> None:
        (self.code if self.depth else self.text).append(data)


def scan(html: str) -> _Scan:
    """Parse rendered HTML."""
    scanner = _Scan()
    scanner.feed(html)
    return scanner


def assert_inert_and_faithful(page_text: str, case: dict) -> None:
    """No live markup in the rendered page; what was written is visible (or code)."""
    scanned = scan(render(page_text))
    assert not scanned.hits, scanned.hits
    if "shows" in case:
        assert case["shows"] in "".join(scanned.text), "".join(scanned.text)
    if "code" in case:
        assert case["code"] in "".join(scanned.code), "".join(scanned.code)


def docs_hash(docs: Path) -> str:
    """One hash over every file under docs/, to prove nothing was written."""
    digest = hashlib.sha256()
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(docs)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# -- source articles -------------------------------------------------------------------------------------------


def source_article(case: dict) -> str:
    """A small article with the payload where the case puts it."""
    parts = {"title": "", "prose": "正文。", "question_title": "", "answer": "甲。"}
    key = case["where"]
    parts[key] = parts[key] + case["text"] if key in ("title", "question_title") else case["text"]
    return (f"### AI 大模型创业：测试{parts['title']}\n\n{parts['prose']}\n\n"
            f"#### 1. 什么是甲{parts['question_title']}\n\n**题目：** 甲是什么？\n\n**答案：**\n\n{parts['answer']}\n\n"
            "#### 2. 什么是乙？\n\n**题目：** 乙是什么？\n\n**答案：** 乙。\n")


@pytest.mark.parametrize("name", SOURCE_CASES)
def test_hostile_source_is_ingested_as_inert_faithful_text(name: str, tmp_path: Path) -> None:
    case = SOURCE_CASES[name]
    source = tmp_path / f"{name}.txt"
    source.write_text(source_article(case), encoding="utf-8")
    docs = tmp_path / "docs"
    assert main(["ingest", str(source), "--docs", str(docs)]) == 0
    page_path = next((docs / "articles").glob("*.md"))
    page = page_path.read_text(encoding="utf-8")
    article = read_page(page, str(page_path))
    assert render_page(article) == page  # the escaping round-trips
    assert [question.anchor for question in article.questions] == ["i01", "i02"]  # no injected question
    assert live_markup_problems(docs) == []
    assert_inert_and_faithful(page, case)
    # The Anki deck converts the same text on its own: inert there too, and never a converter's recursion.
    for question in article.questions:
        card = faces(question, "zh")
        assert not scan("".join([card.title, card.prompt, card.hints, card.answer,
                                 *(part.html for part in card.parts)])).hits


# -- catalogues ------------------------------------------------------------------------------------------------


def docs_copy(tmp_path: Path) -> Path:
    """A copy of the shipped docs/ to import into."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    return docs


def export(docs: Path, slug: str, out: Path, output_format: str) -> Path:
    """Export one article's catalogue; its path."""
    assert main(["l10n", "export", slug, "--docs", str(docs), "--format", output_format, "-o", str(out)]) == 0
    return out / f"{slug}.{'po' if output_format == 'po' else 'xlf'}"


def unit_context(contexts: list[str], unit: str) -> str:
    """The id of the first unit of a kind: the title, a question's title, an answer line."""
    if unit == "title":
        return "title"
    suffix = "/title" if unit == "question_title" else "/answer/1"
    return next(context for context in contexts if context.endswith(suffix) and context != "title")


def set_target(path: Path, unit: str, text: str) -> None:
    """Put a translation into a PO msgstr or an XLIFF <target> (as XML text)."""
    if path.suffix == ".po":
        po = polib.pofile(str(path), wrapwidth=0)
        context = unit_context([entry.msgctxt for entry in po], unit)
        po.find(context, by="msgctxt").msgstr = text
        po.save(str(path))
        return
    tree = etree.parse(str(path))
    units = {element.get("id"): element for element in tree.iter("{*}trans-unit")}
    target = next(child for child in units[unit_context(list(units), unit)] if child.tag.endswith("}target"))
    target.text = text
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("output_format", ["po", "xliff"])
@pytest.mark.parametrize("name", CATALOGUE_CASES)
def test_hostile_translation_is_imported_as_inert_faithful_text(name: str, output_format: str, tmp_path: Path) -> None:
    case = CATALOGUE_CASES[name]
    docs = docs_copy(tmp_path)
    slug = TRANSLATED[0]
    path = export(docs, slug, tmp_path / "l10n", output_format)
    set_target(path, case["unit"], case["text"])
    assert main(["l10n", "import", "--docs", str(docs), str(path)]) == 0
    page_path = docs / f"articles/{slug}.en.md"
    page = page_path.read_text(encoding="utf-8")
    english = read_page(page, str(page_path))
    assert [q.anchor for q in english.questions] == [q.anchor for q in read_page(
        (docs / f"articles/{slug}.md").read_text(encoding="utf-8"), slug).questions]
    assert live_markup_problems(docs) == []
    assert_inert_and_faithful(page, case)
    # Exported and imported again, the page is the same bytes: the escaping is canonical.
    again = export(docs, slug, tmp_path / "again", output_format)
    assert main(["l10n", "import", "--docs", str(docs), str(again)]) == 0
    assert page_path.read_text(encoding="utf-8") == page


def _po_other_article(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    po.metadata["X-Qbank-Article"] = TRANSLATED[1]
    po.save(str(path))


def _po_unknown_id(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    po[3].msgctxt = "i99/answer/1"
    po.save(str(path))


def _po_duplicate_id(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    po[4].msgctxt = po[3].msgctxt
    po.save(str(path))


def _po_wrong_encoding(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


def _po_plural_forms(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=0)
    entry = po[3]
    entry.msgid_plural, entry.msgstr_plural, entry.msgstr = entry.msgid + "s", {0: "one", 1: "many"}, ""
    po.save(str(path))


def _xliff_billion_laughs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    entities = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {chr(98 + level)} "{("&" + chr(97 + level) + ";") * 10}">' for level in range(8))
    doctype = f"<!DOCTYPE xliff [{entities}]>\n"
    text = text.replace("<xliff ", doctype + "<xliff ", 1)
    path.write_text(text.replace("</target>", "&i;</target>", 1), encoding="utf-8")


def _xliff_external_entity(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff ', 1)
    path.write_text(text.replace("</target>", "&x;</target>", 1), encoding="utf-8")


def _xliff_raw_element(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</target>", "<script>alert(1)</script></target>", 1), encoding="utf-8")


REFUSED_CATALOGUES = {
    "another_article": ("po", _po_other_article),
    "unknown_id": ("po", _po_unknown_id),
    "duplicate_id": ("po", _po_duplicate_id),
    "wrong_encoding": ("po", _po_wrong_encoding),
    "plural_forms": ("po", _po_plural_forms),
    "billion_laughs": ("xliff", _xliff_billion_laughs),
    "external_entity": ("xliff", _xliff_external_entity),
}


@pytest.mark.parametrize("name", REFUSED_CATALOGUES)
def test_a_hostile_catalogue_is_refused_naming_it_and_nothing_is_written(name: str, tmp_path: Path, capsys) -> None:
    output_format, spoil = REFUSED_CATALOGUES[name]
    docs = docs_copy(tmp_path)
    path = export(docs, TRANSLATED[0], tmp_path / "l10n", output_format)
    spoil(path)
    before = docs_hash(docs)
    capsys.readouterr()
    assert main(["l10n", "import", "--docs", str(docs), str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}" in err and "Traceback" not in err, err
    assert "root:" not in err  # no file's contents leaked into a message
    assert docs_hash(docs) == before


def test_a_raw_element_in_an_xliff_target_never_reaches_the_page_live(tmp_path: Path, capsys) -> None:
    docs = docs_copy(tmp_path)
    slug = TRANSLATED[0]
    path = export(docs, slug, tmp_path / "l10n", "xliff")
    _xliff_raw_element(path)
    before = docs_hash(docs)
    if main(["l10n", "import", "--docs", str(docs), str(path)]) == 1:
        assert f"{path}" in capsys.readouterr().err and docs_hash(docs) == before
        return
    page = (docs / f"articles/{slug}.en.md").read_text(encoding="utf-8")
    assert live_markup_problems(docs) == []
    assert_inert_and_faithful(page, {})


# -- taxonomy --------------------------------------------------------------------------------------------------

TAXONOMY = sorted(HOSTILE.glob("taxonomy/*.yml"))


@pytest.mark.parametrize("path", TAXONOMY, ids=lambda path: path.stem)
def test_a_broken_taxonomy_is_refused_naming_the_file(path: Path, tmp_path: Path, capsys) -> None:
    docs = docs_copy(tmp_path)
    target = docs / "taxonomy" / ("topics.yml" if path.stem.startswith("topics") else "duplicates.yml")
    shutil.copy(path, target)
    before = docs_hash(docs)
    capsys.readouterr()
    assert main(["check", "--docs", str(docs)]) == 1
    err = capsys.readouterr().err
    assert f"{target}:" in err and "hint:" in err and "Traceback" not in err, err
    assert docs_hash(docs) == before


# -- qbank check: live markup planted in a page ---------------------------------------------------------------

PLANTED = {
    "script_tag": "<script>alert(1)</script>",
    "uppercase_iframe": '<IFRAME src="https://evil.example"></IFRAME>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "style": "<style>body{display:none}</style>",
    "form": '<form action="/x"><input></form>',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "svg_onload": "<svg/onload=alert(1)>",
    "paragraph_attribute_list": 'Text.\n{: onclick="alert(1)" }',
    "heading_attribute_list": '## Section { .x }',
    "image_attribute_list": '![x](a.png){: onerror="alert(1)" }',
    "javascript_link": "[x](javascript:alert(1))",
    "mixed_case_link": "[x](JaVaScRiPt:alert(1))",
    "tab_in_scheme": "[x](java\tscript:alert(1))",
    "entity_in_scheme": "[x](javascript&#58;alert(1))",
    "vbscript_reference": "[r]: vbscript:msgbox(1)",
    "data_image": "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "raw_anchor_href": '<a href=" javascript:alert(1)">x</a>',
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PLANTED)
def test_check_refuses_live_markup_planted_in_a_page(name: str, lang: str, tmp_path: Path) -> None:
    docs = docs_copy(tmp_path)
    page_path = docs / f"articles/{TRANSLATED[0]}{'.en' if lang == 'en' else ''}.md"
    text = page_path.read_text(encoding="utf-8")
    page = split_page(text, str(page_path))
    # After the title line: the first line of prose.
    title_line = page.body_line
    lines = text.split("\n")
    lines[title_line:title_line] = ["", *PLANTED[name].split("\n")]
    page_path.write_text("\n".join(lines), encoding="utf-8")
    planted_line = title_line + 1 + len(PLANTED[name].split("\n"))
    problems, _ = check_docs(docs)
    named = [problem for problem in problems if problem.startswith(f"{page_path}:")]
    assert named and "live markup" in named[0] and "hint:" in named[0], problems
    assert any(problem.startswith(f"{page_path}:{planted_line}:") for problem in named), named


def test_check_refuses_a_handler_in_a_question_heading_list(tmp_path: Path) -> None:
    docs = docs_copy(tmp_path)
    page_path = docs / f"articles/{TRANSLATED[0]}.md"
    text = page_path.read_text(encoding="utf-8")
    page_path.write_text(text.replace(".qbank-question data-kind=", '.qbank-question onclick="alert(1)" data-kind=', 1),
                         encoding="utf-8")
    line = next(number for number, line in enumerate(page_path.read_text(encoding="utf-8").split("\n"), 1)
                if "onclick" in line)
    problems, _ = check_docs(docs)
    assert any(problem.startswith(f"{page_path}:{line}: live markup") for problem in problems), problems


@pytest.mark.parametrize("planted", ["- " * 300 + "项", "\n".join(" " * (4 * level) + "- 层" for level in range(100))],
                         ids=["markers", "indentation"])
def test_check_refuses_nesting_markdown_cannot_build(planted: str, tmp_path: Path) -> None:
    """A hand edit nesting past what Markdown recurses through would take the build down: named, not built."""
    docs = docs_copy(tmp_path)
    page_path = docs / f"articles/{TRANSLATED[0]}.md"
    lines = page_path.read_text(encoding="utf-8").split("\n")
    line = split_page("\n".join(lines), str(page_path)).body_line + 1
    lines[line - 1:line - 1] = [*planted.split("\n"), ""]
    page_path.write_text("\n".join(lines), encoding="utf-8")
    problems, _ = check_docs(docs)
    deep = [problem for problem in problems if "nested deeper than" in problem]
    assert deep and deep[0].startswith(f"{page_path}:") and "hint:" in deep[0], problems


def test_the_shipped_pages_hold_no_live_markup() -> None:
    assert live_markup_problems(ROOT / "docs") == []


def test_qbank_check_exits_1_naming_the_planted_line(tmp_path: Path, capsys) -> None:
    docs = docs_copy(tmp_path)
    page_path = docs / f"articles/{TRANSLATED[0]}.en.md"
    lines = page_path.read_text(encoding="utf-8").split("\n")
    line = split_page("\n".join(lines), str(page_path)).body_line + 1
    lines[line - 1:line - 1] = ["<script>alert(1)</script>", ""]
    page_path.write_text("\n".join(lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--docs", str(docs)]) == 1
    captured = capsys.readouterr()
    assert f"{page_path}:{line}: live markup: a raw <script> tag" in captured.out + captured.err
