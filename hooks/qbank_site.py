"""MkDocs wiring for qbank: the one build state, the home-page article listing and nav titles."""

from __future__ import annotations

import logging

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from qbank import site_build
from qbank.errors import QbankError
from qbank.graph_pages import topic_page_path
from qbank.home import expand_markers
from qbank.render import Fragments
from qbank.settings import Settings
from qbank.site import nav_rank, section_title

log = logging.getLogger("mkdocs.plugins.qbank.site")


def on_pre_build(config: MkDocsConfig) -> None:
    """Load bank and graph once per language build (toc's ¶ title too: toc is configured once for both)."""
    i18n = config.plugins.get("i18n")
    default = i18n.default_language if i18n else config.theme.get("language", "zh")
    try:
        settings = Settings.from_site(config.docs_dir, config.extra.get("qbank"), default,
                                      list(i18n.build_languages) if i18n else [default], config.config_file_path)
        build = site_build.start(settings, getattr(i18n, "current_language", None) or default,
                                 Fragments(config.theme.get_env()))  # the theme's env: custom_dir overrides
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = build.strings["permalink"]
    except QbankError as error:
        raise PluginError(f"qbank: {error}") from None
    log.info("%s", build.summary)  # info: unsorted questions are normal and must not fail --strict


def _src(item: object) -> str:
    """The docs path of a nav item's page, or of a section's first page."""
    file = getattr(item, "file", None) or next((c.file for c in getattr(item, "children", []) if c.is_page), None)
    return file.src_uri if file else ""


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Sections titled in the build's language; home, study pages, reference pages (topics in taxonomy order)."""
    build = site_build.current()
    ranks = {topic_page_path(topic.id): rank for rank, topic in enumerate(build.graph.topics, start=1)}
    for item in nav.items:
        if isinstance(item, Section):
            item.title = section_title(_src(item), build.language) or item.title
            item.children.sort(key=lambda child: ranks.get(_src(child), 0))  # stable: others keep their order
    nav.items.sort(key=lambda item: nav_rank(_src(item)))
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand the home page's markers: the study tools and the article listing."""
    build = site_build.current()
    return expand_markers(markdown, build.articles, build.language, page.file.src_uri, build.fragments)
