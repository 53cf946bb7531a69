"""MkDocs wiring for the bilingual site: per-language search index and files, notices for missing English."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from qbank.bank.load import page_language
from qbank.site import site_build
from qbank.site.untranslated import english_view
from qbank.site.urls import language_prefix

log = logging.getLogger("mkdocs.plugins.qbank.search")


@event_priority(-300)  # after the generators at -200
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Place generated files under this language's root and give them language-switcher alternates."""
    build = site_build.current()
    default, languages, current = build.settings.default_language, build.settings.languages, build.language
    for file in files:
        # Only generated files lack the `locale` and alternates i18n's switcher reads from a File.
        if hasattr(file, "locale"):
            continue
        base_url = file.url
        if current != default:
            file.dest_uri = f"{current}/{file.dest_uri}"
            file.url = file._get_url()
            file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
        file.locale = file.locale_alternate_of = current
        file.alternates = {lang: SimpleNamespace(url=language_prefix(lang, default) + base_url) for lang in languages}
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Tell the templates which search index this language uses, and its interface strings."""
    build = site_build.current()
    return {**context, "qbank_search_root": build.search_root, "qbank_ui": build.strings}


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """On a non-default language, show the original where the translation is missing, with a notice."""
    build, src = site_build.current(), page.file.src_uri
    slug, lang = page_language(Path(src))
    if build.is_default_language or not src.startswith("articles/") or (article := build.article(slug)) is None:
        return markdown
    return english_view(markdown, article, build.language, showing_original=lang != build.language)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config: MkDocsConfig) -> None:
    """Split the merged search index so each language downloads only its own pages."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # a nested per-language build; the merged index is not complete yet
    site_build.current().write_search_indexes(Path(config.site_dir), lambda: log.info("qbank: search index written"))


NOT_FOUND_PAGE = "404.html"


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page leads to each language's home, its language switcher too (i18n leaves that at
    whatever page was rendered last)."""
    if template_name != NOT_FOUND_PAGE:
        return context
    build = site_build.current()
    base = urlsplit(config.site_url or "").path.rstrip("/")
    homes = {language: f"{base}/{language_prefix(language, build.settings.default_language)}"
             for language in build.settings.languages}
    config.extra["alternate"] = [{**entry, "link": homes.get(entry.get("lang"), entry.get("link"))}
                                 for entry in config.extra.get("alternate", [])]
    return {**context, "qbank_homes": homes}


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Every language's build writes its 404 page to the site root: the default language's is kept."""
    return "" if template_name == NOT_FOUND_PAGE and not site_build.current().is_default_language else output
