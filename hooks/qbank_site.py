"""MkDocs wiring for qbank: the home-page article listing and nav titles. Logic lives in `qbank`."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from qbank.bank import BankArticle, load_bank
from qbank.errors import QbankError
from qbank.site import ARTICLES_MARKER, article_table, build_language, ui

log = logging.getLogger("mkdocs.plugins.qbank.site")
try:  # Material's search segments Chinese with jieba; its start-up chatter is not news.
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - jieba is pinned with the site stack
    pass
_bank: list[BankArticle] = []


def on_pre_build(config: MkDocsConfig) -> None:
    """Read the bank from the pages; a malformed page stops the build naming it."""
    global _bank
    try:
        _bank = load_bank(Path(config.docs_dir))
    except QbankError as error:
        raise PluginError(f"qbank: {error}") from None
    log.debug("loaded %d articles", len(_bank))


SECTION_ORDER = {"articles": 1, "topics": 2}


def _folder(section: Section) -> str:
    """The docs folder a nav section was made from."""
    first = next((child for child in section.children if getattr(child, "file", None)), None)
    return first.file.src_uri.split("/")[0] if first else ""


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Title the generated sections in the build's language; order home, articles, topics, the rest."""
    strings = ui(build_language(config))
    titles = {"articles": strings["articles_section"], "topics": strings["topics_section"]}

    def rank(item: object) -> int:
        if isinstance(item, Section):
            return SECTION_ORDER.get(_folder(item), 3)
        file = getattr(item, "file", None)
        # Each language's home page (index.md, index.en.md) comes first.
        return 0 if file is not None and file.src_uri.split(".")[0] == "index" else 3

    for item in nav.items:
        if isinstance(item, Section) and _folder(item) in titles:
            item.title = titles[_folder(item)]
    nav.items.sort(key=rank)
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand the article listing marker on the home page."""
    if ARTICLES_MARKER not in markdown:
        return markdown
    prefix = os.path.relpath("articles", os.path.dirname(page.file.src_uri) or ".").replace(os.sep, "/") + "/"
    return markdown.replace(ARTICLES_MARKER, article_table(_bank, build_language(config), prefix))
