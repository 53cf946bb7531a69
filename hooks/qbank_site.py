"""MkDocs wiring for qbank: home-page listing, nav titles and questions.json. Logic lives in `qbank`."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from qbank.bank import BankArticle, load_bank
from qbank.errors import QbankError
from qbank.export import bank_text
from qbank.site import ARTICLES_MARKER, article_table, ui

log = logging.getLogger("mkdocs.plugins.qbank.site")
try:  # Material's search segments Chinese with jieba; its start-up chatter is not news.
    import jieba

    jieba.setLogLevel(logging.WARNING)
except ImportError:  # pragma: no cover - jieba is pinned with the site stack
    pass
_bank: list[BankArticle] = []


def _language(config: MkDocsConfig) -> str:
    """The language of the build in progress (one build per language under i18n)."""
    i18n = config.plugins.get("i18n")
    current = getattr(i18n, "current_language", None) if i18n else None
    return current or config.theme.get("language", "zh")


def on_pre_build(config: MkDocsConfig) -> None:
    """Read the bank from the pages; a malformed page stops the build naming it."""
    global _bank
    try:
        _bank = load_bank(Path(config.docs_dir))
    except QbankError as error:
        raise PluginError(f"qbank: {error}") from None
    log.debug("loaded %d articles", len(_bank))


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Title the articles section in the build's language."""
    for item in nav.items:
        if isinstance(item, Section) and item.title.lower() == "articles":
            item.title = ui(_language(config))["articles_section"]
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand the article listing marker on the home page."""
    if ARTICLES_MARKER not in markdown:
        return markdown
    prefix = os.path.relpath("articles", os.path.dirname(page.file.src_uri) or ".").replace(os.sep, "/") + "/"
    return markdown.replace(ARTICLES_MARKER, article_table(_bank, _language(config), prefix))


@event_priority(-200)  # after mkdocs-static-i18n has sorted the files of this language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the question bank as questions.json, a file pages can link to."""
    files.append(File.generated(config, "questions.json", content=bank_text(_bank)))
    return files
