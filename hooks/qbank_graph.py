"""MkDocs wiring for the question graph: topic and duplicate pages, links on questions, questions.json."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from qbank.bank import page_language
from qbank.deck import anki_package, csv_text
from qbank.errors import QbankError
from qbank.export import bank_text, load_graph
from qbank.fragments import Fragment, fill, question_fragments
from qbank.graph import QuestionGraph
from qbank.graph_pages import (
    DECK_NAMES,
    PDF_MANIFEST,
    annotate_article,
    empty_pdf_manifest,
    generated_pages,
    topic_page_path,
)
from qbank.render import Fragments
from qbank.site import build_language

log = logging.getLogger("mkdocs.plugins.qbank.graph")
_graph: QuestionGraph | None = None
_fragments_html: Fragments | None = None
# Rendered question HTML by article slug and anchor, for the language being built.
_fragments: dict[str, dict[str, Fragment]] = {}


def on_pre_build(config: MkDocsConfig) -> None:
    """Build the graph from the pages; unchanged pages come from the parse cache."""
    global _graph, _fragments_html
    _fragments.clear()
    # The theme's Jinja environment: a site's custom_dir can override any fragments/qbank/*.html.
    _fragments_html = Fragments(config.theme.get_env())
    try:
        _graph = load_graph(Path(config.docs_dir))
    except QbankError as error:
        raise PluginError(f"qbank: {error}") from None
    clusters = sum(1 for members in _graph.clusters().values() if len(members) > 1)
    log.info("question graph: %d questions, %d duplicate clusters", len(_graph.nodes), clusters)
    unsorted = sum(node.placed_by == "unsorted" for node in _graph.nodes.values())
    if unsorted:
        # Info, not a warning: an unsorted question is a normal state that must not fail --strict.
        log.info("%d question(s) in the Unsorted topic; `qbank check` lists them with page and line", unsorted)


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the topic index, topic pages, the duplicates overview and questions.json."""
    assert _graph is not None
    assert _fragments_html is not None
    for path, content in generated_pages(_graph, build_language(config), _fragments_html).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "questions.json", content=bank_text(_graph)))
    lang = build_language(config)
    files.append(File.generated(config, DECK_NAMES["anki"].format(lang=lang), content=anki_package(_graph, lang)))
    files.append(File.generated(config, DECK_NAMES["csv"].format(lang=lang), content=csv_text(_graph, lang)))
    i18n = config.plugins.get("i18n")
    if i18n is None or build_language(config) == i18n.default_language:
        # `qbank pdf` lists the PDFs here once printed; the study pages offer what it lists.
        files.append(File.generated(config, PDF_MANIFEST, content=empty_pdf_manifest()))
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """List topic pages in taxonomy order, after the topic index."""
    assert _graph is not None
    order = {topic_page_path(topic.id): rank for rank, topic in enumerate(_graph.topics, start=1)}
    for item in nav.items:
        if isinstance(item, Section) and any(getattr(child, "file", None) and child.file.src_uri in order
                                             for child in item.children):
            item.children.sort(key=lambda child: order.get(getattr(getattr(child, "file", None), "src_uri", ""), 0))
    return nav


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Collect each question's HTML for the gathering pages, then add toolbar and question links."""
    src = page.file.src_uri
    if _graph is None or not src.startswith("articles/"):
        return html
    slug, _ = page_language(Path(src))
    _fragments[slug] = question_fragments(html)
    assert _fragments_html is not None
    return annotate_article(html, slug, _graph, build_language(config), src, _fragments_html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill topic, guide and sheet pages with the collected question HTML."""
    return fill(output, _fragments) if "qbank-fragment" in output else output
