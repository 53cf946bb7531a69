"""MkDocs wiring for the question graph: generated pages and decks, links on questions, gathered answers.
The work is qbank_mkdocs.adapter's; this file only says which event calls what."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from qbank_mkdocs.adapter import adapter


@event_priority(-200)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files, config):
    return adapter.add_generated_files(files, config)


def on_page_markdown(markdown, page, config, files):
    return adapter.gathering_markdown(markdown, page)


def on_page_content(html, page, config, files):
    return adapter.page_content(html, page)


def on_post_page(output, page, config):
    return adapter.filled_page(output, page)
