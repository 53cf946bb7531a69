"""MkDocs wiring for qbank: the one build state, the home-page article listing, nav titles and each page's
Content-Security-Policy. The work is qbank_mkdocs.adapter's; this file only says which event calls what."""

from __future__ import annotations

from mkdocs.plugins import event_priority

from qbank_mkdocs.adapter import adapter


def on_startup(command, dirty):
    return adapter.startup(command, dirty)


def on_pre_build(config):
    return adapter.pre_build(config)


def on_env(env, config, files):
    return adapter.env(env)


def on_nav(nav, config, files):
    return adapter.nav(nav)


def on_page_markdown(markdown, page, config, files):
    return adapter.home_markdown(markdown, page)


@event_priority(-500)  # last: after every other hook and plugin has finished the page
def on_post_page(output, page, config):
    return adapter.finished_page(output, config)


@event_priority(-500)
def on_post_template(output, template_name, config):
    return adapter.finished_template(output, template_name, config)
