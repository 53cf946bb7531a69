"""MkDocs wiring for the bilingual site: per-language search index and files, notices for missing English.
The work is qbank_mkdocs.adapter's; this file only says which event calls what."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from qbank_mkdocs.adapter import adapter


@event_priority(-300)  # after the generators at -200
def on_files(files, config):
    return adapter.place_files(files, config)


def on_page_context(context, page, config, nav):
    return adapter.page_context(context)


def on_page_markdown(markdown, page, config, files):
    return adapter.untranslated_markdown(markdown, page)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built every language and merged the index
def on_post_build(config):
    return adapter.split_search_index(config)


def on_template_context(context, template_name, config):
    return adapter.not_found_context(context, template_name, config)


def on_post_template(output, template_name, config):
    return adapter.not_found_kept(output, template_name)
