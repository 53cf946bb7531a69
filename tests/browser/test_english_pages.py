"""The English site where an article has no English page yet: said so on the home page, English around the original."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import served_variant

UNTRANSLATED = "capital-advantage"


@pytest.fixture(scope="module")
def partly_translated_site(tmp_path_factory) -> Iterator[str]:
    """The real site with one article's English page taken away, served on a free port."""
    with served_variant(tmp_path_factory.mktemp("partly-translated"), remove=(f"articles/{UNTRANSLATED}.en.md",)) as url:
        yield url


def test_the_english_home_page_marks_each_articles_translation(page, partly_translated_site: str) -> None:
    page.goto(partly_translated_site + "en/")
    rows = page.eval_on_selector_all(".qbank-articles tbody tr td:first-child",
                                     "cells => cells.map(c => [c.querySelector('a').getAttribute('href'), c.innerText])")
    states = {href.strip("/").split("/")[-1]: text for href, text in rows}
    assert states[UNTRANSLATED].endswith("Chinese only"), states
    assert all(text.endswith("translated") for slug, text in states.items() if slug != UNTRANSLATED), states
    # The Chinese home page says nothing of translations.
    page.goto(partly_translated_site)
    assert "Chinese only" not in page.inner_text(".qbank-articles") and "仅有中文" not in page.inner_text(".qbank-articles")


def test_an_untranslated_article_has_english_labels_around_the_original(page, partly_translated_site: str) -> None:
    page.goto(partly_translated_site + f"en/articles/{UNTRANSLATED}/")
    assert page.locator("html").get_attribute("lang") == "en"
    # The <title> and the nav name the Chinese title, marked as the original.
    assert "(Chinese only)" in page.title() and "资本" in page.title()
    assert any("(Chinese only)" in link for link in page.eval_on_selector_all(
        ".md-sidebar--primary .md-nav__link--active", "els => els.map(e => e.textContent)"))
    assert "Not yet translated" in page.inner_text(".md-content")
    summaries = page.eval_on_selector_all("details.answer > summary", "els => els.map(e => e.textContent.trim())")
    assert summaries and set(summaries) == {"Answer"}, set(summaries)
    # The study toolbar is English too.
    assert page.get_by_role("button", name="Study mode").count() == 1
