"""MkDocs wiring for qbank: the one build state, the home-page article listing and nav titles."""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from qbank.errors import QbankError
from qbank.site import site_build
from qbank.site.graph_pages import BodyStyle
from qbank.site.listing import nav_rank, section_title
from qbank.site.render import COMPILED, Fragments
from qbank.site.settings import Settings

log = logging.getLogger("mkdocs.plugins.qbank.site")


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve --dirty` rebuilds only what an edit affects (qbank.site.rebuild)."""
    site_build.serving(command, dirty)


def on_pre_build(config: MkDocsConfig) -> None:
    """Load bank and graph once per language build (toc's ¶ title too: toc is configured once for both)."""
    default = getattr(i18n := config.plugins.get("i18n"), "default_language", "") or config.theme["language"]
    try:
        settings = Settings.from_site(config.docs_dir, config.extra.get("qbank"), default,
                                      list(i18n.build_languages) if i18n else [default], config.config_file_path,
                                      os.environ.get("QBANK_LANGUAGE", ""))
        env = config.theme.get_env()  # the theme's: its custom_dir overrides the fragments
        env.bytecode_cache = COMPILED
        style = BodyStyle.from_markdown(config.markdown_extensions, config.mdx_configs)
        build = site_build.start(settings, getattr(i18n, "current_language", None) or default, Fragments(env), style)
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = build.strings["permalink"]
    except QbankError as error:
        raise PluginError(f"qbank: {error}") from None
    if build.is_default_language:
        # The bank, the graph and their indexes are hundreds of thousands of objects that live for the whole
        # round of language builds: frozen, the collector stops rescanning them on every full collection
        # (a tenth of the build). The last round's (`mkdocs serve`) are thawed to be collected first.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    log.info("%s", build.summary)  # info: unsorted questions are normal and must not fail --strict
    if build.kept_graph:
        log.info("dirty rebuild: %d question(s) changed, no title: topics, duplicate links and the "
                 "Anki deck are kept from the last full build", len(build.changed or ()))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """The theme's templates compiled once per process, not once per language and rebuild."""
    env.bytecode_cache = COMPILED
    return env


def _src(item: object) -> str:
    """The docs path of a nav item's page, or of a section's first page."""
    file = getattr(item, "file", None) or next((c.file for c in getattr(item, "children", []) if c.is_page), None)
    return file.src_uri if file else ""


def _without(items: list, hidden: Callable[[str], bool]) -> list:
    """Nav items without the hidden pages, and without the sections left empty."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _without(item.children, hidden)
            if not item.children:
                continue
        elif getattr(item, "file", None) is not None and hidden(item.file.src_uri):
            continue
        kept.append(item)
    return kept


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Sections titled in the build's language; home, study pages, reference pages (topics in taxonomy order).
    A split view's later pages stay out of the nav: its first page and pagers lead to them."""
    build = site_build.current()
    nav.items = _without(nav.items, build.off_nav)
    for section in (item for item in nav.items if isinstance(item, Section)):
        section.title = section_title(_src(section), build.language) or section.title
        section.children.sort(key=lambda child: build.topic_rank(_src(child)))  # stable: others keep their order
    nav.items.sort(key=lambda item: nav_rank(_src(item)))
    pages = [page for item in nav.items for page in (item.children if isinstance(item, Section) else [item])]
    for number, page in enumerate(pages):  # the footer's previous / next follow the sorted nav
        page.previous_page = pages[number - 1] if number else None
        page.next_page = pages[number + 1] if number + 1 < len(pages) else None
    return nav


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand the home page's markers: the study tools and the article listing."""
    return site_build.current().expand_home(markdown, page.file.src_uri)


@event_priority(-500)  # last: after every other hook and plugin has finished the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page's Content-Security-Policy, made from its inline scripts (qbank.site.csp)."""
    return site_build.finished_page(output, config.repo_url)


@event_priority(-500)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page's policy too (an empty output is a language build's 404 page left out)."""
    return site_build.finished_page(output, config.repo_url) if output and template_name.endswith(".html") else output
